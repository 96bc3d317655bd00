"""The registry's day is Brussels' day, whatever the moment, across changes of the clocks."""

from datetime import UTC, date, datetime

import pytest

from qualimark import clock


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        (datetime(2026, 3, 28, 22, 59, tzinfo=UTC), date(2026, 3, 28)),  # 23:59 in winter time
        (datetime(2026, 3, 28, 23, 0, tzinfo=UTC), date(2026, 3, 29)),  # midnight: summer time
        (datetime(2026, 3, 29, 21, 59, tzinfo=UTC), date(2026, 3, 29)),
        (datetime(2026, 3, 29, 22, 0, tzinfo=UTC), date(2026, 3, 30)),  # midnight, summer time
        (datetime(2026, 10, 24, 21, 59, tzinfo=UTC), date(2026, 10, 24)),
        (datetime(2026, 10, 24, 22, 0, tzinfo=UTC), date(2026, 10, 25)),  # back to winter time
        (datetime(2026, 10, 25, 22, 59, tzinfo=UTC), date(2026, 10, 25)),
        (datetime(2026, 10, 25, 23, 0, tzinfo=UTC), date(2026, 10, 26)),
    ],
)
def test_today_is_the_day_in_brussels(moment: datetime, day: date) -> None:
    with clock.frozen_at(moment):
        assert clock.today() == day


def test_today_follows_the_clock_back_and_forth() -> None:
    # The day of the last moment asked is remembered; a moment outside it is not misread.
    for moment, day in [
        (datetime(2026, 3, 16, 12, 0, tzinfo=UTC), date(2026, 3, 16)),
        (datetime(2026, 3, 15, 12, 0, tzinfo=UTC), date(2026, 3, 15)),
        (datetime(2026, 3, 16, 22, 59, tzinfo=UTC), date(2026, 3, 16)),
        (datetime(2026, 3, 16, 23, 0, tzinfo=UTC), date(2026, 3, 17)),
        (datetime(2026, 3, 16, 0, 0, tzinfo=UTC), date(2026, 3, 16)),
    ]:
        with clock.frozen_at(moment):
            assert clock.today() == day, moment
