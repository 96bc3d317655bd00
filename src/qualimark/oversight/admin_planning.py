"""The planning page of the oversight admin: due and overdue files, and planning them all."""

from datetime import date

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext

from qualimark import clock
from qualimark.certification.admin import acting_user
from qualimark.oversight import planning
from qualimark.oversight.lifecycle import PLAN
from qualimark.oversight.models import Inspection
from qualimark.parties import roles


def _horizon(request: HttpRequest) -> int:
    try:
        return max(0, min(int(request.GET.get("horizon", "30")), 366))
    except ValueError:
        return 30


def planning_view(
    model_admin: "admin.ModelAdmin[Inspection]", request: HttpRequest
) -> HttpResponse:
    """Due and overdue files, per body or per inspector; and planning them all at once."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    today, horizon = clock.today(), _horizon(request)
    if request.method == "POST":
        _plan_all(model_admin, request, today, horizon)  # the service refuses who may not plan
        return HttpResponseRedirect(request.get_full_path())
    items = planning.due_inspections(today, horizon_days=horizon)
    per_inspector = request.GET.get("group") == "inspector"
    known = [item for item in items if item.frequency_known]
    groups = (planning.by_inspector if per_inspector else planning.by_body)(known)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": gettext("Planning of inspections"),
        "opts": model_admin.opts,
        "today": today,
        "horizon": horizon,
        "per_inspector": per_inspector,
        "groups": [(key, group) for key, group in groups.items()],
        "unknown": [item for item in items if not item.frequency_known],
        "overdue_count": sum(item.overdue for item in known),
        "can_plan": PLAN.allows(roles.standing(acting_user(request))),
    }
    return TemplateResponse(request, "admin/oversight/planning.html", context)


def _plan_all(
    model_admin: "admin.ModelAdmin[Inspection]", request: HttpRequest, today: date, horizon: int
) -> None:
    planned = planning.plan_due_inspections(today, by=acting_user(request), horizon_days=horizon)
    model_admin.message_user(
        request,
        ngettext(
            "%(count)d inspection is planned.", "%(count)d inspections are planned.", len(planned)
        )
        % {"count": len(planned)},
        messages.SUCCESS,
    )
    for item, reason in planned.skipped:
        model_admin.message_user(
            request,
            gettext("%(number)s not planned: %(reason)s")
            % {"number": item.certificate.number, "reason": reason},
            messages.WARNING,
        )
