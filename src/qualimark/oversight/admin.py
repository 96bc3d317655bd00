"""Staff admin of external oversight: inspection bodies, inspections, corrective actions.

An inspection changes only through its services: the pages of `admin_pages.py` (plan,
record the visit, send the report, evaluate…) and the inlines of `admin_inlines.py`, whose
new rows are handed to `add_finding`, `add_sample` and `add_attachment`. Rows once
recorded are shown, not edited; comments and evaluations are records kept for good.
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from qualimark import clock
from qualimark.certification.admin import ReadOnlyAdmin, acting_user
from qualimark.errors import DomainError
from qualimark.journal.admin_mixins import JournalledAdmin
from qualimark.oversight import admin_corrective_actions, admin_pages, services
from qualimark.oversight.admin_inlines import (
    AttachmentInline,
    CommentInline,
    CorrectiveActionInline,
    FindingInline,
    SampleInline,
)
from qualimark.oversight.models import (
    Attachment,
    CorrectiveAction,
    Finding,
    FindingKind,
    Inspection,
    InspectionBody,
    Sample,
)
from qualimark.parties import roles


class InspectionBodyForm(forms.ModelForm[InspectionBody]):
    class Meta:
        model = InspectionBody
        fields = (
            "name",
            "is_certification_body",
            "contract_reference",
            "email",
            "active",
            "inspectors",
            "programmes",
        )

    def clean_inspectors(self) -> Any:
        """Nobody who acts for a holder inspects (ISO/IEC 17065 4.2)."""
        inspectors = self.cleaned_data["inspectors"]
        for user in inspectors:
            if roles.is_holder_user(user):
                raise forms.ValidationError(
                    gettext(
                        "%(person)s acts for a holder and so cannot inspect "
                        "(ISO/IEC 17065: impartiality)."
                    )
                    % {"person": user}
                )
        return inspectors


@admin.register(InspectionBody)
class InspectionBodyAdmin(JournalledAdmin[InspectionBody]):
    form = InspectionBodyForm
    list_display = ("name", "is_certification_body", "contract_reference", "email", "active")
    list_filter = ("active", "is_certification_body")
    search_fields = ("name", "contract_reference")
    filter_horizontal = ("inspectors", "programmes")


INSPECTION_FIELDS = (
    "reference",
    "certificate",
    "body",
    "inspector",
    "status",
    "planned_on",
    "unannounced",
    "visited_on",
    "location",
    "cancellation_reason",
)


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin[Inspection]):
    list_display = (
        "reference",
        "certificate",
        "body",
        "inspector",
        "planned_on",
        "visited_on",
        "status",
        "comment_deadline",
    )
    list_filter = ("status", "body", "unannounced")
    search_fields = ("reference", "certificate__number", "certificate__holder__name")
    list_select_related = ("certificate", "body", "inspector")
    date_hierarchy = "planned_on"
    fieldsets = (
        (None, {"fields": INSPECTION_FIELDS}),
        (_("Report"), {"fields": ("report_summary", "report_sent_at", "comment_window")}),
        (_("Evaluation"), {"fields": ("evaluation_summary",)}),
    )
    readonly_fields = (
        *INSPECTION_FIELDS,
        "report_summary",
        "report_sent_at",
        "comment_window",
        "evaluation_summary",
    )
    inlines = (FindingInline, SampleInline, AttachmentInline, CommentInline, CorrectiveActionInline)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Inspection]:
        return (
            super()
            .get_queryset(request)
            .select_related("certificate__programme__scheme", "certificate__production_unit")
        )

    @admin.display(description=_("place"))
    def location(self, obj: Inspection) -> str:
        return obj.location

    @admin.display(description=_("comments of the holder"))
    def comment_window(self, obj: Inspection) -> SafeString:
        return admin_pages.comment_window_html(obj, clock.today())

    @admin.display(description=_("evaluation"))
    def evaluation_summary(self, obj: Inspection) -> SafeString:
        evaluation = getattr(obj, "evaluation", None)
        if evaluation is None:
            return format_html("{}", gettext("Not evaluated yet."))
        return format_html(
            "<strong>{}</strong> – {}, {}<br>{}<br>{}",
            evaluation.get_measure_display(),
            evaluation.evaluated_by,
            date_format(evaluation.evaluated_at, "DATETIME_FORMAT"),
            evaluation.note,
            format_html_join(
                mark_safe("<br>"), "{}", ((p,) for p in admin_pages.proposals_of(obj))
            ),
        )

    def has_delete_permission(self, request: HttpRequest, obj: Inspection | None = None) -> bool:
        return False

    def get_urls(self) -> list[URLPattern]:
        return [*admin_pages.inspection_urls(self), *super().get_urls()]

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """An inspection is planned through `plan_inspection`, which checks body and file."""
        return admin_pages.plan_view(self, request)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        context = {
            **(extra_context or {}),
            "inspection_actions": admin_pages.action_links(self, request, object_id),
        }
        return super().change_view(request, object_id, form_url, context)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        planning_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_planning")
        context = {**(extra_context or {}), "planning_url": planning_url}
        return super().changelist_view(request, context)

    def save_model(self, request: HttpRequest, obj: Inspection, form: Any, change: bool) -> None:
        """Nothing of the inspection itself is edited here; only inline rows are added."""

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        by = acting_user(request)
        for row in formset.save(commit=False):
            try:
                _add_row(row, by)
            except DomainError as error:
                self.message_user(request, error.message, messages.ERROR)


def _add_row(row: Model, by: Any) -> None:
    """Hand a new inline row to the service that records it."""
    if isinstance(row, Finding):
        services.add_finding(
            row.inspection,
            by=by,
            kind=FindingKind(row.kind),
            observation=row.observation,
            requirement=row.requirement,
            clause=row.clause,
            requirement_text=row.requirement_text,
        )
    elif isinstance(row, Sample):
        services.add_sample(
            row.inspection,
            by=by,
            reference=row.reference,
            characteristics=row.characteristics,
            laboratory=row.laboratory,
            taken_on=row.taken_on,
        )
    elif isinstance(row, Attachment):
        services.add_attachment(row.inspection, by=by, file=row.file, description=row.description)


@admin.register(CorrectiveAction)
class CorrectiveActionAdmin(ReadOnlyAdmin[CorrectiveAction]):
    """Read-only: evaluations ask for corrective actions; each is closed on its own page."""

    list_display = ("inspection", "certificate", "description", "due_on", "closed_on", "overdue")
    list_filter = ("closed_on", "due_on")
    search_fields = ("inspection__reference", "inspection__certificate__number", "description")
    list_select_related = ("inspection__certificate",)
    fields = (
        "inspection",
        "finding",
        "description",
        "due_on",
        "closed_on",
        "closed_by",
        "closing_note",
        "created_at",
    )
    readonly_fields = fields

    @admin.display(description=_("certificate"))
    def certificate(self, obj: CorrectiveAction) -> str:
        return obj.inspection.certificate.number

    @admin.display(description=_("overdue"), boolean=True)
    def overdue(self, obj: CorrectiveAction) -> bool:
        return obj.is_open and obj.due_on < clock.today()

    def get_urls(self) -> list[URLPattern]:
        return [*admin_corrective_actions.corrective_action_urls(self), *super().get_urls()]

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        context = {
            **(extra_context or {}),
            "close_url": admin_corrective_actions.close_action_link(self, request, object_id),
        }
        return super().change_view(request, object_id, form_url, context)
