"""The open-data page (in the visitor's language) and the files it links to (language-neutral)."""

from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseNotModified,
)
from django.shortcuts import render
from django.utils.http import http_date
from django.views.static import was_modified_since

from qualimark.public import opendata
from qualimark.registry.opendata import COLUMNS


def open_data_page(request: HttpRequest) -> HttpResponse:
    export = opendata.read_export()
    tables = [
        (table, [(column.name, str(column.description)) for column in columns])
        for table, columns in COLUMNS.items()
    ]
    return render(request, "public/open_data.html", {"export": export, "tables": tables})


def open_data_file(request: HttpRequest, filename: str) -> HttpResponseBase:
    """One file of the last export, if its manifest lists it; anything else is not found."""
    path = opendata.servable(filename)
    if path is None:
        raise Http404(filename)
    modified = path.stat().st_mtime
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), int(modified)):
        return HttpResponseNotModified()
    response = FileResponse(path.open("rb"), content_type=opendata.content_type(path.name))
    response["Last-Modified"] = http_date(modified)
    return response
