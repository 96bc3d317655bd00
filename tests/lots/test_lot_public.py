"""The public registry shows a lot verdict, the lot's page, its PDF and QR code, and /v/ links."""

from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client

from qualimark.links import verification_url
from qualimark.lots.models import LotConformityDocument
from tests.lots.conftest import typo_of

PUBLIC_URL = "https://registry.example.be"


@pytest.fixture(autouse=True)
def _public_site(settings: Any) -> None:
    settings.QUALIMARK_PUBLIC_URL = PUBLIC_URL


def page(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def test_the_verify_page_shows_a_valid_lot_with_product_quantity_lot_document_and_issue(
    client: Client, conformity: LotConformityDocument
) -> None:
    html = page(client, f"/en/?code={quote(conformity.formatted_code)}")

    assert 'class="verdict-banner" id="verdict-banner">VALID<' in html
    assert f'href="/en/lots/{conformity.code}/">{conformity.formatted_code}</a>' in html
    for fact in (
        "<dt>Product</dt><dd>Nonwoven geotextile 200 g/m²</dd>",
        "<dt>Quantity</dt><dd>1200 m²</dd>",
        "<dt>Lot identification</dt><dd>GT-2026-0311-A</dd>",
        "<dt>Inspection document</dt><dd>PTV 829, version 2021.2",
        "<dt>Date of issue</dt><dd>16 March 2026</dd>",
    ):
        assert fact in html, fact


def test_the_verify_page_on_a_day_before_the_issue_says_not_yet_issued(
    client: Client, conformity: LotConformityDocument
) -> None:
    html = page(client, f"/en/?code={conformity.code}&on=2026-03-10")
    assert ">NOT VALID<" in html
    assert "was not yet issued on 10 March 2026: it was issued on 16 March 2026" in html


def test_a_mistyped_lot_code_on_the_verify_page_says_so(
    client: Client, conformity: LotConformityDocument
) -> None:
    html = page(client, f"/en/?code={typo_of(conformity.code)}")
    assert ">NOT VALID<" in html
    assert "is not a valid lot code: its check digit does not match" in html
    assert conformity.code not in html.replace(typo_of(conformity.code), "")


@pytest.mark.parametrize("code", ["L123", "l 2600 001", "L" + "1" * 59])
def test_a_lot_code_of_the_wrong_length_on_the_verify_page_is_explained(
    client: Client, db: None, code: str
) -> None:
    html = page(client, f"/en/?code={quote(code)}")
    assert ">NOT VALID<" in html
    assert "is not a lot code: a lot code is the letter L and 8 digits" in html


def test_the_verify_page_is_translated(client: Client, conformity: LotConformityDocument) -> None:
    html = page(client, f"/fr/?code={conformity.code}")
    assert 'lang="fr"' in html
    assert "16 mars 2026" in html


def test_the_lot_page_shows_the_document_with_its_pdf_and_qr_code(
    client: Client, conformity: LotConformityDocument
) -> None:
    html = page(client, f"/en/lots/{conformity.code}/")

    assert "<h1>Nonwoven geotextile 200 g/m²</h1>" in html
    assert f"Lot conformity document {conformity.formatted_code}" in html
    assert "<dt>Lot identification</dt><dd>GT-2026-0311-A</dd>" in html
    assert "<dt>Inspected on</dt><dd>11 March 2026</dd>" in html
    assert f"<code>{PUBLIC_URL}/v/{conformity.code}</code>" in html
    assert f'href="/en/lots/{conformity.code}/lot.pdf"' in html
    assert f'src="/en/lots/{conformity.code}/qr.svg"' in html
    # The requester is no certificate holder: the page does not name them.
    assert "Bram Janssens" not in html
    assert "bram@wegenbouw.example" not in html


def test_the_lot_page_accepts_the_code_as_people_type_it(
    client: Client, conformity: LotConformityDocument
) -> None:
    html = page(client, f"/en/lots/{conformity.code.lower()}/")
    assert conformity.formatted_code in html


@pytest.mark.parametrize("suffix", ["", "lot.pdf", "qr.svg", "qr.png"])
def test_a_mistyped_or_unknown_lot_code_is_a_friendly_404(
    client: Client, conformity: LotConformityDocument, suffix: str
) -> None:
    for code in (typo_of(conformity.code), "L12345671", "L1", "%00", "x" * 80):
        html = page(client, f"/en/lots/{code}/{suffix}", status=404)
        assert "No lot conformity document has the code" in html


def test_the_pdf_downloads_with_the_lot_code_in_its_name(
    client: Client, conformity: LotConformityDocument
) -> None:
    response = client.get(f"/nl/lots/{conformity.code}/lot.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="lot-{conformity.code}-nl.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF-")


def test_a_pdf_asked_for_a_day_before_the_issue_or_a_bad_day_is_explained(
    client: Client, conformity: LotConformityDocument
) -> None:
    before = page(client, f"/en/lots/{conformity.code}/lot.pdf?on=2026-03-01", status=409)
    assert "was not yet issued on 1 March 2026" in before
    bad = page(client, f"/en/lots/{conformity.code}/lot.pdf?on=yesterday", status=400)
    assert "year-month-day" in bad


def test_the_qr_code_leads_to_the_short_link_of_the_lot_code(
    client: Client, conformity: LotConformityDocument
) -> None:
    svg = client.get(f"/en/lots/{conformity.code}/qr.svg")
    png = client.get(f"/en/lots/{conformity.code}/qr.png")

    assert verification_url(conformity.code) == f"{PUBLIC_URL}/v/{conformity.code}"
    assert f"<title>{PUBLIC_URL}/v/{conformity.code}</title>" in svg.content.decode()
    assert (svg["Content-Type"], png["Content-Type"]) == (
        "image/svg+xml; charset=utf-8",
        "image/png",
    )
    assert png.content.startswith(b"\x89PNG")


@pytest.mark.parametrize(("language", "home"), [("fr", "/fr/"), ("en", "/en/")])
def test_a_short_link_of_a_lot_code_opens_its_verdict_in_the_visitors_language(
    client: Client, conformity: LotConformityDocument, language: str, home: str
) -> None:
    response = client.get(f"/v/{conformity.code}", headers={"accept-language": language})
    assert response.status_code == 302
    assert response["Location"] == f"{home}?code={conformity.code}"
    html = page(client, response["Location"])
    assert conformity.formatted_code in html
    assert "GT-2026-0311-A" in html


def test_a_short_link_with_a_mistyped_lot_code_answers_mistyped(
    client: Client, conformity: LotConformityDocument
) -> None:
    response = client.get(
        f"/v/{typo_of(conformity.code)}", follow=True, headers={"accept-language": "en"}
    )
    assert response.status_code == 200
    assert "is not a valid lot code" in response.content.decode()
