"""The geotextiles programme with its Application Regulation, and a published datasheet."""

from collections.abc import Iterator
from datetime import date

import pytest
from django.utils import translation

from qualimark.accounts.models import User
from qualimark.certification.models import Certificate
from qualimark.datasheets.models import Datasheet
from qualimark.datasheets.services import create_datasheet, publish_datasheet_version
from qualimark.schemes.models import DocumentKind, Programme, ReferenceDocument
from qualimark.schemes.services import add_document_version


@pytest.fixture
def geotextiles_benor(geotextiles_benor: Programme, file_manager: User) -> Programme:
    """The programme with its TRA: 4 to 8 inspections a year, 6 to 12 from 1 July 2026."""
    tra = ReferenceDocument.objects.create(
        kind=DocumentKind.TRA,
        number="11",
        title_nl="Toepassingsreglement geotextielen",
        title_fr="Règlement d'application géotextiles",
    )
    add_document_version(
        tra,
        by=file_manager,
        label="2021.1",
        valid_from=date(2021, 1, 1),
        valid_until=date(2026, 6, 30),
        inspections_min_per_year=4,
        inspections_max_per_year=8,
    )
    add_document_version(
        tra,
        by=file_manager,
        label="2026.1",
        valid_from=date(2026, 7, 1),
        inspections_min_per_year=6,
        inspections_max_per_year=12,
    )
    geotextiles_benor.documents.add(tra)
    return geotextiles_benor


@pytest.fixture
def datasheet(certified: Certificate, file_manager: User) -> Datasheet:
    """A datasheet of the certificate, published on 10 February 2026."""
    sheet = create_datasheet(
        certified,
        by=file_manager,
        product_name="Nonwoven geotextile 200 g/m²",
        trade_name="GeoTex NW 200",
    )
    publish_datasheet_version(sheet.versions.get(), by=file_manager, effective=date(2026, 2, 10))
    return sheet


@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    """These tests read messages in English, whatever the default language (nl)."""
    with translation.override("en"):
        yield
