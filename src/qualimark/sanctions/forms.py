"""The forms that impose a sanction on a file and end, lift or revoke one.

The forms check what was typed; the services decide whether the sanction is allowed and
whether the person may take it. Each form ends in one service call. The kind of sanction is
chosen first, so that the form asks only what that kind takes (an end date, a frequency).
"""

from datetime import date
from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification.lifecycle import LIFECYCLE, UNDER_OVERSIGHT, Transition
from qualimark.certification.models import Certificate
from qualimark.certification.services import EvidenceLink
from qualimark.parties.roles import Act
from qualimark.sanctions import services
from qualimark.sanctions.models import PERIOD_KINDS, Sanction, SanctionKind
from qualimark.sanctions.permissions import END, LIFT, REVOKE

# What each kind does to the file, said where the kind is chosen.
KIND_HINTS = {
    SanctionKind.WARNING: _("Recorded on the file; nothing else changes."),
    SanctionKind.STRICTER_OVERSIGHT: _(
        "More inspections a year than the regulation asks, for a time or until ended."
    ),
    SanctionKind.SUSPENSION: _(
        "The certificate and its datasheets are suspended, until a date or until lifted."
    ),
    SanctionKind.WITHDRAWAL: _(
        "The certificate is withdrawn; stricter oversight and suspensions still running end."
    ),
}


def open_kinds(status: str | None) -> list[SanctionKind]:
    """The kinds of sanction that a file in `status` can take (the services check again)."""
    if status not in UNDER_OVERSIGHT:
        return []
    kinds = [SanctionKind.WARNING, SanctionKind.STRICTER_OVERSIGHT]
    if Transition.SUSPEND in LIFECYCLE.open_from(status):
        kinds.append(SanctionKind.SUSPENSION)
    if Transition.WITHDRAW in LIFECYCLE.open_from(status):
        kinds.append(SanctionKind.WITHDRAWAL)
    return kinds


class KindForm(forms.Form):
    """The first question: which kind of sanction (read from the page's query)."""

    kind = forms.ChoiceField(label=_("kind of sanction"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, kinds: list[SanctionKind], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kind"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (kind.value, f"{str(kind.label).capitalize()} – {KIND_HINTS[kind]}") for kind in kinds
        ]


def _date(label: Any, *, required: bool = True, initial: Any = clock.today) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        initial=initial,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _text(label: Any, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": 4}), **kwargs)


class SanctionForm(forms.Form):
    """A sanction of one kind on one file: only the terms that the kind takes are asked."""

    effective = _date(_("effective from"))
    until = _date(
        _("until (exclusive)"),
        required=False,
        initial=None,
    )
    inspections_per_year = forms.IntegerField(
        label=_("inspections per year"), min_value=1, max_value=365
    )
    reason = _text(_("reason"))
    evidence_description = forms.CharField(
        label=_("evidence"),
        max_length=300,
        required=False,
        help_text=_("What the sanction rests on: a report, a letter, a document."),
    )
    evidence_url = forms.CharField(label=_("link to the evidence"), max_length=500, required=False)

    def __init__(
        self, *args: Any, certificate: Certificate, kind: SanctionKind, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.certificate, self.kind = certificate, kind
        if kind not in PERIOD_KINDS:
            del self.fields["until"]
        elif kind == SanctionKind.SUSPENSION:
            self.fields["until"].help_text = _(
                "The day on which the suspension ends by itself. Empty: until lifted."
            )
        else:
            self.fields["until"].help_text = _(
                "The day on which the stricter oversight ends by itself. Empty: until ended."
            )
        if kind != SanctionKind.STRICTER_OVERSIGHT:
            del self.fields["inspections_per_year"]
        else:
            self.fields["inspections_per_year"].help_text = self._normal_frequency()

    def _normal_frequency(self) -> str:
        normal = self.certificate.programme.inspection_frequency_on(clock.today())
        if normal is None:
            return gettext("No regulation in force sets a number of inspections for this file.")
        return gettext(
            "More than the regulation in force today asks: %(minimum)d to %(maximum)d a year."
        ) % {"minimum": normal[0], "maximum": normal[1]}

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        # The terms of the sanction (dates, frequency) are the service's to check: its
        # refusal comes back as an error on the form.
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
            self.certificate,
            self.kind,
            by=by,
            reason=data["reason"],
            effective=data["effective"],
            until=data.get("until"),
            inspections_per_year=data.get("inspections_per_year"),
            evidence=evidence,
        )


class Ending(models.TextChoices):
    LIFT = "lift", _("lift the suspension")
    END = "end", _("end the stricter oversight")
    REVOKE = "revoke", _("revoke the sanction on appeal")


REVOCATION_HINT = _(
    "A suspension or a withdrawal revoked on appeal is annulled: the file's history reads as "
    "if it had never been imposed. Stricter oversight ends today; a warning is only marked."
)

# The act of the role table that each ending is (pages ask it which buttons to show).
ENDING_ACTS: dict[Ending, Act] = {Ending.LIFT: LIFT, Ending.END: END, Ending.REVOKE: REVOKE}


def endings_of(sanction: Sanction, day: date) -> list[Ending]:
    """What can still be done to `sanction` on `day` (the services check the dates again).

    A suspension is lifted and stricter oversight ended while they are not over; any
    sanction not yet revoked can be revoked on appeal, even once over (the revocation is
    then recorded).
    """
    if sanction.revoked:
        return []
    endings = []
    running = sanction.ends_on is None or day < sanction.ends_on
    if running and sanction.kind == SanctionKind.SUSPENSION:
        endings.append(Ending.LIFT)
    if running and sanction.kind == SanctionKind.STRICTER_OVERSIGHT:
        endings.append(Ending.END)
    return [*endings, Ending.REVOKE]


class EndingForm(forms.Form):
    effective = _date(_("effective from"))
    reason = _text(_("reason"))

    def __init__(self, *args: Any, sanction: Sanction, ending: Ending, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sanction, self.ending = sanction, ending
        if ending == Ending.REVOKE:
            # A revocation on appeal has no date of its own: a suspension or a withdrawal
            # is annulled (as if never imposed), other sanctions end today.
            del self.fields["effective"]
            self.fields["reason"].help_text = REVOCATION_HINT

    def apply(self, *, by: User) -> Sanction:
        """End, lift or revoke the sanction through its service (a DomainError if refused)."""
        data = self.cleaned_data
        if self.ending == Ending.REVOKE:
            return services.revoke_sanction(self.sanction, by=by, reason=data["reason"])
        service = {
            Ending.LIFT: services.lift_suspension_sanction,
            Ending.END: services.end_stricter_oversight,
        }[self.ending]
        return service(self.sanction, by=by, reason=data["reason"], effective=data["effective"])
