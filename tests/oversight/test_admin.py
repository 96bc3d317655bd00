"""The staff admin of oversight: inspection bodies are kept there; inspections and corrective
actions are only shown (their steps are taken in the back-office)."""

from datetime import date, datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.journal.models import JournalEntry
from qualimark.oversight.evaluation import ActionPlan, Conclusion, evaluate_report
from qualimark.oversight.models import (
    ConclusionKind,
    CorrectiveAction,
    Finding,
    FindingKind,
    Inspection,
    Measure,
)
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
    assert staff.get(_url("inspection_add")).status_code == 403
    assert staff.get(_url("correctiveaction_add")).status_code == 403
    # The steps (and the report's PDF) are in the back-office, which the admin links to.
    office = reverse("backoffice:inspection", args=(sent.reference,))
    assert office in page.text
    assert staff.get(office).status_code == 200


def test_the_open_comment_window_is_shown_with_its_deadline(
    staff: Client, sent: Inspection
) -> None:
    page = staff.get(_url("inspection_change", sent.pk))

    assert "Open: the holder may comment until 23 March 2026 inclusive." in page.text


def test_no_finding_is_added_through_the_admin(
    staff: Client, carried_out: Inspection, ptv_version: DocumentVersion
) -> None:
    page = staff.get(_url("inspection_change", carried_out.pk))
    row = {
        "kind": FindingKind.MINOR,
        "requirement": str(ptv_version.pk),
        "clause": "4.1",
        "observation": "Labels of roll 17 lack the PTV number.",
    }

    response = staff.post(
        _url("inspection_change", carried_out.pk), _inline_data(page, "findings", row)
    )

    assert response.status_code == 403
    assert carried_out.findings.count() == 2


def test_an_inspection_body_added_in_the_admin_is_journalled(staff: Client) -> None:
    response = staff.post(
        _url("inspectionbody_add"),
        {"name": "BCCA", "contract_reference": "C-9", "email": "", "active": "on"},
    )

    assert response.status_code == 302
    assert JournalEntry.objects.filter(action="inspectionbody.added").exists()
