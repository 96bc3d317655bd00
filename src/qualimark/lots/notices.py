"""E-mails to the requester of a lot inspection, sent once the step that causes them commits.

The text is written when the step runs, in the language of whoever took it (the language
of the web form for a request), and queued in the outbox: a rolled-back step sends
nothing, and a mail server that refuses undoes nothing (the outbox tries again later).
"""

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from qualimark.links import verification_url
from qualimark.lots.models import (
    FailedCharacteristic,
    LotConformityDocument,
    LotInspectionRequest,
    LotRefusal,
)
from qualimark.notifications.outbox import Recipient, queue_mail


def _queue(lot_request: LotInspectionRequest, topic: str, subject: str, body: str) -> None:
    """Queue the e-mail about `topic` ("lot-received:12") to the requester, if they gave one."""
    email = lot_request.requester_email
    if not email:
        return  # an organisation entered by the staff is told by them
    language = translation.get_language() or settings.LANGUAGE_CODE
    recipient = Recipient(lot_request.requester_name, email, language)
    queue_mail(f"{topic}:{email.lower()}", recipient, subject, body)


def _inspected(lot_request: LotInspectionRequest) -> str:
    day = lot_request.inspected_on
    return date_format(day, "DATE_FORMAT") if day is not None else "…"


def acknowledge_request(lot_request: LotInspectionRequest) -> None:
    subject = _("Lot inspection request %(reference)s received") % {
        "reference": lot_request.reference
    }
    body = _(
        "We received your request for the inspection of a lot: %(product)s, %(quantity)s, "
        "at %(location)s. Its reference is %(reference)s; please quote it in every message. "
        "We will let you know when the inspection is planned."
    ) % {
        "product": lot_request.product,
        "quantity": lot_request.quantity_text,
        "location": lot_request.location,
        "reference": lot_request.reference,
    }
    _queue(lot_request, f"lot-received:{lot_request.pk}", subject, body)


def announce_conformity(document: LotConformityDocument) -> None:
    lot_request = document.request
    subject = _("Lot %(lot)s conforms: conformity document %(code)s") % {
        "lot": document.lot_identification,
        "code": document.formatted_code,
    }
    body = _(
        "The lot of your request %(reference)s (%(product)s, %(quantity)s, lot "
        "%(lot)s) was inspected on %(inspected)s and conforms. Its conformity document has "
        "the code %(code)s. Anyone can verify it at %(url)s"
    ) % {
        "reference": lot_request.reference,
        "product": document.product,
        "quantity": document.quantity_text,
        "lot": document.lot_identification,
        "inspected": _inspected(lot_request),
        "code": document.formatted_code,
        "url": verification_url(document.code),
    }
    _queue(lot_request, f"lot-conformity:{document.pk}", subject, body)


def announce_refusal(refusal: LotRefusal, failed: list[FailedCharacteristic]) -> None:
    lot_request = refusal.request
    subject = _("Lot inspection %(reference)s: the lot is refused") % {
        "reference": lot_request.reference
    }
    lines = [
        _("%(characteristic)s: measured %(measured)s, required %(requirement)s")
        % {
            "characteristic": row.characteristic,
            "measured": row.measured_value,
            "requirement": row.requirement,
        }
        for row in failed
    ]
    body = (
        _(
            "The lot of your request %(reference)s (%(product)s, %(quantity)s) was inspected "
            "on %(inspected)s and does not conform. These characteristics failed:"
        )
        % {
            "reference": lot_request.reference,
            "product": lot_request.product,
            "quantity": lot_request.quantity_text,
            "inspected": _inspected(lot_request),
        }
        + "\n\n"
        + "\n".join(f"- {line}" for line in lines)
    )
    _queue(lot_request, f"lot-refusal:{refusal.pk}", subject, body)
