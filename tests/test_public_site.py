"""The site as a whole: three languages, accessible structure, and the health endpoint."""

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from qualimark.certification.models import Certificate


class Structure(HTMLParser):
    """The landmarks, labels and form controls of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def structure(html: str) -> Structure:
    parser = Structure()
    parser.feed(html)
    return parser


PAGES = [
    "/en/",
    "/en/?code=12345678",
    "/en/search/?q=geotex",
    "/en/documents/",
    "/en/subjects/",
    "/en/lots/request/",
]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_a_skip_link_landmarks_and_a_label_for_each_input(
    client: Client, certified: Certificate, url: str
) -> None:
    page = structure(client.get(url).content.decode())
    first_link = page.all("a")[0]
    assert first_link["href"] == "#main"
    assert [m.get("id") for m in page.all("main")] == ["main"]
    assert len(page.all("header")) == 1
    assert len(page.all("footer")) == 1
    assert len(page.all("nav")) >= 2
    labelled = {label["for"] for label in page.all("label")}
    controls = [
        c
        for c in page.all("input") + page.all("select")
        if c.get("type") not in ("hidden", "submit")
    ]
    assert controls or url in ("/en/documents/", "/en/subjects/")
    for control in controls:
        assert control["id"] in labelled, control


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_page_states_its_language(client: Client, db: None, language: str) -> None:
    html = client.get(f"/{language}/").content.decode()
    assert f'<html lang="{language}">' in html


def test_french_pages_speak_french(client: Client, ptv_829: object) -> None:
    html = client.get("/fr/documents/").content.decode()
    assert "Prescription Technique (PTV)" in html
    assert "Géotextiles et produits apparentés" in html  # the content too, in French
    assert "1 octobre 2021" in html  # dates the French way
    assert re.search(r'aria-current="true">Français<', html)


def test_the_language_switcher_keeps_the_page_and_its_question(
    client: Client, certified: Certificate
) -> None:
    html = client.get(f"/en/certificates/{certified.number}/").content.decode()
    for language in ("nl", "fr", "en"):
        assert f'href="/{language}/certificates/{certified.number}/" lang="{language}"' in html
    html = client.get("/fr/?code=12345678&on=2026-03-01").content.decode()
    assert 'href="/nl/?code=12345678&amp;on=2026-03-01" lang="nl"' in html
    assert 'href="/en/?code=12345678&amp;on=2026-03-01" lang="en"' in html


def test_the_language_switcher_works_on_a_page_that_does_not_exist(
    client: Client, db: None
) -> None:
    html = client.get("/fr/nowhere/").content.decode()
    assert '<html lang="fr">' in html
    assert 'href="/nl/nowhere/" lang="nl"' in html


def test_a_page_without_language_goes_to_the_visitors_language(client: Client, db: None) -> None:
    response = client.get("/search/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    assert response["Location"] == "/fr/search/"


def test_health_answers_ok_without_the_database(client: Client) -> None:
    # No `db` fixture: pytest-django makes any database access here an error.
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_health_with_the_database_asks_it_one_thing(
    client: Client, db: None, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(1):
        response = client.get("/health/db")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})
