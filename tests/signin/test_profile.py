"""The profile page: the user's language, and a way to change the password."""

from django.test import Client

from qualimark.accounts.models import User
from tests.signin.conftest import PASSWORD


def test_choosing_a_language_saves_it_and_shows_the_page_in_it(
    client: Client, holder_member: User
) -> None:
    client.force_login(holder_member)

    response = client.post("/en/account/profile/", {"language": "fr"})

    assert response.status_code == 302
    assert response["Location"] == "/fr/account/profile/"
    holder_member.refresh_from_db()
    assert holder_member.language == "fr"
    assert client.get(response["Location"]).status_code == 200


def test_an_unknown_language_is_refused(client: Client, holder_member: User) -> None:
    client.force_login(holder_member)

    page = client.post("/en/account/profile/", {"language": "de"})

    assert page.status_code == 200
    assert b"There is a problem" in page.content
    holder_member.refresh_from_db()
    assert holder_member.language == "nl"


def test_the_password_is_changed_with_the_old_one(client: Client, holder_member: User) -> None:
    client.force_login(holder_member)

    refused = client.post(
        "/en/account/password/",
        {
            "old_password": "wrong",
            "new_password1": "x9 long new pass",
            "new_password2": "x9 long new pass",
        },
    )
    changed = client.post(
        "/en/account/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "x9 long new pass",
            "new_password2": "x9 long new pass",
        },
    )

    assert refused.status_code == 200
    assert changed["Location"] == "/en/account/profile/"
    holder_member.refresh_from_db()
    assert holder_member.check_password("x9 long new pass")


def test_the_profile_needs_a_login(client: Client) -> None:
    response = client.get("/en/account/profile/")

    assert response["Location"].startswith("/en/account/login/?next=")
