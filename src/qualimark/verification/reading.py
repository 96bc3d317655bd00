"""The verification model read: the entries of any number of codes in one statement, and
what each said as the registry stood at a given change or moment.

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

from qualimark.verification.models import Entry, Story
from qualimark.verification.packing import first_day, unpack, unpack_now
from qualimark.verification.projection import micros

# As the registry stood after a change (its sequence number) or at a moment; None: now.
AsOf = int | datetime | None

# An entry as read: the sequence number of its code's last change, and what holds now or
# its whole story (as asked), still packed: a delivery list also reads the neighbours of
# its mistyped codes, which few answers need.
Row = tuple[int, bytes]


@dataclass(frozen=True)
class _Statements:
    one: str  # the entry of one code
    many: str  # the entries of a list of codes
    one_or_near: str  # the entry of one code or, if it has none, those of a list


@cache
def _statements(vendor: str, placeholder: str, story: bool) -> _Statements:
    quote = connection.ops.quote_name
    entries = quote(Entry._meta.db_table)
    select = f"SELECT e.code, e.seq, e.now FROM {entries} e WHERE e.code "
    if story:
        stories = quote(Story._meta.db_table)
        select = (
            f"SELECT e.code, e.seq, s.data FROM {entries} e "
            f"JOIN {stories} s ON s.code = e.code WHERE e.code "
        )
    listed = f"IN (SELECT value FROM json_each({placeholder}))"
    if vendor != "sqlite":
        listed = f"= ANY({placeholder})"
    one = f"{select}= {placeholder}"
    exists = f"SELECT 1 FROM {entries} WHERE code = {placeholder}"
    return _Statements(
        one, select + listed, f"{one} UNION ALL {select}{listed} AND NOT EXISTS ({exists})"
    )


def rows(codes: Sequence[str], *, story: bool = False) -> dict[str, Row]:
    """The entries of `codes` that exist, by code: (last change, what holds now, or with
    `story` the whole story, packed)."""
    if not codes:
        return {}
    if len(codes) == 1:
        return _read("one", [codes[0]], story)
    return _read("many", [list(codes)], story)


def row_or_near(code: str, near: Sequence[str]) -> dict[str, Row]:
    """The entry of `code` if it has one, else the entries of `near` that exist (the codes
    one typing error away from it), with what holds now, in one statement: a legacy quick
    code, whose check digit does not match, is answered without reading its neighbours."""
    return _read("one_or_near", [code, list(near), code], False)


def _read(statement: str, params: list[Any], story: bool) -> dict[str, Row]:
    db = connections[DEFAULT_DB_ALIAS]  # once: each look-up goes through a context local
    sqlite = db.vendor == "sqlite"
    if sqlite:
        # A list goes as one JSON text (`json_each`); PostgreSQL takes it as an array.
        params = [orjson.dumps(p).decode() if isinstance(p, list) else p for p in params]
    if db.queries_logged:
        # Debugging, or a test counting statements: through Django's cursor, which logs.
        with db.cursor() as cursor:
            cursor.execute(getattr(_statements(db.vendor, "%s", story), statement), params)
            found = cursor.fetchall()
    else:
        # The driver's own cursor: Django's wrapper (logging, timing, rewriting the
        # placeholders) costs more than the indexed look-up itself.
        if db.connection is None:
            db.connect()
        sql = getattr(_statements(db.vendor, "?" if sqlite else "%s", story), statement)
        cursor = db.connection.cursor()
        try:
            cursor.execute(sql, params)
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
    """What `row` said as of `as_of` (None: now); None if it knew nothing yet. A row read
    for an answer as of an earlier state is read with its story (`rows(..., story=True)`)."""
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
