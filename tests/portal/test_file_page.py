"""The file page: one certificate with its decisions, datasheets, reports, sanctions, proposals."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qualimark.accounts.models import User
from qualimark.applications import services as applications
from qualimark.applications.models import RequiredDocument
from qualimark.certification.models import Certificate
from qualimark.certification.services import annul_decision, suspend_certificate
from qualimark.datasheets.models import Datasheet
from qualimark.datasheets.proposals import propose_datasheet
from qualimark.datasheets.services import create_datasheet, publish_datasheet_version
from qualimark.oversight.models import Inspection
from qualimark.parties.models import Organisation, ProductionUnit
from qualimark.sanctions.models import SanctionKind
from qualimark.sanctions.services import impose_sanction
from qualimark.schemes.models import DocumentVersion, Programme
from tests.portal.conftest import pdf_upload, url


def test_the_file_page_shows_the_status_dates_and_decisions(
    login, holder_member: User, certified: Certificate
):
    response = login(holder_member).get(url("file", certified.number))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Certified" in page
    assert "5 January 2026" in page  # applied on
    assert "Grant the certificate" in page
    assert "Trial period passed." in page
    decision = certified.decisions.get(transition="grant")
    assert url("decision-letter", certified.number, decision.pk) in page
    assert url("certificate-pdf", certified.number) in page


def test_the_file_page_says_which_decision_was_annulled_on_appeal(
    login, holder_member: User, certified: Certificate, decision_maker: User, appeals_officer: User
):
    suspension = suspend_certificate(
        certified, by=decision_maker, reason="Nonconformity.", effective=date(2026, 3, 2)
    )
    annulment = annul_decision(suspension, by=appeals_officer, reason="Appeal B-2026-0001.")

    page = login(holder_member).get(url("file", certified.number)).content.decode()

    row = page.split("Suspend the certificate")[1].split("</tr>")[0]
    assert "Annulled on appeal on 16 March 2026: as if it had never been taken." in row
    assert "Annul a decision on appeal" in page
    assert url("decision-letter", certified.number, annulment.pk) in page
    assert "Certified" in page


def test_the_file_page_lists_datasheets_with_their_pdf_and_a_link_to_propose_a_version(
    login, holder_member: User, datasheet: Datasheet
):
    page = login(holder_member).get(url("file", datasheet.certificate.number)).content.decode()

    assert "GeoTex N300" in page
    assert "Nonwoven geotextile" in page
    assert "Published" in page
    assert url("datasheet-pdf", datasheet.quick_code) in page
    assert url("propose-version", datasheet.quick_code) in page
    assert url("propose-datasheet", datasheet.certificate.number) in page


def test_the_file_page_lists_the_inspections_whose_report_was_sent_only(
    login, holder_member: User, sent: Inspection, body, inspector: User, file_manager: User
):
    from qualimark.oversight import planning

    unannounced = planning.plan_inspection(
        sent.certificate,
        by=file_manager,
        body=body,
        inspector=inspector,
        planned_on=date(2026, 4, 20),
    )

    page = login(holder_member).get(url("file", sent.certificate.number)).content.decode()

    assert url("inspection", sent.reference) in page
    assert "23 March 2026" in page
    assert unannounced.reference not in page


def test_the_file_page_shows_sanctions_in_force(
    login,
    holder_member: User,
    certified: Certificate,
    tra_829: DocumentVersion,
    decision_maker: User,
):
    impose_sanction(
        certified,
        SanctionKind.STRICTER_OVERSIGHT,
        by=decision_maker,
        reason="Repeated major nonconformities.",
        inspections_per_year=10,
        until=date(2026, 9, 16),
    )

    page = login(holder_member).get(url("file", certified.number)).content.decode()

    assert "Sanctions in force" in page
    assert "Stricter oversight" in page
    assert "10 inspections a year" in page
    assert "15 September 2026" in page  # the last day it applies


def test_the_file_page_shows_the_proposals_and_their_status(
    login, holder_member: User, certified: Certificate
):
    propose_datasheet(
        certified,
        by=holder_member,
        product_name="Woven geotextile",
        trade_name="GeoTex W200",
        characteristics=[{"name": "Tensile strength", "value": "20", "unit": "kN/m"}],
    )

    page = login(holder_member).get(url("file", certified.number)).content.decode()

    assert "Your datasheet proposals" in page
    assert "GeoTex W200" in page
    assert "Proposed" in page


def test_the_file_page_shows_the_application_it_came_from_with_its_uploads(
    login,
    holder_member: User,
    holder: Organisation,
    plant: ProductionUnit,
    geotextiles_benor: Programme,
    ptv_version: DocumentVersion,
    required_documents: list[RequiredDocument],
):
    draft = applications.start_application(
        holder,
        by=holder_member,
        programme=geotextiles_benor,
        production_unit=plant,
        ptv_version=ptv_version,
    )
    applications.set_contacts(
        draft,
        by=holder_member,
        contacts=[applications.ContactDetails("An Peeters", "QA", "an.peeters@geotex.example")],
    )
    upload = applications.add_upload(
        draft, by=holder_member, requirement=required_documents[0], upload=pdf_upload()
    )
    certificate = applications.submit_application(draft, by=holder_member)

    page = login(holder_member).get(url("file", certificate.number)).content.decode()

    assert draft.reference in page
    assert "fpc-manual.pdf" in page
    assert url("application-upload", draft.reference, upload.pk) in page
    assert "Application received" in page


def test_only_an_administrator_is_offered_to_renounce(
    login, holder_member: User, invited_member: User, certified: Certificate
):
    renounce = url("renounce", certified.number)

    assert renounce in login(holder_member).get(url("file", certified.number)).content.decode()
    assert renounce not in login(invited_member).get(url("file", certified.number)).content.decode()


def test_a_file_in_its_application_stage_offers_no_certificate_to_download(
    login, holder_member: User, application: Certificate
):
    page = login(holder_member).get(url("file", application.number)).content.decode()

    assert "Application received" in page
    assert url("certificate-pdf", application.number) not in page
    assert url("renounce", application.number) not in page
    assert url("propose-datasheet", application.number) not in page


@pytest.fixture
def busy_file(
    certified: Certificate,
    sent: Inspection,
    file_manager: User,
    holder_member: User,
    decision_maker: User,
) -> Certificate:
    """A file with many datasheets, proposals and decisions."""
    for number in range(5):
        sheet = create_datasheet(
            certified,
            by=file_manager,
            product_name=f"Geotextile {number}",
            trade_name=f"GeoTex {number}",
            characteristics=[],
        )
        publish_datasheet_version(sheet.versions.get(number=1), by=file_manager)
        propose_datasheet(
            certified,
            by=holder_member,
            product_name=f"Proposal {number}",
            trade_name=f"Proposed {number}",
            characteristics=[],
        )
    impose_sanction(certified, SanctionKind.WARNING, by=decision_maker, reason="Late answers.")
    return certified


def _count(client, address: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def test_the_file_page_asks_a_bounded_number_of_queries(
    login,
    holder_member: User,
    certified: Certificate,
    busy_file: Certificate,
    django_assert_max_num_queries,
):
    client = login(holder_member)
    client.get(url("file", certified.number))

    with django_assert_max_num_queries(22):
        response = client.get(url("file", certified.number))

    page = response.content.decode()
    assert all(sheet.quick_code in page for sheet in busy_file.datasheets.all())


def test_the_home_and_file_pages_ask_as_many_queries_for_one_datasheet_as_for_many(
    login, holder_member: User, certified: Certificate, datasheet: Datasheet, file_manager: User
):
    client = login(holder_member)
    client.get(url("home"))
    home_before = _count(client, url("home"))
    file_before = _count(client, url("file", certified.number))

    for number in range(4):
        sheet = create_datasheet(
            certified,
            by=file_manager,
            product_name=f"Geotextile {number}",
            trade_name=f"GeoTex {number}",
            characteristics=[],
        )
        publish_datasheet_version(sheet.versions.get(number=1), by=file_manager)

    assert _count(client, url("home")) == home_before
    assert _count(client, url("file", certified.number)) == file_before
