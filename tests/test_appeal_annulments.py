"""An appeal that upholds the holder annuls the decision appealed: from the moment the
annulment is recorded, the file's history reads as if that decision had never been taken,
for every date; as it was known before, the history stays as it was."""

from collections.abc import Iterator
from datetime import date

import pytest
from django.utils import translation

from qualimark.accounts.models import User
from qualimark.certification import services as s
from qualimark.certification.exceptions import (
    DecisionOutOfOrder,
    InvalidDecision,
    SeparationOfDutiesError,
)
from qualimark.certification.lapses import note_lapses
from qualimark.certification.lifecycle import LIFECYCLE, Status, Transition
from qualimark.certification.models import (
    Certificate,
    Decision,
    InvolvementRole,
    StatusPeriod,
    still_standing,
    timeline_of,
)
from qualimark.certification.timeline import Segment
from qualimark.datasheets.services import create_datasheet, publish_datasheet_version
from qualimark.errors import ConflictOfInterest, NotPermitted
from qualimark.feed.models import Change
from qualimark.journal.services import entries_for
from qualimark.notifications.models import Mail
from qualimark.verification.verify import Outcome, verify
from tests.complaints.conftest import declare_tie

C, S, W = Status.CERTIFIED, Status.SUSPENDED, Status.WITHDRAWN


@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    """These tests read refusals in English, whatever the default language (nl)."""
    with translation.override("en"):
        yield


def _history(certificate: Certificate) -> list[Segment[Status]]:
    """The timeline every reader reads: all the rows, in the order they were recorded."""
    return timeline_of(StatusPeriod.objects.filter(certificate=certificate))


def _as_if_never_taken(certificate: Certificate) -> list[Segment[Status]]:
    """The timeline of the decisions still standing alone: the annulled ones never taken."""
    kept = still_standing(Decision.objects.filter(certificate=certificate))
    return timeline_of(StatusPeriod.objects.filter(decision__in=kept))


def _known_before(certificate: Certificate, decision: Decision) -> list[Segment[Status]]:
    """The timeline as it was known before `decision` was recorded."""
    return timeline_of(StatusPeriod.objects.filter(certificate=certificate, decision__lt=decision))


def _annul(decision: Decision, by: User) -> Decision:
    """Annul `decision` and check the two promises: as if never taken from now on, and the
    history as known before unchanged."""
    certificate = decision.certificate
    known = _history(certificate)
    annulment = s.annul_decision(decision, by=by, reason="Appeal B-2026-0001 upheld the holder.")
    assert _known_before(certificate, annulment) == known
    assert _history(certificate) == _as_if_never_taken(certificate)
    certificate.forget_history()
    assert certificate.timeline == _as_if_never_taken(certificate)
    return annulment


def test_an_annulled_suspension_leaves_the_certificate_valid_on_every_day(
    certified: Certificate, decision_maker: User, appeals_officer: User
) -> None:
    suspension = s.suspend_certificate(
        certified, by=decision_maker, reason="Major nonconformity.", effective=date(2026, 3, 2)
    )

    _annul(suspension, appeals_officer)

    assert _history(certified) == [
        Segment(Status.APPLIED, date(2026, 1, 5), date(2026, 1, 12)),
        Segment(Status.ADMISSIBLE, date(2026, 1, 12), date(2026, 1, 19)),
        Segment(Status.TRIAL, date(2026, 1, 19), date(2026, 2, 2)),
        Segment(C, date(2026, 2, 2)),
    ]
    assert certified.status_on(date(2026, 3, 5)) == C
    assert verify(certified.number, on=date(2026, 3, 5)).outcome == Outcome.VALID


@pytest.mark.parametrize(
    ("steps", "restored"),
    [
        ([Transition.REJECT], Status.APPLIED),
        ([Transition.ADMIT, Transition.START_TRIAL, Transition.REFUSE], Status.TRIAL),
        ([Transition.ADMIT, Transition.START_TRIAL, Transition.GRANT, Transition.WITHDRAW], C),
        ([Transition.ADMIT, Transition.START_TRIAL, Transition.GRANT, Transition.SUSPEND], C),
    ],
)
def test_a_final_decision_annulled_on_appeal_is_as_if_never_taken(
    application: Certificate,
    decision_maker: User,
    appeals_officer: User,
    steps: list[Transition],
    restored: Status,
) -> None:
    for day, step in enumerate(steps, start=1):
        last = s.take_decision(
            application, step, by=decision_maker, reason="Decided.", effective=date(2026, 2, day)
        )

    annulment = _annul(last, appeals_officer)

    # From the annulled decision's own date, not from the appeal's: every day reads anew.
    assert application.status_on(date(2026, 2, len(steps))) == restored
    assert application.status_on(date(2026, 3, 16)) == restored
    assert (annulment.from_status, annulment.to_status) == (last.to_status, restored)


def test_a_suspension_lifted_then_annulled_leaves_only_the_lifting(
    certified: Certificate, decision_maker: User, appeals_officer: User
) -> None:
    suspension = s.suspend_certificate(
        certified, by=decision_maker, reason="Nonconformity.", effective=date(2026, 2, 20)
    )
    s.lift_suspension(certified, by=decision_maker, reason="Fixed.", effective=date(2026, 3, 2))

    annulment = _annul(suspension, appeals_officer)

    assert certified.status_on(date(2026, 2, 25)) == C
    assert annulment.effective == date(2026, 2, 20)
    assert (annulment.from_status, annulment.to_status) == (S, C)


def test_a_withdrawal_during_an_annulled_suspension_still_holds(
    certified: Certificate, decision_maker: User, appeals_officer: User
) -> None:
    suspension = s.suspend_certificate(
        certified, by=decision_maker, reason="Nonconformity.", effective=date(2026, 2, 20)
    )
    s.withdraw_certificate(
        certified, by=decision_maker, reason="Fraud.", effective=date(2026, 3, 2)
    )

    _annul(suspension, appeals_officer)

    assert [(seg.status, seg.start) for seg in certified.timeline[-2:]] == [
        (C, date(2026, 2, 2)),
        (W, date(2026, 3, 2)),
    ]


def test_a_new_suspension_after_an_annulment_applies_on_top_of_it(
    certified: Certificate, decision_maker: User, appeals_officer: User
) -> None:
    first = s.suspend_certificate(
        certified, by=decision_maker, reason="Nonconformity.", effective=date(2026, 3, 2)
    )
    _annul(first, appeals_officer)

    # Earlier than the annulled suspension: that one is as if it had never been taken.
    s.suspend_certificate(
        certified,
        by=decision_maker,
        reason="Another nonconformity.",
        effective=date(2026, 2, 23),
        until=date(2026, 3, 9),
    )

    certified.forget_history()
    assert _history(certified) == _as_if_never_taken(certified)
    assert certified.timeline[-3:] == [
        Segment(C, date(2026, 2, 2), date(2026, 2, 23)),
        Segment(S, date(2026, 2, 23), date(2026, 3, 9)),
        Segment(C, date(2026, 3, 9)),
    ]


def test_two_annulments_on_one_file(
    certified: Certificate, decision_maker: User, appeals_officer: User
) -> None:
    first = s.suspend_certificate(
        certified, by=decision_maker, reason="Nonconformity.", effective=date(2026, 2, 16)
    )
    s.lift_suspension(certified, by=decision_maker, reason="Fixed.", effective=date(2026, 2, 23))
    _annul(first, appeals_officer)
    second = s.suspend_certificate(
        certified, by=decision_maker, reason="Again.", effective=date(2026, 3, 2)
    )
    withdrawal = s.withdraw_certificate(
        certified, by=decision_maker, reason="Fraud.", effective=date(2026, 3, 9)
    )

    _annul(second, appeals_officer)
    _annul(withdrawal, appeals_officer)

    assert certified.timeline[-1] == Segment(C, date(2026, 2, 2))
    for day in (date(2026, 2, 20), date(2026, 3, 5), date(2026, 3, 16)):
        assert verify(certified.number, on=day).outcome == Outcome.VALID


def test_an_earlier_decision_annulled_after_a_later_one_leaves_neither(
    certified: Certificate, decision_maker: User, appeals_officer: User
) -> None:
    suspension = s.suspend_certificate(
        certified, by=decision_maker, reason="Nonconformity.", effective=date(2026, 2, 16)
    )
    withdrawal = s.withdraw_certificate(
        certified, by=decision_maker, reason="Fraud.", effective=date(2026, 3, 2)
    )
    _annul(withdrawal, appeals_officer)
    assert certified.status_on(date(2026, 3, 5)) == S

    # The first annulment restated the suspension from 2 March on; it restates nothing now.
    _annul(suspension, appeals_officer)

    certified.forget_history()
    assert certified.timeline[-1] == Segment(C, date(2026, 2, 2))


def test_the_annulment_is_a_decision_of_its_own_journalled_fed_and_announced(
    certified: Certificate, decision_maker: User, appeals_officer: User
) -> None:
    suspension = s.suspend_certificate(
        certified, by=decision_maker, reason="Nonconformity.", effective=date(2026, 3, 2)
    )

    annulment = s.annul_decision(suspension, by=appeals_officer, reason="Appeal B-2026-0001.")

    assert annulment.transition == Transition.ANNUL
    assert annulment.annuls == suspension
    assert suspension.annulled_by == annulment
    assert Decision.objects.get(pk=suspension.pk).annulled_by == annulment
    assert (annulment.effective, annulment.decided_by) == (date(2026, 3, 2), appeals_officer)
    assert list(annulment.periods.values_list("status", "valid_from", "valid_until")) == [
        (C, date(2026, 3, 2), None)
    ]
    entry = entries_for(certified).get(action="certificate.annul")
    assert entry.data["annuls"] == suspension.pk
    change = Change.objects.filter(kind="certificate.decision").latest("pk")
    assert change.codes == [certified.number]
    assert change.data["transition"] == "annul"
    assert change.data["annuls"] == suspension.pk
    assert change.data["effective"] == "2026-03-02"
    assert Mail.objects.filter(key__startswith=f"decision:{annulment.pk}:").exists()


def test_an_annulment_needs_its_reason(
    certified: Certificate, decision_maker: User, appeals_officer: User
) -> None:
    suspension = s.suspend_certificate(certified, by=decision_maker, reason="Nonconformity.")

    with pytest.raises(InvalidDecision, match="reason"):
        s.annul_decision(suspension, by=appeals_officer, reason=" ")

    assert suspension.annulled_by is None


def test_a_decision_is_annulled_once_and_an_annulment_never(
    certified: Certificate, decision_maker: User, appeals_officer: User
) -> None:
    suspension = s.suspend_certificate(certified, by=decision_maker, reason="Nonconformity.")
    annulment = s.annul_decision(suspension, by=appeals_officer, reason="Appeal.")

    with pytest.raises(InvalidDecision, match="already annulled"):
        s.annul_decision(suspension, by=appeals_officer, reason="Appeal again.")
    with pytest.raises(InvalidDecision, match="cannot itself be annulled"):
        s.annul_decision(annulment, by=decision_maker, reason="Appeal.")

    assert Decision.objects.filter(transition=Transition.ANNUL).count() == 1


@pytest.mark.parametrize("kind", [Transition.GRANT, Transition.APPLY, Transition.ADMIT])
def test_only_a_rejection_refusal_suspension_or_withdrawal_can_be_annulled(
    certified: Certificate, appeals_officer: User, kind: Transition
) -> None:
    decision = Decision.objects.get(certificate=certified, transition=kind)

    with pytest.raises(InvalidDecision, match="cannot be annulled on appeal"):
        s.annul_decision(decision, by=appeals_officer, reason="Appeal.")

    assert certified.status_on(date(2026, 3, 16)) == C


def test_whoever_took_the_decision_does_not_annul_it(
    certified: Certificate, decision_maker: User
) -> None:
    suspension = s.suspend_certificate(certified, by=decision_maker, reason="Nonconformity.")

    with pytest.raises(SeparationOfDutiesError, match="ISO/IEC 17065"):
        s.annul_decision(suspension, by=decision_maker, reason="Appeal.")

    assert certified.status_on(date(2026, 3, 16)) == S


def test_the_annulment_is_refused_to_a_decision_maker_involved_in_the_file(
    certified: Certificate, decision_maker: User, appeals_officer: User
) -> None:
    suspension = s.suspend_certificate(certified, by=decision_maker, reason="Nonconformity.")
    s.record_involvement(certified, appeals_officer, role=InvolvementRole.EVALUATOR)

    with pytest.raises(SeparationOfDutiesError):
        s.annul_decision(suspension, by=appeals_officer, reason="Appeal.")
    assert certified.status_on(date(2026, 3, 16)) == S


def test_the_annulment_is_refused_to_a_decision_maker_tied_to_the_holder(
    certified: Certificate, decision_maker: User, appeals_officer: User
) -> None:
    suspension = s.suspend_certificate(certified, by=decision_maker, reason="Nonconformity.")
    declare_tie(appeals_officer, certified.holder)

    with pytest.raises(ConflictOfInterest):
        s.annul_decision(suspension, by=appeals_officer, reason="Appeal.")
    assert certified.status_on(date(2026, 3, 16)) == S


def test_the_annulment_is_a_decision_maker_s_not_a_file_manager_s(
    certified: Certificate, decision_maker: User, file_manager: User
) -> None:
    suspension = s.suspend_certificate(certified, by=decision_maker, reason="Nonconformity.")

    with pytest.raises(NotPermitted):
        s.annul_decision(suspension, by=file_manager, reason="Appeal.")

    assert certified.status_on(date(2026, 3, 16)) == S


def test_annulments_are_not_offered_outside_an_appeal(
    certified: Certificate, decision_maker: User
) -> None:
    s.withdraw_certificate(certified, by=decision_maker, reason="Fraud.")

    assert LIFECYCLE.open_from(Status.WITHDRAWN) == []
    with pytest.raises(InvalidDecision, match="appeal"):
        s.take_decision(certified, Transition.ANNUL, by=decision_maker, reason="Back.")


# Work after an annulment: the order of decisions ---------------------------------------


def test_an_annulled_future_suspension_does_not_hold_back_a_decision_of_today(
    certified: Certificate, decision_maker: User, appeals_officer: User
) -> None:
    planned = s.suspend_certificate(
        certified, by=decision_maker, reason="Audit refused.", effective=date(2026, 4, 1)
    )
    _annul(planned, appeals_officer)

    s.suspend_certificate(certified, by=decision_maker, reason="Another reason.")

    certified.forget_history()
    assert certified.status_on(date(2026, 3, 16)) == S
    assert certified.status_on(date(2026, 4, 2)) == S
    assert _history(certified) == _as_if_never_taken(certified)


def test_the_annulment_s_own_date_does_not_count_as_a_later_decision(
    certified: Certificate, decision_maker: User, appeals_officer: User
) -> None:
    suspension = s.suspend_certificate(
        certified, by=decision_maker, reason="Nonconformity.", effective=date(2026, 3, 2)
    )
    _annul(suspension, appeals_officer)

    # Back to the decisions still standing: the grant of 2 February is the last of them.
    s.renew_certificate(
        certified,
        by=decision_maker,
        reason="Renewed.",
        expires_on=date(2029, 2, 2),
        effective=date(2026, 2, 20),
    )
    with pytest.raises(DecisionOutOfOrder, match="2026-02-20"):
        s.suspend_certificate(
            certified, by=decision_maker, reason="Too early.", effective=date(2026, 2, 10)
        )


def test_a_decision_still_standing_keeps_its_place(
    certified: Certificate, decision_maker: User, appeals_officer: User
) -> None:
    suspension = s.suspend_certificate(
        certified, by=decision_maker, reason="Nonconformity.", effective=date(2026, 2, 20)
    )
    s.lift_suspension(certified, by=decision_maker, reason="Fixed.", effective=date(2026, 3, 2))
    _annul(suspension, appeals_officer)

    with pytest.raises(DecisionOutOfOrder, match="2026-03-02"):
        s.withdraw_certificate(
            certified, by=decision_maker, reason="Fraud.", effective=date(2026, 2, 25)
        )


# What follows from the history: lapses, datasheets ------------------------------------


def test_the_end_of_an_annulled_suspension_is_no_lapse(
    certified: Certificate, decision_maker: User, appeals_officer: User
) -> None:
    suspension = s.suspend_certificate(
        certified,
        by=decision_maker,
        reason="Nonconformity.",
        effective=date(2026, 3, 2),
        until=date(2026, 3, 9),
    )
    _annul(suspension, appeals_officer)

    assert note_lapses(date(2026, 3, 16)) == []


def test_a_lapse_planned_before_the_annulment_is_noted_once(
    certified: Certificate, decision_maker: User, appeals_officer: User
) -> None:
    s.renew_certificate(
        certified,
        by=decision_maker,
        reason="Renewed.",
        expires_on=date(2026, 3, 10),
        effective=date(2026, 2, 9),
    )
    suspension = s.suspend_certificate(
        certified, by=decision_maker, reason="Nonconformity.", effective=date(2026, 3, 2)
    )
    _annul(suspension, appeals_officer)

    noted = note_lapses(date(2026, 3, 16))

    assert [(lapse.kind, lapse.on) for lapse in noted] == [("expired", date(2026, 3, 10))]
    assert note_lapses(date(2026, 3, 16)) == []


def test_the_datasheets_of_an_annulled_withdrawal_are_valid_on_its_days(
    certified: Certificate, decision_maker: User, appeals_officer: User, file_manager: User
) -> None:
    sheet = create_datasheet(
        certified, by=file_manager, product_name="Nonwoven geotextile", trade_name="GeoTex NW"
    )
    publish_datasheet_version(sheet.versions.get(), by=file_manager, effective=date(2026, 2, 10))
    withdrawal = s.withdraw_certificate(
        certified, by=decision_maker, reason="Fraud.", effective=date(2026, 3, 2)
    )
    assert verify(sheet.quick_code, on=date(2026, 3, 5)).outcome == Outcome.WITHDRAWN

    _annul(withdrawal, appeals_officer)

    # A datasheet is valid when it is published then and its certificate is valid then:
    # nothing of the datasheet was written by the withdrawal, nothing needs undoing.
    for day in (date(2026, 3, 5), date(2026, 3, 16)):
        assert verify(sheet.quick_code, on=day).outcome == Outcome.VALID
