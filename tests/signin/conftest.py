"""Helpers of the sign-in tests: an authenticator app, its codes, pages read in English."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation
from django_otp.oath import totp  # type: ignore[import-untyped]
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]

from qualimark.accounts.models import User

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _no_throttling(settings: Any) -> None:
    """django-otp makes a user wait after a wrong code; the tests type the next one at once."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def app_for(user: User) -> Any:
    """A confirmed authenticator app (TOTP device) of `user`."""
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


def code(device: Any) -> str:
    """The code the app shows now."""
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{value:0{device.digits}d}"


def wrong_code(device: Any) -> str:
    """A code the app shows at no moment near now (the device accepts one step of drift)."""
    valid = {
        f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=d):06d}"
        for d in (-1, 0, 1)
    }
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in valid)


def login_url(language: str = "en") -> str:
    return f"/{language}/account/login/"
