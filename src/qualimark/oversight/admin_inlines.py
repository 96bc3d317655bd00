"""The inlines of the inspection admin.

New rows (findings, samples, attachments) are checked as the service would check them
when the form is validated, then handed to the service by `InspectionAdmin.save_formset`;
rows once recorded are shown, never edited or deleted.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from qualimark.certification.admin import ReadOnlyTabularInline
from qualimark.errors import DomainError
from qualimark.oversight import services
from qualimark.oversight.lifecycle import VISITED
from qualimark.oversight.models import (
    Attachment,
    Comment,
    CorrectiveAction,
    Finding,
    Inspection,
    InspectionStatus,
    Sample,
)
from qualimark.schemes.models import DocumentVersion


class _ServiceInlineForm(forms.ModelForm):  # type: ignore[type-arg]
    """An inline row that a service will add: its checks run when the form is validated."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.instance._state.adding and not self.errors:
            try:
                self.check(Inspection.objects.get(pk=self.instance.inspection_id), data)
            except DomainError as error:
                raise forms.ValidationError(error.message) from None
        return data

    def check(self, inspection: Inspection, data: dict[str, Any]) -> None:
        """Raise the DomainError the service would raise."""


class FindingForm(_ServiceInlineForm):
    def check(self, inspection: Inspection, data: dict[str, Any]) -> None:
        services.check_finding(
            inspection, data.get("kind", ""), data.get("requirement"), data.get("clause", "")
        )


class SampleForm(_ServiceInlineForm):
    def check(self, inspection: Inspection, data: dict[str, Any]) -> None:
        services.check_sample(inspection, data.get("reference", ""), data["taken_on"])


class _ServiceInline(ReadOnlyTabularInline[Model]):
    """Rows are added through a service while the inspection is in `open_in`; never edited."""

    open_in: frozenset[str] = frozenset({InspectionStatus.CARRIED_OUT})

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The one write allowed: the usual permission of the inline, past the read-only one.
        return (
            isinstance(obj, Inspection)
            and obj.status in self.open_in
            and super(ReadOnlyTabularInline, self).has_add_permission(request, obj)
        )


class FindingInline(_ServiceInline):
    model = Finding
    form = FindingForm
    fields = ("kind", "requirement", "clause", "requirement_text", "observation", "conclusion")
    readonly_fields = ("conclusion",)

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields.get("requirement")
        if isinstance(obj, Inspection) and obj.visited_on and field is not None:
            # Only the versions in force on the day of the visit can be chosen.
            versions = obj.certificate.programme.versions_on(obj.visited_on)
            field.queryset = DocumentVersion.objects.filter(  # type: ignore[attr-defined]
                pk__in=[v.pk for v in versions]
            ).select_related("document")
        return formset

    @admin.display(description=_("conclusion"))
    def conclusion(self, obj: Finding) -> str:
        conclusion = getattr(obj, "conclusion", None) if obj.pk else None
        if conclusion is None:
            return "—"
        if conclusion.new_kind:
            return f"{conclusion.get_conclusion_display()}: {conclusion.get_new_kind_display()}"
        return str(conclusion.get_conclusion_display())


class SampleInline(_ServiceInline):
    model = Sample
    form = SampleForm
    fields = ("reference", "characteristics", "laboratory", "taken_on", "lab_result")
    readonly_fields = ("lab_result",)

    @admin.display(description=_("laboratory result"))
    def lab_result(self, obj: Sample) -> str:
        result = getattr(obj, "result", None) if obj.pk else None
        if result is None:
            return gettext("awaited")
        verdict = gettext("conform") if result.conform else gettext("not conform")
        return f"{verdict}: {result.result} ({date_format(result.received_on)})"


class AttachmentInline(_ServiceInline):
    model = Attachment
    fields = ("file", "description", "added_by", "added_at")
    readonly_fields = ("added_by", "added_at")
    open_in = VISITED


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
