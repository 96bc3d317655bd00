"""Search of the public registry: free text plus the filters people expect, one interface.

This module fixes the interface that the web pages, the API and the open data use. The
text match is done by the database's full-text search (SQLite FTS5 on the embedded
default, PostgreSQL full-text search in production) through `qualimark.search`.
"""

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from qualimark import clock
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate
from qualimark.datasheets.models import Datasheet, DatasheetStatusPeriod
from qualimark.parties.models import Organisation
from qualimark.search import engine
from qualimark.search.models import SearchEntry

MAX_PER_PAGE = 100


class ResultKind(models.TextChoices):
    CERTIFICATES = "certificates", _("certificates")
    DATASHEETS = "datasheets", _("datasheets")
    HOLDERS = "holders", _("holders")


class Sort(models.TextChoices):
    RELEVANCE = "relevance", _("relevance")
    NAME = "name", _("name")
    NUMBER = "number", _("number or code")
    NEWEST = "newest", _("newest first")


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    kind: ResultKind = ResultKind.CERTIFICATES
    scheme: str | None = None  # Scheme.code, e.g. "BENOR"
    subject: str | None = None  # Subject.code, e.g. "geotextiles"
    holder: str | None = None  # the holder's enterprise number (compact or formatted)
    unit: str | None = None  # a production unit's town or postal code
    status: Status | None = None  # the certificate's status on `on`
    on: date | None = None  # the date the statuses are read for; None: today
    sort: Sort = Sort.RELEVANCE
    page: int = 1
    per_page: int = 20

    @property
    def day(self) -> date:
        return self.on or clock.today()


@dataclass
class SearchResult:
    kind: ResultKind
    certificate: Certificate | None = None
    datasheet: Datasheet | None = None
    holder: Organisation | None = None
    status: Status | None = None  # the certificate's status on the asked date (None for holders)


@dataclass
class SearchPage:
    query: SearchQuery
    results: list[SearchResult] = field(default_factory=list)
    total: int = 0  # counted up to engine.COUNT_LIMIT
    more: bool = False  # more matches than `total`: counting stopped there

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))


def search(query: SearchQuery) -> SearchPage:
    """One page of results for `query`, ranked or sorted as asked.

    Only what is public is found: datasheets that were ever published; certificates whose
    file reached the trial period (an application still under review, rejected or
    withdrawn is not public), whatever their status since, which is part of the answer;
    holders of such certificates.

    The work is done by the database: the text by its full-text index, the filters on
    indexed columns, the status on the asked date by a subquery on the status history.
    A page costs a fixed number of queries, whatever its length: the count (which stops
    past `engine.COUNT_LIMIT`), the ids of the page, its objects with their related
    rows, and their status histories.
    """
    query = _bounded(query)
    criteria = engine.Criteria(
        kind=query.kind,
        day=query.day,
        text=query.text,
        scheme=query.scheme,
        subject=query.subject,
        holder=query.holder,
        unit=query.unit,
        status=query.status,
    )
    matches = engine.Matches(criteria)
    counted = matches.count()
    total, more = min(counted, engine.COUNT_LIMIT), counted > engine.COUNT_LIMIT
    if total == 0:
        return SearchPage(query=query)
    start = (query.page - 1) * query.per_page
    ids = matches.page(query.sort, start, start + query.per_page) if start < total else []
    if not ids:  # a page beyond the last
        return SearchPage(query=query, total=total, more=more)
    loaded = (
        SearchEntry.objects.filter(pk__in=ids)
        .defer("text", "document")  # the indexed text is long and shown nowhere
        .select_related(*_RELATED[query.kind])
        .prefetch_related(*_prefetched(query.kind))
        .in_bulk()
    )
    results = [_result(loaded[pk], query.day) for pk in ids if pk in loaded]
    return SearchPage(query=query, results=results, total=total, more=more)


def _bounded(query: SearchQuery) -> SearchQuery:
    """The query with its page and page size brought within bounds."""
    per_page = min(max(1, query.per_page), MAX_PER_PAGE)
    return replace(query, page=max(1, query.page), per_page=per_page)


_CERTIFICATE_RELATED = ("holder", "programme__scheme", "programme__subject", "production_unit")
_RELATED: dict[str, tuple[str, ...]] = {
    ResultKind.CERTIFICATES: tuple(f"certificate__{name}" for name in _CERTIFICATE_RELATED),
    ResultKind.DATASHEETS: tuple(
        f"datasheet__certificate__{name}" for name in _CERTIFICATE_RELATED
    ),
    ResultKind.HOLDERS: ("holder",),
}


def _prefetched(kind: str) -> list[str | Prefetch[Any]]:
    if kind == ResultKind.CERTIFICATES:
        return ["certificate__status_periods"]
    if kind == ResultKind.DATASHEETS:
        # The trade name of each version is shown; its declared characteristics are not.
        versions = DatasheetStatusPeriod.objects.select_related("version").defer(
            "version__characteristics"
        )
        return [
            "datasheet__certificate__status_periods",
            Prefetch("datasheet__status_periods", queryset=versions),
        ]
    return []


def _result(entry: SearchEntry, day: date) -> SearchResult:
    kind = ResultKind(entry.kind)
    if kind == ResultKind.HOLDERS:
        return SearchResult(kind, holder=entry.holder)
    datasheet = entry.datasheet
    certificate = datasheet.certificate if datasheet is not None else entry.certificate
    assert certificate is not None  # every certificate and datasheet entry has one
    return SearchResult(
        kind,
        certificate=certificate,
        datasheet=datasheet,
        holder=certificate.holder,
        status=certificate.status_on(day),
    )
