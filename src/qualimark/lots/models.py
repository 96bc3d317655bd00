"""Lot (batch) inspections: a one-off inspection of a whole lot of a product without certificate.

Anyone may request one (by web form or through the certification body's staff). An
inspector inspects the lot against an inspection document and stamps it with a lot
number. If it conforms, the body issues a conformity document that names product,
quantity and lot, with a public lot code (see `codes.py`), and the lot may carry the
mark; if not, the requester gets a refusal that lists the failed characteristics, and
the refusal has no public code. The status of a request changes only through the
services in `services.py`.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from qualimark.lots import codes
from qualimark.lots.lifecycle import LotStatus
from qualimark.parties.models import Organisation
from qualimark.records import AppendOnlyModel
from qualimark.schemes.models import DocumentVersion, Scheme, Subject


class QuantityUnit(models.TextChoices):
    SQUARE_METRES = "m2", "m²"
    METRES = "m", "m"
    CUBIC_METRES = "m3", "m³"
    TONNES = "t", "t"
    KILOGRAMS = "kg", "kg"
    PIECES = "pieces", _("pieces")
    ROLLS = "rolls", _("rolls")
    PALLETS = "pallets", _("pallets")


class InspectionDocumentKind(models.TextChoices):
    STANDARD = "standard", _("standard")
    PTV = "ptv", _("Technical Prescription (PTV)")
    SPECIAL_SPECIFICATION = "special_specification", _("special specification")
    WRITTEN_AGREEMENT = "written_agreement", _("written agreement")


class ContactRole(models.TextChoices):
    INSPECTION_SITE = "inspection_site", _("inspection site")
    CONSTRUCTION_SITE = "construction_site", _("construction site")
    PRODUCER = "producer", _("producer")
    CLIENT = "client", _("client")
    CONTRACTOR = "contractor", _("contractor")


def format_quantity(quantity: Decimal, unit: str) -> str:
    """1200 m², 12.5 t, 40 rolls: the quantity in the current language's number format."""
    # The stored precision (1200.000) says nothing about the lot: its trailing zeros go.
    integral = quantity == quantity.to_integral_value()
    value = quantity.quantize(Decimal(1)) if integral else quantity.normalize()
    return f"{number_format(value)} {QuantityUnit(unit).label}"


def cite_document(kind_code: str, reference: str, version: str | None) -> str:
    """The document a lot was inspected against, as people cite it ("" for none)."""
    if not kind_code:
        return ""
    kind = InspectionDocumentKind(kind_code)
    text = reference or str(kind.label)
    # "PTV 829" says what it is; "NBN EN 13249" is told to be a standard.
    names_itself = kind == InspectionDocumentKind.PTV and text.upper().startswith("PTV")
    if reference and not names_itself:
        text += f" ({kind.label})"
    if version is not None:
        text += ", " + gettext("version %(label)s") % {"label": version}
    return text


class LotInspectionRequest(models.Model):
    """A request for the inspection of one lot, and the inspection that answers it."""

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    requested_on = models.DateField(_("requested on"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for a request sent through the public web form."),
    )
    requester_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("requesting organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lot_requests",
    )
    requester_name = models.CharField(_("requester's name"), max_length=200, blank=True)
    requester_email = models.EmailField(_("requester's e-mail address"), blank=True)
    scheme = models.ForeignKey(
        Scheme,
        verbose_name=_("mark requested"),
        on_delete=models.PROTECT,
        related_name="lot_requests",
    )
    subject = models.ForeignKey(
        Subject,
        verbose_name=_("product type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lot_requests",
    )
    product = models.CharField(_("product"), max_length=200)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3)
    unit = models.CharField(_("unit"), max_length=10, choices=QuantityUnit.choices)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    town = models.CharField(_("town"), max_length=100)
    status = models.CharField(
        _("status"), max_length=20, choices=LotStatus.choices, default=LotStatus.REQUESTED
    )
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inspector"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    planned_on = models.DateField(_("inspection planned on"), null=True, blank=True)
    inspected_on = models.DateField(_("inspected on"), null=True, blank=True)
    lot_identification = models.CharField(
        _("lot identification"),
        max_length=100,
        blank=True,
        help_text=_("The lot number stamped on the lot at the inspection."),
    )
    document_kind = models.CharField(
        _("kind of inspection document"),
        max_length=24,
        choices=InspectionDocumentKind.choices,
        blank=True,
    )
    document_reference = models.CharField(
        _("inspection document"),
        max_length=200,
        blank=True,
        help_text=_("e.g. PTV 829, NBN EN 13249 or the reference of the written agreement."),
    )
    document_version = models.ForeignKey(
        DocumentVersion,
        verbose_name=_("version of the reference document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("lot inspection request")
        verbose_name_plural = _("lot inspection requests")
        ordering = ("-requested_on", "-reference")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="lot_quantity_positive")
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def requester(self) -> str:
        """Who asked: the organisation, else the person."""
        if self.requester_organisation is not None:
            return self.requester_organisation.name
        return self.requester_name

    @property
    def quantity_text(self) -> str:
        return format_quantity(self.quantity, self.unit)

    @property
    def location(self) -> str:
        town = " ".join(part for part in (self.postal_code, self.town) if part)
        return ", ".join(part for part in (self.street, town) if part)

    @property
    def inspection_document(self) -> str:
        """The document the lot was inspected against, as people cite it."""
        version = self.document_version
        return cite_document(
            self.document_kind, self.document_reference, version.label if version else None
        )


class LotContact(models.Model):
    """A person to contact about the lot, with the part they play (site, producer, client…)."""

    request = models.ForeignKey(
        LotInspectionRequest,
        verbose_name=_("lot inspection request"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    role = models.CharField(_("role"), max_length=20, choices=ContactRole.choices)
    name = models.CharField(_("name"), max_length=200)
    company = models.CharField(_("company"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ("request", "role", "name")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class LotConformityDocument(AppendOnlyModel):
    """The document that a lot conforms: product, quantity and lot, under a public lot code.

    It states what was inspected once and for all, so it keeps its own copy of product,
    quantity and lot identification and is never changed.
    """

    code = models.CharField(_("lot code"), max_length=12, unique=True)
    request = models.OneToOneField(
        LotInspectionRequest,
        verbose_name=_("lot inspection request"),
        on_delete=models.PROTECT,
        related_name="conformity_document",
    )
    product = models.CharField(_("product"), max_length=200)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3)
    unit = models.CharField(_("unit"), max_length=10, choices=QuantityUnit.choices)
    lot_identification = models.CharField(_("lot identification"), max_length=100)
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"))

    class Meta:
        verbose_name = _("lot conformity document")
        verbose_name_plural = _("lot conformity documents")
        ordering = ("-issued_on", "code")

    def __str__(self) -> str:
        return self.formatted_code

    @property
    def formatted_code(self) -> str:
        return codes.format_code(self.code)

    @property
    def quantity_text(self) -> str:
        return format_quantity(self.quantity, self.unit)


class LotRefusal(AppendOnlyModel):
    """The refusal of a lot that failed its inspection. It has no public code."""

    request = models.OneToOneField(
        LotInspectionRequest,
        verbose_name=_("lot inspection request"),
        on_delete=models.PROTECT,
        related_name="refusal",
    )
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"))

    class Meta:
        verbose_name = _("lot refusal")
        verbose_name_plural = _("lot refusals")
        ordering = ("-issued_on",)

    def __str__(self) -> str:
        return gettext("Refusal of %(reference)s") % {"reference": self.request.reference}


class FailedCharacteristic(AppendOnlyModel):
    """A characteristic of a refused lot that did not meet its requirement."""

    refusal = models.ForeignKey(
        LotRefusal,
        verbose_name=_("lot refusal"),
        on_delete=models.PROTECT,
        related_name="failed_characteristics",
    )
    characteristic = models.CharField(_("characteristic"), max_length=200)
    requirement = models.CharField(_("requirement"), max_length=200)
    measured_value = models.CharField(_("measured value"), max_length=200)

    class Meta:
        verbose_name = _("failed characteristic")
        verbose_name_plural = _("failed characteristics")
        ordering = ("refusal", "id")

    def __str__(self) -> str:
        return f"{self.characteristic}: {self.measured_value} ({self.requirement})"
