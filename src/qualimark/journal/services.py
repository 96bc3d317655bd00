from collections.abc import Mapping
from typing import Any

from django.db import models

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.journal.models import JournalEntry

SECRET_KEYS = ("password", "secret", "token", "otp")
MASK = "********"


def masked(data: Mapping[str, Any]) -> dict[str, Any]:
    """`data` with the value of every key that names a secret replaced by a mask."""
    result: dict[str, Any] = {}
    for key, value in data.items():
        if any(secret in key.lower() for secret in SECRET_KEYS):
            result[key] = MASK
        elif isinstance(value, Mapping):
            result[key] = masked(value)
        else:
            result[key] = value
    return result


def record(
    action: str, obj: models.Model, *, actor: User | None, data: Mapping[str, Any] | None = None
) -> JournalEntry:
    """Add a journal entry for `obj`; secrets in `data` are masked before they are stored.

    Call it inside the transaction of the change it records, so that both land or neither.
    """
    return JournalEntry.objects.create(
        at=clock.now(),
        actor=actor,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        data=masked(data or {}),
    )


def entries_for(obj: models.Model) -> models.QuerySet[JournalEntry]:
    return JournalEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
