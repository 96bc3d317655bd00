"""Working days in Belgium: weekdays that are not a Belgian public holiday.

The holidays come from the `holidays` package (Easter Monday, Ascension, Whit Monday,
21 July, 15 August, 1 and 11 November…), never from a list of our own.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("BE", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The `days`-th working day after `start` (`start` itself does not count)."""
    return _count(start, days, timedelta(days=1))


def subtract_working_days(start: date, days: int) -> date:
    """The `days`-th working day before `start` (`start` itself does not count)."""
    return _count(start, days, timedelta(days=-1))


def _count(start: date, days: int, step: timedelta) -> date:
    if days < 1:
        raise ValueError("days must be at least 1")
    day, counted = start, 0
    while counted < days:
        day += step
        if is_working_day(day):
            counted += 1
    return day
