"""One-page PDFs standing for the documents people of the demo send: an application's
documents, the photos sent with a comment on a report, the letter a decision rests on."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from qualimark.demo.rows import slug


def one_page_pdf(title: str, *lines: str) -> SimpleUploadedFile:
    """A PDF titled `title` with `lines` under it, as an upload named after the title."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setTitle(title)
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(72, 760, title)
    canvas.setFont("Helvetica", 11)
    for number, line in enumerate((*lines, "Qualimark demo")):
        canvas.drawString(72, 736 - 18 * number, line)
    canvas.showPage()
    canvas.save()
    return SimpleUploadedFile(
        f"{slug(title)[:40]}.pdf", buffer.getvalue(), content_type="application/pdf"
    )
