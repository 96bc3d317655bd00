"""The admin of lot inspections: read-only.

Lot inspections are run in the back-office (/office/lots/), where each step is a page
that calls its service. Here the requests, their conformity documents and refusals can
only be read: no adding, changing or deleting, no step pages.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from qualimark.certification.admin import ReadOnlyAdmin, ReadOnlyTabularInline, change_url
from qualimark.lots.models import (
    FailedCharacteristic,
    LotConformityDocument,
    LotContact,
    LotInspectionRequest,
    LotRefusal,
)


class LotContactInline(ReadOnlyTabularInline[LotContact]):
    model = LotContact
    fields = ("role", "name", "company", "phone", "email")
    readonly_fields = fields


@admin.register(LotInspectionRequest)
class LotInspectionRequestAdmin(ReadOnlyAdmin[LotInspectionRequest]):
    list_display = (
        "reference",
        "requested_on",
        "requester",
        "product",
        "quantity_text",
        "scheme",
        "status",
        "planned_on",
        "inspector",
    )
    list_filter = ("status", "scheme")
    search_fields = (
        "reference",
        "product",
        "requester_name",
        "requester_organisation__name",
        "lot_identification",
        "conformity_document__code",
    )
    list_select_related = ("scheme", "requester_organisation", "inspector")
    date_hierarchy = "requested_on"
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "reference",
                    "status",
                    "requested_on",
                    "requested_by",
                    "requester_organisation",
                    "requester_name",
                    "requester_email",
                )
            },
        ),
        (
            _("Lot"),
            {
                "fields": (
                    "scheme",
                    "subject",
                    "product",
                    "quantity_text",
                    "street",
                    "postal_code",
                    "town",
                )
            },
        ),
        (
            _("Inspection"),
            {
                "fields": (
                    "inspector",
                    "planned_on",
                    "inspected_on",
                    "lot_identification",
                    "inspection_document",
                    "outcome",
                )
            },
        ),
    )
    readonly_fields = (
        "reference",
        "status",
        "requested_on",
        "requested_by",
        "requester_organisation",
        "requester_name",
        "requester_email",
        "scheme",
        "subject",
        "product",
        "quantity_text",
        "street",
        "postal_code",
        "town",
        "inspector",
        "planned_on",
        "inspected_on",
        "lot_identification",
        "inspection_document",
        "outcome",
    )
    inlines = (LotContactInline,)

    @admin.display(description=_("requester"))
    def requester(self, obj: LotInspectionRequest) -> str:
        return obj.requester

    @admin.display(description=_("quantity"))
    def quantity_text(self, obj: LotInspectionRequest) -> str:
        return obj.quantity_text

    @admin.display(description=_("inspection document"))
    def inspection_document(self, obj: LotInspectionRequest) -> str:
        return obj.inspection_document or "—"

    @admin.display(description=_("outcome"))
    def outcome(self, obj: LotInspectionRequest) -> SafeString | str:
        document = LotConformityDocument.objects.filter(request=obj).first()
        if document is not None:
            return format_html(
                '{} <a href="{}">{}</a>',
                gettext("Conformity document"),
                change_url(document),
                document.formatted_code,
            )
        refusal = LotRefusal.objects.filter(request=obj).first()
        if refusal is not None:
            return format_html('<a href="{}">{}</a>', change_url(refusal), refusal)
        return "—"


@admin.register(LotConformityDocument)
class LotConformityDocumentAdmin(ReadOnlyAdmin[LotConformityDocument]):
    list_display = (
        "formatted_code",
        "request",
        "product",
        "quantity_text",
        "lot_identification",
        "issued_on",
        "issued_by",
    )
    search_fields = ("code", "request__reference", "product", "lot_identification")
    list_select_related = ("request", "issued_by")
    date_hierarchy = "issued_on"
    fields = (
        "formatted_code",
        "request",
        "product",
        "quantity_text",
        "lot_identification",
        "issued_on",
        "issued_by",
        "issued_at",
        "public_page",
    )
    readonly_fields = fields

    @admin.display(description=_("lot code"))
    def formatted_code(self, obj: LotConformityDocument) -> str:
        return obj.formatted_code

    @admin.display(description=_("quantity"))
    def quantity_text(self, obj: LotConformityDocument) -> str:
        return obj.quantity_text

    @admin.display(description=_("public page"))
    def public_page(self, obj: LotConformityDocument) -> SafeString:
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("public:lot", args=(obj.code,)),
            gettext("page"),
            reverse("public:lot-pdf", args=(obj.code,)),
            "PDF",
        )


class FailedCharacteristicInline(ReadOnlyTabularInline[FailedCharacteristic]):
    model = FailedCharacteristic
    fields = ("characteristic", "requirement", "measured_value")
    readonly_fields = fields


@admin.register(LotRefusal)
class LotRefusalAdmin(ReadOnlyAdmin[LotRefusal]):
    list_display = ("request", "issued_on", "issued_by")
    search_fields = ("request__reference", "request__product")
    list_select_related = ("request", "issued_by")
    fields = ("request", "issued_on", "issued_by", "issued_at", "document")
    readonly_fields = fields
    inlines = (FailedCharacteristicInline,)

    @admin.display(description=_("refusal document"))
    def document(self, obj: LotRefusal) -> SafeString:
        # The back-office builds the PDF.
        url = reverse("backoffice:lot-refusal", args=(obj.request.reference,))
        return format_html('<a href="{}">{}</a>', url, gettext("Download the refusal (PDF)"))
