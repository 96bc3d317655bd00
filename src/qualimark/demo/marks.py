"""The fixed part of the demo registry: staff, bodies, marks, subjects and their documents."""

from datetime import date
from random import Random

from django.db import transaction

from qualimark.accounts.models import User
from qualimark.demo import places
from qualimark.demo.catalogue import SCHEMES, SUBJECTS, SubjectSpec
from qualimark.demo.codes import EnterpriseNumbers
from qualimark.demo.histories import ANCHOR
from qualimark.demo.rows import BATCH, JournalRow, Staff, days, journal_entries, moment, slug
from qualimark.journal.models import JournalEntry
from qualimark.parties.models import Organisation, Person, Role, RoleKind
from qualimark.schemes.models import (
    DocumentKind,
    DocumentVersion,
    Kind,
    Prescription,
    Programme,
    ReferenceDocument,
    Region,
    Scheme,
    Subject,
)

# The certification body (fictional, modelled on COPRO) and two inspection bodies.
BODIES = (
    ("Certibo vzw", "CERTIBO", "Bouwkundelaan 12", "Evere", True),
    ("Belinspect BV", "", "Industrieweg 40", "Gent", False),
    ("Contrôle Routier Wallon SRL", "CRW", "Rue de la Gare 7", "Namur", False),
)
TITLES = {
    DocumentKind.PTV: ("", "", ""),
    DocumentKind.GUIDELINE: (
        "Goedkeuringsleidraad – ",
        "Guide d'agrément – ",
        "Approval guideline – ",
    ),
    DocumentKind.TRA: (
        "Toepassingsreglement – ",
        "Règlement d'application – ",
        "Application regulation – ",
    ),
    DocumentKind.BRS: (
        "Bijzonder reglement – ",
        "Règlement particulier – ",
        "Special regulation – ",
    ),
}


@transaction.atomic
def write_staff_and_bodies(rng: Random, numbers: EnterpriseNumbers, inspectors: int) -> Staff:
    """The CB with its staff (see `Staff`), and the inspection bodies with their inspectors."""
    staff = Staff(
        file_manager=_staff_user("files@qualimark.demo", "Sofie", "Claes"),
        decision_maker=_staff_user("decisions@qualimark.demo", "Marc", "Dubois"),
        reviewer=_staff_user("reviews@qualimark.demo", "Lotte", "Janssens"),
        appeals_decision_maker=_staff_user("appeals@qualimark.demo", "Lea", "Janssens"),
    )
    bodies = []
    for number, (name, trade, street, town_name, certifies) in enumerate(BODIES):
        town = next(town for town in places.TOWNS if town.name == town_name)
        bodies.append(
            Organisation.objects.create(
                name=name,
                trade_name=trade,
                enterprise_number=numbers(number),
                street=street,
                postal_code=town.postal_code,
                town=town.name,
                is_certification_body=certifies,
                is_inspection_body=True,
            )
        )
    roles = [
        (staff.file_manager, RoleKind.FILE_MANAGER),
        (staff.decision_maker, RoleKind.DECISION_MAKER),
        (staff.reviewer, RoleKind.REVIEWER),
        (staff.appeals_decision_maker, RoleKind.DECISION_MAKER),
    ]
    # The accreditation body's assessor reads the files and the register of decisions.
    auditor = User.objects.create_user(
        "audit@qualimark.demo", None, first_name="Greet", last_name="Mertens"
    )
    roles.append((auditor, RoleKind.AUDITOR))
    for user, kind in roles:
        person = Person.objects.create(
            first_name=user.first_name, last_name=user.last_name, email=user.email, user=user
        )
        Role.objects.create(person=person, organisation=bodies[0], kind=kind)
    _inspectors(rng, bodies, inspectors)
    return staff


def _staff_user(email: str, first: str, last: str) -> User:
    """A staff account that acts in the demo history; it has no password (log in as admin)."""
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email, None, first_name=first, last_name=last, is_staff=True
        )
    return user


def _inspectors(rng: Random, bodies: list[Organisation], count: int) -> None:
    people, roles = [], []
    for number in range(count):
        body = bodies[number % len(bodies)]
        first, last = places.person_name(rng, "fr" if body.town == "Namur" else "nl")
        domain = slug(body.trade_name or body.name.split(" ")[0])
        person = Person(
            first_name=first,
            last_name=last,
            email=f"{slug(first)}.{slug(last)}.{number}@{domain}.example",
        )
        people.append(person)
        roles.append(Role(person=person, organisation=body, kind=RoleKind.INSPECTOR))
    Person.objects.bulk_create(people, batch_size=BATCH)
    Role.objects.bulk_create(roles, batch_size=BATCH)


@transaction.atomic
def write_catalogue(rng: Random, staff: Staff) -> list[Programme]:
    """The marks, and per subject its programme and documents; in the order of SUBJECTS."""
    schemes = {
        spec.code: Scheme.objects.create(
            code=spec.code,
            name=spec.name,
            owner=spec.owner,
            kind=spec.kind,
            validity_years=spec.validity_years,
            description_nl=spec.nl,
            description_fr=spec.fr,
            description_en=spec.en,
        )
        for spec in SCHEMES
    }
    programmes = []
    team = list(Person.objects.filter(user__in=[staff.file_manager, staff.decision_maker]))
    for number, spec in enumerate(SUBJECTS):
        scheme = schemes[spec.scheme]
        subject = Subject.objects.create(
            code=spec.code,
            kind=scheme.kind,
            name_nl=spec.nl,
            name_fr=spec.fr,
            name_en=spec.en,
            **_committee(scheme, spec.nl, spec.fr, spec.en),
        )
        subject.team.add(team[number % len(team)])
        if scheme.kind == Kind.EXECUTION and number % 2 == 0:
            # The Flemish Standard Specifications 250 prescribe execution certification
            # for some executions since version 4.1; Walloon and Brussels ones not yet.
            Prescription.objects.create(
                subject=subject,
                specification="Standaardbestek 250",
                region=Region.FLANDERS,
                since_version="4.1",
            )
        programme = Programme.objects.create(scheme=scheme, subject=subject)
        programme.documents.add(*_documents(rng, staff, spec, scheme))
        programmes.append(programme)
    return programmes


def _committee(scheme: Scheme, nl: str, fr: str, en: str) -> dict[str, str]:
    """BENOR subjects have a Sectoral Committee, COPRO ones an Advisory Board, executions
    an Advisory Council (DOMAIN.md)."""
    if scheme.kind == Kind.EXECUTION:
        names = ("Adviesraad", "Conseil consultatif", "Advisory Council")
    elif scheme.code == "BENOR":
        names = ("Sectorcommissie", "Commission sectorielle", "Sectoral Committee")
    else:
        names = ("Adviescommissie", "Commission consultative", "Advisory Board")
    return {
        "committee_nl": f"{names[0]} {nl.lower()}",
        "committee_fr": f"{names[1]} {fr.lower()}",
        "committee_en": f"{names[2]} {en.lower()}",
    }


def _documents(
    rng: Random, staff: Staff, spec: SubjectSpec, scheme: Scheme
) -> list[ReferenceDocument]:
    """The PTV (for an ATG: the approval guideline) and the TRA or BRS of a subject."""
    basis = DocumentKind.GUIDELINE if scheme.validity_years else DocumentKind.PTV
    regulation = DocumentKind.BRS if scheme.kind == Kind.EXECUTION else DocumentKind.TRA
    documents = []
    for kind in (basis, regulation):
        nl, fr, en = TITLES[kind]
        document = ReferenceDocument.objects.create(
            kind=kind,
            number=spec.number,
            title_nl=nl + spec.nl,
            title_fr=fr + spec.fr,
            title_en=en + spec.en,
        )
        _versions(rng, staff, document, spec.inspections if kind == regulation else None)
        documents.append(document)
    return documents


def _versions(
    rng: Random, staff: Staff, document: ReferenceDocument, frequency: tuple[int, int] | None
) -> None:
    """1–3 consecutive versions, the last one open and setting today's inspection frequency.

    Written as `add_document_version` writes them (row and journal entry); the periods
    are consecutive by construction, so its overlap check would have nothing to refuse.
    """
    starts = [date(rng.randint(2010, 2016), rng.choice((1, 4, 7, 10)), 1)]
    while len(starts) < 3 and rng.random() < 0.6:
        months = starts[-1].month - 1 + rng.randint(24, 48)
        following = date(starts[-1].year + months // 12, months % 12 + 1, 1)
        if following > ANCHOR - days(90):
            break
        starts.append(following)
    versions, journal = [], []
    for number, valid_from in enumerate(starts):
        last = number == len(starts) - 1
        low, high = frequency or (None, None)
        if frequency and not last:  # the earlier regulations asked a little less
            low, high = frequency[0], max(frequency[0], frequency[1] - 2)
        version = DocumentVersion(
            document=document,
            label=f"{valid_from.year}.{rng.randint(1, 3)}",
            valid_from=valid_from,
            valid_until=None if last else starts[number + 1] - days(1),
            inspections_min_per_year=low,
            inspections_max_per_year=high,
        )
        versions.append(version)
        data = {key: getattr(version, key) for key in ("label", "valid_from", "valid_until")}
        row: JournalRow = (
            moment(rng, valid_from - days(30)),
            staff.file_manager,
            "document_version.added",
            version,
            data,
        )
        journal.append(row)
    DocumentVersion.objects.bulk_create(versions)
    JournalEntry.objects.bulk_create(journal_entries(journal))
