"""Downloads of the public registry: PDFs, QR codes, the subject's people and the open data."""

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils.http import http_date

from qualimark.accounts.models import User
from qualimark.certification.models import Certificate
from qualimark.datasheets.models import Datasheet
from qualimark.datasheets.services import create_datasheet, publish_datasheet_version
from qualimark.parties.models import Person
from qualimark.registry.opendata import export_open_data
from qualimark.schemes.models import Prescription, Region, Subject

PUBLIC_URL = "https://registry.example.be"


@pytest.fixture(autouse=True)
def _public_site(settings: Any) -> None:
    settings.QUALIMARK_PUBLIC_URL = PUBLIC_URL


@pytest.fixture
def datasheet(certified: Certificate, file_manager: User) -> Datasheet:
    sheet = create_datasheet(
        certified,
        by=file_manager,
        product_name="Nonwoven 200",
        trade_name="GeoTex 200",
        characteristics=[{"name": "mass per unit area", "value": 200, "unit": "g/m²"}],
    )
    publish_datasheet_version(sheet.versions.get(), by=file_manager, effective=date(2026, 2, 10))
    return sheet


def html(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def streamed(response: Any) -> bytes:
    """The body of a file download (a streaming response)."""
    return b"".join(response.streaming_content)


# PDFs


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_the_certificate_pdf_downloads_in_the_page_language(
    client: Client, certified: Certificate, language: str
) -> None:
    response = client.get(f"/{language}/certificates/{certified.number}/certificate.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline; filename=")
    assert f"{certified.number}-{language}.pdf" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")


def test_the_pdfs_in_two_languages_differ(client: Client, datasheet: Datasheet) -> None:
    dutch = client.get(f"/nl/datasheets/{datasheet.quick_code}/datasheet.pdf")
    french = client.get(f"/fr/datasheets/{datasheet.quick_code}/datasheet.pdf")
    assert dutch.status_code == french.status_code == 200
    assert dutch["Content-Type"] == french["Content-Type"] == "application/pdf"
    assert dutch.content.startswith(b"%PDF")
    assert french.content.startswith(b"%PDF")
    assert dutch.content != french.content


def test_a_pdf_for_a_past_date_is_available_once_it_was_certified(
    client: Client, certified: Certificate
) -> None:
    url = f"/en/certificates/{certified.number}/certificate.pdf"
    assert client.get(url, {"on": "2026-02-15"}).content.startswith(b"%PDF")
    before = client.get(url, {"on": "2026-01-25"})  # still in its trial period then
    assert before.status_code == 409
    assert "was not certified on 25 January 2026" in before.content.decode()


def test_a_file_in_trial_has_no_pdf_yet_and_its_page_says_so(
    client: Client, in_trial: Certificate
) -> None:
    response = client.get(f"/en/certificates/{in_trial.number}/certificate.pdf")
    assert response.status_code == 409
    assert "there is no certificate to print" in response.content.decode()
    page = html(client, f"/en/certificates/{in_trial.number}/")
    assert "Download the certificate (PDF)" not in page
    assert "There is no certificate to download before it is granted." in page


@pytest.mark.parametrize("on", ["16/03/2026", "2026-02-30", "tomorrow", "2026-3-1", "\x00"])
def test_a_bad_date_gives_a_message_not_an_error(
    client: Client, datasheet: Datasheet, on: str
) -> None:
    for url in (
        f"/en/datasheets/{datasheet.quick_code}/datasheet.pdf",
        f"/en/certificates/{datasheet.certificate.number}/certificate.pdf",
    ):
        response = client.get(url, {"on": on})
        assert response.status_code == 400
        assert "for example ?on=2026-03-14" in response.content.decode()


def test_what_is_not_public_cannot_be_downloaded(
    client: Client, application: Certificate, file_manager: User
) -> None:
    draft = create_datasheet(application, by=file_manager, product_name="Draft", trade_name="D")
    for url in (
        f"/en/certificates/{application.number}/certificate.pdf",
        f"/en/certificates/{application.number}/qr.svg",
        f"/en/certificates/{application.number}/qr.png",
        f"/en/datasheets/{draft.quick_code}/datasheet.pdf",
        f"/en/datasheets/{draft.quick_code}/qr.svg",
        f"/en/datasheets/{draft.quick_code}/qr.png",
        "/en/certificates/NOPE-1/certificate.pdf",
        "/en/datasheets/%00/datasheet.pdf",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"%PDF" not in response.content


# QR codes and the detail pages


def test_the_qr_codes_of_a_datasheet_are_svg_and_png_and_cached(
    client: Client, datasheet: Datasheet
) -> None:
    svg = client.get(f"/en/datasheets/{datasheet.quick_code}/qr.svg")
    png = client.get(f"/en/datasheets/{datasheet.quick_code}/qr.png")
    assert svg["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in svg.content
    assert b'xmlns="http://www.w3.org/2000/svg"' in svg.content
    assert f"{PUBLIC_URL}/v/{datasheet.quick_code}".encode() in svg.content
    assert png["Content-Type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")
    for response in (svg, png):
        assert "max-age=" in response["Cache-Control"]
        assert "public" in response["Cache-Control"]


def test_the_certificate_page_shows_its_qr_code_address_and_downloads(
    client: Client, certified: Certificate
) -> None:
    page = html(client, f"/fr/certificates/{certified.number}/")
    assert f'<img class="qr" src="/fr/certificates/{certified.number}/qr.svg"' in page
    assert 'alt="' in page.split('<img class="qr"')[1].split(">")[0]
    assert f"<code>{PUBLIC_URL}/v/{certified.number}</code>" in page
    assert f'href="/fr/certificates/{certified.number}/certificate.pdf"' in page
    assert f'href="/fr/certificates/{certified.number}/qr.png"' in page
    assert client.get(f"/fr/certificates/{certified.number}/qr.png").status_code == 200


def test_the_datasheet_page_shows_its_qr_code_address_and_downloads(
    client: Client, datasheet: Datasheet
) -> None:
    code = datasheet.quick_code
    page = html(client, f"/en/datasheets/{code}/")
    assert f'<img class="qr" src="/en/datasheets/{code}/qr.svg"' in page
    assert f'alt="QR code that opens {PUBLIC_URL}/v/{code}"' in page
    assert f"<code>{PUBLIC_URL}/v/{code}</code>" in page
    assert f'href="/en/datasheets/{code}/datasheet.pdf"' in page
    assert "Download the datasheet (PDF)" in page
    assert f'href="/en/datasheets/{code}/qr.png"' in page


# The subject page


def test_the_subject_page_shows_committee_team_and_prescriptions(
    client: Client, geotextiles: Subject
) -> None:
    geotextiles.committee_en = "Sectoral Committee Geotextiles"
    geotextiles.committee_nl = "Sectorcommissie Geotextielen"
    geotextiles.save()
    geotextiles.team.add(
        Person.objects.create(
            first_name="Lies",
            last_name="Janssens",
            email="lies@copro.example",
            phone="02 468 00 95",
        )
    )
    Prescription.objects.create(
        subject=geotextiles,
        specification="Standaardbestek 250",
        region=Region.FLANDERS,
        since_version="4.1",
    )
    page = html(client, "/en/subjects/geotextiles/")
    assert "Sectoral Committee Geotextiles" in page
    assert "Lies Janssens" in page
    assert 'href="mailto:lies@copro.example"' in page
    assert "02 468 00 95" in page
    assert "Prescribed by" in page
    assert "Standaardbestek 250 (Flanders), since version 4.1" in page
    assert "Sectorcommissie Geotextielen" in html(client, "/nl/subjects/geotextiles/")


def test_a_subject_without_committee_team_or_prescription_shows_none_of_them(
    client: Client, geotextiles: Subject
) -> None:
    page = html(client, "/en/subjects/geotextiles/")
    assert "Committee" not in page
    assert "Prescribed by" not in page
    assert 'id="team-title"' not in page


# Open data


@pytest.fixture
def open_data_dir(tmp_path: Path, settings: Any) -> Path:
    directory = tmp_path / "open-data"
    settings.QUALIMARK_OPEN_DATA_DIR = directory
    return directory


def test_the_open_data_page_says_when_nothing_was_exported_yet(
    client: Client, db: None, open_data_dir: Path
) -> None:
    page = html(client, "/en/open-data/")
    assert "The open-data export has not been generated yet." in page
    assert "qualimark export-open-data" in page
    assert "<code>holder_enterprise_number</code>" in page  # the columns are documented anyway
    assert client.get("/open-data/certificates.csv").status_code == 404


def test_the_open_data_page_lists_the_exported_files(
    client: Client, certified: Certificate, open_data_dir: Path
) -> None:
    summary = export_open_data(open_data_dir)
    page = html(client, "/en/open-data/")
    assert 'href="/open-data/certificates.csv"' in page
    assert 'href="/open-data/status_history.jsonl"' in page
    certificates = next(f for f in summary.files if f.name == "certificates.csv")
    assert certificates.sha256 in page
    assert "Generated on 16 March 2026" in page
    assert 'href="/api/v1/docs"' in page
    french = html(client, "/fr/open-data/")
    assert 'href="/open-data/certificates.csv"' in french


def test_the_column_descriptions_follow_the_page_language(
    client: Client, db: None, open_data_dir: Path
) -> None:
    english = html(client, "/en/open-data/")
    assert "Name of the holder." in english
    # The page is built from the documented column list, so every column appears.
    assert english.count("<dt><code>") >= 40


def test_open_data_files_download_with_their_type_and_date(
    client: Client, certified: Certificate, open_data_dir: Path
) -> None:
    export_open_data(open_data_dir)
    csv = client.get("/open-data/certificates.csv")
    assert csv.status_code == 200
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    body = streamed(csv)
    assert body.startswith(b"number,scheme,")
    assert certified.number.encode() in body
    modified = csv["Last-Modified"]
    jsonl = client.get("/open-data/datasheets.jsonl")
    assert jsonl["Content-Type"].split(";")[0] in ("application/x-ndjson", "application/jsonl")
    manifest = client.get("/open-data/manifest.json")
    assert manifest["Content-Type"] == "application/json"
    assert json.loads(streamed(manifest))["files"]
    again = client.get("/open-data/certificates.csv", HTTP_IF_MODIFIED_SINCE=modified)
    assert again.status_code == 304
    stale = client.get("/open-data/certificates.csv", HTTP_IF_MODIFIED_SINCE=http_date(0))
    assert stale.status_code == 200


@pytest.mark.parametrize(
    "name",
    [
        "unknown.csv",
        "..%2Fsettings.py",
        "%2e%2e",
        "..",
        ".",
        "%2e%2e%2fmanifest.json",
        "..%5Cmanifest.json",
        "%00",
    ],
)
def test_only_the_files_of_the_manifest_are_served(
    client: Client, db: None, open_data_dir: Path, name: str
) -> None:
    export_open_data(open_data_dir)
    (open_data_dir / "secret.csv").write_text("not listed\n", encoding="utf-8")
    (open_data_dir.parent / "settings.py").write_text("SECRET = 1\n", encoding="utf-8")
    for url in (f"/open-data/{name}", "/open-data/../settings.py", "/open-data/secret.csv"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"SECRET" not in response.content
        assert b"not listed" not in response.content


def test_a_broken_manifest_reads_as_no_export(
    client: Client, db: None, open_data_dir: Path
) -> None:
    open_data_dir.mkdir()
    (open_data_dir / "manifest.json").write_text('{"files": [{"name": "../x"}', encoding="utf-8")
    assert "has not been generated yet" in html(client, "/en/open-data/")
    assert client.get("/open-data/manifest.json").status_code == 404


def test_the_navigation_leads_to_open_data_and_the_footer_to_the_api_docs(
    client: Client, db: None
) -> None:
    page = html(client, "/nl/")
    assert 'href="/nl/open-data/"' in page
    assert 'href="/api/v1/docs"' in page
