"""Organisations, their production units, and the people who act for them."""

from collections.abc import Collection

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qualimark.parties.enterprise import clean_enterprise_number, format_enterprise_number


class Organisation(models.Model):
    """A company (holder or applicant), an inspection body or a certification body."""

    name = models.CharField(_("name"), max_length=200)
    trade_name = models.CharField(_("trade name"), max_length=200, blank=True)
    enterprise_number = models.CharField(
        _("enterprise number"),
        max_length=10,
        blank=True,
        help_text=_("Belgian enterprise number (KBO/BCE); empty for a foreign organisation."),
    )
    country = models.CharField(_("country"), max_length=2, default="BE")
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    is_inspection_body = models.BooleanField(_("inspection body"), default=False)
    is_certification_body = models.BooleanField(_("certification body"), default=False)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ("name",)
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise_number"],
                condition=~Q(enterprise_number=""),
                name="organisation_enterprise_number_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def enterprise_number_display(self) -> str:
        return format_enterprise_number(self.enterprise_number)

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        # The number is brought to its compact form before the field's length is checked,
        # so that people may type it as the KBO writes it (0403.170.701, BE 0403170701).
        if self.enterprise_number and not (exclude and "enterprise_number" in exclude):
            try:
                self.enterprise_number = clean_enterprise_number(self.enterprise_number)
            except ValidationError as error:
                raise ValidationError({"enterprise_number": error}) from None
        super().clean_fields(exclude=exclude)

    def clean(self) -> None:
        if not self.enterprise_number and self.country == "BE":
            raise ValidationError(
                {"enterprise_number": _("A Belgian organisation needs its enterprise number.")}
            )


class ProductionUnit(models.Model):
    """A plant or site of an organisation, where certified products are made."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="production_units",
    )
    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street and number"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=10)
    town = models.CharField(_("town"), max_length=100)
    country = models.CharField(_("country"), max_length=2, default="BE")

    class Meta:
        verbose_name = _("production unit")
        verbose_name_plural = _("production units")
        ordering = ("organisation", "name")

    def __str__(self) -> str:
        return f"{self.name}, {self.town}"


class Person(models.Model):
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ("last_name", "first_name")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class RoleKind(models.TextChoices):
    HOLDER_ADMINISTRATOR = "holder_admin", _("administrator (holder)")
    INVITED_USER = "invited_user", _("invited user (holder)")
    CONTACT = "contact", _("contact person")
    FILE_MANAGER = "file_manager", _("file manager")
    REVIEWER = "reviewer", _("reviewer")
    DECISION_MAKER = "decision_maker", _("decision maker")
    # The accreditation body's assessor, a committee member: reads files, decisions with
    # their evidence and the registers of the certification body; acts on nothing.
    AUDITOR = "auditor", _("auditor (reads only)")
    INSPECTOR = "inspector", _("inspector")


class Role(models.Model):
    """What a person does for an organisation."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="roles"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="roles"
    )
    kind = models.CharField(_("role"), max_length=20, choices=RoleKind.choices)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["person", "organisation", "kind"], name="role_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_kind_display()} – {self.organisation}"


class TieKind(models.TextChoices):
    FORMER_EMPLOYER = "former_employer", _("former employer")
    RELATIVE = "relative", _("a relative works there")
    SHAREHOLDING = "shareholding", _("shareholding")
    CONSULTANCY = "consultancy", _("consultancy or other paid work")
    OTHER = "other", _("other tie")


class Tie(models.Model):
    """A tie that a person of the certification body or an inspector declares to a holder.

    While it is in force (from `valid_from`, up to but not including `valid_until`) the
    person neither evaluates nor decides on the holder's files (ISO/IEC 17065 4.2). Ties
    are appended and ended, never deleted: the record of who was tied when stays.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="ties",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("holder"), on_delete=models.PROTECT, related_name="ties"
    )
    kind = models.CharField(_("kind of tie"), max_length=20, choices=TieKind.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    valid_from = models.DateField(_("from"))
    valid_until = models.DateField(_("until"), null=True, blank=True)
    declared_at = models.DateTimeField(_("declared at"))

    class Meta:
        verbose_name = _("declared tie")
        verbose_name_plural = _("declared ties")
        ordering = ("user", "organisation", "valid_from", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gt=models.F("valid_from")),
                name="tie_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_kind_display()} – {self.organisation}"
