"""Certificate holders: producers with their production units, and executors."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from random import Random

from django.db import reset_queries, transaction

from qualimark.demo import places
from qualimark.demo.codes import EnterpriseNumbers
from qualimark.demo.histories import ANCHOR, ORIGIN
from qualimark.demo.planning import Plan
from qualimark.demo.rows import BATCH, JournalRow, Staff, days, journal_entries, moment, slug
from qualimark.journal.models import JournalEntry
from qualimark.parties.models import Organisation, Person, ProductionUnit, Role, RoleKind

CHUNK = 2000  # holders per transaction
ORGANISATION_FIELDS = ("name", "enterprise_number", "street", "postal_code", "town")
UNIT_FIELDS = ("name", "street", "postal_code", "town")


@dataclass
class Holders:
    """What the files need of the holders written: ids, and how each holder names things."""

    ids: list[int] = field(default_factory=list)
    unit_ids: list[int] = field(default_factory=list)
    brands: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Holder:
    organisation: Organisation
    units: list[ProductionUnit]
    contact: Person
    registered: datetime


def write_holders(
    seed: int, plan: Plan, staff: Staff, numbers: EnterpriseNumbers, first_number: int
) -> Holders:
    """Every holder of the plan, registered a few weeks before its first application."""
    first_applied: dict[int, date] = {}
    for file in plan.files:  # in order of application: the first one wins
        first_applied.setdefault(file.holder, file.applied_on)
    written = Holders()
    used_names: set[str] = set()
    chunk: list[_Holder] = []
    for index, (sector, units) in enumerate(plan.holders):
        rng = Random(f"{seed}/holder/{index}")
        town = rng.choice(places.TOWNS)
        address = places.address(rng, town)
        name, family = places.company_name(rng, sector, address.language, town.name)
        name = _distinct(name, town.name, index, used_names)
        written.brands.append(places.brand(rng, family))
        written.languages.append(address.language)
        organisation = Organisation(
            name=name,
            enterprise_number=numbers(first_number + index),
            street=address.street,
            postal_code=address.postal_code,
            town=address.town,
        )
        plants = [_unit(rng, organisation, sector, town, number) for number in range(units)]
        first, last = places.person_name(rng, address.language)
        email = f"{slug(first)}.{slug(last)}@{slug(family)}.example"
        contact = Person(first_name=first, last_name=last, email=email)
        applied = first_applied.get(index, ANCHOR)
        registered = max(ORIGIN - days(60), applied - days(rng.randint(5, 40)))
        chunk.append(_Holder(organisation, plants, contact, moment(rng, registered)))
        if len(chunk) >= CHUNK:
            _save(chunk, staff, written)
            chunk = []
    _save(chunk, staff, written)
    return written


def _distinct(name: str, town: str, index: int, used: set[str]) -> str:
    for candidate in (name, f"{name} – {town}", f"{name} ({index})"):
        if candidate not in used:
            used.add(candidate)
            return candidate
    raise AssertionError("the holder's index makes its name distinct")


def _unit(
    rng: Random, organisation: Organisation, sector: str, home: places.Town, number: int
) -> ProductionUnit:
    town = home if number == 0 and rng.random() < 0.7 else rng.choice(places.TOWNS)
    address = places.address(rng, town)
    name = places.plant_name(rng, sector, address.language, town.name)
    return ProductionUnit(
        organisation=organisation,
        name=name if number == 0 else f"{name} ({number + 1})",
        street=address.street,
        postal_code=address.postal_code,
        town=address.town,
    )


def _save(chunk: list[_Holder], staff: Staff, written: Holders) -> None:
    journal: list[JournalRow] = []
    units = [unit for holder in chunk for unit in holder.units]
    with transaction.atomic():
        Organisation.objects.bulk_create([h.organisation for h in chunk], batch_size=BATCH)
        ProductionUnit.objects.bulk_create(units, batch_size=BATCH)
        Person.objects.bulk_create([h.contact for h in chunk], batch_size=BATCH)
        roles = [
            Role(person=h.contact, organisation=h.organisation, kind=RoleKind.CONTACT)
            for h in chunk
        ]
        Role.objects.bulk_create(roles, batch_size=BATCH)
        for holder in chunk:
            data = {name: getattr(holder.organisation, name) for name in ORGANISATION_FIELDS}
            by = staff.file_manager
            journal.append(
                (holder.registered, by, "organisation.registered", holder.organisation, data)
            )
            for minutes, unit in enumerate(holder.units, start=1):
                data = {name: getattr(unit, name) for name in UNIT_FIELDS}
                at = holder.registered + timedelta(minutes=minutes)
                journal.append((at, by, "production_unit.added", unit, data))
        JournalEntry.objects.bulk_create(journal_entries(journal), batch_size=BATCH)
    written.ids += [holder.organisation.pk for holder in chunk]
    written.unit_ids += [unit.pk for unit in units]
    reset_queries()  # with DEBUG on, Django keeps the SQL of every query
