"""The planning of inspections: the files due and overdue, and the inspections planned.

A file manager reads what is due within a horizon, per inspection body or per inspector,
plans several due files at once (one body, one inspector, one day, all or nothing through
`plan_inspections`) and reassigns planned inspections from their own pages. The page asks
a fixed number of queries whatever the number of files.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext_lazy, ngettext

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.backoffice.views.common import acting_user, html5_dates, submitted
from qualimark.oversight import planning
from qualimark.oversight.due import DueInspection
from qualimark.oversight.forms import PlanSelectedForm
from qualimark.oversight.lifecycle import PLAN, InspectionStatus
from qualimark.oversight.models import Inspection, InspectionBody
from qualimark.parties import roles
from qualimark.schemes.models import Kind
from qualimark.signin.decorators import office_required

DEFAULT_HORIZON = 30
GROUPS = (("body", gettext_lazy("inspection body")), ("inspector", gettext_lazy("inspector")))


class PlanningFilter(forms.Form):
    horizon = forms.IntegerField(
        label=gettext_lazy("due within (days)"),
        min_value=0,
        max_value=366,
        required=False,
        initial=DEFAULT_HORIZON,
    )
    group = forms.ChoiceField(label=gettext_lazy("group by"), choices=GROUPS, required=False)
    body = forms.ModelChoiceField(
        InspectionBody.objects.filter(active=True).order_by("name"),
        label=gettext_lazy("inspection body"),
        empty_label=gettext_lazy("every body"),
        required=False,
    )
    inspector = forms.ModelChoiceField(
        User.objects.filter(inspection_bodies__active=True)
        .distinct()
        .order_by("last_name", "first_name"),
        label=gettext_lazy("inspector"),
        empty_label=gettext_lazy("every inspector"),
        required=False,
    )


@dataclass(frozen=True)
class Group:
    """The rows of one body or one inspector (None: not known yet)."""

    key: InspectionBody | User | None
    due: list[DueInspection]
    planned: list[Inspection]

    @property
    def count(self) -> int:
        return len(self.due) + len(self.planned)


def _plannable(item: DueInspection) -> bool:
    """Whether the file can be planned with the others: an execution needs its site first."""
    return item.certificate.programme.scheme.kind != Kind.EXECUTION


def _planned(until: date, body: InspectionBody | None, inspector: User | None) -> list[Inspection]:
    found: QuerySet[Inspection] = Inspection.objects.filter(
        status=InspectionStatus.PLANNED, planned_on__lte=until
    ).select_related("certificate__holder", "certificate__programme__subject", "body", "inspector")
    if body is not None:
        found = found.filter(body=body)
    if inspector is not None:
        found = found.filter(inspector=inspector)
    return list(found.order_by("planned_on", "reference"))


def _groups(
    per_inspector: bool, due: list[DueInspection], planned: list[Inspection]
) -> list[Group]:
    grouped = (planning.by_inspector if per_inspector else planning.by_body)(due)
    keys: list[Any] = list(grouped)
    by_key: dict[Any, list[Inspection]] = {}
    for inspection in planned:
        key = inspection.inspector if per_inspector else inspection.body
        by_key.setdefault(key, []).append(inspection)
        if key not in keys:
            keys.append(key)
    keys.sort(key=lambda key: (key is None, str(key or "")))
    return [Group(key, grouped.get(key, []), by_key.get(key, [])) for key in keys]


@dataclass(frozen=True)
class Chosen:
    """What the page shows: the filters read from its query, and what is due with them."""

    filters: PlanningFilter
    horizon: int
    body: InspectionBody | None
    inspector: User | None
    per_inspector: bool
    items: list[DueInspection]

    @property
    def due(self) -> list[DueInspection]:
        return [item for item in self.items if item.frequency_known and item.planned is None]

    @property
    def plannable(self) -> list[str]:
        return [item.certificate.number for item in self.due if _plannable(item)]


def _chosen(request: HttpRequest) -> Chosen:
    filters = PlanningFilter(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    horizon = DEFAULT_HORIZON if data.get("horizon") is None else data["horizon"]
    body, inspector = data.get("body"), data.get("inspector")
    items = planning.due_inspections(
        clock.today(), horizon_days=horizon, body=body, inspector=inspector
    )
    return Chosen(filters, horizon, body, inspector, data.get("group") == "inspector", items)


def _form(request: HttpRequest, chosen: Chosen) -> PlanSelectedForm:
    return html5_dates(
        PlanSelectedForm(
            request.POST if request.method == "POST" else None,
            numbers=chosen.plannable,
            initial={"body": chosen.body, "inspector": chosen.inspector},
            # The filters above use the plain ids: these fields are told apart.
            auto_id="plan_%s",
        )
    )


@office_required
def planning_page(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _plan_chosen(request, _chosen(request))
    # The page is the planner's: whoever may not plan is told so before anything is read.
    PLAN.check(roles.standing(acting_user(request), public=True))
    chosen = _chosen(request)
    return _page(request, chosen, _form(request, chosen))


def _plan_chosen(request: HttpRequest, chosen: Chosen) -> HttpResponse:
    """Plan the files chosen through the service, which refuses whoever may not plan."""
    form = _form(request, chosen)
    if submitted(
        request,
        form,
        lambda by: form.submit(by=by),
        lambda planned: (
            ngettext(
                "%(count)d inspection is planned.",
                "%(count)d inspections are planned.",
                len(planned),
            )
            % {"count": len(planned)}
        ),
    ):
        return HttpResponseRedirect(request.get_full_path())
    return _page(request, chosen, form)


def _page(request: HttpRequest, chosen: Chosen, form: PlanSelectedForm) -> HttpResponse:
    # The page is the planner's: whoever may not plan is told so, as the service would be.
    PLAN.check(roles.standing(acting_user(request), public=True))
    today = clock.today()
    due = chosen.due
    planned = _planned(today + timedelta(days=chosen.horizon), chosen.body, chosen.inspector)
    return render(
        request,
        "backoffice/planning.html",
        {
            "filters": chosen.filters,
            "today": today,
            "horizon": chosen.horizon,
            "per_inspector": chosen.per_inspector,
            "groups": _groups(chosen.per_inspector, due, planned),
            "due_count": len(due),
            "overdue_count": sum(item.overdue for item in due),
            "planned_count": len(planned),
            "late_count": sum(inspection.planned_on < today for inspection in planned),
            "unknown": [item for item in chosen.items if not item.frequency_known],
            "plannable": set(chosen.plannable),
            "selected": set(form["chosen"].value() or []) if form.is_bound else set(),
            "form": form,
        },
    )
