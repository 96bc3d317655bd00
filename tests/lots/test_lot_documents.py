"""The PDFs of a lot's outcome: the conformity document with its code and verification link,
the refusal with the failed characteristics and no code."""

from datetime import date
from typing import Any

import pytest

from qualimark.accounts.models import User
from qualimark.documents.pdf import DocumentNotAvailable, lot_conformity_pdf, lot_refusal_pdf
from qualimark.links import verification_url
from qualimark.lots import services
from qualimark.lots.models import LotConformityDocument, LotInspectionRequest
from tests.lots.conftest import INSPECTED_ON, LOT
from tests.test_documents import pdf_text

PUBLIC_URL = "https://registry.example.be"


@pytest.fixture(autouse=True)
def _public_site(settings: Any) -> None:
    settings.QUALIMARK_PUBLIC_URL = PUBLIC_URL
    settings.QUALIMARK_CB_NAME = "COPRO vzw"


def test_the_conformity_pdf_names_code_product_quantity_lot_document_and_issue(
    conformity: LotConformityDocument,
) -> None:
    text = pdf_text(lot_conformity_pdf(conformity, language="en"))

    for expected in (
        "COPRO vzw",
        f"Lot conformity document {conformity.formatted_code}",
        "Nonwoven geotextile 200 g/m²",
        "1200 m²",
        "GT-2026-0311-A",
        "BENOR",
        "PTV 829",
        "2021.2",
        "11 March 2026",  # inspected
        "16 March 2026",  # issued
        "Marc Dubois",  # who issued it
        "is valid on 16 March 2026",
        verification_url(conformity.code),
    ):
        assert expected in text, expected
    assert verification_url(conformity.code) == f"{PUBLIC_URL}/v/{conformity.code}"


def test_the_conformity_pdf_is_written_in_the_language_asked(
    conformity: LotConformityDocument,
) -> None:
    french = pdf_text(lot_conformity_pdf(conformity, language="fr"))
    assert "16 mars 2026" in french


def test_there_is_no_conformity_pdf_for_a_day_before_the_issue(
    conformity: LotConformityDocument,
) -> None:
    with pytest.raises(DocumentNotAvailable, match="not yet issued on 15 March 2026"):
        lot_conformity_pdf(conformity, language="en", on=date(2026, 3, 15))


def test_the_refusal_pdf_lists_the_failed_characteristics_and_has_no_code(
    planned: LotInspectionRequest, decision_maker: User
) -> None:
    refusal = services.refuse_lot(
        planned,
        by=decision_maker,
        failed=[services.FailedCheck("tensile strength (MD)", "≥ 12 kN/m", "9.8 kN/m")],
        inspected_on=INSPECTED_ON,
        lot_identification=LOT,
    )
    text = pdf_text(lot_refusal_pdf(refusal, language="en"))

    for expected in (
        "Refusal of lot inspection P-2026-0001",
        "does not conform",
        "tensile strength (MD)",
        "12 kN/m",
        "9.8 kN/m",
        LOT,
    ):
        assert expected in text, expected
    # The PDF's font has no ≥: the sign is written out, not printed as another character.
    assert "³" not in text
    assert ">" in text
    assert "/v/" not in text
