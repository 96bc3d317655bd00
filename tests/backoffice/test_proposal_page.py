"""A holder's datasheet proposal, compared with the version in force, published or sent back."""

from django.urls import reverse

from qualimark.accounts.models import User
from qualimark.certification.models import Certificate
from qualimark.datasheets import proposals
from qualimark.datasheets import services as datasheets
from qualimark.datasheets.models import (
    Datasheet,
    DatasheetProposal,
    DatasheetStatus,
    ProposalStatus,
)

from .conftest import TODAY, SignIn


def proposal_url(proposal: DatasheetProposal) -> str:
    return reverse("backoffice:proposal", args=(proposal.pk,))


def test_a_file_manager_publishes_a_proposed_datasheet(
    sign_in: SignIn, file_manager: User, datasheet_proposal: DatasheetProposal
) -> None:
    client = sign_in(file_manager)
    queue = client.get(reverse("backoffice:queue"))
    assert proposal_url(datasheet_proposal).encode() in queue.content
    page = client.get(proposal_url(datasheet_proposal))
    assert b"TerraSep 200" in page.content
    assert b"12 kN/m" in page.content

    response = client.post(
        proposal_url(datasheet_proposal),
        {"publish": "", "publish-effective": TODAY.isoformat()},
        follow=True,
    )
    assert b"is published" in response.content
    datasheet_proposal.refresh_from_db()
    assert datasheet_proposal.status == ProposalStatus.PUBLISHED
    datasheet = Datasheet.objects.get(certificate=datasheet_proposal.certificate)
    assert datasheet.state_on(TODAY).status == DatasheetStatus.PUBLISHED
    assert (
        proposal_url(datasheet_proposal).encode()
        not in client.get(reverse("backoffice:queue")).content
    )


def test_a_new_version_is_compared_with_the_version_in_force(
    sign_in: SignIn, file_manager: User, certified: Certificate, holder_member: User
) -> None:
    datasheet = datasheets.create_datasheet(
        certified,
        by=file_manager,
        product_name="NW 200",
        trade_name="TerraSep 200",
        characteristics=[
            {"name": "Tensile strength", "value": "12", "unit": "kN/m"},
            {"name": "Thickness", "value": "2", "unit": "mm"},
        ],
    )
    datasheets.publish_datasheet_version(datasheet.versions.get(), by=file_manager)
    proposal = proposals.propose_datasheet_version(
        datasheet,
        by=holder_member,
        trade_name="TerraSep 200 Plus",
        characteristics=[{"name": "Tensile strength", "value": "14", "unit": "kN/m"}],
    )
    response = sign_in(file_manager).get(proposal_url(proposal))
    rows = {row.name: row for row in response.context["rows"]}
    assert (rows["Tensile strength"].proposed, rows["Tensile strength"].in_force) == (
        "14 kN/m",
        "12 kN/m",
    )
    assert rows["Tensile strength"].changed
    assert (rows["Thickness"].proposed, rows["Thickness"].in_force) == ("", "2 mm")
    assert b"in force: TerraSep 200" in response.content


def test_a_proposal_is_sent_back_with_its_reason_only(
    sign_in: SignIn, file_manager: User, datasheet_proposal: DatasheetProposal
) -> None:
    client = sign_in(file_manager)
    response = client.post(
        proposal_url(datasheet_proposal), {"send_back": "", "send_back-reason": ""}
    )
    assert response.status_code == 200
    assert b"This field is required." in response.content
    datasheet_proposal.refresh_from_db()
    assert datasheet_proposal.status == ProposalStatus.PROPOSED

    client.post(
        proposal_url(datasheet_proposal),
        {"send_back": "", "send_back-reason": "Give the test method of each value."},
    )
    datasheet_proposal.refresh_from_db()
    assert datasheet_proposal.status == ProposalStatus.SENT_BACK
    assert datasheet_proposal.review_note == "Give the test method of each value."


def test_only_a_file_manager_reviews_proposals(
    sign_in: SignIn, reviewer: User, datasheet_proposal: DatasheetProposal
) -> None:
    client = sign_in(reviewer)
    page = client.get(proposal_url(datasheet_proposal))
    assert page.status_code == 200
    assert b'name="publish"' not in page.content
    response = client.post(
        proposal_url(datasheet_proposal), {"publish": "", "publish-effective": "2026-03-16"}
    )
    assert response.status_code == 403
    datasheet_proposal.refresh_from_db()
    assert datasheet_proposal.status == ProposalStatus.PROPOSED


def test_a_reviewed_proposal_cannot_be_published_again(
    sign_in: SignIn, file_manager: User, datasheet_proposal: DatasheetProposal
) -> None:
    proposals.send_back_proposal(datasheet_proposal, by=file_manager, reason="Incomplete.")
    response = sign_in(file_manager).post(
        proposal_url(datasheet_proposal), {"publish": "", "publish-effective": "2026-03-16"}
    )
    assert response.status_code == 200
    assert b"This proposal is already sent back" in response.content
    assert not Datasheet.objects.exists()


def test_an_unknown_proposal_is_not_found(sign_in: SignIn, file_manager: User) -> None:
    response = sign_in(file_manager).get(reverse("backoffice:proposal", args=(999,)))
    assert response.status_code == 404
