"""Next steps proposed to the file manager: the system points, a person decides.

Other domains (oversight: an overdue corrective action, a repeated nonconformity;
complaints: a founded complaint) call `propose_next_step` with a stable `source`, so
that a daily command may run as often as it likes: a source is proposed once.
"""

from datetime import date

from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification.models import Certificate
from qualimark.errors import DomainError
from qualimark.journal.services import record
from qualimark.sanctions.models import Proposal, ProposalKind

SOURCE_MAX_LENGTH = 100


class InvalidProposal(DomainError):
    code = "invalid_proposal"


@transaction.atomic
def propose_next_step(
    certificate: Certificate,
    kind: ProposalKind,
    *,
    text: str,
    source: str,
    on: date | None = None,
) -> tuple[Proposal, bool]:
    """Propose a next step on `certificate`; `(proposal, created)`.

    `source` names the cause ("corrective-action:17"). If a proposal from that source
    exists (open or already handled), it is returned unchanged with `created` False and
    nothing is journalled: a cause is brought to the file manager once.
    """
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
            actor=None,
            data={"certificate": certificate.number, "kind": kind, "source": source, "text": text},
        )
    return proposal, created


@transaction.atomic
def resolve_proposal(proposal: Proposal, *, by: User, resolution: str) -> Proposal:
    """Mark the proposal as handled by `by`, saying what was done (or why nothing)."""
    if not resolution.strip():
        raise InvalidProposal(_("Say what was done about the proposal."))
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
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
