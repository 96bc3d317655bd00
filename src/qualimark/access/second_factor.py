"""The second factor (TOTP, through django-otp): who must use one, and the devices.

django-otp ships without type information; this module is the one place that talks to it,
with typed wrappers for the rest of Qualimark.
"""

from base64 import b32encode
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext

from qualimark.accounts.models import User
from qualimark.parties.roles import is_cb_staff, is_inspector

DEVICE_NAME = "Authenticator app"


def _device_model() -> Any:
    # Looked up by name: a static import of django-otp's models would make mypy's Django
    # plugin analyse that untyped package along with the User model.
    return apps.get_model("otp_totp", "TOTPDevice")


def _devices(user: User, *, confirmed: bool) -> QuerySet[Any]:
    devices: QuerySet[Any] = _device_model().objects.filter(user=user, confirmed=confirmed)
    return devices


def needs_second_factor(user: User | AnonymousUser) -> bool:
    """Whether the user must log in with a second factor.

    Set per account (`second_factor_required`), or for all staff, inspectors and administrators
    at once with QUALIMARK_STAFF_SECOND_FACTOR.
    """
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    if user.second_factor_required:
        return True
    return bool(settings.QUALIMARK_STAFF_SECOND_FACTOR) and (
        is_cb_staff(user) or is_inspector(user) or user.is_superuser
    )


def confirmed_device(user: User) -> Any | None:
    """The user's confirmed TOTP device, if the user has set one up."""
    return _devices(user, confirmed=True).first()


def uses_second_factor(user: User | AnonymousUser) -> bool:
    """Whether the user logs in in two steps: it must, or it chose to set up a device."""
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    return needs_second_factor(user) or confirmed_device(user) is not None


def is_verified(user: Any) -> bool:
    """Whether this session passed the second factor (set on request.user by OTPMiddleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check()) if callable(check) else False


def second_factor_pending(request: HttpRequest) -> bool:
    """A logged-in user who logs in in two steps but has not given the token in this session."""
    user = request.user
    return isinstance(user, User) and uses_second_factor(user) and not is_verified(user)


def unconfirmed_device(user: User) -> Any:
    """The device being set up (kept between the page with the QR code and its confirmation)."""
    device = _devices(user, confirmed=False).first()
    if device is None:
        device = _device_model().objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_text(device: Any) -> str:
    """The device's key as people type it into an authenticator app (base32, in groups of 4)."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def config_url(device: Any) -> str:
    return str(device.config_url)


def verify_token(device: Any, token: str) -> bool:
    """Check a token against a device (throttled and never accepting the same token twice)."""
    return bool(device.verify_token(token))


def confirm_device(device: Any) -> None:
    device.confirmed = True
    device.save(update_fields=["confirmed"])


def mark_verified(request: HttpRequest, device: Any) -> None:
    """Record in the session that the logged-in user passed the second factor with `device`."""
    from django_otp import login  # type: ignore[import-untyped]

    login(request, device)


def throttle_message(device: Any) -> str:
    allowed, _data = device.verify_is_allowed()
    if allowed:
        return ""
    return gettext("Too many wrong codes: wait a minute before trying again.")


__all__ = [
    "confirm_device",
    "confirmed_device",
    "is_verified",
    "mark_verified",
    "needs_second_factor",
    "second_factor_pending",
    "secret_text",
    "unconfirmed_device",
    "uses_second_factor",
    "verify_token",
]
