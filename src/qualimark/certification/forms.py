"""Staff forms for certification files: an application, and a decision on a file.

The forms check what was typed; the services decide whether the act is allowed. Each
form ends in one service call, so the admin never writes a status itself.
"""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget, AutocompleteSelect
from django.utils.translation import gettext_lazy as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification import services
from qualimark.certification.lifecycle import Transition
from qualimark.certification.models import Certificate, Decision
from qualimark.parties.models import Organisation, ProductionUnit
from qualimark.schemes.models import Programme

WITH_EXPIRY = frozenset({Transition.GRANT, Transition.RENEW})


class ApplicationForm(forms.Form):
    holder = forms.ModelChoiceField(
        Organisation.objects.all(),
        label=_("holder"),
        widget=AutocompleteSelect(Certificate._meta.get_field("holder"), admin.site),
    )
    programme = forms.ModelChoiceField(
        Programme.objects.select_related("scheme", "subject"),
        label=_("certification programme"),
    )
    production_unit = forms.ModelChoiceField(
        ProductionUnit.objects.select_related("organisation"),
        label=_("production unit"),
        required=False,
        help_text=_("Product certification only: the unit that makes the product."),
    )
    applied_on = forms.DateField(label=_("applied on"), initial=clock.today, widget=AdminDateWidget)

    def apply(self, *, by: User) -> Certificate:
        data = self.cleaned_data
        return services.apply_for_certification(
            holder=data["holder"],
            programme=data["programme"],
            production_unit=data["production_unit"],
            by=by,
            applied_on=data["applied_on"],
        )


class DecisionForm(forms.Form):
    transition = forms.ChoiceField(label=_("decision"))
    effective = forms.DateField(
        label=_("effective from"), initial=clock.today, widget=AdminDateWidget
    )
    until = forms.DateField(
        label=_("until"),
        required=False,
        widget=AdminDateWidget,
        help_text=_("Suspension only: the day on which the suspension ends by itself."),
    )
    expires_on = forms.DateField(
        label=_("expires on"),
        required=False,
        widget=AdminDateWidget,
        help_text=_(
            "Grant and renewal only: the first day on which the certificate is no longer valid."
        ),
    )
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 4}))
    evidence_description = forms.CharField(
        label=_("evidence"),
        max_length=300,
        required=False,
        help_text=_("What the decision rests on: a report, a letter, a document."),
    )
    evidence_url = forms.CharField(label=_("link to the evidence"), max_length=500, required=False)

    def __init__(self, *args: Any, transitions: Sequence[Transition], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["transition"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(t.value, t.label) for t in transitions]

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if "transition" not in data:
            return data
        transition = Transition(data["transition"])
        if data.get("until") and transition != Transition.SUSPEND:
            self.add_error("until", _("Only a suspension has an end date."))
        if data.get("expires_on") and transition not in WITH_EXPIRY:
            self.add_error("expires_on", _("Only a grant or a renewal sets the expiry date."))
        if transition == Transition.RENEW and not data.get("expires_on"):
            self.add_error("expires_on", _("A renewal needs the new expiry date."))
        if data.get("evidence_url") and not data.get("evidence_description"):
            self.add_error("evidence_description", _("Say what the linked evidence is."))
        return data

    def decide(self, certificate: Certificate, *, by: User) -> Decision:
        """Take the decision through the service of its transition (a DomainError if refused)."""
        data = self.cleaned_data
        transition = Transition(data["transition"])
        reason: str = data["reason"]
        effective = data["effective"]
        evidence = (
            [services.EvidenceLink(data["evidence_description"], data["evidence_url"])]
            if data["evidence_description"]
            else []
        )
        return services.take_decision(
            certificate,
            transition,
            by=by,
            reason=reason,
            effective=effective,
            until=data["until"],
            expires_on=data["expires_on"],
            evidence=evidence,
        )
