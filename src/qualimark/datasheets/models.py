"""Technical datasheets: what makes one specific product certified."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from qualimark.certification.models import Certificate
from qualimark.certification.timeline import PeriodRow, Segment, resolve, segment_on
from qualimark.records import AppendOnlyModel


class DatasheetStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    WITHDRAWN = "withdrawn", _("withdrawn")
    SUPERSEDED = "superseded", _("superseded")


@dataclass(frozen=True)
class DatasheetState:
    """What a datasheet was on a day: its status, the version in force, its replacement."""

    status: DatasheetStatus
    version_id: int | None = None
    superseded_by_id: int | None = None


class Datasheet(models.Model):
    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        on_delete=models.PROTECT,
        related_name="datasheets",
    )
    quick_code = models.CharField(_("quick code"), max_length=12, unique=True)
    quick_code_legacy = models.BooleanField(
        _("legacy quick code"),
        default=False,
        help_text=_("Brought over from an earlier registry: no check digit is demanded."),
    )
    product_name = models.CharField(_("product"), max_length=200)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("technical datasheet")
        verbose_name_plural = _("technical datasheets")
        ordering = ("quick_code",)

    def __str__(self) -> str:
        return f"{self.quick_code} {self.product_name}"

    def forget_history(self) -> None:
        """Drop the history read so far (cached or prefetched): a decision has added to it."""
        self.__dict__.pop("timeline", None)
        getattr(self, "_prefetched_objects_cache", {}).pop("status_periods", None)

    @cached_property
    def timeline(self) -> list[Segment[DatasheetState]]:
        return timeline_of(self.status_periods.all())

    def state_on(self, day: date) -> DatasheetState:
        segment = segment_on(self.timeline, day)
        return segment.status if segment else DatasheetState(DatasheetStatus.DRAFT)


class DatasheetVersion(models.Model):
    """One version of a datasheet: trade name and declared characteristics.

    A version is written once; a change is a new version, which on publication
    supersedes the one before while the datasheet keeps its quick code.
    """

    datasheet = models.ForeignKey(
        Datasheet, verbose_name=_("datasheet"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    trade_name = models.CharField(_("trade name"), max_length=200)
    characteristics = models.JSONField(
        _("declared characteristics"), default=list, encoder=DjangoJSONEncoder
    )
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("datasheet version")
        verbose_name_plural = _("datasheet versions")
        ordering = ("datasheet", "number")
        constraints = [
            models.UniqueConstraint(fields=["datasheet", "number"], name="datasheet_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.datasheet.quick_code} v{self.number}"


class DatasheetStatusPeriod(AppendOnlyModel):
    """A row of a datasheet's history, resolved like a certificate's (see `timeline`)."""

    datasheet = models.ForeignKey(
        Datasheet,
        verbose_name=_("datasheet"),
        on_delete=models.PROTECT,
        related_name="status_periods",
    )
    status = models.CharField(_("status"), max_length=12, choices=DatasheetStatus.choices)
    version = models.ForeignKey(
        DatasheetVersion,
        verbose_name=_("version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    superseded_by = models.ForeignKey(
        Datasheet,
        verbose_name=_("superseded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    valid_from = models.DateField(_("from"))
    valid_until = models.DateField(_("until (exclusive)"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("datasheet status period")
        verbose_name_plural = _("datasheet status history")
        indexes = [models.Index(fields=["datasheet", "id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gt=models.F("valid_from")),
                name="datasheet_status_period_not_empty",
            )
        ]

    def __str__(self) -> str:
        return f"{self.datasheet_id}: {self.status} from {self.valid_from}"


def timeline_of(
    periods: "models.QuerySet[DatasheetStatusPeriod] | Sequence[DatasheetStatusPeriod | PeriodRow]",
) -> list[Segment[DatasheetState]]:
    # Each row is one decision on the datasheet; the id gives the order they were recorded.
    rows = sorted(periods, key=lambda p: p.pk)
    return resolve(
        [
            Segment(
                DatasheetState(DatasheetStatus(row.status), row.version_id, row.superseded_by_id),
                row.valid_from,
                row.valid_until,
            )
        ]
        for row in rows
    )


def timelines_of(datasheet_ids: Sequence[int]) -> dict[int, list[Segment[DatasheetState]]]:
    """The resolved timelines of these datasheets, their status rows read in one query as
    plain values (the paths that resolve thousands at once: open data, search)."""
    periods: dict[int, list[PeriodRow]] = {pk: [] for pk in datasheet_ids}
    rows = DatasheetStatusPeriod.objects.filter(datasheet_id__in=datasheet_ids).values_list(
        "id",
        "datasheet_id",
        "status",
        "version_id",
        "superseded_by_id",
        "valid_from",
        "valid_until",
    )
    for pk, datasheet, status, version, replacement, start, end in rows:
        periods[datasheet].append(
            PeriodRow(start, end, status, pk=pk, version_id=version, superseded_by_id=replacement)
        )
    return {pk: timeline_of(rows_of) for pk, rows_of in periods.items()}


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    PUBLISHED = "published", _("published")
    SENT_BACK = "sent_back", _("sent back")


class DatasheetProposal(models.Model):
    """A holder's proposal of a new datasheet, or of a new version of one, for review.

    The certification body publishes it (through the datasheet services) or sends it back
    with a reason; its status changes only through `proposals.py`.
    """

    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        on_delete=models.PROTECT,
        related_name="datasheet_proposals",
    )
    datasheet = models.ForeignKey(
        Datasheet,
        verbose_name=_("datasheet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        help_text=_("Empty for a proposal of a new datasheet."),
    )
    product_name = models.CharField(_("product"), max_length=200)
    trade_name = models.CharField(_("trade name"), max_length=200)
    characteristics = models.JSONField(
        _("declared characteristics"), default=list, encoder=DjangoJSONEncoder
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PROPOSED,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed at"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    published_version = models.ForeignKey(
        DatasheetVersion,
        verbose_name=_("published version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("datasheet proposal")
        verbose_name_plural = _("datasheet proposals")
        ordering = ("-proposed_at", "-id")
        indexes = [
            # The office's queue: open proposals, oldest first; the portal: a file's proposals.
            models.Index(fields=["status", "proposed_at"], name="proposal_status_proposed"),
            models.Index(fields=["certificate", "status"], name="proposal_certificate_status"),
        ]

    def __str__(self) -> str:
        subject = self.datasheet.quick_code if self.datasheet else self.certificate.number
        return f"{subject}: {self.trade_name}"

    @property
    def is_new_datasheet(self) -> bool:
        return self.datasheet_id is None
