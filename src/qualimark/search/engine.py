"""Reading the search index: filters as indexed columns, text by the database's own engine.

`Matches` holds the entries of one kind that satisfy every criterion, with the text
matched by SQLite FTS5 or PostgreSQL full-text search (never a LIKE scan); it counts
them and gives the ids of one page in the order asked. The caller loads that page only.

Ranking: a relevance score is computed only for a window of the matches (the first
`RANK_WINDOW` the index yields), never for all of them: a common
word or a two-letter prefix matches hundreds of thousands of datasheets in a national
registry, and scoring them all to show 20 costs a tenth of a second or more. Within the
window the order is the database's own score (BM25 in FTS5, `ts_rank` on PostgreSQL);
for any query with fewer matches than the window, which is nearly every query that
names a product, the order is exactly the full ranking. Pages past the window list the
remaining matches in the index's order.

Counting stops at `COUNT_LIMIT`, the size of the window: past it, a page says "more
than 1000 results" (50 pages of 20; nobody reads further, they add a word or a filter).
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.postgres.search import SearchQuery as PostgresQuery
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Exists, F, OrderBy, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import Combinable
from django.db.models.functions import Collate

from qualimark import clock
from qualimark.certification.models import StatusPeriod
from qualimark.parties.enterprise import clean_enterprise_number
from qualimark.search import statuses, text
from qualimark.search.models import EntryKind, SearchEntry, SearchText

RELEVANCE, NAME, NUMBER, NEWEST = "relevance", "name", "number", "newest"
RANK_WINDOW = 1000
COUNT_LIMIT = 1000


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

    Each decision covers [effective, ∞) with its rows and replaces, from its effective
    date on, what earlier ones said (an annulment on appeal included), so the status on
    `day` is that of the row covering `day` from the latest decision (the highest id)
    that covers it: what `timeline_of` resolves.
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
    entries: "QuerySet[SearchEntry]", kind: str, criteria: Criteria
) -> "QuerySet[SearchEntry]":
    """`entries` (all of `kind`) that pass the filters on what is certified."""
    if criteria.scheme:
        entries = entries.filter(scheme_code=criteria.scheme.strip().upper())
    if criteria.subject:
        entries = entries.filter(subject_code=criteria.subject.strip().lower())
    if criteria.unit:
        entries = entries.filter(pk__in=_in_unit(kind, criteria.unit.strip()))
    if criteria.status:
        entries = _with_status(entries, criteria.status, criteria.day)
    return entries


def _in_unit(kind: str, unit: str) -> "QuerySet[SearchEntry, Any]":
    """The entries of `kind` made in a production unit with that postal code or in that
    town, each side read from its own index: written as one condition (postal code OR
    town), the planner walked every entry of the kind to test both (200 ms at a million
    datasheets, against 5)."""
    of_kind = SearchEntry.objects.filter(kind=kind)
    by_postal_code = of_kind.filter(unit_postal_code=unit).values("pk")
    return by_postal_code.union(of_kind.filter(unit_town=text.normalise(unit)).values("pk"))


def _with_status(
    entries: "QuerySet[SearchEntry]", status: str, day: date
) -> "QuerySet[SearchEntry]":
    """`entries` whose certificate has `status` on `day`.

    For today, the status each entry keeps (`search.statuses`), and the history resolved
    only for the entries whose kept status no longer holds (the few whose change by date
    the daily run has not written yet); for any other day, the history of every entry.
    Tested row by row, after the other criteria: as a list of the entries with a status,
    "certified" alone was 700,000 datasheets to gather first."""
    resolved = entries.alias(status_on_day=status_on(day))
    if day != clock.today():
        return resolved.filter(status_on_day=status)
    kept = Q(status=status, statuses_until__gt=day)
    return resolved.filter(kept | (statuses.stale(day) & Q(status_on_day=status)))


def _has_certificate_filters(criteria: Criteria) -> bool:
    return any((criteria.scheme, criteria.subject, criteria.unit, criteria.status))


def _filtered(criteria: Criteria) -> "QuerySet[SearchEntry]":
    """The entries of the asked kind that pass every filter but the text."""
    entries = SearchEntry.objects.filter(kind=criteria.kind)
    if criteria.holder:
        entries = entries.filter(holder_number=compact_enterprise_number(criteria.holder))
    if criteria.kind != EntryKind.HOLDER:
        return _certificate_filters(entries, criteria.kind, criteria)
    if _has_certificate_filters(criteria):
        # A holder matches when one of its public certificates does.
        certificates = SearchEntry.objects.filter(kind=EntryKind.CERTIFICATE)
        entries = entries.filter(
            holder_id__in=_certificate_filters(
                certificates, EntryKind.CERTIFICATE, criteria
            ).values("holder_id")
        )
    return entries


class Matches:
    """The entries that satisfy some criteria: how many there are, and one page of them.

    The last word typed is a prefix ("geotex" finds "geotextile"). A prefix costs more
    than a word: the database merges the lists of every word it begins. So the whole
    word is asked first; when it alone matches more than the count limit, those matches
    are the answer (the page could not show the rest anyway, and whole-word matches rank
    first); otherwise the prefix is asked, and the answer is complete.
    """

    def __init__(self, criteria: Criteria) -> None:
        self.filtered = _filtered(criteria)
        self.terms = text.words(criteria.text)
        self.counted: int | None = None
        self._match(prefix=False)

    def _match(self, *, prefix: bool) -> None:
        self.entries = self.filtered
        self.hits: QuerySet[SearchText] | None = None
        if not self.terms:
            return
        if connection.vendor == "postgresql":
            self.tsquery = text.tsquery(self.terms, prefix=prefix)
            query = PostgresQuery(self.tsquery, search_type="raw", config="simple")
            self.entries = self.entries.filter(document=query)
        else:
            # The FTS5 table is the only table of the outer query, so SQLite always scans
            # the full-text index first and looks up each hit's entry by its key. Joined
            # instead, the planner may walk every entry of a kind and run the full-text
            # query once per entry (seconds instead of milliseconds).
            self.hits = SearchText.objects.filter(
                text__match=text.fts5_query(self.terms, prefix=prefix),
            ).filter(Exists(self.filtered.filter(pk=OuterRef("pk"))))
            self.entries = SearchEntry.objects.filter(pk__in=self.hits.values("pk"))

    def count(self, limit: int | None = None) -> int:
        """How many entries match, counted up to `limit` + 1 (so "more than `limit`")."""
        limit = COUNT_LIMIT if limit is None else limit
        counted = self._count(limit)
        if self.terms and counted <= limit:
            self._match(prefix=True)
            counted = self._count(limit)
        self.counted = counted
        return counted

    def _count(self, limit: int) -> int:
        found = self.hits if self.hits is not None else self.entries
        return found[: limit + 1].count()

    def page(self, sort: str, start: int, stop: int) -> list[int]:
        """The ids of the entries from `start` to `stop` in the order asked."""
        if self.counted is None:
            self.count()  # which decides between the whole word and the prefix
        if sort == RELEVANCE and self.terms:
            return self._ranked(start, stop)
        ordered = self.entries.order_by(*_order(sort))
        return list(ordered.values_list("pk", flat=True)[start:stop])

    def _ranked(self, start: int, stop: int) -> list[int]:
        """The page of matches: the window ranked by relevance, then the rest unranked."""
        ids: list[int] = []
        if start < RANK_WINDOW:
            ids = self._window(start, min(stop, RANK_WINDOW))
        if stop > RANK_WINDOW:
            # Past the window, matches follow in the index's own order, unscored: every
            # page's window is the same, so pages never overlap nor skip a match.
            rest = self.hits if self.hits is not None else self.entries
            tail = rest.order_by().values_list("pk", flat=True)[max(start, RANK_WINDOW) : stop]
            ids += list(tail)
        return ids

    def _window(self, start: int, stop: int) -> list[int]:
        """Entries `start` to `stop` of the first RANK_WINDOW matches ranked by relevance."""
        inner: QuerySet[Any, Any]
        if self.hits is not None:
            # FTS5's rank is BM25 negated: lower is better. It is computed for the rows the
            # window reads, as the inner query returns them.
            inner = self.hits.order_by().values_list("pk", "rank")[:RANK_WINDOW]
            order = "2, 1"
        else:
            # Normalisation 1 divides by the log of the length, so that a short entry that
            # matches outranks a long one, as BM25 does on SQLite.
            inner = self.entries.order_by().values_list("pk", "document")[:RANK_WINDOW]
            order = "ts_rank(window_.document, to_tsquery('simple', %s), 1) DESC, 1"
        sql, params = inner.query.sql_with_params()
        ranked = f"SELECT * FROM ({sql}) window_ ORDER BY {order} LIMIT %s OFFSET %s"
        extra = [] if self.hits is not None else [self.tsquery]
        with connection.cursor() as cursor:
            cursor.execute(ranked, [*params, *extra, stop - start, start])
            return [row[0] for row in cursor.fetchall()]


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
