"""The admin of technical datasheets: read only.

A datasheet is created, versioned, published, withdrawn and superseded in the back-office
(`backoffice:datasheet`), each step through its service; here administrators read it.
"""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from qualimark import clock
from qualimark.certification.admin import ReadOnlyAdmin, ReadOnlyTabularInline, timeline_table
from qualimark.datasheets import quickcodes
from qualimark.datasheets.models import (
    Datasheet,
    DatasheetProposal,
    DatasheetState,
    DatasheetStatus,
    DatasheetStatusPeriod,
    DatasheetVersion,
)


class DatasheetVersionInline(ReadOnlyTabularInline[DatasheetVersion]):
    model = DatasheetVersion
    fields = ("number", "trade_name", "characteristics", "created_at", "created_by")
    readonly_fields = fields
    ordering = ("number",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[DatasheetVersion]:
        return super().get_queryset(request).select_related("created_by")


@admin.register(Datasheet)
class DatasheetAdmin(ReadOnlyAdmin[Datasheet]):
    list_display = ("quick_code", "product_name", "certificate", "status_today")
    search_fields = (
        "quick_code",
        "product_name",
        "certificate__number",
        "certificate__holder__name",
    )
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "quick_code",
                    "quick_code_legacy",
                    "certificate",
                    "product_name",
                    "created_at",
                )
            },
        ),
        (_("Status"), {"fields": ("status_today", "registry_answer", "status_timeline")}),
    )
    readonly_fields = (
        "quick_code",
        "quick_code_legacy",
        "certificate",
        "product_name",
        "created_at",
        "status_today",
        "registry_answer",
        "status_timeline",
    )
    inlines = (DatasheetVersionInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Datasheet]:
        return (
            super()
            .get_queryset(request)
            .select_related("certificate")
            # Each row reads its status from its periods: one query for all of them.
            .prefetch_related("status_periods")
        )

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Datasheet], search_term: str
    ) -> tuple[QuerySet[Datasheet], bool]:
        results, duplicates = super().get_search_results(request, queryset, search_term)
        # A quick code is typed as it is printed: "1234 5678", "1234-5678".
        code = quickcodes.normalise(search_term)
        if code.isdigit() and code != search_term:
            results = results | queryset.filter(quick_code=code)
        return results, duplicates

    @admin.display(description=_("status today"))
    def status_today(self, obj: Datasheet) -> str:
        return str(DatasheetStatus(obj.state_on(clock.today()).status).label)

    @admin.display(description=_("what the registry answers today"))
    def registry_answer(self, obj: Datasheet) -> SafeString:
        # The public registry's own page: the answer anyone gets for this quick code.
        url = reverse("short-link", args=(obj.quick_code,))
        return format_html('<a href="{}">{}</a>', url, gettext("Ask the public registry"))

    @admin.display(description=_("status history"))
    def status_timeline(self, obj: Datasheet) -> SafeString:
        numbers = {version.pk: version.number for version in obj.versions.all()}
        replaced_by = {s.status.superseded_by_id for s in obj.timeline} - {None}
        codes = dict(Datasheet.objects.filter(pk__in=replaced_by).values_list("pk", "quick_code"))

        def label(state: DatasheetState) -> str:
            text = str(DatasheetStatus(state.status).label)
            if state.version_id is not None:
                text = gettext("%(status)s, version %(number)s") % {
                    "status": text,
                    "number": numbers.get(state.version_id, "?"),
                }
            if state.superseded_by_id is not None:
                text = gettext("%(status)s by %(code)s") % {
                    "status": text,
                    "code": codes.get(state.superseded_by_id, "?"),
                }
            return text

        return timeline_table(obj.timeline, label, clock.today())


@admin.register(DatasheetStatusPeriod)
class DatasheetStatusPeriodAdmin(ReadOnlyAdmin[DatasheetStatusPeriod]):
    list_display = (
        "datasheet",
        "status",
        "version",
        "superseded_by",
        "valid_from",
        "valid_until",
        "recorded_at",
        "recorded_by",
    )
    list_filter = ("status",)
    search_fields = ("datasheet__quick_code", "reason")
    list_select_related = ("datasheet", "version__datasheet", "superseded_by", "recorded_by")
    date_hierarchy = "recorded_at"


@admin.register(DatasheetProposal)
class DatasheetProposalAdmin(ReadOnlyAdmin[DatasheetProposal]):
    """Proposals are reviewed in the back-office (publish or send back); here they are read."""

    list_display = (
        "__str__",
        "certificate",
        "datasheet",
        "status",
        "proposed_by",
        "proposed_at",
        "reviewed_by",
        "reviewed_at",
    )
    list_filter = ("status",)
    search_fields = (
        "certificate__number",
        "certificate__holder__name",
        "datasheet__quick_code",
        "product_name",
        "trade_name",
    )
    list_select_related = ("certificate", "datasheet", "proposed_by", "reviewed_by")
    date_hierarchy = "proposed_at"
