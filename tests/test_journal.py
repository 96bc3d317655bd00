"""The journal records who did what to which object, and masks secrets."""

from datetime import date

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate
from qualimark.journal.services import entries_for, record


def test_every_step_of_a_file_is_in_its_journal_with_its_actor(
    certified: Certificate, holder_admin: User, file_manager: User, decision_maker: User
) -> None:
    steps = list(entries_for(certified).order_by("id").values_list("action", "actor__email"))
    assert steps == [
        ("certificate.applied", holder_admin.email),
        ("certificate.admit", file_manager.email),
        ("certificate.start_trial", file_manager.email),
        ("certificate.grant", decision_maker.email),
    ]


def test_the_journal_keeps_the_data_of_a_decision(
    certified: Certificate, decision_maker: User
) -> None:
    certification.suspend_certificate(
        certified,
        by=decision_maker,
        reason="Major nonconformity.",
        effective=date(2026, 3, 10),
        until=date(2026, 5, 1),
    )
    entry = entries_for(certified).get(action="certificate.suspend")
    assert entry.data["effective"] == "2026-03-10"
    assert entry.data["until"] == "2026-05-01"
    assert entry.data["reason"] == "Major nonconformity."
    assert entry.object_repr == certified.number


def test_secrets_are_masked(certified: Certificate, holder_admin: User) -> None:
    entry = record(
        "account.changed",
        holder_admin,
        actor=holder_admin,
        data={"password": "hunter2", "nested": {"api_token": "abc"}, "language": "nl"},
    )
    assert entry.data == {
        "password": "********",
        "nested": {"api_token": "********"},
        "language": "nl",
    }
