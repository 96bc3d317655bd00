"""Queue e-mail in the transaction of the step that causes it; deliver it after commit.

A step (a decision, a report sent) writes its messages into the outbox (`Mail`) in its own
transaction: a step that rolls back leaves no message, and a message is never lost for a
step that committed. Once the transaction commits, the rows just queued are sent. A send
that fails (mail server down, an attachment that cannot be made) undoes nothing: the row
stays pending and `send_pending` (the `send-mail` command and the daily run) tries again
later, with growing pauses, until it gives up after `MAX_ATTEMPTS`.

Each row is claimed before it is sent, by one UPDATE that only succeeds while the row is
pending, due and not claimed by another worker, so two workers never send the same row;
a row once SENT is never sent again.
"""

import importlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q

from qualimark import clock
from qualimark.notifications.models import Mail, MailStatus

logger = logging.getLogger(__name__)

# The pause after the 1st, 2nd… failed attempt; the attempt after the last pause is the last.
BACKOFF = (
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
    timedelta(hours=24),
)
MAX_ATTEMPTS = len(BACKOFF) + 1
# A claim older than this is void: a worker that died while sending must not keep the row
# from ever being sent (EMAIL_TIMEOUT is far shorter).
CLAIM = timedelta(minutes=15)

AttachmentFile = tuple[str, bytes, str]


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str
    language: str  # "nl" | "fr" | "en"


@dataclass(frozen=True)
class Attachment:
    """A file made when the e-mail is sent: `builder(**args, language=...)`.

    `builder` is "package.module:function"; `args` must be JSON-serialisable. The function
    returns (filename, content, mimetype).
    """

    builder: str
    args: dict[str, Any]


@dataclass(frozen=True)
class SendRun:
    sent: int = 0
    retrying: int = 0
    failed: int = 0

    def __add__(self, other: "SendRun") -> "SendRun":
        return SendRun(
            self.sent + other.sent, self.retrying + other.retrying, self.failed + other.failed
        )


def queue_mail(
    key: str,
    recipient: Recipient,
    subject: str,
    body: str,
    *,
    attachment: Attachment | None = None,
) -> bool:
    """Write the message into the outbox in the caller's transaction; send it after commit.

    A message whose `key` is already in the outbox is not queued again: returns False.
    The caller writes `subject` and `body` in `recipient.language`.
    """
    now = clock.now()
    mail, created = Mail.objects.get_or_create(
        key=key,
        defaults={
            "to": recipient.email,
            "to_name": recipient.name,
            "language": recipient.language,
            "subject": subject,
            "body": body,
            "attachment_builder": attachment.builder if attachment else "",
            "attachment_args": attachment.args if attachment else {},
            "created_at": now,
            "next_attempt_at": now,
        },
    )
    if created:
        pk = mail.pk
        # robust: a failure after commit is logged, never turned into an error for the
        # step that already committed.
        transaction.on_commit(lambda: send_mail_now(pk), robust=True)
    return created


def send_mail_now(pk: int, *, now: datetime | None = None) -> SendRun:
    """Send the row `pk` if it is pending and due and no other worker has claimed it."""
    now = now or clock.now()
    unclaimed = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM)
    claimed = (
        Mail.objects.filter(pk=pk, status=MailStatus.PENDING, next_attempt_at__lte=now)
        .filter(unclaimed)
        .update(claimed_at=now)
    )
    if not claimed:
        return SendRun()
    return _attempt(Mail.objects.get(pk=pk), now)


def send_pending(*, now: datetime | None = None) -> SendRun:
    """Send every pending message that is due (a first try, or a retry after a failure)."""
    now = now or clock.now()
    due = Mail.objects.filter(status=MailStatus.PENDING, next_attempt_at__lte=now).order_by(
        "next_attempt_at", "id"
    )
    run = SendRun()
    for pk in due.values_list("pk", flat=True):
        run += send_mail_now(pk, now=now)
    return run


def retry_now(mails: Iterable[Mail], *, now: datetime | None = None) -> SendRun:
    """Send pending or failed messages at once (the admin's "retry now"); sent ones stay sent."""
    now = now or clock.now()
    pks = [mail.pk for mail in mails]
    Mail.objects.filter(pk__in=pks, status__in=[MailStatus.PENDING, MailStatus.FAILED]).update(
        status=MailStatus.PENDING, next_attempt_at=now
    )
    run = SendRun()
    for pk in pks:
        run += send_mail_now(pk, now=now)
    return run


def _attempt(mail: Mail, now: datetime) -> SendRun:
    attempts = mail.attempts + 1
    try:
        _message(mail).send()
    except Exception as error:  # any failure must leave the row to retry, not raise
        return _failed(mail, attempts, now, error)
    Mail.objects.filter(pk=mail.pk).update(
        status=MailStatus.SENT,
        sent_at=now,
        attempts=attempts,
        next_attempt_at=None,
        claimed_at=None,
    )
    return SendRun(sent=1)


def _failed(mail: Mail, attempts: int, now: datetime, error: Exception) -> SendRun:
    error_text = f"{type(error).__name__}: {error}"
    if attempts >= MAX_ATTEMPTS:
        logger.error(
            "E-mail %s to %s given up after %d attempts: %s",
            mail.key,
            mail.to,
            attempts,
            error_text,
        )
        Mail.objects.filter(pk=mail.pk).update(
            status=MailStatus.FAILED,
            attempts=attempts,
            last_error=error_text,
            next_attempt_at=None,
            claimed_at=None,
        )
        return SendRun(failed=1)
    logger.warning(
        "E-mail %s to %s not sent (attempt %d): %s", mail.key, mail.to, attempts, error_text
    )
    Mail.objects.filter(pk=mail.pk).update(
        attempts=attempts,
        last_error=error_text,
        next_attempt_at=now + BACKOFF[attempts - 1],
        claimed_at=None,
    )
    return SendRun(retrying=1)


def _message(mail: Mail) -> EmailMessage:
    message = EmailMessage(mail.subject, mail.body, to=[mail.to])
    if mail.attachment_builder:
        message.attach(
            *build_attachment(mail.attachment_builder, mail.attachment_args, mail.language)
        )
    return message


def build_attachment(builder: str, args: dict[str, Any], language: str) -> AttachmentFile:
    """Call the builder named "module:function" as it is called when the e-mail is sent."""
    module, _sep, name = builder.partition(":")
    function: Callable[..., AttachmentFile] = getattr(importlib.import_module(module), name)
    return function(**args, language=language)
