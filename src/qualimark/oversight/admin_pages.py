"""The pages of the inspection admin that each end in one service call (plan, record the
visit, send the report, evaluate…); the planning page is in `admin_planning.py`.

Every page turns a refusal of its service (a DomainError) into a message on the form; the
service decides who may act, and the pages ask its act only to choose what to offer.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from qualimark import clock
from qualimark.certification.admin import (
    acting_user,
    add_through_service,
    change_url,
    render_action_form,
)
from qualimark.errors import DomainError
from qualimark.oversight import admin_planning, forms
from qualimark.oversight.evaluation import proposal_sources
from qualimark.oversight.lifecycle import (
    CANCEL,
    EVALUATE,
    RECORD,
    SEND_REPORT,
    VISITED,
    InspectionStatus,
)
from qualimark.oversight.models import Inspection
from qualimark.oversight.permissions import inspection_standing
from qualimark.oversight.reports import comment_deadline, report_recipients
from qualimark.parties.roles import Act
from qualimark.sanctions.models import Proposal

PLANNED, CARRIED_OUT = InspectionStatus.PLANNED, InspectionStatus.CARRIED_OUT


@dataclass(frozen=True)
class Action:
    """A page that moves an inspection on through one service."""

    slug: str
    form: type[forms.InspectionActionForm]
    title: Promise
    submit_label: Promise
    act: Act
    statuses: frozenset[str]
    done: Promise  # the success message, with %(reference)s and %(deadline)s


ACTIONS = {
    action.slug: action
    for action in (
        Action(
            "carry-out",
            forms.CarryOutForm,
            _("Record the visit"),
            _("Record the visit"),
            RECORD,
            frozenset({PLANNED}),
            _("The visit of %(reference)s is recorded."),
        ),
        Action(
            "summary",
            forms.SummaryForm,
            _("Write the summary"),
            _("Save the summary"),
            RECORD,
            frozenset({CARRIED_OUT}),
            _("The summary of %(reference)s is saved."),
        ),
        Action(
            "send-report",
            forms.SendReportForm,
            _("Send the report"),
            _("Send the report"),
            SEND_REPORT,
            frozenset({CARRIED_OUT}),
            _("Report %(reference)s is sent; the holder may comment until %(deadline)s."),
        ),
        Action(
            "lab-result",
            forms.LabResultForm,
            _("Record a laboratory result"),
            _("Record the result"),
            RECORD,
            VISITED,
            _("The laboratory result is recorded on %(reference)s."),
        ),
        Action(
            "evaluate",
            forms.EvaluateForm,
            _("Evaluate the report"),
            _("Record the evaluation"),
            EVALUATE,
            frozenset({InspectionStatus.REPORT_SENT, InspectionStatus.WINDOW_CLOSED}),
            _("Report %(reference)s is evaluated."),
        ),
        Action(
            "cancel",
            forms.CancelForm,
            _("Cancel the inspection"),
            _("Cancel the inspection"),
            CANCEL,
            frozenset({PLANNED}),
            _("Inspection %(reference)s is cancelled."),
        ),
    )
}


def _name(model_admin: "admin.ModelAdmin[Any]", suffix: str) -> str:
    return f"{model_admin.opts.app_label}_{model_admin.opts.model_name}_{suffix}"


def inspection_urls(model_admin: "admin.ModelAdmin[Inspection]") -> list[URLPattern]:
    site = model_admin.admin_site

    def action(request: HttpRequest, object_id: str, slug: str) -> HttpResponse:
        return action_view(model_admin, request, object_id, slug)

    def planning_page(request: HttpRequest) -> HttpResponse:
        return admin_planning.planning_view(model_admin, request)

    return [
        path("planning/", site.admin_view(planning_page), name=_name(model_admin, "planning")),
        *(
            path(
                f"<path:object_id>/{slug}/",
                site.admin_view(action),
                {"slug": slug},
                name=_name(model_admin, slug.replace("-", "_")),
            )
            for slug in ACTIONS
        ),
    ]


def _inspection(
    model_admin: "admin.ModelAdmin[Inspection]", request: HttpRequest, object_id: str
) -> Inspection:
    inspection = model_admin.get_object(request, unquote(object_id))
    if inspection is None:
        raise Http404
    if not model_admin.has_view_permission(request, inspection):
        raise PermissionDenied
    return inspection


def action_links(
    model_admin: "admin.ModelAdmin[Inspection]", request: HttpRequest, object_id: str
) -> list[tuple[str, str]]:
    """The pages open on the inspection in its status, for this user."""
    inspection = model_admin.get_object(request, unquote(object_id))
    if inspection is None:
        return []
    standing = inspection_standing(acting_user(request), inspection)
    links = [
        (
            reverse(f"admin:{_name(model_admin, a.slug.replace('-', '_'))}", args=(object_id,)),
            str(a.title),
        )
        for a in ACTIONS.values()
        if inspection.status in a.statuses and a.act.allows(standing)
    ]
    if inspection.status in VISITED:
        # The report is read in the back-office, which builds its PDF.
        url = reverse("backoffice:inspection-report", args=(inspection.reference,))
        links.append((url, gettext("Report (PDF)")))
    return links


def comment_window_html(inspection: Inspection, today: date) -> SafeString:
    """The deadline for comments, said plainly: open until…, or closed since…."""
    deadline = inspection.comment_deadline
    if deadline is None:
        return format_html(
            "{}", gettext("The holder's 5 working days to comment start when the report is sent.")
        )
    if inspection.comment_window_open(today):
        return format_html(
            "<strong>{}</strong>",
            gettext("Open: the holder may comment until %(deadline)s inclusive.")
            % {"deadline": date_format(deadline)},
        )
    return format_html(
        "{}",
        gettext("Closed: comments were accepted until %(deadline)s.")
        % {"deadline": date_format(deadline)},
    )


def proposals_of(inspection: Inspection) -> list[str]:
    """The next steps the evaluation of `inspection` proposed to a decision maker."""
    sources = proposal_sources(inspection)
    return [str(p) for p in Proposal.objects.filter(source__in=sources)]


def _details(inspection: Inspection, slug: str) -> list[tuple[str, object]]:
    details: list[tuple[str, object]] = [
        (gettext("certificate"), inspection.certificate),
        (gettext("holder"), inspection.certificate.holder),
        (gettext("status"), inspection.get_status_display()),
        (gettext("place"), inspection.location),
        (gettext("comments of the holder"), comment_window_html(inspection, clock.today())),
    ]
    if slug == "send-report":
        recipients = report_recipients(inspection.certificate.holder)
        details += [
            (gettext("sent to"), ", ".join(f"{r.name} <{r.email}>" for r in recipients) or "—"),
            (
                gettext("deadline for comments if sent today"),
                date_format(comment_deadline(clock.today())),
            ),
        ]
    if slug == "evaluate":
        details += [
            (gettext("comment"), f"{c.at:%Y-%m-%d} {c.by}: {c.text}")
            for c in inspection.comments.select_related("by")
        ]
    return details


def action_view(
    model_admin: "admin.ModelAdmin[Inspection]", request: HttpRequest, object_id: str, slug: str
) -> HttpResponse:
    action = ACTIONS[slug]
    inspection = _inspection(model_admin, request, object_id)
    if request.method != "POST":
        # The form is shown to whoever may act; the service says why to others.
        refusal = action.act.refusal(inspection_standing(acting_user(request), inspection))
        if refusal is not None:
            raise refusal
    form = action.form(request.POST if request.method == "POST" else None, inspection=inspection)
    if form.is_bound and form.is_valid():
        try:
            form.submit(by=acting_user(request))
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            deadline = inspection.comment_deadline
            message = action.done % {
                "reference": inspection.reference,
                "deadline": date_format(deadline) if deadline else "",
            }
            model_admin.message_user(request, message, messages.SUCCESS)
            return HttpResponseRedirect(change_url(inspection))
    return render_action_form(
        model_admin,
        request,
        form=form,
        original=inspection,
        title=gettext("%(action)s: %(reference)s")
        % {"action": action.title, "reference": inspection.reference},
        submit_label=str(action.submit_label),
        details=_details(inspection, slug),
    )


def plan_view(model_admin: "admin.ModelAdmin[Inspection]", request: HttpRequest) -> HttpResponse:
    form = forms.PlanForm(request.POST if request.method == "POST" else None)
    return add_through_service(
        model_admin,
        request,
        form,
        act=lambda by: form.submit(by=by),
        done=lambda inspection: (
            gettext("Inspection %(reference)s is planned.") % {"reference": inspection.reference}
        ),
        title=gettext("Plan an inspection"),
        submit_label=gettext("Plan"),
    )
