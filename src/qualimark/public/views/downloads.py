"""Downloads of a public certificate, datasheet or lot document: its PDF and its QR code.

Only what the registry shows may be downloaded: the same `public.access` helpers decide for
the pages and for these files, so a file that is not public answers 404 like its page.
"""

import io
import re
from collections.abc import Callable
from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from qualimark.certification.models import Certificate
from qualimark.datasheets.models import Datasheet
from qualimark.documents.pdf import (
    DocumentNotAvailable,
    certificate_pdf,
    datasheet_pdf,
    lot_conformity_pdf,
)
from qualimark.documents.qr import QUIET_ZONE, qr_code, qr_png
from qualimark.links import verification_url
from qualimark.lots import access as lot_access
from qualimark.lots.models import LotConformityDocument
from qualimark.public import access
from qualimark.public.views.common import not_found

# A QR code encodes a code's address, which never changes: caches may keep it for long.
QR_CACHE_CONTROL = "public, max-age=2592000"
QR_SCALE = 8  # pixels per module of the PNG: sharp enough to print on a label

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class BadDate(ValueError):
    pass


def _day_asked(request: HttpRequest) -> date | None:
    """The `?on=YYYY-MM-DD` of the request; None (today) if absent or empty."""
    raw = request.GET.get("on", "").strip()
    if not raw:
        return None
    if not _ISO_DATE.fullmatch(raw):
        raise BadDate(raw)
    try:
        return date.fromisoformat(raw)
    except ValueError as error:
        raise BadDate(raw) from error


def _problem(request: HttpRequest, title: str, message: str, status: int) -> HttpResponse:
    return render(
        request, "public/document_problem.html", {"title": title, "message": message}, status=status
    )


def _pdf(
    request: HttpRequest, build: Callable[[str, date | None], bytes], filename: str
) -> HttpResponse:
    try:
        on = _day_asked(request)
    except BadDate:
        return _problem(
            request,
            _("Not a date"),
            _("The date must be written as year-month-day, for example ?on=2026-03-14."),
            400,
        )
    language = translation.get_language() or "en"
    try:
        pdf = build(language, on)
    except DocumentNotAvailable as error:
        return _problem(request, _("No document for this date"), error.message, 409)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename) or ""
    return response


def _certificate_or_404(request: HttpRequest, number: str) -> Certificate | HttpResponse:
    certificate = access.certificate(number)
    if certificate is None:
        return not_found(
            request,
            _("No certificate numbered %(number)s is in the public registry.") % {"number": number},
        )
    return certificate


def _datasheet_or_404(request: HttpRequest, quick_code: str) -> Datasheet | HttpResponse:
    datasheet = access.datasheet(quick_code)
    if datasheet is None:
        return not_found(
            request,
            _("No datasheet with quick code %(code)s is in the public registry.")
            % {"code": quick_code},
        )
    return datasheet


def _lot_or_404(request: HttpRequest, code: str) -> LotConformityDocument | HttpResponse:
    document = lot_access.conformity_document(code)
    if document is None:
        return not_found(
            request,
            _("No lot conformity document has the code %(code)s.") % {"code": code},
            suggest_verify=code,
        )
    return document


def certificate_pdf_download(request: HttpRequest, number: str) -> HttpResponse:
    certificate = _certificate_or_404(request, number)
    if isinstance(certificate, HttpResponse):
        return certificate
    language = translation.get_language() or "en"
    return _pdf(
        request,
        lambda lang, on: certificate_pdf(certificate, language=lang, on=on),
        f"certificate-{certificate.number}-{language}.pdf",
    )


def datasheet_pdf_download(request: HttpRequest, quick_code: str) -> HttpResponse:
    datasheet = _datasheet_or_404(request, quick_code)
    if isinstance(datasheet, HttpResponse):
        return datasheet
    language = translation.get_language() or "en"
    return _pdf(
        request,
        lambda lang, on: datasheet_pdf(datasheet, language=lang, on=on),
        f"datasheet-{datasheet.quick_code}-{language}.pdf",
    )


def _svg_file(code: str) -> bytes:
    """A standalone SVG file (with its XML declaration and namespace), titled with the URL."""
    buffer = io.BytesIO()
    qr_code(code).save(
        buffer, kind="svg", scale=QR_SCALE, border=QUIET_ZONE, title=verification_url(code)
    )
    return buffer.getvalue()


def _qr(code: str, kind: str) -> HttpResponse:
    if kind == "svg":
        response = HttpResponse(_svg_file(code), content_type="image/svg+xml; charset=utf-8")
    else:
        response = HttpResponse(qr_png(code, scale=QR_SCALE), content_type="image/png")
    response["Cache-Control"] = QR_CACHE_CONTROL
    response["Content-Disposition"] = content_disposition_header(False, f"qr-{code}.{kind}") or ""
    return response


def certificate_qr(request: HttpRequest, number: str, kind: str) -> HttpResponse:
    certificate = _certificate_or_404(request, number)
    if isinstance(certificate, HttpResponse):
        return certificate
    return _qr(certificate.number, kind)


def datasheet_qr(request: HttpRequest, quick_code: str, kind: str) -> HttpResponse:
    datasheet = _datasheet_or_404(request, quick_code)
    if isinstance(datasheet, HttpResponse):
        return datasheet
    return _qr(datasheet.quick_code, kind)


def lot_pdf_download(request: HttpRequest, code: str) -> HttpResponse:
    document = _lot_or_404(request, code)
    if isinstance(document, HttpResponse):
        return document
    language = translation.get_language() or "en"
    return _pdf(
        request,
        lambda lang, on: lot_conformity_pdf(document, language=lang, on=on),
        f"lot-{document.code}-{language}.pdf",
    )


def lot_qr(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    document = _lot_or_404(request, code)
    if isinstance(document, HttpResponse):
        return document
    return _qr(document.code, kind)
