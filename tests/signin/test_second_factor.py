"""Logging in in two steps: the password, then the code of an authenticator app (TOTP)."""

from typing import Any

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]

from qualimark.access.second_factor import needs_second_factor
from qualimark.accounts.models import User
from qualimark.oversight.models import InspectionBody
from tests.signin.conftest import PASSWORD, app_for, code, login_url, wrong_code

CODE_STEP = "/en/account/code/"
SETUP_STEP = "/en/account/code/setup/"


def _password_step(client: Client, user: User, **extra: str) -> Any:
    return client.post(login_url(), {"username": user.email, "password": PASSWORD, **extra})


def test_a_user_with_an_app_is_not_logged_in_by_the_password_alone(
    client: Client, holder_member: User
) -> None:
    app_for(holder_member)

    response = _password_step(client, holder_member)

    assert response["Location"] == CODE_STEP
    assert "_auth_user_id" not in client.session
    assert client.get("/en/account/profile/").status_code == 302


def test_the_right_code_completes_the_login(client: Client, holder_member: User) -> None:
    device = app_for(holder_member)
    _password_step(client, holder_member)

    response = client.post(CODE_STEP, {"token": code(device)})

    assert response.status_code == 302
    assert response["Location"] == "/en/account/"  # the language the sign-in started in
    assert client.session["_auth_user_id"] == str(holder_member.pk)
    assert client.get("/en/account/profile/").status_code == 200


def test_a_wrong_code_is_refused_with_a_message(client: Client, holder_member: User) -> None:
    device = app_for(holder_member)
    _password_step(client, holder_member)

    page = client.post(CODE_STEP, {"token": wrong_code(device)})

    assert page.status_code == 200
    assert "This code is not right." in page.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_code_that_is_not_six_digits_is_refused(client: Client, holder_member: User) -> None:
    app_for(holder_member)
    _password_step(client, holder_member)

    page = client.post(CODE_STEP, {"token": "12ab56"})

    assert "Enter the 6 digits shown by your authenticator app." in page.content.decode()


def test_the_code_step_goes_on_to_the_page_asked_for(client: Client, holder_member: User) -> None:
    device = app_for(holder_member)
    _password_step(client, holder_member, next="/en/account/profile/")

    response = client.post(CODE_STEP, {"token": code(device)})

    assert response["Location"] == "/en/account/profile/"


def test_the_code_step_without_a_password_step_goes_back_to_login(client: Client) -> None:
    assert client.get(CODE_STEP)["Location"] == "/en/account/login/"


def test_a_staff_member_who_must_use_an_app_sets_one_up_at_first_login(
    client: Client, decision_maker: User
) -> None:
    decision_maker.second_factor_required = True
    decision_maker.save(update_fields=["second_factor_required"])

    assert _password_step(client, decision_maker)["Location"] == SETUP_STEP
    page = client.get(SETUP_STEP)
    assert page.status_code == 200
    assert b"<svg" in page.content
    secret = page.context["secret"]
    assert secret
    assert secret in page.content.decode()
    assert "_auth_user_id" not in client.session

    device = TOTPDevice.objects.get(user=decision_maker)
    response = client.post(SETUP_STEP, {"token": code(device)})

    device.refresh_from_db()
    assert device.confirmed
    assert response["Location"] == "/en/account/"  # the language the sign-in started in
    assert client.session["_auth_user_id"] == str(decision_maker.pk)


def test_a_wrong_first_code_leaves_the_app_unconfirmed(
    client: Client, decision_maker: User
) -> None:
    decision_maker.second_factor_required = True
    decision_maker.save(update_fields=["second_factor_required"])
    _password_step(client, decision_maker)
    client.get(SETUP_STEP)
    device = TOTPDevice.objects.get(user=decision_maker)

    page = client.post(SETUP_STEP, {"token": wrong_code(device)})

    device.refresh_from_db()
    assert "This code is not right." in page.content.decode()
    assert not device.confirmed
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("persona", ["file_manager", "decision_maker", "reviewer"])
def test_the_staff_setting_requires_a_second_factor_of_all_staff(
    request: pytest.FixtureRequest, settings: Any, persona: str
) -> None:
    user = request.getfixturevalue(persona)
    assert not needs_second_factor(user)

    settings.QUALIMARK_STAFF_SECOND_FACTOR = True

    assert needs_second_factor(user)


def test_the_staff_setting_covers_inspectors_and_administrators_but_not_holders(
    settings: Any, inspector: User, holder_member: User, outsider: User
) -> None:
    settings.QUALIMARK_STAFF_SECOND_FACTOR = True
    InspectionBody.objects.create(name="Inspecta Belgium").inspectors.add(inspector)
    admin = User.objects.create_superuser("root@copro.example", PASSWORD)

    assert needs_second_factor(inspector)
    assert needs_second_factor(admin)
    assert not needs_second_factor(holder_member)
    assert not needs_second_factor(outsider)
