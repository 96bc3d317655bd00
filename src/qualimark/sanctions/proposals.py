"""Next steps proposed to the file manager: the system points, a person decides.

Other domains (oversight: an overdue corrective action, a repeated nonconformity;
complaints: a founded complaint) call `propose_next_step` with a stable `source`, so
that a daily command may run as often as it likes: a source is proposed once. What the
system proposes by itself it proposes as `parties.roles.system_actor()`.
"""

from datetime import date

from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification.models import Certificate
from qualimark.certification.permissions import file_standing
from qualimark.errors import DomainError
from qualimark.journal.services import record
from qualimark.parties.roles import performs
from qualimark.sanctions.models import Proposal, ProposalKind
from qualimark.sanctions.permissions import PROPOSE, RESOLVE

SOURCE_MAX_LENGTH = 100


class InvalidProposal(DomainError):
    code = "invalid_proposal"


@performs(PROPOSE)
@transaction.atomic
def propose_next_step(
    certificate: Certificate,
    kind: ProposalKind,
    *,
    by: User,
    text: str,
    source: str,
    on: date | None = None,
) -> tuple[Proposal, bool]:
    """Propose a next step on `certificate`; `(proposal, created)`.

    `source` names the cause ("corrective-action:17"). If a proposal from that source
    exists (open or already handled), it is returned unchanged with `created` False and
    nothing is journalled: a cause is brought to the file manager once. `by` is the system
    (`system_actor()`) or the staff member whose work calls for the next step.
    """
    PROPOSE.check(file_standing(by, certificate))
    if not text.strip():
        raise InvalidProposal(_("A proposal needs the reason shown to the file manager."))
    if not source.strip() or len(source) > SOURCE_MAX_LENGTH:
        raise InvalidProposal(
            _("A proposal needs a source of at most %(max)s characters.")
            % {"max": SOURCE_MAX_LENGTH}
        )
    proposal, created = Proposal.objects.get_or_create(
        source=source,
        defaults={
            "certificate": certificate,
            "kind": ProposalKind(kind),
            "text": text,
            "proposed_on": on or clock.today(),
            "created_at": clock.now(),
        },
    )
    if created:
        record(
            "proposal.made",
            proposal,
            actor=by,
            data={"certificate": certificate.number, "kind": kind, "source": source, "text": text},
        )
    return proposal, created


@performs(RESOLVE)
@transaction.atomic
def resolve_proposal(proposal: Proposal, *, by: User, resolution: str) -> Proposal:
    """Mark the proposal as handled by `by`, saying what was done (or why nothing).

    A file manager or a decision maker handles it, if not involved in the file nor tied to
    its holder: what is done about a proposed sanction is the body's impartial decision.
    """
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    RESOLVE.check(file_standing(by, locked.certificate))
    if not resolution.strip():
        raise InvalidProposal(_("Say what was done about the proposal."))
    if locked.resolved_at is not None:
        raise InvalidProposal(
            _("This proposal was already handled on %(date)s.")
            % {"date": date_format(timezone.localdate(locked.resolved_at))}
        )
    locked.resolved_at, locked.resolved_by, locked.resolution = clock.now(), by, resolution
    locked.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    record("proposal.resolved", locked, actor=by, data={"resolution": resolution})
    proposal.resolved_at, proposal.resolved_by = locked.resolved_at, by
    proposal.resolution = resolution
    return proposal


def open_proposals() -> "models.QuerySet[Proposal]":
    """The proposals no one has handled yet, oldest first."""
    return (
        Proposal.objects.filter(resolved_at__isnull=True)
        .select_related("certificate__holder")
        .order_by("proposed_on", "id")
    )
