"""Datasheets follow their certificate; versions keep the code; history is dated."""

from datetime import date

import pytest
from django.utils import translation

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate
from qualimark.datasheets import quickcodes
from qualimark.datasheets.models import Datasheet, DatasheetStatus, DatasheetStatusPeriod
from qualimark.datasheets.services import (
    DatasheetError,
    QuickCodeTaken,
    add_datasheet_version,
    create_datasheet,
    publish_datasheet_version,
    supersede_datasheet,
    withdraw_datasheet,
)
from qualimark.errors import NotPermitted, NotVisible
from qualimark.verification.verify import Outcome, verify

TODAY = date(2026, 3, 16)


@pytest.fixture
def datasheet(certified: Certificate, file_manager: User) -> Datasheet:
    sheet = create_datasheet(
        certified,
        by=file_manager,
        product_name="Nonwoven geotextile 200 g/m²",
        trade_name="GeoTex NW 200",
        characteristics=[{"name": "mass per unit area", "value": "200", "unit": "g/m²"}],
    )
    publish_datasheet_version(sheet.versions.get(), by=file_manager, effective=date(2026, 2, 10))
    return sheet


def test_a_new_datasheet_gets_a_quick_code_with_a_valid_check_digit(datasheet: Datasheet) -> None:
    assert quickcodes.check_digit_ok(datasheet.quick_code)
    assert not datasheet.quick_code_legacy


def test_an_unpublished_datasheet_is_a_draft(certified: Certificate, file_manager: User) -> None:
    sheet = create_datasheet(certified, by=file_manager, product_name="Woven", trade_name="GT W")
    assert sheet.state_on(TODAY).status == DatasheetStatus.DRAFT
    assert verify(sheet.quick_code).outcome == Outcome.UNKNOWN


def test_suspending_the_certificate_suspends_its_datasheets_without_writing_them(
    datasheet: Datasheet, certified: Certificate, decision_maker: User
) -> None:
    rows = DatasheetStatusPeriod.objects.count()

    certification.suspend_certificate(certified, by=decision_maker, reason="Nonconformity.")

    assert DatasheetStatusPeriod.objects.count() == rows
    assert verify(datasheet.quick_code).outcome == Outcome.SUSPENDED
    assert verify(datasheet.quick_code, on=date(2026, 3, 1)).outcome == Outcome.VALID


def test_lifting_the_suspension_restores_the_datasheets(
    datasheet: Datasheet, certified: Certificate, decision_maker: User
) -> None:
    certification.suspend_certificate(
        certified, by=decision_maker, reason="Nonconformity.", effective=date(2026, 3, 1)
    )
    certification.lift_suspension(certified, by=decision_maker, reason="Corrected.")

    assert verify(datasheet.quick_code, on=date(2026, 3, 5)).outcome == Outcome.SUSPENDED
    assert verify(datasheet.quick_code).outcome == Outcome.VALID


def test_a_new_version_keeps_the_code_and_the_old_version_in_history(
    datasheet: Datasheet, file_manager: User
) -> None:
    first = datasheet.versions.get()
    second = add_datasheet_version(
        datasheet,
        by=file_manager,
        trade_name="GeoTex NW 200 Plus",
        characteristics=[{"name": "mass per unit area", "value": "210", "unit": "g/m²"}],
    )
    publish_datasheet_version(second, by=file_manager, effective=date(2026, 3, 1))

    datasheet.refresh_from_db()
    reloaded = Datasheet.objects.get(pk=datasheet.pk)
    assert reloaded.quick_code == datasheet.quick_code
    assert reloaded.state_on(date(2026, 2, 20)).version_id == first.pk
    assert reloaded.state_on(TODAY).version_id == second.pk
    assert verify(datasheet.quick_code).outcome == Outcome.VALID


def test_an_older_version_cannot_be_published_after_a_newer_one(
    datasheet: Datasheet, file_manager: User
) -> None:
    second = add_datasheet_version(datasheet, by=file_manager, trade_name="v2", characteristics=[])
    publish_datasheet_version(second, by=file_manager)
    with pytest.raises(DatasheetError):
        publish_datasheet_version(datasheet.versions.get(number=1), by=file_manager)


def test_a_withdrawn_datasheet_is_not_valid_from_its_withdrawal(
    datasheet: Datasheet, file_manager: User
) -> None:
    withdraw_datasheet(
        datasheet, by=file_manager, reason="Product discontinued.", effective=date(2026, 3, 1)
    )

    answer = verify(datasheet.quick_code)
    assert answer.outcome == Outcome.DATASHEET_WITHDRAWN
    assert answer.since == date(2026, 3, 1)
    assert verify(datasheet.quick_code, on=date(2026, 2, 28)).outcome == Outcome.VALID


def test_a_superseded_datasheet_names_its_replacement(
    datasheet: Datasheet, certified: Certificate, file_manager: User
) -> None:
    replacement = create_datasheet(
        certified, by=file_manager, product_name="Nonwoven 200 (new line)", trade_name="NW 200 N"
    )
    publish_datasheet_version(
        replacement.versions.get(), by=file_manager, effective=date(2026, 3, 1)
    )
    supersede_datasheet(
        datasheet, by=file_manager, replacement=replacement, effective=date(2026, 3, 2)
    )

    answer = verify(datasheet.quick_code)
    assert answer.outcome == Outcome.SUPERSEDED
    assert answer.superseded_by == [replacement.quick_code, replacement.product_name]
    assert quickcodes.format_code(replacement.quick_code) in answer.message


def test_legacy_codes_keep_their_value_without_a_check_digit(
    certified: Certificate, file_manager: User
) -> None:
    sheet = create_datasheet(
        certified,
        by=file_manager,
        product_name="Old geotextile",
        trade_name="Legacy",
        legacy_quick_code="1234 5670",
    )
    publish_datasheet_version(sheet.versions.get(), by=file_manager)

    assert sheet.quick_code == "12345670"
    assert sheet.quick_code_legacy
    assert not quickcodes.check_digit_ok("12345670")
    assert verify("12345670").outcome == Outcome.VALID


def test_a_legacy_code_already_in_use_is_refused(datasheet: Datasheet, file_manager: User) -> None:
    count = Datasheet.objects.count()
    with pytest.raises(QuickCodeTaken):
        create_datasheet(
            datasheet.certificate,
            by=file_manager,
            product_name="Copy",
            trade_name="Copy",
            legacy_quick_code=datasheet.quick_code,
        )
    assert Datasheet.objects.count() == count


def test_a_closed_file_gets_no_new_datasheets(
    certified: Certificate, decision_maker: User, file_manager: User
) -> None:
    certification.withdraw_certificate(certified, by=decision_maker, reason="Misuse.")
    with pytest.raises(DatasheetError):
        create_datasheet(certified, by=file_manager, product_name="X", trade_name="X")
    assert not Datasheet.objects.filter(certificate=certified).exists()


def test_only_a_file_manager_keeps_the_datasheets(
    datasheet: Datasheet, decision_maker: User, holder_member: User
) -> None:
    with pytest.raises(NotPermitted) as refusal:
        withdraw_datasheet(datasheet, by=holder_member, reason="Ours to say?")
    with pytest.raises(NotPermitted):
        add_datasheet_version(datasheet, by=decision_maker, trade_name="v2", characteristics=[])

    assert refusal.value.code == "role_not_allowed"
    assert verify(datasheet.quick_code).outcome == Outcome.VALID
    assert datasheet.versions.count() == 1


def test_another_holder_does_not_find_the_datasheet(
    datasheet: Datasheet, other_admin: User
) -> None:
    with pytest.raises(NotVisible):
        withdraw_datasheet(datasheet, by=other_admin, reason="A competitor's.")

    assert verify(datasheet.quick_code).outcome == Outcome.VALID


def test_a_draft_cannot_be_withdrawn_and_says_why(
    certified: Certificate, file_manager: User
) -> None:
    draft = create_datasheet(certified, by=file_manager, product_name="Woven", trade_name="GT W")

    with translation.override("en"), pytest.raises(DatasheetError) as refusal:
        withdraw_datasheet(draft, by=file_manager, reason="Never made.")

    assert refusal.value.code == "datasheet_error"
    assert "the datasheet is draft" in refusal.value.message
    assert "only possible when it is published" in refusal.value.message
