"""An e-mail is queued in the step's transaction and sent once, after commit."""

from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from pytest_django.fixtures import Settings

from qualimark import clock
from qualimark.notifications.models import Mail, MailStatus
from qualimark.notifications.outbox import (
    Recipient,
    SendRun,
    queue_mail,
    retry_now,
    send_pending,
)
from tests.notifications.backends import SecondWorkerBackend

Capture = Callable[..., Any]


def test_a_queued_mail_waits_for_the_commit_then_goes_out_once(
    ann: Recipient, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            queue_mail("test:1:ann@example.be", ann, "Your request", "We received it.")
        assert mail.outbox == []
        assert Mail.objects.get().status == MailStatus.PENDING

    [message] = mail.outbox
    assert (message.to, message.subject, message.body) == (
        ["ann@example.be"],
        "Your request",
        "We received it.",
    )
    row = Mail.objects.get()
    assert (row.status, row.attempts, row.sent_at) == (MailStatus.SENT, 1, clock.now())
    assert send_pending() == SendRun()
    assert len(mail.outbox) == 1


def _queue_then_fail(recipient: Recipient) -> None:
    with transaction.atomic():
        queue_mail("test:1:ann@example.be", recipient, "Your request", "We received it.")
        raise RuntimeError("the step failed after queueing")


def test_nothing_is_queued_or_sent_when_the_transaction_rolls_back(
    ann: Recipient, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        _queue_then_fail(ann)

    assert mail.outbox == []
    assert not Mail.objects.exists()


def test_the_same_key_queued_twice_is_sent_once(
    ann: Recipient, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        first = queue_mail("test:1:ann@example.be", ann, "Once", "Body")
        second = queue_mail("test:1:ann@example.be", ann, "Twice", "Body")
    with django_capture_on_commit_callbacks(execute=True):
        later = queue_mail("test:1:ann@example.be", ann, "Thrice", "Body")

    assert (first, second, later) == (True, False, False)
    assert [m.subject for m in mail.outbox] == ["Once"]


def _retry_everything() -> SendRun:
    return retry_now(Mail.objects.all())


@pytest.mark.parametrize("second_worker", [send_pending, _retry_everything])
def test_a_second_worker_never_sends_a_row_that_is_being_sent(
    second_worker: Callable[[], SendRun],
    ann: Recipient,
    settings: Settings,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    settings.EMAIL_BACKEND = "tests.notifications.backends.SecondWorkerBackend"
    SecondWorkerBackend.second_worker = second_worker
    SecondWorkerBackend.second_runs = []
    with django_capture_on_commit_callbacks(execute=True):
        queue_mail("test:1:ann@example.be", ann, "Your request", "We received it.")

    assert SecondWorkerBackend.second_runs == [SendRun()]
    assert len(mail.outbox) == 1
    assert Mail.objects.get().status == MailStatus.SENT


def test_the_send_mail_command_sends_what_is_due_and_says_how_many(ann: Recipient) -> None:
    queue_mail("test:1:ann@example.be", ann, "Your request", "We received it.")
    # In a test the transaction never commits: the command finds the row still pending.
    outputs = []
    for _run in range(2):
        out = StringIO()
        call_command("send_mail", stdout=out)
        outputs.append(out.getvalue())

    # The command speaks the site's language (Dutch): the counts lead its line.
    assert outputs[0].startswith("1 e-mails verstuurd")
    assert outputs[1].startswith("0 e-mails verstuurd")
    assert len(mail.outbox) == 1
