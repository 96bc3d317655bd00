"""The layout of the signed-in pages: who is logged in, a logout button, languages, messages."""

from django.test import Client

from qualimark.accounts.models import User


def test_the_layout_names_the_user_and_offers_logout_and_languages(
    client: Client, holder_member: User
) -> None:
    client.force_login(holder_member)

    html = client.get("/en/account/profile/").content.decode()

    assert '<html lang="en">' in html
    assert 'href="#main"' in html
    assert 'id="main"' in html
    assert "An Peeters" in html
    assert 'action="/en/account/logout/"' in html
    assert "csrfmiddlewaretoken" in html
    assert 'href="/fr/account/profile/"' in html
    assert 'href="/nl/account/profile/"' in html


def test_messages_are_shown_once_in_a_live_region(client: Client, holder_member: User) -> None:
    client.force_login(holder_member)

    shown = client.post("/en/account/profile/", {"language": "en"}, follow=True).content.decode()
    later = client.get("/en/account/profile/").content.decode()

    assert 'role="status"' in shown
    assert "Your language is saved." in shown
    assert "Your language is saved." not in later
