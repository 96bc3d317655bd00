"""Proposing a new datasheet, or a new version of one, for the certification body to review."""

from qualimark.accounts.models import User
from qualimark.certification.models import Certificate
from qualimark.datasheets.models import Datasheet, DatasheetProposal, ProposalStatus
from tests.portal.conftest import url
from tests.proposals.test_characteristic_rows import rows


def test_a_holder_proposes_a_new_datasheet(login, invited_member: User, certified: Certificate):
    response = login(invited_member).post(
        url("propose-datasheet", certified.number),
        {
            "product_name": "Woven geotextile",
            "trade_name": "GeoTex W200",
            **rows(
                ("Tensile strength", "20", "kN/m", "EN ISO 10319", ""),
                ("", ""),
                ("Opening size", "0.2", "mm"),
                ("Colour", "black"),
            ),
        },
        follow=True,
    )

    assert "Your proposal is sent" in response.content.decode()
    proposal = DatasheetProposal.objects.get()
    assert proposal.datasheet is None
    assert proposal.status == ProposalStatus.PROPOSED
    assert proposal.proposed_by == invited_member
    assert proposal.characteristics == [
        {"name": "Tensile strength", "value": "20", "unit": "kN/m", "method": "EN ISO 10319"},
        {"name": "Opening size", "value": "0.2", "unit": "mm"},
        {"name": "Colour", "value": "black", "unit": ""},
    ]


def test_a_malformed_characteristic_is_refused_with_its_row_number(
    login, holder_member: User, certified: Certificate
):
    response = login(holder_member).post(
        url("propose-datasheet", certified.number),
        {
            "product_name": "Woven geotextile",
            "trade_name": "GeoTex W200",
            **rows(("Tensile strength", "20", "kN/m"), ("Opening size", "")),
        },
    )

    assert response.status_code == 400
    assert "Row 2 needs a characteristic and its declared value." in response.content.decode()
    assert not DatasheetProposal.objects.exists()


def test_a_file_in_its_application_stage_takes_no_proposal(
    login, holder_member: User, application: Certificate
):
    response = login(holder_member).post(
        url("propose-datasheet", application.number),
        {"product_name": "A", "trade_name": "B", **rows(("Mass", "300", "g/m²"))},
    )

    assert response.status_code == 400
    assert "it takes no datasheet proposals" in response.content.decode()
    assert not DatasheetProposal.objects.exists()


def test_the_form_for_a_new_version_starts_from_the_version_in_force(
    login, holder_member: User, datasheet: Datasheet
):
    page = login(holder_member).get(url("propose-version", datasheet.quick_code)).content.decode()

    assert 'value="GeoTex N300"' in page
    assert 'id="id_characteristics-0-name" value="Tensile strength"' in page
    assert 'id="id_characteristics-1-unit" value="g/m²"' in page
    assert 'name="product_name"' not in page


def test_a_holder_proposes_a_new_version_of_a_datasheet(
    login, holder_member: User, datasheet: Datasheet
):
    response = login(holder_member).post(
        url("propose-version", datasheet.quick_code),
        {"trade_name": "GeoTex N300+", **rows(("Tensile strength", "14", "kN/m"))},
        follow=True,
    )

    assert f"new version of datasheet {datasheet.quick_code} is sent" in response.content.decode()
    proposal = DatasheetProposal.objects.get()
    assert proposal.datasheet == datasheet
    assert proposal.product_name == "Nonwoven geotextile"
    assert proposal.trade_name == "GeoTex N300+"
