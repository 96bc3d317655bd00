"""The decision letter: a real PDF telling the holder what was decided, why, and how to appeal."""

from datetime import date

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate
from qualimark.certification.services import EvidenceLink
from qualimark.documents.letters import decision_letter_attachment, decision_letter_pdf
from tests.test_documents import pdf_text


def test_the_letter_names_the_certificate_the_decision_its_dates_reason_evidence_and_appeal(
    certified: Certificate, decision_maker: User
) -> None:
    decision = certification.suspend_certificate(
        certified,
        by=decision_maker,
        reason="Major nonconformity on PTV 829 §5.2 not corrected.",
        effective=date(2026, 3, 16),
        until=date(2026, 4, 1),
        evidence=[EvidenceLink("Inspection report 2026-00001")],
    )

    pdf = decision_letter_pdf(decision, language="en")

    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    for expected in (
        "COPRO vzw",
        "Geotex Belgium",
        "Industrieweg 12",
        f"Decision on certificate {certified.number}",
        "Suspend the certificate",
        "certified",
        "suspended",
        "16 March 2026",
        "1 April 2026",
        "Major nonconformity on PTV 829 §5.2 not corrected.",
        "Marc Dubois",
        "Inspection report 2026-00001",
        "You may appeal against this decision",
    ):
        assert expected in text, expected


def test_the_letter_is_written_in_the_readers_language(
    certified: Certificate, decision_maker: User
) -> None:
    decision = certified.decisions.order_by("-id").first()
    assert decision is not None

    name, pdf, mimetype = decision_letter_attachment(decision.pk, language="fr")

    assert (name, mimetype) == (
        f"decision-{certified.number}-{decision.pk}.pdf",
        "application/pdf",
    )
    text = pdf_text(pdf)
    assert "Numéro de certificat" in text
    assert "2 février 2026" in text
    assert certified.number in text


def test_the_letter_of_an_annulment_names_the_decision_it_annuls(
    certified: Certificate, decision_maker: User, appeals_officer: User
) -> None:
    suspension = certification.suspend_certificate(
        certified, by=decision_maker, reason="Nonconformity.", effective=date(2026, 3, 2)
    )
    annulment = certification.annul_decision(
        suspension, by=appeals_officer, reason="Annulled on appeal B-2026-0001: not founded."
    )

    text = pdf_text(decision_letter_pdf(annulment, language="en"))

    for expected in (
        "Annul a decision on appeal",
        "Annuls",
        "Suspend the certificate, effective 2 March 2026",
        "Annulled on appeal B-2026-0001: not founded.",
        "Lea Janssens",
    ):
        assert expected in text, expected
