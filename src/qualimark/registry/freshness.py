"""When the public registry last changed: the basis of ETag and Last-Modified headers.

Every change that the registry shows is journalled in the same transaction (see
`journal.services.record`), and the journal is only ever added to, so its highest id and
its latest time date the registry as a whole. Both are read in one query, each from an
index (the key, and `at`): the cost does not grow with the journal, which holds tens of
millions of entries at national scale.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection

from qualimark.journal.models import JournalEntry


@dataclass(frozen=True)
class Freshness:
    version: str  # changes with every journalled change (ids, unlike times, never tie)
    last_change: datetime | None


def freshness() -> Freshness:
    table = connection.ops.quote_name(JournalEntry._meta.db_table)
    with connection.cursor() as cursor:
        # Two subqueries, as SQLite reads a max from an index only when it is alone.
        cursor.execute(f"SELECT (SELECT max(id) FROM {table}), (SELECT max(at) FROM {table})")
        newest, at = cursor.fetchone()
    if isinstance(at, str):  # SQLite returns a raw aggregate as stored: naive UTC text
        at = datetime.fromisoformat(at).replace(tzinfo=UTC)
    if newest is None:
        return Freshness("-", None)
    return Freshness(f"{newest}@{at.isoformat()}", at)
