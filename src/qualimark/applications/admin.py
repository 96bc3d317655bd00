"""Staff admin for online applications.

The documents a programme asks for are reference data, edited here. Applications are run
from the portal and the back-office through their services, so the admin only shows them;
uploaded files are not linked (they are served by permission-checked views only).
"""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from qualimark.applications.models import (
    Application,
    ApplicationContact,
    ApplicationUpload,
    RequiredDocument,
)
from qualimark.certification.admin import ReadOnlyAdmin, ReadOnlyTabularInline
from qualimark.journal.admin_mixins import JournalledAdmin


@admin.register(RequiredDocument)
class RequiredDocumentAdmin(JournalledAdmin[RequiredDocument]):
    list_display = ("name_nl", "name_fr", "name_en", "programme", "mandatory", "position")
    list_filter = ("programme", "mandatory")
    list_editable = ("mandatory", "position")
    search_fields = ("name_nl", "name_fr", "name_en")
    list_select_related = ("programme__scheme", "programme__subject")


class ContactInline(ReadOnlyTabularInline[ApplicationContact]):
    model = ApplicationContact
    fields = ("name", "function", "email", "phone")
    readonly_fields = fields


class UploadInline(ReadOnlyTabularInline[ApplicationUpload]):
    model = ApplicationUpload
    # No "file": its URL would point at MEDIA_URL, which serves nothing on purpose.
    fields = ("requirement", "original_name", "size", "content_type", "uploaded_by", "uploaded_at")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[ApplicationUpload]:
        return super().get_queryset(request).select_related("requirement", "uploaded_by")


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin[Application]):
    list_display = (
        "reference",
        "organisation",
        "programme",
        "status",
        "created_at",
        "submitted_at",
        "certificate",
    )
    list_filter = ("status", "programme")
    search_fields = ("reference", "organisation__name", "certificate__number")
    list_select_related = ("organisation", "programme__scheme", "programme__subject", "certificate")
    date_hierarchy = "created_at"
    fields = (
        "reference",
        "organisation",
        "programme",
        "production_unit",
        "ptv_version",
        "notes",
        "status",
        "created_by",
        "created_at",
        "submitted_by",
        "submitted_at",
        "certificate",
    )
    readonly_fields = fields
    inlines = (ContactInline, UploadInline)
