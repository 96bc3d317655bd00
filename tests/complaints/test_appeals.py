"""Appeals: lodged by the holder, judged by a 2+2 committee, enacted through the core."""

from datetime import date

import pytest

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.exceptions import SeparationOfDutiesError
from qualimark.certification.lifecycle import Status, Transition
from qualimark.certification.models import Certificate, Decision, InvolvementRole
from qualimark.complaints import appeals
from qualimark.complaints.exceptions import InvalidAppeal, InvalidCommittee, StepNotAllowed
from qualimark.complaints.lifecycle import AppealStatus
from qualimark.complaints.models import Appeal, AppealCommitteeMember
from qualimark.complaints.votes import Ballot, Outcome
from qualimark.errors import ConflictOfInterest, NotPermitted, NotVisible
from qualimark.journal.models import JournalEntry
from qualimark.parties.models import Organisation
from qualimark.parties.services import register_organisation
from qualimark.sanctions.models import SanctionKind
from qualimark.sanctions.services import impose_sanction
from qualimark.verification.verify import Outcome as Verdict
from qualimark.verification.verify import verify
from tests.complaints.conftest import declare_tie, on, vote_all

R, U = Ballot.REVERSE, Ballot.UPHOLD
DECIDED_ON = date(2026, 4, 15)


def _decide(appeal: Appeal, by: User) -> Appeal:
    with on(DECIDED_ON):
        return appeals.decide_appeal(appeal, by=by, reason="The samples were not representative.")


# Annulment and its effect on the registry ---------------------------------------------


def test_an_appeal_that_upholds_the_holder_annuls_the_suspension_for_every_day(
    seated: Appeal,
    committee: list[AppealCommitteeMember],
    appeals_officer: User,
    certified: Certificate,
    file_manager: User,
) -> None:
    vote_all(seated, committee, [R, R, R, U], by=file_manager)
    before = verify(certified.number, on=date(2026, 3, 16))

    decided = _decide(seated, appeals_officer)

    certified.forget_history()
    assert decided.outcome == Outcome.REVERSED
    assert decided.status == AppealStatus.DECIDED
    assert decided.decided_on == DECIDED_ON
    assert before.outcome == Verdict.SUSPENDED
    # As if the suspension had never been taken: the days before the appeal too.
    for day in (date(2026, 3, 13), date(2026, 3, 16), date(2026, 4, 14), DECIDED_ON):
        assert certified.status_on(day) == Status.CERTIFIED
        assert verify(certified.number, on=day).outcome == Verdict.VALID


def test_the_annulment_is_a_decision_of_the_enacting_staff_member_citing_the_appeal(
    seated: Appeal,
    committee: list[AppealCommitteeMember],
    appeals_officer: User,
    file_manager: User,
) -> None:
    vote_all(seated, committee, [R, R, U, U], by=file_manager)

    decided = _decide(seated, appeals_officer)

    annulment = decided.reversal
    assert annulment is not None
    assert annulment.transition == Transition.ANNUL
    assert annulment.annuls == seated.decision
    assert seated.decision is not None
    assert annulment.effective == seated.decision.effective
    assert annulment.decided_by == appeals_officer
    assert decided.reference in annulment.reason
    assert [e.description for e in annulment.evidence.all()] == [f"Appeal {decided.reference}"]
    entry = JournalEntry.objects.get(action="appeal.decided")
    assert entry.data["outcome"] == Outcome.REVERSED
    assert entry.data["reversal"] == annulment.pk


def test_an_upheld_appeal_changes_nothing_on_the_file(
    seated: Appeal,
    committee: list[AppealCommitteeMember],
    appeals_officer: User,
    certified: Certificate,
    file_manager: User,
) -> None:
    vote_all(seated, committee, [U, U, R, R], by=file_manager)
    decisions = Decision.objects.count()

    decided = _decide(seated, appeals_officer)

    certified.forget_history()
    assert decided.outcome == Outcome.UPHELD
    assert decided.reversal is None
    assert Decision.objects.count() == decisions
    assert certified.status_on(DECIDED_ON) == Status.SUSPENDED
    assert verify(certified.number, on=DECIDED_ON).outcome == Verdict.SUSPENDED


def test_a_committee_split_two_two_with_public_institutions_split_leaves_the_decision(
    seated: Appeal,
    committee: list[AppealCommitteeMember],
    appeals_officer: User,
    certified: Certificate,
    file_manager: User,
) -> None:
    vote_all(seated, committee, [R, U, R, U], by=file_manager)

    decided = _decide(seated, appeals_officer)

    certified.forget_history()
    assert decided.outcome == Outcome.UPHELD
    assert certified.status_on(DECIDED_ON) == Status.SUSPENDED


def test_an_annulled_withdrawal_leaves_the_certificate_valid_on_its_days(
    certified: Certificate,
    decision_maker: User,
    holder_member: User,
    committee: list[AppealCommitteeMember],
    appeals_officer: User,
    file_manager: User,
) -> None:
    withdrawal = certification.withdraw_certificate(
        certified, by=decision_maker, reason="Misuse of the mark."
    )
    appeal = appeals.lodge_appeal(
        by=holder_member, appellant=certified.holder, decision=withdrawal, grounds="No misuse."
    )
    appeals.seat_committee(appeal, committee, by=file_manager)
    vote_all(appeal, committee, [R, R, U, U], by=file_manager)

    decided = _decide(appeal, appeals_officer)

    certified.forget_history()
    assert decided.reversal is not None
    assert decided.reversal.transition == Transition.ANNUL
    assert certified.status_on(date(2026, 4, 14)) == Status.CERTIFIED
    assert verify(certified.number, on=date(2026, 3, 20)).outcome == Verdict.VALID
    assert verify(certified.number, on=DECIDED_ON).outcome == Verdict.VALID


def test_an_appeal_against_a_suspension_sanction_revokes_it_and_annuls_its_decision(
    certified: Certificate,
    decision_maker: User,
    holder_member: User,
    committee: list[AppealCommitteeMember],
    appeals_officer: User,
    file_manager: User,
) -> None:
    sanction = impose_sanction(
        certified, SanctionKind.SUSPENSION, by=decision_maker, reason="Founded complaint."
    )
    appeal = appeals.lodge_appeal(
        by=holder_member, appellant=certified.holder, sanction=sanction, grounds="Disproportionate."
    )
    appeals.seat_committee(appeal, committee, by=file_manager)
    vote_all(appeal, committee, [R, R, R, U], by=file_manager)

    decided = _decide(appeal, appeals_officer)

    sanction.refresh_from_db()
    certified.forget_history()
    assert sanction.revoked
    assert not sanction.in_force_on(date(2026, 3, 16))
    assert decided.reversal is not None
    assert decided.reversal.transition == Transition.ANNUL
    assert decided.reversal.annuls == sanction.decision
    assert [e.description for e in decided.reversal.evidence.all()] == [
        f"Appeal {decided.reference}"
    ]
    assert certified.status_on(date(2026, 4, 14)) == Status.CERTIFIED
    assert certified.status_on(date(2026, 3, 16)) == Status.CERTIFIED


def test_an_appeal_against_the_decision_of_a_sanction_revokes_the_sanction(
    certified: Certificate,
    decision_maker: User,
    holder_member: User,
    committee: list[AppealCommitteeMember],
    appeals_officer: User,
    file_manager: User,
) -> None:
    sanction = impose_sanction(
        certified, SanctionKind.WITHDRAWAL, by=decision_maker, reason="Misuse of the mark."
    )
    assert sanction.decision is not None
    appeal = appeals.lodge_appeal(
        by=holder_member,
        appellant=certified.holder,
        decision=sanction.decision,
        grounds="No misuse.",
    )
    appeals.seat_committee(appeal, committee, by=file_manager)
    vote_all(appeal, committee, [R, R, R, R], by=file_manager)

    decided = _decide(appeal, appeals_officer)

    sanction.refresh_from_db()
    certified.forget_history()
    assert sanction.revoked
    assert decided.reversal == sanction.reversal
    assert certified.status_on(date(2026, 3, 16)) == Status.CERTIFIED


def test_an_annulled_decision_cannot_be_appealed_again(
    certified: Certificate, decision_maker: User, appeals_officer: User, holder_member: User
) -> None:
    withdrawal = certification.withdraw_certificate(certified, by=decision_maker, reason="Fraud.")
    certification.annul_decision(withdrawal, by=appeals_officer, reason="Appeal.")

    with pytest.raises(InvalidAppeal, match="already annulled"):
        appeals.lodge_appeal(
            by=holder_member, appellant=certified.holder, decision=withdrawal, grounds="Again."
        )


# Who may appeal, against what ---------------------------------------------------------


def test_an_appeal_by_someone_else_than_the_holder_is_refused(
    suspension: Decision, file_manager: User
) -> None:
    competitor = register_organisation(
        by=file_manager, name="Other Geo", enterprise_number="0202.239.951", town="Brussel"
    )

    with pytest.raises(InvalidAppeal, match="Only the holder"):
        appeals.lodge_appeal(
            by=file_manager, appellant=competitor, decision=suspension, grounds="We object."
        )

    assert not Appeal.objects.exists()


def test_a_file_manager_records_the_appeal_the_holder_sent_in_writing(
    suspension: Decision, file_manager: User
) -> None:
    appeal = appeals.lodge_appeal(
        by=file_manager,
        appellant=suspension.certificate.holder,
        decision=suspension,
        grounds="Letter of 18 March: the samples were damaged.",
    )

    assert appeal.appellant == suspension.certificate.holder


def test_only_the_holder_s_administrator_lodges_its_appeal(
    suspension: Decision, invited_member: User, other_admin: User, outsider: User
) -> None:
    holder = suspension.certificate.holder

    with pytest.raises(NotPermitted) as refused:
        appeals.lodge_appeal(
            by=invited_member, appellant=holder, decision=suspension, grounds="We object."
        )
    assert refused.value.code == "role_not_allowed"
    # Another holder's people and strangers do not even learn that the decision exists.
    for stranger in (other_admin, outsider):
        with pytest.raises(NotVisible):
            appeals.lodge_appeal(
                by=stranger, appellant=holder, decision=suspension, grounds="We object."
            )

    assert not Appeal.objects.exists()


def test_only_a_rejection_refusal_suspension_withdrawal_or_sanction_can_be_appealed(
    certified: Certificate, holder_member: User
) -> None:
    grant = certified.decisions.get(transition=Transition.GRANT)

    with pytest.raises(InvalidAppeal, match="cannot be appealed"):
        appeals.lodge_appeal(
            by=holder_member, appellant=certified.holder, decision=grant, grounds="Why not?"
        )


def test_an_appeal_is_against_one_decision_or_one_sanction(
    holder: Organisation, holder_member: User
) -> None:
    with pytest.raises(InvalidAppeal, match="one decision or one sanction"):
        appeals.lodge_appeal(by=holder_member, appellant=holder, grounds="Everything.")


def test_a_decision_is_appealed_once(appeal: Appeal, holder_member: User) -> None:
    assert appeal.decision is not None

    with pytest.raises(InvalidAppeal, match=appeal.reference):
        appeals.lodge_appeal(
            by=holder_member,
            appellant=appeal.appellant,
            decision=appeal.decision,
            grounds="Again.",
        )


def test_appeals_are_numbered_per_year(appeal: Appeal) -> None:
    assert appeal.reference == "B-2026-0001"
    assert appeal.lodged_on == date(2026, 3, 20)


def test_an_appeal_cannot_be_lodged_before_the_decision(
    suspension: Decision, holder_member: User
) -> None:
    with pytest.raises(InvalidAppeal, match="after the decision"):
        appeals.lodge_appeal(
            by=holder_member,
            appellant=suspension.certificate.holder,
            decision=suspension,
            grounds="Too early.",
            lodged_on=date(2026, 3, 1),
        )


# The committee -------------------------------------------------------------------------


@pytest.mark.parametrize(("public", "users"), [(3, 1), (1, 3), (2, 1), (2, 3), (0, 0)])
def test_a_committee_that_is_not_two_plus_two_is_refused(
    appeal: Appeal,
    public_members: list[AppealCommitteeMember],
    user_members: list[AppealCommitteeMember],
    public: int,
    users: int,
    file_manager: User,
) -> None:
    with pytest.raises(InvalidCommittee, match="two representatives of public institutions"):
        appeals.seat_committee(
            appeal, [*public_members[:public], *user_members[:users]], by=file_manager
        )

    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.LODGED
    assert not appeal.members.exists()


def test_a_member_named_twice_sits_once(
    appeal: Appeal, committee: list[AppealCommitteeMember], file_manager: User
) -> None:
    with pytest.raises(InvalidCommittee):
        appeals.seat_committee(appeal, [*committee[:3], committee[0]], by=file_manager)


def test_a_member_who_left_the_committee_cannot_sit(
    appeal: Appeal, committee: list[AppealCommitteeMember], file_manager: User
) -> None:
    committee[0].active = False
    committee[0].save()

    with pytest.raises(InvalidCommittee, match="no longer sit"):
        appeals.seat_committee(appeal, committee, by=file_manager)


def test_the_committee_may_change_until_someone_votes(
    seated: Appeal,
    committee: list[AppealCommitteeMember],
    public_members: list[AppealCommitteeMember],
    file_manager: User,
) -> None:
    replaced = [public_members[2], *committee[1:]]
    appeals.seat_committee(seated, replaced, by=file_manager)
    appeals.record_vote(seated, replaced[0], R, by=file_manager)

    with pytest.raises(InvalidCommittee, match="started voting"):
        appeals.seat_committee(seated, committee, by=file_manager)

    assert set(seated.members.all()) == set(replaced)


def test_only_a_sitting_member_votes_and_only_once(
    seated: Appeal,
    committee: list[AppealCommitteeMember],
    public_members: list[AppealCommitteeMember],
    file_manager: User,
) -> None:
    appeals.record_vote(seated, committee[0], R, by=file_manager)

    with pytest.raises(InvalidAppeal, match="already voted"):
        appeals.record_vote(seated, committee[0], U, by=file_manager)
    with pytest.raises(InvalidCommittee, match="does not sit"):
        appeals.record_vote(seated, public_members[2], R, by=file_manager)

    assert [v.ballot for v in seated.votes.all()] == [R]


def test_votes_wait_for_the_committee_to_be_seated(
    appeal: Appeal, committee: list[AppealCommitteeMember], file_manager: User
) -> None:
    with pytest.raises(StepNotAllowed, match="record a vote"):
        appeals.record_vote(appeal, committee[0], R, by=file_manager)


def test_the_appeal_is_decided_only_when_all_four_have_voted(
    seated: Appeal,
    committee: list[AppealCommitteeMember],
    appeals_officer: User,
    certified: Certificate,
    file_manager: User,
) -> None:
    vote_all(seated, committee[:3], [R, R, R], by=file_manager)

    with pytest.raises(InvalidAppeal, match="3 have"):
        _decide(seated, appeals_officer)

    certified.forget_history()
    assert certified.status_on(DECIDED_ON) == Status.SUSPENDED


def test_a_decided_appeal_cannot_be_decided_again(
    seated: Appeal,
    committee: list[AppealCommitteeMember],
    appeals_officer: User,
    file_manager: User,
) -> None:
    vote_all(seated, committee, [U, U, U, U], by=file_manager)
    _decide(seated, appeals_officer)

    with pytest.raises(StepNotAllowed, match="decide the appeal"):
        _decide(seated, appeals_officer)


# Who enacts the outcome -----------------------------------------------------------------


def test_the_enacting_staff_member_who_inspected_the_file_is_refused(
    seated: Appeal,
    committee: list[AppealCommitteeMember],
    appeals_officer: User,
    certified: Certificate,
    file_manager: User,
) -> None:
    vote_all(seated, committee, [R, R, R, R], by=file_manager)
    certification.record_involvement(certified, appeals_officer, role=InvolvementRole.INSPECTOR)

    with pytest.raises(SeparationOfDutiesError, match="ISO/IEC 17065"):
        _decide(seated, appeals_officer)

    seated.refresh_from_db()
    certified.forget_history()
    assert (seated.status, seated.outcome) == (AppealStatus.SEATED, "")
    assert certified.status_on(DECIDED_ON) == Status.SUSPENDED


def test_the_person_who_took_the_appealed_decision_cannot_enact_the_appeal(
    seated: Appeal,
    committee: list[AppealCommitteeMember],
    decision_maker: User,
    file_manager: User,
) -> None:
    vote_all(seated, committee, [U, U, U, U], by=file_manager)

    with pytest.raises(SeparationOfDutiesError, match="decision under appeal"):
        _decide(seated, decision_maker)


def test_a_decision_maker_enacts_the_outcome_and_the_secretary_does_not(
    seated: Appeal, committee: list[AppealCommitteeMember], file_manager: User
) -> None:
    vote_all(seated, committee, [R, R, R, R], by=file_manager)

    with pytest.raises(NotPermitted, match="may not decide the appeal"):
        _decide(seated, file_manager)

    seated.refresh_from_db()
    assert seated.status == AppealStatus.SEATED


def test_the_committee_s_secretary_seats_it_and_records_its_votes(
    appeal: Appeal,
    committee: list[AppealCommitteeMember],
    appeals_officer: User,
    holder_member: User,
) -> None:
    for someone in (appeals_officer, holder_member):
        with pytest.raises(NotPermitted, match="seat the appeal committee"):
            appeals.seat_committee(appeal, committee, by=someone)

    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.LODGED


def test_a_secretary_tied_to_the_appellant_neither_seats_the_committee_nor_records_votes(
    seated: Appeal, committee: list[AppealCommitteeMember], file_manager: User
) -> None:
    declare_tie(file_manager, seated.appellant)

    with pytest.raises(ConflictOfInterest):
        appeals.seat_committee(seated, committee, by=file_manager)
    with pytest.raises(ConflictOfInterest):
        appeals.record_vote(seated, committee[0], R, by=file_manager)

    assert not seated.votes.exists()


def test_the_appeal_decision_needs_the_reasons_of_the_committee(
    seated: Appeal,
    committee: list[AppealCommitteeMember],
    appeals_officer: User,
    file_manager: User,
) -> None:
    vote_all(seated, committee, [U, U, U, U], by=file_manager)

    with pytest.raises(InvalidAppeal, match="reasons"):
        appeals.decide_appeal(seated, by=appeals_officer, reason="  ")
