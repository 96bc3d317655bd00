"""Staff admin for marks, subjects, reference documents and their versions, programmes."""

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import gettext

from qualimark.accounts.models import User
from qualimark.journal.admin_mixins import JournalledAdmin
from qualimark.schemes.forms import DocumentVersionForm
from qualimark.schemes.models import (
    DocumentFile,
    DocumentVersion,
    Prescription,
    Programme,
    ReferenceDocument,
    Scheme,
    Subject,
)
from qualimark.schemes.services import add_document_version


@admin.register(Scheme)
class SchemeAdmin(JournalledAdmin[Scheme]):
    public = True
    list_display = ("code", "name", "owner", "kind", "validity_years")
    list_filter = ("kind",)
    search_fields = ("code", "name", "owner")


class PrescriptionInline(admin.TabularInline[Prescription, Subject]):
    model = Prescription
    extra = 0


@admin.register(Subject)
class SubjectAdmin(JournalledAdmin[Subject]):
    public = True
    list_display = ("code", "name_nl", "name_fr", "kind")
    list_filter = ("kind",)
    search_fields = ("code", "name_nl", "name_fr", "name_en", "name_de")
    filter_horizontal = ("team",)
    inlines = (PrescriptionInline,)


class DocumentVersionFormSet(
    BaseInlineFormSet[DocumentVersion, ReferenceDocument, forms.ModelForm[DocumentVersion]]
):
    def clean(self) -> None:
        """Refuse rows of this one submission whose periods overlap each other.

        DocumentVersion.clean compares a row with the versions already stored; two rows
        added (or moved) together are only compared here.
        """
        super().clean()
        versions = [
            form.instance
            for form in self.forms
            if form.is_valid()
            and form.instance.valid_from is not None
            and (form.instance.pk is not None or form.has_changed())
        ]
        for index, version in enumerate(versions):
            for other in versions[index + 1 :]:
                if version.overlaps(other):
                    raise ValidationError(
                        gettext("The periods of versions %(first)s and %(second)s overlap.")
                        % {"first": version.label, "second": other.label}
                    )


class DocumentVersionInline(admin.TabularInline[DocumentVersion, ReferenceDocument]):
    model = DocumentVersion
    form = DocumentVersionForm
    formset = DocumentVersionFormSet
    extra = 1
    # The versions of a rule stay on record: auditors trace decisions to them.
    can_delete = False
    show_change_link = True


class DocumentFileInline(admin.TabularInline[DocumentFile, DocumentVersion]):
    model = DocumentFile
    extra = 1


def _acting_user(request: HttpRequest) -> User:
    # The admin site lets only logged-in staff through.
    assert isinstance(request.user, User)
    return request.user


@admin.register(ReferenceDocument)
class ReferenceDocumentAdmin(JournalledAdmin[ReferenceDocument]):
    list_display = ("__str__", "title_nl", "title_fr")
    list_filter = ("kind",)
    search_fields = ("number", "title_nl", "title_fr", "title_en", "title_de")
    inlines = (DocumentVersionInline,)

    def get_inlines(self, request: HttpRequest, obj: ReferenceDocument | None) -> Any:
        # DocumentVersion.clean checks a version against its document (its kind, its other
        # versions), which a document that is still being added does not have yet.
        return self.inlines if obj is not None else ()

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: Any) -> None:
        if not isinstance(formset, DocumentVersionFormSet):
            super().save_formset(request, form, formset, change)
            return
        versions: list[DocumentVersion] = formset.save(commit=False)
        for version in sorted(versions, key=lambda v: v.pk is None):
            if version.pk is not None:
                version.save()
                continue
            add_document_version(
                form.instance,
                by=_acting_user(request),
                label=version.label,
                valid_from=version.valid_from,
                valid_until=version.valid_until,
                inspections_min_per_year=version.inspections_min_per_year,
                inspections_max_per_year=version.inspections_max_per_year,
            )
        formset.save_m2m()


@admin.register(DocumentVersion)
class DocumentVersionAdmin(JournalledAdmin[DocumentVersion]):
    form = DocumentVersionForm
    list_display = ("__str__", "valid_from", "valid_until")
    list_filter = ("document__kind",)
    search_fields = ("document__number", "label")
    list_select_related = ("document",)
    readonly_fields = ("document",)
    fields = (
        "document",
        "label",
        "valid_from",
        "valid_until",
        "inspections_min_per_year",
        "inspections_max_per_year",
    )
    inlines = (DocumentFileInline,)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A version is added on its document's page, where it is checked against the others.
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: DocumentVersion | None = None
    ) -> bool:
        return False


@admin.register(Programme)
class ProgrammeAdmin(JournalledAdmin[Programme]):
    public = True
    list_display = ("__str__", "scheme", "subject")
    list_filter = ("scheme",)
    search_fields = ("scheme__code", "subject__code", "subject__name_nl", "subject__name_fr")
    list_select_related = ("scheme", "subject")
    filter_horizontal = ("documents",)

    def get_readonly_fields(self, request: HttpRequest, obj: Programme | None = None) -> Any:
        # What a programme certifies is fixed once it exists: its files were opened for it.
        return ("scheme", "subject") if obj is not None else ()
