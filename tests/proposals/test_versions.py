"""A proposed version keeps the datasheet's quick code and replaces its version once published."""

from datetime import date

import pytest

from qualimark.accounts.models import User
from qualimark.datasheets import proposals
from qualimark.datasheets.models import Datasheet, ProposalStatus
from qualimark.datasheets.proposals import ProposalError
from qualimark.datasheets.services import DatasheetError, withdraw_datasheet
from qualimark.verification.verify import Outcome, verify
from tests.proposals.conftest import NEW_VALUES

TODAY = date(2026, 3, 16)


def test_a_published_version_proposal_is_the_version_in_force(
    datasheet: Datasheet, proposer: User, file_manager: User
) -> None:
    proposal = proposals.propose_datasheet_version(
        datasheet, by=proposer, trade_name="GeoTex W 40 Plus", characteristics=NEW_VALUES
    )

    version = proposals.publish_proposal(proposal, by=file_manager)

    assert version.datasheet == datasheet
    assert version.number == 2
    assert proposal.product_name == "Woven geotextile"
    verdict = verify(datasheet.quick_code)
    assert verdict.outcome == Outcome.VALID
    assert Datasheet.objects.get(pk=datasheet.pk).state_on(TODAY).version_id == version.pk


def test_a_withdrawn_datasheet_takes_no_version_proposal(
    datasheet: Datasheet, proposer: User, file_manager: User
) -> None:
    withdraw_datasheet(datasheet, by=file_manager, reason="Product no longer made.")

    # The datasheet's own lifecycle refuses: a withdrawn datasheet takes no new version.
    with pytest.raises(DatasheetError, match="is withdrawn"):
        proposals.propose_datasheet_version(
            datasheet, by=proposer, trade_name="GeoTex W 40", characteristics=NEW_VALUES
        )


def test_one_version_proposal_at_a_time(datasheet: Datasheet, proposer: User) -> None:
    proposals.propose_datasheet_version(
        datasheet, by=proposer, trade_name="GeoTex W 40 Plus", characteristics=NEW_VALUES
    )

    with pytest.raises(ProposalError, match="already waiting for review"):
        proposals.propose_datasheet_version(
            datasheet, by=proposer, trade_name="GeoTex W 40 S", characteristics=NEW_VALUES
        )


def test_after_a_send_back_a_new_version_may_be_proposed(
    datasheet: Datasheet, proposer: User, file_manager: User
) -> None:
    first = proposals.propose_datasheet_version(
        datasheet, by=proposer, trade_name="GeoTex W 40 Plus", characteristics=NEW_VALUES
    )
    proposals.send_back_proposal(first, by=file_manager, reason="Test report missing.")

    second = proposals.propose_datasheet_version(
        datasheet, by=proposer, trade_name="GeoTex W 40 Plus", characteristics=NEW_VALUES
    )

    assert second.status == ProposalStatus.PROPOSED
