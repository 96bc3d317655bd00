"""E-mail backends that misbehave on purpose, as a real mail server sometimes does."""

from collections.abc import Callable, Sequence
from smtplib import SMTPServerDisconnected
from typing import ClassVar

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

from qualimark.notifications.outbox import SendRun


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        raise SMTPServerDisconnected("Connection unexpectedly closed")


class SecondWorkerBackend(LocmemBackend):
    """While a message is being sent, a second worker runs `second_worker` at that moment."""

    second_worker: ClassVar[Callable[[], SendRun]]
    second_runs: ClassVar[list[SendRun]] = []

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        if not SecondWorkerBackend.second_runs:
            SecondWorkerBackend.second_runs.append(SecondWorkerBackend.second_worker())
        return super().send_messages(email_messages)
