"""An appeal committee's reversal undoes a decision through the lifecycle, never by editing it."""

from datetime import date

import pytest

from qualimark.accounts.models import User
from qualimark.certification import services as s
from qualimark.certification.exceptions import InvalidDecision, SeparationOfDutiesError
from qualimark.certification.lifecycle import LIFECYCLE, Status, Transition
from qualimark.certification.models import Certificate, Decision, InvolvementRole
from qualimark.errors import NotPermitted


def test_a_reversed_suspension_is_lifted_from_the_reversal_and_the_suspended_days_stay(
    certified: Certificate, decision_maker: User
) -> None:
    suspension = s.suspend_certificate(
        certified, by=decision_maker, reason="Major nonconformity.", effective=date(2026, 3, 2)
    )
    s.reverse_decision(
        suspension, by=decision_maker, reason="Appeal B-2026-0001.", effective=date(2026, 3, 10)
    )
    assert certified.status_on(date(2026, 3, 5)) == Status.SUSPENDED
    assert certified.status_on(date(2026, 3, 10)) == Status.CERTIFIED
    assert Decision.objects.filter(certificate=certified).latest("id").transition == "lift"


@pytest.mark.parametrize(
    ("steps", "reversed_status"),
    [
        ([Transition.REJECT], Status.ADMISSIBLE),
        ([Transition.ADMIT, Transition.START_TRIAL, Transition.REFUSE], Status.TRIAL),
        (
            [Transition.ADMIT, Transition.START_TRIAL, Transition.GRANT, Transition.WITHDRAW],
            Status.CERTIFIED,
        ),
    ],
)
def test_a_final_decision_reversed_on_appeal_reopens_the_file(
    application: Certificate,
    decision_maker: User,
    steps: list[Transition],
    reversed_status: Status,
) -> None:
    for day, step in enumerate(steps, start=1):
        last = s.take_decision(
            application, step, by=decision_maker, reason="Decided.", effective=date(2026, 2, day)
        )
    s.reverse_decision(last, by=decision_maker, reason="Appeal upheld the holder.")
    assert application.status_on(date(2026, 3, 16)) == reversed_status
    assert application.status_on(date(2026, 2, len(steps))) == last.to_status


def test_a_grant_cannot_be_reversed_on_appeal(certified: Certificate, decision_maker: User) -> None:
    grant = Decision.objects.get(certificate=certified, transition=Transition.GRANT)
    with pytest.raises(InvalidDecision):
        s.reverse_decision(grant, by=decision_maker, reason="Appeal.")
    assert certified.status_on(date(2026, 3, 16)) == Status.CERTIFIED


def test_the_reversal_is_refused_to_a_decision_maker_who_inspected_the_file(
    certified: Certificate, decision_maker: User
) -> None:
    suspension = s.suspend_certificate(certified, by=decision_maker, reason="Nonconformity.")
    s.record_involvement(certified, decision_maker, role=InvolvementRole.INSPECTOR)
    with pytest.raises(SeparationOfDutiesError):
        s.reverse_decision(suspension, by=decision_maker, reason="Appeal.")
    assert certified.status_on(date(2026, 3, 16)) == Status.SUSPENDED


def test_the_reversal_is_a_decision_maker_s_not_a_file_manager_s(
    certified: Certificate, decision_maker: User, file_manager: User
) -> None:
    suspension = s.suspend_certificate(certified, by=decision_maker, reason="Nonconformity.")
    with pytest.raises(NotPermitted):
        s.reverse_decision(suspension, by=file_manager, reason="Appeal.")
    assert certified.status_on(date(2026, 3, 16)) == Status.SUSPENDED


def test_reversals_are_not_offered_outside_an_appeal(
    certified: Certificate, decision_maker: User
) -> None:
    s.withdraw_certificate(certified, by=decision_maker, reason="Fraud.")
    assert LIFECYCLE.open_from(Status.WITHDRAWN) == []
    with pytest.raises(InvalidDecision):
        s.take_decision(certified, Transition.REINSTATE, by=decision_maker, reason="Back.")
