"""Corrective actions closed from the inspection page, and files attached to an inspection."""

from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from qualimark.accounts.models import User
from qualimark.journal.models import JournalEntry
from qualimark.oversight import evaluation
from qualimark.oversight.evaluation import ActionPlan, Conclusion
from qualimark.oversight.models import (
    ConclusionKind,
    CorrectiveAction,
    FindingKind,
    Inspection,
    Measure,
)

from .conftest import PDF_BYTES, TODAY, SignIn


@pytest.fixture
def action(reported: Inspection, reviewer: User) -> CorrectiveAction:
    """The reviewer confirmed the major nonconformity and asked for an action by 30 April."""
    major = reported.findings.get(kind=FindingKind.MAJOR)
    evaluation.evaluate_report(
        reported,
        by=reviewer,
        conclusions={major: Conclusion(ConclusionKind.CONFIRMED)},
        measure=Measure.CORRECTIVE_ACTION,
        corrective_actions=[
            ActionPlan("Test the tensile strength of every lot.", date(2026, 4, 30))
        ],
    )
    return CorrectiveAction.objects.get(inspection=reported)


def close_url(action: CorrectiveAction) -> str:
    return reverse("backoffice:close-action", args=(action.inspection.reference, action.pk))


def page_of(client: Client, inspection: Inspection) -> str:
    response = client.get(reverse("backoffice:inspection", args=(inspection.reference,)))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("persona", ["reviewer", "file_manager"])
def test_a_reviewer_or_a_file_manager_closes_a_corrective_action(
    request: pytest.FixtureRequest, sign_in: SignIn, action: CorrectiveAction, persona: str
) -> None:
    user = request.getfixturevalue(persona)
    client = sign_in(user)
    assert close_url(action) in page_of(client, action.inspection)
    assert client.get(close_url(action)).status_code == 200

    response = client.post(
        close_url(action),
        {"note": "Test records shown for lots 31 to 40.", "closed_on": TODAY.isoformat()},
        follow=True,
    )

    assert "The corrective action is closed." in response.content.decode()
    action.refresh_from_db()
    assert (action.closed_on, action.closed_by) == (TODAY, user)
    text = page_of(client, action.inspection)
    assert close_url(action) not in text
    assert "Test records shown for lots 31 to 40." in text
    assert JournalEntry.objects.filter(action="corrective_action.closed", actor=user).exists()


@pytest.mark.parametrize("persona", ["inspector", "auditor", "decision_maker"])
def test_others_are_offered_no_closing_and_are_refused_it(
    request: pytest.FixtureRequest, sign_in: SignIn, action: CorrectiveAction, persona: str
) -> None:
    client = sign_in(request.getfixturevalue(persona))
    assert close_url(action) not in page_of(client, action.inspection)
    assert client.get(close_url(action)).status_code == 403
    refused = client.post(close_url(action), {"note": "Done.", "closed_on": TODAY.isoformat()})
    assert refused.status_code == 403
    action.refresh_from_db()
    assert action.closed_on is None


def test_a_closing_without_a_note_or_in_the_future_is_refused_on_the_form(
    sign_in: SignIn, reviewer: User, action: CorrectiveAction
) -> None:
    client = sign_in(reviewer)
    empty = client.post(close_url(action), {"note": "  ", "closed_on": TODAY.isoformat()})
    future = client.post(close_url(action), {"note": "Done.", "closed_on": "2026-04-01"})
    garbled = client.post(close_url(action), {"note": "Done.", "closed_on": "tomorrow"})

    assert empty.status_code == 200
    assert empty.context["form"].errors
    assert "cannot be closed on a future date" in future.content.decode()
    assert set(garbled.context["form"].errors) == {"closed_on"}
    action.refresh_from_db()
    assert action.closed_on is None


def test_an_action_is_not_closed_twice(
    sign_in: SignIn, reviewer: User, action: CorrectiveAction
) -> None:
    client = sign_in(reviewer)
    data = {"note": "Done.", "closed_on": TODAY.isoformat()}
    client.post(close_url(action), data)
    again = client.post(close_url(action), data)
    assert "This corrective action was closed on 16 March 2026." in again.content.decode()


def test_an_action_is_found_under_its_own_inspection_only(
    sign_in: SignIn, reviewer: User, action: CorrectiveAction, planned: Inspection
) -> None:
    client = sign_in(reviewer)
    wrong = reverse("backoffice:close-action", args=(planned.reference, action.pk))
    assert client.get(wrong).status_code == 404
    missing = reverse("backoffice:close-action", args=(action.inspection.reference, 999))
    assert client.get(missing).status_code == 404


def test_the_admin_shows_corrective_actions_without_a_closing_page(
    client: Client, reviewer: User, action: CorrectiveAction
) -> None:
    reviewer.is_superuser = True
    reviewer.save(update_fields=["is_superuser"])
    client.force_login(reviewer)
    change = reverse("admin:oversight_correctiveaction_change", args=(action.pk,))
    assert client.get(change).status_code == 200
    assert client.post(change, {"closing_note": "x"}).status_code == 403
    assert client.get(f"{change}close/").status_code in (302, 404)
    action.refresh_from_db()
    assert action.closed_on is None


def test_an_inspector_attaches_a_file_to_the_visit(
    sign_in: SignIn, inspector: User, planned: Inspection, settings: Any
) -> None:
    client = sign_in(inspector)
    step = reverse("backoffice:inspection-step", args=(planned.reference, "carry-out"))
    client.post(step, {"inspector": inspector.pk, "visited_on": TODAY.isoformat()})
    attach = reverse("backoffice:inspection-step", args=(planned.reference, "attach"))
    form = client.get(attach).content.decode()
    assert 'enctype="multipart/form-data"' in form

    response = client.post(
        attach,
        {
            "description": "Delivery note of lot 31",
            "file": SimpleUploadedFile("levering.pdf", PDF_BYTES, "application/pdf"),
        },
        follow=True,
    )

    assert f"The file is attached to {planned.reference}." in response.content.decode()
    attachment = planned.attachments.get()
    assert attachment.added_by == inspector
    download = reverse("backoffice:inspection-file", args=(planned.reference, attachment.pk))
    assert download in response.content.decode()
    served = client.get(download)
    assert served["Content-Type"] == "application/pdf"
    assert "delivery-note-of-lot-31.pdf" in served["Content-Disposition"]
    assert b"".join(served.streaming_content) == PDF_BYTES  # type: ignore[attr-defined]


def test_a_file_that_is_not_what_its_name_says_is_refused(
    sign_in: SignIn, inspector: User, planned: Inspection
) -> None:
    client = sign_in(inspector)
    step = reverse("backoffice:inspection-step", args=(planned.reference, "carry-out"))
    client.post(step, {"inspector": inspector.pk, "visited_on": TODAY.isoformat()})
    response = client.post(
        reverse("backoffice:inspection-step", args=(planned.reference, "attach")),
        {
            "description": "Photo",
            "file": SimpleUploadedFile("photo.jpg", b"not a picture", "image/jpeg"),
        },
    )
    assert response.status_code == 200
    assert "is not a real JPEG file" in response.content.decode()
    assert not planned.attachments.exists()
