"""States of the back-office tests, each reached through the services, and signed-in clients.

Inspections are planned, carried out and reported on through the oversight services, as in
tests/oversight/conftest.py; the staff then act through the office's pages.
"""

from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.applications import services as applications
from qualimark.applications.models import Application
from qualimark.certification.models import Certificate
from qualimark.datasheets import proposals
from qualimark.datasheets.models import DatasheetProposal
from qualimark.oversight import planning, reports, services
from qualimark.oversight.models import FindingKind, Inspection, InspectionBody
from qualimark.parties.models import Organisation, Person, ProductionUnit, Role, RoleKind
from qualimark.parties.roles import system_actor
from qualimark.parties.services import add_production_unit
from qualimark.schemes.models import DocumentVersion, Programme
from tests.complaints.conftest import (  # noqa: F401  (fixtures shared with the complaint tests)
    appeal,
    committee,
    complaint,
    public_members,
    seated,
    suspension,
    user_members,
)

BRUSSELS = ZoneInfo("Europe/Brussels")
TODAY = date(2026, 3, 16)
PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Pages are read in English (/en/office/…) and messages asserted as written."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _mail_and_media(settings: Any, tmp_path: Path) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path
    mail.outbox = []


SignIn = Callable[[User], Client]


@pytest.fixture
def sign_in(client: Client) -> SignIn:
    """Log a persona in with its password, as a person does on the login page."""

    def signed_in(user: User) -> Client:
        assert client.login(email=user.email, password=PASSWORD)
        return client

    return signed_in


@pytest.fixture
def administrator(db: None) -> User:
    return User.objects.create_superuser("admin@copro.example", PASSWORD, first_name="Ada")


@pytest.fixture
def body(inspector: User, geotextiles_benor: Programme) -> InspectionBody:
    """Inspecta Belgium, whose inspector is Els Wouters: from now on she is an inspector."""
    inspection_body = InspectionBody.objects.create(name="Inspecta Belgium")
    inspection_body.inspectors.add(inspector)
    inspection_body.programmes.add(geotextiles_benor)
    return inspection_body


@pytest.fixture
def other_inspector(body: InspectionBody) -> User:
    """A colleague of Els at the same body."""
    user = User.objects.create_user(
        "tom.peeters@inspect.example", PASSWORD, first_name="Tom", last_name="Peeters"
    )
    body.inspectors.add(user)
    return user


@pytest.fixture
def report_recipient(holder: Organisation, holder_member: User) -> Person:
    """Geotex's quality contact, who receives reports with its administrator."""
    contact = Person.objects.create(
        first_name="Bart", last_name="Smets", email="quality@geotex.example"
    )
    Role.objects.create(person=contact, organisation=holder, kind=RoleKind.CONTACT)
    return contact


def at(day: date) -> Any:
    """The clock at 10:00 in Brussels on `day`."""
    return clock.frozen_at(datetime(day.year, day.month, day.day, 10, 0, tzinfo=BRUSSELS))


@pytest.fixture
def planned(
    certified: Certificate,
    tra_829: DocumentVersion,
    body: InspectionBody,
    inspector: User,
    file_manager: User,
) -> Inspection:
    """An inspection of Geotex's certificate, planned for today with Els Wouters."""
    return planning.plan_inspection(
        certified, by=file_manager, body=body, inspector=inspector, planned_on=TODAY
    )


@pytest.fixture
def reported(
    certified: Certificate,
    tra_829: DocumentVersion,
    ptv_version: DocumentVersion,
    body: InspectionBody,
    inspector: User,
    file_manager: User,
    report_recipient: Person,
) -> Inspection:
    """Visited on 2 March with a major nonconformity, reported that day; the window has closed."""
    with at(date(2026, 3, 2)):
        inspection = planning.plan_inspection(
            certified, by=file_manager, body=body, inspector=inspector, planned_on=date(2026, 3, 2)
        )
        services.carry_out_inspection(
            inspection, by=inspector, visited_on=date(2026, 3, 2), summary="FPC visited."
        )
        services.add_finding(
            inspection,
            by=inspector,
            kind=FindingKind.MAJOR,
            requirement=ptv_version,
            clause="5.2",
            observation="No tensile test recorded for lots 31 to 36.",
        )
        reports.send_report(inspection, by=file_manager)
    reports.close_comment_window(inspection, by=system_actor())
    return inspection


@pytest.fixture
def second_plant(holder: Organisation, file_manager: User) -> ProductionUnit:
    return add_production_unit(
        holder,
        by=file_manager,
        name="Plant Lokeren",
        street="Industriepark 3",
        postal_code="9160",
        town="Lokeren",
    )


PDF_BYTES = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"


@pytest.fixture
def online_application(
    holder: Organisation,
    holder_member: User,
    geotextiles_benor: Programme,
    second_plant: ProductionUnit,
    ptv_version: DocumentVersion,
) -> Application:
    """Geotex's application for its Lokeren plant, submitted online today with its manual."""
    application = applications.start_application(
        holder,
        by=holder_member,
        programme=geotextiles_benor,
        production_unit=second_plant,
        ptv_version=ptv_version,
        notes="Nonwoven geotextiles made in Lokeren.",
    )
    applications.add_upload(
        application,
        by=holder_member,
        requirement=None,
        upload=SimpleUploadedFile("quality-manual.pdf", PDF_BYTES, "application/pdf"),
    )
    applications.set_contacts(
        application,
        by=holder_member,
        contacts=[
            applications.ContactDetails(
                name="An Peeters", function="Quality manager", email="an.peeters@geotex.example"
            )
        ],
    )
    applications.submit_application(application, by=holder_member)
    return application


@pytest.fixture
def datasheet_proposal(certified: Certificate, holder_member: User) -> DatasheetProposal:
    """Geotex proposes a new datasheet for its nonwoven on its certified file."""
    return proposals.propose_datasheet(
        certified,
        by=holder_member,
        product_name="Nonwoven geotextile NW 200",
        trade_name="TerraSep 200",
        characteristics=[
            {"name": "Tensile strength", "value": "12", "unit": "kN/m"},
            {"name": "Mass per unit area", "value": "200", "unit": "g/m²"},
        ],
    )
