"""Choosing a new password by e-mail: the link arrives in the user's language and works once."""

import re
from typing import Any

from django.core import mail
from django.test import Client

from qualimark.accounts.models import User
from tests.signin.conftest import PASSWORD

NEW_PASSWORD = "a much longer secret 2026"


def _ask_for_link(client: Client, email: str) -> Any:
    return client.post("/en/account/password/reset/", {"email": email}, follow=True)


def _link(body: str) -> str:
    found = re.search(r"https://registry\.example(/\S+/account/password/reset/\S+/)", body)
    assert found is not None, body
    return found.group(1)


def test_the_reset_mail_arrives_in_the_user_language_with_a_working_link(
    client: Client, holder_member: User, settings: Any
) -> None:
    settings.QUALIMARK_PUBLIC_URL = "https://registry.example"
    holder_member.language = "fr"
    holder_member.save(update_fields=["language"])

    page = _ask_for_link(client, "An.Peeters@geotex.example")

    assert b"Check your e-mail" in page.content
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [holder_member.email]
    link = _link(str(mail.outbox[0].body))
    assert link.startswith("/fr/account/password/reset/")
    form = client.get(link, follow=True)
    assert form.context["validlink"]
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert done.redirect_chain[-1][0] == "/fr/account/password/reset/done/"
    holder_member.refresh_from_db()
    assert holder_member.check_password(NEW_PASSWORD)
    assert not holder_member.check_password(PASSWORD)


def test_the_link_works_only_once(client: Client, holder_member: User, settings: Any) -> None:
    settings.QUALIMARK_PUBLIC_URL = "https://registry.example"
    holder_member.language = "en"  # the link opens the page in the person's language
    holder_member.save(update_fields=["language"])
    _ask_for_link(client, holder_member.email)
    link = _link(str(mail.outbox[0].body))
    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    again = client.get(link, follow=True)

    assert not again.context["validlink"]
    assert b"This link no longer works" in again.content


def test_an_unknown_address_gets_the_same_page_and_no_mail(client: Client, db: None) -> None:
    page = _ask_for_link(client, "nobody@nowhere.example")

    assert b"Check your e-mail" in page.content
    assert mail.outbox == []


def test_a_mail_in_dutch_has_a_dutch_link(
    client: Client, holder_member: User, settings: Any
) -> None:
    settings.QUALIMARK_PUBLIC_URL = "https://registry.example"

    _ask_for_link(client, holder_member.email)  # asked on the English page

    assert _link(str(mail.outbox[0].body)).startswith("/nl/")
