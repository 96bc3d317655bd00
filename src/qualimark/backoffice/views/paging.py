"""Pages of a long register: a fixed number of rows each, links that keep the filters."""

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest

M = TypeVar("M", bound=Model)

PER_PAGE = 50


@dataclass(frozen=True)
class Paged(Generic[M]):
    page: "Page[M]"
    previous: str  # the query string of the page before, "" on the first
    next: str  # the query string of the page after, "" on the last

    @property
    def rows(self) -> list[M]:
        return list(self.page.object_list)

    @property
    def count(self) -> int:
        return self.page.paginator.count


def paged(request: HttpRequest, rows: QuerySet[M], per_page: int = PER_PAGE) -> Paged[M]:
    """The page of `rows` asked for (`?page=`); a page out of range gives the nearest one."""
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    return Paged(
        page,
        _query(request, page.previous_page_number()) if page.has_previous() else "",
        _query(request, page.next_page_number()) if page.has_next() else "",
    )


def _query(request: HttpRequest, number: int) -> str:
    query: Any = request.GET.copy()
    query["page"] = str(number)
    return "?" + str(query.urlencode())
