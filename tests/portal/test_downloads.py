"""The holder's documents: certificate, datasheet, decision letter, report and uploads."""

from datetime import date

from qualimark.accounts.models import User
from qualimark.applications import services as applications
from qualimark.applications.models import RequiredDocument
from qualimark.certification.models import Certificate
from qualimark.datasheets.models import Datasheet
from qualimark.datasheets.services import create_datasheet
from qualimark.oversight.models import Inspection
from qualimark.parties.models import Organisation, ProductionUnit
from qualimark.schemes.models import DocumentVersion, Programme
from tests.portal.conftest import PDF_BYTES, pdf_upload, url


def _is_pdf(response, filename: str) -> None:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert filename in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")


def test_the_certificate_downloads_as_a_pdf_in_the_language_of_the_page(
    login, holder_member: User, certified: Certificate
):
    response = login(holder_member).get(url("certificate-pdf", certified.number))

    _is_pdf(response, f"certificate-{certified.number}-en.pdf")


def test_a_file_not_yet_granted_has_no_certificate_to_download(
    login, holder_member: User, in_trial: Certificate
):
    response = login(holder_member).get(url("certificate-pdf", in_trial.number))

    assert response.status_code == 409
    assert "No document yet" in response.content.decode()


def test_a_datasheet_downloads_as_a_pdf(login, invited_member: User, datasheet: Datasheet):
    response = login(invited_member).get(url("datasheet-pdf", datasheet.quick_code))

    _is_pdf(response, f"datasheet-{datasheet.quick_code}-en.pdf")


def test_a_datasheet_not_yet_published_has_no_pdf_but_says_why(
    login, holder_member: User, certified: Certificate, file_manager: User
):
    draft = create_datasheet(
        certified,
        by=file_manager,
        product_name="Draft sheet",
        trade_name="Draft",
        characteristics=[],
    )

    response = login(holder_member).get(url("datasheet-pdf", draft.quick_code))

    assert response.status_code == 409
    assert "was not published" in response.content.decode()


def test_a_decision_letter_downloads_as_a_pdf(login, holder_member: User, certified: Certificate):
    decision = certified.decisions.get(transition="grant")

    response = login(holder_member).get(url("decision-letter", certified.number, decision.pk))

    _is_pdf(response, f"decision-{certified.number}-{decision.pk}-en.pdf")


def test_a_decision_of_another_file_is_not_found_under_this_file(
    login,
    holder_member: User,
    certified: Certificate,
    other_holder: Organisation,
    geotextiles_benor: Programme,
    file_manager: User,
):
    from qualimark.certification import services as certification
    from qualimark.parties.services import add_production_unit

    unit = add_production_unit(
        other_holder,
        by=file_manager,
        name="Kortrijk",
        street="Kaai 1",
        postal_code="8500",
        town="Kortrijk",
    )
    other = certification.apply_for_certification(
        holder=other_holder,
        programme=geotextiles_benor,
        production_unit=unit,
        by=file_manager,
        applied_on=date(2026, 1, 5),
    )
    foreign = other.decisions.get()

    response = login(holder_member).get(url("decision-letter", certified.number, foreign.pk))

    assert response.status_code == 404


def test_an_inspection_report_downloads_as_a_pdf(login, holder_member: User, sent: Inspection):
    response = login(holder_member).get(url("inspection-report", sent.reference))

    _is_pdf(response, f"inspection-report-{sent.reference}-en.pdf")


def test_an_upload_downloads_as_an_attachment_under_its_original_name(
    login,
    invited_member: User,
    holder: Organisation,
    plant: ProductionUnit,
    geotextiles_benor: Programme,
    ptv_version: DocumentVersion,
    required_documents: list[RequiredDocument],
):
    draft = applications.start_application(
        holder, by=invited_member, programme=geotextiles_benor, production_unit=plant
    )
    upload = applications.add_upload(
        draft,
        by=invited_member,
        requirement=required_documents[0],
        upload=pdf_upload("Handboek FPC 2026.pdf"),
    )

    response = login(invited_member).get(url("application-upload", draft.reference, upload.pk))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "Handboek FPC 2026.pdf" in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_BYTES
