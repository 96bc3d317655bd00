"""The holder's users propose datasheets; the body's file managers, if impartial, review them."""

from datetime import date

import pytest

from qualimark.accounts.models import User
from qualimark.certification.models import Certificate
from qualimark.datasheets import proposals
from qualimark.datasheets.models import Datasheet, DatasheetProposal, ProposalStatus
from qualimark.errors import ConflictOfInterest, NotPermitted, NotVisible
from qualimark.parties.models import TieKind
from qualimark.parties.ties import declare_tie
from tests.proposals.conftest import CHARACTERISTICS


def _propose(certificate: Certificate, by: User) -> DatasheetProposal:
    return proposals.propose_datasheet(
        certificate,
        by=by,
        product_name="Nonwoven geotextile 300 g/m²",
        trade_name="GeoTex NW 300",
        characteristics=CHARACTERISTICS,
    )


def test_another_holder_does_not_find_the_file(certified: Certificate, other_admin: User) -> None:
    with pytest.raises(NotVisible):
        _propose(certified, other_admin)

    assert not DatasheetProposal.objects.exists()


def test_the_body_does_not_propose_for_the_holder(
    certified: Certificate, file_manager: User
) -> None:
    with pytest.raises(NotPermitted) as refusal:
        _propose(certified, file_manager)

    assert refusal.value.code == "role_not_allowed"
    assert not DatasheetProposal.objects.exists()


@pytest.mark.parametrize("persona", ["proposer", "reviewer", "decision_maker"])
def test_only_a_file_manager_reviews(
    proposal: DatasheetProposal, persona: str, request: pytest.FixtureRequest
) -> None:
    someone: User = request.getfixturevalue(persona)

    with pytest.raises(NotPermitted) as refusal:
        proposals.publish_proposal(proposal, by=someone)
    with pytest.raises(NotPermitted):
        proposals.send_back_proposal(proposal, by=someone, reason="Not mine to say.")

    assert "file manager" in refusal.value.message
    assert DatasheetProposal.objects.get(pk=proposal.pk).status == ProposalStatus.PROPOSED
    assert not Datasheet.objects.exists()


def test_a_file_manager_tied_to_the_holder_does_not_publish_its_datasheets(
    proposal: DatasheetProposal, file_manager: User, certified: Certificate
) -> None:
    declare_tie(
        by=file_manager,
        organisation=certified.holder,
        kind=TieKind.FORMER_EMPLOYER,
        valid_from=date(2025, 1, 1),
    )

    with pytest.raises(ConflictOfInterest) as refusal:
        proposals.publish_proposal(proposal, by=file_manager)

    assert refusal.value.code == "conflict_of_interest"
    assert not Datasheet.objects.exists()
    assert not file_manager.has_perm("datasheets.review_proposal", proposal)
