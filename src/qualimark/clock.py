"""The one clock of Qualimark.

Every rule that depends on "now" or "today" asks this module, so that tests (and a
demo that wants to show a future) can set the time in one place.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

from django.utils import timezone

_frozen: datetime | None = None


def now() -> datetime:
    return _frozen if _frozen is not None else timezone.now()


def today() -> date:
    return timezone.localdate(now())


@contextmanager
def frozen_at(moment: datetime) -> Iterator[None]:
    """Make `now()` answer `moment` (an aware datetime) inside the block."""
    global _frozen
    if timezone.is_naive(moment):
        raise ValueError("the clock takes aware datetimes only")
    previous, _frozen = _frozen, moment
    try:
        yield
    finally:
        _frozen = previous
