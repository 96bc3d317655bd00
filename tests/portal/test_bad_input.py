"""Addresses typed wrong answer "not found", never an error page."""

import pytest

from qualimark.accounts.models import User
from qualimark.certification.models import Certificate
from tests.portal.conftest import url

HUGE = 10**30


@pytest.mark.parametrize(
    "address",
    [
        "/en/portal/files/%00/",
        "/en/portal/files/BENOR-000001%00/certificate.pdf",
        "/en/portal/datasheets/%00/datasheet.pdf",
        "/en/portal/datasheets/not-a-code/propose/",
        "/en/portal/inspections/%00/",
        "/en/portal/applications/A-%00/",
        f"/en/portal/organisations/{HUGE}/users/",
        f"/en/portal/files/BENOR-000001/decisions/{HUGE}/letter.pdf",
        f"/en/portal/applications/A-2026-0001/uploads/{HUGE}/",
    ],
)
def test_a_malformed_address_is_not_found(
    login, holder_member: User, certified: Certificate, address: str
):
    response = login(holder_member).get(address)

    assert response.status_code == 404


def test_a_huge_upload_id_to_remove_is_not_found(
    login, holder_member: User, certified: Certificate
):
    response = login(holder_member).post(
        f"/en/portal/applications/A-2026-0001/uploads/{HUGE}/remove/"
    )

    assert response.status_code == 404


def test_an_application_form_with_nonsense_choices_is_refused_kindly(
    login, holder_member: User, certified: Certificate
):
    response = login(holder_member).post(
        url("application-new"), {"programme": "x\x00", "production_unit": str(HUGE)}
    )

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
