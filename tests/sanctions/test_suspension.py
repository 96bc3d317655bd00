"""A suspension goes through the certification core: the registry answers it by date."""

from datetime import date, datetime

import pytest

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification.exceptions import SeparationOfDutiesError
from qualimark.certification.lifecycle import Status, Transition, TransitionNotAllowed
from qualimark.certification.models import Certificate, InvolvementRole
from qualimark.certification.services import record_involvement
from qualimark.datasheets.models import Datasheet
from qualimark.journal.services import entries_for
from qualimark.sanctions.models import Sanction, SanctionKind
from qualimark.sanctions.services import (
    InvalidSanction,
    active_sanctions,
    end_stricter_oversight,
    impose_sanction,
    lift_suspension_sanction,
)
from qualimark.verification.verify import Outcome, verify
from tests.conftest import BRUSSELS

TODAY = date(2026, 3, 16)


def _suspend(
    certificate: Certificate, by: User, effective: date | None = None, until: date | None = None
) -> Sanction:
    return impose_sanction(
        certificate,
        SanctionKind.SUSPENSION,
        by=by,
        reason="Major nonconformity.",
        effective=effective,
        until=until,
    )


def test_a_suspension_with_an_end_date_suspends_certificate_and_datasheets_for_its_period(
    certified: Certificate, datasheet: Datasheet, decision_maker: User
) -> None:
    suspension = _suspend(
        certified, decision_maker, effective=date(2026, 3, 20), until=date(2026, 5, 1)
    )

    assert suspension.decision is not None
    assert suspension.decision.transition == Transition.SUSPEND
    for code in (certified.number, datasheet.quick_code):
        assert verify(code, on=date(2026, 3, 19)).outcome == Outcome.VALID
        assert verify(code, on=date(2026, 3, 20)).outcome == Outcome.SUSPENDED
        assert verify(code, on=date(2026, 4, 30)).outcome == Outcome.SUSPENDED
        assert verify(code, on=date(2026, 5, 1)).outcome == Outcome.VALID
    assert verify(certified.number, on=date(2026, 4, 1)).until == date(2026, 5, 1)


def test_a_suspension_until_lifted_lasts_until_it_is_lifted(
    certified: Certificate, datasheet: Datasheet, decision_maker: User
) -> None:
    suspension = _suspend(certified, decision_maker, effective=date(2026, 3, 2))
    assert verify(datasheet.quick_code, on=date(2027, 1, 1)).outcome == Outcome.SUSPENDED

    lift_suspension_sanction(suspension, by=decision_maker, reason="Corrective actions done.")

    assert suspension.ended_on == TODAY
    assert verify(datasheet.quick_code, on=date(2026, 3, 15)).outcome == Outcome.SUSPENDED
    assert verify(datasheet.quick_code).outcome == Outcome.VALID
    assert certified.status_on(TODAY) == Status.CERTIFIED
    assert active_sanctions(certified, TODAY) == []
    assert [e.action for e in entries_for(suspension).order_by("id")] == [
        "sanction.imposed",
        "sanction.lifted",
    ]


def test_a_lifted_suspension_cannot_be_lifted_again(
    certified: Certificate, decision_maker: User
) -> None:
    suspension = _suspend(certified, decision_maker)
    with clock.frozen_at(datetime(2026, 4, 1, 9, 0, tzinfo=BRUSSELS)):
        lift_suspension_sanction(suspension, by=decision_maker, reason="Corrected.")

        with pytest.raises(InvalidSanction):
            lift_suspension_sanction(suspension, by=decision_maker, reason="Corrected.")


def test_a_suspension_over_by_its_end_date_cannot_be_lifted(
    certified: Certificate, decision_maker: User
) -> None:
    suspension = _suspend(certified, decision_maker, until=date(2026, 4, 1))

    with pytest.raises(InvalidSanction):
        lift_suspension_sanction(
            suspension, by=decision_maker, reason="Corrected.", effective=date(2026, 4, 2)
        )


def test_only_a_suspension_is_lifted_and_only_stricter_oversight_is_ended(
    certified: Certificate, decision_maker: User
) -> None:
    warning = impose_sanction(certified, SanctionKind.WARNING, by=decision_maker, reason="Late.")
    suspension = _suspend(certified, decision_maker)

    with pytest.raises(InvalidSanction):
        lift_suspension_sanction(warning, by=decision_maker, reason="Corrected.")
    with pytest.raises(InvalidSanction):
        end_stricter_oversight(suspension, by=decision_maker, reason="Corrected.")


def test_a_file_in_trial_period_cannot_be_suspended(
    in_trial: Certificate, decision_maker: User
) -> None:
    with pytest.raises(TransitionNotAllowed):
        _suspend(in_trial, decision_maker)

    assert not Sanction.objects.exists()


def test_a_decision_maker_who_inspected_the_file_cannot_suspend_it(
    certified: Certificate, decision_maker: User
) -> None:
    record_involvement(certified, decision_maker, role=InvolvementRole.INSPECTOR)

    with pytest.raises(SeparationOfDutiesError):
        _suspend(certified, decision_maker)

    assert certified.status_on(TODAY) == Status.CERTIFIED
    assert not Sanction.objects.exists()


def test_a_suspension_cannot_end_before_it_starts(
    certified: Certificate, decision_maker: User
) -> None:
    with pytest.raises(InvalidSanction):
        _suspend(certified, decision_maker, until=TODAY)
