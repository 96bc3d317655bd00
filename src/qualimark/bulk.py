"""Fast inserts of many new rows: tuples, COPY on PostgreSQL, executemany on SQLite.

`bulk_create` prepares every value of every row through the ORM's insert compiler; at a
million datasheets (several million rows) that alone takes most of half an hour. The
demo generator and the search index rebuild do what a loader does instead: take each
object's id first, turn the object into a tuple of column values with one converter per
column, and hand the rows to the database's own bulk path (COPY on PostgreSQL, one
prepared INSERT run with executemany on SQLite). Objects keep their ids afterwards, as
with `bulk_create`, so children and journal entries can point at them. No signals are
sent and no `save` runs: for new rows of plain tables only.
"""

import json
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from django.db import connection, models

Convert = Callable[[Any], Any]


def _plain(value: Any) -> Any:
    return value


def _sqlite_datetime(value: datetime | None) -> str | None:
    # As Django stores an aware datetime on SQLite: naive UTC, ISO with a space.
    return None if value is None else value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")


def _sqlite_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _converter(field: models.Field[Any, Any]) -> Convert:
    """How one column's value goes to the database: as the ORM would write it."""
    sqlite = connection.vendor == "sqlite"
    if isinstance(field, models.JSONField):
        encoder = field.encoder

        def dump(value: Any) -> str | None:
            return None if value is None else json.dumps(value, cls=encoder)

        return dump
    if isinstance(field, models.DateTimeField):
        return _sqlite_datetime if sqlite else _plain
    if isinstance(field, models.DateField):
        return _sqlite_date if sqlite else _plain
    if isinstance(
        field,
        models.CharField
        | models.TextField
        | models.IntegerField
        | models.BooleanField
        | models.AutoField
        | models.BigAutoField,
    ):
        return _plain
    return lambda value: field.get_db_prep_save(value, connection)


def _reader(field: models.Field[Any, Any]) -> Callable[[models.Model], Any]:
    """The value of one column of an object, its id for a relation set before the id was."""
    attname = field.attname
    convert = _converter(field)
    if not field.is_relation:
        return lambda obj: convert(getattr(obj, attname))

    def related_id(obj: models.Model) -> Any:
        value = getattr(obj, attname)
        if value is None and field.is_cached(obj):  # type: ignore[attr-defined]
            parent = field.get_cached_value(obj)  # type: ignore[attr-defined]
            value = None if parent is None else parent.pk
        return value

    return related_id


def insert(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    """Insert new objects of `model` in a few statements, giving each its id first.

    Ids come from where the ORM's own inserts take theirs, so both can write side by side:
    PostgreSQL's sequence of the table (reserved in one query), and on SQLite the next
    rowid, which only the one writer that holds the database's write lock can take.
    """
    if not objects:
        return
    for obj, pk in zip(objects, _new_ids(model, len(objects)), strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias
    columns, readers = _columns(model, connection.vendor)
    rows = [tuple(read(obj) for read in readers) for obj in objects]
    _write(model._meta.db_table, columns, rows)


@cache
def _columns(
    model: type[models.Model], vendor: str
) -> tuple[list[str], list[Callable[[models.Model], Any]]]:
    """The columns written and a reader for each (the readers convert for `vendor`)."""
    fields = [f for f in model._meta.concrete_fields if not f.generated]
    # The search document (a tsvector) is the database's own: a trigger fills it.
    fields = [f for f in fields if f.get_internal_type() != "SearchVectorField"]
    return [f.column for f in fields], [_reader(f) for f in fields]


def _new_ids(model: type[models.Model], count: int) -> list[int]:
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # Past the highest id ever given (AUTOINCREMENT keeps it even after deletes), as
        # the ORM's own next insert would be: ids are never reused.
        quote = connection.ops.quote_name
        cursor.execute(
            f"SELECT max(coalesce((SELECT max({quote(column)}) FROM {quote(table)}), 0), "
            "coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))",
            [table],
        )
        top = cursor.fetchone()[0]
        return list(range(top + 1, top + 1 + count))


def _write(table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # psycopg's own cursor: COPY is not in the DB-API
            with raw.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" for _ in columns)
            # sqlite3's own executemany: Django's wrapper would rewrite every row's params.
            cursor.cursor.connection.executemany(
                f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows
            )


def analyze() -> None:
    """Refresh the query planner's statistics: after a bulk load they describe empty tables.

    PostgreSQL's autovacuum gets there eventually; until then a plan can pick an index
    that matches every row (a search took 150 ms instead of 2). SQLite has none unless
    asked; a sampling limit keeps its ANALYZE to seconds at a million rows.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit=1000")
        cursor.execute("ANALYZE")
