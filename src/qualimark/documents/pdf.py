"""PDFs of a certificate, a technical datasheet and a lot's outcome, in Dutch, French or English.

A certificate states what ISO/IEC 17065 (7.7) asks of a certification document: the
certification body, the holder and its address, the scope (mark, subject, production unit
or execution), the reference documents and their versions, the number, the date of grant
and of expiry. Because a status changes after a PDF is printed, each document also states
the status on its date of issue and where to check it now: the verification URL, printed
and as a QR code.

A lot conformity document names product, quantity and lot, the inspection document and
the date of issue, with the verification URL of its lot code printed and as a QR code; a
lot refusal lists the failed characteristics and has no code to verify.

The text is set in Helvetica, one of the PDF standard fonts: it needs no embedding and
covers the Latin-1 accents of Dutch and French (é, è, ë, ç…).
"""

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    Flowable,
    Image,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from qualimark import clock
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate
from qualimark.certification.timeline import Segment
from qualimark.datasheets import quickcodes
from qualimark.datasheets.models import Datasheet, DatasheetState, DatasheetVersion
from qualimark.documents.qr import qr_png
from qualimark.errors import DomainError
from qualimark.links import verification_url
from qualimark.lots.access import REQUEST_SHOWN, conformity_documents
from qualimark.lots.models import LotConformityDocument, LotInspectionRequest, LotRefusal
from qualimark.parties.models import Organisation, ProductionUnit
from qualimark.verification.verify import verify

QR_SIZE = 32 * mm
LABEL_WIDTH = 50 * mm


class DocumentNotAvailable(DomainError):
    code = "document_not_available"


@dataclass(frozen=True)
class _Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    heading: ParagraphStyle
    title: ParagraphStyle
    body_name: ParagraphStyle


def _styles() -> _Styles:
    sample = getSampleStyleSheet()
    body = ParagraphStyle("qm-body", parent=sample["Normal"], fontName="Helvetica", fontSize=10)
    return _Styles(
        body=body,
        small=ParagraphStyle("qm-small", parent=body, fontSize=8, leading=10),
        label=ParagraphStyle("qm-label", parent=body, fontName="Helvetica-Bold"),
        heading=ParagraphStyle(
            "qm-heading", parent=body, fontName="Helvetica-Bold", fontSize=12, spaceBefore=8
        ),
        title=ParagraphStyle(
            "qm-title", parent=body, fontName="Helvetica-Bold", fontSize=18, leading=22
        ),
        body_name=ParagraphStyle("qm-cb", parent=body, fontSize=12, textColor=colors.darkblue),
    )


# Helvetica draws the Windows-1252 characters only; the signs of requirements beyond them
# ("≥ 12 kN/m") would print as other characters, so they are written out.
_BEYOND_THE_FONT = str.maketrans({"≥": ">=", "≤": "<=", "≠": "<>", "−": "-"})


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text: markup characters in names (Bouw & Co) are escaped."""
    return Paragraph(escape(text.translate(_BEYOND_THE_FONT)).replace("\n", "<br/>"), style)


def _day(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


def _moment(value: datetime) -> str:
    return date_format(timezone.localtime(value), "DATETIME_FORMAT")


def _address(street: str, postal_code: str, town: str, country: str) -> str:
    town_line = " ".join(part for part in (postal_code, town) if part)
    return "\n".join(part for part in (street, town_line, country) if part)


def _holder_text(holder: Organisation) -> str:
    lines = [holder.name]
    if holder.trade_name and holder.trade_name != holder.name:
        lines.append(holder.trade_name)
    lines.append(_address(holder.street, holder.postal_code, holder.town, holder.country))
    if holder.enterprise_number:
        number = holder.enterprise_number_display
        lines.append(_("Enterprise number %(number)s") % {"number": number})
    return "\n".join(line for line in lines if line)


def _unit_text(unit: ProductionUnit | None) -> str:
    if unit is None:
        return _("execution certification (not bound to a production unit)")
    return unit.name + "\n" + _address(unit.street, unit.postal_code, unit.town, unit.country)


def _rows_table(rows: Iterable[tuple[str, str]], styles: _Styles, width: float) -> Table:
    data = [[_p(label, styles.label), _p(value, styles.body)] for label, value in rows]
    table = Table(data, colWidths=[LABEL_WIDTH, width - LABEL_WIDTH], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _grid(header: list[str], rows: list[list[str]], styles: _Styles, widths: list[float]) -> Table:
    data = [[_p(cell, styles.label) for cell in header]]
    data += [[_p(cell, styles.body) for cell in row] for row in rows]
    table = Table(data, colWidths=widths, hAlign="LEFT", repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
            ]
        )
    )
    return table


def _verification_block(code: str, status_text: str, styles: _Styles, width: float) -> Table:
    url = verification_url(code)
    qr = Image(io.BytesIO(qr_png(code, scale=8)), width=QR_SIZE, height=QR_SIZE)
    text: list[Flowable] = [
        _p(status_text, styles.body),
        Spacer(1, 3 * mm),
        _p(
            _("Verify the status today, or on another date, at %(url)s") % {"url": url},
            styles.body,
        ),
        _p(_("or scan the QR code."), styles.small),
    ]
    table = Table([[text, qr]], colWidths=[width - QR_SIZE - 6 * mm, QR_SIZE + 6 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (-1, -1), 0.5, colors.grey),
            ]
        )
    )
    return table


def _render(story: list[Flowable], *, title: str, language: str, issued: datetime) -> bytes:
    buffer = io.BytesIO()
    cb_name = settings.QUALIMARK_CB_NAME
    footer = _("Issued by %(body)s on %(moment)s. The registry at %(site)s is authoritative.") % {
        "body": cb_name,
        "moment": _moment(issued),
        "site": settings.QUALIMARK_PUBLIC_URL,
    }
    page_label = _("page %(number)s")
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=22 * mm,
        title=title,
        author=cb_name,
        creator="Qualimark",
        lang=language,
    )

    def on_page(canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.drawString(20 * mm, 12 * mm, footer)
        canvas.drawRightString(A4[0] - 20 * mm, 12 * mm, page_label % {"number": doc.page})
        canvas.restoreState()

    document.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


def _frame_width() -> float:
    return float(A4[0] - 40 * mm)


def granted_on(timeline: list[Segment[Status]]) -> date | None:
    """The first day on which the file was certified: the date of grant."""
    return next((s.start for s in timeline if s.status == Status.CERTIFIED), None)


def _load_certificate(pk: int) -> Certificate:
    return (
        Certificate.objects.select_related(
            "holder", "programme__scheme", "programme__subject", "production_unit"
        )
        .prefetch_related("status_periods")
        .get(pk=pk)
    )


def _in_language(language: str, build: Callable[[], bytes]) -> bytes:
    with translation.override(language):
        return build()


def certificate_pdf(certificate: Certificate, *, language: str, on: date | None = None) -> bytes:
    """The certificate as a PDF in `language`, stating its status on `on` (default today).

    Only a file granted on or before `on` has a certificate to print; anything else raises
    DocumentNotAvailable.
    """
    return _in_language(language, lambda: _certificate_pdf(certificate.pk, language, on))


def _certificate_pdf(pk: int, language: str, on: date | None) -> bytes:
    day = on or clock.today()
    issued = clock.now()
    certificate = _load_certificate(pk)
    granted = granted_on(certificate.timeline)
    if granted is None or granted > day:
        raise DocumentNotAvailable(
            _("File %(number)s was not certified on %(day)s: there is no certificate to print.")
            % {"number": certificate.number, "day": _day(day)}
        )
    styles = _styles()
    width = _frame_width()
    programme = certificate.programme
    status = certificate.status_on(day)
    rows = [
        (_("Certificate number"), certificate.number),
        (_("Holder"), _holder_text(certificate.holder)),
        (_("Production unit"), _unit_text(certificate.production_unit)),
        (
            _("Certification system (mark)"),
            f"{programme.scheme.name} ({programme.scheme.owner})",
        ),
        (_("Subject"), f"{programme.subject.name} – {programme.subject.get_kind_display()}"),
        (_("Date of grant"), _day(granted)),
        (
            _("Expires on"),
            _day(certificate.expires_on) if certificate.expires_on else _("no fixed expiry date"),
        ),
        (
            _("Status on %(day)s") % {"day": _day(day)},
            str(Status(status).label) if status else "…",
        ),
    ]
    versions = programme.versions_on(day)
    story: list[Flowable] = [
        _p(settings.QUALIMARK_CB_NAME, styles.body_name),
        Spacer(1, 2 * mm),
        _p(_("Certificate %(number)s") % {"number": certificate.number}, styles.title),
        Spacer(1, 3 * mm),
        _p(
            _(
                "%(body)s certifies that the holder named below has shown, for the scope "
                "below, that its production and self-monitoring meet the requirements of the "
                "reference documents listed, under the %(mark)s mark."
            )
            % {"body": settings.QUALIMARK_CB_NAME, "mark": programme.scheme.name},
            styles.body,
        ),
        Spacer(1, 4 * mm),
        _rows_table(rows, styles, width),
        _p(_("Reference documents in force on %(day)s") % {"day": _day(day)}, styles.heading),
        Spacer(1, 2 * mm),
    ]
    if versions:
        story.append(
            _grid(
                [_("Document"), _("Title"), _("Version"), _("Valid from")],
                [
                    [str(v.document), v.document.title, v.label, _day(v.valid_from)]
                    for v in versions
                ],
                styles,
                [28 * mm, width - 28 * mm - 25 * mm - 30 * mm, 25 * mm, 30 * mm],
            )
        )
    else:
        story.append(_p(_("No reference document is recorded for this scope."), styles.body))
    story += [
        Spacer(1, 6 * mm),
        _verification_block(
            certificate.number, verify(certificate.number, on=day).message, styles, width
        ),
    ]
    title = _("Certificate %(number)s") % {"number": certificate.number}
    return _render(story, title=title, language=language, issued=issued)


def datasheet_pdf(datasheet: Datasheet, *, language: str, on: date | None = None) -> bytes:
    """The datasheet as a PDF in `language`: the version in force on `on` (default today).

    A withdrawn or superseded datasheet prints its last published version with the status
    that says it is no longer valid; one not yet published on `on` raises
    DocumentNotAvailable, because it is not public.
    """
    return _in_language(language, lambda: _datasheet_pdf(datasheet.pk, language, on))


def _version_in_force(timeline: list[Segment[DatasheetState]], day: date) -> int | None:
    """The version published last on or before `day` (still shown once withdrawn)."""
    published = [s.status.version_id for s in timeline if s.start <= day and s.status.version_id]
    return published[-1] if published else None


def _characteristic_value(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return str(value or "")
    if isinstance(value, int | float):
        return number_format(value)
    return str(value)


def _characteristic_notes(item: dict[str, Any]) -> str:
    """The test method and the class declared with a value, if any."""
    notes = [str(item.get("method") or "")]
    if item.get("class"):
        notes.append(_("class %(level)s") % {"level": item["class"]})
    return "; ".join(note for note in notes if note)


def _characteristics(version: DatasheetVersion) -> list[list[str]]:
    rows = version.characteristics if isinstance(version.characteristics, list) else []
    return [
        [
            str(item.get("name", "")),
            _characteristic_value(item.get("value")),
            str(item.get("unit", "") or ""),
            _characteristic_notes(item),
        ]
        for item in rows
        if isinstance(item, dict)
    ]


def _datasheet_pdf(pk: int, language: str, on: date | None) -> bytes:
    day = on or clock.today()
    issued = clock.now()
    datasheet = Datasheet.objects.prefetch_related("status_periods").get(pk=pk)
    timeline = datasheet.timeline
    version_id = _version_in_force(timeline, day)
    if version_id is None:
        raise DocumentNotAvailable(
            _("Datasheet %(code)s was not published on %(day)s.")
            % {"code": quickcodes.format_code(datasheet.quick_code), "day": _day(day)}
        )
    version = DatasheetVersion.objects.get(pk=version_id)
    published_on = next(s.start for s in timeline if s.status.version_id == version.pk)
    certificate = _load_certificate(datasheet.certificate_id)
    programme = certificate.programme
    styles = _styles()
    width = _frame_width()
    code = quickcodes.format_code(datasheet.quick_code)
    rows = [
        (_("Quick code"), code),
        (_("Trade name"), version.trade_name),
        (_("Product"), datasheet.product_name),
        (
            _("Version"),
            _("%(number)s, published on %(day)s")
            % {"number": version.number, "day": _day(published_on)},
        ),
    ]
    certificate_rows = [
        (_("Certificate number"), certificate.number),
        (_("Holder"), _holder_text(certificate.holder)),
        (_("Production unit"), _unit_text(certificate.production_unit)),
        (_("Certification system (mark)"), programme.scheme.name),
        (_("Subject"), programme.subject.name),
    ]
    characteristics = _characteristics(version)
    story: list[Flowable] = [
        _p(settings.QUALIMARK_CB_NAME, styles.body_name),
        Spacer(1, 2 * mm),
        _p(_("Technical datasheet %(code)s") % {"code": code}, styles.title),
        Spacer(1, 4 * mm),
        _rows_table(rows, styles, width),
        _p(_("Declared characteristics"), styles.heading),
        Spacer(1, 2 * mm),
    ]
    if characteristics:
        story.append(
            _grid(
                [_("Characteristic"), _("Value"), _("Unit"), _("Test method, class")],
                characteristics,
                styles,
                [width - 120 * mm, 35 * mm, 25 * mm, 60 * mm],
            )
        )
    else:
        story.append(_p(_("No characteristics are declared."), styles.body))
    story += [
        _p(_("Certificate"), styles.heading),
        Spacer(1, 2 * mm),
        _rows_table(certificate_rows, styles, width),
        Spacer(1, 6 * mm),
        _verification_block(
            datasheet.quick_code, verify(datasheet.quick_code, on=day).message, styles, width
        ),
    ]
    title = _("Technical datasheet %(code)s") % {"code": code}
    return _render(story, title=title, language=language, issued=issued)


def _lot_rows(lot_request: LotInspectionRequest) -> list[tuple[str, str]]:
    """What the inspection was: for which mark, against which document, when and where."""
    rows = [(_("Mark requested"), f"{lot_request.scheme.name} ({lot_request.scheme.owner})")]
    if lot_request.subject is not None:
        rows.append((_("Product type"), lot_request.subject.name))
    if lot_request.inspection_document:
        rows.append((_("Inspection document"), lot_request.inspection_document))
    if lot_request.inspected_on is not None:
        rows.append((_("Inspected on"), _day(lot_request.inspected_on)))
    rows.append((_("Place of inspection"), lot_request.location))
    return rows


def _load_lot(pk: int) -> LotConformityDocument:
    return conformity_documents().select_related("issued_by").get(pk=pk)


def lot_conformity_pdf(
    document: LotConformityDocument, *, language: str, on: date | None = None
) -> bytes:
    """The conformity document of a lot as a PDF in `language`, with its verification QR code.

    It exists from its date of issue: for an earlier `on` it raises DocumentNotAvailable.
    """
    return _in_language(language, lambda: _lot_conformity_pdf(document.pk, language, on))


def _lot_conformity_pdf(pk: int, language: str, on: date | None) -> bytes:
    day = on or clock.today()
    issued = clock.now()
    document = _load_lot(pk)
    if day < document.issued_on:
        raise DocumentNotAvailable(
            _("Lot conformity document %(code)s was not yet issued on %(day)s.")
            % {"code": document.formatted_code, "day": _day(day)}
        )
    lot_request = document.request
    styles = _styles()
    width = _frame_width()
    rows = [
        (_("Lot code"), document.formatted_code),
        (_("Product"), document.product),
        (_("Quantity"), document.quantity_text),
        (_("Lot identification"), document.lot_identification),
        *_lot_rows(lot_request),
        (_("Date of issue"), _day(document.issued_on)),
        (_("Issued by"), str(document.issued_by)),
    ]
    title = _("Lot conformity document %(code)s") % {"code": document.formatted_code}
    story: list[Flowable] = [
        _p(settings.QUALIMARK_CB_NAME, styles.body_name),
        Spacer(1, 2 * mm),
        _p(title, styles.title),
        Spacer(1, 3 * mm),
        _p(
            _(
                "%(body)s declares that the lot described below was inspected as a whole "
                "and conforms to the inspection document named. The lot is stamped with its "
                "lot identification and may carry the %(mark)s mark. This document covers "
                "this lot only, in the quantity stated."
            )
            % {"body": settings.QUALIMARK_CB_NAME, "mark": lot_request.scheme.name},
            styles.body,
        ),
        Spacer(1, 4 * mm),
        _rows_table(rows, styles, width),
        Spacer(1, 6 * mm),
        _verification_block(document.code, verify(document.code, on=day).message, styles, width),
    ]
    return _render(story, title=title, language=language, issued=issued)


def lot_refusal_pdf(refusal: LotRefusal, *, language: str) -> bytes:
    """The refusal of a lot as a PDF in `language`: the failed characteristics, no code."""
    return _in_language(language, lambda: _lot_refusal_pdf(refusal.pk, language))


def _lot_refusal_pdf(pk: int, language: str) -> bytes:
    issued = clock.now()
    refusal: LotRefusal = LotRefusal.objects.select_related("issued_by", *REQUEST_SHOWN).get(pk=pk)
    lot_request = refusal.request
    styles = _styles()
    width = _frame_width()
    rows = [
        (_("Request"), lot_request.reference),
        (_("Product"), lot_request.product),
        (_("Quantity"), lot_request.quantity_text),
    ]
    if lot_request.lot_identification:
        rows.append((_("Lot identification"), lot_request.lot_identification))
    rows += [
        *_lot_rows(lot_request),
        (_("Date of issue"), _day(refusal.issued_on)),
        (_("Issued by"), str(refusal.issued_by)),
    ]
    failed = [
        [row.characteristic, row.requirement, row.measured_value]
        for row in refusal.failed_characteristics.all()
    ]
    title = _("Refusal of lot inspection %(reference)s") % {"reference": lot_request.reference}
    story: list[Flowable] = [
        _p(settings.QUALIMARK_CB_NAME, styles.body_name),
        Spacer(1, 2 * mm),
        _p(title, styles.title),
        Spacer(1, 3 * mm),
        _p(
            _(
                "%(body)s declares that the lot described below was inspected and does not "
                "conform: it may not carry the %(mark)s mark. The characteristics that "
                "failed are listed below."
            )
            % {"body": settings.QUALIMARK_CB_NAME, "mark": lot_request.scheme.name},
            styles.body,
        ),
        Spacer(1, 4 * mm),
        _rows_table(rows, styles, width),
        _p(_("Failed characteristics"), styles.heading),
        Spacer(1, 2 * mm),
        _grid(
            [_("Characteristic"), _("Requirement"), _("Measured value")],
            failed,
            styles,
            [width - 90 * mm, 45 * mm, 45 * mm],
        ),
    ]
    return _render(story, title=title, language=language, issued=issued)
