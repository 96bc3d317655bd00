"""The demo registry: a Belgian certification body's marks, holders, files and datasheets.

`generate(scale, seed)` fills an empty registry with the rows the services would have
written over 2015–2026 (decisions, status rows, datasheet history, journal entries), as
the world stood on `ANCHOR`. The same seed always gives the same data, whatever the clock
says. At scale 1 it is the size of one CB (about 500 production units and 8,000
datasheets); at scale 125 a million datasheets, written in chunks so that memory stays
flat.

A run that fails half-way leaves what it wrote so far: start again on a new database.
"""

import math
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from random import Random
from typing import Any, Protocol

from django.db import models, transaction
from django.utils.translation import gettext as _

from qualimark.bulk import analyze
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate, Decision, NumberSequence, StatusPeriod
from qualimark.complaints.models import Appeal, Complaint
from qualimark.datasheets.models import Datasheet, DatasheetStatusPeriod, DatasheetVersion
from qualimark.demo.codes import EnterpriseNumbers, QuickCodes
from qualimark.demo.files import FileWriter
from qualimark.demo.histories import ANCHOR
from qualimark.demo.holders import write_holders
from qualimark.demo.marks import BODIES, write_catalogue, write_staff_and_bodies
from qualimark.demo.oversight import write_oversight
from qualimark.demo.planning import INSPECTORS, Plan, make_plan
from qualimark.demo.portal import write_portal
from qualimark.demo.requirements import write_required_documents
from qualimark.demo.rows import Staff
from qualimark.errors import DomainError
from qualimark.journal.models import JournalEntry
from qualimark.oversight.models import Inspection
from qualimark.parties.models import Organisation, Person, ProductionUnit
from qualimark.sanctions.models import Sanction
from qualimark.schemes.models import (
    DocumentVersion,
    Programme,
    ReferenceDocument,
    Scheme,
    Subject,
)
from qualimark.search.indexing import rebuild_index
from qualimark.verification.projection import rebuild as rebuild_verification

__all__ = ["ANCHOR", "InvalidScale", "RegistryNotEmpty", "Summary", "generate"]

# Any of these rows means someone has started a registry here: the demo stays out.
REGISTRY_MODELS: tuple[type[models.Model], ...] = (
    Scheme,
    Subject,
    ReferenceDocument,
    Organisation,
    Person,
    Certificate,
    Datasheet,
)
COUNTED_MODELS: tuple[type[models.Model], ...] = (
    Scheme,
    Subject,
    ReferenceDocument,
    DocumentVersion,
    Programme,
    Organisation,
    ProductionUnit,
    Person,
    Certificate,
    Decision,
    StatusPeriod,
    Datasheet,
    DatasheetVersion,
    DatasheetStatusPeriod,
    Inspection,
    Sanction,
    Complaint,
    Appeal,
    JournalEntry,
)


class RegistryNotEmpty(DomainError):
    code = "registry_not_empty"


class InvalidScale(DomainError):
    code = "invalid_scale"


class Writer(Protocol):
    def write(self, msg: str, /) -> Any: ...


@dataclass
class Summary:
    scale: float
    seed: int
    anchor: date
    counts: dict[type[models.Model], int]  # rows in the registry, per table
    statuses: Counter[Status]  # files per status on the anchor date
    seconds: float


def generate(
    scale: float = 1, seed: int = 1, *, stdout: Writer | None = None, oversight: bool = True
) -> Summary:
    """Fill an empty registry with demo data; RegistryNotEmpty if it holds any already.

    The history is the same for the same seed whatever the clock says; with `oversight`,
    the live cases are added around the day of the run: external oversight
    (`demo.oversight`), then one holder's portal users, applications and proposal and an
    inspector's work (`demo.portal`).
    """
    if not (isinstance(scale, int | float) and math.isfinite(scale) and 0 < scale <= 1000):
        raise InvalidScale(_("The scale must be a number above 0 and at most 1000."))
    _check_empty()
    started = time.perf_counter()

    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(message + "\n")

    plan, staff = _write(scale, seed, say)
    if oversight:
        write_oversight(staff, seed, say)
        write_portal(staff, seed, say)
    rebuild_index(say=say)  # search: index the public registry, in batches
    rebuild_verification(say=say)  # verification: one row per code, from the history
    analyze()  # the planner's statistics, for the tables just filled
    counts = {model: model._default_manager.count() for model in COUNTED_MODELS}
    statuses = Counter(file.target for file in plan.files)
    return Summary(scale, seed, ANCHOR, counts, statuses, time.perf_counter() - started)


def _check_empty() -> None:
    filled = [
        str(model._meta.verbose_name_plural)
        for model in REGISTRY_MODELS
        if model._default_manager.exists()
    ]
    if filled:
        raise RegistryNotEmpty(
            _(
                "The registry is not empty (it already holds %(what)s): demo data is only "
                "generated into an empty registry. Use a new database."
            )
            % {"what": ", ".join(filled)}
        )


def _write(scale: float, seed: int, say: Callable[[str], None]) -> tuple[Plan, Staff]:
    rng = Random(f"qualimark-demo/{seed}")
    numbers = EnterpriseNumbers(2 * seed + 1)
    staff = write_staff_and_bodies(rng, numbers, max(4, round(INSPECTORS * scale)))
    programmes = write_catalogue(rng, staff)
    write_required_documents(programmes)
    say(_("Marks, subjects and reference documents written."))
    plan = make_plan(rng, scale, seed)
    holders = write_holders(seed, plan, staff, numbers, first_number=len(BODIES))
    say(
        _("%(holders)s holders with %(units)s production units written.")
        % {"holders": len(holders.ids), "units": len(holders.unit_ids)}
    )
    writer = FileWriter(
        seed=seed,
        staff=staff,
        programmes=programmes,
        holders=holders,
        quick_codes=QuickCodes(2 * seed),
        sheet_mean=plan.sheet_mean,
        say=say,
    )
    writer.write(plan.files)
    say(
        _("%(files)s files, %(datasheets)s datasheets written.")
        % {"files": len(plan.files), "datasheets": writer.sheets_made}
    )
    _continue_number_series(plan)
    return plan, staff


@transaction.atomic
def _continue_number_series(plan: Plan) -> None:
    """Leave each series at its highest serial, so that the services continue it."""
    for scheme, last in sorted(plan.serials.items()):
        NumberSequence.objects.update_or_create(name=scheme, defaults={"last": last})
