"""What an inspection report holds: findings, samples and their results, files, comments."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from qualimark.oversight.models.inspections import Inspection
from qualimark.records import AppendOnlyModel
from qualimark.schemes.models import DocumentVersion


class FindingKind(models.TextChoices):
    CONFORMITY = "conformity", _("conformity")
    REMARK = "remark", _("remark")
    MINOR = "minor", _("minor nonconformity")
    MAJOR = "major", _("major nonconformity")
    CRITICAL = "critical", _("critical nonconformity")


NONCONFORMITIES = frozenset({FindingKind.MINOR, FindingKind.MAJOR, FindingKind.CRITICAL})
# A repeated finding of one of these kinds may lead to a sanction.
SERIOUS = frozenset({FindingKind.MAJOR, FindingKind.CRITICAL})


class Finding(models.Model):
    """What the inspector found against one requirement of a reference document."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE, related_name="findings"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=FindingKind.choices)
    requirement = models.ForeignKey(
        DocumentVersion,
        verbose_name=_("reference document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The version of the PTV, TRA or BRS in force on the day of the visit."),
    )
    clause = models.CharField(_("clause"), max_length=40, blank=True)
    requirement_text = models.TextField(_("requirement"), blank=True)
    observation = models.TextField(_("observation"))

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ("inspection", "id")

    def __str__(self) -> str:
        where = f" {self.requirement} §{self.clause}" if self.requirement_id else ""
        return f"{self.get_kind_display()}{where}"

    @property
    def is_nonconformity(self) -> bool:
        return self.kind in NONCONFORMITIES


class Sample(models.Model):
    """A sample taken during the visit, sent to a laboratory."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE, related_name="samples"
    )
    reference = models.CharField(_("sample reference"), max_length=60)
    characteristics = models.CharField(_("characteristics to test"), max_length=300)
    laboratory = models.CharField(_("laboratory"), max_length=200)
    taken_on = models.DateField(_("taken on"))

    class Meta:
        verbose_name = _("sample")
        verbose_name_plural = _("samples")
        ordering = ("inspection", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "reference"], name="sample_reference_unique"
            )
        ]

    def __str__(self) -> str:
        return self.reference


class LabResult(models.Model):
    """The laboratory's answer on a sample; it often comes after the report was sent."""

    sample = models.OneToOneField(
        Sample, verbose_name=_("sample"), on_delete=models.CASCADE, related_name="result"
    )
    received_on = models.DateField(_("received on"))
    result = models.TextField(_("result"))
    conform = models.BooleanField(_("conform"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("laboratory result")
        verbose_name_plural = _("laboratory results")

    def __str__(self) -> str:
        return f"{self.sample}: {self.result}"


class Attachment(models.Model):
    inspection = models.ForeignKey(
        Inspection,
        verbose_name=_("inspection"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to="inspections/%Y/")
    description = models.CharField(_("description"), max_length=200)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added at"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ("inspection", "id")

    def __str__(self) -> str:
        return self.description


class Comment(AppendOnlyModel):
    """The holder's answer to a report, given within the comment window. Kept for good."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="comments"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("at"))
    text = models.TextField(_("comment"))

    class Meta:
        verbose_name = _("comment on a report")
        verbose_name_plural = _("comments on reports")
        ordering = ("inspection", "at", "id")

    def __str__(self) -> str:
        return f"{self.inspection} – {self.by} – {self.at:%Y-%m-%d %H:%M}"


class CommentAttachment(AppendOnlyModel):
    """A file the holder sent with its comment: a test report, a photo, a corrected register."""

    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to="comments/%Y/", max_length=255)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))

    class Meta:
        verbose_name = _("attachment of a comment")
        verbose_name_plural = _("attachments of comments")
        ordering = ("comment", "id")

    def __str__(self) -> str:
        return self.original_name
