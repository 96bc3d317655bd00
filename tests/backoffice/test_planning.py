"""The planning page: what is due, planning several files at once, and reassigning an inspection."""

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qualimark.accounts.models import User
from qualimark.backoffice.timeline import file_timeline
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate
from qualimark.journal.models import JournalEntry
from qualimark.oversight import planning, services
from qualimark.oversight.models import Inspection, InspectionBody, InspectionStatus
from qualimark.parties.models import Organisation
from qualimark.parties.services import add_production_unit
from qualimark.schemes.models import DocumentVersion, Programme

from .conftest import PASSWORD, TODAY, SignIn


def planning_url() -> str:
    return reverse("backoffice:planning")


def overseen(
    holder: Organisation, programme: Programme, by: User, name: str, trial_from: date
) -> Certificate:
    """A product file of a new plant of `holder`, in trial period from `trial_from`."""
    unit = add_production_unit(
        holder, by=by, name=name, street="Kaai 1", postal_code="9000", town="Gent"
    )
    certificate = certification.apply_for_certification(
        holder=holder, programme=programme, production_unit=unit, by=by, applied_on=date(2025, 9, 1)
    )
    certification.admit_application(
        certificate, by=by, reason="Complete.", effective=date(2025, 9, 8)
    )
    certification.start_trial_period(certificate, by=by, reason="Trial.", effective=trial_from)
    return certificate


@pytest.fixture
def due_files(
    holder: Organisation, geotextiles_benor: Programme, tra_829: DocumentVersion, file_manager: User
) -> list[Certificate]:
    """Two files in trial since 1 October 2025: 4 inspections a year, overdue since 31 December."""
    return [
        overseen(holder, geotextiles_benor, file_manager, f"Plant {name}", date(2025, 10, 1))
        for name in ("Aalst", "Brugge")
    ]


def _plan(
    client: Client, files: list[Certificate], body: InspectionBody, who: User, **more: Any
) -> Any:
    data = {
        "chosen": [f.number for f in files],
        "body": body.pk,
        "inspector": who.pk,
        "planned_on": "2026-03-20",
        "unannounced": "on",
        **more,
    }
    return client.post(planning_url(), data)


def test_a_file_manager_plans_two_due_files_at_once(
    sign_in: SignIn,
    file_manager: User,
    due_files: list[Certificate],
    body: InspectionBody,
    inspector: User,
) -> None:
    client = sign_in(file_manager)
    page = client.get(planning_url())
    assert page.status_code == 200
    text = page.content.decode()
    for certificate in due_files:
        assert f'name="chosen" value="{certificate.number}"' in text
    assert "2 files are due for an inspection within 30 days" in text
    assert "(2 overdue)" in text

    response = _plan(client, due_files, body, inspector)

    assert response.status_code == 302
    planned = Inspection.objects.filter(status=InspectionStatus.PLANNED).order_by("certificate")
    assert [(i.certificate, i.inspector, i.planned_on) for i in planned] == [
        (certificate, inspector, date(2026, 3, 20)) for certificate in due_files
    ]
    after = client.get(planning_url()).content.decode()
    assert "2 inspections are planned." in after
    assert 'name="chosen"' not in after
    for inspection in planned:
        assert reverse("backoffice:inspection-step", args=(inspection.reference, "reassign")) in (
            after
        )


def test_if_one_file_cannot_be_planned_none_is_and_each_refusal_is_named(
    sign_in: SignIn,
    file_manager: User,
    due_files: list[Certificate],
    holder: Organisation,
    geotextiles_benor: Programme,
    body: InspectionBody,
    inspector: User,
) -> None:
    late_starter = overseen(holder, geotextiles_benor, file_manager, "Plant Gent", date(2026, 3, 2))
    client = sign_in(file_manager)
    response = client.post(
        planning_url() + "?horizon=90",
        {
            "chosen": [due_files[0].number, late_starter.number],
            "body": body.pk,
            "inspector": inspector.pk,
            "planned_on": "2026-02-20",
        },
    )

    assert response.status_code == 200
    text = response.content.decode()
    assert "Nothing was planned: 1 file cannot be planned as asked." in text
    assert f"File {late_starter.number} is not under oversight on 20 February 2026" in text
    assert not Inspection.objects.exists()


def test_an_inspector_of_another_body_is_refused_for_every_file(
    sign_in: SignIn,
    file_manager: User,
    due_files: list[Certificate],
    body: InspectionBody,
    outsider: User,
) -> None:
    elsewhere = InspectionBody.objects.create(name="BCCA")
    elsewhere.inspectors.add(outsider)

    response = _plan(sign_in(file_manager), due_files, body, outsider)

    text = response.content.decode()
    assert "2 files cannot be planned as asked" in text
    for certificate in due_files:
        assert f"{certificate.number}: Pat Outsider is not an inspector of Inspecta" in text
    assert not Inspection.objects.exists()


def test_choosing_no_file_or_a_garbled_date_is_a_form_error(
    sign_in: SignIn,
    file_manager: User,
    due_files: list[Certificate],
    body: InspectionBody,
    inspector: User,
) -> None:
    client = sign_in(file_manager)
    none_chosen = _plan(client, [], body, inspector)
    garbled = _plan(client, due_files, body, inspector, planned_on="next week")
    unknown = client.post(planning_url(), {"chosen": ["BENOR-999999"], "body": body.pk})

    assert "Choose the files to plan." in none_chosen.content.decode()
    assert set(garbled.context["form"].errors) == {"planned_on"}
    assert "chosen" in unknown.context["form"].errors
    assert not Inspection.objects.exists()


def test_the_page_groups_per_inspector_and_filters_per_body_with_counts(
    sign_in: SignIn,
    file_manager: User,
    due_files: list[Certificate],
    body: InspectionBody,
    inspector: User,
) -> None:
    visited = planning.plan_inspection(
        due_files[0], by=file_manager, body=body, inspector=inspector, planned_on=date(2025, 11, 3)
    )
    services.carry_out_inspection(visited, by=inspector, visited_on=date(2025, 11, 3))
    client = sign_in(file_manager)

    per_inspector = client.get(planning_url(), {"group": "inspector", "horizon": "60"})
    groups = {str(g.key or ""): g for g in per_inspector.context["groups"]}
    assert set(groups) == {"Els Wouters", ""}
    assert [item.certificate for item in groups["Els Wouters"].due] == [due_files[0]]
    assert "No inspector known yet" in per_inspector.content.decode()

    other_body = InspectionBody.objects.create(name="BCCA")
    filtered = client.get(planning_url(), {"body": other_body.pk})
    assert filtered.context["groups"] == []
    assert client.get(planning_url(), {"horizon": "-4"}).context["filters"].errors


def test_the_page_costs_the_same_whatever_the_number_of_files(
    sign_in: SignIn,
    file_manager: User,
    holder: Organisation,
    geotextiles_benor: Programme,
    due_files: list[Certificate],
    body: InspectionBody,
    inspector: User,
    django_assert_max_num_queries: Any,
) -> None:
    client = sign_in(file_manager)
    planning.plan_inspection(
        due_files[1], by=file_manager, body=body, inspector=inspector, planned_on=TODAY
    )
    with django_assert_max_num_queries(100) as few:
        client.get(planning_url(), {"group": "inspector"})
    more = [
        overseen(holder, geotextiles_benor, file_manager, f"Plant {n}", date(2025, 10, 1))
        for n in range(8)
    ]
    for certificate in more[::2]:
        planning.plan_inspection(
            certificate, by=file_manager, body=body, inspector=inspector, planned_on=TODAY
        )

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(planning_url(), {"group": "inspector"})

    assert response.context["due_count"] == 5
    assert response.context["planned_count"] == 5


def test_a_file_manager_reassigns_a_planned_inspection(
    sign_in: SignIn,
    file_manager: User,
    planned: Inspection,
    other_inspector: User,
) -> None:
    client = sign_in(file_manager)
    url = reverse("backoffice:inspection-step", args=(planned.reference, "reassign"))
    form = client.get(url)
    assert form.status_code == 200
    assert list(form.context["form"].fields["inspector"].queryset) == [
        other_inspector,
        planned.inspector,
    ]

    response = client.post(
        url, {"inspector": other_inspector.pk, "planned_on": "2026-03-25"}, follow=True
    )

    assert f"Inspection {planned.reference} is reassigned." in response.content.decode()
    planned.refresh_from_db()
    assert (planned.inspector, planned.planned_on) == (other_inspector, date(2026, 3, 25))
    entry = JournalEntry.objects.get(action="inspection.reassigned")
    assert entry.actor == file_manager
    texts = [event.text for event in file_timeline(planned.certificate)]
    assert f"Inspection {planned.reference} reassigned to Tom Peeters for 25 March 2026." in texts


def test_reassigning_to_the_same_inspector_and_day_or_a_garbled_day_is_refused(
    sign_in: SignIn, file_manager: User, planned: Inspection, inspector: User
) -> None:
    client = sign_in(file_manager)
    url = reverse("backoffice:inspection-step", args=(planned.reference, "reassign"))
    same = client.post(url, {"inspector": inspector.pk, "planned_on": TODAY.isoformat()})
    garbled = client.post(url, {"inspector": "tom", "planned_on": "soon"})

    assert "nothing changes" in same.content.decode()
    assert set(garbled.context["form"].errors) == {"inspector", "planned_on"}
    assert not JournalEntry.objects.filter(action="inspection.reassigned").exists()


def test_an_inspector_neither_plans_nor_reassigns(
    sign_in: SignIn, inspector: User, planned: Inspection, other_inspector: User
) -> None:
    client = sign_in(inspector)
    url = reverse("backoffice:inspection-step", args=(planned.reference, "reassign"))
    page = client.get(reverse("backoffice:inspection", args=(planned.reference,)))
    assert url not in page.content.decode()
    assert planning_url() not in page.content.decode()
    assert client.get(url).status_code == 403
    refused = client.post(url, {"inspector": other_inspector.pk, "planned_on": "2026-03-25"})
    assert refused.status_code == 403
    assert client.get(planning_url()).status_code == 403
    planned.refresh_from_db()
    assert planned.inspector == inspector


def test_only_those_who_plan_find_the_planning_page(
    client: Client, file_manager: User, decision_maker: User, auditor: User
) -> None:
    for user, offered in ((file_manager, True), (decision_maker, False), (auditor, False)):
        assert client.login(email=user.email, password=PASSWORD)
        queue = client.get(reverse("backoffice:queue")).content.decode()
        assert (f'href="{planning_url()}"' in queue) is offered, user
        assert client.get(planning_url()).status_code == (200 if offered else 403), user
        client.logout()


def test_a_carried_out_inspection_is_not_reassigned(
    sign_in: SignIn, file_manager: User, planned: Inspection, inspector: User, other_inspector: User
) -> None:
    services.carry_out_inspection(planned, by=inspector, visited_on=TODAY)
    client = sign_in(file_manager)
    url = reverse("backoffice:inspection-step", args=(planned.reference, "reassign"))
    page = client.get(reverse("backoffice:inspection", args=(planned.reference,)))
    assert url not in page.content.decode()
    response = client.post(url, {"inspector": other_inspector.pk, "planned_on": "2026-03-25"})
    assert "only a planned inspection is reassigned" in response.content.decode()


def test_the_admin_shows_inspections_without_changing_them(
    client: Client, file_manager: User, planned: Inspection
) -> None:
    file_manager.is_superuser = True
    file_manager.save(update_fields=["is_superuser"])
    client.force_login(file_manager)

    def admin(name: str, *args: Any) -> str:
        return reverse(f"admin:oversight_{name}", args=args)

    page = client.get(admin("inspection_change", planned.pk))
    assert page.status_code == 200
    assert reverse("backoffice:inspection", args=(planned.reference,)) in page.content.decode()
    assert client.get(admin("inspection_add")).status_code == 403
    assert client.post(admin("inspection_change", planned.pk), {}).status_code == 403
    assert client.get(f"{admin('inspection_changelist')}planning/").status_code in (302, 404)
    assert client.get(f"{admin('inspection_change', planned.pk)}carry-out/").status_code in (
        302,
        404,
    )
    planned.refresh_from_db()
    assert planned.status == InspectionStatus.PLANNED


def test_a_site_for_a_product_is_refused_on_the_file_s_plan_page(
    sign_in: SignIn,
    file_manager: User,
    certified: Certificate,
    tra_829: DocumentVersion,
    body: InspectionBody,
    inspector: User,
) -> None:
    response = sign_in(file_manager).post(
        reverse("backoffice:plan", args=(certified.number,)),
        {
            "certificate": certified.pk,
            "body": body.pk,
            "inspector": inspector.pk,
            "planned_on": "2026-03-20",
            "project_name": "Ring Gent",
        },
    )

    assert response.status_code == 200
    assert "inspected at its production unit" in response.content.decode()
    assert not Inspection.objects.exists()
