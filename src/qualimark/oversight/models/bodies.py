"""Inspection bodies: who carries out the inspections of external oversight for us."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from qualimark.schemes.models import Programme


class InspectionBody(models.Model):
    """The certification body's own inspection service, or a body under contract.

    A contracted body may inspect for several certification bodies: `programmes` says for
    which of our programmes it inspects, not that the body is ours.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    is_certification_body = models.BooleanField(
        _("the certification body itself"),
        default=False,
        help_text=_("Ticked for our own inspectors; unticked for a body under contract."),
    )
    contract_reference = models.CharField(_("contract reference"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    inspectors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inspectors"),
        blank=True,
        related_name="inspection_bodies",
    )
    programmes = models.ManyToManyField(
        Programme,
        verbose_name=_("programmes inspected for us"),
        blank=True,
        related_name="inspection_bodies",
    )

    class Meta:
        verbose_name = _("inspection body")
        verbose_name_plural = _("inspection bodies")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name
