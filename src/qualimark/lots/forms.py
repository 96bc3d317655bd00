"""Staff forms for lot inspections: a request, its planning, its outcome, its cancellation.

The forms check what was typed; the services decide whether the step is allowed. Each
form ends in one service call, so the admin never writes a status itself.
"""

from typing import Any

from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.lots import services
from qualimark.lots.models import (
    InspectionDocumentKind,
    LotConformityDocument,
    LotInspectionRequest,
    LotRefusal,
    QuantityUnit,
)
from qualimark.parties.models import Organisation
from qualimark.schemes.models import DocumentVersion, Kind, Scheme, Subject

FAILED_SEPARATOR = "|"


class StepForm(forms.Form):
    """A form that ends in the service of one step of a request."""

    def run(self, lot_request: LotInspectionRequest, *, by: User) -> object:
        raise NotImplementedError


class LotRequestForm(forms.Form):
    scheme = forms.ModelChoiceField(
        Scheme.objects.filter(kind=Kind.PRODUCT), label=_("mark requested")
    )
    subject = forms.ModelChoiceField(
        Subject.objects.filter(kind=Kind.PRODUCT), label=_("product type"), required=False
    )
    product = forms.CharField(label=_("product"), max_length=200)
    quantity = forms.DecimalField(label=_("quantity"), max_digits=12, decimal_places=3, min_value=0)
    unit = forms.ChoiceField(label=_("unit"), choices=QuantityUnit.choices)
    street = forms.CharField(label=_("street and number"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("postal code"), max_length=10, required=False)
    town = forms.CharField(label=_("town"), max_length=100)
    requester_organisation = forms.ModelChoiceField(
        Organisation.objects.all(), label=_("requesting organisation"), required=False
    )
    requester_name = forms.CharField(label=_("requester's name"), max_length=200, required=False)
    requester_email = forms.EmailField(label=_("requester's e-mail address"), required=False)
    requested_on = forms.DateField(
        label=_("requested on"), initial=clock.today, widget=AdminDateWidget
    )

    def request(self, *, by: User) -> LotInspectionRequest:
        data = self.cleaned_data
        return services.request_lot_inspection(
            by=by,
            scheme=data["scheme"],
            subject=data["subject"],
            product=data["product"],
            quantity=data["quantity"],
            unit=data["unit"],
            street=data["street"],
            postal_code=data["postal_code"],
            town=data["town"],
            requester_organisation=data["requester_organisation"],
            requester_name=data["requester_name"],
            requester_email=data["requester_email"],
            requested_on=data["requested_on"],
        )


class PlanForm(StepForm):
    inspector = forms.ModelChoiceField(
        User.objects.filter(is_active=True).order_by("last_name", "first_name"),
        label=_("inspector"),
    )
    planned_on = forms.DateField(
        label=_("inspection planned on"), initial=clock.today, widget=AdminDateWidget
    )

    def run(self, lot_request: LotInspectionRequest, *, by: User) -> LotInspectionRequest:
        data = self.cleaned_data
        return services.plan_lot_inspection(
            lot_request, by=by, inspector=data["inspector"], planned_on=data["planned_on"]
        )


class _InspectionForm(StepForm):
    document_kind = forms.ChoiceField(
        label=_("kind of inspection document"), choices=InspectionDocumentKind.choices
    )
    document_reference = forms.CharField(
        label=_("inspection document"),
        max_length=200,
        required=False,
        help_text=_("e.g. PTV 829, NBN EN 13249 or the reference of the written agreement."),
    )
    document_version = forms.ModelChoiceField(
        DocumentVersion.objects.select_related("document"),
        label=_("version of the reference document"),
        required=False,
    )
    lot_identification = forms.CharField(
        label=_("lot identification"),
        max_length=100,
        help_text=_("The lot number stamped on the lot at the inspection."),
    )
    inspected_on = forms.DateField(
        label=_("inspected on"), initial=clock.today, widget=AdminDateWidget
    )

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if not data.get("document_reference") and not data.get("document_version"):
            self.add_error(
                "document_reference", _("Name the document the lot was inspected against.")
            )
        return data

    def document(self) -> services.InspectionDocument:
        data = self.cleaned_data
        return services.InspectionDocument(
            kind=InspectionDocumentKind(data["document_kind"]),
            reference=data["document_reference"],
            version=data["document_version"],
        )


class ConformityForm(_InspectionForm):
    def run(self, lot_request: LotInspectionRequest, *, by: User) -> LotConformityDocument:
        return services.record_lot_conformity(
            lot_request,
            by=by,
            document=self.document(),
            lot_identification=self.cleaned_data["lot_identification"],
            inspected_on=self.cleaned_data["inspected_on"],
        )


class RefusalForm(_InspectionForm):
    failed = forms.CharField(
        label=_("failed characteristics"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One characteristic a line: characteristic | requirement | measured value, "
            "e.g. tensile strength | ≥ 12 kN/m | 9.8 kN/m."
        ),
    )

    def clean_failed(self) -> list[services.FailedCheck]:
        checks = []
        lines = [line for line in self.cleaned_data["failed"].splitlines() if line.strip()]
        for number, line in enumerate(lines, start=1):
            parts = [part.strip() for part in line.split(FAILED_SEPARATOR)]
            if len(parts) != 3 or not all(parts):
                raise ValidationError(
                    _(
                        "Line %(number)d does not read: characteristic | requirement | "
                        "measured value."
                    )
                    % {"number": number}
                )
            checks.append(services.FailedCheck(*parts))
        return checks

    def run(self, lot_request: LotInspectionRequest, *, by: User) -> LotRefusal:
        return services.refuse_lot(
            lot_request,
            by=by,
            failed=self.cleaned_data["failed"],
            inspected_on=self.cleaned_data["inspected_on"],
            document=self.document(),
            lot_identification=self.cleaned_data["lot_identification"],
        )


class CancelForm(StepForm):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def run(self, lot_request: LotInspectionRequest, *, by: User) -> LotInspectionRequest:
        return services.cancel_lot_inspection(
            lot_request, by=by, reason=self.cleaned_data["reason"]
        )
