"""States of the holder portal: a certified file with a datasheet, a report, an application.

Every state is reached through the services, as the users of the portal would reach it.
"""

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from qualimark.accounts.models import User
from qualimark.applications.models import RequiredDocument
from qualimark.certification.models import Certificate
from qualimark.datasheets.models import Datasheet
from qualimark.datasheets.services import create_datasheet, publish_datasheet_version
from qualimark.oversight import planning, reports, services
from qualimark.oversight.models import FindingKind, Inspection, InspectionBody
from qualimark.schemes.models import (
    DocumentVersion,
    Programme,
)

TODAY = date(2026, 3, 16)  # a Monday; the suite's clock
PDF_BYTES = b"%PDF-1.4\n% a tiny test document\n"


@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    """These tests read the portal in English (its addresses start with /en/)."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def url(name: str, *args: Any) -> str:
    """The address of a portal page, in English."""
    return reverse(f"portal:{name}", args=args)


@pytest.fixture
def login(client: Client) -> Callable[[User], Client]:
    """Sign `user` in on the test client and return the client."""

    def sign_in(user: User) -> Client:
        client.force_login(user)
        return client

    return sign_in


def pdf_upload(name: str = "fpc-manual.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


@pytest.fixture
def required_documents(geotextiles_benor: Programme) -> list[RequiredDocument]:
    """What the regulation asks an applicant for geotextiles to upload."""
    return [
        RequiredDocument.objects.create(
            programme=geotextiles_benor,
            name_nl="Handboek productiecontrole",
            name_fr="Manuel du contrôle de production",
            name_en="Factory production control manual",
            mandatory=True,
            position=1,
        ),
        RequiredDocument.objects.create(
            programme=geotextiles_benor,
            name_nl="Organigram",
            name_fr="Organigramme",
            name_en="Organisation chart",
            mandatory=False,
            position=2,
        ),
    ]


@pytest.fixture
def planned(
    certified: Certificate,
    tra_829: DocumentVersion,
    body: InspectionBody,
    inspector: User,
    file_manager: User,
) -> Inspection:
    return planning.plan_inspection(
        certified, by=file_manager, body=body, inspector=inspector, planned_on=TODAY
    )


@pytest.fixture
def sent(
    planned: Inspection,
    inspector: User,
    ptv_version: DocumentVersion,
    holder_member: User,
    file_manager: User,
) -> Inspection:
    """Visited today with a major nonconformity and a sample; the report sent today.

    Comments are open until Monday 23 March 2026 inclusive.
    """
    services.carry_out_inspection(
        planned, by=inspector, visited_on=TODAY, summary="Production and FPC visited."
    )
    services.add_finding(
        planned,
        by=inspector,
        kind=FindingKind.MAJOR,
        requirement=ptv_version,
        clause="5.2",
        requirement_text="Tensile strength tested on every production lot.",
        observation="No tensile test recorded for lots 2026-031 to 2026-036.",
    )
    services.add_sample(
        planned,
        by=inspector,
        reference="S-2026-114",
        characteristics="Tensile strength (EN ISO 10319)",
        laboratory="Centexbel",
    )
    return reports.send_report(planned, by=file_manager)


@pytest.fixture
def datasheet(certified: Certificate, file_manager: User) -> Datasheet:
    """A datasheet of the certified file, published on 2 February 2026."""
    sheet = create_datasheet(
        certified,
        by=file_manager,
        product_name="Nonwoven geotextile",
        trade_name="GeoTex N300",
        characteristics=[
            {"name": "Tensile strength", "value": "12.5", "unit": "kN/m"},
            {"name": "Mass per unit area", "value": "300", "unit": "g/m²"},
        ],
    )
    publish_datasheet_version(
        sheet.versions.get(number=1), by=file_manager, effective=date(2026, 2, 2)
    )
    return sheet
