"""Appeals against a decision of the certification body, judged by the Appeal Committee.

The committee sits with two representatives of public institutions and two of users; its
majority decides, the public institutions prevailing on a tie (`votes.count_votes`). Who
takes each step is in the table of `lifecycle.APPEAL`: the committee's secretary (a file
manager) seats it and records its votes; a decision maker not involved in the file enacts
the outcome: when the committee upholds the holder, the appealed decision is annulled
through the certification core (`annul_decision`), or the sanction revoked through the
sanctions (`revoke_sanction`, which annuls a suspension or a withdrawal), never by writing
a status.
"""

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification.lifecycle import ANNULLABLE, Transition
from qualimark.certification.models import Certificate, Decision
from qualimark.certification.permissions import file_standing
from qualimark.certification.services import EvidenceLink, annul_decision, next_number
from qualimark.complaints.exceptions import InvalidAppeal, InvalidCommittee
from qualimark.complaints.lifecycle import (
    APPEAL,
    ENACT,
    LODGE,
    RECORD_VOTE,
    SEAT,
    AppealStatus,
    AppealStep,
)
from qualimark.complaints.models import Appeal, AppealCommitteeMember, Vote
from qualimark.complaints.permissions import appeal_standing
from qualimark.complaints.services import save_locked
from qualimark.complaints.votes import Ballot, Constituency, Outcome, count_votes
from qualimark.errors import DomainError, SeparationOfDutiesError
from qualimark.journal.services import record
from qualimark.parties.models import Organisation
from qualimark.parties.roles import Actor, performs
from qualimark.sanctions.models import Sanction
from qualimark.sanctions.services import revoke_sanction

# Two representatives of public institutions and two of users (DOMAIN: Appeal Committee).
COMMITTEE = Counter({Constituency.PUBLIC_INSTITUTION: 2, Constituency.USER: 2})
COMMITTEE_SIZE = sum(COMMITTEE.values())


@performs(LODGE)
@transaction.atomic
def lodge_appeal(
    *,
    by: User,
    appellant: Organisation,
    decision: Decision | None = None,
    sanction: Sanction | None = None,
    grounds: str,
    lodged_on: date | None = None,
) -> Appeal:
    """Register the holder's appeal against a decision on its file or a sanction.

    Only a rejection, a refusal, a suspension or a withdrawal (the decisions that
    `certification.lifecycle.ANNULLABLE` names) not annulled yet, or a sanction, can be
    appealed, only by the holder of that file, and only once. The holder's administrator
    lodges it, or a file manager records the appeal the holder sent in writing.
    """
    lodged_on = lodged_on or clock.today()
    certificate, decided_at = _appealable(decision, sanction)
    # Lock the file, so that two appeals lodged at once against one decision are one.
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    LODGE.check(file_standing(by, locked))
    if appellant.pk != certificate.holder_id:
        raise InvalidAppeal(
            _("Only the holder of file %(number)s, %(holder)s, may appeal against its decisions.")
            % {"number": certificate.number, "holder": certificate.holder}
        )
    if not grounds.strip():
        raise InvalidAppeal(_("Give the grounds of the appeal."))
    if lodged_on > clock.today() or lodged_on < timezone.localdate(decided_at):
        raise InvalidAppeal(
            _("An appeal is lodged after the decision it is against, and not in the future.")
        )
    earlier = Appeal.objects.filter(decision=decision, sanction=sanction).first()
    if earlier is not None:
        raise InvalidAppeal(
            _("This decision is already under appeal %(reference)s.")
            % {"reference": earlier.reference}
        )
    appeal = Appeal.objects.create(
        reference=f"B-{lodged_on.year}-{next_number(f'appeal-{lodged_on.year}'):04d}",
        lodged_on=lodged_on,
        appellant=appellant,
        grounds=grounds.strip(),
        decision=decision,
        sanction=sanction,
    )
    record(
        "appeal.lodged",
        appeal,
        actor=by,
        data={
            "certificate": certificate.number,
            "decision": decision.pk if decision else None,
            "sanction": sanction.pk if sanction else None,
            "lodged_on": lodged_on,
        },
    )
    return appeal


def _appealable(
    decision: Decision | None, sanction: Sanction | None
) -> tuple[Certificate, datetime]:
    """The file and the moment of the appealed decision or sanction, if it can be appealed."""
    if (decision is None) == (sanction is None):
        raise InvalidAppeal(_("An appeal is against one decision or one sanction."))
    if sanction is not None:
        return sanction.certificate, sanction.decided_at
    assert decision is not None
    if Transition(decision.transition) not in ANNULLABLE:
        raise InvalidAppeal(
            _(
                "A decision to %(action)s cannot be appealed: only a rejection, a refusal, "
                "a suspension, a withdrawal or a sanction can."
            )
            % {"action": decision.get_transition_display()}
        )
    if decision.annulled_by is not None:
        raise InvalidAppeal(
            _("This decision to %(action)s was already annulled on appeal.")
            % {"action": decision.get_transition_display()}
        )
    return decision.certificate, decision.decided_at


def _lock(appeal: Appeal, step: AppealStep, by: Actor) -> Appeal:
    """The appeal, locked, with its status after `step` once `by` may take it."""
    locked = Appeal.objects.select_for_update().get(pk=appeal.pk)
    locked.status = APPEAL.gate(step, locked.status, appeal_standing(by, locked))
    return locked


def check_committee_can_change(appeal: Appeal) -> AppealStatus:
    """The status after seating `appeal`'s committee, refused once it is decided or voted on.

    Raises StepNotAllowed or InvalidCommittee, whoever asks; `seat_committee` and the
    admin share it.
    """
    seated = APPEAL.check(AppealStep.SEAT_COMMITTEE, appeal.status)
    if appeal.votes.exists():
        raise InvalidCommittee(_("The committee has started voting: it can no longer change."))
    return seated


def committee_can_change(appeal: Appeal) -> bool:
    """Whether `seat_committee` would take `appeal` (see `check_committee_can_change`)."""
    try:
        check_committee_can_change(appeal)
    except DomainError:
        return False
    return True


@performs(SEAT)
@transaction.atomic
def seat_committee(appeal: Appeal, members: Iterable[AppealCommitteeMember], *, by: User) -> Appeal:
    """Seat the members who judge the appeal: two for public institutions, two for users.

    The committee's secretary seats it; it may be changed (a member withdraws) until
    someone has voted.
    """
    locked = Appeal.objects.select_for_update().get(pk=appeal.pk)
    SEAT.check(appeal_standing(by, locked))
    seated = check_committee_can_change(locked)
    members = list({member.pk: member for member in members}.values())
    _check_committee(members)
    locked.status = seated
    save_locked(appeal, locked, ["status"])
    locked.members.set(members)
    record(
        "appeal.committee_seated",
        locked,
        actor=by,
        data={"members": [member.pk for member in members]},
    )
    return appeal


def _check_committee(members: list[AppealCommitteeMember]) -> None:
    inactive = [str(member) for member in members if not member.active]
    if inactive:
        raise InvalidCommittee(
            _("%(members)s no longer sit on the Appeal Committee.")
            % {"members": ", ".join(inactive)}
        )
    seats = Counter(Constituency(member.constituency) for member in members)
    if seats != COMMITTEE:
        raise InvalidCommittee(
            _(
                "The Appeal Committee sits with two representatives of public institutions "
                "and two of users; this one has %(public)d and %(users)d."
            )
            % {
                "public": seats[Constituency.PUBLIC_INSTITUTION],
                "users": seats[Constituency.USER],
            }
        )


@performs(RECORD_VOTE)
@transaction.atomic
def record_vote(appeal: Appeal, member: AppealCommitteeMember, vote: Ballot, *, by: User) -> Vote:
    """Record the vote of a sitting member (the committee's secretary records it); a vote
    once cast is final."""
    locked = _lock(appeal, AppealStep.RECORD_VOTE, by)
    if not locked.members.filter(pk=member.pk).exists():
        raise InvalidCommittee(
            _("%(member)s does not sit on appeal %(reference)s.")
            % {"member": member, "reference": locked.reference}
        )
    if locked.votes.filter(member=member).exists():
        raise InvalidAppeal(
            _("%(member)s has already voted on appeal %(reference)s.")
            % {"member": member, "reference": locked.reference}
        )
    cast = Vote.objects.create(
        appeal=locked,
        member=member,
        # The constituency the member sat for, kept with the vote: the count must not
        # change if the member later represents someone else.
        constituency=member.constituency,
        ballot=Ballot(vote),
        recorded_by=by,
        recorded_at=clock.now(),
    )
    record("appeal.vote_recorded", locked, actor=by, data={"member": member.pk, "vote": vote})
    return cast


@performs(ENACT)
@transaction.atomic
def decide_appeal(appeal: Appeal, *, by: User, reason: str) -> Appeal:
    """Count the votes, record the outcome and, when the committee upholds the holder,
    annul the appealed decision (or revoke the sanction).

    `by` is the decision maker who enacts the outcome. Like any decision on the file, it
    is refused to anyone who inspected or evaluated the file or is tied to its holder
    (ISO/IEC 17065 7.13: the outcome of an appeal is enacted by someone not involved in
    its subject), and to the person who took the appealed decision. The annulment is
    recorded today and the file's history then reads as if the appealed decision had never
    been taken, from its own date on.
    """
    locked = _lock(appeal, AppealStep.DECIDE, by)
    check_not_the_appealed_decider(locked, by)
    if not reason.strip():
        raise InvalidAppeal(_("Give the reasons of the committee."))
    ballots = [(Constituency(v.constituency), Ballot(v.ballot)) for v in locked.votes.all()]
    if len(ballots) != COMMITTEE_SIZE:
        raise InvalidAppeal(
            _("All %(size)d members must have voted; %(count)d have.")
            % {"size": COMMITTEE_SIZE, "count": len(ballots)}
        )
    locked.outcome = count_votes(ballots)
    locked.decided_on, locked.decided_by, locked.reason = clock.today(), by, reason.strip()
    if locked.outcome == Outcome.REVERSED:
        _annul(locked, by=by)
    fields = ["status", "outcome", "decided_on", "decided_by", "reason", "reversal"]
    save_locked(appeal, locked, fields)
    record(
        "appeal.decided",
        locked,
        actor=by,
        data={
            "outcome": locked.outcome,
            "votes": [ballot for _constituency, ballot in ballots],
            "reversal": locked.reversal_id,
            "reason": locked.reason,
        },
    )
    return appeal


def check_not_the_appealed_decider(appeal: Appeal, by: User) -> None:
    """Refuse the outcome of `appeal` to whoever took the decision appealed against."""
    appealed = appeal.decision or appeal.sanction
    assert appealed is not None
    if appealed.decided_by_id == by.pk:
        raise SeparationOfDutiesError(
            _(
                "%(person)s took the decision under appeal and so cannot enact the outcome "
                "of the appeal (ISO/IEC 17065: appeals are decided by persons not involved "
                "in their subject)."
            )
            % {"person": by}
        )


def _annul(appeal: Appeal, *, by: User) -> None:
    reason = _("Annulled on appeal %(reference)s: %(reason)s") % {
        "reference": appeal.reference,
        "reason": appeal.reason,
    }
    evidence = [EvidenceLink(_("Appeal %(reference)s") % {"reference": appeal.reference})]
    # A suspension or a withdrawal imposed as a sanction is revoked with its sanction,
    # whether the holder appealed against the sanction or against its decision: the
    # sanction then records that it never applied. A warning or stricter oversight changes
    # no status and so has no annulment.
    sanction = appeal.sanction or Sanction.objects.filter(decision=appeal.decision).first()
    if sanction is not None:
        revoked = revoke_sanction(sanction, by=by, reason=reason, evidence=evidence)
        appeal.reversal = revoked.reversal
    elif appeal.decision is not None:
        appeal.reversal = annul_decision(appeal.decision, by=by, reason=reason, evidence=evidence)
