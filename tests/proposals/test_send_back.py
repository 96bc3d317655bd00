"""A proposal sent back needs a reason, which the proposer and the administrators receive."""

from typing import Any

import pytest
from django.core import mail

from qualimark.accounts.models import User
from qualimark.datasheets import proposals
from qualimark.datasheets.models import Datasheet, DatasheetProposal, ProposalStatus
from qualimark.datasheets.proposals import ProposalError
from qualimark.notifications.models import Mail


def test_sending_back_needs_a_reason(proposal: DatasheetProposal, file_manager: User) -> None:
    with pytest.raises(ProposalError, match="the holder needs the reason"):
        proposals.send_back_proposal(proposal, by=file_manager, reason="  ")

    assert DatasheetProposal.objects.get(pk=proposal.pk).status == ProposalStatus.PROPOSED


def test_a_proposal_sent_back_publishes_nothing_and_keeps_the_reason(
    proposal: DatasheetProposal, file_manager: User
) -> None:
    proposals.send_back_proposal(
        proposal, by=file_manager, reason="The CBR puncture strength is missing."
    )

    stored = DatasheetProposal.objects.get(pk=proposal.pk)
    assert stored.status == ProposalStatus.SENT_BACK
    assert stored.review_note == "The CBR puncture strength is missing."
    assert stored.reviewed_by == file_manager
    assert not Datasheet.objects.exists()


def test_the_proposer_and_the_administrator_receive_the_reason_in_their_language(
    proposal: DatasheetProposal,
    file_manager: User,
    proposer: User,
    holder_member: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        proposals.send_back_proposal(
            proposal, by=file_manager, reason="The CBR puncture strength is missing."
        )

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [proposer.email, holder_member.email]
    )
    assert all("The CBR puncture strength is missing." in m.body for m in mail.outbox)
    languages = dict(Mail.objects.filter(key__startswith="proposal:").values_list("to", "language"))
    assert languages == {proposer.email: "fr", holder_member.email: "nl"}


def test_a_sent_back_proposal_cannot_be_published(
    proposal: DatasheetProposal, file_manager: User
) -> None:
    proposals.send_back_proposal(proposal, by=file_manager, reason="Incomplete.")

    with pytest.raises(ProposalError, match="already sent back"):
        proposals.publish_proposal(proposal, by=file_manager)
    assert not Datasheet.objects.exists()
