"""The holder's 5 working days: weekends and Belgian public holidays do not count."""

from datetime import date

import pytest

from qualimark.workdays import add_working_days, is_working_day


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
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
    ],
)
def test_the_deadline_skips_weekends_and_belgian_public_holidays(
    start: date, days: int, expected: date
) -> None:
    assert add_working_days(start, days) == expected


@pytest.mark.parametrize(
    "holiday",
    [date(2026, 4, 6), date(2026, 7, 21), date(2025, 8, 15), date(2025, 11, 11), date(2027, 11, 1)],
)
def test_public_holidays_on_weekdays_are_not_working_days(holiday: date) -> None:
    assert holiday.weekday() < 5
    assert not is_working_day(holiday)
