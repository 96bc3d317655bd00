"""A lot of geotextile on its way through the services: requested, planned, found conform."""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from qualimark.accounts.models import User
from qualimark.lots import services
from qualimark.lots.models import (
    ContactRole,
    InspectionDocumentKind,
    LotConformityDocument,
    LotInspectionRequest,
    QuantityUnit,
)
from qualimark.schemes.models import ReferenceDocument, Scheme, Subject

REQUESTED_ON = date(2026, 3, 2)
PLANNED_ON = date(2026, 3, 11)
INSPECTED_ON = date(2026, 3, 11)
ISSUED_ON = date(2026, 3, 16)  # today, in every test
LOT = "GT-2026-0311-A"
PRODUCT = "Nonwoven geotextile 200 g/m²"


@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    """Messages are read in English here (the default language of the site is Dutch)."""
    with translation.override("en"):
        yield


@pytest.fixture
def lot_request(benor: Scheme, geotextiles: Subject) -> LotInspectionRequest:
    """A request sent through the public web form (no staff member entered it)."""
    return services.request_lot_inspection(
        by=None,
        scheme=benor,
        subject=geotextiles,
        product=PRODUCT,
        quantity=Decimal("1200"),
        unit=QuantityUnit.SQUARE_METRES,
        street="Kaai 12",
        postal_code="2000",
        town="Antwerpen",
        requester_name="Bram Janssens",
        requester_email="bram@wegenbouw.example",
        contacts=[
            services.ContactDetails(
                role=ContactRole.INSPECTION_SITE,
                name="Tom Peeters",
                company="Opslag Kaai",
                phone="+32 3 123 45 67",
            ),
            services.ContactDetails(
                role=ContactRole.PRODUCER, name="Ilse Geerts", email="ilse@geo.example"
            ),
        ],
        requested_on=REQUESTED_ON,
    )


@pytest.fixture
def planned(
    lot_request: LotInspectionRequest, file_manager: User, inspector: User
) -> LotInspectionRequest:
    return services.plan_lot_inspection(
        lot_request, by=file_manager, inspector=inspector, planned_on=PLANNED_ON
    )


@pytest.fixture
def ptv_document(ptv_829: ReferenceDocument) -> services.InspectionDocument:
    return services.InspectionDocument(
        kind=InspectionDocumentKind.PTV,
        reference="PTV 829",
        version=ptv_829.versions.get(label="2021.2"),
    )


@pytest.fixture
def conformity(
    planned: LotInspectionRequest,
    decision_maker: User,
    ptv_document: services.InspectionDocument,
) -> LotConformityDocument:
    """The lot conforms: its document is issued today by someone who did not inspect it."""
    return services.record_lot_conformity(
        planned,
        by=decision_maker,
        document=ptv_document,
        lot_identification=LOT,
        inspected_on=INSPECTED_ON,
    )


def typo_of(code: str) -> str:
    """The lot code with its third digit changed: what a person mistypes."""
    digit = code[3]
    return code[:3] + str((int(digit) + 1) % 10) + code[4:]
