"""End to end in a real browser: each staff role takes its work from its work queue.

- The inspector finds her inspection under "Your inspections to carry out", records the
  visit, a finding and the summary; the report then waits under "Your reports to complete"
  until a file manager, from the file's page, sends it to the holder.
- The reviewer evaluates, from "Reports to evaluate", a report whose comment window has
  closed (a conclusion on its nonconformity, a corrective action); then closes, from
  "Corrective actions overdue", the action an earlier evaluation asked for.
- The decision maker grants, from "Decisions to take", a file whose trial period ran eight
  weeks, on the evidence of its inspection report and a letter sent as a PDF: the file's
  timeline links to both.
- The auditor of the accreditation body goes from her queue to the register of decisions
  (and its CSV), a file and a decision's evidence, the complaints, appeals, sanctions and
  lot inspections, and is offered no step anywhere.
- The administrator lifts a suspension from "Decisions to take" as a decision maker does,
  and opens the Django admin only through "Reference data (admin)", to see it answer.

Nobody else opens /admin/. Screenshots go to var/artefacts/browser-office-roles/<role>/.
The browser setup is `test_browser.py`'s (Debian's Chromium under Playwright's sync API,
data built through the services before the browser starts, the live server in this process
with the suite's frozen clock: Monday 16 March 2026).
"""

import csv
import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate, Evidence
from qualimark.complaints import appeals
from qualimark.complaints.models import SubjectKind
from qualimark.complaints.services import Complainant, Subject, register_complaint
from qualimark.lots import services as lots
from qualimark.lots.models import QuantityUnit
from qualimark.oversight import evaluation, planning, reports, services
from qualimark.oversight.models import (
    ConclusionKind,
    CorrectiveAction,
    Finding,
    FindingKind,
    Inspection,
    InspectionBody,
    InspectionStatus,
    Measure,
)
from qualimark.parties.roles import system_actor
from qualimark.sanctions.models import SanctionKind
from qualimark.sanctions.services import impose_sanction
from qualimark.schemes.models import DocumentVersion, Programme
from tests.conftest import BRUSSELS
from tests.office_browser import (
    PASSWORD,
    AdminWatch,
    artefacts_folder,
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

TODAY = date(2026, 3, 16)  # conftest's frozen clock
HOLDER = "Geotex Belgium"
Shot = Callable[[str], None]


def on(day: date) -> Any:
    """The clock at 10:00 in Brussels on `day`."""
    return clock.frozen_at(datetime(day.year, day.month, day.day, 10, 0, tzinfo=BRUSSELS))


def pdf_letter(text: str) -> bytes:
    """A real one-page PDF."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.drawString(72, 760, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def in_english(*users: User) -> None:
    for user in users:
        user.language = "en"
        user.save(update_fields=["language"])


def visit(
    certificate: Certificate,
    *,
    on_day: date,
    by: User,
    inspector: User,
    body: InspectionBody,
    finding: tuple[FindingKind, DocumentVersion, str, str] | None = None,
) -> Inspection:
    """An inspection planned and carried out on `on_day`, with one finding, its report sent."""
    with on(on_day):
        inspection = planning.plan_inspection(
            certificate, by=by, body=body, inspector=inspector, planned_on=on_day
        )
        services.carry_out_inspection(
            inspection, by=inspector, visited_on=on_day, summary="Factory production control."
        )
        if finding is not None:
            kind, requirement, clause, observation = finding
            services.add_finding(
                inspection,
                by=inspector,
                kind=kind,
                requirement=requirement,
                clause=clause,
                observation=observation,
            )
        reports.send_report(inspection, by=by)
    return inspection


@pytest.fixture
def office(
    transactional_db: None,
    settings: Settings,
    tmp_path: Path,
    tra_829: DocumentVersion,
    ptv_version: DocumentVersion,
    body: InspectionBody,
) -> None:
    """The geotextiles regulation and inspection body; uploads and mail kept aside."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@dataclass(frozen=True)
class Session:
    page: Page
    shot: Shot
    watch: Watch
    admin: AdminWatch
    artefacts: Path


@contextmanager
def browsing(site: str, folder: str) -> Iterator[Session]:
    """A desktop page on the live server; every screenshot checks that nothing broke and that
    the admin was not opened, and so does the end."""
    artefacts = artefacts_folder(f"browser-office-roles/{folder}")
    with chromium() as browser:
        context = browser.new_context(viewport=DESKTOP, locale="en-GB", base_url=site)
        context.set_default_timeout(15_000)
        page = context.new_page()
        watch = Watch(site)
        watch.attach(page)
        admin = AdminWatch(site)
        admin.attach(page)
        shots = iter(range(1, 100))

        def shot(name: str) -> None:
            page.screenshot(path=artefacts / f"{next(shots):02d}-{name}.png", full_page=True)
            watch.check(name)
            admin.check(name)

        yield Session(page, shot, watch, admin, artefacts)
        context.close()
    watch.check("the end")
    admin.check("the end")


# The inspector -------------------------------------------------------------------------


@pytest.fixture
def to_carry_out(
    office: None, certified: Certificate, body: InspectionBody, inspector: User, file_manager: User
) -> Inspection:
    """Els Wouters' inspection of Geotex, planned for today."""
    in_english(inspector, file_manager)
    return planning.plan_inspection(
        certified, by=file_manager, body=body, inspector=inspector, planned_on=TODAY
    )


def test_the_inspector_records_her_inspection_from_her_queue_and_a_file_manager_sends_it(
    to_carry_out: Inspection, inspector: User, file_manager: User, live_server: Any
) -> None:
    reference = to_carry_out.reference
    item = f"{reference} – {HOLDER}"
    with browsing(live_server.url, "inspector") as session:
        page, shot = session.page, session.shot
        # 1. Her inspection of today waits in her queue.
        sign_in(page, inspector)
        open_tab(page, "Your inspections to carry out", 1)
        expect(queue_item(page, item)).to_contain_text("planned on 16 March 2026")
        shot("queue")
        open_from_queue(page, "Your inspections to carry out", item)
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Inspection {reference}")

        # 2. The visit, a finding and the summary of the report.
        step(page, "Record the visit")
        expect(page.get_by_label("Visited on")).to_have_value("2026-03-16")
        page.get_by_role("button", name="Record the visit").click()
        expect(page.locator(".messages")).to_contain_text(f"The visit of {reference} is recorded.")
        step(page, "Add a finding")
        page.get_by_label("Kind").select_option(label="major nonconformity")
        page.get_by_label("Reference document").select_option(label="PTV 829 2021.2")
        page.get_by_label("Clause").fill("5.2")
        page.get_by_label("Observation").fill("No tensile test recorded for lots 31 to 36.")
        shot("finding")
        page.get_by_role("button", name="Add a finding").click()
        findings = page.locator("section", has=page.locator("#findings-title"))
        expect(findings).to_contain_text("No tensile test recorded for lots 31 to 36.")
        step(page, "Write the summary")
        page.get_by_label("Report summary").fill("FPC visited; tensile tests missing.")
        page.get_by_role("button", name="Write the summary").click()
        expect(page.locator(".messages")).to_contain_text(f"The summary of {reference} is saved.")
        summary = page.locator("section", has=page.locator("#summary-title"))
        expect(summary).to_contain_text("FPC visited; tensile tests missing.")
        # Sending the report is the file manager's: no button for her.
        expect(page.get_by_test_id("inspection-steps")).not_to_contain_text("Send the report")
        shot("recorded")

        # 3. The inspection left her inspections to carry out; its report waits to be sent.
        back_to_queue(page)
        expect_count(page, "Your inspections to carry out", 0)
        open_tab(page, "Your reports to complete", 1)
        expect(queue_item(page, item)).to_contain_text("visited on 16 March 2026")
        shot("queue-report")
        sign_out(page)

        # 4. The file manager sends it, from the file that the holders' list leads to.
        sign_in(page, file_manager)
        nav(page, "Holders")
        page.get_by_role("link", name=HOLDER).click()
        page.get_by_role("link", name=to_carry_out.certificate.number).click()
        inspections = page.locator("section", has=page.locator("#inspections-title"))
        inspections.get_by_role("link", name=reference).click()
        step(page, "Send the report")
        page.locator("form.form").get_by_role("button", name="Send the report").click()
        expect(page.locator(".messages")).to_contain_text(
            f"Report {reference} is sent to the holder."
        )
        expect(page.locator(".lead .status")).to_have_text("Report sent")
        shot("report-sent")
        sign_out(page)

        # 5. Nothing is left in the inspector's queue.
        sign_in(page, inspector)
        expect_count(page, "Your inspections to carry out", 0)
        expect_count(page, "Your reports to complete", 0)
        shot("queue-empty")

    to_carry_out.refresh_from_db()
    assert to_carry_out.status == InspectionStatus.REPORT_SENT
    assert to_carry_out.report_summary == "FPC visited; tensile tests missing."
    assert to_carry_out.findings.get().kind == FindingKind.MAJOR
    assert any(reference in message.subject for message in mail.outbox)


def step(page: Page, name: str) -> None:
    """Open a step of the inspection from its page."""
    page.get_by_test_id("inspection-steps").get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


# The reviewer --------------------------------------------------------------------------


@dataclass(frozen=True)
class Reviewed:
    overdue: Inspection  # evaluated in February: its corrective action was due on 13 March
    to_evaluate: Inspection  # visited on 2 March; its comment window has closed


@pytest.fixture
def reviewed(
    office: None,
    certified: Certificate,
    ptv_version: DocumentVersion,
    body: InspectionBody,
    inspector: User,
    file_manager: User,
    reviewer: User,
) -> Reviewed:
    in_english(reviewer)
    overdue = visit(
        certified,
        on_day=date(2026, 2, 9),
        by=file_manager,
        inspector=inspector,
        body=body,
        finding=(FindingKind.MINOR, ptv_version, "4.1", "Labels without the PTV number."),
    )
    with on(date(2026, 2, 17)):
        reports.close_comment_window(overdue, by=system_actor())
        evaluation.evaluate_report(
            overdue,
            by=file_manager,
            conclusions={
                overdue.findings.get(): evaluation.Conclusion(ConclusionKind.CONFIRMED),
            },
            measure=Measure.CORRECTIVE_ACTION,
            corrective_actions=[evaluation.ActionPlan("Relabel the stock.", date(2026, 3, 13))],
        )
    to_evaluate = visit(
        certified,
        on_day=date(2026, 3, 2),
        by=file_manager,
        inspector=inspector,
        body=body,
        finding=(FindingKind.MAJOR, ptv_version, "5.2", "No tensile test for lots 31 to 36."),
    )
    reports.close_comment_window(to_evaluate, by=system_actor())
    return Reviewed(overdue, to_evaluate)


def test_the_reviewer_evaluates_a_report_and_closes_an_overdue_action_from_her_queue(
    reviewed: Reviewed, reviewer: User, live_server: Any
) -> None:
    reference = reviewed.to_evaluate.reference
    item = f"{reference} – {HOLDER}"
    with browsing(live_server.url, "reviewer") as session:
        page, shot = session.page, session.shot
        # 1. The report whose comment window closed waits for her evaluation.
        sign_in(page, reviewer)
        open_tab(page, "Reports to evaluate", 1)
        expect(queue_item(page, item)).to_contain_text("comments were possible until 9 March")
        shot("queue-reports")
        open_from_queue(page, "Reports to evaluate", item)
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Inspection {reference}")

        # 2. The nonconformity confirmed, a corrective action asked by 30 April.
        step(page, "Evaluate the report")
        page.get_by_label("Major nonconformity PTV 829 2021.2 §5.2").select_option(
            label="confirmed"
        )
        page.get_by_label("Measure").select_option(label="corrective action")
        page.get_by_label("Corrective action", exact=True).fill("Test every lot before delivery.")
        page.get_by_label("Corrective action due on").fill("2026-04-30")
        shot("evaluate")
        page.locator("form.form").get_by_role("button", name="Evaluate the report").click()
        expect(page.locator(".messages")).to_contain_text(f"Report {reference} is evaluated.")
        evaluated = page.locator("section", has=page.locator("#evaluation-title"))
        expect(evaluated).to_contain_text("Evaluated by Lotte Janssens")
        expect(evaluated).to_contain_text("Test every lot before delivery. – due on 30 April 2026")
        findings = page.locator("section", has=page.locator("#findings-title"))
        expect(findings.locator("tbody tr")).to_contain_text("confirmed")
        shot("evaluated")

        # 3. The report left the queue.
        back_to_queue(page)
        open_tab(page, "Reports to evaluate", 0)

        # 4. The earlier action, overdue since 13 March, closed from the queue.
        action = f"{reviewed.overdue.certificate.number} – {HOLDER}"
        open_tab(page, "Corrective actions overdue", 1)
        expect(queue_item(page, action)).to_contain_text(
            f"Due on 13 March 2026 (report {reviewed.overdue.reference}): Relabel the stock."
        )
        shot("queue-actions")
        open_from_queue(page, "Corrective actions overdue", action)
        expect(page.get_by_role("heading", level=1)).to_have_text(
            f"Inspection {reviewed.overdue.reference}"
        )
        actions = page.get_by_test_id("corrective-actions")
        actions.get_by_role("link", name="Close the corrective action").click()
        page.get_by_label("Closing note").fill("Relabelled stock seen on 12 March.")
        page.get_by_label("Closed on").fill("2026-03-12")
        page.get_by_role("button", name="Close the action").click()
        expect(page.locator(".messages")).to_contain_text("The corrective action is closed.")
        expect(actions).to_contain_text("closed on 12 March 2026 by Lotte Janssens")
        shot("action-closed")
        back_to_queue(page)
        expect_count(page, "Corrective actions overdue", 0)

    reviewed.to_evaluate.refresh_from_db()
    assert reviewed.to_evaluate.status == InspectionStatus.EVALUATED
    assert reviewed.to_evaluate.evaluation.evaluated_by == reviewer
    assert Finding.objects.get(clause="5.2").conclusion.conclusion == ConclusionKind.CONFIRMED
    closed = CorrectiveAction.objects.get(inspection=reviewed.overdue)
    assert (closed.closed_by, closed.closed_on) == (reviewer, date(2026, 3, 12))
    assert CorrectiveAction.objects.get(inspection=reviewed.to_evaluate).due_on == date(2026, 4, 30)


# The decision maker --------------------------------------------------------------------


@pytest.fixture
def trial_reviewed(
    office: None,
    in_trial: Certificate,
    ptv_version: DocumentVersion,
    body: InspectionBody,
    inspector: User,
    file_manager: User,
    reviewer: User,
    decision_maker: User,
) -> Inspection:
    """Geotex in trial period since 19 January (eight weeks today); visited on 2 March with
    nothing to remark, the report evaluated on 10 March."""
    in_english(decision_maker)
    inspection = visit(
        in_trial,
        on_day=date(2026, 3, 2),
        by=file_manager,
        inspector=inspector,
        body=body,
        finding=(FindingKind.CONFORMITY, ptv_version, "5", "Tensile tests recorded for all lots."),
    )
    with on(date(2026, 3, 10)):
        reports.close_comment_window(inspection, by=system_actor())
        evaluation.evaluate_report(inspection, by=reviewer, conclusions={}, measure=Measure.NONE)
    return inspection


def test_the_decision_maker_grants_a_file_from_his_queue_on_its_report_and_a_letter(
    trial_reviewed: Inspection, decision_maker: User, live_server: Any, tmp_path: Path
) -> None:
    number = trial_reviewed.certificate.number
    item = f"{number} – {HOLDER}"
    letter = tmp_path / "trial-period-letter.pdf"
    letter.write_bytes(pdf_letter("Geotex Belgium – end of the trial period"))
    report = f"Report {trial_reviewed.reference} of the visit on 2 March 2026"
    with browsing(live_server.url, "decision-maker") as session:
        page, shot = session.page, session.shot
        # 1. The file, eight weeks in trial, waits for his decision.
        sign_in(page, decision_maker)
        open_tab(page, "Decisions to take", 1)
        expect(queue_item(page, item)).to_contain_text(
            "In trial period since 19 January 2026: grant or refuse the certificate."
        )
        shot("queue")
        open_from_queue(page, "Decisions to take", item)
        expect(page.get_by_role("heading", level=1)).to_have_text(f"File {number}")

        # 2. Granted, on the report of the visit and a letter sent as a PDF.
        page.get_by_test_id("decide-buttons").get_by_role(
            "link", name="Grant the certificate"
        ).click()
        page.get_by_label("Reason").fill("Eight weeks of trial without nonconformity.")
        page.get_by_label(report).check()
        page.get_by_label("Files", exact=True).set_input_files(letter)
        shot("grant")
        page.get_by_role("button", name="Record the decision").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"File {number}")
        expect(page.locator(".messages")).to_contain_text(f"Decision recorded on {number}")
        expect(page.locator(".facts dd .status")).to_have_text("Certified")

        # 3. The timeline shows the decision with links to its evidence.
        decision = page.locator(".file-timeline li[data-kind=decision]").first
        expect(decision).to_contain_text("Eight weeks of trial without nonconformity.")
        evidence = decision.locator(".evidence")
        report_link = evidence.get_by_role("link", name=re.compile(trial_reviewed.reference))
        letter_link = evidence.get_by_role("link", name="trial-period-letter.pdf")
        expect(report_link).to_be_visible()
        expect(letter_link).to_be_visible()
        shot("granted")
        saved = page.context.request.get(letter_link.get_attribute("href") or "")
        assert (saved.status, saved.headers["content-type"]) == (200, "application/pdf")
        assert saved.body().startswith(b"%PDF")
        report_link.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            f"Inspection {trial_reviewed.reference}"
        )
        shot("evidence-report")

        # 4. Nothing is left to decide.
        back_to_queue(page)
        expect_count(page, "Decisions to take", 0)

    certificate = trial_reviewed.certificate
    certificate.forget_history()
    assert certificate.status_on(TODAY) == Status.CERTIFIED
    grant = certificate.decisions.get(transition="grant")
    assert grant.decided_by == decision_maker
    evidence_of_grant = Evidence.objects.filter(decision=grant)
    assert [e.report for e in evidence_of_grant if e.report] == [trial_reviewed]
    assert [e.original_name for e in evidence_of_grant if e.file] == ["trial-period-letter.pdf"]


# The auditor ---------------------------------------------------------------------------

# Back-office addresses that take a step: forms of a new record, of a decision, of a step.
STEP_ADDRESS = re.compile(
    r"/office/(?:"
    r".*/new/"
    r"|files/[^/]+/(?:decide|plan|assign|proposals|sanctions)/"
    r"|(?:inspections|complaints|appeals|lots|datasheets)/[^/]+/[^/]+/$"
    r"|inspections/[^/]+/actions/"
    r"|ties/\d+/end/"
    r")"
)


def offers_no_step(page: Page) -> None:
    """The page's content holds no form that records anything and no link to a step."""
    content = page.locator("main")
    expect(content.locator('form[method="post" i]')).to_have_count(0)
    addresses = content.locator("a[href]").evaluate_all("links => links.map(a => a.pathname)")
    steps = [address for address in addresses if STEP_ADDRESS.search(address)]
    assert not steps, f"{page.url} offers steps: {steps}"


@dataclass(frozen=True)
class Audited:
    number: str
    evaluated: Inspection


@pytest.fixture
def audited(
    office: None,
    certified: Certificate,
    geotextiles_benor: Programme,
    ptv_version: DocumentVersion,
    body: InspectionBody,
    inspector: User,
    file_manager: User,
    reviewer: User,
    decision_maker: User,
    auditor: User,
) -> Audited:
    """A report evaluated as calling for a sanction; the suspension imposed for it today on
    the evaluation and a letter; the holder's appeal against it; a complaint about the file;
    a lot inspection planned."""
    in_english(auditor)
    inspection = visit(
        certified,
        on_day=date(2026, 3, 2),
        by=file_manager,
        inspector=inspector,
        body=body,
        finding=(FindingKind.CRITICAL, ptv_version, "5.2", "Tensile strength at half the value."),
    )
    with on(date(2026, 3, 10)):
        reports.close_comment_window(inspection, by=system_actor())
        evaluated = evaluation.evaluate_report(
            inspection,
            by=reviewer,
            conclusions={
                inspection.findings.get(): evaluation.Conclusion(ConclusionKind.CONFIRMED),
            },
            measure=Measure.SANCTION,
        )
    letter = SimpleUploadedFile(
        "suspension-letter.pdf", pdf_letter("Suspension of BENOR-000001"), "application/pdf"
    )
    sanction = impose_sanction(
        certified,
        SanctionKind.SUSPENSION,
        by=decision_maker,
        reason="Critical nonconformity on tensile strength.",
        evidence=[
            certification.EvidenceLink(record=evaluated),
            certification.EvidenceLink(upload=letter),
        ],
    )
    appeals.lodge_appeal(
        by=file_manager,
        appellant=certified.holder,
        sanction=sanction,
        grounds="The samples came from a damaged roll.",
    )
    register_complaint(
        by=file_manager,
        complainant=Complainant(
            name="Hilde Verstraete",
            email="hilde.verstraete@aannemer.example",
            organisation="Aannemingen Verstraete",
        ),
        subject=Subject(SubjectKind.CERTIFIED_PRODUCT, certificate=certified),
        description="Rolls delivered to the A12 site tear at half the declared strength.",
        received_on=date(2026, 3, 12),
    )
    lot = lots.request_lot_inspection(
        by=None,
        scheme=geotextiles_benor.scheme,
        subject=geotextiles_benor.subject,
        product="Woven geotextile 400 g/m²",
        quantity=Decimal("800"),
        unit=QuantityUnit.SQUARE_METRES,
        town="Antwerpen",
        requester_name="Bram Janssens",
        requester_email="bram@wegenbouw.example",
        requested_on=date(2026, 3, 9),
    )
    lots.plan_lot_inspection(
        lot, by=file_manager, inspector=inspector, planned_on=date(2026, 3, 20)
    )
    return Audited(certified.number, inspection)


def test_the_auditor_reads_registers_files_and_evidence_and_is_offered_no_step(
    audited: Audited, auditor: User, live_server: Any
) -> None:
    number = audited.number
    reference = audited.evaluated.reference
    with browsing(live_server.url, "auditor") as session:
        page, shot = session.page, session.shot
        heading = page.get_by_role("heading", level=1)

        # 1. Nothing waits for her in the queue: an auditor acts on nothing.
        sign_in(page, auditor)
        expect(
            page.get_by_text("Your roles give you no section of the work queue.")
        ).to_be_visible()
        offers_no_step(page)
        shot("queue")

        # 2. The register of decisions, its CSV, and the suspension's file.
        nav(page, "Register of decisions")
        expect(heading).to_have_text("Register of decisions")
        suspension = page.locator("tbody tr", has_text="suspend the certificate")
        expect(suspension).to_contain_text("Critical nonconformity on tensile strength.")
        expect(suspension.get_by_role("link", name="suspension-letter.pdf")).to_be_visible()
        offers_no_step(page)
        shot("register")
        with page.expect_download() as download:
            page.get_by_role("link", name="Download them all (CSV)").click()
        assert download.value.suggested_filename.endswith(".csv")
        rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text("utf-8-sig"))))
        assert len(rows) == 1 + page.locator("tbody tr").count()
        # A download ends the navigation it started: Chromium reports that as aborted.
        session.watch.problems = [p for p in session.watch.problems if "decisions.csv" not in p]
        assert any(number in row and "Marc Dubois" in ";".join(row) for row in rows[1:])
        suspension.get_by_role("link", name=number).click()
        expect(heading).to_have_text(f"File {number}")
        expect(
            page.get_by_text("None: no decision is open to you on this file today.")
        ).to_be_visible()
        offers_no_step(page)
        shot("file")

        # 3. The suspension's evidence: the letter downloads, the evaluation opens.
        evidence = page.locator(".file-timeline li[data-kind=decision]").first.locator(".evidence")
        letter = evidence.get_by_role("link", name="suspension-letter.pdf")
        saved = page.context.request.get(letter.get_attribute("href") or "")
        assert (saved.status, saved.headers["content-type"]) == (200, "application/pdf")
        evidence.get_by_role("link", name=re.compile(reference)).click()
        expect(heading).to_have_text(f"Inspection {reference}")
        expect(page.locator("#evaluation-title + p")).to_contain_text("sanction proposed")
        offers_no_step(page)
        shot("evidence")

        # 4. The complaints, and the complaint about the file.
        nav(page, "Complaints")
        expect(page.get_by_role("link", name="Register a complaint")).to_have_count(0)
        offers_no_step(page)
        page.get_by_role("link", name="K-2026-0001").click()
        expect(heading).to_have_text("Complaint K-2026-0001")
        expect(page.get_by_test_id("complaint-steps")).to_have_count(0)
        offers_no_step(page)
        shot("complaint")

        # 5. The appeals, and the holder's appeal against the suspension.
        nav(page, "Appeals")
        expect(
            page.get_by_role("link", name="Lodge an appeal on behalf of a holder")
        ).to_have_count(0)
        offers_no_step(page)
        page.get_by_role("link", name="B-2026-0001").click()
        expect(heading).to_have_text("Appeal B-2026-0001")
        expect(page.get_by_test_id("appeal-steps")).to_have_count(0)
        offers_no_step(page)
        shot("appeal")

        # 6. The sanctions in force.
        nav(page, "Sanctions")
        expect(page.locator("main")).to_contain_text("Critical nonconformity on tensile strength.")
        offers_no_step(page)
        shot("sanctions")

        # 7. The lot inspections, and the planned one.
        nav(page, "Lot inspections")
        expect(page.get_by_role("link", name="Register a lot request")).to_have_count(0)
        offers_no_step(page)
        page.get_by_role("link", name="P-2026-0001").click()
        expect(heading).to_have_text("Lot inspection P-2026-0001")
        expect(page.get_by_test_id("lot-steps")).to_have_count(0)
        offers_no_step(page)
        shot("lot")


# The administrator ---------------------------------------------------------------------


@pytest.fixture
def administrator(db: None) -> User:
    user = User.objects.create_superuser("admin@copro.example", PASSWORD, first_name="Ada")
    in_english(user)
    return user


@pytest.fixture
def suspended(office: None, certified: Certificate, decision_maker: User) -> Certificate:
    """Geotex's certificate suspended from 2 March until lifted, by a decision (no sanction)."""
    certification.suspend_certificate(
        certified,
        by=decision_maker,
        reason="Labels without the PTV number.",
        effective=date(2026, 3, 2),
    )
    return certified


def test_the_administrator_takes_a_decision_from_the_queue_and_opens_the_admin_from_the_menu(
    suspended: Certificate, administrator: User, live_server: Any
) -> None:
    number = suspended.number
    item = f"{number} – {HOLDER}"
    with browsing(live_server.url, "administrator") as session:
        page, shot = session.page, session.shot
        # 1. The suspended file waits for a decision, as for any decision maker.
        sign_in(page, administrator)
        open_tab(page, "Decisions to take", 1)
        expect(queue_item(page, item)).to_contain_text(
            "Suspended since 2 March 2026 until lifted: lift the suspension or withdraw."
        )
        shot("queue")
        open_from_queue(page, "Decisions to take", item)
        expect(page.get_by_role("heading", level=1)).to_have_text(f"File {number}")

        # 2. The suspension lifted.
        page.get_by_test_id("decide-buttons").get_by_role(
            "link", name="Lift the suspension"
        ).click()
        page.get_by_label("Reason").fill("Labels corrected on every roll.")
        page.get_by_role("button", name="Record the decision").click()
        expect(page.locator(".messages")).to_contain_text(f"Decision recorded on {number}")
        expect(page.locator(".facts dd .status")).to_have_text("Certified")
        shot("lifted")
        # The check that the auditor passes fails for whoever may act on the file.
        with pytest.raises(AssertionError, match="offers steps"):
            offers_no_step(page)
        back_to_queue(page)
        expect_count(page, "Decisions to take", 0)
        session.admin.check("the decision")

        # 3. The reference data: the admin's index answers, from the menu.
        with page.expect_response(re.compile(r"/admin/$")) as answer:
            nav(page, "Reference data (admin)")
        assert answer.value.status == 200
        expect(page.get_by_role("heading", level=1)).to_have_text("Reference data and files")
        page.screenshot(path=session.artefacts / "03-admin-index.png", full_page=True)
        opened = session.admin.opened
        assert opened
        assert all(re.search(r"/admin/$|/static/admin/", url) for url in opened)
        opened.clear()
        # The admin's pages link no icon: the browser asks for /favicon.ico, which is none.
        session.watch.problems = [p for p in session.watch.problems if "/favicon.ico" not in p]

    suspended.forget_history()
    assert suspended.status_on(TODAY) == Status.CERTIFIED
    lift = suspended.decisions.get(transition="lift")
    assert lift.decided_by == administrator
