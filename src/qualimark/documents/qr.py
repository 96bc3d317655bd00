"""QR codes of verification links, ready to print on a delivery note, a label or a PDF.

The code encodes the short verification URL of a certificate number, a quick code or a
lot code (see `qualimark.links`), never a database id, so that a label printed today
still answers in ten years. Error correction level M survives a scuffed label (about
15 % of the modules) while keeping the symbol small; the quiet zone of four modules is
the one the standard asks for, so that phone cameras find the symbol on a busy page.
"""

import io

import segno

from qualimark.links import verification_url

ERROR_CORRECTION = "m"
QUIET_ZONE = 4  # modules, as ISO/IEC 18004 asks


def qr_code(code: str) -> segno.QRCode:
    """The QR symbol of the verification URL of `code` (a regular QR code, never a micro one)."""
    return segno.make(
        verification_url(code), error=ERROR_CORRECTION, boost_error=False, micro=False
    )


def qr_svg(code: str, *, scale: int = 4) -> str:
    """An inline SVG element of the QR code of `code`, for web pages."""
    url = verification_url(code)
    return qr_code(code).svg_inline(
        scale=scale, border=QUIET_ZONE, title=url, svgclass="qr", lineclass=None
    )


def qr_png(code: str, scale: int = 4) -> bytes:
    """The QR code of `code` as PNG bytes, `scale` pixels per module."""
    buffer = io.BytesIO()
    qr_code(code).save(buffer, kind="png", scale=scale, border=QUIET_ZONE)
    return buffer.getvalue()
