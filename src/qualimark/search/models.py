"""The search index: one denormalised row per public certificate, datasheet and holder.

The rows are derived data, rebuilt at will from the registry (`qualimark reindex`); the
registry's own tables stay the only source of truth. Filters are plain indexed columns;
the text goes to the database's full-text index:

- on SQLite, an FTS5 table `search_searchentry_fts` whose content is the `text` column
  of this table (external content), kept in step by triggers (see the migration);
- on PostgreSQL, the `document` column, a tsvector that a trigger computes from `text`
  with the `simple` configuration, under a GIN index.

Either way Python only writes `text`; the database keeps its index current in the same
transaction.
"""

from typing import Any

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.translation import gettext_lazy as _

from qualimark.certification.models import Certificate
from qualimark.datasheets.models import Datasheet
from qualimark.parties.models import Organisation


class EntryKind(models.TextChoices):
    # The same values as qualimark.registry.search.ResultKind.
    CERTIFICATE = "certificates", _("certificate")
    DATASHEET = "datasheets", _("datasheet")
    HOLDER = "holders", _("holder")


class SearchEntry(models.Model):
    kind = models.CharField(_("kind"), max_length=12, choices=EntryKind.choices)
    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
    )
    datasheet = models.ForeignKey(
        Datasheet,
        verbose_name=_("datasheet"),
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
    )
    holder = models.ForeignKey(
        Organisation, verbose_name=_("holder"), on_delete=models.CASCADE, related_name="+"
    )
    # Filter columns, in the form the query compares them (see `search.engine`).
    scheme_code = models.CharField(_("certification system"), max_length=20, blank=True)
    subject_code = models.CharField(_("subject"), max_length=60, blank=True)
    holder_number = models.CharField(_("enterprise number"), max_length=10, blank=True)
    unit_town = models.CharField(_("town of the production unit"), max_length=100, blank=True)
    unit_postal_code = models.CharField(
        _("postal code of the production unit"), max_length=10, blank=True
    )
    # Sort keys.
    sort_name = models.CharField(_("name"), max_length=200, blank=True)
    sort_number = models.CharField(_("number or code"), max_length=40, blank=True)
    sort_date = models.DateField(_("public since"), null=True)
    # Today's statuses, kept so that filters never resolve a history (`search.statuses`):
    # the certificate's status, the datasheet's own status (datasheet entries) and whether
    # the certificate (or the datasheet) is valid. They hold until `statuses_until`, the
    # first day a change by date alone alters one of them (9999-12-31: none is planned);
    # null: not computed yet. A query for today reads an entry past it from the history.
    # Nullable, so that adding them leaves the table (and the full-text triggers on it) as
    # it is: SQLite adds a column with a default only by rebuilding the table.
    status = models.CharField(_("status of the certificate"), max_length=24, null=True)  # noqa: DJ001
    datasheet_status = models.CharField(  # noqa: DJ001
        _("status of the datasheet"), max_length=12, null=True
    )
    valid = models.BooleanField(_("valid"), null=True)
    statuses_until = models.DateField(_("statuses hold until"), null=True)
    text = models.TextField(_("indexed text"))
    # PostgreSQL only (filled by a trigger); an unused empty column on SQLite.
    document = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        indexes = [
            models.Index(fields=["kind", "sort_name"], name="search_kind_name"),
            models.Index(fields=["kind", "sort_number"], name="search_kind_number"),
            models.Index(fields=["kind", "sort_date"], name="search_kind_date"),
            models.Index(fields=["kind", "scheme_code"], name="search_kind_scheme"),
            models.Index(fields=["kind", "subject_code"], name="search_kind_subject"),
            models.Index(fields=["kind", "holder_number"], name="search_holder_number"),
            models.Index(fields=["kind", "unit_town"], name="search_unit_town"),
            models.Index(fields=["kind", "unit_postal_code"], name="search_unit_postal_code"),
            models.Index(fields=["kind", "holder"], name="search_kind_holder"),
            models.Index(fields=["kind", "status"], name="search_kind_status"),
            models.Index(fields=["statuses_until"], name="search_statuses_until"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate"],
                condition=models.Q(kind="certificates"),
                name="search_one_entry_per_certificate",
            ),
            models.UniqueConstraint(
                fields=["datasheet"],
                condition=models.Q(kind="datasheets"),
                name="search_one_entry_per_datasheet",
            ),
            models.UniqueConstraint(
                fields=["holder"],
                condition=models.Q(kind="holders"),
                name="search_one_entry_per_holder",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.sort_number} {self.sort_name}"


class Match(models.Lookup[str]):
    """`column MATCH 'query'`: an FTS5 full-text match restricted to that column."""

    lookup_name = "match"

    def as_sql(self, compiler: Any, connection: BaseDatabaseWrapper) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class FullTextField(models.TextField):  # type: ignore[type-arg]
    """The text column of the FTS5 table: it answers the `match` lookup."""


FullTextField.register_lookup(Match)


class SearchText(models.Model):
    """The SQLite FTS5 table, seen from Django so that queries can join and rank on it.

    Not managed: the migration creates it (on SQLite only) as a virtual table. `rank` is
    FTS5's hidden column: the BM25 score of the row for the MATCH of the same query.
    """

    entry = models.OneToOneField(
        SearchEntry,
        on_delete=models.DO_NOTHING,
        primary_key=True,
        db_column="rowid",
        related_name="fts",
    )
    text = FullTextField()
    rank = models.FloatField()

    class Meta:
        managed = False
        db_table = "search_searchentry_fts"

    def __str__(self) -> str:
        return str(self.text)
