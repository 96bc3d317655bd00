"""E-mails about a certification file: the application received and every decision taken.

Called by the services in their transaction: each message is queued in the outbox per
recipient, written in the recipient's language, and sent once the decision commits. A
decision never waits on, nor depends on, its e-mail.
"""

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from qualimark.certification.lifecycle import Status, Transition
from qualimark.certification.models import Certificate, Decision
from qualimark.notifications.outbox import Attachment, Recipient, queue_mail
from qualimark.parties.people import file_team_recipients, holder_recipients

DECISION_LETTER = "qualimark.documents.letters:decision_letter_attachment"


def _key(topic: str, pk: int, recipient: Recipient) -> str:
    return f"{topic}:{pk}:{recipient.email.lower()}"


def announce_application(certificate: Certificate) -> None:
    """Tell the holder and the file's team that the application was received."""
    recipients = holder_recipients(certificate.holder) + file_team_recipients(certificate)
    for recipient in recipients:
        with translation.override(recipient.language):
            values = {
                "name": recipient.name,
                "number": certificate.number,
                "holder": certificate.holder,
                "programme": certificate.programme,
                "date": date_format(certificate.applied_on),
                "body": settings.QUALIMARK_CB_NAME,
            }
            subject = _("Application %(number)s received – %(programme)s") % values
            body = (
                _(
                    "Dear %(name)s,\n\n"
                    "%(body)s received the application of %(holder)s for %(programme)s on "
                    "%(date)s. The file has the number %(number)s; please quote it in every "
                    "message. You will be told of each decision on it.\n\n"
                    "Kind regards,\n%(body)s"
                )
                % values
            )
        queue_mail(_key("application", certificate.pk, recipient), recipient, subject, body)


def announce_decision(decision: Decision) -> None:
    """Tell the holder of `decision`, with the decision letter as a PDF."""
    certificate = decision.certificate
    for recipient in holder_recipients(certificate.holder):
        with translation.override(recipient.language):
            subject, body = _decision_text(decision, recipient)
        queue_mail(
            _key("decision", decision.pk, recipient),
            recipient,
            subject,
            body,
            attachment=Attachment(DECISION_LETTER, {"decision_id": decision.pk}),
        )


def _decision_text(decision: Decision, recipient: Recipient) -> tuple[str, str]:
    certificate = decision.certificate
    values = {
        "name": recipient.name,
        "number": certificate.number,
        "decision": Transition(decision.transition).label,
        "status": Status(decision.to_status).label,
        "effective": date_format(decision.effective),
        "reason": decision.reason,
        "body": settings.QUALIMARK_CB_NAME,
    }
    subject = _("Certificate %(number)s: decision to %(decision)s") % values
    body = (
        _(
            "Dear %(name)s,\n\n"
            "%(body)s decided to %(decision)s (file %(number)s). From %(effective)s its "
            "status is: %(status)s.\n\n"
            "Reason: %(reason)s\n\n"
            "The decision letter is attached; it says how to appeal against this "
            "decision.\n\n"
            "Kind regards,\n%(body)s"
        )
        % values
    )
    return subject, body
