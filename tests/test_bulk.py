"""The bulk inserter: ids as the ORM would give them, and objects usable afterwards."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import connection

from qualimark import bulk
from qualimark.journal.models import JournalEntry

BRUSSELS = ZoneInfo("Europe/Brussels")


def _entry(n: int) -> JournalEntry:
    return JournalEntry(
        at=datetime(2026, 3, 16, 10, n, tzinfo=BRUSSELS),
        action="test.bulk",
        object_type="test",
        object_id=str(n),
        object_repr=f"entry {n}",
        data={"n": n, "when": datetime(2026, 3, 16, 9, 0, tzinfo=BRUSSELS)},
    )


def test_rows_read_back_as_written_and_ids_are_never_reused(db: None) -> None:
    first = [_entry(n) for n in range(3)]
    bulk.insert(JournalEntry, first)
    assert [entry.pk for entry in first] == sorted({entry.pk for entry in first})
    stored = JournalEntry.objects.get(pk=first[1].pk)
    assert stored.at == datetime(2026, 3, 16, 10, 1, tzinfo=BRUSSELS)
    assert stored.data == {"n": 1, "when": "2026-03-16T09:00:00+01:00"}

    newest = first[-1].pk
    with connection.cursor() as cursor:  # the last id gone (the ORM refuses: append-only)
        cursor.execute("DELETE FROM journal_journalentry WHERE id = %s", [newest])
    later = [_entry(9)]
    bulk.insert(JournalEntry, later)
    assert later[0].pk > newest
    # The ORM's own next insert continues after them.
    orm = JournalEntry.objects.create(
        at=datetime(2026, 3, 16, 11, 0, tzinfo=BRUSSELS),
        action="test.orm",
        object_type="test",
        object_id="x",
        object_repr="x",
    )
    assert orm.pk > later[0].pk
