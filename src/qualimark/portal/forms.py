"""The portal's forms: they check what was typed; the domain services decide the rest.

Each form that changes something ends in one service call made by its view, which shows a
refusal of the service (a DomainError) on the form as it was worded.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from qualimark import clock
from qualimark.applications.models import Application, RequiredDocument
from qualimark.applications.services import BASIS_KINDS, ContactDetails
from qualimark.datasheets.characteristics import CharacteristicsField
from qualimark.parties.models import Organisation, ProductionUnit, RoleKind
from qualimark.portal.presenters import programme_label
from qualimark.schemes.models import DocumentVersion, Programme
from qualimark.uploads import ACCEPT, MultipleFileField

DATE_ERROR = _("This is not a date. Write it as day/month/year, for example 14/03/2026.")
MAX_CONTACTS = 3


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        # The browser's date picker sends and expects ISO dates, whatever the language.
        super().__init__(format="%Y-%m-%d")


@dataclass(frozen=True)
class Problem:
    """One line of a form's error summary: the message, and the field it is about."""

    message: str
    field_id: str = ""
    label: str = ""


class PortalForm(forms.Form):
    """A form that can list its problems at the top of the page, each linked to its field."""

    def problems(self) -> list[Problem]:
        problems = [Problem(str(message)) for message in self.non_field_errors()]
        for name in self.fields:
            bound = self[name]
            problems += [
                Problem(str(message), bound.auto_id or "", str(bound.label))
                for message in self.errors.get(name, [])
            ]
        return problems


class CommentForm(PortalForm):
    text = forms.CharField(
        label=_("Your comment on the report"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
        error_messages={"required": _("Write your comment before you send it.")},
    )
    attachments = MultipleFileField(
        label=_("Files sent with the comment"),
        help_text=_("Optional: up to 5 files (PDF, PNG, JPEG, DOCX or XLSX), e.g. test reports."),
    )


class RenounceForm(PortalForm):
    effective = forms.DateField(
        label=_("Renounce from"),
        help_text=_("The first day on which the certificate is no longer valid."),
        widget=DateInput(),
        error_messages={"required": _("Give the date of the renunciation."), "invalid": DATE_ERROR},
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": _("Say why you renounce the certificate.")},
    )
    confirm = forms.BooleanField(
        label=_("I understand that the certificate and all its datasheets end on that date."),
        error_messages={"required": _("Confirm that you want to renounce the certificate.")},
    )

    def clean_effective(self) -> date:
        effective: date = self.cleaned_data["effective"]
        # A holder renounces from today or later: the registry never rewrites what it said.
        if effective < clock.today():
            raise ValidationError(_("The date cannot be in the past."))
        return effective


class ProposalForm(PortalForm):
    """A new datasheet (with its product) or a new version (without: the product stays)."""

    product_name = forms.CharField(label=_("Product"), max_length=200)
    trade_name = forms.CharField(label=_("Trade name"), max_length=200)
    characteristics = CharacteristicsField(label=_("Declared characteristics"))

    def __init__(self, *args: Any, new_datasheet: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not new_datasheet:
            del self.fields["product_name"]


class ProgrammeChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return programme_label(obj)


class VersionChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(
            _("%(document)s version %(label)s") % {"document": obj.document, "label": obj.label}
        )


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}, {obj.street}, {obj.postal_code} {obj.town}"


def valid_ptv_versions(day: date) -> QuerySet[DocumentVersion]:
    """The PTV (or guideline) versions in force on `day` of documents of a programme."""
    return (
        DocumentVersion.objects.filter(
            document__kind__in=BASIS_KINDS, document__programmes__isnull=False, valid_from__lte=day
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .select_related("document")
        .distinct()
        .order_by("document__number", "-valid_from")
    )


class ApplicationForm(PortalForm):
    """What is applied for: the programme, where it is made, under which PTV, with notes.

    Without an organisation list, the application is for `organisations[0]`; with several,
    the user chooses. The units offered are those of the organisations offered.
    """

    organisation = forms.ModelChoiceField(
        Organisation.objects.none(),
        label=_("Organisation"),
        empty_label=None,
    )
    programme = ProgrammeChoiceField(
        Programme.objects.none(),
        label=_("Mark and product or execution type"),
        error_messages={"required": _("Choose what you apply for.")},
    )
    production_unit = UnitChoiceField(
        ProductionUnit.objects.none(),
        label=_("Production unit"),
        required=False,
        help_text=_("For product certification: the plant where the product is made."),
    )
    ptv_version = VersionChoiceField(
        DocumentVersion.objects.none(),
        label=_("PTV version"),
        required=False,
        help_text=_("The version of the Technical Prescription you apply under."),
    )
    notes = forms.CharField(
        label=_("Notes"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation_field: forms.ModelChoiceField = self.fields["organisation"]  # type: ignore[type-arg,assignment]
        organisation_field.queryset = organisations
        if len(organisations) < 2:
            del self.fields["organisation"]
        programme_field: forms.ModelChoiceField = self.fields["programme"]  # type: ignore[type-arg,assignment]
        programme_field.queryset = Programme.objects.select_related("scheme", "subject").order_by(
            "scheme__code", "subject__code"
        )
        unit_field: forms.ModelChoiceField = self.fields["production_unit"]  # type: ignore[type-arg,assignment]
        unit_field.queryset = ProductionUnit.objects.filter(organisation__in=organisations)
        version_field: forms.ModelChoiceField = self.fields["ptv_version"]  # type: ignore[type-arg,assignment]
        version_field.queryset = valid_ptv_versions(clock.today())
        self.organisations = organisations

    def chosen_organisation(self) -> Organisation:
        chosen: Organisation | None = self.cleaned_data.get("organisation")
        return chosen if chosen is not None else self.organisations[0]

    @classmethod
    def initial_for(cls, application: Application) -> dict[str, Any]:
        return {
            "programme": application.programme_id,
            "production_unit": application.production_unit_id,
            "ptv_version": application.ptv_version_id,
            "notes": application.notes,
        }


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    function = forms.CharField(label=_("Function"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        others = [data.get(part) for part in ("function", "email", "phone")]
        if any(others) and not data.get("name"):
            self.add_error("name", _("Give this contact's name, or leave the row empty."))
        return data

    def details(self) -> ContactDetails | None:
        data = self.cleaned_data
        if not data.get("name"):
            return None
        return ContactDetails(
            name=data["name"],
            function=data.get("function", ""),
            email=data.get("email", ""),
            phone=data.get("phone", ""),
        )


ContactFormSet = forms.formset_factory(
    ContactForm, extra=0, min_num=MAX_CONTACTS, max_num=MAX_CONTACTS, validate_max=True
)


def contact_formset(application: Application, data: Any = None) -> Any:
    """The contacts of `application` in MAX_CONTACTS rows (the empty ones to fill in)."""
    initial = [
        {"name": c.name, "function": c.function, "email": c.email, "phone": c.phone}
        for c in application.contacts.all()
    ]
    return ContactFormSet(data, initial=initial, prefix="contacts")


def contacts_of(formset: Any) -> list[ContactDetails]:
    """The rows of a valid contacts formset that name someone."""
    return [details for form in formset.forms if (details := form.details()) is not None]


class UploadForm(PortalForm):
    requirement = forms.ModelChoiceField(
        RequiredDocument.objects.none(),
        label=_("Document"),
        required=False,
        widget=forms.HiddenInput,
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, PNG, JPEG, DOCX or XLSX."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": _("Choose the file to upload.")},
    )

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: forms.ModelChoiceField = self.fields["requirement"]  # type: ignore[type-arg,assignment]
        field.queryset = RequiredDocument.objects.filter(programme=application.programme_id)


class InviteForm(PortalForm):
    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    language = forms.ChoiceField(
        label=_("Language of the e-mails"),
        choices=[("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))],
    )
    kind = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (RoleKind.INVITED_USER.value, RoleKind.INVITED_USER.label),
            (RoleKind.HOLDER_ADMINISTRATOR.value, RoleKind.HOLDER_ADMINISTRATOR.label),
        ],
        initial=RoleKind.INVITED_USER.value,
    )
