"""Pages of a long list: a fixed number of rows each, links that keep the filters.

Every list of the back-office pages alike (the work queue, the registers, the holders,
the lot inspections) and shows its pages with `backoffice/_paging.html`.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import QueryDict

T = TypeVar("T")

PER_PAGE = 50


@dataclass(frozen=True)
class Paged(Generic[T]):
    page: "Page[T]"
    previous: str  # the query string of the page before, "" on the first
    next: str  # the query string of the page after, "" on the last

    @property
    def rows(self) -> list[T]:
        return list(self.page.object_list)

    @property
    def count(self) -> int:
        return self.page.paginator.count


def paged(
    params: QueryDict, rows: "QuerySet[Any, T] | Sequence[T]", per_page: int = PER_PAGE
) -> Paged[T]:
    """The page of `rows` asked for (`?page=`); a page out of range gives the nearest one."""
    page: Page[T] = Paginator(rows, per_page).get_page(params.get("page"))
    return Paged(
        page,
        _query(params, page.previous_page_number()) if page.has_previous() else "",
        _query(params, page.next_page_number()) if page.has_next() else "",
    )


def _query(params: QueryDict, number: int) -> str:
    query = params.copy()
    query["page"] = str(number)
    return "?" + query.urlencode()
