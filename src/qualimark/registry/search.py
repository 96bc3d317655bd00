"""Search of the public registry: free text plus the filters people expect, one interface.

This module fixes the interface that the web pages, the API and the open data use. The
text match is done by the database's full-text search (SQLite FTS5 on the embedded
default, PostgreSQL full-text search in production) through `qualimark.search`.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from qualimark import clock
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate
from qualimark.datasheets.models import Datasheet
from qualimark.parties.models import Organisation

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
    total: int = 0

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))


def search(query: SearchQuery) -> SearchPage:
    """One page of results for `query`, ranked or sorted as asked.

    Only what is public is found: datasheets that were ever published; certificates whose
    file reached the trial period (an application still under review, rejected or
    withdrawn is not public), whatever their status since, which is part of the answer;
    holders of such certificates.
    """
    raise NotImplementedError("provided by the search backend")  # replaced by qualimark.search
