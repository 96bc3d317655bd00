"""End to end in a real browser: planning inspections, sanctions and corrective actions in the
back-office, never in the admin.

A file manager finds two overdue files under "Inspections due or overdue" in her work
queue, opens the planning page from the menu, plans both at once with one inspector and
reassigns one of those inspections to a colleague. The daily run has proposed a next step
for a corrective action left overdue: a decision maker opens the file from "Proposed next
steps" in his queue, imposes stricter oversight and ends it, then suspends the file as a
sanction and lifts the suspension, and marks the proposal as handled. The reviewer finds
the corrective action under "Corrective actions overdue" and closes it. Everyone starts
from the work queue; nobody opens /admin/. Screenshots go to
var/artefacts/browser-office-oversight/.

The browser setup is `test_browser.py`'s (Debian's Chromium under Playwright's sync API,
data built through the services before the browser starts, the live server in this
process with the suite's frozen clock: Monday 16 March 2026).
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate
from qualimark.oversight import evaluation, planning, reports, services
from qualimark.oversight.models import (
    ConclusionKind,
    CorrectiveAction,
    FindingKind,
    Inspection,
    InspectionBody,
    InspectionStatus,
    Measure,
)
from qualimark.parties.models import Organisation, Person, Role, RoleKind
from qualimark.parties.roles import system_actor
from qualimark.parties.services import add_production_unit
from qualimark.sanctions.models import Sanction, SanctionKind
from qualimark.schemes.models import DocumentVersion, Programme
from tests.conftest import BRUSSELS
from tests.office_browser import (
    AdminWatch,
    back_to_queue,
    expect_count,
    nav,
    open_from_queue,
    open_tab,
    queue_item,
    sign_in,
    sign_out,
)
from tests.test_browser import DESKTOP, Watch, chromium

ARTEFACTS = Path(__file__).resolve().parents[1] / "var" / "artefacts" / "browser-office-oversight"
TODAY = date(2026, 3, 16)  # conftest's frozen clock


@dataclass(frozen=True)
class Office:
    file_manager: User
    decision_maker: User
    reviewer: User
    due: list[Certificate]
    sanctioned: Certificate
    evaluated: Inspection


@pytest.fixture
def artefacts() -> Path:
    """The screenshot folder, emptied of an earlier run's pictures; they stay after the run."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTEFACTS.glob("*.png"):
        old.unlink()
    return ARTEFACTS


def _due_file(holder: Organisation, programme: Programme, by: User, town: str) -> Certificate:
    """A file of a new plant, in trial period since 1 October 2025: overdue since 31 December."""
    unit = add_production_unit(
        holder, by=by, name=f"Plant {town}", street="Kaai 1", postal_code="9000", town=town
    )
    certificate = certification.apply_for_certification(
        holder=holder, programme=programme, production_unit=unit, by=by, applied_on=date(2025, 9, 1)
    )
    certification.admit_application(
        certificate, by=by, reason="Complete.", effective=date(2025, 9, 8)
    )
    certification.start_trial_period(
        certificate, by=by, reason="Trial.", effective=date(2025, 10, 1)
    )
    return certificate


def _evaluated(
    certified: Certificate,
    body: InspectionBody,
    inspector: User,
    file_manager: User,
    reviewer: User,
    ptv_version: DocumentVersion,
) -> Inspection:
    """Visited on 2 March with a major nonconformity; on 10 March the reviewer asked for an
    action by 13 March, which is overdue today: the daily run proposed a next step for it."""
    with clock.frozen_at(datetime(2026, 3, 2, 10, 0, tzinfo=BRUSSELS)):
        inspection = planning.plan_inspection(
            certified, by=file_manager, body=body, inspector=inspector, planned_on=date(2026, 3, 2)
        )
        services.carry_out_inspection(inspection, by=inspector, visited_on=date(2026, 3, 2))
        major = services.add_finding(
            inspection,
            by=inspector,
            kind=FindingKind.MAJOR,
            requirement=ptv_version,
            clause="5.2",
            observation="No tensile test recorded for lots 31 to 36.",
        )
        reports.send_report(inspection, by=file_manager)
    with clock.frozen_at(datetime(2026, 3, 10, 10, 0, tzinfo=BRUSSELS)):
        reports.close_comment_window(inspection, by=system_actor())
        evaluation.evaluate_report(
            inspection,
            by=reviewer,
            conclusions={major: evaluation.Conclusion(ConclusionKind.CONFIRMED)},
            measure=Measure.CORRECTIVE_ACTION,
            corrective_actions=[evaluation.ActionPlan("Test every lot.", date(2026, 3, 13))],
        )
    evaluation.flag_overdue_corrective_actions(TODAY, by=system_actor())
    return inspection


@pytest.fixture
def office(
    transactional_db: None,
    settings: Settings,
    tmp_path: Path,
    holder: Organisation,
    geotextiles_benor: Programme,
    tra_829: DocumentVersion,
    ptv_version: DocumentVersion,
    certified: Certificate,
    body: InspectionBody,
    inspector: User,
    file_manager: User,
    decision_maker: User,
    reviewer: User,
) -> Office:
    """Two overdue files, a certified file with an evaluated report, three staff reading English."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    colleague = User.objects.create_user(
        "tom.peeters@inspect.example",
        "correct-horse-battery",
        first_name="Tom",
        last_name="Peeters",
    )
    body.inspectors.add(colleague)
    contact = Person.objects.create(first_name="Bart", last_name="Smets", email="q@geotex.example")
    Role.objects.create(person=contact, organisation=holder, kind=RoleKind.CONTACT)
    for user in (file_manager, decision_maker, reviewer):
        user.language = "en"
        user.save(update_fields=["language"])
    due = [_due_file(holder, geotextiles_benor, file_manager, town) for town in ("Aalst", "Brugge")]
    evaluated = _evaluated(certified, body, inspector, file_manager, reviewer, ptv_version)
    return Office(file_manager, decision_maker, reviewer, due, certified, evaluated)


def test_planning_sanctions_and_corrective_actions_in_the_office(
    office: Office, live_server: Any, artefacts: Path
) -> None:
    with chromium() as browser:
        context = browser.new_context(viewport=DESKTOP, locale="en-GB", base_url=live_server.url)
        context.set_default_timeout(15_000)
        page = context.new_page()
        watch = Watch(live_server.url)
        watch.attach(page)
        admin = AdminWatch(live_server.url)
        admin.attach(page)
        shots = iter(range(1, 100))

        def shot(name: str) -> None:
            page.screenshot(path=artefacts / f"{next(shots):02d}-{name}.png", full_page=True)
            watch.check(name)
            admin.check(name)

        plan_and_reassign(page, office, shot)
        sanction_and_lift(page, office, shot)
        close_the_action(page, office, shot)
        context.close()
        admin.check()

    planned = Inspection.objects.filter(status=InspectionStatus.PLANNED).order_by("reference")
    assert [i.certificate for i in planned] == office.due
    assert [i.inspector.last_name for i in planned] == ["Peeters", "Wouters"]
    kinds = [s.kind for s in Sanction.objects.order_by("id")]
    assert kinds == [SanctionKind.STRICTER_OVERSIGHT, SanctionKind.SUSPENSION]
    assert all(s.ended_on == TODAY for s in Sanction.objects.all())
    assert office.sanctioned.status_on(TODAY) == Status.CERTIFIED
    assert CorrectiveAction.objects.get().closed_by == office.reviewer


def plan_and_reassign(page: Page, office: Office, shot: Any) -> None:
    # 1. Her queue shows two files overdue for an inspection; she plans them from the
    # planning page of the navigation, where several files are planned at once.
    sign_in(page, office.file_manager)
    open_tab(page, "Inspections due or overdue", 2)
    for certificate in office.due:
        row = queue_item(page, f"{certificate.number} – Geotex Belgium")
        expect(row).to_contain_text("Overdue since 31 December 2025; not planned.")
    shot("queue-due")
    nav(page, "Planning")
    expect(page.get_by_role("heading", level=1)).to_have_text("Planning of inspections")
    expect(page.locator(".lead")).to_contain_text("2 files are due for an inspection")
    shot("planning")

    # 2. Both chosen, planned with Els Wouters of Inspecta on 20 March.
    for certificate in office.due:
        page.get_by_label(f"Plan {certificate.number}", exact=True).check()
    plan = page.get_by_test_id("plan-selected")
    plan.get_by_label("Inspection body").select_option(label="Inspecta Belgium")
    plan.get_by_label("Inspector").select_option(label="Els Wouters")
    plan.get_by_label("Planned on").fill("2026-03-20")
    shot("planning-chosen")
    plan.get_by_role("button", name="Plan the chosen files").click()
    expect(page.locator(".messages")).to_contain_text("2 inspections are planned.")
    expect(page.get_by_role("link", name="Reassign 2026-00002")).to_be_visible()
    expect(page.get_by_role("link", name="Reassign 2026-00003")).to_be_visible()
    shot("planning-planned")

    # 3. One of them goes to Tom Peeters, a week later.
    page.get_by_role("link", name="Reassign 2026-00002").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reassign the inspection")
    page.get_by_label("Inspector").select_option(label="Tom Peeters")
    page.get_by_label("Planned on").fill("2026-03-27")
    page.get_by_role("button", name="Reassign the inspection").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inspection 2026-00002")
    expect(page.locator(".messages")).to_contain_text("Inspection 2026-00002 is reassigned.")
    expect(page.locator(".facts")).to_contain_text("Tom Peeters")
    expect(page.locator(".facts")).to_contain_text("27 March 2026")
    shot("reassigned")
    sign_out(page)


def sanction_and_lift(page: Page, office: Office, shot: Any) -> None:
    number = office.sanctioned.number
    sanctions = page.get_by_test_id("sanctions")

    # 4. The decision maker reads the sanctions (none yet), then opens the file from the
    # next step the daily run proposed in his queue.
    sign_in(page, office.decision_maker)
    nav(page, "Sanctions")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sanctions")
    expect(page.get_by_text("No sanction to show.")).to_be_visible()
    back_to_queue(page)
    open_tab(page, "Proposed next steps", 1)
    item = f"{number} – Geotex Belgium"
    expect(queue_item(page, item)).to_contain_text("Corrective action overdue: ")
    shot("queue-proposed")
    open_from_queue(page, "Proposed next steps", item)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"File {number}")

    # 5. Stricter oversight: eight inspections a year instead of four.
    page.get_by_role("link", name="Impose a sanction").click()
    page.get_by_role("radio", name=re.compile(r"^Stricter oversight")).check()
    shot("sanction-kind")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("4 to 8 a year")).to_be_visible()
    page.get_by_label("Inspections per year").fill("8")
    page.get_by_label("Reason").fill("Major nonconformity on tensile tests.")
    shot("sanction-stricter")
    page.get_by_role("button", name="Impose the sanction").click()
    expect(page.locator(".messages")).to_contain_text(f"Sanction recorded on {number}")
    expect(sanctions).to_contain_text("8 inspections a year")
    shot("file-stricter")

    # 6. From the list of sanctions in force, back to the file, where it is ended.
    nav(page, "Sanctions")
    expect(sanctions).to_contain_text("Stricter oversight")
    shot("sanctions-in-force")
    sanctions.get_by_role("link", name=number).click()
    sanctions.get_by_role("link", name="End the stricter oversight").click()
    page.get_by_label("Reason").fill("Every lot tested since the visit.")
    page.get_by_role("button", name="End the stricter oversight").click()
    expect(page.locator(".messages")).to_contain_text("end the stricter oversight")
    expect(sanctions).to_contain_text("Ended on 16 March 2026")
    shot("file-stricter-ended")

    # 7. A suspension as a sanction, then lifted from the sanction.
    page.get_by_role("link", name="Impose a sanction").click()
    page.get_by_role("radio", name=re.compile(r"^Suspension")).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Reason").fill("Labels still without the PTV number.")
    page.get_by_role("button", name="Impose the sanction").click()
    status = page.locator(".facts dd .status")
    expect(status).to_have_text("Suspended")
    expect(page.get_by_test_id("decide-buttons")).not_to_contain_text("Lift the suspension")
    shot("file-suspended")
    sanctions.get_by_role("link", name="Lift the suspension").click()
    page.get_by_label("Reason").fill("Labels corrected.")
    page.get_by_role("button", name="Lift the suspension").click()
    expect(status).to_have_text("Certified")
    shot("file-lifted")

    # 8. The proposed next step is handled: it leaves the queue.
    page.get_by_role("link", name="Mark as handled").click()
    page.get_by_label("What was done").fill("Stricter oversight, then a suspension, both ended.")
    page.get_by_role("button", name="Mark as handled").click()
    expect(page.locator(".messages")).to_contain_text("The proposal is marked as handled.")
    back_to_queue(page)
    expect_count(page, "Proposed next steps", 0)
    sign_out(page)


def close_the_action(page: Page, office: Office, shot: Any) -> None:
    reference = office.evaluated.reference

    # 9. The reviewer finds the action overdue in her queue and closes it.
    sign_in(page, office.reviewer)
    item = f"{office.sanctioned.number} – Geotex Belgium"
    open_tab(page, "Corrective actions overdue", 1)
    expect(queue_item(page, item)).to_contain_text(
        f"Due on 13 March 2026 (report {reference}): Test every lot."
    )
    shot("queue-overdue-action")
    open_from_queue(page, "Corrective actions overdue", item)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Inspection {reference}")
    actions = page.get_by_test_id("corrective-actions")
    actions.get_by_role("link", name="Close the corrective action").click()
    page.get_by_label("Closing note").fill("Test records shown for every lot since 2 March.")
    shot("close-action")
    page.get_by_role("button", name="Close the action").click()
    expect(page.locator(".messages")).to_contain_text("The corrective action is closed.")
    expect(actions).to_contain_text("closed on 16 March 2026 by Lotte Janssens")
    shot("action-closed")
    back_to_queue(page)
    expect_count(page, "Corrective actions overdue", 0)
    sign_out(page)
