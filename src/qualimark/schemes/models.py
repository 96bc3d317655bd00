"""Quality marks, what they certify, and the reference documents that set the rules."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qualimark.i18n import in_language
from qualimark.parties.models import Person


class Kind(models.TextChoices):
    PRODUCT = "product", _("product certification")
    EXECUTION = "execution", _("execution certification")


class Scheme(models.Model):
    """A quality mark / certification system such as BENOR, COPRO, ATG or COPRO.EXE."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    owner = models.CharField(
        _("owner"), max_length=200, help_text=_("Who holds the mark, e.g. NBN for BENOR.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    validity_years = models.PositiveSmallIntegerField(
        _("validity in years"),
        null=True,
        blank=True,
        help_text=_("Certificates of this mark expire after this many years (3 for ATG)."),
    )
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)

    class Meta:
        verbose_name = _("certification system")
        verbose_name_plural = _("certification systems")
        ordering = ("code",)

    def __str__(self) -> str:
        return self.code

    @property
    def description(self) -> str:
        return in_language(self, "description")


class Subject(models.Model):
    """What is certified: a product ("geotextiles") or an execution type."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_de = models.CharField(_("name (German)"), max_length=200, blank=True)
    committee_nl = models.CharField(_("committee (Dutch)"), max_length=200, blank=True)
    committee_fr = models.CharField(_("committee (French)"), max_length=200, blank=True)
    committee_en = models.CharField(_("committee (English)"), max_length=200, blank=True)
    team = models.ManyToManyField(
        Person,
        verbose_name=_("team"),
        blank=True,
        related_name="subjects",
        help_text=_("The certification body's contact persons for this subject."),
    )

    class Meta:
        verbose_name = _("certification subject")
        verbose_name_plural = _("certification subjects")
        ordering = ("code",)

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self, "name")

    @property
    def committee(self) -> str:
        """The Advisory Board, Sectoral Committee or Advisory Council that writes its rules."""
        return in_language(self, "committee")


class Region(models.TextChoices):
    FLANDERS = "VL", _("Flanders")
    WALLONIA = "WA", _("Wallonia")
    BRUSSELS = "BR", _("Brussels")


class Prescription(models.Model):
    """A standard specification that prescribes certification of a subject, where known.

    For example the Flemish Standard Specifications 250 prescribe execution certification
    for some executions since version 4.1.
    """

    subject = models.ForeignKey(
        Subject, verbose_name=_("subject"), on_delete=models.CASCADE, related_name="prescriptions"
    )
    specification = models.CharField(
        _("standard specification"), max_length=200, help_text=_("e.g. Standaardbestek 250")
    )
    region = models.CharField(_("region"), max_length=2, choices=Region.choices)
    since_version = models.CharField(_("since version"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("prescription in a standard specification")
        verbose_name_plural = _("prescriptions in standard specifications")
        ordering = ("subject", "region", "specification")

    def __str__(self) -> str:
        since = f" ({self.since_version})" if self.since_version else ""
        return f"{self.specification}{since}"


class DocumentKind(models.TextChoices):
    PTV = "PTV", _("Technical Prescription (PTV)")
    TRA = "TRA", _("Application Regulation (TRA)")
    BRS = "BRS", _("Special Regulation (BRS)")
    GUIDELINE = "GUIDELINE", _("approval guideline")


REGULATION_KINDS = (DocumentKind.TRA, DocumentKind.BRS)


class ReferenceDocument(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=DocumentKind.choices)
    number = models.CharField(_("number"), max_length=20, help_text=_("e.g. 829 for PTV 829"))
    title_nl = models.CharField(_("title (Dutch)"), max_length=300)
    title_fr = models.CharField(_("title (French)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    title_de = models.CharField(_("title (German)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("reference document")
        verbose_name_plural = _("reference documents")
        ordering = ("kind", "number")
        constraints = [
            models.UniqueConstraint(fields=["kind", "number"], name="document_kind_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.number}"

    @property
    def title(self) -> str:
        return in_language(self, "title")

    def version_on(self, day: date) -> "DocumentVersion | None":
        return (
            self.versions.filter(valid_from__lte=day)
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
            .first()
        )


class DocumentVersion(models.Model):
    """One numbered version of a reference document, valid over a period (both ends inclusive)."""

    document = models.ForeignKey(
        ReferenceDocument,
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    label = models.CharField(_("version"), max_length=20, help_text=_("e.g. 2021.2"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Last day of validity; empty: open.")
    )
    inspections_min_per_year = models.PositiveSmallIntegerField(
        _("minimum inspections per year"), null=True, blank=True
    )
    inspections_max_per_year = models.PositiveSmallIntegerField(
        _("maximum inspections per year"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ("document", "-valid_from")
        constraints = [
            models.UniqueConstraint(fields=["document", "label"], name="document_version_unique"),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="document_version_period_not_inverted",
            ),
            models.CheckConstraint(
                condition=Q(inspections_max_per_year__isnull=True)
                | Q(inspections_min_per_year__isnull=True)
                | Q(inspections_max_per_year__gte=models.F("inspections_min_per_year")),
                name="document_version_frequency_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} {self.label}"

    def overlaps(self, other: "DocumentVersion") -> bool:
        return (other.valid_until is None or self.valid_from <= other.valid_until) and (
            self.valid_until is None or other.valid_from <= self.valid_until
        )

    def clean(self) -> None:
        if self.valid_from is None:
            return  # the field's own validation has already said that the start is missing
        errors: dict[str, list[str]] = {}
        if self.valid_until is not None and self.valid_until < self.valid_from:
            errors.setdefault("valid_until", []).append(
                str(_("The end of the validity period comes before its start."))
            )
        low, high = self.inspections_min_per_year, self.inspections_max_per_year
        if low is not None and high is not None and high < low:
            errors.setdefault("inspections_max_per_year", []).append(
                str(_("The maximum number of inspections is below the minimum."))
            )
        has_frequency = low is not None or high is not None
        if has_frequency and self.document_id and self.document.kind not in REGULATION_KINDS:
            errors.setdefault("inspections_min_per_year", []).append(
                str(_("Only a regulation (TRA or BRS) sets an inspection frequency."))
            )
        if errors:
            raise ValidationError(errors)
        if self.document_id:
            siblings = DocumentVersion.objects.filter(document_id=self.document_id)
            for other in siblings.exclude(pk=self.pk):
                if self.overlaps(other):
                    raise ValidationError(
                        {
                            "valid_from": _(
                                "This period overlaps version %(label)s (%(start)s – %(end)s)."
                            )
                            % {
                                "label": other.label,
                                "start": other.valid_from.isoformat(),
                                "end": other.valid_until.isoformat() if other.valid_until else "…",
                            }
                        }
                    )


class DocumentFile(models.Model):
    """The text of a document version in one language."""

    version = models.ForeignKey(
        DocumentVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="files"
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=[
            ("nl", _("Dutch")),
            ("fr", _("French")),
            ("en", _("English")),
            ("de", _("German")),
        ],
    )
    file = models.FileField(_("file"), upload_to="documents/%Y/")

    class Meta:
        verbose_name = _("document file")
        verbose_name_plural = _("document files")
        constraints = [
            models.UniqueConstraint(fields=["version", "language"], name="document_file_language")
        ]

    def __str__(self) -> str:
        return f"{self.version} ({self.language})"


class Programme(models.Model):
    """A subject certified under a mark, with the documents whose versions apply to it."""

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("certification system"), on_delete=models.PROTECT
    )
    subject = models.ForeignKey(
        Subject, verbose_name=_("subject"), on_delete=models.PROTECT, related_name="programmes"
    )
    documents = models.ManyToManyField(
        ReferenceDocument, verbose_name=_("reference documents"), related_name="programmes"
    )

    class Meta:
        verbose_name = _("certification programme")
        verbose_name_plural = _("certification programmes")
        ordering = ("scheme", "subject")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "subject"], name="programme_unique")
        ]

    def __str__(self) -> str:
        return f"{self.scheme} – {self.subject}"

    def clean(self) -> None:
        if self.scheme_id and self.subject_id and self.scheme.kind != self.subject.kind:
            raise ValidationError(
                _("A %(scheme)s mark cannot certify a %(subject)s subject.")
                % {
                    "scheme": self.scheme.get_kind_display(),
                    "subject": self.subject.get_kind_display(),
                }
            )

    def versions_on(self, day: date) -> list[DocumentVersion]:
        """The version of each of the programme's documents that is in force on `day`."""
        return list(
            DocumentVersion.objects.filter(document__programmes=self, valid_from__lte=day)
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
            .select_related("document")
            .order_by("document__kind", "document__number")
        )

    def inspection_frequency_on(self, day: date) -> tuple[int, int] | None:
        """(minimum, maximum) inspections per year set by the regulation in force on `day`."""
        for version in self.versions_on(day):
            if version.inspections_min_per_year is not None:
                high = version.inspections_max_per_year or version.inspections_min_per_year
                return version.inspections_min_per_year, high
        return None
