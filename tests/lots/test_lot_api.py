"""The API's verification answers lot codes too: whole answers pinned, one code or a list."""

from typing import Any

import pytest
from django.test import Client

from qualimark.feed import services as feed
from qualimark.lots.models import LotConformityDocument
from tests.lots.conftest import typo_of

ENGLISH = {"accept-language": "en"}
ANSWERED_AT = "2026-03-16T10:00:00+01:00"


def get(client: Client, path: str) -> tuple[int, Any]:
    response = client.get(f"/api/v1{path}", headers=ENGLISH)
    assert response["Content-Type"].startswith("application/json")
    return response.status_code, response.json()


def lot_verdict(document: LotConformityDocument, **changes: Any) -> dict[str, Any]:
    return {
        "code": document.code,
        "on": "2026-03-16",
        "as_of": None,
        "answered_at": ANSWERED_AT,
        "sequence": feed.position(),  # the document's issue is the registry's last change
        "outcome": "valid",
        "valid": True,
        "message": (
            f"Lot conformity document {document.formatted_code} is valid on 16 March 2026: "
            "Nonwoven geotextile 200 g/m², 1200 m², lot GT-2026-0311-A (issued on "
            "16 March 2026)."
        ),
        "status": None,
        "first_day": "2026-03-16",
        "last_day": None,
        "certificate_number": None,
        "quick_code": None,
        "product_name": None,
        "holder": None,
        "scheme": {"code": "BENOR", "name": "BENOR"},
        "subject": {"code": "geotextiles", "kind": "product", "name": "Geotextiles"},
        "superseded_by": None,
        "lot": {
            "code": document.code,
            "product": "Nonwoven geotextile 200 g/m²",
            "quantity": 1200.0,
            "unit": "m2",
            "lot_identification": "GT-2026-0311-A",
            "issued_on": "2026-03-16",
            "inspection_document": {"kind": "ptv", "reference": "PTV 829", "version": "2021.2"},
        },
        "suggestions": [],
        "verification_url": f"http://127.0.0.1:8000/v/{document.code}",
        **changes,
    }


def test_a_lot_code_gets_the_whole_verdict_with_its_lot(
    client: Client, conformity: LotConformityDocument
) -> None:
    assert get(client, f"/verify/{conformity.code}") == (200, lot_verdict(conformity))


def test_a_lot_code_typed_in_groups_and_lowercase_is_found(
    client: Client, conformity: LotConformityDocument
) -> None:
    typed = conformity.formatted_code.lower().replace(" ", "-")
    status, body = get(client, f"/verify/{typed}")
    assert (status, body["code"], body["outcome"], body["lot"]["code"]) == (
        200,
        typed,
        "valid",
        conformity.code,
    )


def test_a_date_before_the_issue_is_not_yet_issued(
    client: Client, conformity: LotConformityDocument
) -> None:
    expected = lot_verdict(
        conformity,
        on="2026-03-01",
        outcome="not_yet_issued",
        valid=False,
        message=(
            f"Lot conformity document {conformity.formatted_code} (Nonwoven geotextile "
            "200 g/m², 1200 m², lot GT-2026-0311-A) was not yet issued on 1 March 2026: it "
            "was issued on 16 March 2026."
        ),
        first_day=None,
        last_day="2026-03-15",
    )
    assert get(client, f"/verify/{conformity.code}?on=2026-03-01") == (200, expected)


def test_a_mistyped_lot_code_is_an_answer_without_suggestions(
    client: Client, conformity: LotConformityDocument
) -> None:
    typo = typo_of(conformity.code)
    status, body = get(client, f"/verify/{typo}")
    assert (status, body["outcome"], body["lot"], body["suggestions"]) == (
        200,
        "mistyped",
        None,
        [],
    )
    assert body["message"].startswith(f"{typo} is not a valid lot code")


@pytest.mark.parametrize("code", ["L123", "l%202600%20001", "L1234567890"])
def test_a_lot_code_of_the_wrong_length_is_refused_as_malformed(
    client: Client, db: None, code: str
) -> None:
    status, body = get(client, f"/verify/{code}")
    assert (status, body["error"]["code"]) == (400, "malformed_code")
    assert "a lot code is the letter L and 8 digits" in body["error"]["message"]


def test_a_delivery_list_mixes_lot_codes_with_other_codes(
    client: Client, conformity: LotConformityDocument
) -> None:
    typo = typo_of(conformity.code)
    response = client.post(
        "/api/v1/verify",
        {"codes": [conformity.code, typo, "L123", "BENOR-000001"], "on": "2026-03-16"},
        content_type="application/json",
        headers=ENGLISH,
    )
    body = response.json()
    assert response.status_code == 200
    assert [(r["outcome"], r["lot"] is not None) for r in body["results"]] == [
        ("valid", True),
        ("mistyped", False),
        ("malformed", False),
        ("unknown", False),
    ]
    assert body["results"][0] == lot_verdict(conformity)
