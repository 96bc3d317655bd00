"""The staff admin of oversight: every page renders, and each change goes through a service."""

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification.models import Certificate
from qualimark.journal.models import JournalEntry
from qualimark.oversight.evaluation import ActionPlan, Conclusion, evaluate_report
from qualimark.oversight.models import (
    ConclusionKind,
    CorrectiveAction,
    Evaluation,
    Finding,
    FindingKind,
    Inspection,
    InspectionBody,
    InspectionStatus,
    Measure,
)
from qualimark.parties.models import Person
from qualimark.schemes.models import DocumentVersion
from tests.conftest import BRUSSELS

AFTER_WINDOW = datetime(2026, 3, 24, 9, 0, tzinfo=BRUSSELS)


def _url(name: str, *args: Any) -> str:
    return reverse(f"admin:oversight_{name}", args=args)


def _login(client: Client, user: User) -> Client:
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def staff(client: Client, file_manager: User) -> Client:
    return _login(client, file_manager)


def _messages(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def _major(inspection: Inspection) -> Finding:
    return inspection.findings.get(kind=FindingKind.MAJOR)


def _inline_data(page: Any, prefix: str, row: dict[str, str]) -> dict[str, str]:
    """The POST of a change page that adds `row` to the inline `prefix`, as a browser sends it."""
    data: dict[str, str] = {}
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        initial = formset.initial_form_count()
        total = initial + (1 if formset.prefix == prefix else 0)
        data |= {
            f"{formset.prefix}-TOTAL_FORMS": str(total),
            f"{formset.prefix}-INITIAL_FORMS": str(initial),
            f"{formset.prefix}-MIN_NUM_FORMS": "0",
            f"{formset.prefix}-MAX_NUM_FORMS": "1000",
        }
        for index, form in enumerate(formset.initial_forms):
            data[f"{formset.prefix}-{index}-id"] = str(form.instance.pk)
        if formset.prefix == prefix:
            data |= {f"{prefix}-{initial}-{key}": value for key, value in row.items()}
    return data


def test_every_oversight_page_renders(staff: Client, sent: Inspection, evaluator: User) -> None:
    with clock.frozen_at(AFTER_WINDOW):
        evaluate_report(
            sent,
            by=evaluator,
            conclusions={_major(sent): Conclusion(ConclusionKind.CONFIRMED)},
            measure=Measure.CORRECTIVE_ACTION,
            corrective_actions=[ActionPlan("Test every lot.", date(2026, 4, 30))],
        )
    action = CorrectiveAction.objects.get()

    for name in ("inspectionbody", "inspection", "correctiveaction"):
        assert staff.get(_url(f"{name}_changelist")).status_code == 200, name
    assert staff.get(_url("inspectionbody_change", sent.body.pk)).status_code == 200
    page = staff.get(_url("inspection_change", sent.pk))
    assert page.status_code == 200
    assert "Closed: comments were accepted until 23 March 2026." in page.text
    assert staff.get(_url("correctiveaction_change", action.pk)).status_code == 200
    assert staff.get(_url("correctiveaction_close", action.pk)).status_code == 200
    assert staff.get(_url("inspection_planning")).status_code == 200
    assert staff.get(_url("inspection_add")).status_code == 200
    # The report's PDF is built by the back-office, which the admin links to.
    report = reverse("backoffice:inspection-report", args=(sent.reference,))
    assert report in page.text
    pdf = staff.get(report)
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")


def test_the_open_comment_window_is_shown_with_its_deadline(
    staff: Client, sent: Inspection
) -> None:
    page = staff.get(_url("inspection_change", sent.pk))

    assert "Open: the holder may comment until 23 March 2026 inclusive." in page.text
    assert _url("inspection_evaluate", sent.pk) in page.text


def test_planning_through_the_admin_calls_the_service(
    staff: Client,
    certified: Certificate,
    tra_829: DocumentVersion,
    body: InspectionBody,
    inspector: User,
) -> None:
    response = staff.post(
        _url("inspection_add"),
        {
            "certificate": certified.pk,
            "body": body.pk,
            "inspector": inspector.pk,
            "planned_on": "2026-03-20",
            "unannounced": "on",
        },
    )

    inspection = Inspection.objects.get()
    assert response.status_code == 302
    assert (inspection.planned_on, inspection.status) == (date(2026, 3, 20), "planned")
    assert JournalEntry.objects.filter(action="inspection.planned").exists()


def test_a_site_for_a_product_is_refused_with_the_domain_message(
    staff: Client, certified: Certificate, body: InspectionBody, inspector: User
) -> None:
    response = staff.post(
        _url("inspection_add"),
        {
            "certificate": certified.pk,
            "body": body.pk,
            "inspector": inspector.pk,
            "planned_on": "2026-03-20",
            "project_name": "Ring Gent",
        },
    )

    assert response.status_code == 200
    assert "inspected at its production unit" in str(response.context["form"].errors)
    assert not Inspection.objects.exists()


def test_the_journal_names_the_staff_member_who_entered_the_visit(
    staff: Client, planned: Inspection, inspector: User, file_manager: User
) -> None:
    response = staff.post(
        _url("inspection_carry_out", planned.pk),
        {"inspector": inspector.pk, "visited_on": "2026-03-16"},
    )

    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.inspector == inspector
    entry = JournalEntry.objects.get(action="inspection.carried_out")
    assert entry.actor == file_manager
    assert entry.data["inspector"] == inspector.pk


def test_recording_the_visit_and_a_finding_through_the_admin(
    staff: Client, planned: Inspection, inspector: User, ptv_version: DocumentVersion
) -> None:
    staff.post(
        _url("inspection_carry_out", planned.pk),
        {"inspector": inspector.pk, "visited_on": "2026-03-16", "summary": "Visited."},
    )
    page = staff.get(_url("inspection_change", planned.pk))
    row = {
        "kind": FindingKind.MINOR,
        "requirement": str(ptv_version.pk),
        "clause": "4.1",
        "requirement_text": "Labels name the PTV.",
        "observation": "Labels of roll 17 lack the PTV number.",
    }

    response = staff.post(
        _url("inspection_change", planned.pk), _inline_data(page, "findings", row)
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    planned.refresh_from_db()
    assert planned.status == InspectionStatus.CARRIED_OUT
    assert planned.findings.get().observation == "Labels of roll 17 lack the PTV number."
    assert JournalEntry.objects.filter(action="inspection.finding_added").count() == 1


def test_a_file_attached_through_the_admin_goes_through_the_service(
    staff: Client, carried_out: Inspection, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    page = staff.get(_url("inspection_change", carried_out.pk))
    upload = SimpleUploadedFile("photo.jpg", b"JPEG bytes", content_type="image/jpeg")
    data: dict[str, Any] = _inline_data(page, "attachments", {"description": "Photo of the stock"})
    data["attachments-0-file"] = upload

    response = staff.post(_url("inspection_change", carried_out.pk), data)

    assert response.status_code == 302
    attachment = carried_out.attachments.get()
    assert attachment.added_by.email == "sofie.claes@copro.example"
    assert (tmp_path / attachment.file.name).read_bytes() == b"JPEG bytes"
    assert JournalEntry.objects.filter(action="inspection.attachment_added").count() == 1


def test_a_nonconformity_without_its_clause_is_an_error_on_the_inline(
    staff: Client, carried_out: Inspection, ptv_version: DocumentVersion
) -> None:
    page = staff.get(_url("inspection_change", carried_out.pk))
    row = {"kind": FindingKind.MAJOR, "requirement": str(ptv_version.pk), "observation": "x"}

    response = staff.post(
        _url("inspection_change", carried_out.pk), _inline_data(page, "findings", row)
    )

    assert response.status_code == 200
    assert "names the reference document and the clause" in str(response.context["errors"])
    assert carried_out.findings.count() == 2


def test_sending_the_report_through_the_admin_emails_it_and_shows_the_deadline(
    staff: Client,
    carried_out: Inspection,
    recipients: list[Person],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(_url("inspection_send_report", carried_out.pk), follow=True)

    assert "the holder may comment until 23 March 2026" in " ".join(_messages(response))
    assert len(mail.outbox) == 2
    carried_out.refresh_from_db()
    assert carried_out.status == InspectionStatus.REPORT_SENT


def test_evaluating_through_the_admin_records_conclusions_and_an_action(
    client: Client, sent: Inspection, evaluator: User
) -> None:
    staff = _login(client, evaluator)
    major = _major(sent)
    with clock.frozen_at(AFTER_WINDOW):
        response = staff.post(
            _url("inspection_evaluate", sent.pk),
            {
                f"conclusion_{major.pk}": ConclusionKind.CONFIRMED,
                f"new_kind_{major.pk}": "",
                "measure": Measure.CORRECTIVE_ACTION,
                "note": "Comments did not answer the finding.",
                "action_description": "Test tensile strength of every lot.",
                "action_due_on": "2026-04-30",
            },
        )

    assert response.status_code == 302
    evaluation = Evaluation.objects.get()
    assert (evaluation.evaluated_by, evaluation.measure) == (evaluator, Measure.CORRECTIVE_ACTION)
    assert CorrectiveAction.objects.get().due_on == date(2026, 4, 30)


def test_evaluation_by_the_inspector_is_refused_on_the_page(
    client: Client, sent: Inspection, inspector: User
) -> None:
    staff = _login(client, inspector)
    major = _major(sent)
    with clock.frozen_at(AFTER_WINDOW):
        response = staff.post(
            _url("inspection_evaluate", sent.pk),
            {f"conclusion_{major.pk}": ConclusionKind.CONFIRMED, "measure": Measure.NONE},
        )

    assert response.status_code == 200
    assert "cannot evaluate its report" in str(response.context["form"].non_field_errors())
    assert not Evaluation.objects.exists()


def test_the_planning_page_lists_overdue_files_and_plans_them(
    staff: Client,
    certified: Certificate,
    tra_829: DocumentVersion,
    body: InspectionBody,
    inspector: User,
    planned: Inspection,
) -> None:
    services_visit = staff.post(
        _url("inspection_carry_out", planned.pk),
        {"inspector": inspector.pk, "visited_on": "2026-01-20"},
    )
    assert services_visit.status_code == 302

    with clock.frozen_at(datetime(2026, 4, 22, 9, 0, tzinfo=BRUSSELS)):
        page = staff.get(_url("inspection_planning"), {"group": "inspector"})
        assert page.status_code == 200
        assert certified.number in page.text
        assert "On 22 April 2026, 1 file is overdue." in page.text
        assert '<tr class="overdue"' in page.text
        response = staff.post(_url("inspection_planning"), follow=True)

    assert "1 inspection is planned." in _messages(response)
    assert Inspection.objects.filter(status=InspectionStatus.PLANNED).count() == 1


def test_closing_a_corrective_action_through_the_admin(
    staff: Client, sent: Inspection, evaluator: User
) -> None:
    with clock.frozen_at(AFTER_WINDOW):
        evaluate_report(
            sent,
            by=evaluator,
            conclusions={_major(sent): Conclusion(ConclusionKind.CONFIRMED)},
            measure=Measure.CORRECTIVE_ACTION,
            corrective_actions=[ActionPlan("Test every lot.", date(2026, 4, 30))],
        )
        action = CorrectiveAction.objects.get()
        response = staff.post(
            _url("correctiveaction_close", action.pk),
            {"note": "Records shown for every lot.", "closed_on": "2026-03-24"},
        )

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.closed_on == date(2026, 3, 24)


def test_an_inspection_body_added_in_the_admin_is_journalled(staff: Client) -> None:
    response = staff.post(
        _url("inspectionbody_add"),
        {"name": "BCCA", "contract_reference": "C-9", "email": "", "active": "on"},
    )

    assert response.status_code == 302
    assert JournalEntry.objects.filter(action="inspectionbody.added").exists()
