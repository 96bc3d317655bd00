"""Sanctions decided on a certification file, and the next steps proposed to its file manager.

A sanction is a decision of the certification body, graduated from a warning to stricter
oversight, a temporary suspension and a withdrawal. Those that change the status of the
file do so through the certification core, which keeps the dated status history; a
`Sanction` row says which decision was a sanction, for how long, and how it ended.
Only the services in `services.py` and `proposals.py` write these rows.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from qualimark.certification.models import Certificate, Decision


class SanctionKind(models.TextChoices):
    WARNING = "warning", _("warning")
    STRICTER_OVERSIGHT = "stricter_oversight", _("stricter oversight")
    SUSPENSION = "suspension", _("suspension")
    WITHDRAWAL = "withdrawal", _("withdrawal")


# The kinds that last for a period: only these take an end date.
PERIOD_KINDS = frozenset({SanctionKind.STRICTER_OVERSIGHT, SanctionKind.SUSPENSION})


class Sanction(models.Model):
    """One sanction on a file, in force from `effective` until `ends_on`."""

    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        on_delete=models.PROTECT,
        related_name="sanctions",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SanctionKind.choices)
    effective = models.DateField(_("effective from"))
    until = models.DateField(
        _("until (exclusive)"),
        null=True,
        blank=True,
        help_text=_("Empty: until lifted or ended. Only stricter oversight and suspensions."),
    )
    inspections_per_year = models.PositiveSmallIntegerField(
        _("inspections per year"),
        null=True,
        blank=True,
        help_text=_("The higher frequency of stricter oversight."),
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("status decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The change of status that a suspension or a withdrawal made."),
    )
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"))
    ended_on = models.DateField(
        _("ended on"),
        null=True,
        blank=True,
        help_text=_("Stricter oversight ended early, suspension lifted, or sanction revoked."),
    )
    ended_reason = models.TextField(_("reason for the end"), blank=True)
    ended_with = models.ForeignKey(
        Decision,
        verbose_name=_("ended with the decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "The withdrawal that ended the sanction, if one did: annulled on appeal, the "
            "sanction runs again."
        ),
    )
    revoked = models.BooleanField(_("revoked on appeal"), default=False)
    reversal = models.ForeignKey(
        Decision,
        verbose_name=_("annulment on appeal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The annulment of the suspension or withdrawal that the sanction made."),
    )

    class Meta:
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        ordering = ("certificate", "effective", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gt=F("effective")),
                name="sanction_until_after_start",
            ),
            models.CheckConstraint(
                condition=Q(inspections_per_year__isnull=True)
                | Q(kind=SanctionKind.STRICTER_OVERSIGHT),
                name="sanction_frequency_only_for_stricter_oversight",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.certificate} – {self.get_kind_display()} ({self.effective})"

    @property
    def ends_on(self) -> date | None:
        """The first day the sanction no longer applies (its end date or its early end)."""
        ends = [day for day in (self.until, self.ended_on) if day is not None]
        return min(ends) if ends else None

    def in_force_on(self, day: date) -> bool:
        """Whether the sanction applies on `day`.

        A warning or a withdrawal applies from its date until it is revoked. A warning or
        stricter oversight revoked on appeal still applied before the revocation; a
        suspension or a withdrawal revoked on appeal never applied (its decision is
        annulled, and it ends on its own start).
        """
        end = self.ends_on
        return self.effective <= day and (end is None or day < end)


class ProposalKind(models.TextChoices):
    OVERDUE_CORRECTIVE_ACTION = "overdue_corrective_action", _("corrective action overdue")
    REPEATED_NONCONFORMITY = "repeated_nonconformity", _("repeated nonconformity")
    SANCTION_PROPOSED = "sanction_proposed", _("sanction proposed")
    FOUNDED_COMPLAINT = "founded_complaint", _("founded complaint")


class Proposal(models.Model):
    """A next step the system proposes to the file manager; a person decides what to do.

    `source` names what gave rise to it ("corrective-action:17"), so that proposing the
    same thing again (a daily command run twice) adds nothing.
    """

    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ProposalKind.choices)
    text = models.TextField(_("reason"))
    proposed_on = models.DateField(_("proposed on"))
    source = models.CharField(_("source"), max_length=100, unique=True)
    created_at = models.DateTimeField(_("created at"))
    resolved_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    resolution = models.TextField(_("what was done"), blank=True)

    class Meta:
        verbose_name = _("proposed next step")
        verbose_name_plural = _("proposed next steps")
        ordering = ("proposed_on", "id")
        indexes = [models.Index(fields=["resolved_at", "proposed_on"])]

    def __str__(self) -> str:
        return f"{self.certificate} – {self.get_kind_display()} ({self.proposed_on})"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None
