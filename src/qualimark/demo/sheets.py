"""The datasheets of one certificate: names, versions, publications and their ends.

Every date respects the services' rules: a datasheet is published from the grant on and
before the file closes, versions are published in order, only a published datasheet is
withdrawn or superseded, and a replacement is published on the day it takes over.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from random import Random
from typing import Any

from qualimark.datasheets.models import DatasheetStatus
from qualimark.demo import products
from qualimark.demo.catalogue import SubjectSpec

WITHDRAWAL_REASONS = {
    "nl": ("Product uit productie genomen.", "Op verzoek van de houder.", "Niet meer geleverd."),
    "fr": ("Produit retiré de la production.", "À la demande du titulaire.", "Plus livré."),
}
REPLACEMENT_REASONS = {
    "nl": (
        "Vervangen door een nieuwe samenstelling.",
        "Nieuwe technische fiche na herformulering.",
    ),
    "fr": (
        "Remplacé par une nouvelle composition.",
        "Nouvelle fiche technique après reformulation.",
    ),
}


@dataclass(frozen=True)
class VersionPlan:
    number: int
    trade_name: str
    characteristics: list[dict[str, Any]]
    created_on: date
    published_on: date | None


@dataclass(frozen=True)
class Ending:
    status: DatasheetStatus
    effective: date
    reason: str
    replacement: int | None = None  # index of the replacing datasheet in the certificate's list


@dataclass(frozen=True)
class SheetPlan:
    product_name: str
    legacy: bool
    created_on: date
    versions: list[VersionPlan]
    ending: Ending | None


def _days(n: int) -> timedelta:
    return timedelta(days=n)


def plan_sheets(
    rng: Random,
    subject: SubjectSpec,
    *,
    brand: str,
    language: str,
    count: int,
    granted: date,
    last_day: date,
) -> list[SheetPlan]:
    """`count` datasheets published between `granted` and `last_day` (both inclusive)."""
    window = max(0, (last_day - granted).days)
    # The first datasheet comes with the grant; most others in the first two months.
    firsts = [granted + _days(rng.randint(0, min(30, window)))]
    for _other in range(count - 1):
        early = rng.random() < 0.55
        firsts.append(granted + _days(rng.randint(0, min(60, window) if early else window)))
    firsts.sort()
    drafts = {i for i in range(1, count) if rng.random() < 0.015}
    enders = {i for i in range(1, count) if i not in drafts and rng.random() < 0.11}
    stable = [i for i in range(count) if i not in drafts and i not in enders]
    family = products.FAMILIES[subject.family]
    sheets = []
    for index, first in enumerate(firsts):
        ending = (
            _ending(rng, index, firsts, stable, last_day, language) if index in enders else None
        )
        if index in drafts:
            first = max(granted, last_day - _days(rng.randint(0, 60)))
        sheets.append(
            _sheet(
                rng, subject, family, brand, first, ending, draft=index in drafts, last_day=last_day
            )
        )
    return sheets


def _ending(
    rng: Random, index: int, firsts: list[date], stable: list[int], last_day: date, language: str
) -> Ending | None:
    later = [j for j in stable if j > index and firsts[j] > firsts[index] + _days(30)]
    if later and rng.random() < 0.5:
        replacement = rng.choice(later)
        effective = min(last_day, firsts[replacement] + _days(rng.randint(0, 20)))
        reason = rng.choice(REPLACEMENT_REASONS[language])
        return Ending(DatasheetStatus.SUPERSEDED, effective, reason, replacement)
    if (last_day - firsts[index]).days < 31:
        return None
    effective = firsts[index] + _days(rng.randint(31, (last_day - firsts[index]).days))
    return Ending(DatasheetStatus.WITHDRAWN, effective, rng.choice(WITHDRAWAL_REASONS[language]))


def _sheet(
    rng: Random,
    subject: SubjectSpec,
    family: products.Family,
    brand: str,
    first: date,
    ending: Ending | None,
    *,
    draft: bool,
    last_day: date,
) -> SheetPlan:
    """One datasheet: versions published from `first` on, all before its ending."""
    end = ending.effective if ending else last_day + _days(1)
    drawn = products.values(rng, family)
    name = rng.choice(subject.products).format(*drawn)[:200]
    trade = base = products.trade_name(rng, brand, family)
    created = first - _days(rng.randint(0, 20))
    versions = [
        VersionPlan(1, trade, products.declared(family, drawn), created, None if draft else first)
    ]
    published = first
    wanted = rng.choices((1, 2, 3), weights=(65, 25, 10))[0]
    while not draft and len(versions) < wanted:
        drawn = products.revised(rng, family, drawn)
        if rng.random() < 0.3:
            trade = base + rng.choice(products.SUFFIXES)
        due = published + _days(rng.randint(180, 1100))
        written = due - _days(rng.randint(0, 20))
        if written >= end or written > last_day:
            break
        published_on = due if due < end and due <= last_day else None
        number = len(versions) + 1
        versions.append(
            VersionPlan(number, trade, products.declared(family, drawn), written, published_on)
        )
        if published_on is None:
            break  # a draft waits for its publication; nothing comes after it yet
        published = due
    legacy = rng.random() < 0.03
    return SheetPlan(name, legacy, created, versions, ending)
