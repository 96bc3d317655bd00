"""Lot inspections: the list of requests, a request with its outcome, its steps and documents.

File managers register requests received by mail or phone, plan the inspections and cancel;
the outcome (the conformity document or the refusal) is issued by a file manager or a
decision maker who did not inspect the lot; the inspector sees the lots assigned to them;
auditors read every request. Each step is a page that ends in one service call, which
decides who may take it; the pages ask its act only to choose what to offer.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django import forms as django_forms
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qualimark.backoffice.views.common import acting_user, html5_dates, submitted, visible
from qualimark.backoffice.views.paging import paged
from qualimark.documents.pdf import lot_refusal_pdf
from qualimark.journal.services import entries_for
from qualimark.lots import forms
from qualimark.lots.access import lot_request_for, visible_lot_requests
from qualimark.lots.lifecycle import LIFECYCLE, REQUEST_FOR, LotStatus, LotTransition
from qualimark.lots.models import LotConformityDocument, LotInspectionRequest, LotRefusal
from qualimark.lots.permissions import lot_standing, requester_standing
from qualimark.parties import roles
from qualimark.parties.roles import Act
from qualimark.signin.decorators import office_required

OPEN = "open"
ALL = "all"
MINE = "mine"
OPEN_STATUSES = (LotStatus.REQUESTED, LotStatus.PLANNED)


@dataclass(frozen=True)
class Step:
    """A page that moves a lot inspection request on through one service."""

    slug: str
    transition: LotTransition
    form: type[forms.LotStepForm]
    title: Promise
    done: Promise  # the success message, with %(reference)s (and %(code)s for a document)

    @property
    def act(self) -> Act:
        return LIFECYCLE.rule(self.transition).act


STEPS = {
    step.slug: step
    for step in (
        Step(
            "plan",
            LotTransition.PLAN,
            forms.PlanForm,
            gettext_lazy("Plan the inspection"),
            gettext_lazy("The inspection of %(reference)s is planned."),
        ),
        Step(
            "conformity",
            LotTransition.CONFIRM,
            forms.ConformityForm,
            gettext_lazy("Issue the conformity document"),
            gettext_lazy(
                "The lot of %(reference)s conforms: conformity document %(code)s is issued."
            ),
        ),
        Step(
            "refuse",
            LotTransition.REFUSE,
            forms.RefusalForm,
            gettext_lazy("Refuse the lot"),
            gettext_lazy("The lot of %(reference)s is refused."),
        ),
        Step(
            "cancel",
            LotTransition.CANCEL,
            forms.CancelForm,
            gettext_lazy("Cancel the request"),
            gettext_lazy("Request %(reference)s is cancelled."),
        ),
    )
}


# -- the list ------------------------------------------------------------------------------


class LotFilterForm(django_forms.Form):
    status = django_forms.ChoiceField(
        label=gettext_lazy("status"),
        required=False,
        choices=[
            (OPEN, gettext_lazy("open (requested or planned)")),
            *LotStatus.choices,
            (ALL, gettext_lazy("all")),
        ],
    )
    inspector = django_forms.ChoiceField(
        label=gettext_lazy("inspector"),
        required=False,
        choices=[("", gettext_lazy("anyone")), (MINE, gettext_lazy("me"))],
    )

    def __init__(self, *args: Any, inspector: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not inspector:  # only an inspector is assigned lots
            del self.fields["inspector"]

    def filtered(
        self, requests: QuerySet[LotInspectionRequest], user: Any
    ) -> QuerySet[LotInspectionRequest]:
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status") or OPEN
        if status == OPEN:
            requests = requests.filter(status__in=OPEN_STATUSES)
        elif status != ALL:
            requests = requests.filter(status=status)
        if data.get("inspector") == MINE:
            requests = requests.filter(inspector=user)
        return requests


@office_required
def lots_page(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    form = LotFilterForm(request.GET, inspector=roles.is_inspector(user))
    requests = form.filtered(visible_lot_requests(user), user).select_related(
        "scheme", "requester_organisation", "inspector"
    )
    page = paged(request.GET, requests.order_by("-requested_on", "-reference"))
    return render(
        request,
        "backoffice/lots.html",
        {
            "form": form,
            "paged": page,
            "may_register": user.has_perm(REQUEST_FOR.name),
        },
    )


# -- registering a request -----------------------------------------------------------------


@office_required
def lot_new(request: HttpRequest) -> HttpResponse:
    """A request received by mail, phone or letter, entered in the requester's name."""
    if request.method == "POST":
        return _register(request)
    # The form is shown to whoever may register; the service says why to others.
    refusal = REQUEST_FOR.refusal(requester_standing(acting_user(request), None))
    if refusal is not None:
        raise refusal
    return _register_page(request, html5_dates(forms.LotRequestForm()))


def _register(request: HttpRequest) -> HttpResponse:
    form = html5_dates(forms.LotRequestForm(request.POST))
    if submitted(
        request,
        form,
        lambda by: form.submit(by=by),
        lambda created: (
            _("Request %(reference)s is registered.") % {"reference": created.reference}
        ),
    ):
        assert form.registered is not None
        return HttpResponseRedirect(_lot_url(form.registered))
    return _register_page(request, form)


def _register_page(request: HttpRequest, form: forms.LotRequestForm) -> HttpResponse:
    return render(request, "backoffice/lot_new.html", {"form": form})


# -- one request ---------------------------------------------------------------------------


def _lot_request(request: HttpRequest, reference: str) -> LotInspectionRequest:
    found = visible(lot_request_for, request, reference)
    return LotInspectionRequest.objects.select_related(
        "scheme",
        "subject",
        "requester_organisation",
        "requested_by",
        "inspector",
        "document_version__document",
    ).get(pk=found.pk)


def _lot_url(lot_request: LotInspectionRequest) -> str:
    return reverse("backoffice:lot", args=(lot_request.reference,))


@office_required
def lot_page(request: HttpRequest, reference: str) -> HttpResponse:
    lot_request = _lot_request(request, reference)
    standing = lot_standing(acting_user(request), lot_request)
    open_now = LIFECYCLE.open_to(lot_request.status, standing)
    refusal = LotRefusal.objects.filter(request=lot_request).select_related("issued_by").first()
    return render(
        request,
        "backoffice/lot.html",
        {
            "lot": lot_request,
            "steps": [step for step in STEPS.values() if step.transition in open_now],
            "contacts": lot_request.contacts.all(),
            "document": LotConformityDocument.objects.filter(request=lot_request)
            .select_related("issued_by")
            .first(),
            "refusal": refusal,
            "failed": refusal.failed_characteristics.all() if refusal is not None else (),
            "history": _history(lot_request),
        },
    )


@dataclass(frozen=True)
class Event:
    at: datetime
    label: str
    actor: str
    text: str


HISTORY = {
    "lot.requested": gettext_lazy("request registered"),
    "lot.planned": gettext_lazy("inspection planned"),
    "lot.conformity_issued": gettext_lazy("conformity document issued"),
    "lot.refused": gettext_lazy("lot refused"),
    "lot.cancelled": gettext_lazy("request cancelled"),
}


def _history(lot_request: LotInspectionRequest) -> list[Event]:
    """What the journal recorded of the request's steps, oldest first."""
    entries = (
        entries_for(lot_request)
        .filter(action__in=HISTORY)
        .select_related("actor")
        .order_by("at", "id")
    )
    return [
        Event(
            entry.at,
            str(HISTORY[entry.action]),
            str(entry.actor) if entry.actor is not None else _("the public web form"),
            _event_text(entry.action, entry.data),
        )
        for entry in entries
    ]


def _event_text(action: str, data: dict[str, Any]) -> str:
    if action == "lot.planned" and data.get("planned_on"):
        day = date.fromisoformat(str(data["planned_on"]))
        return _("for %(day)s") % {"day": date_format(day)}
    if action == "lot.cancelled":
        return str(data.get("reason", ""))
    return ""


@office_required
def lot_step(request: HttpRequest, reference: str, step: str) -> HttpResponse:
    lot_request = _lot_request(request, reference)
    chosen = STEPS.get(step)
    if chosen is None:
        raise Http404(_("No such step."))
    if request.method == "POST":
        return _take_step(request, lot_request, chosen)
    # The form is shown to whoever may take the step; the service says why to others.
    refusal = chosen.act.refusal(lot_standing(acting_user(request), lot_request))
    if refusal is not None:
        raise refusal
    form = html5_dates(chosen.form(lot_request=lot_request))
    return _step_page(request, lot_request, chosen, form)


def _take_step(
    request: HttpRequest, lot_request: LotInspectionRequest, chosen: Step
) -> HttpResponse:
    """Take the step through its service, which refuses whoever may not take it."""
    form = html5_dates(chosen.form(request.POST, lot_request=lot_request))
    if submitted(
        request,
        form,
        lambda by: form.submit(by=by),
        lambda result: (
            str(chosen.done)
            % {
                "reference": lot_request.reference,
                "code": getattr(result, "formatted_code", ""),
            }
        ),
    ):
        return HttpResponseRedirect(_lot_url(lot_request))
    return _step_page(request, lot_request, chosen, form)


def _step_page(
    request: HttpRequest, lot_request: LotInspectionRequest, chosen: Step, form: forms.LotStepForm
) -> HttpResponse:
    return render(
        request,
        "backoffice/lot_step.html",
        {"lot": lot_request, "step": chosen, "form": form},
    )


# -- documents -----------------------------------------------------------------------------


@office_required
def refusal_pdf(request: HttpRequest, reference: str) -> HttpResponse:
    """The refusal of a lot, listing the failed characteristics, for whoever sees the lot."""
    lot_request = _lot_request(request, reference)
    refusal = LotRefusal.objects.filter(request=lot_request).first()
    if refusal is None:
        raise Http404(_("No refusal has this reference."))
    language = translation.get_language() or "en"
    response = HttpResponse(
        lot_refusal_pdf(refusal, language=language), content_type="application/pdf"
    )
    filename = f"refusal-{lot_request.reference}-{language}.pdf"
    response["Content-Disposition"] = content_disposition_header(False, filename) or ""
    return response
