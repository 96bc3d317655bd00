"""The reference documents: every PTV, TRA, BRS and guideline with all its versions."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from qualimark import clock
from qualimark.schemes.models import ReferenceDocument


def document_list(request: HttpRequest) -> HttpResponse:
    documents = ReferenceDocument.objects.prefetch_related(
        "versions__files", "programmes__subject", "programmes__scheme"
    )
    return render(
        request, "public/documents.html", {"documents": documents, "today": clock.today()}
    )
