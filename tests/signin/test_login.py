"""Logging in with e-mail and password, logging out, and the start page of each role."""

from typing import Any

from django.test import Client
from django.urls import reverse

from qualimark.accounts.models import User
from qualimark.oversight.models import InspectionBody
from tests.signin.conftest import PASSWORD, login_url

FAILED = "The e-mail address or the password is not right. Check both and try again."


def test_the_login_page_asks_for_an_email_address(client: Client) -> None:
    page = client.get(login_url())

    assert page.status_code == 200
    assert b"E-mail address" in page.content
    assert b'name="password"' in page.content


def test_signing_in_keeps_the_language_of_the_page_it_started_from(
    client: Client, holder_member: User
) -> None:
    """A user whose profile says French, signing in on the English page, goes on in English
    (the profile's language is the language of their e-mails)."""
    holder_member.language = "fr"
    holder_member.save(update_fields=["language"])

    response = client.post(login_url(), {"username": holder_member.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/en/account/"
    assert client.get(response["Location"])["Location"] == "/en/portal/"
    assert client.session["_auth_user_id"] == str(holder_member.pk)


def test_signing_in_on_the_french_page_goes_on_in_french(
    client: Client, holder_member: User
) -> None:
    response = client.post(login_url("fr"), {"username": holder_member.email, "password": PASSWORD})

    assert response["Location"] == "/fr/account/"


def test_the_email_address_is_not_case_sensitive(client: Client, holder_member: User) -> None:
    response = client.post(
        login_url(), {"username": "AN.Peeters@Geotex.example", "password": PASSWORD}
    )

    assert response.status_code == 302


def test_a_wrong_password_and_an_unknown_address_get_the_same_message(
    client: Client, holder_member: User
) -> None:
    wrong = client.post(login_url(), {"username": holder_member.email, "password": "nope"})
    unknown = client.post(login_url(), {"username": "nobody@nowhere.example", "password": "nope"})

    for page in (wrong, unknown):
        assert page.status_code == 200
        assert FAILED in page.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_closed_account_cannot_log_in(client: Client, holder_member: User) -> None:
    holder_member.is_active = False
    holder_member.save(update_fields=["is_active"])

    page = client.post(login_url(), {"username": holder_member.email, "password": PASSWORD})

    assert FAILED in page.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_login_goes_back_to_the_page_asked_for(client: Client, holder_member: User) -> None:
    response = client.post(
        login_url() + "?next=/en/account/profile/",
        {"username": holder_member.email, "password": PASSWORD, "next": "/en/account/profile/"},
    )

    assert response["Location"] == "/en/account/profile/"


def test_the_login_never_sends_to_another_site(client: Client, holder_member: User) -> None:
    response = client.post(
        login_url(),
        {"username": holder_member.email, "password": PASSWORD, "next": "https://evil.example/"},
    )

    assert "evil.example" not in response["Location"]


def test_logout_is_a_post_and_ends_the_session(client: Client, holder_member: User) -> None:
    client.force_login(holder_member)

    assert client.get("/en/account/logout/").status_code == 405
    response = client.post("/en/account/logout/", follow=True)

    assert "_auth_user_id" not in client.session
    assert response.redirect_chain[-1][0].endswith("/account/login/")
    assert b"You are signed out." in response.content


def test_home_sends_a_holder_user_to_the_portal(client: Client, invited_member: User) -> None:
    client.force_login(invited_member)

    assert client.get("/en/account/")["Location"] == reverse("portal:home")


def test_home_sends_staff_to_the_work_queue(client: Client, reviewer: User) -> None:
    client.force_login(reviewer)

    assert client.get("/en/account/")["Location"] == reverse("backoffice:queue")


def test_home_sends_an_inspector_to_the_office(client: Client, inspector: User, db: Any) -> None:
    InspectionBody.objects.create(name="Inspecta Belgium").inspectors.add(inspector)
    client.force_login(inspector)

    assert client.get("/en/account/")["Location"] == reverse("backoffice:queue")


def test_home_sends_someone_without_role_to_the_public_registry(
    client: Client, outsider: User
) -> None:
    client.force_login(outsider)

    assert client.get("/en/account/")["Location"] == reverse("public:verify")


def test_home_asks_an_anonymous_visitor_to_log_in(client: Client) -> None:
    response = client.get("/en/account/")

    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/login/?next=")
