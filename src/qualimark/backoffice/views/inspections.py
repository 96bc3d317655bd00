"""The inspection page: the visit, its findings, samples, report, comments and evaluation.

Each step is a page of its own that ends in one service call: inspectors record the
visit and the report, file managers reassign, cancel and send, reviewers evaluate and close
the corrective actions. The service decides who may take the step; the pages ask its act
only to choose what to offer.
"""

import mimetypes
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qualimark import clock
from qualimark.access.visible import inspection_for
from qualimark.accounts.models import User
from qualimark.backoffice.forms import FindingForm, SampleForm
from qualimark.backoffice.views.common import (
    acting_user,
    html5_dates,
    stored_download,
    submitted,
    visible,
)
from qualimark.documents.reports import inspection_report_pdf
from qualimark.oversight import forms
from qualimark.oversight.lifecycle import (
    CANCEL,
    CLOSE_ACTION,
    EVALUATE,
    PLAN,
    RECORD,
    SEND_REPORT,
    VISITED,
    InspectionStatus,
)
from qualimark.oversight.models import (
    Attachment,
    CommentAttachment,
    CorrectiveAction,
    Finding,
    Inspection,
    Sample,
)
from qualimark.oversight.permissions import inspection_standing
from qualimark.parties.roles import Act
from qualimark.signin.decorators import office_required

PLANNED, CARRIED_OUT = InspectionStatus.PLANNED, InspectionStatus.CARRIED_OUT


@dataclass(frozen=True)
class Step:
    """A page that moves an inspection on through one service."""

    slug: str
    form: type[forms.InspectionActionForm]
    title: Promise
    act: Act
    statuses: frozenset[str]
    done: Promise  # the success message, with %(reference)s


STEPS = {
    step.slug: step
    for step in (
        Step(
            "reassign",
            forms.ReassignForm,
            gettext_lazy("Reassign the inspection"),
            PLAN,
            frozenset({PLANNED}),
            gettext_lazy("Inspection %(reference)s is reassigned."),
        ),
        Step(
            "carry-out",
            forms.CarryOutForm,
            gettext_lazy("Record the visit"),
            RECORD,
            frozenset({PLANNED}),
            gettext_lazy("The visit of %(reference)s is recorded."),
        ),
        Step(
            "finding",
            FindingForm,
            gettext_lazy("Add a finding"),
            RECORD,
            frozenset({CARRIED_OUT}),
            gettext_lazy("The finding is added to %(reference)s."),
        ),
        Step(
            "sample",
            SampleForm,
            gettext_lazy("Record a sample"),
            RECORD,
            frozenset({CARRIED_OUT}),
            gettext_lazy("The sample is recorded on %(reference)s."),
        ),
        Step(
            "summary",
            forms.SummaryForm,
            gettext_lazy("Write the summary"),
            RECORD,
            frozenset({CARRIED_OUT}),
            gettext_lazy("The summary of %(reference)s is saved."),
        ),
        Step(
            "attach",
            forms.AttachForm,
            gettext_lazy("Attach a file"),
            RECORD,
            VISITED,
            gettext_lazy("The file is attached to %(reference)s."),
        ),
        Step(
            "lab-result",
            forms.LabResultForm,
            gettext_lazy("Record a laboratory result"),
            RECORD,
            VISITED,
            gettext_lazy("The laboratory result is recorded on %(reference)s."),
        ),
        Step(
            "send-report",
            forms.SendReportForm,
            gettext_lazy("Send the report"),
            SEND_REPORT,
            frozenset({CARRIED_OUT}),
            gettext_lazy("Report %(reference)s is sent to the holder."),
        ),
        Step(
            "evaluate",
            forms.EvaluateForm,
            gettext_lazy("Evaluate the report"),
            EVALUATE,
            frozenset({InspectionStatus.REPORT_SENT, InspectionStatus.WINDOW_CLOSED}),
            gettext_lazy("Report %(reference)s is evaluated."),
        ),
        Step(
            "cancel",
            forms.CancelForm,
            gettext_lazy("Cancel the inspection"),
            CANCEL,
            frozenset({PLANNED}),
            gettext_lazy("Inspection %(reference)s is cancelled."),
        ),
    )
}


def may(user: User, step: Step, inspection: Inspection) -> bool:
    """Whether the user may take `step`: only to choose the buttons, the service decides."""
    return step.act.allows(inspection_standing(user, inspection))


def _open(step: Step, inspection: Inspection) -> bool:
    """Whether the step makes sense now: shown as a button only then."""
    if inspection.status not in step.statuses:
        return False
    if step.slug == "lab-result":
        return any(getattr(s, "result", None) is None for s in inspection.samples.all())
    if step.slug == "evaluate" and inspection.status == InspectionStatus.REPORT_SENT:
        return (
            inspection.comment_deadline is not None and inspection.comment_deadline < clock.today()
        )
    return True


def _inspection(request: HttpRequest, reference: str) -> Inspection:
    found = visible(inspection_for, request, reference)
    return (
        Inspection.objects.select_related(
            "certificate__holder",
            "certificate__programme__scheme",
            "certificate__programme__subject",
            "certificate__production_unit",
            "body",
            "inspector",
        )
        .prefetch_related("samples__result")
        .get(pk=found.pk)
    )


def _inspection_url(inspection: Inspection) -> str:
    return reverse("backoffice:inspection", args=(inspection.reference,))


@office_required
def inspection_page(request: HttpRequest, reference: str) -> HttpResponse:
    inspection = _inspection(request, reference)
    user = acting_user(request)
    evaluation = getattr(inspection, "evaluation", None)
    return render(
        request,
        "backoffice/inspection.html",
        {
            "inspection": inspection,
            "steps": [
                step
                for step in STEPS.values()
                if _open(step, inspection) and may(user, step, inspection)
            ],
            "findings": Finding.objects.filter(inspection=inspection)
            .select_related("requirement__document", "conclusion")
            .order_by("id"),
            "samples": Sample.objects.filter(inspection=inspection)
            .select_related("result")
            .order_by("id"),
            "comments": inspection.comments.select_related("by")
            .prefetch_related("attachments")
            .order_by("at", "id"),
            "evaluation": evaluation,
            "actions": inspection.corrective_actions.select_related("closed_by").order_by(
                "due_on", "id"
            ),
            "may_close_actions": CLOSE_ACTION.allows(inspection_standing(user, inspection)),
            "attachments": inspection.attachments.select_related("added_by").order_by("id"),
            "has_report": inspection.status in VISITED,
        },
    )


@office_required
def inspection_step(request: HttpRequest, reference: str, step: str) -> HttpResponse:
    inspection = _inspection(request, reference)
    chosen = STEPS.get(step)
    if chosen is None:
        raise Http404(_("No such step."))
    if request.method == "POST":
        return _take_step(request, inspection, chosen)
    # The form is shown to whoever may take the step; the service says why to others.
    refusal = chosen.act.refusal(inspection_standing(acting_user(request), inspection))
    if refusal is not None:
        raise refusal
    return _step_page(request, inspection, chosen, html5_dates(chosen.form(inspection=inspection)))


def _take_step(request: HttpRequest, inspection: Inspection, chosen: Step) -> HttpResponse:
    """Take the step through its service, which refuses whoever may not take it."""
    form = html5_dates(chosen.form(request.POST, request.FILES, inspection=inspection))
    if submitted(
        request,
        form,
        lambda by: form.submit(by=by),
        lambda _result: str(chosen.done) % {"reference": inspection.reference},
    ):
        return HttpResponseRedirect(_inspection_url(inspection))
    return _step_page(request, inspection, chosen, form)


def _step_page(
    request: HttpRequest, inspection: Inspection, chosen: Step, form: forms.InspectionActionForm
) -> HttpResponse:
    return render(
        request,
        "backoffice/inspection_step.html",
        {"inspection": inspection, "step": chosen, "form": form},
    )


@office_required
def report_pdf(request: HttpRequest, reference: str) -> HttpResponse:
    inspection = _inspection(request, reference)
    if inspection.status not in VISITED:
        raise Http404(_("This inspection has no report yet."))
    pdf = inspection_report_pdf(inspection, language=translation.get_language() or "nl")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="inspection-report-{inspection.reference}.pdf"'
    )
    return response


@office_required
def comment_attachment(request: HttpRequest, reference: str, attachment_id: int) -> FileResponse:
    """A file the holder sent with a comment, for whoever sees the inspection."""
    inspection = _inspection(request, reference)
    attachment = CommentAttachment.objects.filter(
        comment__inspection=inspection, pk=attachment_id
    ).first()
    if attachment is None:
        raise Http404(_("No such file."))
    return stored_download(attachment.file, attachment.original_name, attachment.content_type)


@office_required
def attachment(request: HttpRequest, reference: str, attachment_id: int) -> FileResponse:
    """A file attached to the inspection, for whoever sees the inspection."""
    inspection = _inspection(request, reference)
    found = Attachment.objects.filter(inspection=inspection, pk=attachment_id).first()
    if found is None:
        raise Http404(_("No such file."))
    # Stored under a random name: it is served under its description.
    suffix = PurePosixPath(found.file.name).suffix
    content_type = mimetypes.guess_type(found.file.name)[0] or "application/octet-stream"
    return stored_download(
        found.file, f"{slugify(found.description) or 'file'}{suffix}", content_type
    )


@office_required
def close_action(request: HttpRequest, reference: str, action_id: int) -> HttpResponse:
    """Close a corrective action of the inspection's evaluation, once it was carried out."""
    inspection = _inspection(request, reference)
    action = CorrectiveAction.objects.filter(inspection=inspection, pk=action_id).first()
    if action is None:
        raise Http404(_("No such corrective action."))
    if request.method == "POST":
        return _close_action(request, inspection, action)
    # The form is shown to whoever may close the action; the service says why to others.
    refusal = CLOSE_ACTION.refusal(inspection_standing(acting_user(request), inspection))
    if refusal is not None:
        raise refusal
    return _close_action_page(
        request, inspection, action, html5_dates(forms.CloseActionForm(action=action))
    )


def _close_action(
    request: HttpRequest, inspection: Inspection, action: CorrectiveAction
) -> HttpResponse:
    """Close the action through its service, which refuses whoever may not close it."""
    form = html5_dates(forms.CloseActionForm(request.POST, action=action))
    if submitted(
        request,
        form,
        lambda by: form.submit(by=by),
        lambda _closed: _("The corrective action is closed."),
    ):
        return HttpResponseRedirect(_inspection_url(inspection))
    return _close_action_page(request, inspection, action, form)


def _close_action_page(
    request: HttpRequest,
    inspection: Inspection,
    action: CorrectiveAction,
    form: forms.CloseActionForm,
) -> HttpResponse:
    return render(
        request,
        "backoffice/close_action.html",
        {"inspection": inspection, "action": action, "form": form},
    )
