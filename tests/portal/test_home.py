"""The portal's home page: each organisation with its files, applications and open reports."""

from datetime import date

import pytest

from qualimark.accounts.models import User
from qualimark.applications.services import start_application
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate
from qualimark.oversight.models import Inspection
from qualimark.parties.models import Organisation, ProductionUnit
from qualimark.parties.services import add_production_unit
from qualimark.schemes.models import Programme
from tests.portal.conftest import url


def test_the_home_page_lists_the_files_of_the_organisation_with_their_status_today(
    login, holder_member: User, certified: Certificate
):
    page = login(holder_member).get(url("home")).content.decode()

    assert "Geotex Belgium" in page
    assert certified.number in page
    assert "Geotextiles" in page
    assert "Plant Gent-Zeehaven" in page
    assert "Certified" in page


def test_the_home_page_shows_the_reports_awaiting_an_answer_with_their_deadline(
    login, holder_member: User, sent: Inspection
):
    page = login(holder_member).get(url("home")).content.decode()

    assert "Reports awaiting your answer" in page
    assert sent.reference in page
    assert "23 March 2026" in page


def test_the_home_page_lists_open_applications_with_their_status(
    login,
    holder_member: User,
    holder: Organisation,
    plant: ProductionUnit,
    geotextiles_benor: Programme,
):
    draft = start_application(
        holder, by=holder_member, programme=geotextiles_benor, production_unit=plant
    )

    page = login(holder_member).get(url("home")).content.decode()

    assert draft.reference in page
    assert "Draft" in page


def test_an_administrator_sees_the_links_to_apply_and_to_manage_users(
    login, holder_member: User, holder: Organisation
):
    page = login(holder_member).get(url("home")).content.decode()

    assert url("application-new") in page
    assert "Manage users" in page


def test_an_invited_user_is_not_offered_to_manage_users(
    login, invited_member: User, holder: Organisation
):
    page = login(invited_member).get(url("home")).content.decode()

    assert "Manage users" not in page
    assert url("users", holder.pk) in page


def test_the_home_page_shows_nothing_of_another_holder(
    login, other_admin: User, certified: Certificate
):
    page = login(other_admin).get(url("home")).content.decode()

    assert "Textilia" in page
    assert certified.number not in page
    assert "Geotex" not in page


@pytest.fixture
def many_files(
    holder: Organisation, holder_member: User, geotextiles_benor: Programme, file_manager: User
) -> list[Certificate]:
    files = []
    for number in range(6):
        unit = add_production_unit(
            holder,
            by=file_manager,
            name=f"Plant {number}",
            street="Kaai 1",
            postal_code="9000",
            town="Gent",
        )
        certificate = certification.apply_for_certification(
            holder=holder,
            programme=geotextiles_benor,
            production_unit=unit,
            by=holder_member,
            applied_on=date(2026, 1, 5),
        )
        certification.admit_application(
            certificate, by=file_manager, reason="Complete.", effective=date(2026, 1, 12)
        )
        files.append(certificate)
    return files


def test_the_home_page_asks_a_bounded_number_of_queries_whatever_the_number_of_files(
    login,
    holder_member: User,
    holder: Organisation,
    plant: ProductionUnit,
    geotextiles_benor: Programme,
    sent: Inspection,
    many_files: list[Certificate],
    file_manager: User,
    django_assert_max_num_queries,
):
    new_plant = add_production_unit(
        holder,
        by=file_manager,
        name="Plant Aalst",
        street="Dijk 2",
        postal_code="9300",
        town="Aalst",
    )
    start_application(
        holder, by=holder_member, programme=geotextiles_benor, production_unit=new_plant
    )
    client = login(holder_member)
    client.get(url("home"))  # the session and the user's roles are read from here on

    with django_assert_max_num_queries(11):
        response = client.get(url("home"))

    page = response.content.decode()
    assert all(certificate.number in page for certificate in many_files)
    assert sent.reference in page
