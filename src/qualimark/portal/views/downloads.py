"""The holder's documents: certificate, datasheets, decision letters, reports, uploads.

Each download finds its object through the same `qualimark.access.visible` helper as its
page, so a document of another holder answers 404 like the page would.
"""

from django.http import HttpResponseBase
from django.utils import translation

from qualimark.access.visible import (
    application_for,
    certificate_for,
    datasheet_for,
    inspection_for,
)
from qualimark.documents.letters import decision_letter_pdf
from qualimark.documents.pdf import certificate_pdf, datasheet_pdf
from qualimark.documents.reports import inspection_report_pdf
from qualimark.errors import NotVisible
from qualimark.portal.views.common import (
    PortalRequest,
    answers_refusals,
    file_download,
    pdf_download,
)
from qualimark.signin.decorators import portal_required


def _language() -> str:
    return translation.get_language() or "en"


@portal_required
@answers_refusals
def certificate_document(request: PortalRequest, number: str) -> HttpResponseBase:
    certificate = certificate_for(request.user, number)
    language = _language()
    return pdf_download(
        request,
        lambda: certificate_pdf(certificate, language=language),
        f"certificate-{certificate.number}-{language}.pdf",
    )


@portal_required
@answers_refusals
def datasheet_document(request: PortalRequest, quick_code: str) -> HttpResponseBase:
    datasheet = datasheet_for(request.user, quick_code)
    language = _language()
    return pdf_download(
        request,
        lambda: datasheet_pdf(datasheet, language=language),
        f"datasheet-{datasheet.quick_code}-{language}.pdf",
    )


@portal_required
@answers_refusals
def decision_letter(request: PortalRequest, number: str, decision_id: int) -> HttpResponseBase:
    certificate = certificate_for(request.user, number)
    decision = certificate.decisions.filter(pk=decision_id).first()
    if decision is None:
        raise NotVisible("")
    language = _language()
    return pdf_download(
        request,
        lambda: decision_letter_pdf(decision, language=language),
        f"decision-{certificate.number}-{decision.pk}-{language}.pdf",
    )


@portal_required
@answers_refusals
def inspection_report(request: PortalRequest, reference: str) -> HttpResponseBase:
    inspection = inspection_for(request.user, reference)
    language = _language()
    return pdf_download(
        request,
        lambda: inspection_report_pdf(inspection, language=language),
        f"inspection-report-{inspection.reference}-{language}.pdf",
    )


@portal_required
@answers_refusals
def application_upload(request: PortalRequest, reference: str, upload_id: int) -> HttpResponseBase:
    application = application_for(request.user, reference)
    upload = application.uploads.filter(pk=upload_id).first()
    if upload is None:
        raise NotVisible("")
    try:
        handle = upload.file.open("rb")
    except FileNotFoundError:
        raise NotVisible("") from None
    return file_download(handle, upload.original_name, upload.content_type)
