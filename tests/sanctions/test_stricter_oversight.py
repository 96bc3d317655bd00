"""Stricter oversight raises the number of inspections for its period, and only then."""

from datetime import date
from typing import Any

import pytest

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.exceptions import SeparationOfDutiesError
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate, InvolvementRole
from qualimark.certification.services import record_involvement
from qualimark.parties.services import add_production_unit
from qualimark.sanctions.models import SanctionKind
from qualimark.sanctions.services import (
    InvalidSanction,
    end_stricter_oversight,
    impose_sanction,
    inspections_per_year_on,
    stricter_oversight_on,
)

TODAY = date(2026, 3, 16)


def test_without_sanction_the_file_needs_the_normal_minimum_of_its_regulation(
    certified: Certificate,
) -> None:
    assert inspections_per_year_on(certified, TODAY) == 4
    assert inspections_per_year_on(certified, date(2026, 7, 1)) == 6


def test_stricter_oversight_raises_the_frequency_for_its_period_only(
    certified: Certificate, decision_maker: User
) -> None:
    impose_sanction(
        certified,
        SanctionKind.STRICTER_OVERSIGHT,
        by=decision_maker,
        reason="Two major nonconformities.",
        effective=date(2026, 4, 1),
        until=date(2026, 10, 1),
        inspections_per_year=10,
    )

    assert inspections_per_year_on(certified, date(2026, 3, 31)) == 4
    assert inspections_per_year_on(certified, date(2026, 4, 1)) == 10
    assert inspections_per_year_on(certified, date(2026, 9, 30)) == 10
    assert inspections_per_year_on(certified, date(2026, 10, 1)) == 6
    assert certified.status_on(date(2026, 5, 1)) == Status.CERTIFIED


def test_ending_stricter_oversight_early_restores_the_normal_frequency(
    certified: Certificate, decision_maker: User
) -> None:
    stricter = impose_sanction(
        certified,
        SanctionKind.STRICTER_OVERSIGHT,
        by=decision_maker,
        reason="Nonconformities.",
        effective=date(2026, 3, 2),
        inspections_per_year=8,
    )

    end_stricter_oversight(stricter, by=decision_maker, reason="Three good inspections.")

    assert stricter.ended_on == TODAY
    assert inspections_per_year_on(certified, date(2026, 3, 15)) == 8
    assert inspections_per_year_on(certified, TODAY) == 4
    assert stricter_oversight_on(certified, TODAY) is None


def test_ended_stricter_oversight_cannot_be_ended_again(
    certified: Certificate, decision_maker: User
) -> None:
    stricter = impose_sanction(
        certified,
        SanctionKind.STRICTER_OVERSIGHT,
        by=decision_maker,
        reason="Nonconformities.",
        until=date(2026, 5, 1),
        inspections_per_year=8,
    )
    end_stricter_oversight(
        stricter, by=decision_maker, reason="Good results.", effective=date(2026, 4, 1)
    )

    with pytest.raises(InvalidSanction):
        end_stricter_oversight(
            stricter, by=decision_maker, reason="Again.", effective=date(2026, 4, 10)
        )


def test_stricter_oversight_cannot_end_before_it_starts(
    certified: Certificate, decision_maker: User
) -> None:
    stricter = impose_sanction(
        certified,
        SanctionKind.STRICTER_OVERSIGHT,
        by=decision_maker,
        reason="Nonconformities.",
        effective=date(2026, 4, 1),
        inspections_per_year=8,
    )

    with pytest.raises(InvalidSanction):
        end_stricter_oversight(stricter, by=decision_maker, reason="Never mind.")


def test_a_frequency_not_above_the_normal_minimum_is_refused(
    certified: Certificate, decision_maker: User
) -> None:
    with pytest.raises(InvalidSanction) as refused:
        impose_sanction(
            certified,
            SanctionKind.STRICTER_OVERSIGHT,
            by=decision_maker,
            reason="Nonconformities.",
            inspections_per_year=4,
        )
    assert "4" in refused.value.message
    # From 1 July the regulation asks 6 a year: 5 would be less, not more.
    with pytest.raises(InvalidSanction):
        impose_sanction(
            certified,
            SanctionKind.STRICTER_OVERSIGHT,
            by=decision_maker,
            reason="Nonconformities.",
            effective=date(2026, 7, 1),
            inspections_per_year=5,
        )


def test_stricter_oversight_needs_its_frequency_and_only_it_has_one(
    certified: Certificate, decision_maker: User
) -> None:
    with pytest.raises(InvalidSanction):
        impose_sanction(
            certified, SanctionKind.STRICTER_OVERSIGHT, by=decision_maker, reason="More."
        )
    with pytest.raises(InvalidSanction):
        impose_sanction(
            certified,
            SanctionKind.WARNING,
            by=decision_maker,
            reason="Late.",
            inspections_per_year=8,
        )


def test_the_strictest_of_overlapping_stricter_oversights_applies(
    certified: Certificate, decision_maker: User
) -> None:
    impose_sanction(
        certified,
        SanctionKind.STRICTER_OVERSIGHT,
        by=decision_maker,
        reason="First.",
        until=date(2026, 9, 1),
        inspections_per_year=8,
    )
    strictest = impose_sanction(
        certified,
        SanctionKind.STRICTER_OVERSIGHT,
        by=decision_maker,
        reason="Second.",
        effective=date(2026, 4, 1),
        until=date(2026, 6, 1),
        inspections_per_year=12,
    )

    assert stricter_oversight_on(certified, date(2026, 5, 1)) == strictest
    assert inspections_per_year_on(certified, date(2026, 5, 1)) == 12
    assert inspections_per_year_on(certified, date(2026, 7, 1)) == 8


def test_a_decision_maker_who_inspected_the_file_cannot_impose_stricter_oversight(
    certified: Certificate, decision_maker: User
) -> None:
    record_involvement(certified, decision_maker, role=InvolvementRole.INSPECTOR)

    with pytest.raises(SeparationOfDutiesError):
        impose_sanction(
            certified,
            SanctionKind.STRICTER_OVERSIGHT,
            by=decision_maker,
            reason="More.",
            inspections_per_year=8,
        )


def test_planning_many_files_reads_sanctions_and_regulations_without_a_query_per_file(
    certified: Certificate,
    decision_maker: User,
    file_manager: User,
    django_assert_num_queries: Any,
) -> None:
    impose_sanction(
        certified,
        SanctionKind.STRICTER_OVERSIGHT,
        by=decision_maker,
        reason="More.",
        inspections_per_year=8,
    )
    other = _second_file(certified, file_manager)
    files = list(
        Certificate.objects.select_related("programme")
        .prefetch_related("sanctions")
        .order_by("number")
    )
    assert [f.pk for f in files] == [certified.pk, other.pk]
    frequencies: dict[tuple[int, date], tuple[int, int] | None] = {}
    inspections_per_year_on(files[0], TODAY, frequencies=frequencies)

    # The second file of the same programme costs nothing more.
    with django_assert_num_queries(0):
        assert inspections_per_year_on(files[0], TODAY, frequencies=frequencies) == 8
        assert inspections_per_year_on(files[1], TODAY, frequencies=frequencies) == 4


def _second_file(certified: Certificate, by: User) -> Certificate:
    """A file of the same programme at another plant of the holder, in its trial period."""
    unit = add_production_unit(
        certified.holder,
        by=by,
        name="Plant Antwerpen",
        street="Kaai 1",
        postal_code="2000",
        town="Antwerpen",
    )
    other = certification.apply_for_certification(
        holder=certified.holder,
        programme=certified.programme,
        production_unit=unit,
        by=by,
        applied_on=date(2026, 1, 5),
    )
    certification.admit_application(other, by=by, reason="Complete.", effective=date(2026, 1, 12))
    certification.start_trial_period(other, by=by, reason="Trial.", effective=date(2026, 1, 19))
    return other
