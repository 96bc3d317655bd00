"""Staff admin of external oversight: inspection bodies (reference data), and inspections
and corrective actions shown read-only.

Inspections are planned, reassigned, recorded, reported on and evaluated, and corrective
actions closed, in the back-office, each step through its service; the admin keeps the
inspection bodies, which are reference data, and shows the records.
"""

from datetime import date
from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from qualimark import clock
from qualimark.certification.admin import ReadOnlyAdmin
from qualimark.journal.admin_mixins import JournalledAdmin
from qualimark.oversight.admin_inlines import (
    AttachmentInline,
    CommentInline,
    CorrectiveActionInline,
    FindingInline,
    SampleInline,
)
from qualimark.oversight.evaluation import proposal_sources
from qualimark.oversight.models import CorrectiveAction, Inspection, InspectionBody
from qualimark.parties import roles
from qualimark.sanctions.models import Proposal


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
    "office_page",
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


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin[Inspection]):
    """Read-only: every step of an inspection is taken in the back-office."""

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

    @admin.display(description=_("steps"))
    def office_page(self, obj: Inspection) -> SafeString:
        url = reverse("backoffice:inspection", args=(obj.reference,))
        return format_html('<a href="{}">{}</a>', url, gettext("Open in the back-office"))

    @admin.display(description=_("comments of the holder"))
    def comment_window(self, obj: Inspection) -> SafeString:
        return comment_window_html(obj, clock.today())

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
            format_html_join(mark_safe("<br>"), "{}", ((p,) for p in proposals_of(obj))),
        )


@admin.register(CorrectiveAction)
class CorrectiveActionAdmin(ReadOnlyAdmin[CorrectiveAction]):
    """Read-only: evaluations ask for corrective actions; they are closed in the back-office."""

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
