"""Which files are due for an inspection, by whom, and planning them."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate
from qualimark.errors import NotPermitted
from qualimark.journal.models import JournalEntry
from qualimark.oversight import planning, services
from qualimark.oversight.exceptions import InvalidInspection, PlanningRefused
from qualimark.oversight.models import Inspection, InspectionBody, InspectionStatus
from qualimark.parties.models import Organisation
from qualimark.parties.services import add_production_unit
from qualimark.sanctions.models import SanctionKind
from qualimark.sanctions.services import impose_sanction
from qualimark.schemes.models import DocumentVersion, Programme

from .conftest import TODAY

TRIAL_START = date(2026, 1, 19)
QUARTER = timedelta(days=365 // 4)  # 4 inspections a year: one every 91 days


def _items(day: date, **kwargs: object) -> dict[str, planning.DueInspection]:
    return {i.certificate.number: i for i in planning.due_inspections(day, **kwargs)}  # type: ignore[arg-type]


def _visit(
    certificate: Certificate, body: InspectionBody, inspector: User, by: User, day: date
) -> Inspection:
    inspection = planning.plan_inspection(
        certificate, by=by, body=body, inspector=inspector, planned_on=day
    )
    return services.carry_out_inspection(inspection, by=inspector, visited_on=day)


def test_a_file_in_trial_period_is_due_a_quarter_after_the_trial_began(
    in_trial: Certificate, tra_829: DocumentVersion, body: InspectionBody
) -> None:
    item = _items(TODAY, horizon_days=60)[in_trial.number]

    assert item.per_year == 4
    assert item.last_visit is None
    assert item.since == TRIAL_START
    assert item.due_on == TRIAL_START + QUARTER == date(2026, 4, 20)
    assert not item.overdue
    # Never inspected: the first active body that inspects for the programme, no inspector.
    assert (item.body, item.inspector) == (body, None)


def test_a_file_not_yet_due_within_the_horizon_is_not_listed(
    certified: Certificate, tra_829: DocumentVersion
) -> None:
    assert certified.number not in _items(TODAY)  # due on 20 April, horizon 15 April
    assert certified.number in _items(TODAY, horizon_days=35)


def test_a_file_past_its_due_date_is_overdue(
    certified: Certificate, tra_829: DocumentVersion
) -> None:
    item = _items(date(2026, 4, 21))[certified.number]

    assert item.overdue
    assert item.due_on == date(2026, 4, 20)


def test_the_next_inspection_is_due_after_the_last_visit_with_its_inspector(
    certified: Certificate,
    tra_829: DocumentVersion,
    body: InspectionBody,
    inspector: User,
    file_manager: User,
) -> None:
    _visit(certified, body, inspector, file_manager, date(2026, 2, 10))

    assert certified.number not in _items(date(2026, 4, 21), horizon_days=7)
    item = _items(date(2026, 5, 12), horizon_days=0)[certified.number]
    assert item.last_visit == date(2026, 2, 10)
    assert item.due_on == date(2026, 2, 10) + QUARTER
    assert (item.body, item.inspector) == (body, inspector)


def test_a_planned_inspection_is_shown_with_its_inspector(
    planned: Inspection, inspector: User, body: InspectionBody
) -> None:
    item = _items(TODAY, horizon_days=60)[planned.certificate.number]

    assert item.planned == planned
    assert (item.body, item.inspector) == (body, inspector)


def test_stricter_oversight_raises_the_frequency_only_during_its_period(
    certified: Certificate, tra_829: DocumentVersion, decision_maker: User
) -> None:
    impose_sanction(
        certified,
        SanctionKind.STRICTER_OVERSIGHT,
        by=decision_maker,
        reason="Repeated nonconformities on tensile tests.",
        effective=date(2026, 3, 1),
        until=date(2026, 6, 1),
        inspections_per_year=12,
    )

    during = _items(TODAY)[certified.number]
    assert during.per_year == 12
    assert during.due_on == TRIAL_START + timedelta(days=30)
    assert during.overdue
    before = _items(date(2026, 2, 20), horizon_days=90)[certified.number]
    assert before.per_year == 4
    after = _items(date(2026, 6, 1), horizon_days=90)[certified.number]
    assert after.per_year == 4


def test_files_without_a_known_frequency_are_listed_apart(
    certified: Certificate, execution_file: Certificate
) -> None:
    items = _items(TODAY)

    # No TRA is in force for geotextiles: its file is listed, without a due date.
    unknown = items[certified.number]
    assert not unknown.frequency_known
    assert unknown.due_on is None
    assert not unknown.overdue
    assert items[execution_file.number].per_year == 6


def test_files_not_under_oversight_are_not_listed(
    application: Certificate, tra_829: DocumentVersion, decision_maker: User, file_manager: User
) -> None:
    assert application.number not in _items(TODAY, horizon_days=400)
    certification.admit_application(
        application, by=file_manager, reason="Complete.", effective=date(2026, 1, 12)
    )
    certification.start_trial_period(
        application, by=file_manager, reason="Trial.", effective=date(2026, 1, 19)
    )
    certification.grant_certificate(
        application, by=decision_maker, reason="Passed.", effective=date(2026, 2, 2)
    )
    certification.withdraw_certificate(
        application, by=decision_maker, reason="Fraud.", effective=date(2026, 3, 1)
    )

    assert application.number not in _items(TODAY, horizon_days=400)
    assert application.number in _items(date(2026, 2, 20), horizon_days=400)


def test_the_list_filters_and_groups_per_body_and_per_inspector(
    certified: Certificate,
    execution_file: Certificate,
    tra_829: DocumentVersion,
    body: InspectionBody,
    inspector: User,
    file_manager: User,
) -> None:
    _visit(certified, body, inspector, file_manager, date(2026, 1, 20))
    items = planning.due_inspections(date(2026, 4, 21))

    assert [i.certificate for i in planning.due_inspections(date(2026, 4, 21), body=body)] == [
        certified
    ]
    groups = planning.by_body(items)
    assert list(groups) == [body, None]  # the execution programme has no body yet
    assert [i.certificate for i in groups[body]] == [certified]
    per_inspector = planning.by_inspector(items)
    assert [i.certificate for i in per_inspector[inspector]] == [certified]
    assert [i.certificate for i in per_inspector[None]] == [execution_file]
    only_hers = planning.due_inspections(date(2026, 4, 21), inspector=inspector)
    assert [i.certificate for i in only_hers] == [certified]


def _files(count: int, holder: Organisation, programme: Programme, by: User) -> list[Certificate]:
    files = []
    for n in range(count):
        unit = add_production_unit(
            holder, by=by, name=f"Plant {n}", street="Kaai 1", postal_code="9000", town="Gent"
        )
        certificate = certification.apply_for_certification(
            holder=holder,
            programme=programme,
            production_unit=unit,
            by=by,
            applied_on=date(2026, 1, 5),
        )
        certification.admit_application(
            certificate, by=by, reason="Complete.", effective=date(2026, 1, 12)
        )
        certification.start_trial_period(
            certificate, by=by, reason="Trial.", effective=date(2026, 1, 19)
        )
        files.append(certificate)
    return files


def _count_queries(day: date) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        items = planning.due_inspections(day, horizon_days=400)
    return len(queries), len(items)


def _history(files: list[Certificate], body: InspectionBody, inspector: User, by: User) -> None:
    """Some files visited, some with an inspection planned, one under stricter oversight."""
    for certificate in files[::3]:
        _visit(certificate, body, inspector, by, date(2026, 2, 3))
    for certificate in files[1::4]:
        planning.plan_inspection(
            certificate, by=by, body=body, inspector=inspector, planned_on=TODAY
        )


def test_the_planning_list_takes_a_fixed_number_of_queries(
    holder: Organisation,
    geotextiles_benor: Programme,
    tra_829: DocumentVersion,
    body: InspectionBody,
    inspector: User,
    file_manager: User,
    decision_maker: User,
    django_assert_max_num_queries: object,
) -> None:
    few = _files(2, holder, geotextiles_benor, file_manager)
    _history(few, body, inspector, file_manager)
    few_queries, few_items = _count_queries(TODAY)
    many = _files(22, holder, geotextiles_benor, file_manager)
    _history(many, body, inspector, file_manager)
    impose_sanction(
        many[2],
        SanctionKind.STRICTER_OVERSIGHT,
        by=decision_maker,
        reason="More checks.",
        effective=date(2026, 3, 1),
        inspections_per_year=12,
    )

    with django_assert_max_num_queries(10):  # type: ignore[operator]
        many_queries, many_items = _count_queries(TODAY)

    assert (few_items, many_items) == (2, 24)
    assert many_queries == few_queries


def test_planning_checks_that_the_inspector_works_for_the_body(
    certified: Certificate, body: InspectionBody, outsider: User, file_manager: User
) -> None:
    with pytest.raises(InvalidInspection, match="not an inspector of Inspecta Belgium"):
        planning.plan_inspection(
            certified, by=file_manager, body=body, inspector=outsider, planned_on=TODAY
        )
    assert not Inspection.objects.exists()


def test_planning_refuses_a_file_that_is_not_under_oversight(
    application: Certificate, body: InspectionBody, inspector: User, file_manager: User
) -> None:
    with pytest.raises(InvalidInspection, match="not under oversight"):
        planning.plan_inspection(
            application, by=file_manager, body=body, inspector=inspector, planned_on=TODAY
        )


def test_an_execution_is_inspected_on_a_site_named_with_its_project(
    execution_file: Certificate, inspector: User, file_manager: User
) -> None:
    body = InspectionBody.objects.create(name="COPRO inspection", is_certification_body=True)
    body.inspectors.add(inspector)
    body.programmes.add(execution_file.programme)

    with pytest.raises(InvalidInspection, match="inspected on site"):
        planning.plan_inspection(
            execution_file,
            by=file_manager,
            body=body,
            inspector=inspector,
            planned_on=TODAY,
            site=planning.Site(street="E40 km 12", postal_code="9000", town="Gent"),
        )
    inspection = planning.plan_inspection(
        execution_file,
        by=file_manager,
        body=body,
        inspector=inspector,
        planned_on=TODAY,
        site=planning.Site("E40 km 12", "9000", "Gent", "Renovation E40 Gent–Aalter"),
    )

    assert inspection.on_site
    assert inspection.location == "Renovation E40 Gent–Aalter – E40 km 12, 9000 Gent"


def test_a_product_is_inspected_at_its_production_unit_not_on_a_site(
    certified: Certificate, body: InspectionBody, inspector: User, file_manager: User
) -> None:
    with pytest.raises(InvalidInspection, match="production unit"):
        planning.plan_inspection(
            certified,
            by=file_manager,
            body=body,
            inspector=inspector,
            planned_on=TODAY,
            site=planning.Site("E40 km 12", "9000", "Gent", "Renovation"),
        )


def test_planning_all_due_files_plans_those_with_an_inspector_and_says_which_were_skipped(
    certified: Certificate,
    execution_file: Certificate,
    tra_829: DocumentVersion,
    body: InspectionBody,
    inspector: User,
    file_manager: User,
) -> None:
    _visit(certified, body, inspector, file_manager, date(2026, 1, 20))

    planned = planning.plan_due_inspections(date(2026, 4, 21), by=file_manager)

    assert [(i.certificate, i.inspector, i.planned_on) for i in planned] == [
        (certified, inspector, date(2026, 4, 21))
    ]
    assert planned[0].status == InspectionStatus.PLANNED
    assert [(item.certificate, bool(reason)) for item, reason in planned.skipped] == [
        (execution_file, True)
    ]
    again = planning.plan_due_inspections(date(2026, 4, 21), by=file_manager)
    assert list(again) == []


def test_planning_several_files_is_all_or_nothing(
    holder: Organisation,
    geotextiles_benor: Programme,
    tra_829: DocumentVersion,
    body: InspectionBody,
    inspector: User,
    file_manager: User,
) -> None:
    first, second = _files(2, holder, geotextiles_benor, file_manager)
    planning.plan_inspection(
        second, by=file_manager, body=body, inspector=inspector, planned_on=TODAY
    )

    with pytest.raises(PlanningRefused) as refused:
        planning.plan_inspections(
            [first, second], by=file_manager, body=body, inspector=inspector, planned_on=TODAY
        )

    assert refused.value.refusals == [
        f"{second.number}: inspection {Inspection.objects.get().reference} is already planned."
    ]
    assert Inspection.objects.count() == 1
    planned = planning.plan_inspections(
        [first], by=file_manager, body=body, inspector=inspector, planned_on=TODAY
    )
    assert [(i.certificate, i.inspector) for i in planned] == [(first, inspector)]


def test_only_a_file_manager_plans_several_files(
    certified: Certificate, body: InspectionBody, inspector: User, decision_maker: User
) -> None:
    with pytest.raises(NotPermitted):
        planning.plan_inspections(
            [certified], by=decision_maker, body=body, inspector=inspector, planned_on=TODAY
        )
    assert not Inspection.objects.exists()


@pytest.fixture
def colleague(body: InspectionBody) -> User:
    user = User.objects.create_user("tom.peeters@inspect.example", first_name="Tom")
    body.inspectors.add(user)
    return user


def test_a_planned_inspection_is_reassigned_within_its_body_and_journalled(
    certified: Certificate,
    tra_829: DocumentVersion,
    body: InspectionBody,
    inspector: User,
    colleague: User,
    file_manager: User,
) -> None:
    inspection = planning.plan_inspection(
        certified, by=file_manager, body=body, inspector=inspector, planned_on=TODAY
    )

    planning.reassign_inspection(
        inspection, by=file_manager, inspector=colleague, planned_on=date(2026, 3, 27)
    )

    stored = Inspection.objects.get()
    assert (stored.inspector, stored.planned_on) == (colleague, date(2026, 3, 27))
    entry = JournalEntry.objects.get(action="inspection.reassigned")
    assert entry.actor == file_manager
    assert entry.data["before"] == {"inspector": inspector.pk, "planned_on": "2026-03-16"}


def test_a_reassignment_is_refused_outside_the_body_after_the_visit_or_to_an_inspector(
    certified: Certificate,
    tra_829: DocumentVersion,
    body: InspectionBody,
    inspector: User,
    colleague: User,
    outsider: User,
    file_manager: User,
) -> None:
    inspection = planning.plan_inspection(
        certified, by=file_manager, body=body, inspector=inspector, planned_on=TODAY
    )
    with pytest.raises(InvalidInspection, match="not an inspector of Inspecta Belgium"):
        planning.reassign_inspection(
            inspection, by=file_manager, inspector=outsider, planned_on=TODAY
        )
    with pytest.raises(InvalidInspection, match="is not under oversight on"):
        planning.reassign_inspection(
            inspection, by=file_manager, inspector=colleague, planned_on=date(2025, 12, 1)
        )
    with pytest.raises(NotPermitted):
        planning.reassign_inspection(
            inspection, by=inspector, inspector=colleague, planned_on=TODAY
        )
    services.carry_out_inspection(inspection, by=inspector, visited_on=TODAY)
    with pytest.raises(InvalidInspection, match="only a planned inspection is reassigned"):
        planning.reassign_inspection(
            inspection, by=file_manager, inspector=colleague, planned_on=TODAY
        )
    assert Inspection.objects.get().inspector == inspector
    assert not JournalEntry.objects.filter(action="inspection.reassigned").exists()
