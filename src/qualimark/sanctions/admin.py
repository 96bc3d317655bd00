"""Staff admin for sanctions and proposed next steps: read-only.

Sanctions are imposed, lifted, ended and revoked in the back-office (the file page and its
sanction pages), and proposals are handled there too; the admin only shows the records.
"""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from qualimark import clock
from qualimark.certification.admin import ReadOnlyAdmin
from qualimark.sanctions.models import Proposal, Sanction
from qualimark.sanctions.queries import in_force


class InForceFilter(admin.SimpleListFilter):
    title = _("in force today")
    parameter_name = "in_force"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", gettext("Yes")), ("no", gettext("No"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        today = clock.today()
        if self.value() == "yes":
            return queryset.filter(in_force(today))
        if self.value() == "no":
            return queryset.exclude(in_force(today))
        return queryset


@admin.register(Sanction)
class SanctionAdmin(ReadOnlyAdmin[Sanction]):
    list_display = (
        "certificate",
        "kind",
        "effective",
        "until",
        "inspections_per_year",
        "ended_on",
        "revoked",
        "in_force_today",
    )
    list_filter = ("kind", InForceFilter, "revoked")
    search_fields = ("certificate__number", "certificate__holder__name", "reason")
    list_select_related = ("certificate",)
    date_hierarchy = "effective"
    readonly_fields = (
        "certificate",
        "kind",
        "effective",
        "until",
        "inspections_per_year",
        "decision",
        "reason",
        "decided_by",
        "decided_at",
        "ended_on",
        "ended_reason",
        "revoked",
        "reversal",
    )

    @admin.display(description=_("in force today"), boolean=True)
    def in_force_today(self, obj: Sanction) -> bool:
        return obj.in_force_on(clock.today())


class OpenFilter(admin.SimpleListFilter):
    title = _("handled")
    parameter_name = "handled"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("no", gettext("Open")), ("yes", gettext("Handled"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "no":
            return queryset.filter(resolved_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(resolved_at__isnull=False)
        return queryset


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin[Proposal]):
    """Read-only: the system proposes; people handle them on the back-office's file page."""

    list_display = ("proposed_on", "certificate", "kind", "text", "resolved_at", "resolved_by")
    list_filter = (OpenFilter, "kind")
    search_fields = ("certificate__number", "certificate__holder__name", "text", "source")
    list_select_related = ("certificate", "resolved_by")
    readonly_fields = (
        "certificate",
        "kind",
        "text",
        "proposed_on",
        "source",
        "created_at",
        "resolved_at",
        "resolved_by",
        "resolution",
    )
