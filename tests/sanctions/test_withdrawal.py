"""A withdrawal ends the certificate through the core; an appeal can annul it."""

from datetime import date

import pytest

from qualimark.accounts.models import User
from qualimark.certification.exceptions import DecisionOutOfOrder
from qualimark.certification.lifecycle import Status, Transition, TransitionNotAllowed
from qualimark.certification.models import Certificate
from qualimark.datasheets.models import Datasheet
from qualimark.sanctions.models import SanctionKind
from qualimark.sanctions.services import (
    active_sanctions,
    impose_sanction,
    inspections_per_year_on,
    revoke_sanction,
)
from qualimark.verification.verify import Outcome, verify

TODAY = date(2026, 3, 16)


def test_a_withdrawal_withdraws_certificate_and_datasheets(
    certified: Certificate, datasheet: Datasheet, decision_maker: User
) -> None:
    withdrawal = impose_sanction(
        certified, SanctionKind.WITHDRAWAL, by=decision_maker, reason="Fraud with the mark."
    )

    assert withdrawal.decision is not None
    assert withdrawal.decision.transition == Transition.WITHDRAW
    assert verify(certified.number).outcome == Outcome.WITHDRAWN
    assert verify(datasheet.quick_code).outcome == Outcome.WITHDRAWN
    assert verify(datasheet.quick_code, on=date(2026, 3, 13)).outcome == Outcome.VALID


def test_a_withdrawal_ends_the_suspension_and_stricter_oversight_still_running(
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
    suspension = impose_sanction(
        certified,
        SanctionKind.SUSPENSION,
        by=decision_maker,
        reason="Not corrected.",
        effective=date(2026, 3, 9),
    )

    withdrawal = impose_sanction(
        certified, SanctionKind.WITHDRAWAL, by=decision_maker, reason="Still not corrected."
    )

    stricter.refresh_from_db()
    suspension.refresh_from_db()
    assert stricter.ended_on == TODAY
    assert suspension.ended_on == TODAY
    assert active_sanctions(certified, TODAY) == [withdrawal]
    assert inspections_per_year_on(certified, date(2026, 3, 10)) == 8


def test_revoking_a_withdrawal_on_appeal_annuls_it_on_every_day(
    certified: Certificate, datasheet: Datasheet, decision_maker: User, appeals_officer: User
) -> None:
    withdrawal = impose_sanction(
        certified,
        SanctionKind.WITHDRAWAL,
        by=decision_maker,
        reason="Fraud with the mark.",
        effective=date(2026, 3, 2),
    )

    revoke_sanction(withdrawal, by=appeals_officer, reason="Appeal committee: no fraud.")

    assert withdrawal.revoked
    assert withdrawal.ended_on == date(2026, 3, 2)
    assert certified.decisions.order_by("-id")[0].transition == Transition.ANNUL
    assert verify(datasheet.quick_code, on=date(2026, 3, 10)).outcome == Outcome.VALID
    assert verify(datasheet.quick_code).outcome == Outcome.VALID
    assert certified.status_on(TODAY) == Status.CERTIFIED


def test_the_sanctions_a_withdrawal_ended_run_again_once_it_is_annulled(
    certified: Certificate, decision_maker: User, appeals_officer: User
) -> None:
    stricter = impose_sanction(
        certified,
        SanctionKind.STRICTER_OVERSIGHT,
        by=decision_maker,
        reason="Nonconformities.",
        effective=date(2026, 3, 2),
        inspections_per_year=8,
    )
    suspension = impose_sanction(
        certified,
        SanctionKind.SUSPENSION,
        by=decision_maker,
        reason="Not corrected.",
        effective=date(2026, 3, 9),
    )
    withdrawal = impose_sanction(
        certified, SanctionKind.WITHDRAWAL, by=decision_maker, reason="Still not corrected."
    )

    revoke_sanction(withdrawal, by=appeals_officer, reason="Appeal committee: disproportionate.")

    stricter.refresh_from_db()
    suspension.refresh_from_db()
    assert (stricter.ended_on, suspension.ended_on) == (None, None)
    assert active_sanctions(certified, TODAY) == [stricter, suspension]
    assert certified.status_on(TODAY) == Status.SUSPENDED
    assert inspections_per_year_on(certified, TODAY) == 8


def test_a_withdrawn_certificate_cannot_be_withdrawn_or_suspended_again(
    certified: Certificate, decision_maker: User
) -> None:
    impose_sanction(certified, SanctionKind.WITHDRAWAL, by=decision_maker, reason="Fraud.")

    with pytest.raises(TransitionNotAllowed):
        impose_sanction(certified, SanctionKind.WITHDRAWAL, by=decision_maker, reason="Again.")
    with pytest.raises(TransitionNotAllowed):
        impose_sanction(certified, SanctionKind.SUSPENSION, by=decision_maker, reason="Again.")


def test_a_withdrawal_cannot_take_effect_before_the_last_decision(
    certified: Certificate, decision_maker: User
) -> None:
    with pytest.raises(DecisionOutOfOrder):
        impose_sanction(
            certified,
            SanctionKind.WITHDRAWAL,
            by=decision_maker,
            reason="Fraud.",
            effective=date(2026, 1, 30),
        )
