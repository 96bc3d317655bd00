"""The public forms: verification and search, both GET forms so that answers can be shared,
and the request for a lot inspection, the one form of the site that writes something."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from qualimark import clock
from qualimark.certification.lifecycle import Status
from qualimark.lots import services as lots
from qualimark.lots.models import ContactRole, LotInspectionRequest, QuantityUnit
from qualimark.parties.enterprise import clean_enterprise_number
from qualimark.public.access import PUBLIC_STATUSES
from qualimark.registry.search import ResultKind, Sort
from qualimark.schemes.models import Kind, Scheme, Subject
from qualimark.verification.reading import AsOf, parse_as_of

UNTYPEABLE = _("This contains characters that cannot be typed; please type it again.")


def typeable(value: str) -> None:
    """Refuse control characters: no code or name has them (and PostgreSQL refuses NUL)."""
    if not value.isprintable():
        raise ValidationError(UNTYPEABLE, code="untypeable")


DATE_ERROR = _("This is not a date. Write it as day/month/year, for example 14/03/2026.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        # The browser's date picker sends and expects ISO dates, whatever the language.
        super().__init__(format="%Y-%m-%d")


def _date_field(label: Any, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=False,
        widget=DateInput(),
        error_messages={"invalid": DATE_ERROR},
    )


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Quick code, certificate number or lot code"),
        help_text=_(
            "The 8-digit quick code of a datasheet, a certificate number, or the code of a "
            "lot conformity document (L and 8 digits)."
        ),
        max_length=60,
        validators=[typeable],
        error_messages={
            "required": _("Type the quick code or certificate number you want to check."),
            "max_length": _("This is too long for a quick code or a certificate number."),
        },
    )
    on = _date_field(
        _("Date"),
        _("The date on your delivery note; today if you leave it empty."),
    )

    as_of = forms.CharField(
        label=_("As the registry stood at"),
        help_text=_(
            "Optional: a moment (2026-03-14 10:00) or the sequence number of a change, to see "
            "the answer the registry gave then, before what it learnt since."
        ),
        required=False,
        max_length=40,
        validators=[typeable],
    )

    def clean_as_of(self) -> AsOf:
        try:
            return parse_as_of(self.cleaned_data.get("as_of") or "")
        except ValueError:
            raise ValidationError(
                _("Give a moment, like 2026-03-14 10:00, or the sequence number of a change.")
            ) from None

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"].strip()
        if not code:
            raise ValidationError(self.fields["code"].error_messages["required"])
        return code

    def clean_on(self) -> date:
        day: date | None = self.cleaned_data.get("on")
        return day or clock.today()


def _choices(blank: Any, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [("", str(blank)), *pairs]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        help_text=_("Holder or trade name, product, certificate number, quick code or town."),
        required=False,
        max_length=200,
        validators=[typeable],
    )
    kind = forms.ChoiceField(label=_("Show"), choices=ResultKind.choices, required=False)
    scheme = forms.ChoiceField(label=_("Mark"), required=False)
    subject = forms.ChoiceField(label=_("Product or execution type"), required=False)
    holder = forms.CharField(
        label=_("Holder's enterprise number"),
        help_text=_("For example 0403.170.701."),
        required=False,
        max_length=20,
        validators=[typeable],
    )
    unit = forms.CharField(
        label=_("Town or postal code of the production unit"),
        required=False,
        max_length=100,
        validators=[typeable],
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    on = _date_field(_("Valid on"), _("The statuses are those of this date; today if empty."))
    sort = forms.ChoiceField(label=_("Sort by"), choices=Sort.choices, required=False)
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1, max_value=100_000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        schemes = [(s.code, s.name) for s in Scheme.objects.all()]
        subjects = sorted(((s.code, s.name) for s in Subject.objects.all()), key=lambda p: p[1])
        statuses = [(s.value, str(s.label)) for s in Status if s in PUBLIC_STATUSES]
        self.fields["scheme"].choices = _choices(_("any mark"), schemes)  # type: ignore[attr-defined]
        self.fields["subject"].choices = _choices(_("any type"), subjects)  # type: ignore[attr-defined]
        self.fields["status"].choices = _choices(_("any status"), statuses)  # type: ignore[attr-defined]

    def clean_holder(self) -> str:
        raw: str = self.cleaned_data["holder"].strip()
        if not raw:
            return ""
        try:
            return clean_enterprise_number(raw)
        except ValidationError as error:
            raise ValidationError(error.messages) from None


# -- the request for a lot inspection -------------------------------------------------------

NOT_AN_EMAIL = _("This is not an e-mail address.")
EMAIL_MAX = 254  # the length of the model's e-mail columns
# The requester's name and organisation share one column of 200 characters: "name (organisation)".
REQUESTER_NAME_MAX = 100
ORGANISATION_MAX = 97
CONTACT_PARTS = ("name", "company", "phone", "email")


class MarkField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """The marks people know by name (BENOR, ATG…), chosen by code."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


@dataclass(frozen=True)
class Problem:
    """One line of the error summary: what is wrong, and the field to go to (if any)."""

    message: str
    field_id: str = ""
    label: str = ""


def _contact_fields(role: ContactRole) -> dict[str, forms.Field]:
    return {
        f"{role.value}_name": forms.CharField(
            label=_("Name"), max_length=200, required=False, validators=[typeable]
        ),
        f"{role.value}_company": forms.CharField(
            label=_("Company"), max_length=200, required=False, validators=[typeable]
        ),
        f"{role.value}_phone": forms.CharField(
            label=_("Phone"), max_length=30, required=False, validators=[typeable]
        ),
        f"{role.value}_email": forms.EmailField(
            label=_("E-mail address"),
            max_length=EMAIL_MAX,
            required=False,
            error_messages={"invalid": NOT_AN_EMAIL},
        ),
    }


class LotInspectionRequestForm(forms.Form):
    """The public request for the inspection of a lot, sent to `request_lot_inspection`.

    The form checks what was typed; the service decides whether the request can be made.
    `website` is a trap for robots: people do not see it, robots fill it in.
    """

    scheme = MarkField(
        Scheme.objects.filter(kind=Kind.PRODUCT),
        to_field_name="code",
        label=_("Mark"),
        help_text=_("The mark the lot should carry."),
        empty_label=_("Choose a mark"),
        error_messages={
            "required": _("Choose the mark the lot should carry."),
            "invalid_choice": _("Choose one of the marks in the list."),
        },
    )
    subject = forms.ChoiceField(
        label=_("Product type (optional)"),
        help_text=_("The type of product under that mark."),
        required=False,
    )
    product = forms.CharField(
        label=_("Product"),
        help_text=_("The product as named on the delivery note, e.g. its trade name and grade."),
        max_length=200,
        error_messages={"required": _("Describe the product of the lot.")},
        validators=[typeable],
    )
    quantity = forms.DecimalField(
        label=_("Quantity"),
        max_digits=12,
        decimal_places=3,
        min_value=Decimal("0.001"),
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={
            "required": _("Give the quantity of the lot."),
            "invalid": _("The quantity must be a number."),
            "min_value": _("The quantity must be a number above zero."),
            "max_digits": _("This quantity is too large for one lot."),
            "max_whole_digits": _("This quantity is too large for one lot."),
            "max_decimal_places": _("The quantity can have at most three decimals."),
        },
    )
    unit = forms.ChoiceField(
        label=_("Unit"),
        choices=[("", "—"), *QuantityUnit.choices],
        error_messages={"required": _("Choose the unit of the quantity.")},
    )
    street = forms.CharField(
        label=_("Street and number (optional)"),
        max_length=200,
        required=False,
        validators=[typeable],
    )
    postal_code = forms.CharField(
        label=_("Postal code (optional)"), max_length=10, required=False, validators=[typeable]
    )
    town = forms.CharField(
        label=_("Town"),
        max_length=100,
        error_messages={"required": _("Say in which town the lot can be inspected.")},
        validators=[typeable],
    )
    requester_name = forms.CharField(
        label=_("Your name"),
        max_length=REQUESTER_NAME_MAX,
        error_messages={"required": _("Give your name.")},
        validators=[typeable],
    )
    requester_email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=EMAIL_MAX,
        help_text=_("We send the acknowledgement of your request to this address."),
        error_messages={
            "required": _("Give your e-mail address: we answer your request there."),
            "invalid": NOT_AN_EMAIL,
        },
    )
    organisation = forms.CharField(
        label=_("Organisation (optional)"),
        help_text=_("The company or administration you ask for."),
        max_length=ORGANISATION_MAX,
        required=False,
        validators=[typeable],
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        subjects = Subject.objects.filter(kind=Kind.PRODUCT)
        pairs = sorted(((s.code, s.name) for s in subjects), key=lambda pair: pair[1])
        self.fields["subject"].choices = _choices(_("Any or not sure"), pairs)  # type: ignore[attr-defined]
        for role in ContactRole:
            self.fields.update(_contact_fields(role))

    def is_from_a_robot(self) -> bool:
        """The trap field is filled in: answer as usual, but do nothing."""
        return bool(str(self.data.get(self.add_prefix("website"), "")).strip())

    def contact_groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The contact rows, one fieldset each: the role and its name, company, phone, e-mail."""
        return [
            (str(role.label), [self[f"{role.value}_{part}"] for part in CONTACT_PARTS])
            for role in ContactRole
        ]

    def clean_subject(self) -> Subject | None:
        code = self.cleaned_data["subject"]
        return Subject.objects.get(code=code) if code else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for role in ContactRole:
            others = [data.get(f"{role.value}_{part}") for part in CONTACT_PARTS[1:]]
            if any(others) and not data.get(f"{role.value}_name"):
                self.add_error(
                    f"{role.value}_name", _("Give this contact's name, or leave the row empty.")
                )
        return data

    def problems(self) -> list[Problem]:
        """The error summary, in the order of the page."""
        roles = {role.value: capfirst(str(role.label)) for role in ContactRole}
        problems = [Problem(str(message)) for message in self.non_field_errors()]
        for name in self.fields:
            if name not in self.errors:
                continue
            bound = self[name]
            label = str(bound.label)
            role = name.rsplit("_", 1)[0]
            if role in roles and name.endswith(CONTACT_PARTS):
                label = f"{roles[role]} – {label}"
            problems += [Problem(str(m), bound.auto_id, label) for m in self.errors[name]]
        return problems

    def contacts(self) -> list[lots.ContactDetails]:
        """The rows with a name; empty rows are left out."""
        data = self.cleaned_data
        return [
            lots.ContactDetails(
                role=role,
                name=data[f"{role.value}_name"],
                company=data[f"{role.value}_company"],
                phone=data[f"{role.value}_phone"],
                email=data[f"{role.value}_email"],
            )
            for role in ContactRole
            if data[f"{role.value}_name"]
        ]

    def requester(self) -> str:
        """Who asks: the name, with the organisation if one was given."""
        name, organisation = self.cleaned_data["requester_name"], self.cleaned_data["organisation"]
        return f"{name} ({organisation})" if organisation else name

    def submit(self) -> LotInspectionRequest:
        """Send the request; raises the service's DomainError if it cannot be made."""
        data = self.cleaned_data
        return lots.request_lot_inspection(
            by=None,
            scheme=data["scheme"],
            subject=data["subject"],
            product=data["product"],
            quantity=data["quantity"],
            unit=data["unit"],
            street=data["street"],
            postal_code=data["postal_code"],
            town=data["town"],
            requester_name=self.requester(),
            requester_email=data["requester_email"],
            contacts=self.contacts(),
        )
