"""Datasheets by quick code, with what a verdict reads, in three queries for any number.

Verification is the registry's hottest path: building sites ask it many times a second,
a delivery list a thousand codes at once. Through the ORM's querysets one code costs five
queries and most of a millisecond of SQL compilation. Here the SQL of each query shape is
compiled once (per number of codes asked) and run as such; its rows become the same model
objects a queryset would give — the datasheet with its certificate, holder, production
unit, programme, mark and subject, and both status histories resolved into timelines —
so that `verify` and its presenters read them unchanged.
"""

from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from django.db import connection, models

from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate, StatusPeriod
from qualimark.certification.models import timeline_of as certificate_timeline
from qualimark.certification.timeline import PeriodRow, Segment
from qualimark.datasheets.models import Datasheet, DatasheetStatusPeriod
from qualimark.datasheets.models import timeline_of as datasheet_timeline
from qualimark.parties.models import Organisation, ProductionUnit
from qualimark.schemes.models import Programme, Scheme, Subject

# The fields read of each object, as (model, path from the datasheet, field names).
_READ: list[tuple[type[models.Model], str, tuple[str, ...]]] = [
    (Datasheet, "", ("id", "certificate_id", "quick_code", "quick_code_legacy", "product_name")),
    (
        Certificate,
        "certificate__",
        ("id", "number", "holder_id", "programme_id", "production_unit_id", "applied_on"),
    ),
    (Organisation, "certificate__holder__", ("id", "name", "trade_name", "enterprise_number")),
    (
        ProductionUnit,
        "certificate__production_unit__",
        ("id", "name", "street", "postal_code", "town", "country"),
    ),
    (Programme, "certificate__programme__", ("id", "scheme_id", "subject_id")),
    (Scheme, "certificate__programme__scheme__", ("id", "code", "name")),
    (
        Subject,
        "certificate__programme__subject__",
        ("id", "code", "kind", "name_nl", "name_fr", "name_en", "name_de"),
    ),
]


def _in_field_order(model: type[models.Model], names: tuple[str, ...]) -> tuple[str, ...]:
    # `Model.from_db` takes the values of the fields read in the model's own field order.
    return tuple(f.attname for f in model._meta.concrete_fields if f.attname in names)


_SHAPE = [(model, prefix, _in_field_order(model, names)) for model, prefix, names in _READ]
_COLUMNS = [prefix + name for _model, prefix, names in _SHAPE for name in names]
_PERIOD_FIELDS = ("valid_from", "valid_until", "status")


def _placeholders(shape: str, count: int) -> list[Any]:
    # Distinct, as an IN list drops repeats; never a real code or id.
    if shape == "datasheets":
        return [f"\x00{n}" for n in range(count)]
    return [-1 - n for n in range(count)]


@lru_cache(maxsize=16)
def _compiled(shape: str, count: int) -> str:
    """The SQL of one query shape for `count` values; its parameters are those values."""
    dummies = _placeholders(shape, count)
    queryset: models.QuerySet[Any, Any]
    if shape == "datasheets":
        queryset = Datasheet.objects.filter(quick_code__in=dummies).values_list(*_COLUMNS)
    elif shape == "datasheet_periods":
        queryset = DatasheetStatusPeriod.objects.filter(datasheet_id__in=dummies).values_list(
            "datasheet_id", "id", *_PERIOD_FIELDS, "version_id", "superseded_by_id"
        )
    else:
        queryset = StatusPeriod.objects.filter(certificate_id__in=dummies).values_list(
            "certificate_id", "decision_id", *_PERIOD_FIELDS
        )
    sql, params = queryset.order_by().query.sql_with_params()
    assert list(params) == list(dummies), "a lookup query takes exactly the values asked"
    return str(sql)


def _run(shape: str, values: Sequence[Any]) -> list[tuple[Any, ...]]:
    if not values:
        return []
    with connection.cursor() as cursor:
        cursor.execute(_compiled(shape, len(values)), list(values))
        rows: list[tuple[Any, ...]] = cursor.fetchall()
        return rows


def _day(value: date | str | None) -> date | None:
    # SQLite gives back dates as stored, in ISO text.
    return date.fromisoformat(value) if isinstance(value, str) else value


Seen = dict[tuple[type[models.Model], int], models.Model]


def _objects(row: tuple[Any, ...], seen: Seen) -> Datasheet:
    """The datasheet of one row, with its related objects attached as select_related would.

    Objects met before in the same lookup (`seen`) are shared: a delivery list names a few
    marks, subjects and holders many times.
    """
    made: dict[type[models.Model], models.Model | None] = {}
    position = 0
    for model, _prefix, names in _SHAPE:
        values = row[position : position + len(names)]
        position += len(names)
        if values[0] is None:
            made[model] = None
            continue
        key = (model, values[0])
        if key not in seen:
            # As a queryset builds its objects: fields not read are deferred, not defaulted.
            seen[key] = model.from_db(connection.alias, names, values)
        made[model] = seen[key]
    datasheet = made[Datasheet]
    certificate = made[Certificate]
    programme = made[Programme]
    assert isinstance(datasheet, Datasheet)
    assert isinstance(certificate, Certificate)
    assert isinstance(programme, Programme)
    # Raw rows carry SQLite's storage types: ISO text for dates, 0 and 1 for booleans.
    certificate.applied_on = _day(certificate.applied_on)  # type: ignore[assignment]
    datasheet.quick_code_legacy = bool(datasheet.quick_code_legacy)
    programme.scheme = made[Scheme]  # type: ignore[assignment]
    programme.subject = made[Subject]  # type: ignore[assignment]
    certificate.programme = programme
    certificate.holder = made[Organisation]  # type: ignore[assignment]
    certificate.production_unit = made[ProductionUnit]  # type: ignore[assignment]
    datasheet.certificate = certificate
    return datasheet


def _grouped(
    rows: list[tuple[Any, ...]], make: Callable[[tuple[Any, ...]], PeriodRow]
) -> dict[int, list[PeriodRow]]:
    grouped: dict[int, list[PeriodRow]] = {}
    for row in rows:
        grouped.setdefault(row[0], []).append(make(row))
    return grouped


def datasheets_by_code(codes: Sequence[str]) -> dict[str, Datasheet]:
    """The datasheets with these quick codes, each ready for `verify` (three queries)."""
    wanted = list(dict.fromkeys(codes))
    seen: Seen = {}
    sheets = [_objects(row, seen) for row in _run("datasheets", wanted)]
    sheet_rows = _grouped(
        _run("datasheet_periods", [sheet.pk for sheet in sheets]),
        lambda r: PeriodRow(
            _day(r[2]) or date.min,
            _day(r[3]),
            r[4],
            pk=r[1],
            version_id=r[5],
            superseded_by_id=r[6],
        ),
    )
    certificate_ids = list(dict.fromkeys(sheet.certificate_id for sheet in sheets))
    certificate_rows = _grouped(
        _run("certificate_periods", certificate_ids),
        lambda r: PeriodRow(_day(r[2]) or date.min, _day(r[3]), r[4], decision_id=r[1]),
    )
    timelines: dict[int, list[Segment[Status]]] = {}
    for sheet in sheets:
        # cached_property: the timelines are set as if they had been read already.
        sheet.timeline = datasheet_timeline(sheet_rows.get(sheet.pk, []))
        certificate = sheet.certificate
        if certificate.pk not in timelines:
            timelines[certificate.pk] = certificate_timeline(
                certificate_rows.get(certificate.pk, [])
            )
        certificate.timeline = timelines[certificate.pk]
    return {sheet.quick_code: sheet for sheet in sheets}
