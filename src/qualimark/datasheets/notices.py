"""E-mails about a datasheet proposal: published, or sent back with the reason.

They go to the proposer and to the holder's administrators, each address once, each in
its own language, through the outbox: queued in the review's transaction, sent after it
commits, never twice (the key names the proposal, the outcome and the address).
"""

from collections.abc import Callable
from datetime import date

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from qualimark.datasheets.models import DatasheetProposal
from qualimark.links import verification_url
from qualimark.notifications.outbox import Recipient, queue_mail
from qualimark.parties.models import Role, RoleKind
from qualimark.parties.people import holder_recipients

Message = tuple[str, str]  # subject, body


def recipients(proposal: DatasheetProposal) -> list[Recipient]:
    """The proposer, then the holder's administrators; each address once."""
    found: dict[str, Recipient] = {}
    proposer = proposal.proposed_by
    if proposer.is_active and proposer.email:
        found[proposer.email.lower()] = Recipient(str(proposer), proposer.email, proposer.language)
    holder = proposal.certificate.holder
    rows = Role.objects.filter(organisation=holder, kind=RoleKind.HOLDER_ADMINISTRATOR).values_list(
        "person__email", "person__user__email"
    )
    administrators = {email.lower() for pair in rows for email in pair if email}
    for recipient in holder_recipients(holder):
        if recipient.email.lower() in administrators:
            found.setdefault(recipient.email.lower(), recipient)
    return list(found.values())


def _send(proposal: DatasheetProposal, write: Callable[[], Message]) -> None:
    for recipient in recipients(proposal):
        with translation.override(recipient.language):
            subject, body = write()
        key = f"proposal:{proposal.pk}:{proposal.status}:{recipient.email.lower()}"
        queue_mail(key, recipient, subject, body)


def proposal_published(proposal: DatasheetProposal, *, effective: date) -> None:
    version = proposal.published_version
    if version is None:  # pragma: no cover - publish_proposal always sets it
        return
    code = version.datasheet.quick_code

    def write() -> Message:
        subject = _("Datasheet %(code)s is published") % {"code": code}
        body = _(
            "The datasheet you proposed for %(product)s (trade name %(trade_name)s, file "
            "%(number)s) is published as version %(version)d of datasheet %(code)s, in force "
            "from %(effective)s. Cite its quick code %(code)s on the delivery notes. Anyone "
            "can verify it at %(url)s"
        ) % {
            "product": proposal.product_name,
            "trade_name": proposal.trade_name,
            "number": proposal.certificate.number,
            "version": version.number,
            "code": code,
            "effective": date_format(effective, "DATE_FORMAT"),
            "url": verification_url(code),
        }
        return subject, body

    _send(proposal, write)


def proposal_sent_back(proposal: DatasheetProposal) -> None:
    def write() -> Message:
        subject = _("Your datasheet proposal for %(product)s is sent back") % {
            "product": proposal.product_name
        }
        body = _(
            "The certification body has reviewed the datasheet you proposed for %(product)s "
            "(trade name %(trade_name)s, file %(number)s) and sends it back without "
            "publishing it, for this reason:\n\n%(reason)s\n\nYou may propose it again, "
            "corrected, in the portal."
        ) % {
            "product": proposal.product_name,
            "trade_name": proposal.trade_name,
            "number": proposal.certificate.number,
            "reason": proposal.review_note,
        }
        return subject, body

    _send(proposal, write)
