"""A lot is requested, planned and inspected; then someone who did not inspect it issues the
conformity document or the refusal."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.utils import translation

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.errors import NotPermitted, NotVisible, SeparationOfDutiesError
from qualimark.journal.services import entries_for
from qualimark.lots import codes, services
from qualimark.lots.lifecycle import LotStatus, LotTransitionNotAllowed
from qualimark.lots.models import (
    ContactRole,
    InspectionDocumentKind,
    LotConformityDocument,
    LotInspectionRequest,
    LotRefusal,
    QuantityUnit,
    format_quantity,
)
from qualimark.parties.models import Organisation
from qualimark.records import AppendOnlyError
from qualimark.schemes.models import Kind, Scheme, Subject
from qualimark.verification.verify import Outcome, verify
from tests.conftest import BRUSSELS
from tests.lots.conftest import INSPECTED_ON, LOT, PRODUCT, REQUESTED_ON

FAILED = [
    services.FailedCheck("tensile strength (MD)", "≥ 12 kN/m", "9.8 kN/m"),
    services.FailedCheck("mass per unit area", "200 g/m² ± 10 %", "168 g/m²"),
]


def _request(scheme: Scheme, **changes: Any) -> LotInspectionRequest:
    fields: dict[str, Any] = {
        "by": None,
        "scheme": scheme,
        "product": "Geotextile",
        "quantity": Decimal("40"),
        "unit": QuantityUnit.ROLLS,
        "town": "Gent",
        "requester_name": "Ann Claes",
        "requester_email": "ann@example.be",
        **changes,
    }
    return services.request_lot_inspection(**fields)


def test_a_request_gets_a_yearly_reference_its_contacts_and_a_journal_entry(
    lot_request: LotInspectionRequest, benor: Scheme
) -> None:
    assert lot_request.reference == "P-2026-0001"
    assert lot_request.status == LotStatus.REQUESTED
    assert lot_request.requester == "Bram Janssens"
    assert lot_request.quantity_text == "1200 m²"
    assert lot_request.location == "Kaai 12, 2000 Antwerpen"
    assert sorted((c.role, c.name) for c in lot_request.contacts.all()) == [
        (ContactRole.INSPECTION_SITE, "Tom Peeters"),
        (ContactRole.PRODUCER, "Ilse Geerts"),
    ]
    assert [e.action for e in entries_for(lot_request)] == ["lot.requested"]
    assert _request(benor).reference == "P-2026-0002"


def test_references_start_again_at_one_each_year(benor: Scheme) -> None:
    last_year = _request(benor, requested_on=date(2025, 12, 30))
    this_year = _request(benor)
    assert (last_year.reference, this_year.reference) == ("P-2025-0001", "P-2026-0001")


def test_an_organisation_may_request_without_a_personal_address(
    benor: Scheme, holder: Organisation, file_manager: User
) -> None:
    lot_request = _request(
        benor, by=file_manager, requester_organisation=holder, requester_name="", requester_email=""
    )
    assert (lot_request.requester, lot_request.requested_by) == ("Geotex Belgium", file_manager)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"quantity": Decimal("0")}, "The quantity must be a number above zero."),
        ({"quantity": Decimal("-3")}, "The quantity must be a number above zero."),
        ({"quantity": "lots"}, "The quantity must be a number."),
        ({"quantity": Decimal("1.2345")}, "The quantity can have at most three decimals."),
        ({"quantity": Decimal("1e12")}, "This quantity is too large for one lot."),
        ({"unit": "barrels"}, "barrels is not a unit of quantity."),
        ({"product": "  "}, "Describe the product of the lot."),
        ({"town": ""}, "Say in which town the lot can be inspected."),
        (
            {"requester_name": "", "requester_email": ""},
            "Say who asks for the inspection: an organisation, or a name and an e-mail address.",
        ),
        ({"requester_email": "ann at example"}, "ann at example is not an e-mail address."),
        ({"requested_on": date(2026, 3, 17)}, "A request cannot be dated in the future."),
        ({"product": "x" * 201}, "Product: Ensure this value has at most 200 characters"),
    ],
)
def test_a_request_that_does_not_hold_is_refused_with_a_clear_message(
    benor: Scheme, changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(services.InvalidLotRequest) as refused:
        _request(benor, **changes)
    assert str(refused.value).startswith(message)
    assert not LotInspectionRequest.objects.exists()


def test_a_contact_without_a_name_or_with_a_bad_address_is_refused(benor: Scheme) -> None:
    with pytest.raises(services.InvalidLotRequest, match="Every contact needs a name"):
        _request(benor, contacts=[services.ContactDetails(ContactRole.CLIENT, " ")])
    with pytest.raises(services.InvalidLotRequest, match="is not an e-mail address"):
        _request(benor, contacts=[services.ContactDetails(ContactRole.CLIENT, "Jo", email="jo@")])


def test_a_lot_is_inspected_for_a_product_mark_not_an_execution_mark(
    benor: Scheme, geotextiles: Subject
) -> None:
    execution_mark = Scheme.objects.create(
        code="COPRO.EXE", name="COPRO.EXE", owner="COPRO", kind=Kind.EXECUTION
    )
    with pytest.raises(services.InvalidLotRequest, match="certifies executions"):
        _request(execution_mark)
    geotextiles.kind = Kind.EXECUTION
    with pytest.raises(services.InvalidLotRequest, match="is an execution type"):
        _request(benor, subject=geotextiles)


def test_request_plan_and_conformity_give_a_document_naming_product_quantity_and_lot(
    conformity: LotConformityDocument, decision_maker: User, inspector: User
) -> None:
    lot_request = conformity.request
    assert lot_request.status == LotStatus.INSPECTED_CONFORM
    assert (lot_request.inspector, lot_request.inspected_on) == (inspector, INSPECTED_ON)
    assert lot_request.inspection_document == ("PTV 829, version 2021.2")
    assert (conformity.product, conformity.quantity_text, conformity.lot_identification) == (
        PRODUCT,
        "1200 m²",
        LOT,
    )
    assert (conformity.issued_on, conformity.issued_by) == (date(2026, 3, 16), decision_maker)
    assert codes.check_digit_ok(conformity.code)
    assert conformity.formatted_code == f"L {conformity.code[1:5]} {conformity.code[5:]}"
    assert [e.action for e in entries_for(lot_request).order_by("id")] == [
        "lot.requested",
        "lot.planned",
        "lot.conformity_issued",
    ]


def test_the_conformity_document_is_kept_for_good(conformity: LotConformityDocument) -> None:
    conformity.lot_identification = "something else"
    with pytest.raises(AppendOnlyError):
        conformity.save()
    with pytest.raises(AppendOnlyError):
        conformity.delete()


def test_the_inspector_cannot_issue_the_conformity_document(
    planned: LotInspectionRequest, inspector: User, ptv_document: services.InspectionDocument
) -> None:
    with pytest.raises(NotPermitted, match="Els Wouters may not issue"):
        services.record_lot_conformity(
            planned,
            by=inspector,
            document=ptv_document,
            lot_identification=LOT,
            inspected_on=INSPECTED_ON,
        )
    planned.refresh_from_db()
    assert planned.status == LotStatus.PLANNED
    assert not LotConformityDocument.objects.exists()


def test_the_inspector_cannot_issue_the_refusal_either(
    planned: LotInspectionRequest, inspector: User
) -> None:
    with pytest.raises(NotPermitted):
        services.refuse_lot(planned, by=inspector, failed=FAILED, inspected_on=INSPECTED_ON)
    assert not LotRefusal.objects.exists()


def test_a_file_manager_who_inspected_the_lot_cannot_issue_its_document(
    lot_request: LotInspectionRequest,
    file_manager: User,
    ptv_document: services.InspectionDocument,
) -> None:
    services.plan_lot_inspection(
        lot_request, by=file_manager, inspector=file_manager, planned_on=INSPECTED_ON
    )
    with pytest.raises(SeparationOfDutiesError, match="Sofie Claes inspected lot P-2026-0001"):
        services.record_lot_conformity(
            lot_request,
            by=file_manager,
            document=ptv_document,
            lot_identification=LOT,
            inspected_on=INSPECTED_ON,
        )
    assert not LotConformityDocument.objects.exists()


def test_only_a_file_manager_plans_and_cancels_a_lot_inspection(
    lot_request: LotInspectionRequest, decision_maker: User, inspector: User, outsider: User
) -> None:
    with pytest.raises(NotPermitted, match="may not plan the inspection"):
        services.plan_lot_inspection(
            lot_request, by=decision_maker, inspector=inspector, planned_on=INSPECTED_ON
        )
    with pytest.raises(NotVisible):
        services.cancel_lot_inspection(lot_request, by=outsider, reason="Not mine anyway.")
    lot_request.refresh_from_db()
    assert lot_request.status == LotStatus.REQUESTED


def test_a_request_in_the_name_of_an_organisation_is_for_its_users_or_staff(
    benor: Scheme, holder: Organisation, holder_member: User, other_admin: User
) -> None:
    with pytest.raises(NotPermitted, match="in the name of an organisation"):
        _request(benor, by=other_admin, requester_organisation=holder)
    with pytest.raises(NotPermitted):
        _request(benor, by=None, requester_organisation=holder)
    made = _request(benor, by=holder_member, requester_organisation=holder)
    assert made.requester_organisation == holder


def test_a_refused_lot_lists_its_failed_characteristics_and_has_no_verifiable_code(
    planned: LotInspectionRequest,
    decision_maker: User,
    ptv_document: services.InspectionDocument,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        refusal = services.refuse_lot(
            planned,
            by=decision_maker,
            failed=FAILED,
            inspected_on=INSPECTED_ON,
            document=ptv_document,
            lot_identification=LOT,
        )
    planned.refresh_from_db()
    assert planned.status == LotStatus.REFUSED
    assert [
        (f.characteristic, f.requirement, f.measured_value)
        for f in refusal.failed_characteristics.all()
    ] == [
        ("tensile strength (MD)", "≥ 12 kN/m", "9.8 kN/m"),
        ("mass per unit area", "200 g/m² ± 10 %", "168 g/m²"),
    ]
    assert not LotConformityDocument.objects.exists()
    # The requester is told of the refusal without any code or address to verify it at.
    [message] = mail.outbox
    assert "refused" in message.subject
    assert "9.8 kN/m" in message.body
    assert "code" not in message.body
    assert "/v/" not in message.body
    # Nothing of the request answers as a code: neither its reference nor its lot number
    # has the form of one.
    assert verify(planned.reference).outcome == Outcome.MALFORMED
    assert not verify(LOT).valid


def test_a_refusal_needs_failed_characteristics_with_requirement_and_measured_value(
    planned: LotInspectionRequest, decision_maker: User
) -> None:
    with pytest.raises(services.InvalidLotInspection, match="at least one failed"):
        services.refuse_lot(planned, by=decision_maker, failed=[], inspected_on=INSPECTED_ON)
    with pytest.raises(services.InvalidLotInspection, match="requirement and its measured value"):
        services.refuse_lot(
            planned,
            by=decision_maker,
            failed=[services.FailedCheck("tensile strength", "≥ 12 kN/m", "")],
            inspected_on=INSPECTED_ON,
        )


def test_no_document_is_issued_before_the_inspection_is_planned(
    lot_request: LotInspectionRequest,
    decision_maker: User,
    ptv_document: services.InspectionDocument,
) -> None:
    with pytest.raises(LotTransitionNotAllowed, match="the lot request is requested"):
        services.record_lot_conformity(
            lot_request,
            by=decision_maker,
            document=ptv_document,
            lot_identification=LOT,
            inspected_on=INSPECTED_ON,
        )


def test_an_inspected_lot_cannot_be_planned_refused_or_cancelled_again(
    conformity: LotConformityDocument, file_manager: User, decision_maker: User, inspector: User
) -> None:
    lot_request = conformity.request
    with pytest.raises(LotTransitionNotAllowed):
        services.plan_lot_inspection(
            lot_request, by=file_manager, inspector=inspector, planned_on=date(2026, 3, 20)
        )
    with pytest.raises(LotTransitionNotAllowed):
        services.refuse_lot(
            lot_request, by=decision_maker, failed=FAILED, inspected_on=INSPECTED_ON
        )
    with pytest.raises(LotTransitionNotAllowed):
        services.cancel_lot_inspection(lot_request, by=file_manager, reason="Too late.")


def test_a_planned_inspection_can_be_planned_again_with_another_inspector(
    planned: LotInspectionRequest, file_manager: User, decision_maker: User
) -> None:
    services.plan_lot_inspection(
        planned, by=file_manager, inspector=decision_maker, planned_on=date(2026, 3, 12)
    )
    assert (planned.status, planned.inspector, planned.planned_on) == (
        LotStatus.PLANNED,
        decision_maker,
        date(2026, 3, 12),
    )
    # Now the decision maker inspected: they cannot issue the document.
    with pytest.raises(SeparationOfDutiesError):
        services.refuse_lot(planned, by=decision_maker, failed=FAILED, inspected_on=INSPECTED_ON)


def test_an_inspection_cannot_be_planned_before_the_request(
    lot_request: LotInspectionRequest, file_manager: User, inspector: User
) -> None:
    with pytest.raises(services.InvalidLotInspection, match="before the request"):
        services.plan_lot_inspection(
            lot_request, by=file_manager, inspector=inspector, planned_on=date(2026, 3, 1)
        )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"inspected_on": date(2026, 3, 17)}, "before it took place"),
        ({"inspected_on": date(2026, 3, 1)}, "before it was requested"),
        ({"lot_identification": " "}, "give the lot identification"),
        ({"lot_identification": "x" * 101}, "at most 100 characters"),
        (
            {"document": services.InspectionDocument(InspectionDocumentKind.STANDARD)},
            "Name the document the lot was inspected against.",
        ),
    ],
)
def test_an_outcome_that_does_not_hold_is_refused_and_nothing_is_issued(
    planned: LotInspectionRequest,
    decision_maker: User,
    ptv_document: services.InspectionDocument,
    changes: dict[str, Any],
    message: str,
) -> None:
    fields: dict[str, Any] = {
        "document": ptv_document,
        "lot_identification": LOT,
        "inspected_on": INSPECTED_ON,
        **changes,
    }
    with pytest.raises(services.InvalidLotInspection, match=message):
        services.record_lot_conformity(planned, by=decision_maker, **fields)
    planned.refresh_from_db()
    assert (planned.status, planned.lot_identification) == (LotStatus.PLANNED, "")


def test_a_written_agreement_is_cited_by_its_reference(
    planned: LotInspectionRequest, decision_maker: User
) -> None:
    document = services.InspectionDocument(
        InspectionDocumentKind.WRITTEN_AGREEMENT, "Agreement 2026/14 with the city of Antwerp"
    )
    services.record_lot_conformity(
        planned,
        by=decision_maker,
        document=document,
        lot_identification=LOT,
        inspected_on=INSPECTED_ON,
    )
    assert planned.inspection_document == (
        "Agreement 2026/14 with the city of Antwerp (written agreement)"
    )


def test_a_request_can_be_cancelled_with_a_reason(
    lot_request: LotInspectionRequest, file_manager: User
) -> None:
    with pytest.raises(services.InvalidLotRequest, match="Say why"):
        services.cancel_lot_inspection(lot_request, by=file_manager, reason=" ")
    services.cancel_lot_inspection(lot_request, by=file_manager, reason="The lot was sold.")
    assert lot_request.status == LotStatus.CANCELLED
    latest = entries_for(lot_request).order_by("id").last()
    assert latest is not None
    assert (latest.action, latest.data) == ("lot.cancelled", {"reason": "The lot was sold."})


def test_the_requester_is_told_by_e_mail_once_each_step_is_committed(
    benor: Scheme,
    file_manager: User,
    inspector: User,
    decision_maker: User,
    ptv_document: services.InspectionDocument,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        lot_request = _request(benor, requested_on=REQUESTED_ON)
    services.plan_lot_inspection(
        lot_request, by=file_manager, inspector=inspector, planned_on=INSPECTED_ON
    )
    with django_capture_on_commit_callbacks(execute=True):
        document = services.record_lot_conformity(
            lot_request,
            by=decision_maker,
            document=ptv_document,
            lot_identification=LOT,
            inspected_on=INSPECTED_ON,
        )
    assert [m.to for m in mail.outbox] == [["ann@example.be"]] * 2
    assert "P-2026-0001" in mail.outbox[0].subject
    assert document.formatted_code in mail.outbox[1].subject
    assert f"/v/{document.code}" in mail.outbox[1].body


def test_a_step_that_fails_sends_no_e_mail(
    planned: LotInspectionRequest, inspector: User, django_capture_on_commit_callbacks: Any
) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(NotPermitted),
    ):
        services.refuse_lot(planned, by=inspector, failed=FAILED, inspected_on=INSPECTED_ON)
    assert callbacks == []
    assert mail.outbox == []


def test_the_issue_date_is_the_day_of_issue_not_of_the_inspection(
    planned: LotInspectionRequest, decision_maker: User, ptv_document: services.InspectionDocument
) -> None:
    with clock.frozen_at(datetime(2026, 3, 18, 9, 0, tzinfo=BRUSSELS)):
        document = services.record_lot_conformity(
            planned,
            by=decision_maker,
            document=ptv_document,
            lot_identification=LOT,
            inspected_on=INSPECTED_ON,
        )
    assert (document.issued_on, planned.inspected_on) == (date(2026, 3, 18), INSPECTED_ON)


@pytest.mark.parametrize(
    ("quantity", "unit", "language", "text"),
    [
        (Decimal("1200.000"), QuantityUnit.SQUARE_METRES, "en", "1200 m²"),
        (Decimal("12.500"), QuantityUnit.TONNES, "en", "12.5 t"),
        (Decimal("12.500"), QuantityUnit.TONNES, "fr", "12,5 t"),
        (Decimal("0.125"), QuantityUnit.CUBIC_METRES, "nl", "0,125 m³"),
        (Decimal("40"), QuantityUnit.ROLLS, "en", "40 rolls"),
    ],
)
def test_a_quantity_reads_without_trailing_zeros_in_the_readers_language(
    quantity: Decimal, unit: QuantityUnit, language: str, text: str
) -> None:
    with translation.override(language):
        assert format_quantity(quantity, unit) == text


def test_a_standard_is_named_as_such(planned: LotInspectionRequest, decision_maker: User) -> None:
    document = services.InspectionDocument(InspectionDocumentKind.STANDARD, "NBN EN 13249")
    services.record_lot_conformity(
        planned,
        by=decision_maker,
        document=document,
        lot_identification=LOT,
        inspected_on=INSPECTED_ON,
    )
    assert planned.inspection_document == "NBN EN 13249 (standard)"
