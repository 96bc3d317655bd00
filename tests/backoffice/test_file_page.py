"""The file page: the facts, the buttons, and everything on one timeline, newest first."""

import re
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qualimark.accounts.models import User
from qualimark.applications.models import Application
from qualimark.backoffice.timeline import file_timeline
from qualimark.certification import services as certification
from qualimark.certification.lapses import note_lapses
from qualimark.certification.models import Certificate
from qualimark.datasheets import proposals
from qualimark.datasheets import services as datasheets
from qualimark.oversight import evaluation, planning, reports
from qualimark.oversight import services as oversight
from qualimark.oversight.models import (
    ConclusionKind,
    FindingKind,
    Inspection,
    InspectionBody,
    Measure,
)
from qualimark.parties.roles import system_actor
from qualimark.sanctions.models import ProposalKind, SanctionKind
from qualimark.sanctions.services import impose_sanction, propose_next_step
from qualimark.schemes.models import DocumentVersion

from .conftest import SignIn, at


@pytest.fixture
def full_file(
    online_application: Application,
    file_manager: User,
    decision_maker: User,
    reviewer: User,
    holder_member: User,
    body: InspectionBody,
    inspector: User,
    tra_829: DocumentVersion,
    ptv_version: DocumentVersion,
    report_recipient: object,
) -> Certificate:
    """A file that has been through everything, each step on its own day."""
    certificate = online_application.certificate
    assert certificate is not None
    with at(date(2026, 3, 16)):
        certification.admit_application(certificate, by=file_manager, reason="Complete.")
    with at(date(2026, 3, 17)):
        certification.start_trial_period(certificate, by=file_manager, reason="Trial.")
    with at(date(2026, 3, 18)):
        inspection = planning.plan_inspection(
            certificate,
            by=file_manager,
            body=body,
            inspector=inspector,
            planned_on=date(2026, 3, 18),
        )
        oversight.carry_out_inspection(inspection, by=inspector, visited_on=date(2026, 3, 18))
        oversight.add_finding(
            inspection,
            by=inspector,
            kind=FindingKind.MINOR,
            requirement=ptv_version,
            clause="4.1",
            observation="Label without the PTV number.",
        )
        oversight.add_sample(
            inspection, by=inspector, reference="S-1", characteristics="Tensile", laboratory="Lab"
        )
        reports.send_report(inspection, by=file_manager)
    with at(date(2026, 3, 19)):
        reports.comment_on_report(inspection, by=holder_member, text="Labels are being reprinted.")
    with at(date(2026, 3, 30)):
        finding = inspection.findings.get()
        evaluation.evaluate_report(
            inspection,
            by=reviewer,
            conclusions={finding: evaluation.Conclusion(ConclusionKind.CONFIRMED)},
            measure=Measure.CORRECTIVE_ACTION,
            corrective_actions=[evaluation.ActionPlan("Reprint the labels.", date(2026, 4, 30))],
        )
    with at(date(2026, 5, 20)):
        certification.grant_certificate(certificate, by=decision_maker, reason="Trial passed.")
        datasheet = datasheets.create_datasheet(
            certificate, by=file_manager, product_name="NW 300", trade_name="TerraSep 300"
        )
        datasheets.publish_datasheet_version(datasheet.versions.get(), by=file_manager)
        proposals.propose_datasheet(
            certificate,
            by=holder_member,
            product_name="NW 400",
            trade_name="TerraSep 400",
            characteristics=[{"name": "Mass", "value": "400", "unit": "g/m²"}],
        )
        propose_next_step(
            certificate,
            ProposalKind.SANCTION_PROPOSED,
            by=system_actor(),
            text="Labels again.",
            source="test:1",
        )
    with at(date(2026, 5, 21)):
        impose_sanction(
            certificate,
            SanctionKind.SUSPENSION,
            by=decision_maker,
            reason="Labels still wrong.",
            until=date(2026, 5, 28),
        )
    with at(date(2026, 6, 1)):
        note_lapses()
    return certificate


def kinds_on_page(content: bytes) -> list[str]:
    return re.findall(r'data-kind="([a-z_]+)"', content.decode())


def test_the_timeline_shows_every_kind_of_event_newest_first(
    sign_in: SignIn, full_file: Certificate, file_manager: User
) -> None:
    with at(date(2026, 6, 2)):
        response = sign_in(file_manager).get(reverse("backoffice:file", args=(full_file.number,)))
    assert response.status_code == 200
    kinds = set(kinds_on_page(response.content))
    assert kinds >= {
        "application",
        "decision",
        "inspection",
        "finding",
        "sample",
        "comment",
        "evaluation",
        "corrective_action",
        "sanction",
        "proposal",
        "datasheet",
        "datasheet_proposal",
        "lapse",
        "journal",
    }
    events = response.context["timeline"]
    assert [e.at for e in events] == sorted((e.at for e in events), reverse=True)
    assert events[0].kind == "lapse"  # the suspension ended by date, noted on 1 June
    assert events[-1].kind == "application"  # the application was started first
    text = response.content.decode()
    assert text.index("Labels still wrong.") < text.index("Reprint the labels.")
    assert text.index("Reprint the labels.") < text.index("Labels are being reprinted.")


def test_the_file_page_names_who_may_not_decide(
    sign_in: SignIn, full_file: Certificate, file_manager: User
) -> None:
    response = sign_in(file_manager).get(reverse("backoffice:file", args=(full_file.number,)))
    involved = response.content.decode().split('id="involved-title"')[1].split("</section>")[0]
    assert "Els Wouters – inspector" in involved
    assert "Lotte Janssens – evaluator" in involved


def test_the_timeline_costs_the_same_however_long_the_history(
    full_file: Certificate,
    file_manager: User,
    decision_maker: User,
    inspector: User,
    body: Any,
    ptv_version: Any,
) -> None:
    with CaptureQueriesContext(connection) as before:
        told = len(file_timeline(full_file))
    with at(date(2026, 6, 2)):
        for number in range(3):
            inspection = planning.plan_inspection(
                full_file,
                by=file_manager,
                body=body,
                inspector=inspector,
                planned_on=date(2026, 6, 2),
            )
            oversight.carry_out_inspection(inspection, by=inspector, visited_on=date(2026, 6, 2))
            oversight.add_finding(
                inspection, by=inspector, kind=FindingKind.REMARK, observation=f"Remark {number}"
            )
            datasheet = datasheets.create_datasheet(
                full_file, by=file_manager, product_name=f"NW {number}", trade_name=f"T {number}"
            )
            datasheets.publish_datasheet_version(datasheet.versions.get(), by=file_manager)
        certification.renew_certificate(
            full_file, by=decision_maker, reason="Renewed.", expires_on=date(2030, 1, 1)
        )
    with CaptureQueriesContext(connection) as after:
        assert len(file_timeline(full_file)) >= told + 13
    assert len(after) == len(before)


def test_the_file_page_costs_no_more_for_a_long_history(
    sign_in: SignIn,
    django_assert_max_num_queries: Any,
    reported: Inspection,
    administrator: User,
    full_file: Certificate,
) -> None:
    client = sign_in(administrator)
    with CaptureQueriesContext(connection) as short_history:
        client.get(reverse("backoffice:file", args=(reported.certificate.number,)))
    # The long history has kinds of rows the short one lacks, one query each whatever their
    # number: its online application's contacts and uploads, the evidence of its decisions,
    # and the versions and status rows of its datasheets.
    with django_assert_max_num_queries(len(short_history) + 5):
        response = client.get(reverse("backoffice:file", args=(full_file.number,)))
    assert response.status_code == 200


def test_an_unknown_file_is_not_found(sign_in: SignIn, file_manager: User) -> None:
    response = sign_in(file_manager).get(reverse("backoffice:file", args=("BENOR-999999",)))
    assert response.status_code == 404
