"""QR codes and PDFs: what a holder prints and a site supervisor reads and scans."""

import base64
import io
import re
import zlib
from datetime import date
from typing import Any

import pytest
import segno
from PIL import Image

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate
from qualimark.datasheets import quickcodes
from qualimark.datasheets.models import Datasheet
from qualimark.datasheets.services import (
    add_datasheet_version,
    create_datasheet,
    publish_datasheet_version,
    withdraw_datasheet,
)
from qualimark.documents.pdf import DocumentNotAvailable, certificate_pdf, datasheet_pdf
from qualimark.documents.qr import qr_png, qr_svg
from qualimark.parties.services import register_organisation
from qualimark.schemes.models import Kind, Programme, Scheme, Subject

PUBLIC_URL = "https://registry.example.be"
CB_NAME = "COPRO vzw"
JAN_6, JAN_7, MAR_1 = date(2026, 1, 6), date(2026, 1, 7), date(2026, 3, 1)


@pytest.fixture(autouse=True)
def _public_site(settings: Any) -> None:
    settings.QUALIMARK_PUBLIC_URL = PUBLIC_URL
    settings.QUALIMARK_CB_NAME = CB_NAME


@pytest.fixture
def datasheet(certified: Certificate, file_manager: User) -> Datasheet:
    sheet = create_datasheet(
        certified,
        by=file_manager,
        product_name="Nonwoven geotextile 200",
        trade_name="Geoflëx NW 200",
        characteristics=[
            {"name": "mass per unit area", "value": 200, "unit": "g/m²"},
            {"name": "tensile strength (MD)", "value": 12.5, "unit": "kN/m"},
        ],
    )
    publish_datasheet_version(sheet.versions.get(), by=file_manager, effective=date(2026, 2, 10))
    return sheet


# -- reading what was produced -------------------------------------------------------------


def _modules(pixels: Image.Image, *, scale: int) -> list[list[bool]]:
    """The dark/light modules of a QR image drawn at `scale` pixels per module."""
    grey = pixels.convert("L")
    size, half = grey.width // scale, scale // 2
    values = grey.tobytes()
    return [
        [values[(y * scale + half) * grey.width + x * scale + half] < 128 for x in range(size)]
        for y in range(size)
    ]


def _expected_modules(url: str, *, border: int = 4) -> list[list[bool]]:
    """The modules of the level-M QR code of `url`, with its quiet zone."""
    code = segno.make(url, error="m", boost_error=False, micro=False)
    return [[bool(m) for m in row] for row in code.matrix_iter(scale=1, border=border)]


_STREAM = re.compile(rb"obj\s*<<((?:(?!endobj).)*?)>>\s*stream\r?\n(.*?)\s*endstream", re.DOTALL)


def _streams(pdf: bytes) -> list[tuple[bytes, bytes]]:
    """Each stream of the PDF as (dictionary, decoded data)."""
    decoded = []
    for header, data in _STREAM.findall(pdf):
        if b"ASCII85Decode" in header:
            data = base64.a85decode(data.strip(), adobe=True)
        if b"FlateDecode" in header:
            data = zlib.decompress(data)
        decoded.append((header, data))
    return decoded


def _unescape(literal: bytes) -> bytes:
    def replace(match: re.Match[bytes]) -> bytes:
        escaped = match.group(1)
        if escaped[:1].isdigit():
            return bytes([int(escaped, 8)])
        return {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}.get(
            escaped, escaped
        )

    return re.sub(rb"\\([0-7]{1,3}|.)", replace, literal, flags=re.DOTALL)


def pdf_text(pdf: bytes) -> str:
    """The text drawn on the pages, its lines joined by spaces (a wrapped line reads on)."""
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    lines = []
    for header, data in _streams(pdf):
        if b"/Subtype /Image" in header:
            continue
        for literal in re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", data, flags=re.DOTALL):
            lines.append(_unescape(literal).decode("cp1252"))
    return " ".join(lines)


def pdf_qr_modules(pdf: bytes) -> list[list[bool]]:
    """The modules of the (one) image drawn in the PDF: the QR code."""
    images = [(h, d) for h, d in _streams(pdf) if b"/Subtype /Image" in h]
    assert len(images) == 1
    header, data = images[0]
    width = int(re.search(rb"/Width (\d+)", header).group(1))  # type: ignore[union-attr]
    height = int(re.search(rb"/Height (\d+)", header).group(1))  # type: ignore[union-attr]
    mode = {1: "L", 3: "RGB"}[len(data) // (width * height)]
    return _modules(Image.frombytes(mode, (width, height), data), scale=8)


# -- QR codes ------------------------------------------------------------------------------


def test_the_qr_code_of_a_quick_code_holds_its_verification_url_with_a_quiet_zone() -> None:
    modules = _modules(Image.open(io.BytesIO(qr_png("12345678", scale=5))), scale=5)

    assert modules == _expected_modules("https://registry.example.be/v/12345678")
    assert modules != _expected_modules("https://registry.example.be/v/12345679")
    quiet = modules[:4] + modules[-4:] + [row[:4] + row[-4:] for row in modules]
    assert not any(any(row) for row in quiet)


def test_the_qr_code_uses_error_correction_level_m() -> None:
    modules = _modules(Image.open(io.BytesIO(qr_png("BENOR-000001", scale=2))), scale=2)

    url = "https://registry.example.be/v/BENOR-000001"
    for level in ("l", "q", "h"):
        other = segno.make(url, error=level, boost_error=False, micro=False)
        assert modules != [[bool(m) for m in row] for row in other.matrix_iter(border=4)]
    assert modules == _expected_modules(url)


def test_the_svg_qr_code_names_the_address_it_leads_to() -> None:
    svg = qr_svg("12345678")

    assert svg.startswith("<svg")
    assert "<title>https://registry.example.be/v/12345678</title>" in svg
    assert svg != qr_svg("12345679")


# -- the certificate -----------------------------------------------------------------------


def test_a_certificate_pdf_states_body_holder_scope_documents_and_dates(
    certified: Certificate,
) -> None:
    text = pdf_text(certificate_pdf(certified, language="en"))

    for expected in (
        "COPRO vzw",
        "Geotex Belgium",
        "Industrieweg 12",
        "0403.170.701",
        "Plant Gent-Zeehaven",
        "Zeehaven 4",
        certified.number,
        "BENOR",
        "Geotextiles",
        "PTV 829",
        "2021.2",
        "2 February 2026",  # date of grant
        "Status on 16 March 2026",
        "certified",
        "https://registry.example.be/v/" + certified.number,
        "16 March 2026, 10:00",  # issued
    ):
        assert expected in text, expected
    assert "2019.1" not in text  # a version no longer in force
    assert "no fixed expiry date" in text


def test_the_certificate_pdf_carries_the_qr_code_of_its_verification_url(
    certified: Certificate,
) -> None:
    modules = pdf_qr_modules(certificate_pdf(certified, language="en"))

    assert modules == _expected_modules("https://registry.example.be/v/" + certified.number)


def test_a_certificate_pdf_is_written_in_the_language_asked(certified: Certificate) -> None:
    french = pdf_text(certificate_pdf(certified, language="fr"))
    dutch = pdf_text(certificate_pdf(certified, language="nl"))

    assert "Géotextiles" in french
    assert "16 mars 2026" in french
    assert "certifié" in french
    assert "Geotextielen" in dutch
    assert "16 maart 2026" in dutch
    assert "gecertificeerd" in dutch
    assert "March" not in french
    assert "March" not in dutch


def test_a_suspended_certificate_pdf_says_so(certified: Certificate, decision_maker: User) -> None:
    certification.suspend_certificate(
        certified, by=decision_maker, reason="Nonconformity.", effective=date(2026, 3, 2)
    )

    text = pdf_text(certificate_pdf(certified, language="en"))

    assert "suspended" in text
    assert "2 March 2026" in text
    assert "2 February 2026" in text  # the grant date stays the first grant


def test_a_certificate_pdf_on_an_earlier_date_shows_the_status_then(
    certified: Certificate, decision_maker: User
) -> None:
    certification.suspend_certificate(
        certified, by=decision_maker, reason="Nonconformity.", effective=date(2026, 3, 2)
    )

    text = pdf_text(certificate_pdf(certified, language="en", on=date(2026, 2, 20)))

    assert "Status on 20 February 2026" in text
    assert "suspended" not in text


def test_a_file_not_yet_granted_has_no_certificate_to_print(in_trial: Certificate) -> None:
    with pytest.raises(DocumentNotAvailable):
        certificate_pdf(in_trial, language="en")


def test_a_certificate_granted_later_cannot_be_printed_for_an_earlier_date(
    certified: Certificate,
) -> None:
    with pytest.raises(DocumentNotAvailable):
        certificate_pdf(certified, language="en", on=date(2026, 1, 30))


def test_an_execution_certificate_names_no_production_unit(
    file_manager: User, decision_maker: User
) -> None:
    scheme = Scheme.objects.create(
        code="COPRO.EXE", name="COPRO.EXE", owner="COPRO", kind=Kind.EXECUTION
    )
    subject = Subject.objects.create(
        code="road-markings",
        kind=Kind.EXECUTION,
        name_nl="Wegmarkeringen",
        name_fr="Marquages routiers",
        name_en="Road markings",
    )
    executor = register_organisation(
        by=file_manager,
        name="Signalisatie Loë & Zonen",
        enterprise_number="0200.000.043",
        town="Brugge",
    )
    file = certification.apply_for_certification(
        holder=executor,
        programme=Programme.objects.create(scheme=scheme, subject=subject),
        by=file_manager,
        applied_on=date(2026, 1, 5),
    )
    certification.admit_application(file, by=file_manager, reason="ok", effective=date(2026, 1, 6))
    certification.start_trial_period(file, by=file_manager, reason="ok", effective=date(2026, 1, 7))
    certification.grant_certificate(
        file, by=decision_maker, reason="ok", effective=date(2026, 3, 1)
    )

    text = pdf_text(certificate_pdf(file, language="en"))

    assert "Signalisatie Loë & Zonen" in text
    assert "execution certification" in text
    assert "Road markings" in text
    assert "No reference document is recorded" in text


# -- the datasheet -------------------------------------------------------------------------


def test_a_datasheet_pdf_states_the_product_its_characteristics_and_its_certificate(
    datasheet: Datasheet, certified: Certificate
) -> None:
    text = pdf_text(datasheet_pdf(datasheet, language="en"))

    for expected in (
        "COPRO vzw",
        quickcodes.format_code(datasheet.quick_code),
        "Geoflëx NW 200",
        "Nonwoven geotextile 200",
        "1, published on 10 February 2026",
        "mass per unit area",
        "g/m²",
        "12.5",
        certified.number,
        "Geotex Belgium",
        "Plant Gent-Zeehaven",
        "BENOR",
        "Geotextiles",
        "is valid on 16 March 2026",
        "https://registry.example.be/v/" + datasheet.quick_code,
    ):
        assert expected in text, expected
    assert pdf_qr_modules(datasheet_pdf(datasheet, language="en")) == _expected_modules(
        "https://registry.example.be/v/" + datasheet.quick_code
    )


def test_a_datasheet_pdf_shows_the_version_in_force_on_its_date(
    datasheet: Datasheet, file_manager: User
) -> None:
    version = add_datasheet_version(
        datasheet,
        by=file_manager,
        trade_name="Geoflëx NW 200 Plus",
        characteristics=[{"name": "mass per unit area", "value": 210, "unit": "g/m²"}],
    )
    publish_datasheet_version(version, by=file_manager, effective=date(2026, 3, 10))

    now = pdf_text(datasheet_pdf(datasheet, language="en"))
    before = pdf_text(datasheet_pdf(datasheet, language="en", on=date(2026, 3, 1)))

    assert "Geoflëx NW 200 Plus" in now
    assert "2, published on 10 March 2026" in now
    assert "Geoflëx NW 200 Plus" not in before
    assert "1, published on 10 February 2026" in before


def test_a_datasheet_pdf_in_french_formats_numbers_and_dates_in_french(
    datasheet: Datasheet,
) -> None:
    text = pdf_text(datasheet_pdf(datasheet, language="fr"))

    assert "12,5" in text
    assert "10 février 2026" in text
    assert "Géotextiles" in text


def test_a_withdrawn_datasheet_pdf_says_it_is_no_longer_valid(
    datasheet: Datasheet, file_manager: User
) -> None:
    withdraw_datasheet(
        datasheet, by=file_manager, reason="Discontinued.", effective=date(2026, 3, 12)
    )

    text = pdf_text(datasheet_pdf(datasheet, language="en"))

    assert "withdrawn on 12 March 2026" in text
    assert "Geoflëx NW 200" in text


def test_an_unpublished_datasheet_has_no_pdf(certified: Certificate, file_manager: User) -> None:
    draft = create_datasheet(certified, by=file_manager, product_name="Woven", trade_name="GT W")

    with pytest.raises(DocumentNotAvailable):
        datasheet_pdf(draft, language="en")
