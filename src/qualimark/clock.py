"""The one clock of Qualimark.

Every rule that depends on "now" or "today" asks this module, so that tests (and a
demo that wants to show a future) can set the time in one place.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta

from django.utils import timezone

_frozen: datetime | None = None


def now() -> datetime:
    # Aware, in UTC, as Django's timezone.now() with USE_TZ (always on here), without
    # reading the setting on every call.
    return _frozen if _frozen is not None else datetime.now(UTC)


def today() -> date:
    """The registry's day now, in its one time zone (`TIME_ZONE`, Brussels)."""
    return day_of(now())


def day_of(moment: datetime) -> date:
    """The registry's day at `moment` (an aware datetime)."""
    known = _day
    if known is not None and known[0] <= moment < known[1]:
        # The day of the last moment asked, if this one falls in it: the hottest paths
        # ask for today on every request, and a time zone conversion costs more than they.
        return known[2]
    return _remember_day(moment)


# [start, end) of the last day asked, and the day.
_day: tuple[datetime, datetime, date] | None = None


def _remember_day(moment: datetime) -> date:
    global _day
    zone = timezone.get_default_timezone()
    day = moment.astimezone(zone).date()
    # Kept in UTC, the zone of `now()`: aware datetimes of one zone compare without asking
    # either for its offset, which is most of what comparing them costs.
    start = datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone).astimezone(UTC)
    _day = (start, end, day)
    return day


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
