"""The inspection page: inspectors record, file managers send, reviewers evaluate."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qualimark.accounts.models import User
from qualimark.journal.models import JournalEntry
from qualimark.oversight import services
from qualimark.oversight.lifecycle import InspectionStatus
from qualimark.oversight.models import Finding, FindingKind, Inspection, LabResult, Sample
from qualimark.schemes.models import DocumentVersion

from .conftest import TODAY, SignIn


def step_url(inspection: Inspection, step: str) -> str:
    return reverse("backoffice:inspection-step", args=(inspection.reference, step))


def steps_offered(client: Client, inspection: Inspection) -> set[str]:
    response = client.get(reverse("backoffice:inspection", args=(inspection.reference,)))
    assert response.status_code == 200
    text = response.content.decode()
    if 'data-testid="inspection-steps"' not in text:
        return set()
    buttons = text.split('data-testid="inspection-steps"')[1].split("</ul>")[0]
    prefix = reverse("backoffice:inspection", args=(inspection.reference,))
    return {part.split('"')[0].strip("/") for part in buttons.split(f'href="{prefix}')[1:]}


@pytest.fixture
def carried_out(planned: Inspection, inspector: User) -> Inspection:
    services.carry_out_inspection(planned, by=inspector, visited_on=TODAY)
    return planned


def test_an_inspector_records_the_visit_and_the_report(
    sign_in: SignIn, inspector: User, planned: Inspection, ptv_version: DocumentVersion
) -> None:
    client = sign_in(inspector)
    assert steps_offered(client, planned) == {"carry-out"}
    client.post(
        step_url(planned, "carry-out"),
        {"inspector": inspector.pk, "visited_on": TODAY.isoformat(), "summary": ""},
    )
    planned.refresh_from_db()
    assert planned.status == InspectionStatus.CARRIED_OUT
    assert steps_offered(client, planned) == {
        "finding",
        "sample",
        "summary",
        "attach",
        "report.pdf",
    }

    response = client.post(
        step_url(planned, "finding"),
        {
            "kind": FindingKind.MAJOR,
            "requirement": ptv_version.pk,
            "clause": "5.2",
            "requirement_text": "Tensile strength tested on every lot.",
            "observation": "No tensile test for lots 31 to 36.",
        },
        follow=True,
    )
    assert b"The finding is added to" in response.content
    assert b"No tensile test for lots 31 to 36." in response.content
    client.post(
        step_url(planned, "sample"),
        {
            "reference": "S-2026-001",
            "characteristics": "Tensile strength",
            "laboratory": "Labo Gent",
            "taken_on": TODAY.isoformat(),
        },
    )
    client.post(step_url(planned, "summary"), {"summary": "Production and FPC visited."})
    sample = Sample.objects.get(inspection=planned)
    assert "lab-result" in steps_offered(client, planned)
    client.post(
        step_url(planned, "lab-result"),
        {
            "sample": sample.pk,
            "received_on": TODAY.isoformat(),
            "result": "11.2 kN/m",
            "conform": "on",
        },
    )
    planned.refresh_from_db()
    assert Finding.objects.get(inspection=planned).clause == "5.2"
    assert planned.report_summary == "Production and FPC visited."
    assert LabResult.objects.get(sample=sample).conform


def test_a_nonconformity_without_its_requirement_shows_the_service_message(
    sign_in: SignIn, inspector: User, carried_out: Inspection
) -> None:
    response = sign_in(inspector).post(
        step_url(carried_out, "finding"),
        {"kind": FindingKind.MAJOR, "observation": "No tensile test.", "clause": ""},
    )
    assert response.status_code == 200
    assert b"A nonconformity names the reference document and the clause it breaks." in (
        response.content
    )
    assert not Finding.objects.filter(inspection=carried_out).exists()


def test_a_file_manager_sends_the_report(
    sign_in: SignIn,
    file_manager: User,
    carried_out: Inspection,
    report_recipient: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = sign_in(file_manager)
    assert "send-report" in steps_offered(client, carried_out)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(step_url(carried_out, "send-report"), {}, follow=True)
    assert b"is sent to the holder" in response.content
    carried_out.refresh_from_db()
    assert carried_out.status == InspectionStatus.REPORT_SENT
    assert carried_out.comment_deadline is not None


def test_an_inspector_neither_sends_nor_evaluates_reports(
    sign_in: SignIn, inspector: User, carried_out: Inspection, reported: Inspection
) -> None:
    client = sign_in(inspector)
    assert "send-report" not in steps_offered(client, carried_out)
    assert client.post(step_url(carried_out, "send-report"), {}).status_code == 403
    assert client.get(step_url(reported, "evaluate")).status_code == 403
    carried_out.refresh_from_db()
    reported.refresh_from_db()
    assert carried_out.status == InspectionStatus.CARRIED_OUT
    assert reported.status == InspectionStatus.WINDOW_CLOSED


def test_a_report_is_not_evaluated_while_the_holder_may_still_comment(
    sign_in: SignIn,
    reviewer: User,
    file_manager: User,
    carried_out: Inspection,
    report_recipient: Any,
) -> None:
    from qualimark.oversight import reports

    reports.send_report(carried_out, by=file_manager)
    client = sign_in(reviewer)
    assert "evaluate" not in steps_offered(client, carried_out)
    response = client.post(step_url(carried_out, "evaluate"), {"measure": "none", "note": ""})
    assert response.status_code == 200
    assert b"the report is evaluated after that day." in response.content
    carried_out.refresh_from_db()
    assert carried_out.status == InspectionStatus.REPORT_SENT


def test_a_file_manager_cancels_a_planned_inspection(
    sign_in: SignIn, file_manager: User, planned: Inspection
) -> None:
    client = sign_in(file_manager)
    assert steps_offered(client, planned) == {"reassign", "carry-out", "cancel"}
    client.post(step_url(planned, "cancel"), {"reason": "The plant is closed for works."})
    planned.refresh_from_db()
    assert planned.status == InspectionStatus.CANCELLED
    assert steps_offered(client, planned) == set()


def test_the_report_is_downloaded_as_a_pdf(
    sign_in: SignIn, reviewer: User, reported: Inspection
) -> None:
    response = sign_in(reviewer).get(
        reverse("backoffice:inspection-report", args=(reported.reference,))
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_planned_inspection_has_no_report_to_download(
    sign_in: SignIn, file_manager: User, planned: Inspection
) -> None:
    response = sign_in(file_manager).get(
        reverse("backoffice:inspection-report", args=(planned.reference,))
    )
    assert response.status_code == 404


def test_an_unknown_step_is_not_found(
    sign_in: SignIn, file_manager: User, planned: Inspection
) -> None:
    assert sign_in(file_manager).get(step_url(planned, "explode")).status_code == 404


def test_the_journal_names_the_file_manager_who_entered_the_visit(
    sign_in: SignIn, file_manager: User, inspector: User, planned: Inspection
) -> None:
    response = sign_in(file_manager).post(
        step_url(planned, "carry-out"),
        {"inspector": inspector.pk, "visited_on": TODAY.isoformat()},
    )

    assert response.status_code == 302
    planned.refresh_from_db()
    assert (planned.status, planned.inspector) == (InspectionStatus.CARRIED_OUT, inspector)
    entry = JournalEntry.objects.get(action="inspection.carried_out")
    assert entry.actor == file_manager
    assert entry.data["inspector"] == inspector.pk
