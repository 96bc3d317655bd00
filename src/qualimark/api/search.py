"""Search with the same filters as the web pages, through `registry.search`."""

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view
from pydantic import field_validator

from qualimark.api import present
from qualimark.api.caching import conditional
from qualimark.api.schemas import (
    DatasheetRef,
    Day,
    ErrorOut,
    SearchPageOut,
    SearchResultOut,
)
from qualimark.certification.lifecycle import Status
from qualimark.registry.search import (
    MAX_PER_PAGE,
    ResultKind,
    SearchQuery,
    SearchResult,
    Sort,
    search,
)

router = Router(tags=["search"])

MAX_PAGE = 10_000  # deeper pages are no use to anyone and costly to count to


class SearchFilters(Schema):
    q: str = Field("", max_length=200, description="Free text: names, numbers, towns.")
    kind: ResultKind = ResultKind.CERTIFICATES
    scheme: str | None = Field(None, max_length=20, description="A mark's code, e.g. BENOR.")
    subject: str | None = Field(None, max_length=60, description="A subject's code.")
    holder: str | None = Field(None, max_length=20, description="The holder's enterprise number.")
    unit: str | None = Field(None, max_length=100, description="Town or postal code of a unit.")
    status: Status | None = Field(None, description="The certificate's status on `on`.")
    on: Day | None = Field(None, description="Statuses are read for this date; default today.")
    sort: Sort = Sort.RELEVANCE
    page: int = Field(1, ge=1, le=MAX_PAGE)
    per_page: int = Field(20, ge=1, le=MAX_PER_PAGE)

    @field_validator("q", "scheme", "subject", "holder", "unit")
    @classmethod
    def _printable(cls, value: str | None) -> str | None:
        if value is not None and not value.isprintable():
            raise ValueError("control characters are not allowed")
        return value


def _result(found: SearchResult) -> SearchResultOut:
    certificate, datasheet = found.certificate, found.datasheet
    holder = found.holder or (certificate.holder if certificate else None)
    return SearchResultOut.model_construct(
        kind=found.kind,
        certificate=present.certificate_summary(certificate) if certificate else None,
        datasheet=DatasheetRef.model_construct(
            quick_code=datasheet.quick_code, product_name=datasheet.product_name
        )
        if datasheet
        else None,
        holder=present.holder_ref(holder) if holder else None,
        status=found.status,
    )


@router.get(
    "/search",
    response={200: SearchPageOut, 400: ErrorOut, 422: ErrorOut},
    summary="Search certificates, datasheets or holders",
)
@decorate_view(conditional)
def search_registry(request: HttpRequest, filters: Query[SearchFilters]) -> SearchPageOut:
    """One page of results with the total; only what is public is found."""
    query = SearchQuery(
        text=filters.q.strip(),
        kind=filters.kind,
        scheme=filters.scheme or None,
        subject=filters.subject or None,
        holder=filters.holder or None,
        unit=filters.unit or None,
        status=filters.status,
        on=filters.on,
        sort=filters.sort,
        page=filters.page,
        per_page=filters.per_page,
    )
    found = search(query)
    # Built without validating again what the presenters built from typed records.
    return SearchPageOut.model_construct(
        total=found.total,
        more=found.more,
        page=query.page,
        per_page=query.per_page,
        pages=found.pages,
        on=query.day,
        results=[_result(item) for item in found.results],
    )
