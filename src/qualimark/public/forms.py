"""The public forms: verification and search. Both are GET forms, so answers can be shared."""

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from qualimark import clock
from qualimark.certification.lifecycle import Status
from qualimark.parties.enterprise import clean_enterprise_number
from qualimark.public.access import PUBLIC_STATUSES
from qualimark.registry.search import ResultKind, Sort
from qualimark.schemes.models import Scheme, Subject

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
