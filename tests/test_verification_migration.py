"""A registry upgraded keeps its verification answers: each stored row of the former
layout (what holds now and the story in one value) is split into the entry and its story,
and the split can be undone."""

import struct
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from qualimark.verification.packing import pack

BEFORE = [("verification", "0001_initial")]
AFTER = [("verification", "0002_story_apart")]

STORY = {
    "k": "q",
    "n": [[10, 1773600000000000, {"number": "BENOR-000001", "quick_code": "12345674"}]],
    "c": [["2026-02-02", None, "certified", 10, 1773600000000000, None, None]],
    "d": [["2026-02-10", None, "published", None, 11, 1773600000000000, None, None]],
}


def _migrated(target: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_rows_of_the_former_layout_are_split_and_joined_again() -> None:
    now, story = pack(STORY)
    former = b"\x02" + struct.pack(">I", len(now)) + now + story[1:]
    try:
        apps = _migrated(BEFORE)
        apps.get_model("verification", "Entry").objects.create(code="12345674", seq=11, data=former)
        apps = _migrated(AFTER)
        entry = apps.get_model("verification", "Entry").objects.get()
        kept = apps.get_model("verification", "Story").objects.get()
        assert (entry.code, entry.seq, bytes(entry.now)) == ("12345674", 11, now)
        assert (kept.code, bytes(kept.data)) == ("12345674", story)

        apps = _migrated(BEFORE)
        assert bytes(apps.get_model("verification", "Entry").objects.get().data) == former
    finally:
        _migrated(AFTER)
