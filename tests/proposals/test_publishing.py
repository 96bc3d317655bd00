"""A published proposal is a published datasheet: the registry verifies it."""

from datetime import date

import pytest

from qualimark.accounts.models import User
from qualimark.certification.models import Certificate
from qualimark.datasheets import proposals
from qualimark.datasheets.models import Datasheet, DatasheetProposal, ProposalStatus
from qualimark.datasheets.proposals import ProposalError
from qualimark.verification.verify import Outcome, verify
from tests.proposals.conftest import CHARACTERISTICS


def test_a_proposal_is_not_in_the_registry_until_published(
    proposal: DatasheetProposal,
) -> None:
    assert proposal.status == ProposalStatus.PROPOSED
    assert not Datasheet.objects.exists()


def test_publishing_a_proposal_makes_its_datasheet_verifiable(
    proposal: DatasheetProposal, file_manager: User, certified: Certificate
) -> None:
    version = proposals.publish_proposal(proposal, by=file_manager)

    verdict = verify(version.datasheet.quick_code)
    assert verdict.outcome == Outcome.VALID
    assert verdict.certificate_number == certified.number
    assert version.datasheet.product_name == "Nonwoven geotextile 200 g/m²"
    assert version.trade_name == "GeoTex NW 200"
    assert version.characteristics == CHARACTERISTICS


def test_the_proposal_records_its_review_and_its_version(
    proposal: DatasheetProposal, file_manager: User
) -> None:
    version = proposals.publish_proposal(proposal, by=file_manager)

    stored = DatasheetProposal.objects.get(pk=proposal.pk)
    assert stored.status == ProposalStatus.PUBLISHED
    assert stored.published_version == version
    assert stored.reviewed_by == file_manager
    assert stored.reviewed_at is not None
    assert proposal.status == ProposalStatus.PUBLISHED  # the caller's instance follows


def test_a_publication_may_take_effect_later(
    proposal: DatasheetProposal, file_manager: User
) -> None:
    version = proposals.publish_proposal(proposal, by=file_manager, effective=date(2026, 4, 1))

    assert verify(version.datasheet.quick_code).outcome != Outcome.VALID
    on_april = verify(version.datasheet.quick_code, on=date(2026, 4, 1))
    assert on_april.outcome == Outcome.VALID


def test_a_published_proposal_cannot_be_published_again(
    proposal: DatasheetProposal, file_manager: User
) -> None:
    proposals.publish_proposal(proposal, by=file_manager)

    with pytest.raises(ProposalError, match="already published"):
        proposals.publish_proposal(proposal, by=file_manager)
    with pytest.raises(ProposalError, match="already published"):
        proposals.send_back_proposal(proposal, by=file_manager, reason="Second thoughts.")
    assert Datasheet.objects.count() == 1


def test_a_proposal_needs_a_product_and_a_trade_name(
    certified: Certificate, proposer: User
) -> None:
    with pytest.raises(ProposalError, match="trade name"):
        proposals.propose_datasheet(
            certified, by=proposer, product_name="Geotextile", trade_name=" ", characteristics=[]
        )
    with pytest.raises(ProposalError, match="name of the product"):
        proposals.propose_datasheet(
            certified, by=proposer, product_name="", trade_name="GT", characteristics=[]
        )


def test_a_characteristic_without_a_value_is_refused(
    certified: Certificate, proposer: User
) -> None:
    with pytest.raises(ProposalError, match="Characteristic 2 needs a name and a value"):
        proposals.propose_datasheet(
            certified,
            by=proposer,
            product_name="Geotextile",
            trade_name="GT",
            characteristics=[{"name": "polymer", "value": "PP"}, {"name": "mass", "value": ""}],
        )
