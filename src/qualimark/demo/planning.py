"""The shape of the demo registry, decided before a row is written.

Who holds what: holders per sector, their production units, their files and the status
each file has on the anchor date. Everything else about a file (its history, its
datasheets) follows from its own seeded random stream, so that it can be drawn again
when the file is written, and the plan stays small even for a million datasheets.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from random import Random

from qualimark.certification.lifecycle import Status
from qualimark.demo.catalogue import SCHEMES, SECTORS, SUBJECTS
from qualimark.demo.histories import GRANTED, ORIGIN, plan

# The size of one CB at scale 1 (DOMAIN.md: >500 production units, >8,000 datasheets).
PRODUCERS, CONTRACTORS, INSPECTORS, DATASHEETS = 270, 45, 32, 8000

# The status of a file on the anchor date, by weight.
TARGETS = {
    Status.CERTIFIED: 58,
    Status.SUSPENDED: 5,
    Status.WITHDRAWN: 7,
    Status.RENOUNCED: 7,
    Status.APPLIED: 2,
    Status.ADMISSIBLE: 2,
    Status.REJECTED: 3,
    Status.APPLICATION_WITHDRAWN: 3,
    Status.TRIAL: 6,
    Status.NOT_GRANTED: 3,
}
# ATG approvals last three years: a good share of the older ones has expired.
TARGETS_WITH_VALIDITY = {**TARGETS, Status.CERTIFIED: 45, Status.EXPIRED: 25}
VALIDITY = {spec.code: spec.validity_years for spec in SCHEMES}


@dataclass(slots=True)
class FilePlan:
    index: int
    holder: int
    unit: int | None  # index into the production units; None for an execution
    subject: int  # index into SUBJECTS
    target: Status
    applied_on: date = ORIGIN
    serial: int = 0

    @property
    def validity_years(self) -> int | None:
        return VALIDITY[SUBJECTS[self.subject].scheme]

    def random(self, seed: int) -> Random:
        """The file's own random stream: the same whenever it is drawn."""
        return Random(f"{seed}/file/{self.index}")


@dataclass
class Plan:
    holders: list[tuple[str, int]] = field(default_factory=list)  # (sector, production units)
    unit_start: list[int] = field(default_factory=list)  # each holder's first unit
    files: list[FilePlan] = field(default_factory=list)  # in order of application
    serials: Counter[str] = field(default_factory=Counter)  # the last serial per scheme
    sheet_mean: float = 0.0  # datasheets per granted product file of weight 1


def make_plan(rng: Random, scale: float, seed: int) -> Plan:
    result = Plan()
    _holders(result, rng, scale)
    _files(result, rng)
    _cover_every_status(result.files)
    for file in result.files:
        file.applied_on = plan(file.random(seed), file.target, file.validity_years)[0]
    # Numbers are handed out at application: the series follows the application dates.
    result.files.sort(key=lambda f: (f.applied_on, f.index))
    for file in result.files:
        scheme = SUBJECTS[file.subject].scheme
        result.serials[scheme] += 1
        file.serial = result.serials[scheme]
    granted = [f for f in result.files if f.unit is not None and f.target in GRANTED]
    weight = sum(SUBJECTS[f.subject].sheets for f in granted)
    result.sheet_mean = DATASHEETS * scale / weight if weight else 0.0
    return result


def _holders(result: Plan, rng: Random, scale: float) -> None:
    sectors, weights = list(SECTORS), list(SECTORS.values())
    units = 0
    for number in range(max(len(sectors), round(PRODUCERS * scale))):
        # The first holders cover every sector, so that even a tiny registry has them all.
        sector = sectors[number] if number < len(sectors) else rng.choices(sectors, weights)[0]
        count = rng.choices((1, 2, 3, 4, 5, 6, 8), weights=(55, 25, 10, 4, 3, 2, 1))[0]
        result.holders.append((sector, count))
        result.unit_start.append(units)
        units += count
    for _contractor in range(max(2, round(CONTRACTORS * scale))):
        result.holders.append(("execution", 0))
        result.unit_start.append(units)


def _files(result: Plan, rng: Random) -> None:
    by_sector: dict[str, list[int]] = {}
    for index, spec in enumerate(SUBJECTS):
        by_sector.setdefault(spec.sector, []).append(index)
    for holder, (sector, units) in enumerate(result.holders):
        subjects = by_sector[sector]
        if units == 0:  # an executor: files per execution type
            _add_files(result.files, rng, holder, None, subjects, (65, 28, 7))
        start = result.unit_start[holder]
        for unit in range(start, start + units):  # a producer: files per product and unit
            _add_files(result.files, rng, holder, unit, subjects, (60, 28, 12))


def _add_files(
    files: list[FilePlan],
    rng: Random,
    holder: int,
    unit: int | None,
    subjects: list[int],
    weights: tuple[int, int, int],
) -> None:
    remaining = list(subjects)
    for _pick in range(min(len(subjects), rng.choices((1, 2, 3), weights=weights)[0])):
        chosen = rng.choices(remaining, [SUBJECTS[i].weight for i in remaining])[0]
        remaining.remove(chosen)
        table = TARGETS_WITH_VALIDITY if VALIDITY[SUBJECTS[chosen].scheme] else TARGETS
        target = rng.choices(list(table), list(table.values()))[0]
        files.append(FilePlan(len(files), holder, unit, chosen, target))


def _cover_every_status(files: list[FilePlan]) -> None:
    """Turn a few certified files into the statuses chance left out (small scales).

    Every status gets a file, and every status a granted file can have gets a product
    file, whose datasheets then show that status in verification.
    """
    for status in Status:
        _cover(files, status, product=False)
    for status in Status:  # in a fixed order: a frozenset's varies between processes
        if status in GRANTED:
            _cover(files, status, product=True)


def _cover(files: list[FilePlan], status: Status, *, product: bool) -> None:
    def fits(file: FilePlan) -> bool:
        if product and file.unit is None:
            return False
        return status != Status.EXPIRED or file.validity_years is not None

    if any(file.target == status and fits(file) for file in files):
        return
    certified = [file for file in files if file.target == Status.CERTIFIED]
    for file in certified[: len(certified) - 2]:  # a few certified files always stay
        if fits(file):
            file.target = status
            return
