"""Status on any date comes from stored history: back-dated, future-dated, bounded decisions."""

from datetime import date

import pytest

from qualimark.accounts.models import User
from qualimark.certification import services
from qualimark.certification.exceptions import DecisionOutOfOrder, InvalidDecision
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate, Decision

TODAY = date(2026, 3, 16)
YESTERDAY = date(2026, 3, 15)


def test_history_before_and_after_the_grant(certified: Certificate) -> None:
    assert certified.status_on(date(2026, 1, 4)) is None
    assert certified.status_on(date(2026, 1, 5)) == Status.APPLIED
    assert certified.status_on(date(2026, 1, 12)) == Status.ADMISSIBLE
    assert certified.status_on(date(2026, 2, 1)) == Status.TRIAL
    assert certified.status_on(date(2026, 2, 2)) == Status.CERTIFIED
    assert certified.status_on(TODAY) == Status.CERTIFIED


def test_a_suspension_decided_today_can_take_effect_yesterday(
    certified: Certificate, decision_maker: User
) -> None:
    services.suspend_certificate(
        certified, by=decision_maker, reason="Critical nonconformity.", effective=YESTERDAY
    )

    assert certified.status_on(date(2026, 3, 14)) == Status.CERTIFIED
    assert certified.status_on(YESTERDAY) == Status.SUSPENDED
    assert certified.status_on(TODAY) == Status.SUSPENDED


def test_a_withdrawal_next_month_leaves_the_certificate_valid_until_then(
    certified: Certificate, decision_maker: User
) -> None:
    services.withdraw_certificate(
        certified, by=decision_maker, reason="Production stopped.", effective=date(2026, 4, 15)
    )

    assert certified.status_on(TODAY) == Status.CERTIFIED
    assert certified.status_on(date(2026, 4, 14)) == Status.CERTIFIED
    assert certified.status_on(date(2026, 4, 15)) == Status.WITHDRAWN
    assert certified.status_on(date(2030, 1, 1)) == Status.WITHDRAWN


def test_a_suspension_with_an_end_date_ends_by_itself(
    certified: Certificate, decision_maker: User
) -> None:
    services.suspend_certificate(
        certified, by=decision_maker, reason="Stricter oversight failed.", until=date(2026, 4, 1)
    )

    assert certified.status_on(date(2026, 3, 31)) == Status.SUSPENDED
    assert certified.status_on(date(2026, 4, 1)) == Status.CERTIFIED


def test_lifting_early_ends_a_bounded_suspension_on_the_day_of_the_lift(
    certified: Certificate, decision_maker: User
) -> None:
    services.suspend_certificate(
        certified, by=decision_maker, reason="Nonconformity.", until=date(2026, 6, 1)
    )
    services.lift_suspension(
        certified, by=decision_maker, reason="Corrected.", effective=date(2026, 4, 1)
    )

    assert certified.status_on(date(2026, 3, 31)) == Status.SUSPENDED
    assert certified.status_on(date(2026, 4, 1)) == Status.CERTIFIED


def test_lifting_after_the_end_date_is_refused(
    certified: Certificate, decision_maker: User
) -> None:
    services.suspend_certificate(
        certified, by=decision_maker, reason="Nonconformity.", until=date(2026, 4, 1)
    )
    from qualimark.certification.exceptions import TransitionNotAllowed

    with pytest.raises(TransitionNotAllowed):
        services.lift_suspension(
            certified, by=decision_maker, reason="Corrected.", effective=date(2026, 4, 2)
        )


def test_withdrawal_during_a_bounded_suspension_cancels_its_planned_end(
    certified: Certificate, decision_maker: User
) -> None:
    services.suspend_certificate(
        certified, by=decision_maker, reason="Nonconformity.", until=date(2026, 6, 1)
    )
    services.withdraw_certificate(
        certified, by=decision_maker, reason="Not corrected.", effective=date(2026, 5, 1)
    )

    assert certified.status_on(date(2026, 4, 30)) == Status.SUSPENDED
    assert certified.status_on(date(2026, 6, 1)) == Status.WITHDRAWN


def test_a_decision_cannot_take_effect_before_one_already_recorded(
    certified: Certificate, decision_maker: User
) -> None:
    services.withdraw_certificate(
        certified, by=decision_maker, reason="Stopped.", effective=date(2026, 4, 15)
    )
    count = Decision.objects.count()

    with pytest.raises(DecisionOutOfOrder):
        services.suspend_certificate(certified, by=decision_maker, reason="Late.", effective=TODAY)

    assert Decision.objects.count() == count
    assert certified.status_on(date(2026, 4, 15)) == Status.WITHDRAWN


def test_a_suspension_cannot_end_before_it_starts(
    certified: Certificate, decision_maker: User
) -> None:
    with pytest.raises(InvalidDecision):
        services.suspend_certificate(
            certified, by=decision_maker, reason="Nonconformity.", until=TODAY
        )
    assert certified.status_on(TODAY) == Status.CERTIFIED


def test_an_atg_certificate_expires_after_three_years(
    in_trial: Certificate, decision_maker: User
) -> None:
    scheme = in_trial.programme.scheme
    scheme.validity_years = 3
    scheme.save()

    services.grant_certificate(
        in_trial, by=decision_maker, reason="Approved.", effective=date(2026, 2, 2)
    )

    assert in_trial.expires_on == date(2029, 2, 2)
    assert in_trial.status_on(date(2029, 2, 1)) == Status.CERTIFIED
    assert in_trial.status_on(date(2029, 2, 2)) == Status.EXPIRED


def test_a_suspension_keeps_the_expiry_date(in_trial: Certificate, decision_maker: User) -> None:
    services.grant_certificate(
        in_trial, by=decision_maker, reason="Granted.", expires_on=date(2026, 12, 31)
    )
    services.suspend_certificate(
        in_trial, by=decision_maker, reason="Nonconformity.", until=date(2027, 3, 1)
    )

    assert in_trial.status_on(date(2026, 12, 30)) == Status.SUSPENDED
    assert in_trial.status_on(date(2026, 12, 31)) == Status.EXPIRED
    assert in_trial.status_on(date(2027, 3, 1)) == Status.EXPIRED


def test_renewal_moves_the_expiry(in_trial: Certificate, decision_maker: User) -> None:
    services.grant_certificate(
        in_trial, by=decision_maker, reason="Granted.", expires_on=date(2026, 12, 31)
    )
    services.renew_certificate(
        in_trial,
        by=decision_maker,
        reason="Renewed.",
        effective=date(2026, 12, 1),
        expires_on=date(2029, 12, 31),
    )

    assert in_trial.status_on(date(2027, 6, 1)) == Status.CERTIFIED
    assert in_trial.status_on(date(2029, 12, 31)) == Status.EXPIRED


def test_the_past_answer_is_kept_in_the_decisions(
    certified: Certificate, decision_maker: User
) -> None:
    """A back-dated decision adds to history; the earlier decisions stay as they were."""
    before = list(Decision.objects.filter(certificate=certified).values_list("id", "to_status"))
    services.suspend_certificate(
        certified, by=decision_maker, reason="Critical nonconformity.", effective=YESTERDAY
    )
    after = list(Decision.objects.filter(certificate=certified).values_list("id", "to_status"))
    assert after[: len(before)] == before
    assert after[-1][1] == Status.SUSPENDED


def test_a_certificate_read_with_its_history_sees_the_new_decision(
    certified: Certificate, decision_maker: User
) -> None:
    loaded = Certificate.objects.prefetch_related("status_periods").get(pk=certified.pk)
    assert loaded.status_on(TODAY) == Status.CERTIFIED

    services.suspend_certificate(loaded, by=decision_maker, reason="Nonconformity.")

    assert loaded.status_on(TODAY) == Status.SUSPENDED
