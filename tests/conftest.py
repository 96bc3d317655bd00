"""Shared personas and states for the whole suite.

States are built by calling the services, so that tests travel the roads users travel.
"""

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.api import caching
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate
from qualimark.oversight.models import InspectionBody
from qualimark.parties.models import Organisation, Person, ProductionUnit, Role, RoleKind
from qualimark.parties.services import add_production_unit, register_organisation
from qualimark.schemes.models import (
    DocumentKind,
    DocumentVersion,
    Kind,
    Programme,
    ReferenceDocument,
    Scheme,
    Subject,
)
from qualimark.schemes.services import add_document_version

BRUSSELS = ZoneInfo("Europe/Brussels")
TODAY = date(2026, 3, 16)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    """Every test runs on Monday 16 March 2026 at 10:00 in Brussels unless it moves the clock."""
    with clock.frozen_at(datetime(2026, 3, 16, 10, 0, tzinfo=BRUSSELS)):
        yield


@pytest.fixture(autouse=True)
def _no_remembered_answers() -> None:
    """Each test builds its own registry: answers remembered by an earlier one do not apply.

    (Rolled-back tests reuse journal ids under a frozen clock, so their ETags can repeat.)
    """

    caching.verdicts.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Strong hashing is the point in production and only slows the suite down."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _user(email: str, first: str, last: str, *, staff: bool = False) -> User:
    return User.objects.create_user(
        email, "correct-horse-battery", first_name=first, last_name=last, is_staff=staff
    )


@pytest.fixture
def holder_admin(db: None) -> User:
    return _user("an.peeters@geotex.example", "An", "Peeters")


@pytest.fixture
def invited_user(db: None) -> User:
    return _user("jan.maes@geotex.example", "Jan", "Maes")


def give_role(user: User, organisation: Organisation, kind: RoleKind) -> User:
    """`user` acts for `organisation` as `kind` (a Person is made for the account if needed)."""
    person = Person.objects.filter(user=user).first() or Person.objects.create(
        first_name=user.first_name, last_name=user.last_name, email=user.email, user=user
    )
    Role.objects.get_or_create(person=person, organisation=organisation, kind=kind)
    return user


@pytest.fixture
def certification_body(db: None) -> Organisation:
    """The certification body whose staff the CB personas are."""
    return Organisation.objects.create(
        name="Qualimark Certification",
        enterprise_number="0455500023",
        town="Brussel",
        is_certification_body=True,
    )


@pytest.fixture
def file_manager(certification_body: Organisation) -> User:
    user = _user("sofie.claes@copro.example", "Sofie", "Claes", staff=True)
    return give_role(user, certification_body, RoleKind.FILE_MANAGER)


@pytest.fixture
def decision_maker(certification_body: Organisation) -> User:
    user = _user("marc.dubois@copro.example", "Marc", "Dubois", staff=True)
    return give_role(user, certification_body, RoleKind.DECISION_MAKER)


@pytest.fixture
def appeals_officer(certification_body: Organisation) -> User:
    """A second decision maker, who enacts the outcome of appeals; not involved in any file
    and not the one who took the decisions appealed against."""
    user = _user("lea.janssens@copro.example", "Lea", "Janssens", staff=True)
    return give_role(user, certification_body, RoleKind.DECISION_MAKER)


@pytest.fixture
def reviewer(certification_body: Organisation) -> User:
    """Evaluates inspection reports, so decides on none of those files."""
    user = _user("lotte.janssens@copro.example", "Lotte", "Janssens", staff=True)
    return give_role(user, certification_body, RoleKind.REVIEWER)


@pytest.fixture
def auditor(certification_body: Organisation) -> User:
    """The accreditation body's assessor: reads files, decisions and registers; acts on none."""
    user = _user("greet.mertens@belac.example", "Greet", "Mertens", staff=True)
    return give_role(user, certification_body, RoleKind.AUDITOR)


@pytest.fixture
def inspector(db: None) -> User:
    return _user("els.wouters@inspect.example", "Els", "Wouters")


@pytest.fixture
def outsider(db: None) -> User:
    return _user("someone@elsewhere.example", "Pat", "Outsider")


@pytest.fixture
def benor(db: None) -> Scheme:
    return Scheme.objects.create(
        code="BENOR", name="BENOR", owner="NBN (BENOR vzw)", kind=Kind.PRODUCT
    )


@pytest.fixture
def geotextiles(db: None) -> Subject:
    return Subject.objects.create(
        code="geotextiles",
        kind=Kind.PRODUCT,
        name_nl="Geotextielen",
        name_fr="Géotextiles",
        name_en="Geotextiles",
    )


@pytest.fixture
def ptv_829(db: None, file_manager: User) -> ReferenceDocument:
    document = ReferenceDocument.objects.create(
        kind=DocumentKind.PTV,
        number="829",
        title_nl="Geotextielen en verwante producten",
        title_fr="Géotextiles et produits apparentés",
    )
    add_document_version(
        document,
        by=file_manager,
        label="2019.1",
        valid_from=date(2019, 1, 1),
        valid_until=date(2021, 9, 30),
    )
    add_document_version(document, by=file_manager, label="2021.2", valid_from=date(2021, 10, 1))
    return document


@pytest.fixture
def geotextiles_benor(benor: Scheme, geotextiles: Subject, ptv_829: ReferenceDocument) -> Programme:
    programme = Programme.objects.create(scheme=benor, subject=geotextiles)
    programme.documents.add(ptv_829)
    return programme


@pytest.fixture
def holder(db: None, file_manager: User) -> Organisation:
    return register_organisation(
        by=file_manager,
        name="Geotex Belgium",
        enterprise_number="0403.170.701",
        street="Industrieweg 12",
        postal_code="9000",
        town="Gent",
    )


@pytest.fixture
def plant(holder: Organisation, file_manager: User) -> ProductionUnit:
    return add_production_unit(
        holder,
        by=file_manager,
        name="Plant Gent-Zeehaven",
        street="Zeehaven 4",
        postal_code="9000",
        town="Gent",
    )


@pytest.fixture
def application(
    holder: Organisation, plant: ProductionUnit, geotextiles_benor: Programme, holder_member: User
) -> Certificate:
    """A file that has just been applied for (on 5 January 2026) by An Peeters, the holder's
    administrator."""
    return certification.apply_for_certification(
        holder=holder,
        programme=geotextiles_benor,
        production_unit=plant,
        by=holder_member,
        applied_on=date(2026, 1, 5),
    )


@pytest.fixture
def in_trial(application: Certificate, file_manager: User) -> Certificate:
    certification.admit_application(
        application, by=file_manager, reason="Complete file.", effective=date(2026, 1, 12)
    )
    certification.start_trial_period(
        application, by=file_manager, reason="Trial period begins.", effective=date(2026, 1, 19)
    )
    return application


@pytest.fixture
def certified(in_trial: Certificate, decision_maker: User) -> Certificate:
    """A certificate granted on 2 February 2026."""
    certification.grant_certificate(
        in_trial, by=decision_maker, reason="Trial period passed.", effective=date(2026, 2, 2)
    )
    return in_trial


@pytest.fixture
def holder_member(holder: Organisation, holder_admin: User) -> User:
    """An Peeters as the administrator of Geotex Belgium's portal account."""
    return give_role(holder_admin, holder, RoleKind.HOLDER_ADMINISTRATOR)


@pytest.fixture
def invited_member(holder: Organisation, invited_user: User) -> User:
    """Jan Maes, invited by An Peeters to Geotex Belgium's portal account."""
    return give_role(invited_user, holder, RoleKind.INVITED_USER)


@pytest.fixture
def other_holder(db: None, file_manager: User) -> Organisation:
    """Holder B, a competitor of Geotex: none of its people may see Geotex's files."""
    return register_organisation(
        by=file_manager,
        name="Textilia",
        enterprise_number="0455.500.122",
        street="Kaai 1",
        postal_code="8500",
        town="Kortrijk",
    )


@pytest.fixture
def other_admin(other_holder: Organisation) -> User:
    user = _user("bart.smet@textilia.example", "Bart", "Smet")
    return give_role(user, other_holder, RoleKind.HOLDER_ADMINISTRATOR)


# Reference documents and an inspection body, shared by the oversight, portal, back-office
# and API tests.


@pytest.fixture
def tra_829(geotextiles_benor: Programme, file_manager: User) -> DocumentVersion:
    """The application regulation of geotextiles: 4 to 8 inspections a year."""
    document = ReferenceDocument.objects.create(
        kind=DocumentKind.TRA,
        number="829",
        title_nl="Toepassingsreglement geotextielen",
        title_fr="Règlement d'application géotextiles",
    )
    version = add_document_version(
        document,
        by=file_manager,
        label="2022.1",
        valid_from=date(2022, 1, 1),
        inspections_min_per_year=4,
        inspections_max_per_year=8,
    )
    geotextiles_benor.documents.add(document)
    return version


@pytest.fixture
def ptv_version(ptv_829: ReferenceDocument) -> DocumentVersion:
    """The version of PTV 829 in force in 2026."""
    return ptv_829.versions.get(label="2021.2")


@pytest.fixture
def body(inspector: User, geotextiles_benor: Programme) -> InspectionBody:
    inspection_body = InspectionBody.objects.create(
        name="Inspecta Belgium", contract_reference="C-2024-07", email="planning@inspecta.example"
    )
    inspection_body.inspectors.add(inspector)
    inspection_body.programmes.add(geotextiles_benor)
    return inspection_body
