"""Sending the report, the holder's comments, and the end of the comment window.

The holder has 5 working days (Belgian public holidays excluded) from the day the report
is sent to comment on it; the certification body assesses the findings only after that.
The report goes out as a PDF by e-mail, and the e-mail is the proof of delivery: who it
was sent to is journalled, and when each e-mail went out is kept by the outbox
(`notifications.Mail`).
"""

from collections.abc import Sequence
from datetime import date

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.errors import DomainError
from qualimark.journal.services import record
from qualimark.notifications.outbox import Attachment, Recipient, queue_mail
from qualimark.oversight.exceptions import CommentWindowClosed, InvalidInspection, NoReportRecipient
from qualimark.oversight.lifecycle import CLOSE_WINDOW, COMMENT, LIFECYCLE, InspectionStatus, Step
from qualimark.oversight.models import Comment, CommentAttachment, Inspection
from qualimark.oversight.permissions import inspection_standing
from qualimark.oversight.services import lock, sync
from qualimark.parties import roles
from qualimark.parties.models import Organisation
from qualimark.parties.people import file_team_recipients, holder_recipients
from qualimark.parties.roles import performs
from qualimark.uploads import CheckedUpload, check_upload
from qualimark.workdays import add_working_days

MAX_ATTACHMENTS = 5  # files one comment sends along

COMMENT_WORKING_DAYS = 5
REPORT_ATTACHMENT = "qualimark.documents.letters:inspection_report_attachment"


def report_recipients(holder: Organisation) -> list[Recipient]:
    """Who receives a report: the holder's people with an e-mail address."""
    return holder_recipients(holder)


def comment_deadline(sent_on: date) -> date:
    """The last day to comment on a report sent on `sent_on`."""
    return add_working_days(sent_on, COMMENT_WORKING_DAYS)


@performs(LIFECYCLE.rule(Step.SEND_REPORT).act)
@transaction.atomic
def send_report(inspection: Inspection, *, by: User) -> Inspection:
    """Send the report to the holder and open the 5 working days for comments.

    One e-mail per recipient, in their language, is queued in this transaction and sent
    once it commits; the PDF is made then, in the recipient's language, and holds no lock.
    Who it goes to is known, and journalled, now; the outbox records when each went out.
    A file manager sends it.
    """
    locked = lock(inspection)
    target = LIFECYCLE.gate(Step.SEND_REPORT, locked.status, inspection_standing(by, locked))
    recipients = report_recipients(locked.certificate.holder)
    if not recipients:
        raise NoReportRecipient(
            _(
                "%(holder)s has no administrator or contact person with an e-mail address: "
                "the report cannot be delivered."
            )
            % {"holder": locked.certificate.holder}
        )
    now = clock.now()
    locked.status, locked.report_sent_at = target, now
    deadline = comment_deadline(timezone.localdate(now))
    locked.comment_deadline = deadline
    locked.save(update_fields=["status", "report_sent_at", "comment_deadline"])
    record(
        "inspection.report_sent",
        locked,
        actor=by,
        data={
            "recipients": [r.email for r in recipients],
            "sent_at": now,
            "comment_deadline": deadline,
        },
    )
    for recipient in recipients:
        _queue_report(locked, recipient, deadline)
    return sync(inspection, locked, "status", "report_sent_at", "comment_deadline")


def _queue_report(inspection: Inspection, recipient: Recipient, deadline: date) -> None:
    certificate = inspection.certificate
    with translation.override(recipient.language):
        values = {
            "name": recipient.name,
            "reference": inspection.reference,
            "number": certificate.number,
            "date": date_format(inspection.visited_on) if inspection.visited_on else "…",
            "deadline": date_format(deadline),
            "body": settings.QUALIMARK_CB_NAME,
        }
        subject = _("Inspection report %(reference)s – certificate %(number)s") % values
        body = (
            _(
                "Dear %(name)s,\n\n"
                "Please find attached the report of the inspection of %(date)s on certificate "
                "%(number)s.\n\n"
                "You may comment on this report until %(deadline)s inclusive (5 working days). "
                "After that day the certification body assesses the findings without your "
                "comments.\n\n"
                "Kind regards,\n%(body)s"
            )
            % values
        )
    queue_mail(
        f"report:{inspection.pk}:{recipient.email.lower()}",
        recipient,
        subject,
        body,
        attachment=Attachment(REPORT_ATTACHMENT, {"inspection_id": inspection.pk}),
    )


@performs(COMMENT)
@transaction.atomic
def comment_on_report(
    inspection: Inspection,
    *,
    by: User,
    text: str,
    attachments: Sequence[UploadedFile] = (),
) -> Comment:
    """Record the comment of a user of the holder, accepted until the end of the deadline
    day (Brussels), with the files it sends along (each checked as an application's are).

    The file's team at the certification body is told by e-mail once it is recorded.
    """
    locked = lock(inspection)
    COMMENT.check(inspection_standing(by, locked))
    if locked.report_sent_at is None or locked.comment_deadline is None:
        raise InvalidInspection(
            _("The report of inspection %(reference)s has not been sent yet.")
            % {"reference": locked.reference}
        )
    if not locked.comment_window_open(clock.today()):
        raise CommentWindowClosed(
            _(
                "The time to comment on report %(reference)s ended on %(deadline)s: "
                "comments are no longer accepted."
            )
            % {"reference": locked.reference, "deadline": date_format(locked.comment_deadline)}
        )
    if not text.strip():
        raise InvalidInspection(_("The comment is empty."))
    if len(attachments) > MAX_ATTACHMENTS:
        raise InvalidInspection(
            _("A comment sends at most %(count)d files.") % {"count": MAX_ATTACHMENTS}
        )
    checked = [check_upload(upload, error=InvalidInspection) for upload in attachments]
    comment = Comment.objects.create(inspection=locked, by=by, at=clock.now(), text=text.strip())
    files = _attach(comment, attachments, checked)
    record(
        "inspection.commented",
        locked,
        actor=by,
        data={"comment": comment.pk, "attachments": [row.original_name for row in files]},
    )
    for recipient in file_team_recipients(locked.certificate):
        _queue_comment_notice(locked, comment, recipient)
    return comment


def _attach(
    comment: Comment, uploads: Sequence[UploadedFile], checked: Sequence[CheckedUpload]
) -> list[CommentAttachment]:
    """Store the files with the comment; if their rows do not land, no file stays behind."""
    rows = []
    for upload, found in zip(uploads, checked, strict=True):
        row = CommentAttachment(
            comment=comment,
            original_name=found.original_name,
            content_type=found.content_type,
            size=found.size,
        )
        row.file.save(found.stored_name, upload, save=False)
        rows.append(row)
    try:
        CommentAttachment.objects.bulk_create(rows)
    except Exception:
        for row in rows:
            row.file.delete(save=False)
        raise
    return rows


def _queue_comment_notice(inspection: Inspection, comment: Comment, recipient: Recipient) -> None:
    with translation.override(recipient.language):
        values = {
            "name": recipient.name,
            "reference": inspection.reference,
            "number": inspection.certificate.number,
            "holder": inspection.certificate.holder,
            "by": comment.by,
            "deadline": date_format(inspection.comment_deadline or comment.at),
            "text": comment.text,
        }
        subject = _("Comment on inspection report %(reference)s – certificate %(number)s") % values
        body = (
            _(
                "Dear %(name)s,\n\n"
                "%(by)s (%(holder)s) commented on the report of inspection %(reference)s "
                "(certificate %(number)s). Comments are accepted until %(deadline)s.\n\n"
                "%(text)s"
            )
            % values
        )
    queue_mail(f"comment:{comment.pk}:{recipient.email.lower()}", recipient, subject, body)


@performs(CLOSE_WINDOW)
@transaction.atomic
def close_comment_window(inspection: Inspection, *, by: User, on: date | None = None) -> Inspection:
    """Close the comment window of a report whose deadline has passed by `on` (today).

    The system does it (`parties.roles.system_actor()`): the days ran out, nobody decided.
    """
    day = on or clock.today()
    locked = lock(inspection)
    target = LIFECYCLE.gate(Step.CLOSE_WINDOW, locked.status, inspection_standing(by, locked))
    deadline = locked.comment_deadline
    if deadline is None or deadline >= day:
        raise InvalidInspection(
            _("The holder may comment on report %(reference)s until %(deadline)s.")
            % {"reference": locked.reference, "deadline": date_format(deadline or day)}
        )
    locked.status = target
    locked.save(update_fields=["status"])
    record("inspection.comment_window_closed", locked, actor=by, data={"deadline": deadline})
    return sync(inspection, locked, "status")


@performs(CLOSE_WINDOW)
def close_comment_windows(day: date, *, by: User) -> list[Inspection]:
    """Close every comment window whose deadline is before `day` (the daily run, `by` the
    system actor).

    Returns the reports closed by this run: a second run on the same day closes none.
    """
    CLOSE_WINDOW.check(roles.standing(by))
    due = Inspection.objects.filter(
        status=InspectionStatus.REPORT_SENT, comment_deadline__lt=day
    ).order_by("comment_deadline", "id")
    closed = []
    for inspection in due:
        try:
            closed.append(close_comment_window(inspection, by=by, on=day))
        except DomainError:  # closed meanwhile by an evaluation or another run
            continue
    return closed
