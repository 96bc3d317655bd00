"""Revoking a suspension on appeal lifts it from that day; the days before are not rewritten."""

from datetime import date

import pytest

from qualimark.accounts.models import User
from qualimark.certification.exceptions import SeparationOfDutiesError
from qualimark.certification.lifecycle import Status, Transition
from qualimark.certification.models import Certificate, InvolvementRole
from qualimark.certification.services import expire_certificate, record_involvement
from qualimark.datasheets.models import Datasheet
from qualimark.journal.services import entries_for
from qualimark.sanctions.models import SanctionKind
from qualimark.sanctions.services import (
    impose_sanction,
    inspections_per_year_on,
    revoke_sanction,
)
from qualimark.verification.verify import Outcome, verify

TODAY = date(2026, 3, 16)


def test_revoking_a_suspension_lifts_it_from_the_revocation_while_earlier_days_stay_suspended(
    certified: Certificate, datasheet: Datasheet, decision_maker: User
) -> None:
    suspension = impose_sanction(
        certified,
        SanctionKind.SUSPENSION,
        by=decision_maker,
        reason="Major nonconformity.",
        effective=date(2026, 3, 2),
    )

    revoke_sanction(suspension, by=decision_maker, reason="Appeal committee: not founded.")

    assert suspension.revoked
    assert suspension.ended_on == TODAY
    lift = certified.decisions.order_by("-id")[0]
    assert lift.transition == Transition.LIFT
    assert suspension.reversal == lift
    suspension.refresh_from_db()
    assert suspension.reversal == lift
    for code in (certified.number, datasheet.quick_code):
        assert verify(code, on=date(2026, 3, 13)).outcome == Outcome.SUSPENDED
        assert verify(code).outcome == Outcome.VALID
    entry = entries_for(suspension).get(action="sanction.revoked")
    assert entry.data["reason"] == "Appeal committee: not founded."
    assert entry.data["decision"] == lift.pk


def test_revoking_a_suspension_already_over_records_the_revocation_only(
    certified: Certificate, decision_maker: User
) -> None:
    suspension = impose_sanction(
        certified,
        SanctionKind.SUSPENSION,
        by=decision_maker,
        reason="Major nonconformity.",
        effective=date(2026, 2, 16),
        until=date(2026, 3, 2),
    )
    decisions = certified.decisions.count()

    revoke_sanction(suspension, by=decision_maker, reason="Appeal committee: not founded.")

    assert suspension.revoked
    assert suspension.ended_on is None
    assert suspension.reversal is None
    assert certified.decisions.count() == decisions
    assert verify(certified.number, on=date(2026, 2, 20)).outcome == Outcome.SUSPENDED
    assert certified.status_on(TODAY) == Status.CERTIFIED


def test_revoking_a_suspension_that_has_not_started_means_it_never_applies(
    certified: Certificate, decision_maker: User
) -> None:
    suspension = impose_sanction(
        certified,
        SanctionKind.SUSPENSION,
        by=decision_maker,
        reason="Major nonconformity.",
        effective=date(2026, 4, 1),
        until=date(2026, 6, 1),
    )

    revoke_sanction(suspension, by=decision_maker, reason="Appeal committee: not founded.")

    assert suspension.ended_on == date(2026, 4, 1)
    assert certified.status_on(date(2026, 4, 15)) == Status.CERTIFIED


def test_revoking_stricter_oversight_restores_the_normal_frequency_from_then(
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

    revoke_sanction(stricter, by=decision_maker, reason="Appeal granted.")

    assert inspections_per_year_on(certified, date(2026, 3, 13)) == 8
    assert inspections_per_year_on(certified, TODAY) == 4


def test_a_decision_maker_who_inspected_the_file_since_cannot_record_a_revocation(
    certified: Certificate, decision_maker: User
) -> None:
    warning = impose_sanction(certified, SanctionKind.WARNING, by=decision_maker, reason="Late.")
    record_involvement(certified, decision_maker, role=InvolvementRole.INSPECTOR)

    with pytest.raises(SeparationOfDutiesError):
        revoke_sanction(warning, by=decision_maker, reason="Appeal granted.")

    warning.refresh_from_db()
    assert not warning.revoked


def test_revoking_the_suspension_of_a_file_that_expired_since_records_the_revocation_only(
    certified: Certificate, decision_maker: User
) -> None:
    suspension = impose_sanction(
        certified,
        SanctionKind.SUSPENSION,
        by=decision_maker,
        reason="Major nonconformity.",
        effective=date(2026, 3, 2),
    )
    expire_certificate(
        certified, by=decision_maker, reason="Not renewed.", effective=date(2026, 3, 9)
    )

    revoke_sanction(suspension, by=decision_maker, reason="Appeal committee: not founded.")

    assert suspension.revoked
    assert certified.status_on(TODAY) == Status.EXPIRED
    assert certified.decisions.order_by("-id")[0].transition == Transition.EXPIRE
