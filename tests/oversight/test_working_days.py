"""The holder's 5 working days: weekends and Belgian public holidays do not count."""

from collections.abc import Callable
from datetime import date

import pytest

from qualimark.workdays import add_working_days, is_working_day, subtract_working_days

# Every start is a working day, so that counting back from the deadline finds it again.
DEADLINES = [
    # Monday → Monday: the weekend in between does not count.
    (date(2026, 3, 16), 5, date(2026, 3, 23)),
    # Friday → the next Friday.
    (date(2026, 3, 20), 5, date(2026, 3, 27)),
    # Sent on a Friday before Easter Monday (6 April 2026).
    (date(2026, 4, 3), 5, date(2026, 4, 13)),
    # National day, Tuesday 21 July 2026.
    (date(2026, 7, 20), 5, date(2026, 7, 28)),
    # Assumption, Friday 15 August 2025.
    (date(2025, 8, 11), 5, date(2025, 8, 19)),
    (date(2025, 8, 14), 1, date(2025, 8, 18)),
    # All Saints' Day on a Saturday (2025) changes nothing; Armistice (Tue 11 Nov) does.
    (date(2025, 10, 31), 5, date(2025, 11, 7)),
    (date(2025, 11, 10), 5, date(2025, 11, 18)),
    # All Saints' Day on a Monday (2027).
    (date(2027, 10, 29), 1, date(2027, 11, 2)),
    # Christmas (Friday 25 December 2026) and New Year (Friday 1 January 2027).
    (date(2026, 12, 23), 5, date(2026, 12, 31)),
    (date(2026, 12, 29), 5, date(2027, 1, 6)),
    # Christmas 2025 on a Thursday: 26 December is a working day in Belgium.
    (date(2025, 12, 24), 2, date(2025, 12, 29)),
]


@pytest.mark.parametrize(("start", "days", "expected"), DEADLINES)
def test_the_deadline_skips_weekends_and_belgian_public_holidays(
    start: date, days: int, expected: date
) -> None:
    assert add_working_days(start, days) == expected


@pytest.mark.parametrize(("start", "days", "deadline"), DEADLINES)
def test_counting_back_from_a_deadline_skips_the_same_days(
    start: date, days: int, deadline: date
) -> None:
    assert subtract_working_days(deadline, days) == start


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # From a Sunday or a Saturday, the Friday before is the first working day back.
        (date(2026, 3, 22), 1, date(2026, 3, 20)),
        (date(2026, 3, 21), 1, date(2026, 3, 20)),
        # Back over Easter Monday (6 April 2026) and the weekend before it.
        (date(2026, 4, 7), 1, date(2026, 4, 3)),
        # Back over New Year (Friday 1 January 2027) into the year before.
        (date(2027, 1, 4), 2, date(2026, 12, 30)),
    ],
)
def test_counting_back_skips_weekends_and_public_holidays(
    start: date, days: int, expected: date
) -> None:
    assert subtract_working_days(start, days) == expected


@pytest.mark.parametrize("count", [add_working_days, subtract_working_days])
@pytest.mark.parametrize("days", [0, -1])
def test_at_least_one_working_day_is_counted(count: Callable[[date, int], date], days: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        count(date(2026, 3, 16), days)


@pytest.mark.parametrize(
    "holiday",
    [date(2026, 4, 6), date(2026, 7, 21), date(2025, 8, 15), date(2025, 11, 11), date(2027, 11, 1)],
)
def test_public_holidays_on_weekdays_are_not_working_days(holiday: date) -> None:
    assert holiday.weekday() < 5
    assert not is_working_day(holiday)
