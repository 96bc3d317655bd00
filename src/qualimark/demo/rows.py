"""How the demo writes rows: in batches, at office hours, with the services' journal entries."""

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from random import Random
from typing import Any
from zoneinfo import ZoneInfo

from django.db import models

from qualimark.accounts.models import User
from qualimark.journal.models import JournalEntry
from qualimark.journal.services import masked

BRUSSELS = ZoneInfo("Europe/Brussels")
BATCH = 5000  # rows per INSERT

# A journal entry to be written once its object is saved: when, who, what, which, data.
JournalRow = tuple[datetime, User | None, str, models.Model, dict[str, Any]]


@dataclass(frozen=True)
class Staff:
    """The CB's people who act in the demo history."""

    file_manager: User
    decision_maker: User
    reviewer: User  # assesses inspection reports, so decides on none of those files
    # A second decision maker, who enacts the outcome of appeals against the first one's
    # decisions (whoever took the appealed decision may not enact the appeal).
    appeals_decision_maker: User


def days(n: int) -> timedelta:
    return timedelta(days=n)


def moment(rng: Random, day: date, hours: tuple[int, int] = (8, 17)) -> datetime:
    """A time on `day` in Brussels, from the first of `hours` to before the second."""
    hour = rng.randint(hours[0], hours[1] - 1)
    return datetime(day.year, day.month, day.day, hour, rng.randint(0, 59), tzinfo=BRUSSELS)


def slug(text: str) -> str:
    """`text` in lower-case ASCII letters and digits, for e-mail addresses."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in ascii_text.lower() if c.isalnum())


def journal_entries(rows: list[JournalRow]) -> list[JournalEntry]:
    """Entries shaped as `journal.services.record` writes them, for objects already saved."""
    return [
        JournalEntry(
            at=at,
            actor=actor,
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_repr=str(obj)[:200],
            data=masked({k: v.pk if isinstance(v, models.Model) else v for k, v in data.items()}),
        )
        for at, actor, action, obj, data in rows
    ]
