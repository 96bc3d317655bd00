"""The change feed: one row for every change of what the public registry says.

A row is appended in the transaction of the change itself, by the domain service that makes
it; its id is the feed's sequence number. The read side (the search index, later the
verification model, open data and alerts) is kept from these rows by the projectors named
in settings (`feed.services`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from qualimark.records import AppendOnlyModel


class Change(AppendOnlyModel):
    id = models.BigAutoField(primary_key=True, verbose_name=_("sequence number"))
    recorded_at = models.DateTimeField(_("recorded at"))
    kind = models.CharField(_("kind"), max_length=60)  # "certificate.decision", …
    object_type = models.CharField(_("object type"), max_length=60)  # "certification.certificate"
    object_id = models.BigIntegerField(_("object id"))
    # The public codes the change concerns (certificate numbers, quick codes, lot codes).
    codes = models.JSONField(_("public codes"), default=list)
    data = models.JSONField(_("what changed"), default=dict)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind}"


class Cursor(models.Model):
    """How far a projector that may lag has read the feed (open data, alerts)."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    position = models.BigIntegerField(_("last sequence number read"), default=0)
    moved_at = models.DateTimeField(_("moved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("feed cursor")
        verbose_name_plural = _("feed cursors")

    def __str__(self) -> str:
        return f"{self.name}: {self.position}"
