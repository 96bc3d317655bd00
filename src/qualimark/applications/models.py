"""Online applications: the draft a holder fills in before a certification file exists.

A holder user prepares an application (programme, production unit, PTV version, contacts
and the documents the regulation asks for) as a draft; on submission the services open
the certification file through `certification.services.apply_for_certification` and link
it here. The status changes only through `services.py`.

Uploaded files live under MEDIA_ROOT/applications/ and are never served by a public URL:
the portal and the back-office serve them through views that check permissions.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from qualimark.certification.models import Certificate
from qualimark.i18n import in_language
from qualimark.parties.models import Organisation, ProductionUnit
from qualimark.schemes.models import DocumentVersion, Programme


class RequiredDocument(models.Model):
    """A document that the regulation of a programme asks an applicant to upload."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("certification programme"),
        on_delete=models.CASCADE,
        related_name="required_documents",
    )
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    mandatory = models.BooleanField(
        _("mandatory"), default=True, help_text=_("An application cannot be submitted without it.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        ordering = ("programme", "position", "id")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self, "name")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")


class Application(models.Model):
    """An application for certification, prepared online by a holder."""

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("certification programme"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    production_unit = models.ForeignKey(
        ProductionUnit,
        verbose_name=_("production unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
    )
    ptv_version = models.ForeignKey(
        DocumentVersion,
        verbose_name=_("PTV version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    certificate = models.OneToOneField(
        Certificate,
        verbose_name=_("certification file"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="online_application",
    )

    class Meta:
        verbose_name = _("online application")
        verbose_name_plural = _("online applications")
        ordering = ("-created_at", "-id")
        indexes = [
            # The portal lists an organisation's applications; the office's queue the
            # submitted ones, oldest first.
            models.Index(fields=["organisation", "status"], name="application_org_status"),
            models.Index(fields=["status", "submitted_at"], name="application_status_submitted"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_draft(self) -> bool:
        return self.status == ApplicationStatus.DRAFT


class ApplicationContact(models.Model):
    """A person the certification body may contact about the application."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("application contact")
        verbose_name_plural = _("application contacts")
        ordering = ("application", "id")

    def __str__(self) -> str:
        return self.name


class ApplicationUpload(models.Model):
    """A document uploaded with an application (kept under its original, sanitised name)."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="uploads",
    )
    requirement = models.ForeignKey(
        RequiredDocument,
        verbose_name=_("required document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="uploads",
        help_text=_("Empty for a document the applicant adds of its own accord."),
    )
    file = models.FileField(_("file"), upload_to="applications/%Y/", max_length=255)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"))
    content_type = models.CharField(_("content type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        verbose_name = _("uploaded document")
        verbose_name_plural = _("uploaded documents")
        ordering = ("application", "uploaded_at", "id")

    def __str__(self) -> str:
        return self.original_name
