"""Appending to the change feed, and the projectors that follow it.

`append` is called by the domain services inside their transaction. It writes the row, then
calls, in the same transaction, every projector named in the `QUALIMARK_PROJECTORS` setting
(dotted paths to functions taking the change and the changed object): the read models are
never behind the registry. This is the one place where code runs because something else
happened without calling it by name; the domain imports no projector.

A projector that may lag reads the feed from its own cursor instead (`read_from`, `move`).
"""

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils.module_loading import import_string

from qualimark import clock
from qualimark.feed.models import Change, Cursor

Projector = Callable[[Change, models.Model], None]


@cache
def projectors() -> tuple[Projector, ...]:
    """The projectors of the settings, imported once."""
    return tuple(import_string(path) for path in settings.QUALIMARK_PROJECTORS)


def append(
    kind: str,
    obj: models.Model,
    *,
    codes: Iterable[str] = (),
    data: dict[str, Any] | None = None,
) -> Change:
    """Record that `obj` changed as `kind` says, and keep the read models in step."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("The change feed is written inside the change's own transaction.")
    change = Change.objects.create(
        recorded_at=clock.now(),
        kind=kind,
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        codes=list(codes),
        data=data or {},
    )
    for project in projectors():
        project(change, obj)
    return change


def position() -> int:
    """The sequence number of the last change recorded (0 before the first)."""
    return Change.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def read_from(name: str, *, limit: int = 1000) -> Sequence[Change]:
    """The changes after the cursor `name`, oldest first, at most `limit`."""
    cursor, _created = Cursor.objects.get_or_create(name=name)
    return list(Change.objects.filter(pk__gt=cursor.position).order_by("pk")[:limit])


def move(name: str, position: int) -> None:
    """Say that the projector `name` has read the feed up to `position`."""
    # One statement whether the cursor exists or not (an upsert).
    Cursor.objects.bulk_create(
        [Cursor(name=name, position=position, moved_at=clock.now())],
        update_conflicts=True,
        unique_fields=["name"],
        update_fields=["position", "moved_at"],
    )
