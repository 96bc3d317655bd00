"""Certification files: from the application to the end of the certificate, with every decision."""

from collections.abc import Sequence
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from qualimark.certification.lifecycle import Status, Transition
from qualimark.certification.timeline import PeriodRow, Segment, resolve, segment_on
from qualimark.parties.models import Organisation, ProductionUnit
from qualimark.records import AppendOnlyModel
from qualimark.schemes.models import Programme, Scheme, Subject


class Certificate(models.Model):
    """One certification file: a holder, a subject under a mark, and (for products) a unit.

    The file is created by the application and keeps its number for life, so that a
    file in trial period can be shown and checked as such. Its status is never stored
    here: it is read, for any date, from the decisions in `status_periods`.
    """

    number = models.CharField(_("certificate number"), max_length=40, unique=True)
    holder = models.ForeignKey(
        Organisation,
        verbose_name=_("holder"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("certification programme"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    production_unit = models.ForeignKey(
        ProductionUnit,
        verbose_name=_("production unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
    )
    applied_on = models.DateField(_("applied on"))
    expires_on = models.DateField(
        _("expires on"),
        null=True,
        blank=True,
        help_text=_("First day on which the certificate is no longer valid; set by decisions."),
    )
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ("number",)

    def __str__(self) -> str:
        return self.number

    def forget_history(self) -> None:
        """Drop the history read so far (cached or prefetched): a decision has added to it."""
        self.__dict__.pop("timeline", None)
        getattr(self, "_prefetched_objects_cache", {}).pop("status_periods", None)

    @cached_property
    def timeline(self) -> list[Segment[Status]]:
        """The dated statuses of the file, as every decision recorded so far makes them."""
        return timeline_of(self.status_periods.all())

    def status_on(self, day: date) -> Status | None:
        """The status on `day`, or None before the application."""
        segment = segment_on(self.timeline, day)
        return segment.status if segment else None


class Decision(AppendOnlyModel):
    """A change of status: who decided, when, why, from which date, on what evidence."""

    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    transition = models.CharField(_("decision"), max_length=24, choices=Transition.choices)
    from_status = models.CharField(
        _("from status"), max_length=24, choices=Status.choices, blank=True
    )
    to_status = models.CharField(_("to status"), max_length=24, choices=Status.choices)
    effective = models.DateField(_("effective from"))
    until = models.DateField(_("until"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"))
    reason = models.TextField(_("reason"))
    # The PTV / TRA / BRS versions of the file's programme in force on the effective date:
    # the rules the decision applied, for whoever traces it later (ISO/IEC 17065 7.12).
    document_versions = models.ManyToManyField(
        "schemes.DocumentVersion",
        verbose_name=_("reference documents in force"),
        related_name="decisions",
        blank=True,
    )
    # An annulment on appeal names the decision it annuls: from the moment it is recorded,
    # the file's history reads as if that decision had never been taken. One-to-one: a
    # decision is annulled once.
    annuls = models.OneToOneField(
        "self",
        verbose_name=_("annuls"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="annulment",
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ("certificate", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(transition=Transition.ANNUL, annuls__isnull=False)
                | (~Q(transition=Transition.ANNUL) & Q(annuls__isnull=True)),
                name="decision_annulment_names_what_it_annuls",
            )
        ]

    def __str__(self) -> str:
        return f"{self.certificate} – {self.get_transition_display()} ({self.effective})"

    @property
    def annulled_by(self) -> "Decision | None":
        """The annulment of this decision on appeal, if it was annulled."""
        return getattr(self, "annulment", None)


def still_standing(decisions: "models.QuerySet[Decision]") -> "models.QuerySet[Decision]":
    """The decisions that shape the file's history as it now reads: neither annulled on
    appeal nor an annulment (whose rows only restate what the others make it)."""
    return decisions.exclude(transition=Transition.ANNUL).filter(annulment__isnull=True)


class Evidence(AppendOnlyModel):
    """What a decision rests on: a record of the body (an inspection report, its
    evaluation, a complaint, a reference document version), a file sent with the decision,
    or a link elsewhere; each with a description as it read when the decision was taken."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.PROTECT, related_name="evidence"
    )
    description = models.CharField(_("description"), max_length=300)
    url = models.CharField(_("link"), max_length=500, blank=True)
    report = models.ForeignKey(
        "oversight.Inspection",
        verbose_name=_("inspection report"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    evaluation = models.ForeignKey(
        "oversight.Evaluation",
        verbose_name=_("evaluation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("complaint"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    document_version = models.ForeignKey(
        "schemes.DocumentVersion",
        verbose_name=_("document version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/", blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)

    # The kinds of record a piece of evidence may point to, by model, and its field.
    RECORD_FIELDS = {
        "oversight.inspection": "report",
        "oversight.evaluation": "evaluation",
        "complaints.complaint": "complaint",
        "schemes.documentversion": "document_version",
    }

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.description


class StatusPeriod(AppendOnlyModel):
    """A row of status history: `status` from `valid_from` until `valid_until` (exclusive).

    Rows are only added. A later decision overrides earlier rows from its effective date
    on; `timeline_of` resolves them in the order they were recorded.
    """

    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        on_delete=models.PROTECT,
        related_name="status_periods",
    )
    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.PROTECT, related_name="periods"
    )
    status = models.CharField(_("status"), max_length=24, choices=Status.choices)
    valid_from = models.DateField(_("from"))
    valid_until = models.DateField(_("until (exclusive)"), null=True, blank=True)

    class Meta:
        verbose_name = _("status period")
        verbose_name_plural = _("status history")
        indexes = [models.Index(fields=["certificate", "decision"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gt=models.F("valid_from")),
                name="status_period_not_empty",
            )
        ]

    def __str__(self) -> str:
        return f"{self.certificate_id}: {self.status} {self.valid_from}–{self.valid_until or '…'}"


def timeline_of(
    periods: "models.QuerySet[StatusPeriod] | Sequence[StatusPeriod | PeriodRow]",
) -> list[Segment[Status]]:
    rows = sorted(periods, key=lambda p: (p.decision_id or 0, p.valid_from))
    decisions: dict[int, list[Segment[Status]]] = {}
    for row in rows:
        decisions.setdefault(row.decision_id or 0, []).append(
            Segment(Status(row.status), row.valid_from, row.valid_until)
        )
    return resolve(decisions[key] for key in sorted(decisions))


def showing_name_of(obj: models.Model) -> "models.QuerySet[Certificate] | None":
    """The certificates whose public answers show the name of `obj`: a holder, a mark, a
    subject or a programme (None for anything else). The read models that hold names
    (verification, search) write these again when `obj` is renamed."""
    if isinstance(obj, Organisation):
        return Certificate.objects.filter(holder=obj)
    if isinstance(obj, Scheme):
        return Certificate.objects.filter(programme__scheme=obj)
    if isinstance(obj, Subject):
        return Certificate.objects.filter(programme__subject=obj)
    if isinstance(obj, Programme):
        return Certificate.objects.filter(programme=obj)
    return None


def timelines_of(certificate_ids: Sequence[int]) -> dict[int, list[Segment[Status]]]:
    """The resolved timelines of these certificates, their status rows read in one query
    as plain values (the paths that resolve thousands at once: open data, search)."""
    periods: dict[int, list[PeriodRow]] = {pk: [] for pk in certificate_ids}
    rows = StatusPeriod.objects.filter(certificate_id__in=certificate_ids).values_list(
        "certificate_id", "decision_id", "status", "valid_from", "valid_until"
    )
    for certificate, decision, status, start, end in rows:
        periods[certificate].append(PeriodRow(start, end, status, decision_id=decision))
    return {pk: timeline_of(rows_of) for pk, rows_of in periods.items()}


class InvolvementRole(models.TextChoices):
    INSPECTOR = "inspector", _("inspector")
    EVALUATOR = "evaluator", _("evaluator")


class Involvement(AppendOnlyModel):
    """A person who inspected or evaluated a file, and so may never decide on it."""

    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        on_delete=models.PROTECT,
        related_name="involvements",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=12, choices=InvolvementRole.choices)
    since = models.DateTimeField(_("since"))

    class Meta:
        verbose_name = _("involvement in evaluation")
        verbose_name_plural = _("involvements in evaluation")

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()} – {self.certificate}"


class Assignment(AppendOnlyModel):
    """The file manager who looks after a file from `since` on; the latest one holds."""

    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    file_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("file manager"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    since = models.DateTimeField(_("since"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("assignment to a file manager")
        verbose_name_plural = _("assignments to a file manager")
        indexes = [models.Index(fields=["certificate", "-since"])]

    def __str__(self) -> str:
        return f"{self.certificate} – {self.file_manager}"


class NumberSequence(models.Model):
    """The last number handed out in a series (one series per certification system)."""

    name = models.CharField(_("series"), max_length=40, unique=True)
    last = models.PositiveBigIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("number series")
        verbose_name_plural = _("number series")

    def __str__(self) -> str:
        return f"{self.name}: {self.last}"


class LapseKind(models.TextChoices):
    SUSPENSION_ENDED = "suspension_ended", _("suspension ended")
    EXPIRED = "expired", _("certificate expired")


class Lapse(AppendOnlyModel):
    """A change of status that came by date alone, noted once when its day came.

    A suspension with an end date and an expiry are written into the status history by
    the decision that set them, so the registry answers correctly for any date without
    anyone acting. What the date does not do by itself is tell people: the daily run
    notes each lapse here (once: the constraint makes a second run a no-op) and journals
    it, so that file managers see what ended and when.
    """

    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        on_delete=models.PROTECT,
        related_name="lapses",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=LapseKind.choices)
    on = models.DateField(_("on"))
    noted_at = models.DateTimeField(_("noted at"))

    class Meta:
        verbose_name = _("change by date")
        verbose_name_plural = _("changes by date")
        constraints = [
            models.UniqueConstraint(fields=["certificate", "kind", "on"], name="lapse_once")
        ]

    def __str__(self) -> str:
        return f"{self.certificate} – {self.get_kind_display()} ({self.on})"
