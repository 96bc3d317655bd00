"""Only a file in its trial period, certified or suspended takes datasheet proposals."""

from datetime import date

import pytest

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate
from qualimark.datasheets import proposals
from qualimark.datasheets.models import DatasheetProposal, ProposalStatus
from qualimark.datasheets.proposals import ProposalError
from qualimark.datasheets.services import DatasheetError


def propose(certificate: Certificate, by: User) -> DatasheetProposal:
    return proposals.propose_datasheet(
        certificate, by=by, product_name="Geotextile", trade_name="GT 1", characteristics=[]
    )


def test_an_application_takes_no_proposal(application: Certificate, holder_member: User) -> None:
    with pytest.raises(ProposalError, match="not in its trial period or certified"):
        propose(application, holder_member)
    assert not DatasheetProposal.objects.exists()


def test_a_withdrawn_certificate_takes_no_proposal(
    certified: Certificate, holder_member: User, decision_maker: User
) -> None:
    certification.withdraw_certificate(
        certified, by=decision_maker, reason="Repeated nonconformities.", effective=date(2026, 3, 2)
    )

    with pytest.raises(ProposalError, match="not in its trial period or certified"):
        propose(certified, holder_member)


@pytest.mark.parametrize("state", ["in_trial", "certified"])
def test_a_file_in_trial_or_certified_takes_proposals(
    state: str, request: pytest.FixtureRequest, holder_member: User
) -> None:
    certificate: Certificate = request.getfixturevalue(state)

    assert propose(certificate, holder_member).pk


def test_a_suspended_certificate_takes_proposals(
    certified: Certificate, holder_member: User, decision_maker: User
) -> None:
    certification.suspend_certificate(
        certified, by=decision_maker, reason="Nonconformity.", effective=date(2026, 3, 2)
    )

    assert propose(certified, holder_member).pk


def test_a_file_closed_after_the_proposal_cannot_have_it_published(
    certified: Certificate, holder_member: User, decision_maker: User, file_manager: User
) -> None:
    proposal = propose(certified, holder_member)
    certification.withdraw_certificate(certified, by=decision_maker, reason="Fraud.")

    with pytest.raises(DatasheetError, match="is closed"):
        proposals.publish_proposal(proposal, by=file_manager)
    assert DatasheetProposal.objects.get(pk=proposal.pk).status == ProposalStatus.PROPOSED
