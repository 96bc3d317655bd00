"""The complaint register, the page of one complaint, and a page for each of its steps.

File managers register complaints, judge them admissible, investigate them and write the
letters; decision makers conclude them and sanction a founded one. Each step is a page of
its own that ends in one service call; the service decides who may take it, the pages ask
its act only to choose what to offer. The register is the body's own: its staff and its
auditor read it, holders never do (the complainant may have asked to stay anonymous).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from django import forms as django_forms
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from qualimark.access.visible import complaint_for
from qualimark.accounts.models import User
from qualimark.backoffice.views.common import acting_user, html5_dates, submitted, visible
from qualimark.backoffice.views.paging import paged
from qualimark.complaints import forms
from qualimark.complaints.lifecycle import (
    COMPLAINT,
    REGISTER,
    WRITE,
    ComplaintStatus,
    ComplaintStep,
)
from qualimark.complaints.models import Appeal, Complaint
from qualimark.complaints.permissions import (
    READ_REGISTERS,
    complaint_standing,
    register_standing,
)
from qualimark.complaints.services import can_be_sanctioned
from qualimark.journal.services import entries_for
from qualimark.parties import roles
from qualimark.parties.roles import Act, Standing
from qualimark.signin.decorators import office_required

M = TypeVar("M", Complaint, Appeal)


@dataclass(frozen=True)
class Step(Generic[M]):
    """A page that moves a complaint or an appeal on through one service."""

    slug: str
    title: StrOrPromise
    act: Act
    form: Callable[[QueryDict | None, M], forms.StepForm]
    open: Callable[[M], bool]  # whether the step makes sense now


def _when(step: ComplaintStep) -> Callable[[Complaint], bool]:
    return lambda complaint: step in COMPLAINT.open_from(complaint.status)


def _by(step: ComplaintStep) -> Act:
    return COMPLAINT.rule(step).act


def _letter(data: QueryDict | None, complaint: Complaint) -> forms.StepForm:
    return forms.LetterForm(data, initial={"to": complaint.complainant_email})


STEPS: dict[str, Step[Complaint]] = {
    step.slug: step
    for step in (
        Step(
            "admissible",
            ComplaintStep.DECLARE_ADMISSIBLE.label,
            _by(ComplaintStep.DECLARE_ADMISSIBLE),
            lambda data, _c: forms.AdmissibilityForm(data, admissible=True),
            _when(ComplaintStep.DECLARE_ADMISSIBLE),
        ),
        Step(
            "inadmissible",
            ComplaintStep.DECLARE_INADMISSIBLE.label,
            _by(ComplaintStep.DECLARE_INADMISSIBLE),
            lambda data, _c: forms.AdmissibilityForm(data, admissible=False),
            _when(ComplaintStep.DECLARE_INADMISSIBLE),
        ),
        Step(
            "investigate",
            ComplaintStep.START_INVESTIGATION.label,
            _by(ComplaintStep.START_INVESTIGATION),
            lambda data, complaint: forms.InvestigationForm(data, complaint=complaint),
            _when(ComplaintStep.START_INVESTIGATION),
        ),
        Step(
            "note",
            ComplaintStep.NOTE_INVESTIGATION.label,
            _by(ComplaintStep.NOTE_INVESTIGATION),
            lambda data, _c: forms.NoteForm(data),
            _when(ComplaintStep.NOTE_INVESTIGATION),
        ),
        Step(
            "conclude",
            gettext_lazy("conclude the investigation"),
            # Founded or unfounded: one act concludes either way.
            _by(ComplaintStep.CONCLUDE_FOUNDED),
            lambda data, _c: forms.ConclusionForm(data),
            _when(ComplaintStep.CONCLUDE_FOUNDED),
        ),
        Step(
            "sanction",
            ComplaintStep.IMPOSE_SANCTION.label,
            _by(ComplaintStep.IMPOSE_SANCTION),
            lambda data, _c: forms.ComplaintSanctionForm(data),
            can_be_sanctioned,
        ),
        Step("letter", gettext_lazy("send a letter"), WRITE, _letter, lambda _c: True),
    )
}

# What each step leaves in the journal, as the complaint's history tells it.
HISTORY = {
    "complaint.registered": gettext_lazy("registered"),
    "complaint.admissible": gettext_lazy("declared admissible"),
    "complaint.inadmissible": gettext_lazy("declared inadmissible"),
    "complaint.investigation_started": gettext_lazy("investigation started"),
    "complaint.noted": gettext_lazy("investigation note added"),
    "complaint.founded": gettext_lazy("concluded: founded"),
    "complaint.unfounded": gettext_lazy("concluded: unfounded"),
    "complaint.sanctioned": gettext_lazy("sanction imposed"),
    "complaint.letter_sent": gettext_lazy("letter sent"),
}
# The words of the step that the history shows with it.
_TOLD = ("reason", "note", "findings", "subject")


class StatusFilter(django_forms.Form):
    status = django_forms.ChoiceField(
        label=gettext_lazy("status"),
        required=False,
        choices=[("", gettext_lazy("all")), *ComplaintStatus.choices],
    )


def _complaint_url(complaint: Complaint) -> str:
    return reverse("backoffice:complaint", args=(complaint.reference,))


@office_required
def complaints_page(request: HttpRequest) -> HttpResponse:
    """The register, newest first, by status; 50 a page."""
    user = acting_user(request)
    READ_REGISTERS.check(roles.standing(user, public=True))
    chosen = StatusFilter(request.GET or None)
    rows = Complaint.objects.select_related("certificate", "organisation", "handled_by")
    if chosen.is_valid() and chosen.cleaned_data["status"]:
        rows = rows.filter(status=chosen.cleaned_data["status"])
    return render(
        request,
        "backoffice/complaints.html",
        {
            "filter": chosen,
            "paged": paged(request.GET, rows.order_by("-received_on", "-id")),
            "may_register": REGISTER.allows(register_standing(user)),
        },
    )


@office_required
def complaint_new(request: HttpRequest) -> HttpResponse:
    """Register a complaint received in writing; the service gives it its reference."""
    if request.method != "POST":
        refusal = REGISTER.refusal(register_standing(acting_user(request)))
        if refusal is not None:
            raise refusal
        return _new_page(request, html5_dates(forms.ComplaintForm()))
    form = html5_dates(forms.ComplaintForm(request.POST))
    registered: list[Complaint] = []

    def register(by: User) -> Complaint:
        registered.append(form.register(by=by))
        return registered[0]

    if submitted(
        request,
        form,
        register,
        lambda created: (
            _("Complaint %(reference)s is registered.") % {"reference": created.reference}
        ),
    ):
        return HttpResponseRedirect(_complaint_url(registered[0]))
    return _new_page(request, form)


def _new_page(request: HttpRequest, form: forms.ComplaintForm) -> HttpResponse:
    return render(request, "backoffice/complaint_new.html", {"form": form})


def _complaint(request: HttpRequest, reference: str) -> Complaint:
    found = visible(complaint_for, request, reference)
    return Complaint.objects.select_related(
        "certificate__holder", "organisation", "handled_by", "sanction"
    ).get(pk=found.pk)


def offered(complaint: Complaint, standing: Standing) -> list[Step[Complaint]]:
    """The steps open now that the reader may take: only to choose the buttons."""
    return [step for step in STEPS.values() if step.open(complaint) and step.act.allows(standing)]


@office_required
def complaint_page(request: HttpRequest, reference: str) -> HttpResponse:
    complaint = _complaint(request, reference)
    standing = complaint_standing(acting_user(request), complaint)
    return render(
        request,
        "backoffice/complaint.html",
        {
            "complaint": complaint,
            "steps": offered(complaint, standing),
            "history": history(complaint, HISTORY),
            "letters": complaint.letters.select_related("sent_by").order_by("id"),
        },
    )


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    what: str
    who: str
    text: str


def history(obj: Model, labels: Mapping[str, StrOrPromise]) -> list[HistoryLine]:
    """The steps taken on `obj`, oldest first, as its journal recorded them."""
    entries = entries_for(obj).select_related("actor").order_by("at", "id")
    return [
        HistoryLine(
            entry.at,
            str(labels.get(entry.action, entry.action)),
            str(entry.actor or ""),
            next((str(entry.data[key]) for key in _TOLD if entry.data.get(key)), ""),
        )
        for entry in entries
    ]


@office_required
def complaint_step(request: HttpRequest, reference: str, step: str) -> HttpResponse:
    complaint = _complaint(request, reference)
    chosen = STEPS.get(step)
    if chosen is None:
        raise Http404(_("No such step."))
    if request.method == "POST":
        return _take_step(request, complaint, chosen)
    # The form is shown to whoever may take the step; the service says why to others.
    refusal = chosen.act.refusal(complaint_standing(acting_user(request), complaint))
    if refusal is not None:
        raise refusal
    return _step_page(request, complaint, chosen, html5_dates(chosen.form(None, complaint)))


def _take_step(request: HttpRequest, complaint: Complaint, chosen: Step[Complaint]) -> HttpResponse:
    """Take the step through its service, which refuses whoever may not take it."""
    form = html5_dates(chosen.form(request.POST, complaint))
    if submitted(request, form, lambda by: form.run(complaint, by=by), str):
        return HttpResponseRedirect(_complaint_url(complaint))
    return _step_page(request, complaint, chosen, form)


def _step_page(
    request: HttpRequest, complaint: Complaint, chosen: Step[Complaint], form: forms.StepForm
) -> HttpResponse:
    return render(
        request,
        "backoffice/complaint_step.html",
        {"complaint": complaint, "step": chosen, "form": form, "is_open": chosen.open(complaint)},
    )
