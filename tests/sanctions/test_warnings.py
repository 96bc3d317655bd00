"""A warning is a recorded decision of the body that changes no status."""

from datetime import date

import pytest

from qualimark.accounts.models import User
from qualimark.certification.exceptions import SeparationOfDutiesError
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate, Decision, InvolvementRole
from qualimark.certification.services import EvidenceLink, record_involvement
from qualimark.errors import ConflictOfInterest, NotPermitted, NotVisible
from qualimark.journal.services import entries_for
from qualimark.parties.models import TieKind
from qualimark.parties.ties import declare_tie
from qualimark.sanctions.models import Sanction, SanctionKind
from qualimark.sanctions.services import (
    InvalidSanction,
    active_sanctions,
    end_stricter_oversight,
    impose_sanction,
    lift_suspension_sanction,
    revoke_sanction,
)

TODAY = date(2026, 3, 16)


def test_a_warning_changes_no_status_but_is_journalled_with_its_evidence(
    certified: Certificate, decision_maker: User
) -> None:
    decisions = Decision.objects.filter(certificate=certified).count()

    warning = impose_sanction(
        certified,
        SanctionKind.WARNING,
        by=decision_maker,
        reason="Self-monitoring records incomplete twice.",
        evidence=[EvidenceLink("Inspection report 2026-014", "https://example.org/r/14")],
    )

    assert certified.status_on(TODAY) == Status.CERTIFIED
    assert Decision.objects.filter(certificate=certified).count() == decisions
    assert warning.effective == TODAY
    assert warning.decision is None
    entry = entries_for(warning).get()
    assert entry.action == "sanction.imposed"
    assert entry.actor == decision_maker
    assert entry.data["kind"] == "warning"
    assert entry.data["evidence"] == [
        {"description": "Inspection report 2026-014", "url": "https://example.org/r/14"}
    ]


def test_a_decision_maker_who_inspected_the_file_cannot_warn_it(
    certified: Certificate, decision_maker: User
) -> None:
    record_involvement(certified, decision_maker, role=InvolvementRole.INSPECTOR)

    with pytest.raises(SeparationOfDutiesError):
        impose_sanction(certified, SanctionKind.WARNING, by=decision_maker, reason="Late answers.")

    assert not Sanction.objects.exists()


def test_only_a_decision_maker_sanctions_a_file(
    certified: Certificate, file_manager: User, reviewer: User, holder_member: User
) -> None:
    for someone in (file_manager, reviewer, holder_member):
        with pytest.raises(NotPermitted) as refused:
            impose_sanction(certified, SanctionKind.WARNING, by=someone, reason="Late answers.")
        assert refused.value.code == "role_not_allowed"

    assert not Sanction.objects.exists()


def test_the_people_of_another_holder_do_not_learn_that_the_file_exists(
    certified: Certificate, other_admin: User, outsider: User, inspector: User
) -> None:
    for stranger in (other_admin, outsider, inspector):
        with pytest.raises(NotVisible):
            impose_sanction(certified, SanctionKind.WARNING, by=stranger, reason="Late answers.")

    assert not Sanction.objects.exists()


def test_a_decision_maker_tied_to_the_holder_does_not_sanction_its_file(
    certified: Certificate, decision_maker: User
) -> None:
    declare_tie(
        by=decision_maker,
        organisation=certified.holder,
        kind=TieKind.FORMER_EMPLOYER,
        valid_from=date(2025, 1, 1),
    )

    with pytest.raises(ConflictOfInterest) as refused:
        impose_sanction(certified, SanctionKind.WARNING, by=decision_maker, reason="Late answers.")

    assert refused.value.code == "conflict_of_interest"
    assert not Sanction.objects.exists()


def test_ending_and_revoking_a_sanction_are_a_decision_maker_s_too(
    certified: Certificate, decision_maker: User, file_manager: User
) -> None:
    stricter = impose_sanction(
        certified,
        SanctionKind.STRICTER_OVERSIGHT,
        by=decision_maker,
        reason="Nonconformities.",
        inspections_per_year=8,
    )
    suspension = impose_sanction(
        certified, SanctionKind.SUSPENSION, by=decision_maker, reason="Major nonconformity."
    )

    with pytest.raises(NotPermitted, match="end the stricter oversight"):
        end_stricter_oversight(stricter, by=file_manager, reason="Corrected.")
    with pytest.raises(NotPermitted, match="lift the suspension"):
        lift_suspension_sanction(suspension, by=file_manager, reason="Corrected.")
    with pytest.raises(NotPermitted, match="revoke the sanction on appeal"):
        revoke_sanction(suspension, by=file_manager, reason="Appeal.")

    assert certified.status_on(TODAY) == Status.SUSPENDED
    assert active_sanctions(certified, TODAY) == [stricter, suspension]


def test_a_file_in_trial_period_can_be_warned(in_trial: Certificate, decision_maker: User) -> None:
    warning = impose_sanction(in_trial, SanctionKind.WARNING, by=decision_maker, reason="Late.")

    assert active_sanctions(in_trial, TODAY) == [warning]


def test_a_mere_application_cannot_be_warned(
    application: Certificate, decision_maker: User
) -> None:
    with pytest.raises(InvalidSanction) as refused:
        impose_sanction(application, SanctionKind.WARNING, by=decision_maker, reason="Late.")

    assert refused.value.code == "invalid_sanction"
    assert "not under oversight" in refused.value.message


def test_a_file_cannot_be_warned_for_a_day_before_its_trial_period(
    certified: Certificate, decision_maker: User
) -> None:
    with pytest.raises(InvalidSanction):
        impose_sanction(
            certified,
            SanctionKind.WARNING,
            by=decision_maker,
            reason="Late.",
            effective=date(2026, 1, 6),
        )


def test_a_warning_has_no_end_date_and_needs_a_reason(
    certified: Certificate, decision_maker: User
) -> None:
    with pytest.raises(InvalidSanction):
        impose_sanction(
            certified,
            SanctionKind.WARNING,
            by=decision_maker,
            reason="Late.",
            until=date(2026, 6, 1),
        )
    with pytest.raises(InvalidSanction):
        impose_sanction(certified, SanctionKind.WARNING, by=decision_maker, reason="  ")

    assert not Sanction.objects.exists()


def test_an_unknown_kind_of_sanction_is_refused_clearly(
    certified: Certificate, decision_maker: User
) -> None:
    with pytest.raises(InvalidSanction):
        impose_sanction(certified, "reprimand", by=decision_maker, reason="Late.")  # type: ignore[arg-type]


def test_a_revoked_warning_no_longer_applies_from_the_revocation(
    certified: Certificate, decision_maker: User, appeals_officer: User
) -> None:
    warning = impose_sanction(
        certified,
        SanctionKind.WARNING,
        by=decision_maker,
        reason="Late.",
        effective=date(2026, 3, 2),
    )

    revoke_sanction(warning, by=appeals_officer, reason="Appeal committee: not founded.")

    warning.refresh_from_db()
    assert warning.revoked
    assert warning.ended_on == TODAY
    assert active_sanctions(certified, date(2026, 3, 10)) == [warning]
    assert active_sanctions(certified, TODAY) == []
    assert [e.action for e in entries_for(warning).order_by("id")] == [
        "sanction.imposed",
        "sanction.revoked",
    ]


def test_a_sanction_cannot_be_revoked_twice(
    certified: Certificate, decision_maker: User, appeals_officer: User
) -> None:
    warning = impose_sanction(certified, SanctionKind.WARNING, by=decision_maker, reason="Late.")
    revoke_sanction(warning, by=appeals_officer, reason="Appeal granted.")

    with pytest.raises(InvalidSanction):
        revoke_sanction(warning, by=appeals_officer, reason="Appeal granted again.")
