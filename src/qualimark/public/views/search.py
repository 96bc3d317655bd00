"""The search page: free text, filters, kinds as tabs, sorting and pages."""

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from qualimark.certification.lifecycle import Status
from qualimark.public.forms import SearchForm
from qualimark.public.presenters import tone
from qualimark.registry.search import ResultKind, SearchPage, SearchQuery, Sort, search

# The filters a visitor can drop when nothing is found, in the order they are offered.
FILTERS = ("q", "scheme", "subject", "holder", "unit", "status", "on")
PAGE_WINDOW = 3


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    current: bool = False


def _url(params: QueryDict, **changes: Any) -> str:
    query = params.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value not in (None, ""):
            query[key] = str(value)
    for key in [k for k, v in query.items() if v == ""]:
        query.pop(key)
    return "?" + query.urlencode() if query else "?"


def _query(data: dict[str, Any]) -> SearchQuery:
    return SearchQuery(
        text=data["q"].strip(),
        kind=ResultKind(data["kind"] or ResultKind.CERTIFICATES),
        scheme=data["scheme"] or None,
        subject=data["subject"] or None,
        holder=data["holder"] or None,
        unit=data["unit"].strip() or None,
        status=Status(data["status"]) if data["status"] else None,
        on=data["on"],
        sort=Sort(data["sort"] or Sort.RELEVANCE),
        page=data["page"] or 1,
    )


def _active_filters(form: SearchForm, params: QueryDict) -> list[Link]:
    """Each filter in use, with the address of the same search without it."""
    links = []
    for name in FILTERS:
        value = form.cleaned_data.get(name)
        if not value:
            continue
        field = form.fields[name]
        shown = dict(getattr(field, "choices", [])).get(value, value)
        if isinstance(value, date):
            shown = date_format(value, "DATE_FORMAT")
        label = _("%(filter)s: %(value)s") % {"filter": field.label, "value": shown}
        links.append(Link(label, _url(params, **{name: None, "page": None})))
    return links


def _pages(result: SearchPage, params: QueryDict) -> list[Link]:
    current = result.query.page
    low, high = max(1, current - PAGE_WINDOW), min(result.pages, current + PAGE_WINDOW)
    return [Link(str(n), _url(params, page=n), n == current) for n in range(low, high + 1)]


def search_page(request: HttpRequest) -> HttpResponse:
    params = request.GET
    form = SearchForm(params)
    context: dict[str, Any] = {"form": form}
    if form.is_valid():
        query = _query(form.cleaned_data)
        try:
            result = search(query)
        except NotImplementedError:
            context["unavailable"] = True
            return render(request, "public/search.html", context)
        if not result.results and result.total and query.page > result.pages:
            result = search(replace(query, page=result.pages))
        context.update(
            result=result,
            rows=[(r, tone(r.status)) for r in result.results],
            tabs=[
                Link(str(label), _url(params, kind=value, page=None), value == query.kind)
                for value, label in ResultKind.choices
            ],
            filters=_active_filters(form, params),
            pages=_pages(result, params),
            previous=_url(params, page=result.query.page - 1) if result.query.page > 1 else None,
            next=_url(params, page=result.query.page + 1)
            if result.query.page < result.pages
            else None,
        )
    return render(request, "public/search.html", context)
