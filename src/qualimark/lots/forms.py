"""Staff forms for lot inspections: a request entered for someone, its planning, its outcome
and its cancellation.

The forms check what was typed; the services decide whether the step is allowed. Each form
ends in one service call (its `submit`), so no page writes a status itself. What is typed
as rows of a table (the contacts of a request, the failed characteristics of a refusal) is
one `RowsField`: its widget shows the rows there are and a few empty ones, and offers more
rows with a button, without a script.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.lots import services
from qualimark.lots.models import (
    ContactRole,
    InspectionDocumentKind,
    LotConformityDocument,
    LotInspectionRequest,
    LotRefusal,
    QuantityUnit,
)
from qualimark.parties.models import Organisation
from qualimark.parties.roles import StrOrPromise
from qualimark.schemes.models import DocumentVersion, Kind, Scheme, Subject

BLANK_ROWS = 3
MORE = "more"  # the button that asks for more rows, and the mark it leaves in the value
MAX_ROWS = 100  # a bound on what one form may send


@dataclass(frozen=True)
class Column:
    """A column of a `RowsField`: a text cell, or a choice when it has choices."""

    name: str
    label: StrOrPromise
    max_length: int = 200
    required: bool = True
    choices: tuple[tuple[str, StrOrPromise], ...] = ()


class RowsWidget(forms.Widget):
    template_name = "lots/widgets/rows.html"

    def __init__(self, columns: Sequence[Column], attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.columns = tuple(columns)

    def value_from_datadict(
        self, data: Mapping[str, Any], files: Mapping[str, Any], name: str
    ) -> list[dict[str, str]]:
        rows = []
        for index in range(MAX_ROWS):
            keys = {column.name: f"{name}-{index}-{column.name}" for column in self.columns}
            if not any(key in data for key in keys.values()):
                break
            rows.append({column: str(data.get(key, "")) for column, key in keys.items()})
        if f"{name}-{MORE}" in data:
            rows.append({MORE: "1"})
        return rows

    def value_omitted_from_data(
        self, data: Mapping[str, Any], files: Mapping[str, Any], name: str
    ) -> bool:
        return f"{name}-0-{self.columns[0].name}" not in data

    def id_for_label(self, id_: str) -> str:
        """The label leads to the first cell of the first row."""
        return f"{id_}-0-{self.columns[0].name}" if id_ else ""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        sent = value if isinstance(value, list) else []
        given = [
            row for row in sent if isinstance(row, dict) and MORE not in row and any(row.values())
        ]
        asked_more = any(isinstance(row, dict) and MORE in row for row in sent)
        count = len(given) + BLANK_ROWS * (2 if asked_more else 1)
        rows = given + [{} for _blank in range(count - len(given))]
        base = context["widget"]["attrs"].get("id") or f"id_{name}"
        context["widget"]["columns"] = self.columns
        context["widget"]["more"] = f"{name}-{MORE}"
        context["widget"]["rows"] = [
            [
                {
                    "name": f"{name}-{index}-{column.name}",
                    "id": f"{base}-{index}-{column.name}",
                    "value": str(row.get(column.name) or ""),
                    "column": column,
                }
                for column in self.columns
            ]
            for index, row in enumerate(rows)
        ]
        return context


class RowsField(forms.Field):
    """The rows typed, blank ones left out, each a dict of its columns' stripped texts."""

    def __init__(self, *, columns: Sequence[Column], incomplete: StrOrPromise, **kwargs: Any):
        self.columns = tuple(columns)
        self.incomplete = incomplete  # the message for a row without a required cell
        kwargs.setdefault("initial", list)
        super().__init__(widget=RowsWidget(self.columns), **kwargs)

    def clean(self, value: Any) -> list[dict[str, str]]:
        rows = value if isinstance(value, list) else []
        if any(isinstance(row, dict) and MORE in row for row in rows):
            raise ValidationError(
                _("Three more rows are ready: fill them, then send the form."), code=MORE
            )
        typed = []
        for number, row in enumerate(rows, 1):
            cells = {column.name: str(row.get(column.name, "")).strip() for column in self.columns}
            if not any(cells.values()):
                continue  # an empty row of the form
            typed.append(self._checked(number, cells))
        if self.required and not typed:
            raise ValidationError(self.error_messages["required"], code="required")
        return typed

    def _checked(self, number: int, cells: dict[str, str]) -> dict[str, str]:
        for column in self.columns:
            text = cells[column.name]
            if len(text) > column.max_length:
                raise ValidationError(
                    _("Row %(row)d: each part is at most %(length)d characters long.")
                    % {"row": number, "length": column.max_length}
                )
            if column.choices and text and text not in dict(column.choices):
                raise ValidationError(_("Row %(row)d: choose one of the list.") % {"row": number})
            if column.required and not text:
                raise ValidationError(str(self.incomplete) % {"row": number})
        return cells


class ContactsField(RowsField):
    """The people to contact about the lot, with the part each plays."""

    def __init__(self, **kwargs: Any) -> None:
        roles: tuple[tuple[str, StrOrPromise], ...] = (
            ("", "—"),
            *((str(role.value), role.label) for role in ContactRole),
        )
        super().__init__(
            columns=(
                Column("role", _("role"), choices=roles),
                Column("name", _("name")),
                Column("company", _("company"), required=False),
                Column("phone", _("phone"), max_length=30, required=False),
                Column("email", _("e-mail address"), max_length=254, required=False),
            ),
            incomplete=_("Row %(row)d needs the contact's role and name."),
            **kwargs,
        )

    def clean(self, value: Any) -> list[services.ContactDetails]:  # type: ignore[override]
        return [
            services.ContactDetails(
                role=ContactRole(row["role"]),
                name=row["name"],
                company=row["company"],
                phone=row["phone"],
                email=row["email"],
            )
            for row in super().clean(value)
        ]


class FailedChecksField(RowsField):
    """The characteristics a refused lot failed: what was required, what was measured."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            columns=(
                Column("characteristic", _("characteristic")),
                Column("requirement", _("requirement")),
                Column("measured_value", _("measured value")),
            ),
            incomplete=_(
                "Row %(row)d needs the characteristic, its requirement and the value measured."
            ),
            error_messages={"required": _("List the characteristics the lot failed.")},
            **kwargs,
        )

    def clean(self, value: Any) -> list[services.FailedCheck]:  # type: ignore[override]
        return [
            services.FailedCheck(row["characteristic"], row["requirement"], row["measured_value"])
            for row in super().clean(value)
        ]


# -- the request ---------------------------------------------------------------------------


class _MarkChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class LotRequestForm(forms.Form):
    """A request received by mail, phone or letter, entered by the body's staff."""

    requester_organisation = forms.ModelChoiceField(
        Organisation.objects.filter(is_certification_body=False, is_inspection_body=False),
        label=_("requesting organisation"),
        required=False,
        help_text=_("Or, for a requester without organisation, a name and an e-mail address."),
    )
    requester_name = forms.CharField(label=_("requester's name"), max_length=200, required=False)
    requester_email = forms.EmailField(
        label=_("requester's e-mail address"), max_length=254, required=False
    )
    scheme = _MarkChoice(Scheme.objects.filter(kind=Kind.PRODUCT), label=_("mark requested"))
    subject = forms.ModelChoiceField(
        Subject.objects.filter(kind=Kind.PRODUCT), label=_("product type"), required=False
    )
    product = forms.CharField(label=_("product"), max_length=200)
    quantity = forms.DecimalField(
        label=_("quantity"), max_digits=12, decimal_places=3, min_value=0, localize=True
    )
    unit = forms.ChoiceField(label=_("unit"), choices=[("", "—"), *QuantityUnit.choices])
    street = forms.CharField(label=_("street and number"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("postal code"), max_length=10, required=False)
    town = forms.CharField(label=_("town"), max_length=100)
    requested_on = forms.DateField(label=_("requested on"), initial=clock.today)
    contacts = ContactsField(label=_("contacts"), required=False)

    registered: LotInspectionRequest | None = None

    def submit(self, *, by: User) -> LotInspectionRequest:
        data = self.cleaned_data
        self.registered = services.request_lot_inspection(
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
            contacts=data["contacts"],
            requested_on=data["requested_on"],
        )
        return self.registered


# -- the steps of a request ----------------------------------------------------------------


class LotStepForm(forms.Form):
    """A form about one request whose `submit` calls the service of one step."""

    def __init__(self, *args: Any, lot_request: LotInspectionRequest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lot_request = lot_request

    def submit(self, *, by: User) -> object:
        raise NotImplementedError


class PlanForm(LotStepForm):
    inspector = forms.ModelChoiceField(
        User.objects.filter(is_active=True, inspection_bodies__active=True)
        .distinct()
        .order_by("last_name", "first_name"),
        label=_("inspector"),
    )
    planned_on = forms.DateField(label=_("inspection planned on"))

    def __init__(self, *args: Any, lot_request: LotInspectionRequest, **kwargs: Any) -> None:
        super().__init__(*args, lot_request=lot_request, **kwargs)
        # Planning again starts from the plan there is.
        self.initial.setdefault("inspector", lot_request.inspector_id)
        self.initial.setdefault("planned_on", lot_request.planned_on or clock.today())

    def submit(self, *, by: User) -> LotInspectionRequest:
        data = self.cleaned_data
        return services.plan_lot_inspection(
            self.lot_request, by=by, inspector=data["inspector"], planned_on=data["planned_on"]
        )


class _InspectionForm(LotStepForm):
    """What the inspection found out: its day, the lot number and the document it applied."""

    inspected_on = forms.DateField(label=_("inspected on"))
    lot_identification = forms.CharField(
        label=_("lot identification"),
        max_length=100,
        help_text=_("The lot number stamped on the lot at the inspection."),
    )
    document_kind = forms.ChoiceField(
        label=_("kind of inspection document"),
        choices=[("", "—"), *InspectionDocumentKind.choices],
    )
    document_reference = forms.CharField(
        label=_("inspection document"),
        max_length=200,
        required=False,
        help_text=_("e.g. PTV 829, NBN EN 13249 or the reference of the written agreement."),
    )
    document_version = forms.ModelChoiceField(
        DocumentVersion.objects.none(),
        label=_("version of the reference document"),
        required=False,
        help_text=_("The reference documents of the mark and product type of the lot."),
    )

    def __init__(self, *args: Any, lot_request: LotInspectionRequest, **kwargs: Any) -> None:
        super().__init__(*args, lot_request=lot_request, **kwargs)
        self.initial.setdefault("inspected_on", _inspected_on_default(lot_request))
        field = self.fields["document_version"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = _versions_for(lot_request)

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


def _inspected_on_default(lot_request: LotInspectionRequest) -> date:
    today = clock.today()
    planned = lot_request.planned_on
    return planned if planned is not None and planned <= today else today


def _versions_for(lot_request: LotInspectionRequest) -> Any:
    """The versions of the documents of the programmes of the lot's mark (and product type)."""
    programmes = Q(document__programmes__scheme_id=lot_request.scheme_id)
    if lot_request.subject_id is not None:
        programmes &= Q(document__programmes__subject_id=lot_request.subject_id)
    return (
        DocumentVersion.objects.filter(programmes)
        .select_related("document")
        .distinct()
        .order_by("document__kind", "document__number", "-valid_from")
    )


class ConformityForm(_InspectionForm):
    def submit(self, *, by: User) -> LotConformityDocument:
        return services.record_lot_conformity(
            self.lot_request,
            by=by,
            document=self.document(),
            lot_identification=self.cleaned_data["lot_identification"],
            inspected_on=self.cleaned_data["inspected_on"],
        )


class RefusalForm(_InspectionForm):
    failed = FailedChecksField(label=_("failed characteristics"))

    def __init__(self, *args: Any, lot_request: LotInspectionRequest, **kwargs: Any) -> None:
        super().__init__(*args, lot_request=lot_request, **kwargs)
        # A refused lot may have been refused before it was stamped.
        self.fields["lot_identification"].required = False

    def submit(self, *, by: User) -> LotRefusal:
        return services.refuse_lot(
            self.lot_request,
            by=by,
            failed=self.cleaned_data["failed"],
            inspected_on=self.cleaned_data["inspected_on"],
            document=self.document(),
            lot_identification=self.cleaned_data["lot_identification"],
        )


class CancelForm(LotStepForm):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def submit(self, *, by: User) -> LotInspectionRequest:
        return services.cancel_lot_inspection(
            self.lot_request, by=by, reason=self.cleaned_data["reason"]
        )
