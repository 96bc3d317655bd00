"""Revoking a sanction on appeal: a suspension or a withdrawal is annulled with its decision,
as if it had never been imposed; stricter oversight and warnings end from the revocation."""

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
    active_sanctions,
    impose_sanction,
    inspections_per_year_on,
    lift_suspension_sanction,
    revoke_sanction,
)
from qualimark.verification.verify import Outcome, verify

TODAY = date(2026, 3, 16)


def test_revoking_a_suspension_annuls_it_so_that_no_day_was_suspended(
    certified: Certificate, datasheet: Datasheet, decision_maker: User, appeals_officer: User
) -> None:
    suspension = impose_sanction(
        certified,
        SanctionKind.SUSPENSION,
        by=decision_maker,
        reason="Major nonconformity.",
        effective=date(2026, 3, 2),
    )

    revoke_sanction(suspension, by=appeals_officer, reason="Appeal committee: not founded.")

    assert suspension.revoked
    # The sanction never applied: it ends on its own start.
    assert suspension.ended_on == date(2026, 3, 2)
    assert active_sanctions(certified, date(2026, 3, 10)) == []
    annulment = certified.decisions.order_by("-id")[0]
    assert annulment.transition == Transition.ANNUL
    assert annulment.annuls == suspension.decision
    assert suspension.reversal == annulment
    suspension.refresh_from_db()
    assert suspension.reversal == annulment
    for code in (certified.number, datasheet.quick_code):
        assert verify(code, on=date(2026, 3, 13)).outcome == Outcome.VALID
        assert verify(code).outcome == Outcome.VALID
    entry = entries_for(suspension).get(action="sanction.revoked")
    assert entry.data["reason"] == "Appeal committee: not founded."
    assert entry.data["decision"] == annulment.pk


def test_revoking_a_suspension_already_over_annuls_its_days_too(
    certified: Certificate, decision_maker: User, appeals_officer: User
) -> None:
    suspension = impose_sanction(
        certified,
        SanctionKind.SUSPENSION,
        by=decision_maker,
        reason="Major nonconformity.",
        effective=date(2026, 2, 16),
        until=date(2026, 3, 2),
    )

    revoke_sanction(suspension, by=appeals_officer, reason="Appeal committee: not founded.")

    assert suspension.revoked
    assert suspension.reversal is not None
    assert verify(certified.number, on=date(2026, 2, 20)).outcome == Outcome.VALID
    assert certified.status_on(TODAY) == Status.CERTIFIED


def test_revoking_a_lifted_suspension_annuls_it(
    certified: Certificate, decision_maker: User, appeals_officer: User
) -> None:
    suspension = impose_sanction(
        certified,
        SanctionKind.SUSPENSION,
        by=decision_maker,
        reason="Major nonconformity.",
        effective=date(2026, 2, 16),
    )
    lift_suspension_sanction(
        suspension, by=decision_maker, reason="Corrected.", effective=date(2026, 3, 2)
    )

    revoke_sanction(suspension, by=appeals_officer, reason="Appeal committee: not founded.")

    assert suspension.ended_on == date(2026, 2, 16)
    assert certified.status_on(date(2026, 2, 20)) == Status.CERTIFIED
    assert certified.status_on(TODAY) == Status.CERTIFIED


def test_revoking_a_suspension_that_has_not_started_means_it_never_applies(
    certified: Certificate, decision_maker: User, appeals_officer: User
) -> None:
    suspension = impose_sanction(
        certified,
        SanctionKind.SUSPENSION,
        by=decision_maker,
        reason="Major nonconformity.",
        effective=date(2026, 4, 1),
        until=date(2026, 6, 1),
    )

    revoke_sanction(suspension, by=appeals_officer, reason="Appeal committee: not founded.")

    assert suspension.ended_on == date(2026, 4, 1)
    assert certified.status_on(date(2026, 4, 15)) == Status.CERTIFIED


def test_revoking_stricter_oversight_restores_the_normal_frequency_from_then(
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
    decisions = certified.decisions.count()

    revoke_sanction(stricter, by=appeals_officer, reason="Appeal granted.")

    assert stricter.ended_on == TODAY
    assert stricter.reversal is None
    assert certified.decisions.count() == decisions
    assert inspections_per_year_on(certified, date(2026, 3, 13)) == 8
    assert inspections_per_year_on(certified, TODAY) == 4


def test_a_decision_maker_who_inspected_the_file_since_cannot_record_a_revocation(
    certified: Certificate, decision_maker: User, appeals_officer: User
) -> None:
    warning = impose_sanction(certified, SanctionKind.WARNING, by=decision_maker, reason="Late.")
    record_involvement(certified, appeals_officer, role=InvolvementRole.INSPECTOR)

    with pytest.raises(SeparationOfDutiesError):
        revoke_sanction(warning, by=appeals_officer, reason="Appeal granted.")

    warning.refresh_from_db()
    assert not warning.revoked


@pytest.mark.parametrize("kind", [SanctionKind.WARNING, SanctionKind.SUSPENSION])
def test_whoever_imposed_the_sanction_does_not_revoke_it(
    certified: Certificate, decision_maker: User, kind: SanctionKind
) -> None:
    sanction = impose_sanction(certified, kind, by=decision_maker, reason="Late.")

    with pytest.raises(SeparationOfDutiesError, match="imposed this sanction"):
        revoke_sanction(sanction, by=decision_maker, reason="Appeal granted.")

    sanction.refresh_from_db()
    assert not sanction.revoked
    assert not certified.decisions.filter(transition=Transition.ANNUL).exists()


def test_revoking_the_suspension_of_a_file_that_expired_since_keeps_the_expiry(
    certified: Certificate, decision_maker: User, appeals_officer: User
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

    revoke_sanction(suspension, by=appeals_officer, reason="Appeal committee: not founded.")

    assert suspension.revoked
    assert certified.status_on(date(2026, 3, 5)) == Status.CERTIFIED
    assert certified.status_on(TODAY) == Status.EXPIRED
