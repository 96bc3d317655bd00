"""A send that fails undoes nothing: the message waits, is retried later, and goes out once."""

import logging
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from pytest_django.fixtures import Settings

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate
from qualimark.notifications.models import Mail, MailStatus
from qualimark.notifications.outbox import (
    BACKOFF,
    MAX_ATTEMPTS,
    Recipient,
    SendRun,
    queue_mail,
    retry_now,
    send_pending,
)

Capture = Callable[..., Any]
REFUSING = "tests.notifications.backends.RefusingBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


def _grant(certificate: Certificate, by: User) -> None:
    certification.grant_certificate(
        certificate, by=by, reason="Trial period passed.", effective=date(2026, 3, 16)
    )


def test_a_refused_send_keeps_the_decision_and_the_mail_is_sent_later_exactly_once(
    in_trial: Certificate,
    french_admin: User,
    decision_maker: User,
    settings: Settings,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    settings.EMAIL_BACKEND = REFUSING
    with django_capture_on_commit_callbacks(execute=True):
        _grant(in_trial, decision_maker)

    in_trial.forget_history()
    assert in_trial.status_on(clock.today()) == Status.CERTIFIED
    grant = in_trial.decisions.order_by("-id").first()
    assert grant is not None
    row = Mail.objects.get(key=f"decision:{grant.pk}:an.peeters@geotex.example")
    assert (row.status, row.attempts, row.next_attempt_at) == (
        MailStatus.PENDING,
        1,
        clock.now() + timedelta(minutes=5),
    )
    assert "Connection unexpectedly closed" in row.last_error

    settings.EMAIL_BACKEND = LOCMEM
    send_pending()  # not due yet
    assert not [m for m in mail.outbox if m.subject == row.subject]
    send_pending(now=clock.now() + timedelta(minutes=5))
    send_pending(now=clock.now() + timedelta(hours=1))

    grant_mails = [m for m in mail.outbox if m.subject == row.subject]
    assert [m.to for m in grant_mails] == [["an.peeters@geotex.example"]]
    row.refresh_from_db()
    assert (row.status, row.attempts) == (MailStatus.SENT, 2)


def test_after_the_last_attempt_the_mail_is_given_up_and_logged(
    ann: Recipient, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    settings.EMAIL_BACKEND = REFUSING
    queue_mail("test:1:ann@example.be", ann, "Your request", "We received it.")
    moment = clock.now()
    runs = []
    for pause in (timedelta(0), *BACKOFF):
        moment += pause
        runs.append(send_pending(now=moment))

    assert len(runs) == MAX_ATTEMPTS == 6
    assert runs[-1] == SendRun(failed=1)
    assert all(run == SendRun(retrying=1) for run in runs[:-1])
    row = Mail.objects.get()
    assert (row.status, row.attempts, row.next_attempt_at) == (MailStatus.FAILED, 6, None)
    assert send_pending(now=moment + timedelta(days=30)) == SendRun()
    assert any(
        record.levelno == logging.ERROR and "given up" in record.getMessage()
        for record in caplog.records
    )


def test_retry_now_sends_a_given_up_mail_but_never_a_sent_one_again(
    ann: Recipient, settings: Settings
) -> None:
    settings.EMAIL_BACKEND = REFUSING
    queue_mail("test:1:ann@example.be", ann, "Given up", "Body")
    queue_mail("test:2:ann@example.be", ann, "Already sent", "Body")
    Mail.objects.filter(key="test:1:ann@example.be").update(
        status=MailStatus.FAILED, attempts=MAX_ATTEMPTS
    )
    settings.EMAIL_BACKEND = LOCMEM
    send_pending()
    assert [m.subject for m in mail.outbox] == ["Already sent"]

    run = retry_now(Mail.objects.all())

    assert run == SendRun(sent=1)
    assert [m.subject for m in mail.outbox] == ["Already sent", "Given up"]
    assert set(Mail.objects.values_list("status", flat=True)) == {MailStatus.SENT}


def test_a_failing_attachment_leaves_the_mail_to_retry(
    ann: Recipient, django_capture_on_commit_callbacks: Capture
) -> None:
    from qualimark.notifications.outbox import Attachment

    broken = Attachment(
        "qualimark.documents.letters:decision_letter_attachment", {"decision_id": 0}
    )
    with django_capture_on_commit_callbacks(execute=True):
        queue_mail("test:1:ann@example.be", ann, "Your letter", "Attached.", attachment=broken)

    assert mail.outbox == []
    row = Mail.objects.get()
    assert (row.status, row.attempts) == (MailStatus.PENDING, 1)
    assert "DoesNotExist" in row.last_error
