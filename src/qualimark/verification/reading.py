"""The verification model read: the rows of any number of codes in one statement, and what
each row said as the registry stood at a given change or moment.

The statement takes the codes as one parameter (a JSON array for SQLite, an array for
PostgreSQL), so its text is the same whatever their number and every code, unknown ones
included, costs an index lookup in the same round trip.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

import orjson
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import timezone

from qualimark.verification.models import Entry
from qualimark.verification.packing import first_day, unpack, unpack_now
from qualimark.verification.projection import micros

# As the registry stood after a change (its sequence number) or at a moment; None: now.
AsOf = int | datetime | None

# A row as read: the sequence number of its code's last change, and its data still packed
# (a delivery list also reads the neighbours of its mistyped codes, which few answers need).
Row = tuple[int, bytes]


@cache
def _statements(vendor: str, placeholder: str) -> tuple[str, str]:
    table = connection.ops.quote_name(Entry._meta.db_table)
    select = f"SELECT code, seq, data FROM {table} WHERE code "
    many = f"IN (SELECT value FROM json_each({placeholder}))"
    if vendor != "sqlite":
        many = f"= ANY({placeholder})"
    return f"{select}= {placeholder}", select + many


def rows(codes: Sequence[str]) -> dict[str, Row]:
    """The rows of `codes` that exist, by code: (last change, packed data)."""
    if not codes:
        return {}
    db = connections[DEFAULT_DB_ALIAS]  # once: each look-up goes through a context local
    sqlite = db.vendor == "sqlite"
    params: list[Any]
    if len(codes) == 1:
        params = [codes[0]]
    elif sqlite:
        params = [orjson.dumps(list(codes)).decode()]
    else:
        params = [list(codes)]
    if db.queries_logged:
        # Debugging, or a test counting statements: through Django's cursor, which logs.
        one, many = _statements(db.vendor, "%s")
        with db.cursor() as cursor:
            cursor.execute(one if len(codes) == 1 else many, params)
            found = cursor.fetchall()
    else:
        # The driver's own cursor: Django's wrapper (logging, timing, rewriting the
        # placeholders) costs more than the indexed look-up itself.
        if db.connection is None:
            db.connect()
        one, many = _statements(db.vendor, "?" if sqlite else "%s")
        cursor = db.connection.cursor()
        try:
            cursor.execute(one if len(codes) == 1 else many, params)
            found = cursor.fetchall()
        finally:
            cursor.close()
    return {code: (seq, data) for code, seq, data in found}


@dataclass(slots=True)
class Known:
    """What a row said as of a change or a moment: the intervals then holding (sorted by
    their first day; days as ISO text) and the names then shown."""

    kind: str
    names: dict[str, Any]
    certificate: list[list[Any]] = field(default_factory=list)
    datasheet: list[list[Any]] = field(default_factory=list)
    seq: int = 0  # the sequence number of the code's last change as of then


def known(row: Row, as_of: AsOf = None) -> Known | None:
    """What `row` said as of `as_of` (None: now); None if it knew nothing yet."""
    seq, packed = row
    if as_of is None:
        now = unpack_now(packed)
        return Known(now["k"], now["n"], now.get("c", []), now.get("d", []), seq)
    data = unpack(packed)
    at = 0 if isinstance(as_of, int) else 1
    limit = as_of if isinstance(as_of, int) else micros(as_of)
    names = [version for version in data["n"] if version[at] <= limit]
    if not names:
        return None
    stamps = [names[-1][0]]
    certificate = _held(data.get("c", ()), at, limit, stamps)
    datasheet = _held(data.get("d", ()), at, limit, stamps)
    return Known(data["k"], names[-1][2], certificate, datasheet, max(stamps))


def _held(
    intervals: Sequence[list[Any]], at: int, limit: int, stamps: list[int]
) -> list[list[Any]]:
    """The intervals known at `limit` and not yet replaced then; `stamps` gets the sequence
    numbers of the changes seen."""
    held = []
    for interval in intervals:
        width = len(interval) - 4
        if interval[width + at] > limit:
            continue
        stamps.append(interval[width])
        gone = interval[width + 2 + at]
        if gone is not None and gone <= limit:
            stamps.append(interval[width + 2])
            continue
        held.append(interval)
    return sorted(held, key=first_day)


def parse_as_of(text: str) -> AsOf:
    """`as_of` as people write it: a sequence number of the change feed (digits), or a
    moment in ISO 8601 (a moment without an offset is in the registry's time zone).

    Raises ValueError for anything else."""
    text = text.strip()
    if not text:
        return None
    if text.isascii() and text.isdigit():
        if len(text) > 18:
            raise ValueError(text)
        return int(text)
    moment = datetime.fromisoformat(text.replace(" ", "+") if "T" in text else text)
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
