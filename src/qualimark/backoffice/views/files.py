"""The work queue, the file page with its timeline, and the decisions taken on a file."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.access.visible import certificate_for
from qualimark.backoffice.forms import AssignForm, DecideForm, FilePlanForm, HandleProposalForm
from qualimark.backoffice.queue import queue_page
from qualimark.backoffice.timeline import file_timeline
from qualimark.backoffice.views import sanctions
from qualimark.backoffice.views.common import (
    acting_user,
    html5_dates,
    stored_download,
    submitted,
    visible,
)
from qualimark.backoffice.views.datasheets import file_datasheets, may_create, open_proposals
from qualimark.certification.lifecycle import LIFECYCLE, Status, Transition
from qualimark.certification.models import Certificate, Decision, Evidence, Involvement
from qualimark.certification.permissions import ASSIGN, file_standing
from qualimark.certification.services import current_file_manager
from qualimark.oversight.lifecycle import PLAN
from qualimark.oversight.models import Inspection
from qualimark.parties import roles
from qualimark.sanctions.models import Proposal
from qualimark.sanctions.permissions import RESOLVE
from qualimark.signin.decorators import office_required

# The decisions taken from the office: every one of the table (an application opens a file
# and an annulment follows an appeal: neither is in it).
OFFICE_TRANSITIONS = frozenset(LIFECYCLE.rules)


@office_required
def queue(request: HttpRequest) -> HttpResponse:
    page = queue_page(acting_user(request), request.GET)
    kept = request.GET.copy()
    kept.pop("page", None)
    other_kinds = kept.copy()
    other_kinds.pop("kind", None)
    return render(
        request,
        "backoffice/queue.html",
        {
            "queue": page,
            "sections": page.sections,
            "query": kept.urlencode(),
            "tab_query": other_kinds.urlencode(),
            "titles": {section.key: section.title for section in page.sections},
        },
    )


def _file_url(certificate: Certificate) -> str:
    return reverse("backoffice:file", args=(certificate.number,))


def _certificate(request: HttpRequest, number: str) -> Certificate:
    certificate = visible(certificate_for, request, number)
    # The header reads these on every page: one query rather than one each.
    return (
        Certificate.objects.select_related(
            "holder", "programme__scheme", "programme__subject", "production_unit"
        )
        .prefetch_related("status_periods")
        .get(pk=certificate.pk)
    )


@office_required
def file_page(request: HttpRequest, number: str) -> HttpResponse:
    certificate = _certificate(request, number)
    user = acting_user(request)
    status = certificate.status_on(clock.today())
    standing = file_standing(user, certificate)
    sanctioned = sanctions.file_section(certificate, standing, status)
    actions = LIFECYCLE.open_to(status, standing)
    if sanctioned["suspended_by_sanction"]:
        actions = [transition for transition in actions if transition != Transition.LIFT]
    return render(
        request,
        "backoffice/file.html",
        {
            "certificate": certificate,
            "status": status,
            "history": certificate.timeline,
            "involved": Involvement.objects.filter(certificate=certificate)
            .select_related("person")
            .order_by("since"),
            "actions": actions,
            "may_plan": user.has_perm("oversight.plan_inspection"),
            "inspections": Inspection.objects.filter(certificate=certificate)
            .select_related("inspector", "body")
            .order_by("-planned_on", "-id"),
            "proposals": Proposal.objects.filter(
                certificate=certificate, resolved_at=None
            ).order_by("proposed_on", "id"),
            "may_handle_proposals": RESOLVE.allows(standing),
            "datasheets": file_datasheets(certificate),
            "datasheet_proposals": open_proposals(certificate),
            "may_create_datasheet": may_create(user, certificate, status),
            "timeline": file_timeline(certificate, evidence=roles.is_cb_staff(user)),
            "file_manager": current_file_manager(certificate),
            "may_assign": ASSIGN.allows(standing),
            **sanctioned,
        },
    )


def _transition(value: str) -> Transition:
    try:
        transition = Transition(value)
    except ValueError:
        raise Http404(_("No such decision.")) from None
    if transition not in OFFICE_TRANSITIONS:
        raise Http404(_("No such decision."))
    return transition


@office_required
def decide(request: HttpRequest, number: str, transition: str) -> HttpResponse:
    certificate = _certificate(request, number)
    chosen = _transition(transition)
    if request.method == "POST":
        return _decide(request, certificate, chosen)
    return _decide_form(request, certificate, chosen)


def _decide_form(
    request: HttpRequest, certificate: Certificate, chosen: Transition
) -> HttpResponse:
    """The form, for whoever may take the decision; others are told why, as the service would."""
    standing = file_standing(acting_user(request), certificate)
    refusal = LIFECYCLE.rule(chosen).act.refusal(standing, chosen.label)
    if refusal is not None:
        raise refusal
    return _decide_page(
        request,
        certificate,
        chosen,
        DecideForm(transition=chosen, certificate=certificate, reader=acting_user(request)),
    )


def _decide(request: HttpRequest, certificate: Certificate, chosen: Transition) -> HttpResponse:
    """Take the decision through its service, which refuses whoever may not take it."""
    form = DecideForm(
        request.POST,
        request.FILES,
        transition=chosen,
        certificate=certificate,
        reader=acting_user(request),
    )
    if submitted(
        request,
        form,
        lambda by: form.decide(certificate, by=by),
        lambda decision: _decided(certificate, decision),
    ):
        return HttpResponseRedirect(_file_url(certificate))
    return _decide_page(request, certificate, chosen, form)


def _decide_page(
    request: HttpRequest, certificate: Certificate, chosen: Transition, form: DecideForm
) -> HttpResponse:
    return render(
        request,
        "backoffice/decide.html",
        {
            "certificate": certificate,
            "status": certificate.status_on(clock.today()),
            "transition": chosen,
            "form": form,
        },
    )


def _decided(certificate: Certificate, decision: Decision) -> str:
    return _("Decision recorded on %(number)s: %(decision)s, now %(status)s from %(date)s.") % {
        "number": certificate.number,
        "decision": decision.get_transition_display(),
        "status": Status(decision.to_status).label,
        "date": date_format(decision.effective),
    }


@office_required
def plan(request: HttpRequest, number: str) -> HttpResponse:
    certificate = _certificate(request, number)
    if request.method == "POST":
        return _plan(request, certificate)
    # The form is shown to whoever may plan; the service says why to others.
    refusal = PLAN.refusal(roles.standing(acting_user(request), holder=certificate.holder_id))
    if refusal is not None:
        raise refusal
    return _plan_page(request, certificate, html5_dates(FilePlanForm(certificate=certificate)))


def _plan(request: HttpRequest, certificate: Certificate) -> HttpResponse:
    """Plan the inspection through its service, which refuses whoever may not plan."""
    form = html5_dates(FilePlanForm(request.POST, certificate=certificate))
    if submitted(
        request,
        form,
        lambda by: form.submit(by=by),
        lambda inspection: (
            _("Inspection %(reference)s is planned for %(date)s.")
            % {"reference": inspection.reference, "date": date_format(inspection.planned_on)}
        ),
    ):
        return HttpResponseRedirect(_file_url(certificate))
    return _plan_page(request, certificate, form)


def _plan_page(request: HttpRequest, certificate: Certificate, form: FilePlanForm) -> HttpResponse:
    return render(request, "backoffice/plan.html", {"certificate": certificate, "form": form})


@office_required
def handle_proposal(request: HttpRequest, number: str, proposal_id: int) -> HttpResponse:
    """Say what was done about a proposed next step (a sanction, a follow-up)."""
    certificate = _certificate(request, number)
    proposal = Proposal.objects.filter(certificate=certificate, pk=proposal_id).first()
    if proposal is None:
        raise Http404(_("No such proposal."))
    if request.method == "POST":
        return _handle_proposal(request, certificate, proposal)
    # The form is shown to whoever may handle the proposal; the service says why to others.
    refusal = RESOLVE.refusal(file_standing(acting_user(request), certificate))
    if refusal is not None:
        raise refusal
    return _handle_proposal_page(request, certificate, proposal, HandleProposalForm())


def _handle_proposal(
    request: HttpRequest, certificate: Certificate, proposal: Proposal
) -> HttpResponse:
    """Handle the proposal through its service, which refuses whoever may not."""
    form = HandleProposalForm(request.POST)
    if submitted(
        request,
        form,
        lambda by: form.handle(proposal, by=by),
        lambda _handled: _("The proposal is marked as handled."),
    ):
        return HttpResponseRedirect(_file_url(certificate))
    return _handle_proposal_page(request, certificate, proposal, form)


def _handle_proposal_page(
    request: HttpRequest, certificate: Certificate, proposal: Proposal, form: HandleProposalForm
) -> HttpResponse:
    return render(
        request,
        "backoffice/handle_proposal.html",
        {"certificate": certificate, "proposal": proposal, "form": form},
    )


@office_required
def assign(request: HttpRequest, number: str) -> HttpResponse:
    """Give the file to a file manager: from then on it is theirs in the work queue."""
    certificate = _certificate(request, number)
    if request.method == "POST":
        return _assign(request, certificate)
    # The form is shown to whoever may assign; the service says why to others.
    refusal = ASSIGN.refusal(file_standing(acting_user(request), certificate))
    if refusal is not None:
        raise refusal
    return _assign_page(request, certificate, AssignForm(certificate=certificate))


def _assign(request: HttpRequest, certificate: Certificate) -> HttpResponse:
    """Assign through the service, which refuses whoever may not."""
    form = AssignForm(request.POST, certificate=certificate)
    if submitted(
        request,
        form,
        lambda by: form.assign(certificate, by=by),
        lambda assignment: (
            _("File %(number)s is assigned to %(person)s.")
            % {"number": certificate.number, "person": assignment.file_manager}
        ),
    ):
        return HttpResponseRedirect(_file_url(certificate))
    return _assign_page(request, certificate, form)


def _assign_page(request: HttpRequest, certificate: Certificate, form: AssignForm) -> HttpResponse:
    return render(
        request,
        "backoffice/assign.html",
        {
            "certificate": certificate,
            "form": form,
            "file_manager": current_file_manager(certificate),
        },
    )


@office_required
def evidence_file(request: HttpRequest, number: str, evidence_id: int) -> FileResponse:
    """A file sent with a decision on the file, for whoever sees the file."""
    certificate = _certificate(request, number)
    evidence = Evidence.objects.filter(decision__certificate=certificate, pk=evidence_id).first()
    # The evidence is the body's: its staff and auditor read it, not the file's inspector.
    if evidence is None or not evidence.file or not roles.is_cb_staff(acting_user(request)):
        raise Http404(_("No such file."))
    return stored_download(evidence.file, evidence.original_name, evidence.content_type)
