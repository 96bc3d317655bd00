"""The staff admin: it shows files and datasheets and writes neither (the back-office does)."""

from datetime import date
from typing import Any

import pytest
from django.contrib import admin
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import (
    Certificate,
    Decision,
    InvolvementRole,
    StatusPeriod,
)
from qualimark.datasheets import services as datasheets
from qualimark.datasheets.models import Datasheet, DatasheetStatusPeriod
from qualimark.parties.models import Organisation, Person, Role, RoleKind
from qualimark.parties.services import add_production_unit
from qualimark.schemes.models import Programme, ReferenceDocument

TODAY = date(2026, 3, 16)
# Fields through which a status could be written; no admin form may offer one.
STATUS_FIELDS = {"status", "from_status", "to_status", "transition"}


@pytest.fixture
def staff(client: Client, decision_maker: User) -> Client:
    """The decision maker in the admin, with every permission, reading English."""
    decision_maker.is_superuser = True
    decision_maker.save(update_fields=["is_superuser"])
    client.force_login(decision_maker)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def datasheet(certified: Certificate, file_manager: User) -> Datasheet:
    return datasheets.create_datasheet(
        certified,
        by=file_manager,
        product_name="Geotextile GT-200",
        trade_name="TerraSep 200",
        characteristics=[{"name": "tensile strength", "value": 20, "unit": "kN/m"}],
    )


def _url(name: str, *args: Any) -> str:
    return reverse(f"admin:{name}", args=args)


# Certificates ---------------------------------------------------------------------------


def test_certificate_changelist_shows_each_file_with_its_status_today(
    staff: Client, certified: Certificate
) -> None:
    response = staff.get(_url("certification_certificate_changelist"))

    assert response.status_code == 200
    assert certified.number in response.text
    assert str(Status.CERTIFIED.label) in response.text


def test_certificate_changelist_reads_statuses_without_a_query_per_row(
    staff: Client,
    certified: Certificate,
    holder: Organisation,
    geotextiles_benor: Programme,
    file_manager: User,
) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert staff.get(_url("certification_certificate_changelist")).status_code == 200
        return len(captured)

    one_file = queries()
    for name in ("Plant Antwerpen", "Plant Liège"):
        unit = add_production_unit(
            holder, by=file_manager, name=name, street="Kaai 1", postal_code="2000", town=name
        )
        certification.apply_for_certification(
            holder=holder, programme=geotextiles_benor, production_unit=unit, by=file_manager
        )

    assert queries() == one_file


def test_certificate_page_shows_timeline_and_decisions_and_takes_none(
    staff: Client, certified: Certificate
) -> None:
    response = staff.get(_url("certification_certificate_change", certified.pk))

    assert response.status_code == 200
    page = response.text
    for status in (Status.APPLIED, Status.ADMISSIBLE, Status.TRIAL, Status.CERTIFIED):
        assert str(status.label) in page
    assert "← today" in page
    assert "Trial period passed." in page  # the reason of the grant, in the decisions
    assert f"/{certified.pk}/decide/" not in page
    with pytest.raises(NoReverseMatch):
        _url("certification_certificate_decide", certified.pk)


def test_the_certificate_form_cannot_change_a_status(staff: Client, certified: Certificate) -> None:
    page = staff.get(_url("certification_certificate_change", certified.pk))
    assert list(page.context["adminform"].form.fields) == []

    response = staff.post(
        _url("certification_certificate_change", certified.pk),
        {"status": Status.WITHDRAWN.value, "number": "BENOR-999999", "expires_on": "2026-03-17"},
    )

    assert response.status_code == 403
    certified.refresh_from_db()
    assert certified.number.startswith("BENOR-")
    assert certified.number != "BENOR-999999"
    assert certified.status_on(TODAY) == Status.CERTIFIED


@pytest.mark.parametrize("model", [Decision, StatusPeriod, DatasheetStatusPeriod])
def test_history_records_cannot_be_added_changed_or_deleted(
    staff: Client, certified: Certificate, model: Any
) -> None:
    name = f"{model._meta.app_label}_{model._meta.model_name}"
    row = model.objects.first()

    assert staff.get(_url(f"{name}_add")).status_code == 403
    if row is not None:
        assert staff.get(_url(f"{name}_change", row.pk)).status_code == 200
        assert staff.post(_url(f"{name}_change", row.pk), {"status": "x"}).status_code == 403
        assert staff.post(_url(f"{name}_delete", row.pk), {"post": "yes"}).status_code == 403


def test_no_admin_form_offers_a_status_field(decision_maker: User) -> None:
    decision_maker.is_superuser = True
    request = RequestFactory().get("/admin/")
    request.user = decision_maker
    for model, model_admin in admin.site._registry.items():
        if not (
            model_admin.has_add_permission(request) or model_admin.has_change_permission(request)
        ):
            continue
        fields = set(model_admin.get_form(request).base_fields)
        assert not fields & STATUS_FIELDS, model
        for inline in model_admin.get_inline_instances(request):
            if inline.has_add_permission(request, None) or inline.has_change_permission(request):
                inline_fields = set(inline.get_formset(request).form.base_fields)
                assert not inline_fields & STATUS_FIELDS, inline


@pytest.mark.parametrize("model", [Certificate, Datasheet])
def test_files_and_datasheets_are_read_never_written(
    staff: Client, datasheet: Datasheet, model: Any
) -> None:
    """Applications come online, decisions and datasheets are taken in the back-office."""
    name = f"{model._meta.app_label}_{model._meta.model_name}"
    row = model.objects.get()

    assert staff.get(_url(f"{name}_add")).status_code == 403
    page = staff.get(_url(f"{name}_change", row.pk))
    assert page.status_code == 200
    assert list(page.context["adminform"].form.fields) == []
    assert staff.post(_url(f"{name}_change", row.pk), {"product_name": "x"}).status_code == 403
    assert staff.post(_url(f"{name}_delete", row.pk), {"post": "yes"}).status_code == 403
    listing = staff.get(_url(f"{name}_changelist"))
    assert _url(f"{name}_add") not in listing.text
    assert "publish_latest_versions" not in listing.text
    assert Certificate.objects.count() == 1
    assert Datasheet.objects.get().product_name == "Geotextile GT-200"


# Datasheets -----------------------------------------------------------------------------


def test_datasheet_page_shows_timeline_and_registry_answer(
    staff: Client, datasheet: Datasheet, file_manager: User
) -> None:
    datasheets.publish_datasheet_version(datasheet.versions.get(), by=file_manager)

    response = staff.get(_url("datasheets_datasheet_change", datasheet.pk))

    assert response.status_code == 200
    assert "published, version 1" in response.text
    # The admin links to the public registry's own answer for the quick code.
    assert f'href="/v/{datasheet.quick_code}"' in response.text
    assert (
        "is valid on 16 March 2026"
        in staff.get(f"/v/{datasheet.quick_code}", follow=True).content.decode()
    )
    assert list(response.context["adminform"].form.fields) == []
    assert f"/{datasheet.pk}/publish/" not in response.text


def test_a_quick_code_is_found_as_it_is_printed(staff: Client, datasheet: Datasheet) -> None:
    printed = f"{datasheet.quick_code[:4]} {datasheet.quick_code[4:]}"

    response = staff.get(_url("datasheets_datasheet_changelist"), {"q": printed})

    assert list(response.context["cl"].result_list) == [datasheet]


# Reference documents --------------------------------------------------------------------


def test_versions_and_holders_are_added_in_the_back_office_and_only_read_here(
    staff: Client, ptv_829: ReferenceDocument, holder: Organisation, plant: Any
) -> None:
    """One door per action: a version of a reference document and a holder with its plants
    are added in the back-office, through their services; the admin shows them."""
    page = staff.get(_url("schemes_referencedocument_change", ptv_829.pk))
    assert page.status_code == 200
    assert "2021.2" in page.text
    assert 'name="versions-0-label"' not in page.text
    assert not page.context["inline_admin_formsets"][0].formset.extra
    version = ptv_829.versions.get(label="2021.2")
    form = staff.get(_url("schemes_documentversion_change", version.pk))
    assert 'name="valid_from"' not in form.text
    assert staff.get(_url("parties_organisation_add")).status_code == 403
    holder_page = staff.get(_url("parties_organisation_change", holder.pk))
    assert plant.name in holder_page.text
    assert 'name="production_units-0-name"' not in holder_page.text


ADMIN_PAGES = (
    "schemes_scheme",
    "schemes_subject",
    "schemes_referencedocument",
    "schemes_documentversion",
    "schemes_programme",
    "parties_organisation",
    "parties_person",
    "certification_certificate",
    "certification_decision",
    "certification_evidence",
    "certification_statusperiod",
    "certification_involvement",
    "datasheets_datasheet",
    "datasheets_datasheetstatusperiod",
)


def test_every_list_and_page_renders(
    staff: Client, datasheet: Datasheet, inspector: User, file_manager: User, decision_maker: User
) -> None:
    certificate = datasheet.certificate
    person = Person.objects.create(first_name="Els", last_name="Wouters", user=inspector)
    Role.objects.create(person=person, organisation=certificate.holder, kind=RoleKind.CONTACT)
    certification.record_involvement(certificate, inspector, role=InvolvementRole.INSPECTOR)
    datasheets.publish_datasheet_version(datasheet.versions.get(), by=file_manager)
    certification.suspend_certificate(
        certificate,
        by=decision_maker,
        reason="Nonconformities not closed.",
        until=date(2026, 6, 1),
        evidence=[certification.EvidenceLink("Report 2026-041", "javascript:alert(1)")],
    )

    for name in ADMIN_PAGES:
        listing = staff.get(_url(f"{name}_changelist"))
        assert listing.status_code == 200, name
        row = listing.context["cl"].model.objects.first()
        assert row is not None, name
        page = staff.get(_url(f"{name}_change", row.pk))
        assert page.status_code == 200, name
        assert 'href="javascript:' not in page.text, name
    for slug in ("add_version", "publish", "withdraw", "supersede"):
        with pytest.raises(NoReverseMatch):
            _url(f"datasheets_datasheet_{slug}", datasheet.pk)
