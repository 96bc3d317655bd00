"""The form of an organisation, shared by the back-office (a holder registered by the body)
and the admin (every organisation, the bodies included)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from qualimark.parties.enterprise import clean_enterprise_number, format_enterprise_number
from qualimark.parties.models import Organisation


class OrganisationForm(forms.ModelForm[Organisation]):
    # Wider than the stored compact form, so that the number can be typed (and shown) the
    # way the Crossroads Bank for Enterprises writes it: 0403.170.701.
    enterprise_number = forms.CharField(
        label=_("enterprise number"),
        max_length=20,
        required=False,
        help_text=_("Belgian enterprise number (KBO/BCE); empty for a foreign organisation."),
    )

    class Meta:
        model = Organisation
        fields: tuple[str, ...] = (
            "name",
            "trade_name",
            "enterprise_number",
            "country",
            "street",
            "postal_code",
            "town",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.enterprise_number:
            self.initial["enterprise_number"] = format_enterprise_number(
                self.instance.enterprise_number
            )

    def clean_enterprise_number(self) -> str:
        value: str = self.cleaned_data["enterprise_number"].strip()
        return clean_enterprise_number(value) if value else ""
