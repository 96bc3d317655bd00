"""The system proposes next steps to the file manager, once per cause; a person handles them."""

from datetime import date

import pytest

from qualimark.accounts.models import User
from qualimark.certification.models import Certificate, InvolvementRole
from qualimark.certification.services import record_involvement
from qualimark.errors import NotPermitted, NotVisible, SeparationOfDutiesError
from qualimark.journal.models import JournalEntry
from qualimark.parties.roles import system_actor
from qualimark.sanctions.models import Proposal, ProposalKind
from qualimark.sanctions.proposals import (
    InvalidProposal,
    open_proposals,
    propose_next_step,
    resolve_proposal,
)

TODAY = date(2026, 3, 16)


def _propose_overdue(certificate: Certificate, source: str = "corrective-action:17") -> Proposal:
    proposal, _created = propose_next_step(
        certificate,
        ProposalKind.OVERDUE_CORRECTIVE_ACTION,
        by=system_actor(),
        text="Corrective action 17 is 10 working days overdue.",
        source=source,
    )
    return proposal


def test_proposing_the_same_cause_twice_adds_nothing(certified: Certificate) -> None:
    first, created = propose_next_step(
        certified,
        ProposalKind.OVERDUE_CORRECTIVE_ACTION,
        by=system_actor(),
        text="Corrective action 17 is overdue.",
        source="corrective-action:17",
    )
    again, created_again = propose_next_step(
        certified,
        ProposalKind.OVERDUE_CORRECTIVE_ACTION,
        by=system_actor(),
        text="Corrective action 17 is still overdue.",
        source="corrective-action:17",
    )

    assert created
    assert not created_again
    assert again == first
    assert again.text == "Corrective action 17 is overdue."
    assert first.proposed_on == TODAY
    assert first.is_open
    assert Proposal.objects.count() == 1
    assert JournalEntry.objects.get(action="proposal.made").actor == system_actor()


def test_a_handled_cause_is_not_proposed_again(certified: Certificate, file_manager: User) -> None:
    proposal = _propose_overdue(certified)
    resolve_proposal(proposal, by=file_manager, resolution="Warning given.")

    _again, created = propose_next_step(
        certified,
        ProposalKind.OVERDUE_CORRECTIVE_ACTION,
        by=system_actor(),
        text="Still overdue.",
        source="corrective-action:17",
    )

    assert not created
    assert list(open_proposals()) == []


def test_the_file_manager_sees_open_proposals_until_handled(
    certified: Certificate, file_manager: User
) -> None:
    older = _propose_overdue(certified, "corrective-action:17")
    newer, _created = propose_next_step(
        certified,
        ProposalKind.FOUNDED_COMPLAINT,
        by=system_actor(),
        text="Complaint 2026-3 was found founded.",
        source="complaint:3",
        on=date(2026, 3, 17),
    )
    assert list(open_proposals()) == [older, newer]

    resolve_proposal(older, by=file_manager, resolution="Stricter oversight imposed.")

    assert list(open_proposals()) == [newer]
    older.refresh_from_db()
    assert older.resolved_by == file_manager
    assert not older.is_open
    assert JournalEntry.objects.filter(action="proposal.resolved", actor=file_manager).exists()


def test_a_proposal_is_handled_once_and_says_what_was_done(
    certified: Certificate, file_manager: User
) -> None:
    proposal = _propose_overdue(certified)

    with pytest.raises(InvalidProposal):
        resolve_proposal(proposal, by=file_manager, resolution=" ")
    resolve_proposal(proposal, by=file_manager, resolution="Warning given.")
    with pytest.raises(InvalidProposal) as refused:
        resolve_proposal(proposal, by=file_manager, resolution="Again.")

    assert refused.value.code == "invalid_proposal"


def test_a_proposal_needs_its_reason_and_a_source(certified: Certificate) -> None:
    system = system_actor()
    kind = ProposalKind.SANCTION_PROPOSED
    with pytest.raises(InvalidProposal):
        propose_next_step(certified, kind, by=system, text="", source="x:1")
    with pytest.raises(InvalidProposal):
        propose_next_step(certified, kind, by=system, text="Why.", source=" ")
    with pytest.raises(InvalidProposal):
        propose_next_step(certified, kind, by=system, text="Why.", source="x" * 101)

    assert not Proposal.objects.exists()


def test_the_system_and_the_staff_propose_next_steps_and_a_holder_does_not(
    certified: Certificate, holder_member: User, other_admin: User
) -> None:
    with pytest.raises(NotPermitted) as refused:
        propose_next_step(
            certified, ProposalKind.SANCTION_PROPOSED, by=holder_member, text="!", source="x:1"
        )
    assert refused.value.code == "role_not_allowed"
    with pytest.raises(NotVisible):
        propose_next_step(
            certified, ProposalKind.SANCTION_PROPOSED, by=other_admin, text="!", source="x:1"
        )

    assert not Proposal.objects.exists()


def test_a_file_manager_or_a_decision_maker_handles_a_proposal_and_a_reviewer_does_not(
    certified: Certificate, reviewer: User, decision_maker: User
) -> None:
    first = _propose_overdue(certified, "corrective-action:17")
    second = _propose_overdue(certified, "corrective-action:18")

    with pytest.raises(NotPermitted) as refused:
        resolve_proposal(first, by=reviewer, resolution="Nothing.")
    resolve_proposal(second, by=decision_maker, resolution="Warning given.")

    assert refused.value.code == "role_not_allowed"
    assert list(open_proposals()) == [first]


def test_whoever_evaluated_the_file_does_not_handle_its_proposals(
    certified: Certificate, file_manager: User
) -> None:
    proposal = _propose_overdue(certified)
    record_involvement(certified, file_manager, role=InvolvementRole.EVALUATOR)

    with pytest.raises(SeparationOfDutiesError):
        resolve_proposal(proposal, by=file_manager, resolution="Nothing to do.")

    proposal.refresh_from_db()
    assert proposal.is_open
