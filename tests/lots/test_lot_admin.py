"""The staff admin registers, plans and closes lot inspections only through the services."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qualimark.accounts.models import User
from qualimark.journal.services import entries_for
from qualimark.lots.lifecycle import LotStatus
from qualimark.lots.models import LotConformityDocument, LotInspectionRequest, LotRefusal
from qualimark.schemes.models import ReferenceDocument, Scheme


@pytest.fixture
def staff(client: Client, decision_maker: User) -> Client:
    """The decision maker in the admin, with every permission, reading English."""
    decision_maker.is_superuser = True
    decision_maker.save(update_fields=["is_superuser"])
    client.force_login(decision_maker)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def _url(name: str, *args: Any) -> str:
    return reverse(f"admin:lots_{name}", args=args)


def _inspection(ptv_829: ReferenceDocument, **changes: Any) -> dict[str, Any]:
    return {
        "document_kind": "ptv",
        "document_reference": "PTV 829",
        "document_version": ptv_829.versions.get(label="2021.2").pk,
        "lot_identification": "GT-2026-0311-A",
        "inspected_on": "2026-03-11",
        **changes,
    }


def test_staff_register_a_request_through_the_service_that_numbers_it(
    staff: Client, benor: Scheme
) -> None:
    response = staff.post(
        _url("lotinspectionrequest_add"),
        {
            "scheme": benor.pk,
            "product": "Geotextile rolls",
            "quantity": "40",
            "unit": "rolls",
            "town": "Gent",
            "requester_name": "Ann Claes",
            "requester_email": "ann@example.be",
            "requested_on": "2026-03-16",
        },
    )
    lot_request = LotInspectionRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("lotinspectionrequest_change", lot_request.pk)
    assert (lot_request.reference, lot_request.requested_by.email) == (  # type: ignore[union-attr]
        "P-2026-0001",
        "marc.dubois@copro.example",
    )


def test_a_request_the_service_refuses_is_shown_on_the_form(staff: Client, benor: Scheme) -> None:
    response = staff.post(
        _url("lotinspectionrequest_add"),
        {
            "scheme": benor.pk,
            "product": "Geotextile rolls",
            "quantity": "40",
            "unit": "rolls",
            "town": "Gent",
            "requested_on": "2026-03-16",
        },
    )
    assert response.status_code == 200
    assert "Say who asks for the inspection" in response.text
    assert not LotInspectionRequest.objects.exists()


def test_the_request_page_offers_the_steps_its_status_allows(
    staff: Client, lot_request: LotInspectionRequest
) -> None:
    listed = staff.get(_url("lotinspectionrequest_changelist")).text
    assert "P-2026-0001" in listed
    assert "Bram Janssens" in listed
    assert "1200 m²" in listed
    html = staff.get(_url("lotinspectionrequest_change", lot_request.pk)).text
    assert _url("lotinspectionrequest_plan", lot_request.pk) in html
    assert _url("lotinspectionrequest_cancel", lot_request.pk) in html
    assert _url("lotinspectionrequest_conformity", lot_request.pk) not in html
    assert "Tom Peeters" in html  # the contacts, inline


def test_staff_plan_then_issue_the_conformity_document(
    staff: Client, lot_request: LotInspectionRequest, inspector: User, ptv_829: ReferenceDocument
) -> None:
    planned = staff.post(
        _url("lotinspectionrequest_plan", lot_request.pk),
        {"inspector": inspector.pk, "planned_on": "2026-03-11"},
    )
    assert planned.status_code == 302
    issued = staff.post(
        _url("lotinspectionrequest_conformity", lot_request.pk), _inspection(ptv_829)
    )
    assert issued.status_code == 302
    lot_request.refresh_from_db()
    document = LotConformityDocument.objects.get()
    assert (lot_request.status, document.lot_identification) == (
        LotStatus.INSPECTED_CONFORM,
        "GT-2026-0311-A",
    )
    page = staff.get(_url("lotconformitydocument_change", document.pk)).text
    assert document.formatted_code in page
    assert f"/lots/{document.code}/lot.pdf" in page


def test_the_inspector_cannot_issue_the_document_through_the_admin_either(
    client: Client, planned: LotInspectionRequest, inspector: User, ptv_829: ReferenceDocument
) -> None:
    inspector.is_staff = inspector.is_superuser = True
    inspector.save(update_fields=["is_staff", "is_superuser"])
    client.force_login(inspector)
    response = client.post(
        _url("lotinspectionrequest_conformity", planned.pk),
        _inspection(ptv_829),
        headers={"accept-language": "en"},
    )
    assert response.status_code == 200
    assert "inspected lot P-2026-0001 and so cannot issue its document" in response.text
    assert not LotConformityDocument.objects.exists()


def test_staff_refuse_a_lot_with_one_failed_characteristic_a_line(
    staff: Client, planned: LotInspectionRequest, ptv_829: ReferenceDocument
) -> None:
    url = _url("lotinspectionrequest_refuse", planned.pk)
    bad = staff.post(url, _inspection(ptv_829, failed="tensile strength ≥ 12 kN/m"))
    assert bad.status_code == 200
    assert "Line 1 does not read: characteristic | requirement | measured value." in bad.text

    good = staff.post(
        url,
        _inspection(
            ptv_829,
            failed="tensile strength (MD) | ≥ 12 kN/m | 9.8 kN/m\n\nmass | 200 g/m² | 168 g/m²",
        ),
    )
    assert good.status_code == 302
    refusal = LotRefusal.objects.get()
    assert [f.characteristic for f in refusal.failed_characteristics.all()] == [
        "tensile strength (MD)",
        "mass",
    ]
    pdf = staff.get(reverse("backoffice:lot-refusal", args=(refusal.request.reference,)))
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    assert "9.8 kN/m" in staff.get(_url("lotrefusal_change", refusal.pk)).text


def test_a_step_the_status_does_not_allow_is_refused_with_its_reason(
    staff: Client, lot_request: LotInspectionRequest, ptv_829: ReferenceDocument
) -> None:
    response = staff.post(
        _url("lotinspectionrequest_conformity", lot_request.pk), _inspection(ptv_829)
    )
    assert response.status_code == 200
    assert "Cannot issue the conformity document" in response.text


def test_documents_and_refusals_cannot_be_added_changed_or_deleted(
    staff: Client, conformity: LotConformityDocument
) -> None:
    assert staff.get(_url("lotconformitydocument_add")).status_code == 403
    assert staff.get(_url("lotconformitydocument_delete", conformity.pk)).status_code == 403
    assert staff.get(_url("lotinspectionrequest_delete", conformity.request.pk)).status_code == 403
    assert staff.get(_url("lotrefusal_add")).status_code == 403


def test_staff_add_a_contact_to_a_request_and_the_journal_notes_it(
    staff: Client, lot_request: LotInspectionRequest
) -> None:
    contacts = list(lot_request.contacts.order_by("id"))
    data: dict[str, Any] = {
        "contacts-TOTAL_FORMS": "3",
        "contacts-INITIAL_FORMS": "2",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1000",
    }
    for index, contact in enumerate(contacts):
        data |= {
            f"contacts-{index}-id": contact.pk,
            f"contacts-{index}-request": lot_request.pk,
            f"contacts-{index}-role": contact.role,
            f"contacts-{index}-name": contact.name,
            f"contacts-{index}-company": contact.company,
            f"contacts-{index}-phone": contact.phone,
            f"contacts-{index}-email": contact.email,
        }
    data |= {
        "contacts-2-request": lot_request.pk,
        "contacts-2-role": "contractor",
        "contacts-2-name": "Wegenbouw Janssens",
        "contacts-2-phone": "+32 3 987 65 43",
    }
    response = staff.post(_url("lotinspectionrequest_change", lot_request.pk), data)

    assert response.status_code == 302
    assert lot_request.contacts.count() == 3
    assert "lotinspectionrequest.details_changed" in [e.action for e in entries_for(lot_request)]
    lot_request.refresh_from_db()
    assert lot_request.status == LotStatus.REQUESTED
