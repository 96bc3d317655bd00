"""Lot inspections in the back-office: file managers register and plan, someone who did not
inspect the lot issues the conformity document or the refusal, inspectors and auditors read."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from qualimark.accounts.models import User
from qualimark.journal.services import entries_for
from qualimark.lots import services
from qualimark.lots.lifecycle import LotStatus
from qualimark.lots.models import (
    ContactRole,
    InspectionDocumentKind,
    LotConformityDocument,
    LotInspectionRequest,
    LotRefusal,
    QuantityUnit,
)
from qualimark.oversight.models import InspectionBody
from qualimark.parties.models import Organisation
from qualimark.schemes.models import DocumentVersion, Programme, Scheme, Subject

from .conftest import SignIn

REQUESTED_ON = date(2026, 3, 2)
PLANNED_ON = date(2026, 3, 11)
LOT = "GT-2026-0311-A"


def _request(scheme: Scheme, **changes: Any) -> LotInspectionRequest:
    fields: dict[str, Any] = {
        "by": None,
        "scheme": scheme,
        "product": "Nonwoven geotextile 200 g/m²",
        "quantity": Decimal("1200"),
        "unit": QuantityUnit.SQUARE_METRES,
        "street": "Kaai 12",
        "postal_code": "2000",
        "town": "Antwerpen",
        "requester_name": "Bram Janssens",
        "requester_email": "bram@wegenbouw.example",
        "requested_on": REQUESTED_ON,
        **changes,
    }
    return services.request_lot_inspection(**fields)


@pytest.fixture
def lot_request(benor: Scheme, geotextiles: Subject) -> LotInspectionRequest:
    """A request sent through the public web form, with the contact on the site."""
    return _request(
        benor,
        subject=geotextiles,
        contacts=[
            services.ContactDetails(
                role=ContactRole.INSPECTION_SITE, name="Tom Peeters", phone="+32 3 123 45 67"
            )
        ],
    )


@pytest.fixture
def planned(
    lot_request: LotInspectionRequest, file_manager: User, inspector: User, body: InspectionBody
) -> LotInspectionRequest:
    """Planned with Els Wouters, an inspector of Inspecta Belgium."""
    return services.plan_lot_inspection(
        lot_request, by=file_manager, inspector=inspector, planned_on=PLANNED_ON
    )


def lot_url(lot_request: LotInspectionRequest, step: str = "") -> str:
    if step:
        return reverse("backoffice:lot-step", args=(lot_request.reference, step))
    return reverse("backoffice:lot", args=(lot_request.reference,))


def steps_offered(client: Client, lot_request: LotInspectionRequest) -> set[str]:
    response = client.get(lot_url(lot_request))
    assert response.status_code == 200
    text = response.text
    if 'data-testid="lot-steps"' not in text:
        return set()
    buttons = text.split('data-testid="lot-steps"')[1].split("</ul>")[0]
    prefix = lot_url(lot_request)
    return {part.split('"')[0].strip("/") for part in buttons.split(f'href="{prefix}')[1:]}


def inspection(ptv_version: DocumentVersion, **changes: Any) -> dict[str, Any]:
    return {
        "inspected_on": "2026-03-11",
        "lot_identification": LOT,
        "document_kind": InspectionDocumentKind.PTV,
        "document_reference": "PTV 829",
        "document_version": ptv_version.pk,
        **changes,
    }


def failed_rows(*rows: tuple[str, str, str]) -> dict[str, str]:
    data = {}
    for index, (characteristic, requirement, measured) in enumerate(rows):
        data[f"failed-{index}-characteristic"] = characteristic
        data[f"failed-{index}-requirement"] = requirement
        data[f"failed-{index}-measured_value"] = measured
    return data


# -- registering ---------------------------------------------------------------------------


def test_a_file_manager_registers_a_request_in_the_name_of_an_organisation(
    sign_in: SignIn, file_manager: User, benor: Scheme, holder: Organisation
) -> None:
    client = sign_in(file_manager)
    listed = client.get(reverse("backoffice:lots")).text
    assert f'href="{reverse("backoffice:lot-new")}"' in listed
    form = client.get(reverse("backoffice:lot-new"))
    assert form.status_code == 200
    assert 'name="contacts-more"' in form.text  # more rows without a script

    response = client.post(
        reverse("backoffice:lot-new"),
        {
            "requester_organisation": holder.pk,
            "scheme": benor.pk,
            "product": "Geotextile rolls",
            "quantity": "40",
            "unit": "rolls",
            "town": "Gent",
            "requested_on": "2026-03-16",
            "contacts-0-role": ContactRole.INSPECTION_SITE,
            "contacts-0-name": "Tom Peeters",
            "contacts-0-phone": "+32 3 123 45 67",
            "contacts-1-role": "",
            "contacts-1-name": "",
        },
        follow=True,
    )

    lot_request = LotInspectionRequest.objects.get()
    assert response.redirect_chain == [(lot_url(lot_request), 302)]
    assert "Request P-2026-0001 is registered." in response.text
    assert (lot_request.requested_by, lot_request.requester_organisation) == (file_manager, holder)
    assert [(c.role, c.name) for c in lot_request.contacts.all()] == [
        (ContactRole.INSPECTION_SITE, "Tom Peeters")
    ]
    assert "Tom Peeters" in response.text
    assert "Geotex Belgium" in response.text


def test_a_request_the_service_refuses_is_shown_and_nothing_is_recorded(
    sign_in: SignIn, file_manager: User, benor: Scheme
) -> None:
    data = {
        "scheme": benor.pk,
        "product": "Geotextile rolls",
        "quantity": "40",
        "unit": "rolls",
        "town": "Gent",
        "requested_on": "2026-03-16",
    }
    client = sign_in(file_manager)
    nobody = client.post(reverse("backoffice:lot-new"), data)
    assert nobody.status_code == 200
    assert "Nothing was recorded" in nobody.text
    assert "Say who asks for the inspection" in nobody.text

    nameless = client.post(
        reverse("backoffice:lot-new"),
        {
            **data,
            "requester_name": "Ann Claes",
            "requester_email": "ann@example.be",
            "contacts-0-role": "",
            "contacts-0-company": "Opslag Kaai",
        },
    )
    assert nameless.status_code == 200
    assert "Row 1 needs the contact&#x27;s role and name." in nameless.text
    assert not LotInspectionRequest.objects.exists()


@pytest.mark.parametrize("persona", ["auditor", "inspector"])
def test_auditors_and_inspectors_register_no_request(
    request: pytest.FixtureRequest, sign_in: SignIn, persona: str, body: InspectionBody
) -> None:
    client = sign_in(request.getfixturevalue(persona))
    assert reverse("backoffice:lot-new") not in client.get(reverse("backoffice:lots")).text
    assert client.get(reverse("backoffice:lot-new")).status_code == 403


# -- the list ------------------------------------------------------------------------------


def test_the_list_shows_the_open_requests_unless_asked_otherwise(
    sign_in: SignIn, file_manager: User, lot_request: LotInspectionRequest, benor: Scheme
) -> None:
    cancelled = _request(benor, product="Geogrid")
    services.cancel_lot_inspection(cancelled, by=file_manager, reason="Withdrawn by phone.")
    client = sign_in(file_manager)

    page = client.get(reverse("backoffice:lots")).text
    assert "Lot inspections" in page
    assert lot_request.reference in page
    assert "1200 m²" in page
    assert "Bram Janssens" in page
    assert cancelled.reference not in page

    shown = client.get(reverse("backoffice:lots"), {"status": "cancelled"}).text
    assert cancelled.reference in shown
    assert lot_request.reference not in shown
    every = client.get(reverse("backoffice:lots"), {"status": "all"}).text
    assert cancelled.reference in every
    assert lot_request.reference in every


def test_an_inspector_sees_the_lots_assigned_to_them_and_only_those(
    sign_in: SignIn,
    inspector: User,
    other_inspector: User,
    file_manager: User,
    planned: LotInspectionRequest,
    benor: Scheme,
) -> None:
    others = _request(benor, product="Geogrid")
    services.plan_lot_inspection(
        others, by=file_manager, inspector=other_inspector, planned_on=PLANNED_ON
    )
    unplanned = _request(benor, product="Drainage mat")
    client = sign_in(inspector)

    page = client.get(reverse("backoffice:lots")).text
    assert planned.reference in page
    assert others.reference not in page
    assert unplanned.reference not in page
    mine = client.get(reverse("backoffice:lots"), {"inspector": "mine"}).text
    assert planned.reference in mine
    assert client.get(lot_url(others)).status_code == 404
    assert client.get(lot_url(unplanned, "plan")).status_code == 404

    lot_page = client.get(lot_url(planned)).text
    assert "Tom Peeters" in lot_page  # whom to call on the site
    assert steps_offered(client, planned) == set()


def test_staff_who_also_inspect_filter_the_lots_assigned_to_them(
    sign_in: SignIn,
    file_manager: User,
    body: InspectionBody,
    planned: LotInspectionRequest,
    benor: Scheme,
) -> None:
    body.inspectors.add(file_manager)
    own = _request(benor, product="Geogrid")
    services.plan_lot_inspection(
        own, by=file_manager, inspector=file_manager, planned_on=PLANNED_ON
    )
    client = sign_in(file_manager)

    everyone = client.get(reverse("backoffice:lots")).text
    assert planned.reference in everyone
    assert own.reference in everyone
    mine = client.get(reverse("backoffice:lots"), {"inspector": "mine"}).text
    assert own.reference in mine
    assert planned.reference not in mine


def test_staff_who_do_not_inspect_are_offered_no_inspector_filter(
    sign_in: SignIn, decision_maker: User
) -> None:
    page = sign_in(decision_maker).get(reverse("backoffice:lots")).text
    assert 'name="status"' in page
    assert 'name="inspector"' not in page


def test_the_list_costs_the_same_for_many_requests_and_pages_by_fifty(
    sign_in: SignIn,
    file_manager: User,
    inspector: User,
    body: InspectionBody,
    benor: Scheme,
    holder: Organisation,
    django_assert_max_num_queries: Any,
) -> None:
    def add(count: int) -> None:
        for _number in range(count):
            lot_request = _request(
                benor, requester_organisation=holder, by=file_manager, requester_email=""
            )
            services.plan_lot_inspection(
                lot_request, by=file_manager, inspector=inspector, planned_on=PLANNED_ON
            )

    add(2)
    client = sign_in(file_manager)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("backoffice:lots"))
    add(58)
    with django_assert_max_num_queries(len(few)):
        response = client.get(reverse("backoffice:lots"))
    assert response.text.count('href="/en/office/lots/P-2026-') == 50
    assert "60 requests." in response.text
    assert "Page 1 of 2" in response.text
    second = client.get(reverse("backoffice:lots"), {"status": "open", "page": "2"}).text
    assert second.count('href="/en/office/lots/P-2026-') == 10


def test_the_nav_leads_to_the_lot_inspections(sign_in: SignIn, file_manager: User) -> None:
    page = sign_in(file_manager).get(reverse("backoffice:queue")).text
    nav = page.split('aria-label="Main"')[1].split("</nav>")[0]
    assert f'href="{reverse("backoffice:lots")}"' in nav
    assert "Lot inspections" in nav


# -- the steps -----------------------------------------------------------------------------


def test_a_file_manager_plans_the_inspection(
    sign_in: SignIn,
    file_manager: User,
    lot_request: LotInspectionRequest,
    inspector: User,
    body: InspectionBody,
) -> None:
    client = sign_in(file_manager)
    assert steps_offered(client, lot_request) == {"plan", "cancel"}
    form = client.get(lot_url(lot_request, "plan")).text
    assert 'type="date"' in form
    assert "Els Wouters" in form

    response = client.post(
        lot_url(lot_request, "plan"),
        {"inspector": inspector.pk, "planned_on": PLANNED_ON.isoformat()},
        follow=True,
    )

    assert f"The inspection of {lot_request.reference} is planned." in response.text
    lot_request.refresh_from_db()
    assert (lot_request.status, lot_request.inspector, lot_request.planned_on) == (
        LotStatus.PLANNED,
        inspector,
        PLANNED_ON,
    )
    assert "Inspection planned" in response.text  # the history


def test_a_plan_the_service_refuses_is_shown_and_nothing_changes(
    sign_in: SignIn,
    file_manager: User,
    lot_request: LotInspectionRequest,
    inspector: User,
    body: InspectionBody,
) -> None:
    response = sign_in(file_manager).post(
        lot_url(lot_request, "plan"), {"inspector": inspector.pk, "planned_on": "2026-02-27"}
    )
    assert response.status_code == 200
    assert "The inspection cannot be planned before the request" in response.text
    lot_request.refresh_from_db()
    assert lot_request.status == LotStatus.REQUESTED


def test_a_decision_maker_issues_the_conformity_document(
    sign_in: SignIn,
    decision_maker: User,
    planned: LotInspectionRequest,
    ptv_version: DocumentVersion,
) -> None:
    client = sign_in(decision_maker)
    assert steps_offered(client, planned) == {"conformity", "refuse"}
    form = client.get(lot_url(planned, "conformity")).text
    assert f'value="{ptv_version.pk}"' in form  # the versions of the lot's programme

    response = client.post(lot_url(planned, "conformity"), inspection(ptv_version), follow=True)

    document = LotConformityDocument.objects.get()
    assert (
        f"The lot of {planned.reference} conforms: conformity document "
        f"{document.formatted_code} is issued." in response.text
    )
    outcome = response.text.split('data-testid="lot-outcome"')[1]
    assert document.formatted_code in outcome
    assert reverse("public:lot", args=(document.code,)) in outcome
    assert reverse("public:lot-pdf", args=(document.code,)) in outcome
    assert steps_offered(client, planned) == set()
    pdf = client.get(reverse("public:lot-pdf", args=(document.code,)))
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")


def test_the_inspector_of_the_lot_issues_no_outcome(
    sign_in: SignIn, inspector: User, planned: LotInspectionRequest, ptv_version: DocumentVersion
) -> None:
    client = sign_in(inspector)
    assert steps_offered(client, planned) == set()
    assert client.get(lot_url(planned, "conformity")).status_code == 403
    refused = client.post(lot_url(planned, "conformity"), inspection(ptv_version))
    assert refused.status_code == 403
    assert "Els Wouters may not issue the conformity document" in refused.text
    assert not LotConformityDocument.objects.exists()


def test_a_file_manager_who_inspected_the_lot_issues_no_outcome(
    sign_in: SignIn,
    file_manager: User,
    lot_request: LotInspectionRequest,
    geotextiles_benor: Programme,
    ptv_version: DocumentVersion,
) -> None:
    services.plan_lot_inspection(
        lot_request, by=file_manager, inspector=file_manager, planned_on=PLANNED_ON
    )
    client = sign_in(file_manager)
    assert steps_offered(client, lot_request) == {"plan", "cancel"}
    data = inspection(ptv_version) | failed_rows(("mass", "200 g/m²", "168 g/m²"))
    refused = client.post(lot_url(lot_request, "refuse"), data)
    assert refused.status_code == 403
    assert "inspected lot P-2026-0001 and so cannot issue its document" in refused.text
    assert not LotRefusal.objects.exists()


def test_a_lot_is_refused_with_its_failed_characteristics_as_rows(
    sign_in: SignIn,
    decision_maker: User,
    planned: LotInspectionRequest,
    ptv_version: DocumentVersion,
) -> None:
    client = sign_in(decision_maker)
    url = lot_url(planned, "refuse")
    form = client.get(url).text
    assert 'name="failed-0-characteristic"' in form
    assert 'name="failed-3-characteristic"' not in form

    more = client.post(
        url,
        {**inspection(ptv_version), **failed_rows(("tensile strength", "≥ 12 kN/m", "9.8 kN/m"))}
        | {"failed-more": "1"},
    )
    assert "Three more rows are ready" in more.text
    assert 'value="9.8 kN/m"' in more.text
    assert 'name="failed-6-characteristic"' in more.text
    incomplete = client.post(
        url, {**inspection(ptv_version), **failed_rows(("mass", "", "168 g/m²"))}
    )
    assert "Row 1 needs the characteristic, its requirement and the value measured." in (
        incomplete.text
    )
    none = client.post(url, inspection(ptv_version))
    assert "List the characteristics the lot failed." in none.text
    assert not LotRefusal.objects.exists()

    response = client.post(
        url,
        {
            **inspection(ptv_version),
            **failed_rows(
                ("tensile strength (MD)", "≥ 12 kN/m", "9.8 kN/m"),
                ("", "", ""),
                ("mass per unit area", "200 g/m² ± 10 %", "168 g/m²"),
            ),
        },
        follow=True,
    )

    refusal = LotRefusal.objects.get()
    assert [f.characteristic for f in refusal.failed_characteristics.all()] == [
        "tensile strength (MD)",
        "mass per unit area",
    ]
    assert f"The lot of {planned.reference} is refused." in response.text
    outcome = response.text.split('data-testid="lot-outcome"')[1]
    assert "9.8 kN/m" in outcome
    assert "168 g/m²" in outcome
    pdf_url = reverse("backoffice:lot-refusal", args=(planned.reference,))
    assert pdf_url in outcome
    pdf = client.get(pdf_url)
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")


def test_a_step_the_status_does_not_allow_is_refused_with_its_reason(
    sign_in: SignIn,
    decision_maker: User,
    lot_request: LotInspectionRequest,
    geotextiles_benor: Programme,
    ptv_version: DocumentVersion,
) -> None:
    client = sign_in(decision_maker)
    assert steps_offered(client, lot_request) == set()
    response = client.post(lot_url(lot_request, "conformity"), inspection(ptv_version))
    assert response.status_code == 200
    assert "Cannot issue the conformity document" in response.text
    assert not LotConformityDocument.objects.exists()


def test_only_a_file_manager_plans_and_cancels(
    sign_in: SignIn, decision_maker: User, lot_request: LotInspectionRequest
) -> None:
    client = sign_in(decision_maker)
    assert client.get(lot_url(lot_request, "plan")).status_code == 403
    assert client.post(lot_url(lot_request, "cancel"), {"reason": "No."}).status_code == 403
    lot_request.refresh_from_db()
    assert lot_request.status == LotStatus.REQUESTED


def test_a_file_manager_cancels_a_request_with_a_reason(
    sign_in: SignIn, file_manager: User, planned: LotInspectionRequest
) -> None:
    client = sign_in(file_manager)
    empty = client.post(lot_url(planned, "cancel"), {"reason": " "})
    assert empty.status_code == 200
    assert "Nothing was recorded" in empty.text

    response = client.post(
        lot_url(planned, "cancel"), {"reason": "The lot was sold abroad."}, follow=True
    )

    assert f"Request {planned.reference} is cancelled." in response.text
    assert "The lot was sold abroad." in response.text  # the history says why
    planned.refresh_from_db()
    assert planned.status == LotStatus.CANCELLED
    assert [e.action for e in entries_for(planned)].count("lot.cancelled") == 1


def test_the_auditor_reads_every_request_and_takes_no_step(
    sign_in: SignIn, auditor: User, planned: LotInspectionRequest, ptv_version: DocumentVersion
) -> None:
    client = sign_in(auditor)
    assert planned.reference in client.get(reverse("backoffice:lots")).text
    assert steps_offered(client, planned) == set()
    assert client.get(lot_url(planned, "plan")).status_code == 403
    data = inspection(ptv_version) | failed_rows(("mass", "200 g/m²", "168 g/m²"))
    assert client.post(lot_url(planned, "refuse"), data).status_code == 403
    assert not LotRefusal.objects.exists()


def test_unknown_requests_and_steps_are_not_found(
    sign_in: SignIn, file_manager: User, lot_request: LotInspectionRequest
) -> None:
    client = sign_in(file_manager)
    assert client.get(reverse("backoffice:lot", args=("P-2026-9999",))).status_code == 404
    assert client.get(lot_url(lot_request, "approve")).status_code == 404
    refusal = reverse("backoffice:lot-refusal", args=(lot_request.reference,))
    assert client.get(refusal).status_code == 404


# -- the admin only shows ------------------------------------------------------------------


def test_the_admin_shows_lot_requests_and_changes_none(
    client: Client, decision_maker: User, planned: LotInspectionRequest
) -> None:
    decision_maker.is_superuser = True
    decision_maker.save(update_fields=["is_superuser"])
    client.force_login(decision_maker)
    change = reverse("admin:lots_lotinspectionrequest_change", args=(planned.pk,))

    page = client.get(change)
    assert page.status_code == 200
    assert "Tom Peeters" in page.text
    assert "/plan/" not in page.text
    assert "/refuse/" not in page.text
    assert client.get(reverse("admin:lots_lotinspectionrequest_add")).status_code == 403
    assert client.post(change, {"contacts-TOTAL_FORMS": "0"}).status_code == 403
    delete = reverse("admin:lots_lotinspectionrequest_delete", args=(planned.pk,))
    assert client.post(delete, {"post": "yes"}).status_code == 403
    for step in ("plan", "conformity", "refuse", "cancel"):
        with pytest.raises(NoReverseMatch):
            reverse(f"admin:lots_lotinspectionrequest_{step}", args=(planned.pk,))


def test_holder_users_and_visitors_do_not_get_in(
    client: Client, sign_in: SignIn, holder_member: User, planned: LotInspectionRequest
) -> None:
    urls = [
        reverse("backoffice:lots"),
        reverse("backoffice:lot-new"),
        lot_url(planned),
        lot_url(planned, "plan"),
    ]
    for url in urls:
        assert client.get(url)["Location"].startswith(reverse("signin:login")), url
    member = sign_in(holder_member)
    for url in urls:
        assert member.get(url).status_code == 403, url


def test_the_queue_leads_each_role_to_its_part_of_a_lot_inspection(
    sign_in: SignIn,
    lot_request: LotInspectionRequest,
    file_manager: User,
    decision_maker: User,
    inspector: User,
    body: InspectionBody,
    benor: Scheme,
) -> None:
    def section(user: User, key: str) -> list[str]:
        queue = sign_in(user).get(reverse("backoffice:queue"), {"kind": key, "mark": str(benor.pk)})
        return [item.url for item in queue.context["queue"].page.object_list]

    assert section(file_manager, "lots_to_plan") == [lot_url(lot_request)]
    services.plan_lot_inspection(
        lot_request, by=file_manager, inspector=inspector, planned_on=PLANNED_ON
    )
    assert section(file_manager, "lots_to_plan") == []
    assert section(inspector, "my_lots") == [lot_url(lot_request)]
    # Its day has come (the clock says 16 March): the outcome waits, never on its inspector.
    assert section(decision_maker, "lots_to_conclude") == [lot_url(lot_request)]
    assert (
        "lots_to_conclude"
        not in sign_in(inspector).get(reverse("backoffice:queue")).context["queue"].counts
    )
