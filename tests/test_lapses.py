"""Changes that come by date alone are noted once, whenever the daily run gets to them."""

from datetime import date
from typing import Any

from qualimark.accounts.models import User
from qualimark.certification import services as s
from qualimark.certification.lapses import note_lapses
from qualimark.certification.models import Certificate, Lapse, LapseKind
from qualimark.feed.models import Change
from qualimark.journal.models import JournalEntry


def test_the_end_of_a_suspension_is_noted_on_its_day_and_only_once(
    certified: Certificate, decision_maker: User
) -> None:
    s.suspend_certificate(
        certified,
        by=decision_maker,
        reason="NC.",
        effective=date(2026, 3, 2),
        until=date(2026, 4, 1),
    )
    assert note_lapses(date(2026, 3, 31)) == []
    [lapse] = note_lapses(date(2026, 4, 1))
    assert (lapse.kind, lapse.on) == (LapseKind.SUSPENSION_ENDED, date(2026, 4, 1))
    assert note_lapses(date(2026, 4, 1)) == []
    assert JournalEntry.objects.filter(action="certificate.suspension_ended").count() == 1
    # The change feed enters it on its day, once, as a change by date alone.
    [change] = Change.objects.filter(kind="certificate.lapse")
    assert (change.codes, change.data) == (
        [certified.number],
        {"lapse": "suspension_ended", "on": "2026-04-01", "by_date": True},
    )


def test_a_late_run_catches_up_on_every_change_it_missed(
    certified: Certificate, decision_maker: User, django_assert_num_queries: Any
) -> None:
    s.suspend_certificate(
        certified,
        by=decision_maker,
        reason="NC.",
        effective=date(2026, 3, 2),
        until=date(2026, 4, 1),
    )
    s.renew_certificate(
        certified,
        by=decision_maker,
        reason="Renewed.",
        effective=date(2026, 4, 2),
        expires_on=date(2026, 6, 1),
    )
    noted = note_lapses(date(2026, 9, 1))
    assert sorted((lapse.kind, lapse.on) for lapse in noted) == [
        (LapseKind.EXPIRED, date(2026, 6, 1)),
        (LapseKind.SUSPENSION_ENDED, date(2026, 4, 1)),
    ]
    # What was noted is left out by the query: a second run reads nothing else.
    with django_assert_num_queries(1):
        assert note_lapses(date(2026, 9, 1)) == []


def test_a_suspension_lifted_early_has_no_planned_end_to_note(
    certified: Certificate, decision_maker: User
) -> None:
    s.suspend_certificate(
        certified,
        by=decision_maker,
        reason="NC.",
        effective=date(2026, 3, 2),
        until=date(2026, 5, 1),
    )
    s.lift_suspension(certified, by=decision_maker, reason="Fixed.", effective=date(2026, 3, 20))
    assert note_lapses(date(2026, 6, 1)) == []
    assert not Lapse.objects.exists()
