"""End to end in a real browser: a complaint and an appeal handled in the back-office.

A file manager registers a written complaint about a certified geotextile (from the
complaint register: a new complaint waits in no queue), declares it admissible and
investigates it; a decision maker finds it under "Complaints and appeals open" in the work
queue, concludes it founded and imposes a suspension for it. The holder appeals in writing:
the file manager lodges the appeal on its behalf from the appeal register, seats the Appeal
Committee (two public-institution, two user representatives) and records the four votes as
its secretary; a second decision maker, who took no part in the sanction, opens the appeal
from the work queue and enacts the outcome, which annuls the suspension. Everyone starts
from the work queue they land on; every page is a back-office page under /en/office/ and
the Django admin is never opened. Screenshots go to var/artefacts/browser-office-complaints/.

The browser setup is `test_browser.py`'s (Debian's Chromium under Playwright's sync API,
data built through the services before the browser starts, the live server in this
process with the suite's frozen clock: Monday 16 March 2026).
"""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Request, expect

from qualimark.accounts.models import User
from qualimark.certification.lifecycle import Status, Transition
from qualimark.certification.models import Certificate
from qualimark.complaints.lifecycle import AppealStatus, ComplaintStatus
from qualimark.complaints.models import Appeal, AppealCommitteeMember, Complaint
from qualimark.complaints.votes import Constituency, Outcome
from qualimark.parties.models import Organisation, RoleKind
from qualimark.sanctions.models import Sanction
from tests.conftest import give_role
from tests.office_browser import (
    PASSWORD,
    back_to_queue,
    expect_count,
    nav,
    open_tab,
    queue_item,
    sign_in,
    sign_out,
)
from tests.test_browser import DESKTOP, TODAY, Watch, chromium

ARTEFACTS = Path(__file__).resolve().parents[1] / "var" / "artefacts" / "browser-office-complaints"
QUEUE_KIND = "Complaints and appeals open"


@pytest.fixture
def artefacts() -> Path:
    """The screenshot folder, emptied of an earlier run's pictures; they stay after the run."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTEFACTS.glob("*.png"):
        old.unlink()
    return ARTEFACTS


@dataclass(frozen=True)
class Cast:
    file_manager: User  # Sofie Claes, also the Appeal Committee's secretary
    decision_maker: User  # Marc Dubois, who concludes and sanctions
    appeals_officer: User  # Lea Janssens, who enacts the outcome of the appeal
    committee: list[AppealCommitteeMember]  # two public-institution, two user members


@pytest.fixture
def cast(
    transactional_db: None,
    certified: Certificate,
    certification_body: Organisation,
    file_manager: User,
    decision_maker: User,
) -> Cast:
    """The body's people, reading English, and the members of the Appeal Committee."""
    officer = User.objects.create_user(
        "lea.janssens@copro.example", PASSWORD, first_name="Lea", last_name="Janssens"
    )
    give_role(officer, certification_body, RoleKind.DECISION_MAKER)
    for user in (file_manager, decision_maker, officer):
        user.language = "en"
        user.save(update_fields=["language"])
    members = [
        AppealCommitteeMember.objects.create(name=name, organisation=where, constituency=seat)
        for name, where, seat in (
            ("Karin Vos", "Agentschap Wegen en Verkeer", Constituency.PUBLIC_INSTITUTION),
            ("Luc Lambert", "SPW Mobilité", Constituency.PUBLIC_INSTITUTION),
            ("Ilse Smet", "Brussel Mobiliteit", Constituency.PUBLIC_INSTITUTION),
            ("Tom Peeters", "Confederatie Bouw", Constituency.USER),
            ("Anne Leroy", "ORI", Constituency.USER),
        )
    ]
    return Cast(file_manager, decision_maker, officer, [*members[:2], *members[3:]])


def test_a_complaint_is_handled_and_the_appeal_against_its_sanction_decided_in_the_office(
    cast: Cast, certified: Certificate, live_server: Any, artefacts: Path
) -> None:
    with chromium() as browser:
        road(browser, live_server.url, cast, certified, artefacts)

    complaint = Complaint.objects.get()
    sanction = Sanction.objects.get()
    appeal = Appeal.objects.get()
    certified.forget_history()
    assert complaint.status == ComplaintStatus.FOUNDED
    assert complaint.sanction == sanction
    assert (appeal.sanction, appeal.status) == (sanction, AppealStatus.DECIDED)
    assert appeal.outcome == Outcome.REVERSED
    assert sanction.revoked
    # The suspension is annulled: as if it had never been imposed, from its own date on.
    assert sanction.reversal is not None
    assert sanction.reversal.transition == Transition.ANNUL
    assert certified.status_on(sanction.effective) == Status.CERTIFIED
    assert certified.status_on(TODAY) == Status.CERTIFIED


def road(browser: Browser, site: str, cast: Cast, certified: Certificate, artefacts: Path) -> None:
    watch = Watch(site)
    context = browser.new_context(viewport=DESKTOP, locale="en-GB", base_url=site)
    context.set_default_timeout(15_000)
    page = context.new_page()
    watch.attach(page)
    admin_pages: list[str] = []

    def no_admin(request: Request) -> None:
        if request.url.startswith(f"{site}/") and "/admin/" in request.url:
            admin_pages.append(request.url)

    page.on("request", no_admin)
    shots = iter(range(1, 100))

    def shot(name: str) -> None:
        page.screenshot(path=artefacts / f"{next(shots):02d}-{name}.png", full_page=True)
        watch.check(name)
        assert not admin_pages, f"the admin was opened: {admin_pages}"

    def step(name: str) -> None:
        page.get_by_test_id("complaint-steps").get_by_role("link", name=name).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(name)

    def appeal_step(name: str) -> None:
        page.get_by_test_id("appeal-steps").get_by_role("link", name=name).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(name)

    def submit(name: str) -> None:
        page.locator("form.form").get_by_role("button", name=name).click()

    # 1. The file manager registers the written complaint from the complaint register,
    # which the navigation of her work queue leads to: nothing waits for her yet.
    sign_in(page, cast.file_manager)
    expect_count(page, QUEUE_KIND, 0)
    nav(page, "Complaints")
    expect(page).to_have_url(f"{site}/en/office/complaints/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Complaints")
    page.get_by_role("link", name="Register a complaint").click()
    page.get_by_label("Received on").fill("2026-03-12")
    page.get_by_label("Complainant", exact=True).fill("Hilde Verstraete")
    page.get_by_label("Complainant's organisation").fill("Aannemingen Verstraete")
    page.get_by_label("Complainant's e-mail address").fill("hilde.verstraete@aannemer.example")
    page.get_by_label("Anonymous towards the holder").check()
    page.get_by_label("Subject", exact=True).select_option(label="a certified product or execution")
    page.get_by_label("Certificate", exact=True).fill(certified.number)
    page.get_by_label("Description", exact=True).fill(
        "Rolls delivered to the A12 site tear at half the declared strength."
    )
    shot("register-complaint")
    submit("Register")
    expect(page.get_by_role("heading", level=1)).to_have_text("Complaint K-2026-0001")
    expect(page.locator(".messages")).to_contain_text("Complaint K-2026-0001 is registered.")

    # 2. Admissible, then investigated by the file manager herself, with a note.
    step("Declare the complaint admissible")
    page.get_by_label("Reason", exact=True).fill("About a certified product.")
    submit("Declare the complaint admissible")
    expect(page.locator(".lead .status")).to_have_text("Admissible")
    step("Start the investigation")
    page.get_by_label("Investigation notes").fill("Samples asked from the A12 site.")
    submit("Start the investigation")
    expect(page.locator(".lead .status")).to_have_text("Under investigation")
    step("Add to the investigation notes")
    page.get_by_label("Note").fill("The laboratory measures 9 kN/m instead of 18 kN/m.")
    submit("Add to the investigation notes")
    expect(page.locator("#notes-title + p")).to_contain_text("9 kN/m instead of 18 kN/m")
    # Concluding is for a decision maker: no button for her.
    expect(page.get_by_test_id("complaint-steps")).not_to_contain_text("Conclude")
    shot("complaint-investigated")
    sign_out(page)

    # 3. A decision maker finds it in his work queue, concludes it founded and imposes a
    # suspension for it.
    sign_in(page, cast.decision_maker)
    open_tab(page, QUEUE_KIND, 1)
    row = queue_item(page, "Complaint K-2026-0001")
    expect(row).to_contain_text("Hilde Verstraete")
    expect(row).to_contain_text(re.compile("Under investigation", re.IGNORECASE))
    shot("complaint-in-queue")
    row.get_by_role("link", name="Complaint K-2026-0001").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Complaint K-2026-0001")
    step("Conclude the investigation")
    page.get_by_label("founded", exact=True).check()
    page.get_by_label("Findings").fill("The rolls do not reach the strength of PTV 829.")
    page.get_by_label("Charge the costs to the holder").check()
    shot("conclude")
    submit("Conclude the investigation")
    expect(page.locator(".lead .status")).to_have_text("Founded")
    step("Impose a sanction for the complaint")
    page.get_by_label("Sanction", exact=True).select_option(label="suspension")
    page.get_by_label("Reason", exact=True).fill(
        "Founded complaint K-2026-0001: strength below PTV 829."
    )
    submit("Impose a sanction for the complaint")
    expect(page.locator(".messages")).to_contain_text("Sanction imposed")
    expect(page.get_by_role("heading", level=1)).to_have_text("Complaint K-2026-0001")
    shot("complaint-sanctioned")
    # Concluded, the complaint no longer waits in the queue.
    back_to_queue(page)
    expect_count(page, QUEUE_KIND, 0)
    sign_out(page)

    # 4. The holder appeals in writing: the file manager lodges it from the appeal register.
    sign_in(page, cast.file_manager)
    nav(page, "Appeals")
    expect(page).to_have_url(f"{site}/en/office/appeals/")
    page.get_by_role("link", name="Lodge an appeal on behalf of a holder").click()
    page.get_by_label("File number").fill(certified.number)
    page.get_by_role("button", name="Next").click()
    expect(page.locator(".facts")).to_contain_text("Geotex Belgium")
    page.get_by_label("Appealed sanction").select_option(index=1)
    page.get_by_label("Grounds").fill("The samples were taken from a roll damaged on site.")
    shot("lodge-appeal")
    submit("Lodge the appeal")
    expect(page.get_by_role("heading", level=1)).to_have_text("Appeal B-2026-0001")

    # 5. As the committee's secretary she seats it, two and two, and records the votes.
    appeal_step("Seat the appeal committee")
    for member in cast.committee:
        page.get_by_label(f"{member.name} ({member.organisation})").check()
    shot("seat-committee")
    submit("Seat the appeal committee")
    expect(page.locator(".lead .status")).to_have_text("Committee seated")
    table = page.get_by_test_id("committee")
    reverse, uphold = "reverse the decision", "uphold the decision"
    for member, ballot in zip(cast.committee, [reverse, reverse, uphold, reverse], strict=True):
        row = table.locator("tr", has=page.get_by_text(member.name))
        row.get_by_role("link", name="Record the vote").click()
        expect(page.get_by_label("Member")).to_have_value(str(member.pk))
        page.get_by_label(ballot, exact=True).check()
        submit("Record a vote")
        expect(page.locator(".messages")).to_contain_text(f"The vote of {member.name}")
    expect(table.locator("tbody tr")).to_have_count(4)
    expect(table).not_to_contain_text("Record the vote")
    shot("votes-recorded")
    sign_out(page)

    # 6. A decision maker who took no part in the sanction opens the appeal from the work
    # queue and enacts the outcome.
    sign_in(page, cast.appeals_officer)
    open_tab(page, QUEUE_KIND, 1)
    row = queue_item(page, "Appeal B-2026-0001")
    expect(row).to_contain_text("Geotex Belgium")
    expect(row).to_contain_text(re.compile("Committee seated", re.IGNORECASE))
    shot("appeal-in-queue")
    row.get_by_role("link", name="Appeal B-2026-0001").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Appeal B-2026-0001")
    appeal_step("Decide the appeal")
    page.get_by_label("Reasons of the committee").fill(
        "The samples were not representative of the production."
    )
    submit("Decide the appeal")
    expect(page.locator(".messages")).to_contain_text(
        "Appeal B-2026-0001 is decided: decision reversed."
    )
    expect(page.locator(".lead .status")).to_have_text("Decided")
    shot("appeal-decided")
    page.get_by_role("link", name=certified.number).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"File {certified.number}")
    expect(page.locator(".facts dd .status")).to_have_text("Certified")
    shot("file-certified-again")
    # Decided, the appeal no longer waits in the queue.
    back_to_queue(page)
    expect_count(page, QUEUE_KIND, 0)
    shot("queue-empty")
    context.close()
