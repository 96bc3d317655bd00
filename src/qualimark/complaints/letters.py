"""Letters about a complaint: recorded in the register, then sent by e-mail after commit."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.complaints.exceptions import AnonymityBreach, InvalidComplaint
from qualimark.complaints.lifecycle import WRITE
from qualimark.complaints.models import Complaint, Letter, LetterKind
from qualimark.complaints.permissions import complaint_standing
from qualimark.journal.services import record
from qualimark.notifications.outbox import Recipient, queue_mail
from qualimark.parties.roles import performs


@performs(WRITE)
@transaction.atomic
def send_letter(
    complaint: Complaint, kind: LetterKind, *, by: User, to: str, subject: str, body: str
) -> Letter:
    """Record a letter about `complaint` and e-mail it to `to` once the transaction commits.

    The e-mail goes through the outbox: a rolled-back step sends nothing, and a mail server
    that refuses undoes nothing (the outbox tries again later).

    A letter to the holder never names a complainant who asked to stay anonymous
    towards it: such a letter is refused before anything is recorded or sent. The staff
    who handle complaints write the letters.
    """
    WRITE.check(complaint_standing(by, complaint))
    to, subject, body = to.strip(), subject.strip(), body.strip()
    _check_letter(to, subject, body)
    if kind == LetterKind.TO_HOLDER:
        check_anonymity(complaint, f"{subject}\n{body}")
    letter = Letter.objects.create(
        complaint=complaint,
        kind=kind,
        addressee=to,
        sent_on=clock.today(),
        sent_by=by,
        subject=subject,
        body=body,
    )
    record(
        "complaint.letter_sent",
        complaint,
        actor=by,
        data={"letter": letter.pk, "kind": kind, "to": to, "subject": subject},
    )
    # The letter is written by the staff in the language they chose; it goes out as written.
    recipient = Recipient("", to, translation.get_language() or settings.LANGUAGE_CODE)
    queue_mail(f"letter:{letter.pk}:{to.lower()}", recipient, subject, body)
    return letter


def _check_letter(to: str, subject: str, body: str) -> None:
    try:
        validate_email(to)
    except ValidationError:
        raise InvalidComplaint(
            _("%(to)s is not an e-mail address: the letter cannot be sent.") % {"to": to}
        ) from None
    if not subject or not body:
        raise InvalidComplaint(_("A letter needs a subject and a text."))


def check_anonymity(complaint: Complaint, text: str) -> None:
    """Refuse `text` for the holder if it names a complainant who asked to stay anonymous."""
    if not complaint.anonymous_towards_holder:
        return
    haystack = _normalised(text)
    identifying = (
        complaint.complainant_name,
        complaint.complainant_email,
        complaint.complainant_organisation,
    )
    if any(part and _normalised(part) in haystack for part in identifying):
        raise AnonymityBreach(
            _(
                "The complainant asked not to be named to the holder: this letter names them "
                "(their name, e-mail address or organisation). Refer to them as "
                "“a complainant” instead."
            )
        )


def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()
