"""Staff admin for marks, subjects, reference documents and their versions, programmes."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from qualimark.journal.admin_mixins import JournalledAdmin
from qualimark.schemes.models import (
    DocumentFile,
    DocumentVersion,
    Prescription,
    Programme,
    ReferenceDocument,
    Scheme,
    Subject,
)


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


class DocumentVersionInline(admin.TabularInline[DocumentVersion, ReferenceDocument]):
    """The versions of a document, read here: a file manager (or the administrator) adds one
    in the back-office (`backoffice:document-version-new`), where it is checked against the
    others; a version once recorded is what decisions were taken under."""

    model = DocumentVersion
    fields = (
        "label",
        "valid_from",
        "valid_until",
        "inspections_min_per_year",
        "inspections_max_per_year",
    )
    readonly_fields = fields
    show_change_link = True
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class DocumentFileInline(admin.TabularInline[DocumentFile, DocumentVersion]):
    model = DocumentFile
    extra = 1


@admin.register(ReferenceDocument)
class ReferenceDocumentAdmin(JournalledAdmin[ReferenceDocument]):
    list_display = ("__str__", "title_nl", "title_fr")
    list_filter = ("kind",)
    search_fields = ("number", "title_nl", "title_fr", "title_en", "title_de")
    inlines = (DocumentVersionInline,)


@admin.register(DocumentVersion)
class DocumentVersionAdmin(JournalledAdmin[DocumentVersion]):
    """A version's period and frequencies are read here; its files (the published text) are
    kept here."""

    list_display = ("__str__", "valid_from", "valid_until")
    list_filter = ("document__kind",)
    search_fields = ("document__number", "label")
    list_select_related = ("document",)
    fields = (
        "document",
        "label",
        "valid_from",
        "valid_until",
        "inspections_min_per_year",
        "inspections_max_per_year",
    )
    readonly_fields = fields
    inlines = (DocumentFileInline,)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A version is added in the back-office, where it is checked against the others.
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
