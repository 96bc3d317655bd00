"""Reading the registry through the API: detail answers pinned, only public objects shown."""

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from pytest_django.fixtures import Settings

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate
from qualimark.datasheets import quickcodes
from qualimark.datasheets.models import Datasheet
from qualimark.datasheets.services import (
    add_datasheet_version,
    create_datasheet,
    publish_datasheet_version,
    supersede_datasheet,
)
from qualimark.parties.models import Organisation
from qualimark.schemes.models import DocumentFile, ReferenceDocument

HOLDER = {"name": "Geotex Belgium", "enterprise_number": "0403.170.701"}
SCHEME = {"code": "BENOR", "name": "BENOR"}
SUBJECT = {"code": "geotextiles", "kind": "product", "name": "Geotextiles"}
CERTIFICATE_SUMMARY = {
    "number": "BENOR-000001",
    "scheme": SCHEME,
    "subject": SUBJECT,
    "holder": HOLDER,
    "production_unit": "Plant Gent-Zeehaven, Gent",
    "status": "certified",
    "verification_url": "http://127.0.0.1:8000/v/BENOR-000001",
}
PTV_829_IN_FORCE = {
    "kind": "PTV",
    "number": "829",
    "title": "Geotextielen en verwante producten",
    "version": "2021.2",
    "first_day": "2021-10-01",
    "last_day": None,
}


@pytest.fixture
def datasheet(certified: Certificate, file_manager: User) -> Datasheet:
    sheet = create_datasheet(
        certified, by=file_manager, product_name="Nonwoven 200", trade_name="GeoTex NW 200"
    )
    publish_datasheet_version(sheet.versions.get(), by=file_manager, effective=date(2026, 2, 10))
    return sheet


def get(client: Client, path: str) -> tuple[int, Any]:
    response = client.get(f"/api/v1{path}", headers={"accept-language": "en"})
    assert response["Content-Type"].startswith("application/json")
    return response.status_code, response.json()


def error_code(client: Client, path: str) -> tuple[int, str]:
    status, body = get(client, path)
    return status, body["error"]["code"]


def test_a_certificate_shows_its_whole_timeline_with_inclusive_last_days(
    client: Client, datasheet: Datasheet, decision_maker: User
) -> None:
    certification.suspend_certificate(
        datasheet.certificate,
        by=decision_maker,
        reason="Nonconformities.",
        effective=date(2026, 3, 2),
        until=date(2026, 4, 1),
    )
    expected = {
        "number": "BENOR-000001",
        "scheme": SCHEME,
        "subject": SUBJECT,
        "holder": HOLDER,
        "production_unit": {
            "name": "Plant Gent-Zeehaven",
            "street": "Zeehaven 4",
            "postal_code": "9000",
            "town": "Gent",
            "country": "BE",
        },
        "applied_on": "2026-01-05",
        "expires_on": None,
        "status": "suspended",
        "valid": False,
        "timeline": [
            {"status": "applied", "first_day": "2026-01-05", "last_day": "2026-01-11"},
            {"status": "admissible", "first_day": "2026-01-12", "last_day": "2026-01-18"},
            {"status": "trial", "first_day": "2026-01-19", "last_day": "2026-02-01"},
            {"status": "certified", "first_day": "2026-02-02", "last_day": "2026-03-01"},
            {"status": "suspended", "first_day": "2026-03-02", "last_day": "2026-03-31"},
            {"status": "certified", "first_day": "2026-04-01", "last_day": None},
        ],
        "documents": [PTV_829_IN_FORCE],
        "datasheets": [
            {
                "quick_code": datasheet.quick_code,
                "product_name": "Nonwoven 200",
                "status": "published",
                "verification_url": f"http://127.0.0.1:8000/v/{datasheet.quick_code}",
            }
        ],
        "verification_url": "http://127.0.0.1:8000/v/BENOR-000001",
    }
    assert get(client, "/certificates/BENOR-000001") == (200, expected)
    assert get(client, "/certificates/benor-000001")[0] == 200


def test_a_file_in_trial_period_is_public_as_such(client: Client, in_trial: Certificate) -> None:
    status, body = get(client, "/certificates/BENOR-000001")
    assert (status, body["status"], body["valid"]) == (200, "trial", False)


def test_an_application_that_never_reached_the_trial_is_not_found(
    client: Client, application: Certificate
) -> None:
    assert error_code(client, "/certificates/BENOR-000001") == (404, "not_found")
    assert error_code(client, "/holders/0403170701") == (404, "not_found")


def test_a_datasheet_shows_its_versions_and_its_replacement(
    client: Client, datasheet: Datasheet, file_manager: User
) -> None:
    version = add_datasheet_version(
        datasheet, by=file_manager, trade_name="GeoTex NW 200+", characteristics=[]
    )
    publish_datasheet_version(version, by=file_manager, effective=date(2026, 3, 1))
    successor = create_datasheet(
        datasheet.certificate, by=file_manager, product_name="Nonwoven 220", trade_name="NW 220"
    )
    publish_datasheet_version(successor.versions.get(), by=file_manager)
    supersede_datasheet(datasheet, by=file_manager, replacement=successor)

    expected = {
        "quick_code": datasheet.quick_code,
        "product_name": "Nonwoven 200",
        "trade_name": "GeoTex NW 200+",
        "version": None,
        "status": "superseded",
        "outcome": "superseded",
        "valid": False,
        "certificate": CERTIFICATE_SUMMARY,
        "timeline": [
            {
                "status": "published",
                "first_day": "2026-02-10",
                "last_day": "2026-02-28",
                "version": 1,
                "superseded_by": None,
            },
            {
                "status": "published",
                "first_day": "2026-03-01",
                "last_day": "2026-03-15",
                "version": 2,
                "superseded_by": None,
            },
            {
                "status": "superseded",
                "first_day": "2026-03-16",
                "last_day": None,
                "version": None,
                "superseded_by": successor.quick_code,
            },
        ],
        "verification_url": f"http://127.0.0.1:8000/v/{datasheet.quick_code}",
    }
    assert get(client, f"/datasheets/{datasheet.quick_code}") == (200, expected)


def test_an_unpublished_datasheet_is_not_found(
    client: Client, certified: Certificate, file_manager: User
) -> None:
    draft = create_datasheet(certified, by=file_manager, product_name="Draft", trade_name="D")
    assert error_code(client, f"/datasheets/{draft.quick_code}") == (404, "not_found")


def test_a_mistyped_quick_code_is_a_404_that_suggests_the_code_meant(
    client: Client, datasheet: Datasheet
) -> None:
    code = datasheet.quick_code
    typo = code[:2] + str((int(code[2]) + 1) % 10) + code[3:]
    formatted = quickcodes.format_code
    assert formatted(typo) != formatted(code)
    status, body = get(client, f"/datasheets/{typo}")
    assert status == 404
    assert body["error"]["code"] == "mistyped_code"
    assert body["error"]["suggestions"] == [code]
    assert "check digit" in body["error"]["message"]


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/datasheets/abcdefgh", 400, "malformed_code"),
        (f"/datasheets/{quickcodes.with_check_digit('7654321')}", 404, "not_found"),
        ("/certificates/BENOR-999999", 404, "not_found"),
        ("/holders/0403.170.702", 400, "malformed_code"),
        ("/holders/123", 400, "malformed_code"),
        ("/holders/0202239951", 404, "not_found"),
        ("/schemes/NOPE", 404, "not_found"),
        ("/subjects/nope", 404, "not_found"),
        ("/no/such/address", 404, "not_found"),
        ("/search?per_page=101", 422, "invalid_input"),
        ("/search?kind=lots", 422, "invalid_input"),
        ("/search?on=16/03/2026", 400, "bad_date"),
        ("/search?q=geo%00tex", 422, "invalid_input"),
        ("/verify/BENOR-000001?on=2026-13-01", 400, "bad_date"),
    ],
)
def test_each_error_has_its_stable_code(
    client: Client, datasheet: Datasheet, path: str, status: int, code: str
) -> None:
    assert error_code(client, path) == (status, code)


def test_a_refused_method_is_answered_in_json(client: Client, db: None) -> None:
    response = client.delete("/api/v1/schemes")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
    assert response["Allow"] == "GET"


def test_a_holder_shows_its_units_and_public_certificates(
    client: Client, certified: Certificate, holder: Organisation
) -> None:
    expected = {
        "name": "Geotex Belgium",
        "trade_name": "",
        "enterprise_number": "0403.170.701",
        "country": "BE",
        "postal_code": "9000",
        "town": "Gent",
        "production_units": [
            {
                "name": "Plant Gent-Zeehaven",
                "street": "Zeehaven 4",
                "postal_code": "9000",
                "town": "Gent",
                "country": "BE",
            }
        ],
        "certificates": [CERTIFICATE_SUMMARY],
    }
    assert get(client, "/holders/0403.170.701") == (200, expected)
    assert get(client, "/holders/BE0403170701")[0] == 200


def test_schemes_and_subjects_are_listed_with_what_links_them(
    client: Client, certified: Certificate
) -> None:
    scheme = {
        "code": "BENOR",
        "name": "BENOR",
        "owner": "NBN (BENOR vzw)",
        "kind": "product",
        "validity_years": None,
        "description": "",
    }
    assert get(client, "/schemes") == (200, [scheme])
    assert get(client, "/schemes/benor") == (200, {**scheme, "subjects": [SUBJECT]})
    subject = {**SUBJECT, "schemes": ["BENOR"]}
    assert get(client, "/subjects") == (200, [subject])
    programme = {"scheme": SCHEME, "documents": [PTV_829_IN_FORCE]}
    assert get(client, "/subjects/geotextiles") == (200, {**subject, "programmes": [programme]})


def test_documents_list_every_version_with_its_period_and_languages(
    client: Client, ptv_829: ReferenceDocument, settings: Settings, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    current = ptv_829.versions.get(label="2021.2")
    for language in ("fr", "nl"):
        DocumentFile.objects.create(
            version=current, language=language, file=ContentFile(b"%PDF", name=f"{language}.pdf")
        )
    expected = [
        {
            "kind": "PTV",
            "number": "829",
            "title": "Geotextielen en verwante producten",
            "subjects": [],
            "versions": [
                {
                    "label": "2021.2",
                    "first_day": "2021-10-01",
                    "last_day": None,
                    "languages": ["fr", "nl"],
                    "inspections_min_per_year": None,
                    "inspections_max_per_year": None,
                },
                {
                    "label": "2019.1",
                    "first_day": "2019-01-01",
                    "last_day": "2021-09-30",
                    "languages": [],
                    "inspections_min_per_year": None,
                    "inspections_max_per_year": None,
                },
            ],
        }
    ]
    assert get(client, "/documents") == (200, expected)


def test_search_answers_a_page_with_its_total(client: Client, datasheet: Datasheet) -> None:
    status, body = get(client, "/search?q=Geotex&kind=certificates&per_page=5")
    assert status == 200
    assert (body["total"], body["page"], body["per_page"], body["pages"]) == (1, 1, 5, 1)
    assert body["on"] == "2026-03-16"
    assert body["results"] == [
        {
            "kind": "certificates",
            "certificate": CERTIFICATE_SUMMARY,
            "datasheet": None,
            "holder": HOLDER,
            "status": "certified",
        }
    ]


def test_search_reads_statuses_on_the_date_asked(client: Client, datasheet: Datasheet) -> None:
    status, body = get(client, "/search?q=Geotex&status=trial&on=2026-01-20")
    assert (status, body["total"], body["results"][0]["status"]) == (200, 1, "trial")
    status, body = get(client, "/search?q=Geotex&status=trial")
    assert (status, body["total"], body["results"]) == (200, 0, [])
