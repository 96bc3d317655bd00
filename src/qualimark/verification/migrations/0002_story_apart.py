"""What holds now and the whole story of a code in two rows (`packing` says why).

A stored row was one byte of format (2), four bytes giving the length of the head (what
holds now, JSON), the head, then the story deflated: the head goes to `Entry.now`, the
story to a `Story` row, marked with the story's own format byte (1). The rows are copied
into new tables in the order of their codes rather than altered in place, so that the
tables come out packed (altered in place, SQLite's entries took 2.3 GB for 0.7 GB of rows
at a million datasheets).
"""

import struct

from django.db import migrations, models

_HEAD_SIZE = struct.Struct(">I")
_STORY = 1 + _HEAD_SIZE.size
BATCH = 5000


def _batches(model, db, fields):  # type: ignore[no-untyped-def]
    rows = model.objects.using(db).order_by("code")
    after = ""
    while batch := list(rows.filter(code__gt=after).values_list("code", *fields)[:BATCH]):
        yield batch
        after = batch[-1][0]


def split(apps, schema_editor):  # type: ignore[no-untyped-def]
    Former = apps.get_model("verification", "FormerEntry")
    Entry = apps.get_model("verification", "Entry")
    Story = apps.get_model("verification", "Story")
    db = schema_editor.connection.alias
    for batch in _batches(Former, db, ("seq", "data")):
        entries, stories = [], []
        for code, seq, data in batch:
            data = bytes(data)
            if data[:1] != b"\x02" or len(data) < _STORY:
                raise ValueError(f"verification row {code} is not of format 2")
            end = _STORY + _HEAD_SIZE.unpack_from(data, 1)[0]
            entries.append(Entry(code=code, seq=seq, now=data[_STORY:end]))
            stories.append(Story(code=code, data=b"\x01" + data[end:]))
        Entry.objects.using(db).bulk_create(entries, batch_size=1000)
        Story.objects.using(db).bulk_create(stories, batch_size=1000)


def join(apps, schema_editor):  # type: ignore[no-untyped-def]
    Former = apps.get_model("verification", "FormerEntry")
    Entry = apps.get_model("verification", "Entry")
    Story = apps.get_model("verification", "Story")
    db = schema_editor.connection.alias
    for batch in _batches(Entry, db, ("seq", "now")):
        stories = dict(
            Story.objects.using(db)
            .filter(code__in=[code for code, _seq, _now in batch])
            .values_list("code", "data")
        )
        Former.objects.using(db).bulk_create(
            [
                Former(
                    code=code,
                    seq=seq,
                    data=b"\x02"
                    + _HEAD_SIZE.pack(len(bytes(now)))
                    + bytes(now)
                    + bytes(stories[code])[1:],
                )
                for code, seq, now in batch
            ],
            batch_size=1000,
        )


def _code() -> models.CharField:
    return models.CharField(max_length=24, primary_key=True, serialize=False, verbose_name="code")


class Migration(migrations.Migration):
    dependencies = [("verification", "0001_initial")]

    operations = [
        migrations.RenameModel("Entry", "FormerEntry"),
        migrations.CreateModel(
            name="Entry",
            fields=[
                ("code", _code()),
                ("seq", models.BigIntegerField(verbose_name="last change")),
                ("now", models.BinaryField(verbose_name="what holds now")),
            ],
            options={
                "verbose_name": "verification entry",
                "verbose_name_plural": "verification entries",
            },
        ),
        migrations.CreateModel(
            name="Story",
            fields=[
                ("code", _code()),
                ("data", models.BinaryField(verbose_name="the whole story")),
            ],
            options={
                "verbose_name": "verification story",
                "verbose_name_plural": "verification stories",
            },
        ),
        migrations.RunPython(split, join, elidable=True),
        migrations.DeleteModel("FormerEntry"),
    ]
