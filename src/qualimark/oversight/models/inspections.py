"""An inspection of external oversight: planned, carried out, reported on, evaluated."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from qualimark.certification.models import Certificate
from qualimark.oversight.lifecycle import InspectionStatus
from qualimark.oversight.models.bodies import InspectionBody
from qualimark.schemes.models import Kind


class Inspection(models.Model):
    """One visit of an inspector to a holder, and the report that comes out of it.

    Product files are inspected at the certificate's production unit; execution files on
    the site where the work is done, named here with its project. The status changes only
    through the services (see `lifecycle.py`).
    """

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    body = models.ForeignKey(
        InspectionBody,
        verbose_name=_("inspection body"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inspector"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    planned_on = models.DateField(_("planned on"))
    unannounced = models.BooleanField(_("unannounced"), default=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=InspectionStatus.choices,
        default=InspectionStatus.PLANNED,
    )
    visited_on = models.DateField(_("visited on"), null=True, blank=True)
    site_street = models.CharField(_("site: street and number"), max_length=200, blank=True)
    site_postal_code = models.CharField(_("site: postal code"), max_length=10, blank=True)
    site_town = models.CharField(_("site: town"), max_length=100, blank=True)
    project_name = models.CharField(_("project"), max_length=200, blank=True)
    report_summary = models.TextField(_("report summary"), blank=True)
    report_sent_at = models.DateTimeField(_("report sent at"), null=True, blank=True)
    comment_deadline = models.DateField(
        _("deadline for comments"),
        null=True,
        blank=True,
        help_text=_("The last day on which the holder may comment (5 working days)."),
    )
    cancellation_reason = models.TextField(_("reason for cancellation"), blank=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ("-planned_on", "-id")
        indexes = [
            models.Index(fields=["certificate", "status"]),
            models.Index(fields=["status", "comment_deadline"]),
        ]

    def __str__(self) -> str:
        return gettext("Inspection %(reference)s") % {"reference": self.reference}

    @property
    def on_site(self) -> bool:
        """An execution file is inspected on site, a product file at its production unit."""
        return self.certificate.programme.scheme.kind == Kind.EXECUTION

    @property
    def location(self) -> str:
        if not self.on_site:
            unit = self.certificate.production_unit
            return f"{unit.name}, {unit.street}, {unit.postal_code} {unit.town}" if unit else ""
        place = f"{self.site_street}, {self.site_postal_code} {self.site_town}"
        return f"{self.project_name} – {place}"

    def comment_window_open(self, today: date) -> bool:
        return (
            self.status == InspectionStatus.REPORT_SENT
            and self.comment_deadline is not None
            and today <= self.comment_deadline
        )
