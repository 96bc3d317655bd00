"""The lists and look-ups of `qualimark.access.visible` return what the rules allow, no more.

A look-up of another holder's object answers exactly as one of an object that does not exist.
"""

from datetime import date

import pytest

from qualimark.access.visible import (
    application_for,
    certificate_for,
    datasheet_for,
    inspection_for,
    visible_applications,
    visible_certificates,
    visible_datasheets,
    visible_inspections,
)
from qualimark.accounts.models import User
from qualimark.applications.models import Application
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate
from qualimark.datasheets import quickcodes
from qualimark.datasheets.models import Datasheet
from qualimark.datasheets.services import create_datasheet
from qualimark.errors import NotVisible
from qualimark.oversight.models import Inspection
from qualimark.parties.models import Organisation
from qualimark.parties.services import add_production_unit
from qualimark.schemes.models import Programme


@pytest.fixture
def textilia_file(
    other_holder: Organisation, geotextiles_benor: Programme, file_manager: User
) -> Certificate:
    """Holder B's own application."""
    unit = add_production_unit(
        other_holder,
        by=file_manager,
        name="Plant Kortrijk",
        street="Kaai 1",
        postal_code="8500",
        town="Kortrijk",
    )
    return certification.apply_for_certification(
        holder=other_holder,
        programme=geotextiles_benor,
        production_unit=unit,
        by=file_manager,
        applied_on=date(2026, 2, 2),
    )


@pytest.fixture
def datasheet(certified: Certificate, file_manager: User) -> Datasheet:
    return create_datasheet(
        certified, by=file_manager, product_name="Geotex N300", trade_name="Geotex N300"
    )


def test_a_holder_sees_its_own_files_only(
    certified: Certificate, textilia_file: Certificate, holder_member: User, other_admin: User
) -> None:
    assert list(visible_certificates(holder_member)) == [certified]
    assert list(visible_certificates(other_admin)) == [textilia_file]


def test_staff_see_every_file(
    certified: Certificate, textilia_file: Certificate, reviewer: User
) -> None:
    assert set(visible_certificates(reviewer)) == {certified, textilia_file}


def test_an_inspector_sees_the_files_of_its_inspections_only(
    planned: Inspection, textilia_file: Certificate, inspector: User
) -> None:
    assert list(visible_certificates(inspector)) == [planned.certificate]
    assert list(visible_inspections(inspector)) == [planned]


def test_an_outsider_sees_nothing(sent: Inspection, datasheet: Datasheet, outsider: User) -> None:
    assert not visible_certificates(outsider).exists()
    assert not visible_inspections(outsider).exists()
    assert not visible_datasheets(outsider).exists()


def test_an_outsider_sees_no_application(draft: Application, outsider: User) -> None:
    assert not visible_applications(outsider).exists()
    with pytest.raises(NotVisible):
        application_for(outsider, draft.reference)


def test_another_holder_file_answers_like_a_missing_one(
    certified: Certificate, other_admin: User
) -> None:
    with pytest.raises(NotVisible) as hidden:
        certificate_for(other_admin, certified.number)
    with pytest.raises(NotVisible) as missing:
        certificate_for(other_admin, "BENOR-9999-999")

    assert hidden.value.code == missing.value.code == "not_found"
    assert str(hidden.value) == str(missing.value)


def test_the_holder_finds_its_file_by_number(certified: Certificate, invited_member: User) -> None:
    assert certificate_for(invited_member, certified.number) == certified


def test_a_planned_inspection_is_not_in_the_holder_list(
    planned: Inspection, holder_member: User
) -> None:
    assert not visible_inspections(holder_member).exists()
    with pytest.raises(NotVisible):
        inspection_for(holder_member, planned.reference)


def test_a_sent_report_is_in_the_holder_list(sent: Inspection, holder_member: User) -> None:
    assert list(visible_inspections(holder_member)) == [sent]
    assert inspection_for(holder_member, sent.reference) == sent


def test_another_holder_never_sees_the_report(sent: Inspection, other_admin: User) -> None:
    assert not visible_inspections(other_admin).exists()
    with pytest.raises(NotVisible):
        inspection_for(other_admin, sent.reference)


def test_applications_are_seen_by_their_organisation_and_the_staff(
    draft: Application, invited_member: User, other_admin: User, file_manager: User
) -> None:
    assert application_for(invited_member, draft.reference) == draft
    assert list(visible_applications(file_manager)) == [draft]
    with pytest.raises(NotVisible):
        application_for(other_admin, draft.reference)


def test_datasheets_follow_their_file(
    datasheet: Datasheet, holder_member: User, other_admin: User
) -> None:
    typed = quickcodes.format_code(datasheet.quick_code)  # as printed, with separators

    assert datasheet_for(holder_member, typed) == datasheet
    assert list(visible_datasheets(holder_member)) == [datasheet]
    assert not visible_datasheets(other_admin).exists()
    with pytest.raises(NotVisible):
        datasheet_for(other_admin, datasheet.quick_code)


def test_an_inspector_removed_from_its_body_no_longer_uses_the_office(
    planned: Inspection, inspector: User
) -> None:
    assert inspector.has_perm("office.use")

    for body in inspector.inspection_bodies.all():
        body.inspectors.remove(inspector)

    assert not inspector.has_perm("office.use")


@pytest.mark.parametrize("raw", ["\x00", "BENOR-\x00001", " ", "9" * 500])
@pytest.mark.parametrize(
    "lookup", [certificate_for, inspection_for, application_for, datasheet_for]
)
def test_a_code_no_record_can_have_is_not_found_without_a_database_error(
    raw, lookup, file_manager: User
):
    with pytest.raises(NotVisible):
        lookup(file_manager, raw)
