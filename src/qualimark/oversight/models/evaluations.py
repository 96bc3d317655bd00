"""The certification body's assessment of a report, and the corrective actions it asks for."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qualimark.oversight.models.inspections import Inspection
from qualimark.oversight.models.reports import Finding, FindingKind
from qualimark.records import AppendOnlyModel


class ConclusionKind(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    NOT_CONFIRMED = "not_confirmed", _("not confirmed")
    RECLASSIFIED = "reclassified", _("reclassified")


class Measure(models.TextChoices):
    NONE = "none", _("no measure")
    CORRECTIVE_ACTION = "corrective_action", _("corrective action")
    SANCTION = "sanction", _("sanction proposed")


class Evaluation(AppendOnlyModel):
    """Who assessed the report, when, and what follows from it. Kept for good."""

    inspection = models.OneToOneField(
        Inspection,
        verbose_name=_("inspection"),
        on_delete=models.PROTECT,
        related_name="evaluation",
    )
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluated by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    evaluated_at = models.DateTimeField(_("evaluated at"))
    measure = models.CharField(_("measure"), max_length=20, choices=Measure.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return f"{self.inspection} – {self.get_measure_display()}"


class FindingConclusion(AppendOnlyModel):
    """The evaluator's conclusion on one finding. Kept for good."""

    finding = models.OneToOneField(
        Finding, verbose_name=_("finding"), on_delete=models.PROTECT, related_name="conclusion"
    )
    conclusion = models.CharField(_("conclusion"), max_length=16, choices=ConclusionKind.choices)
    new_kind = models.CharField(
        _("new kind"),
        max_length=12,
        choices=FindingKind.choices,
        blank=True,
        help_text=_("Only for a reclassified finding."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("conclusion on a finding")
        verbose_name_plural = _("conclusions on findings")
        constraints = [
            models.CheckConstraint(
                condition=Q(conclusion="reclassified", new_kind__gt="")
                | (~Q(conclusion="reclassified") & Q(new_kind="")),
                name="finding_conclusion_new_kind_only_when_reclassified",
            )
        ]

    def __str__(self) -> str:
        return f"{self.finding} – {self.get_conclusion_display()}"

    @property
    def retained_kind(self) -> FindingKind | None:
        """The kind the finding keeps after evaluation; None when it is not confirmed."""
        if self.conclusion == ConclusionKind.NOT_CONFIRMED:
            return None
        if self.conclusion == ConclusionKind.RECLASSIFIED:
            return FindingKind(self.new_kind)
        return FindingKind(self.finding.kind)


class CorrectiveAction(models.Model):
    """What the holder must put right, by when; closed once the CB is satisfied."""

    inspection = models.ForeignKey(
        Inspection,
        verbose_name=_("inspection"),
        on_delete=models.PROTECT,
        related_name="corrective_actions",
    )
    finding = models.ForeignKey(
        Finding,
        verbose_name=_("finding"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrective_actions",
    )
    description = models.TextField(_("description"))
    due_on = models.DateField(_("due on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closing_note = models.TextField(_("closing note"), blank=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")
        ordering = ("due_on", "id")
        indexes = [models.Index(fields=["closed_on", "due_on"])]

    def __str__(self) -> str:
        return f"{self.inspection.reference}: {self.description[:60]}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None
