"""Reading the search index: filters as indexed columns, text by the database's own engine.

`Matches` holds the entries of one kind that satisfy every criterion, with the text
matched by SQLite FTS5 or PostgreSQL full-text search (never a LIKE scan); it counts
them and gives the ids of one page in the order asked. The caller loads that page only.

Ranking: sorting by relevance ranks every matched row before the page is cut, as any
"best first" order must. FTS5 computes BM25 inside its index scan, cheaply. On
PostgreSQL `ts_rank` reads the tsvector of each matched row: fine for the thousands of
rows a registry query matches, but for a query that matches hundreds of thousands (a
two-letter prefix on a national registry) the fix is to rank only the first N matches
by a cheap key, or an index that ranks (RUM) — never ranking in Python.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.postgres.search import SearchQuery as PostgresQuery
from django.contrib.postgres.search import SearchRank
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Exists, F, OrderBy, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.expressions import Combinable
from django.db.models.functions import Collate

from qualimark.certification.models import StatusPeriod
from qualimark.parties.enterprise import clean_enterprise_number
from qualimark.search import text
from qualimark.search.models import EntryKind, SearchEntry, SearchText

RELEVANCE, NAME, NUMBER, NEWEST = "relevance", "name", "number", "newest"


@dataclass(frozen=True)
class Criteria:
    kind: str
    day: date
    text: str = ""
    scheme: str | None = None
    subject: str | None = None
    holder: str | None = None
    unit: str | None = None
    status: str | None = None


def status_on(day: date, certificate: str = "certificate_id") -> Subquery:
    """The status on `day` of the certificate in column `certificate` of the outer query.

    Decisions on one file take effect in non-decreasing order and each covers
    [effective, ∞) with its rows, so the status on `day` is that of the row covering
    `day` from the latest decision (the highest id): what `timeline_of` resolves.
    """
    return Subquery(
        StatusPeriod.objects.filter(certificate_id=OuterRef(certificate), valid_from__lte=day)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gt=day))
        .order_by("-decision_id")
        .values("status")[:1]
    )


def compact_enterprise_number(value: str) -> str:
    """The compact form of a typed enterprise number; digits only if it is not a valid one."""
    try:
        return clean_enterprise_number(value)
    except ValidationError:
        return "".join(c for c in value if c.isdigit())


def _certificate_filters(
    entries: "QuerySet[SearchEntry]", criteria: Criteria
) -> "QuerySet[SearchEntry]":
    if criteria.scheme:
        entries = entries.filter(scheme_code=criteria.scheme.strip().upper())
    if criteria.subject:
        entries = entries.filter(subject_code=criteria.subject.strip().lower())
    if criteria.unit:
        unit = criteria.unit.strip()
        entries = entries.filter(Q(unit_postal_code=unit) | Q(unit_town=text.normalise(unit)))
    if criteria.status:
        entries = entries.alias(status_on_day=status_on(criteria.day)).filter(
            status_on_day=criteria.status
        )
    return entries


def _has_certificate_filters(criteria: Criteria) -> bool:
    return any((criteria.scheme, criteria.subject, criteria.unit, criteria.status))


def _filtered(criteria: Criteria) -> "QuerySet[SearchEntry]":
    """The entries of the asked kind that pass every filter but the text."""
    entries = SearchEntry.objects.filter(kind=criteria.kind)
    if criteria.holder:
        entries = entries.filter(holder_number=compact_enterprise_number(criteria.holder))
    if criteria.kind != EntryKind.HOLDER:
        return _certificate_filters(entries, criteria)
    if _has_certificate_filters(criteria):
        # A holder matches when one of its public certificates does.
        certificates = SearchEntry.objects.filter(kind=EntryKind.CERTIFICATE)
        entries = entries.filter(
            holder_id__in=_certificate_filters(certificates, criteria).values("holder_id")
        )
    return entries


class Matches:
    """The entries that satisfy some criteria: how many there are, and one page of them."""

    def __init__(self, criteria: Criteria) -> None:
        self.entries = _filtered(criteria)
        self.terms = text.words(criteria.text)
        self.hits: QuerySet[SearchText] | None = None
        if not self.terms:
            return
        if connection.vendor == "postgresql":
            self.query = PostgresQuery(text.tsquery(self.terms), search_type="raw", config="simple")
            self.entries = self.entries.filter(document=self.query)
        else:
            # The FTS5 table is the only table of the outer query, so SQLite always scans
            # the full-text index first and looks up each hit's entry by its key. Joined
            # instead, the planner may walk every entry of a kind and run the full-text
            # query once per entry (seconds instead of milliseconds).
            self.hits = SearchText.objects.filter(
                text__match=text.fts5_query(self.terms),
            ).filter(Exists(self.entries.filter(pk=OuterRef("pk"))))
            self.entries = SearchEntry.objects.filter(pk__in=self.hits.values("pk"))

    def count(self) -> int:
        return self.hits.count() if self.hits is not None else self.entries.count()

    def page(self, sort: str, start: int, stop: int) -> list[int]:
        """The ids of the entries from `start` to `stop` in the order asked."""
        if sort == RELEVANCE and self.terms:
            if self.hits is not None:
                # FTS5's rank is BM25 negated: lower is better.
                ranked = self.hits.order_by("rank", "pk").values_list("pk", flat=True)
                return list(ranked[start:stop])
            # Normalisation 1 divides by the log of the length, so that a short entry that
            # matches outranks a long one, as BM25 does on SQLite.
            rank = SearchRank(F("document"), self.query, normalization=Value(1))
            by_rank = self.entries.annotate(rank=rank).order_by(F("rank").desc(), "id")
            return list(by_rank.values_list("pk", flat=True)[start:stop])
        ordered = self.entries.order_by(*_order(sort))
        return list(ordered.values_list("pk", flat=True)[start:stop])


def _key(name: str) -> Combinable:
    # Sort keys are stored normalised (lower case, no accents); the C collation makes
    # PostgreSQL order them by code point as SQLite does, whatever the database's locale.
    return Collate(F(name), "C") if connection.vendor == "postgresql" else F(name)


def _order(sort: str) -> list[OrderBy | Combinable | str]:
    """The order of a sort other than relevance; the id breaks ties so pages never overlap."""
    if sort == NUMBER:
        return [_key("sort_number"), "id"]
    if sort == NEWEST:
        return [F("sort_date").desc(nulls_last=True), _key("sort_number"), "id"]
    return [_key("sort_name"), _key("sort_number"), "id"]
