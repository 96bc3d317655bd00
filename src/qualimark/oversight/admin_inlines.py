"""The inlines of the inspection admin: the records of an inspection, shown and never edited.

Findings, samples and files are recorded, and corrective actions closed, in the back-office.
"""

from django.contrib import admin
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from qualimark.certification.admin import ReadOnlyTabularInline
from qualimark.oversight.models import (
    Attachment,
    Comment,
    CorrectiveAction,
    Finding,
    Sample,
)


class FindingInline(ReadOnlyTabularInline[Finding]):
    model = Finding
    fields = ("kind", "requirement", "clause", "requirement_text", "observation", "conclusion")
    readonly_fields = fields

    @admin.display(description=_("conclusion"))
    def conclusion(self, obj: Finding) -> str:
        conclusion = getattr(obj, "conclusion", None) if obj.pk else None
        if conclusion is None:
            return "—"
        if conclusion.new_kind:
            return f"{conclusion.get_conclusion_display()}: {conclusion.get_new_kind_display()}"
        return str(conclusion.get_conclusion_display())


class SampleInline(ReadOnlyTabularInline[Sample]):
    model = Sample
    fields = ("reference", "characteristics", "laboratory", "taken_on", "lab_result")
    readonly_fields = fields

    @admin.display(description=_("laboratory result"))
    def lab_result(self, obj: Sample) -> str:
        result = getattr(obj, "result", None) if obj.pk else None
        if result is None:
            return gettext("awaited")
        verdict = gettext("conform") if result.conform else gettext("not conform")
        return f"{verdict}: {result.result} ({date_format(result.received_on)})"


class AttachmentInline(ReadOnlyTabularInline[Attachment]):
    model = Attachment
    fields = ("file", "description", "added_by", "added_at")
    readonly_fields = fields


class CommentInline(ReadOnlyTabularInline[Comment]):
    model = Comment
    fields = ("at", "by", "text")
    readonly_fields = fields
    verbose_name_plural = _("comments of the holder")


class CorrectiveActionInline(ReadOnlyTabularInline[CorrectiveAction]):
    model = CorrectiveAction
    fields = ("description", "finding", "due_on", "closed_on", "closed_by", "closing_note")
    readonly_fields = fields
    show_change_link = True
