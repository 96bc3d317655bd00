"""Staff forms for sanctions: impose one, and end, lift or revoke one.

The forms check what was typed; the services decide whether the sanction is allowed and
whether the person may take it. Each form ends in one service call.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget, AutocompleteSelect
from django.db import models
from django.utils.translation import gettext_lazy as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification.models import Certificate
from qualimark.certification.services import EvidenceLink
from qualimark.parties.roles import Act
from qualimark.sanctions import services
from qualimark.sanctions.models import Sanction, SanctionKind
from qualimark.sanctions.permissions import END, LIFT, REVOKE


class SanctionForm(forms.Form):
    certificate = forms.ModelChoiceField(
        Certificate.objects.select_related("holder"),
        label=_("certificate"),
        widget=AutocompleteSelect(Sanction._meta.get_field("certificate"), admin.site),
    )
    kind = forms.ChoiceField(label=_("kind"), choices=SanctionKind.choices)
    effective = forms.DateField(
        label=_("effective from"), initial=clock.today, widget=AdminDateWidget
    )
    until = forms.DateField(
        label=_("until (exclusive)"),
        required=False,
        widget=AdminDateWidget,
        help_text=_(
            "Stricter oversight and suspension only: the day on which it ends by itself. "
            "Empty: until lifted or ended."
        ),
    )
    inspections_per_year = forms.IntegerField(
        label=_("inspections per year"),
        required=False,
        min_value=1,
        max_value=365,
        help_text=_("Stricter oversight only: more than the normal minimum of the regulation."),
    )
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 4}))
    evidence_description = forms.CharField(
        label=_("evidence"),
        max_length=300,
        required=False,
        help_text=_("What the sanction rests on: a report, a letter, a document."),
    )
    evidence_url = forms.CharField(label=_("link to the evidence"), max_length=500, required=False)

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        # The terms of the sanction (end date, frequency) are the service's to check:
        # its refusal comes back as an error on the form.
        if data.get("evidence_url") and not data.get("evidence_description"):
            self.add_error("evidence_description", _("Say what the linked evidence is."))
        return data

    def impose(self, *, by: User) -> Sanction:
        """Impose the sanction through the service (a DomainError if refused)."""
        data = self.cleaned_data
        evidence = (
            [EvidenceLink(data["evidence_description"], data["evidence_url"])]
            if data["evidence_description"]
            else []
        )
        return services.impose_sanction(
            data["certificate"],
            SanctionKind(data["kind"]),
            by=by,
            reason=data["reason"],
            effective=data["effective"],
            until=data["until"],
            inspections_per_year=data["inspections_per_year"],
            evidence=evidence,
        )


class Ending(models.TextChoices):
    LIFT = "lift", _("lift the suspension")
    END = "end", _("end the stricter oversight")
    REVOKE = "revoke", _("revoke on appeal")


# The act of the role table that each ending is (pages ask it which links to show).
ENDING_ACTS: dict[Ending, Act] = {Ending.LIFT: LIFT, Ending.END: END, Ending.REVOKE: REVOKE}


def endings_of(sanction: Sanction) -> list[Ending]:
    """What can still be done to `sanction` (the services check the dates)."""
    if sanction.revoked:
        return []
    endings = [Ending.REVOKE]
    if sanction.ended_on is None and sanction.kind == SanctionKind.SUSPENSION:
        endings.insert(0, Ending.LIFT)
    if sanction.ended_on is None and sanction.kind == SanctionKind.STRICTER_OVERSIGHT:
        endings.insert(0, Ending.END)
    return endings


class EndingForm(forms.Form):
    ending = forms.ChoiceField(label=_("what to do"))
    effective = forms.DateField(
        label=_("effective from"), initial=clock.today, widget=AdminDateWidget
    )
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, sanction: Sanction, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sanction = sanction
        field = self.fields["ending"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(e.value, e.label) for e in endings_of(sanction)]

    def apply(self, *, by: User) -> Sanction:
        """End, lift or revoke the sanction through its service (a DomainError if refused)."""
        data = self.cleaned_data
        service = {
            Ending.LIFT: services.lift_suspension_sanction,
            Ending.END: services.end_stricter_oversight,
            Ending.REVOKE: services.revoke_sanction,
        }[Ending(data["ending"])]
        return service(self.sanction, by=by, reason=data["reason"], effective=data["effective"])


class ResolutionForm(forms.Form):
    resolution = forms.CharField(
        label=_("what was done"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The sanction imposed, or why none was needed."),
    )
