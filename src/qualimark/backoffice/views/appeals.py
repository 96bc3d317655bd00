"""The appeal register, the page of one appeal with its committee, and a page per step.

A file manager records the appeal a holder sent in writing and, as the committee's
secretary, seats the committee (two representatives of public institutions, two of users)
and records each member's vote; a decision maker not involved in the file enacts the
outcome, which annuls the appealed decision when the committee upholds the holder. Each step ends
in one service call, which decides who may take it.
"""

from dataclasses import dataclass
from datetime import date

from django import forms as django_forms
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qualimark.access.visible import appeal_for, certificate_for
from qualimark.accounts.models import User
from qualimark.backoffice.views import complaints
from qualimark.backoffice.views.common import acting_user, html5_dates, submitted, visible
from qualimark.backoffice.views.complaints import history
from qualimark.backoffice.views.paging import paged
from qualimark.certification.models import Certificate
from qualimark.complaints import forms
from qualimark.complaints.appeals import (
    COMMITTEE_SIZE,
    check_not_the_appealed_decider,
    committee_can_change,
)
from qualimark.complaints.lifecycle import APPEAL, LODGE, AppealStatus, AppealStep
from qualimark.complaints.models import Appeal, AppealCommitteeMember, Vote
from qualimark.complaints.permissions import READ_REGISTERS, appeal_standing
from qualimark.errors import DomainError
from qualimark.parties import roles
from qualimark.parties.roles import Act, Standing
from qualimark.signin.decorators import office_required

Step = complaints.Step[Appeal]


def _by(step: AppealStep) -> Act:
    return APPEAL.rule(step).act


def _votes_missing(appeal: Appeal) -> bool:
    return appeal.status == AppealStatus.SEATED and appeal.votes.count() < COMMITTEE_SIZE


def _all_voted(appeal: Appeal) -> bool:
    return AppealStep.DECIDE in APPEAL.open_from(appeal.status) and (
        appeal.votes.count() == COMMITTEE_SIZE
    )


def _vote(data: QueryDict | None, appeal: Appeal) -> forms.StepForm:
    return forms.VoteForm(data, appeal=appeal)


STEPS = {
    step.slug: step
    for step in (
        Step(
            "seat",
            AppealStep.SEAT_COMMITTEE.label,
            _by(AppealStep.SEAT_COMMITTEE),
            lambda data, _a: forms.SeatCommitteeForm(data),
            committee_can_change,
        ),
        Step(
            "vote", AppealStep.RECORD_VOTE.label, _by(AppealStep.RECORD_VOTE), _vote, _votes_missing
        ),
        Step(
            "decide",
            AppealStep.DECIDE.label,
            _by(AppealStep.DECIDE),
            lambda data, _a: forms.DecideAppealForm(data),
            _all_voted,
        ),
    )
}

HISTORY = {
    "appeal.lodged": gettext_lazy("lodged"),
    "appeal.committee_seated": gettext_lazy("committee seated"),
    "appeal.vote_recorded": gettext_lazy("vote recorded"),
    "appeal.decided": gettext_lazy("decided"),
}


@dataclass(frozen=True)
class Appealed:
    """What an appeal is against, as the register shows it."""

    certificate: Certificate
    what: str
    on: date


def appealed(appeal: Appeal) -> Appealed:
    if appeal.decision is not None:
        decision = appeal.decision
        return Appealed(decision.certificate, decision.get_transition_display(), decision.effective)
    assert appeal.sanction is not None  # the database constraint: exactly one of the two
    sanction = appeal.sanction
    return Appealed(sanction.certificate, sanction.get_kind_display(), sanction.effective)


class StatusFilter(django_forms.Form):
    status = django_forms.ChoiceField(
        label=gettext_lazy("status"),
        required=False,
        choices=[("", gettext_lazy("all")), *AppealStatus.choices],
    )


def _appeal_url(appeal: Appeal) -> str:
    return reverse("backoffice:appeal", args=(appeal.reference,))


def _may_lodge(user: User) -> Standing:
    """The reader as one who may lodge an appeal on some file (the service asks the file)."""
    return roles.standing(user, public=True)


@office_required
def appeals_page(request: HttpRequest) -> HttpResponse:
    """The register, newest first, by status; 50 a page."""
    user = acting_user(request)
    READ_REGISTERS.check(roles.standing(user, public=True))
    chosen = StatusFilter(request.GET or None)
    rows = Appeal.objects.select_related(
        "appellant", "decision__certificate", "sanction__certificate"
    )
    if chosen.is_valid() and chosen.cleaned_data["status"]:
        rows = rows.filter(status=chosen.cleaned_data["status"])
    page = paged(request.GET, rows.order_by("-lodged_on", "-id"))
    return render(
        request,
        "backoffice/appeals.html",
        {
            "filter": chosen,
            "paged": page,
            "rows": [(appeal, appealed(appeal)) for appeal in page.rows],
            "may_lodge": LODGE.allows(_may_lodge(user)),
        },
    )


@office_required
def appeal_new(request: HttpRequest) -> HttpResponse:
    """Record the appeal a holder sent in writing: first its file, then what it appeals."""
    refusal = LODGE.refusal(_may_lodge(acting_user(request)))
    if refusal is not None and request.method != "POST":
        raise refusal
    chosen = forms.AppealFileForm(request.GET or None)
    if not chosen.is_valid():
        return render(request, "backoffice/appeal_new.html", {"file_form": chosen})
    # Only a file the person sees: the form shows its holder, decisions and sanctions.
    certificate = visible(certificate_for, request, chosen.cleaned_data["file"].number)
    if request.method != "POST":
        form = html5_dates(forms.AppealForm(certificate=certificate))
        return _lodge_page(request, chosen, certificate, form)
    form = html5_dates(forms.AppealForm(request.POST, certificate=certificate))
    lodged: list[Appeal] = []

    def lodge(by: User) -> Appeal:
        lodged.append(form.lodge(by=by))
        return lodged[0]

    if submitted(
        request,
        form,
        lodge,
        lambda appeal: _("Appeal %(reference)s is lodged.") % {"reference": appeal.reference},
    ):
        return HttpResponseRedirect(_appeal_url(lodged[0]))
    return _lodge_page(request, chosen, certificate, form)


def _lodge_page(
    request: HttpRequest,
    chosen: forms.AppealFileForm,
    certificate: Certificate,
    form: forms.AppealForm,
) -> HttpResponse:
    return render(
        request,
        "backoffice/appeal_new.html",
        {"file_form": chosen, "certificate": certificate, "form": form},
    )


def _appeal(request: HttpRequest, reference: str) -> Appeal:
    found = visible(appeal_for, request, reference)
    # The appeal register is the body's: an inspector of the file does not read its appeals.
    if not roles.is_cb_staff(acting_user(request)):
        raise Http404(_("No such appeal."))
    return Appeal.objects.select_related(
        "appellant",
        "decision__certificate__holder",
        "decision__decided_by",
        "sanction__certificate__holder",
        "sanction__decided_by",
        "decided_by",
        "reversal__annuls",
        "reversal__certificate",
    ).get(pk=found.pk)


def _refusal(step: Step, appeal: Appeal, standing: Standing) -> DomainError | None:
    """Why the reader may not take `step` on `appeal`: the act's answer, and for the outcome
    the service's own rule that whoever took the appealed decision does not enact it."""
    refusal = step.act.refusal(standing)
    if refusal is None and step.slug == "decide" and isinstance(standing.actor, User):
        try:
            check_not_the_appealed_decider(appeal, standing.actor)
        except DomainError as error:
            return error
    return refusal


@dataclass(frozen=True)
class Seat:
    """A member sitting on the appeal, with the vote recorded for them, if any."""

    member: AppealCommitteeMember
    vote: Vote | None


@office_required
def appeal_page(request: HttpRequest, reference: str) -> HttpResponse:
    appeal = _appeal(request, reference)
    standing = appeal_standing(acting_user(request), appeal)
    votes = {vote.member_id: vote for vote in appeal.votes.select_related("recorded_by")}
    members = appeal.members.order_by("constituency", "name")
    steps = [
        step
        for step in STEPS.values()
        if step.open(appeal) and _refusal(step, appeal, standing) is None
    ]
    return render(
        request,
        "backoffice/appeal.html",
        {
            "appeal": appeal,
            "appealed": appealed(appeal),
            "steps": steps,
            "may_vote": any(step.slug == "vote" for step in steps),
            "seats": [Seat(member, votes.get(member.pk)) for member in members],
            "history": history(appeal, HISTORY),
        },
    )


@office_required
def appeal_step(request: HttpRequest, reference: str, step: str) -> HttpResponse:
    appeal = _appeal(request, reference)
    chosen = STEPS.get(step)
    if chosen is None:
        raise Http404(_("No such step."))
    if request.method == "POST":
        return _take_step(request, appeal, chosen)
    # The form is shown to whoever may take the step; the service says why to others.
    refusal = _refusal(chosen, appeal, appeal_standing(acting_user(request), appeal))
    if refusal is not None:
        raise refusal
    form = html5_dates(chosen.form(None, appeal))
    if chosen.slug == "vote" and "member" in request.GET:
        form.initial["member"] = request.GET["member"]
    return _step_page(request, appeal, chosen, form)


def _take_step(request: HttpRequest, appeal: Appeal, chosen: Step) -> HttpResponse:
    """Take the step through its service, which refuses whoever may not take it."""
    form = html5_dates(chosen.form(request.POST, appeal))
    if submitted(request, form, lambda by: form.run(appeal, by=by), str):
        return HttpResponseRedirect(_appeal_url(appeal))
    return _step_page(request, appeal, chosen, form)


def _step_page(
    request: HttpRequest, appeal: Appeal, chosen: Step, form: forms.StepForm
) -> HttpResponse:
    return render(
        request,
        "backoffice/appeal_step.html",
        {
            "appeal": appeal,
            "appealed": appealed(appeal),
            "step": chosen,
            "form": form,
            "is_open": chosen.open(appeal),
        },
    )
