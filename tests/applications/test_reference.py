"""Applications are numbered A-YYYY-NNNN, per year of the clock."""

from datetime import datetime

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.applications import services
from qualimark.applications.models import Application
from qualimark.schemes.models import Programme
from tests.conftest import BRUSSELS


def test_references_count_up_within_the_year(
    draft: Application, holder_member: User, road_marking: Programme
) -> None:
    second = services.start_application(
        draft.organisation, by=holder_member, programme=road_marking
    )

    assert draft.reference == "A-2026-0001"
    assert second.reference == "A-2026-0002"


def test_a_new_year_starts_a_new_series(
    draft: Application, holder_member: User, road_marking: Programme
) -> None:
    with clock.frozen_at(datetime(2027, 1, 4, 9, 0, tzinfo=BRUSSELS)):
        next_year = services.start_application(
            draft.organisation, by=holder_member, programme=road_marking
        )

    assert next_year.reference == "A-2027-0001"
