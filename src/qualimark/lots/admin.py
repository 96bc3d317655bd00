"""Staff admin for lot inspections.

A request's status is never a field here: it changes only through the pages "plan",
"issue the conformity document", "refuse the lot" and "cancel", each of which calls its
service; the service decides who may take the step, and its refusal is shown on the
form. Contacts stay editable. Issued conformity documents and refusals are records kept
for good, so their admins only show them (with their PDF).
"""

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from qualimark.certification.admin import (
    ReadOnlyAdmin,
    ReadOnlyTabularInline,
    acting_user,
    add_through_service,
    change_url,
    render_action_form,
)
from qualimark.errors import DomainError
from qualimark.journal.admin_mixins import JournalledAdmin
from qualimark.lots.forms import (
    CancelForm,
    ConformityForm,
    LotRequestForm,
    PlanForm,
    RefusalForm,
    StepForm,
)
from qualimark.lots.lifecycle import LIFECYCLE, LotTransition
from qualimark.lots.models import (
    FailedCharacteristic,
    LotConformityDocument,
    LotContact,
    LotInspectionRequest,
    LotRefusal,
)
from qualimark.lots.permissions import lot_standing

# Each step: the form that ends in its service, and the last part of its address.
_STEPS: dict[LotTransition, tuple[type[StepForm], str]] = {
    LotTransition.PLAN: (PlanForm, "plan"),
    LotTransition.CONFIRM: (ConformityForm, "conformity"),
    LotTransition.REFUSE: (RefusalForm, "refuse"),
    LotTransition.CANCEL: (CancelForm, "cancel"),
}


class LotContactInline(admin.TabularInline[LotContact, LotInspectionRequest]):
    model = LotContact
    extra = 0
    fields = ("role", "name", "company", "phone", "email")


@admin.register(LotInspectionRequest)
class LotInspectionRequestAdmin(JournalledAdmin[LotInspectionRequest]):
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

    def has_delete_permission(
        self, request: HttpRequest, obj: LotInspectionRequest | None = None
    ) -> bool:
        return False

    def get_urls(self) -> list[URLPattern]:
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        steps = [
            path(
                f"<path:object_id>/{slug}/",
                self.admin_site.admin_view(self._step_view(transition)),
                name=f"{info}_{slug}",
            )
            for transition, (_form, slug) in _STEPS.items()
        ]
        return [*steps, *super().get_urls()]

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        lot_request = self.get_object(request, unquote(object_id))
        steps = []
        if lot_request is not None:
            info = f"admin:{self.opts.app_label}_{self.opts.model_name}"
            standing = lot_standing(acting_user(request), lot_request)
            steps = [
                (reverse(f"{info}_{_STEPS[t][1]}", args=(lot_request.pk,)), t.label)
                for t in LIFECYCLE.open_to(lot_request.status, standing)
            ]
        context = {**(extra_context or {}), "lot_steps": steps}
        return super().change_view(request, object_id, form_url, context)

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """A request is opened through the service that numbers it; contacts follow."""
        form = LotRequestForm(request.POST if request.method == "POST" else None)
        return add_through_service(
            self,
            request,
            form,
            act=lambda by: form.request(by=by),
            done=lambda created: (
                gettext("Request %(reference)s is registered; add its contacts below.")
                % {"reference": created.reference}
            ),
            title=gettext("Register a lot inspection request"),
            submit_label=gettext("Register"),
        )

    def _step_view(self, transition: LotTransition) -> Callable[..., HttpResponse]:
        form_class, _slug = _STEPS[transition]

        def view(request: HttpRequest, object_id: str) -> HttpResponse:
            lot_request = self.get_object(request, unquote(object_id))
            if lot_request is None:
                raise Http404
            if request.method != "POST":
                # The form is shown to whoever may take the step; the service says why to others.
                refusal = LIFECYCLE.rule(transition).act.refusal(
                    lot_standing(acting_user(request), lot_request)
                )
                if refusal is not None:
                    raise refusal
            form = form_class(request.POST if request.method == "POST" else None)
            if form.is_bound and form.is_valid():
                try:
                    form.run(lot_request, by=acting_user(request))
                except DomainError as error:
                    form.add_error(None, error.message)
                else:
                    self.message_user(
                        request,
                        gettext("Done: %(step)s. The request is now %(status)s.")
                        % {"step": transition.label, "status": lot_request.get_status_display()},
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(change_url(lot_request))
            return render_action_form(
                self,
                request,
                form=form,
                original=lot_request,
                title=f"{lot_request.reference}: {transition.label}",
                submit_label=str(transition.label).capitalize(),
                details=(
                    (gettext("product"), lot_request.product),
                    (gettext("quantity"), lot_request.quantity_text),
                    (gettext("status"), lot_request.get_status_display()),
                    (gettext("inspector"), lot_request.inspector or "—"),
                ),
            )

        return view


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
