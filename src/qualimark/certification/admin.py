"""The admin of certification files: read only, for administrators.

A file's status is never a field here: it is read from the decisions, which the back-office
takes (`backoffice:decide`), each through the service of its transition. Files, decisions,
their evidence, status rows and involvements are shown, never written.

The read-only admins and inlines here serve the admins of the other apps' records too.
"""

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

from django.contrib import admin
from django.contrib.admin.utils import quote
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from qualimark import clock
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import (
    Certificate,
    Decision,
    Evidence,
    Involvement,
    Lapse,
    StatusPeriod,
)
from qualimark.certification.timeline import Segment

M = TypeVar("M", bound=Model)
S = TypeVar("S")


def change_url(obj: Model) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=(quote(obj.pk),))


def timeline_table(
    timeline: Sequence[Segment[S]], label: Callable[[S], str], today: date
) -> SafeString:
    """A dated history as a table, the segment in force today marked."""
    if not timeline:
        return format_html("<p>{}</p>", gettext("No status recorded yet."))
    rows = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                label(segment.status),
                date_format(segment.start),
                date_format(segment.end) if segment.end else "…",
                gettext("← today") if segment.covers(today) else "",
            )
            for segment in timeline
        ),
    )
    return format_html(
        '<table class="qualimark-timeline"><thead><tr><th>{}</th><th>{}</th><th>{}</th>'
        "<th></th></tr></thead><tbody>{}</tbody></table>",
        capfirst(gettext("status")),
        capfirst(gettext("from")),
        capfirst(gettext("until (exclusive)")),
        rows,
    )


class ReadOnlyAdmin(admin.ModelAdmin[M]):
    """The admin of a record that is kept for good: it can be read, never written."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return False


class ReadOnlyTabularInline(admin.TabularInline[M, Any]):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _evidence_html(decision: Decision) -> str:
    items = [
        format_html('<a href="{}" rel="noopener">{}</a>', item.url, item.description)
        # Only web links become links: a stored "javascript:" must stay text.
        if item.url.startswith(("https://", "http://"))
        else format_html("{} {}", item.description, item.url)
        for item in decision.evidence.all()
    ]
    return format_html_join(mark_safe("<br>"), "{}", ((item,) for item in items)) or "—"


def _annulment_html(decision: Decision) -> str:
    """An annulment names the decision it annuls; an annulled decision its annulment."""
    annulled = decision.annuls
    if annulled is not None:
        return format_html(
            '{} <a href="{}">{}</a>',
            gettext("Annuls"),
            change_url(annulled),
            gettext("the decision to %(decision)s of %(date)s")
            % {
                "decision": annulled.get_transition_display(),
                "date": date_format(annulled.effective),
            },
        )
    annulment = decision.annulled_by
    if annulment is not None:
        return format_html(
            '<a href="{}">{}</a>',
            change_url(annulment),
            gettext("Annulled on appeal on %(date)s")
            % {"date": date_format(timezone.localdate(annulment.decided_at))},
        )
    return "—"


class DecisionInline(ReadOnlyTabularInline[Decision]):
    model = Decision
    fields = (
        "transition",
        "from_status",
        "to_status",
        "effective",
        "until",
        "expires_on",
        "decided_by",
        "decided_at",
        "reason",
        "evidence_links",
        "annulment_on_appeal",
    )
    readonly_fields = fields
    ordering = ("id",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Decision]:
        return (
            super()
            .get_queryset(request)
            .select_related("decided_by", "annuls", "annulment")
            .prefetch_related("evidence")
        )

    @admin.display(description=_("evidence"))
    def evidence_links(self, obj: Decision) -> str:
        return _evidence_html(obj)

    @admin.display(description=_("annulment on appeal"))
    def annulment_on_appeal(self, obj: Decision) -> str:
        return _annulment_html(obj)


class InvolvementInline(ReadOnlyTabularInline[Involvement]):
    model = Involvement
    fields = ("person", "role", "since")
    readonly_fields = fields
    verbose_name_plural = _("involvements in evaluation (these people may not decide on the file)")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Involvement]:
        return super().get_queryset(request).select_related("person")


def _status_label(status: Status) -> str:
    return str(status.label)


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin[Certificate]):
    list_display = ("number", "holder", "programme", "production_unit", "status_today")
    list_filter = ("programme__scheme",)
    search_fields = ("number", "holder__name", "holder__trade_name")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "number",
                    "holder",
                    "programme",
                    "production_unit",
                    "applied_on",
                    "expires_on",
                    "created_at",
                )
            },
        ),
        (_("Status"), {"fields": ("status_today", "status_timeline")}),
    )
    readonly_fields = (
        "number",
        "holder",
        "programme",
        "production_unit",
        "applied_on",
        "expires_on",
        "created_at",
        "status_today",
        "status_timeline",
    )
    inlines = (DecisionInline, InvolvementInline)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Certificate]:
        return (
            super()
            .get_queryset(request)
            .select_related("holder", "programme__scheme", "programme__subject", "production_unit")
            # Each row reads its status from its periods: one query for all of them.
            .prefetch_related("status_periods")
        )

    @admin.display(description=_("status today"))
    def status_today(self, obj: Certificate) -> str:
        status = obj.status_on(clock.today())
        return str(status.label) if status else gettext("not yet applied for")

    @admin.display(description=_("status history"))
    def status_timeline(self, obj: Certificate) -> SafeString:
        return timeline_table(obj.timeline, _status_label, clock.today())


class EvidenceInline(ReadOnlyTabularInline[Evidence]):
    model = Evidence
    fields = ("description", "url")
    readonly_fields = fields


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin[Decision]):
    list_display = (
        "certificate",
        "transition",
        "from_status",
        "to_status",
        "effective",
        "decided_by",
        "decided_at",
        "annulment_on_appeal",
    )
    list_filter = ("transition", "to_status")
    search_fields = ("certificate__number", "reason")
    list_select_related = ("certificate", "decided_by", "annuls", "annulment")
    date_hierarchy = "decided_at"
    inlines = (EvidenceInline,)
    readonly_fields = ("annulment_on_appeal",)

    @admin.display(description=_("annulment on appeal"))
    def annulment_on_appeal(self, obj: Decision) -> str:
        return _annulment_html(obj)


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin[Evidence]):
    list_display = ("description", "decision", "url")
    search_fields = ("description", "decision__certificate__number")
    list_select_related = ("decision__certificate",)


@admin.register(StatusPeriod)
class StatusPeriodAdmin(ReadOnlyAdmin[StatusPeriod]):
    list_display = ("certificate", "status", "valid_from", "valid_until", "decision")
    list_filter = ("status",)
    search_fields = ("certificate__number",)
    list_select_related = ("certificate", "decision__certificate")


@admin.register(Involvement)
class InvolvementAdmin(ReadOnlyAdmin[Involvement]):
    list_display = ("certificate", "person", "role", "since")
    list_filter = ("role",)
    search_fields = ("certificate__number", "person__email", "person__last_name")
    list_select_related = ("certificate", "person")


@admin.register(Lapse)
class LapseAdmin(ReadOnlyAdmin[Lapse]):
    list_display = ("certificate", "kind", "on", "noted_at")
    list_filter = ("kind",)
    search_fields = ("certificate__number",)
    list_select_related = ("certificate",)
    date_hierarchy = "on"
