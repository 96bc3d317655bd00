"""End to end in a real browser: lot inspections run in the back-office, from request to outcome.

A file manager goes from her work queue to the lot inspections of the back-office menu,
registers a request received by phone in the name of a contractor, with the contact on the
site, then finds it under "Lot inspections to plan" in the queue and plans its inspection
with Els Wouters. The inspector signs in and finds both lots under "Your lot inspections",
with no step to take: the outcome is the body's decision (ISO/IEC 17065 7.6). A decision
maker, who did not inspect the lots, finds them under "Lot inspections to conclude": issues
the conformity document of the new one and reads its lot code on the page; then refuses the
other (requested through the public web form and planned before) with two failed
characteristics, and opens the refusal PDF. Nobody opens /admin/. Screenshots go to
var/artefacts/browser-office-lots/.

The browser setup is `test_browser.py`'s (Debian's Chromium under Playwright's sync API,
data built through the services before the browser starts, the live server in this
process with the suite's frozen clock: Monday 16 March 2026).
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from qualimark.accounts.models import User
from qualimark.lots import services
from qualimark.lots.lifecycle import LotStatus
from qualimark.lots.models import LotInspectionRequest, QuantityUnit
from qualimark.oversight.models import InspectionBody
from qualimark.parties.models import Organisation
from qualimark.schemes.models import Programme
from tests.office_browser import (
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

ARTEFACTS = Path(__file__).resolve().parents[1] / "var" / "artefacts" / "browser-office-lots"
CONTRACTOR = "Wegenbouw Janssens"
NEW_LOT = f"P-2026-0002 – {CONTRACTOR}"  # as the work queue names it
EARLIER_LOT = "P-2026-0001 – Bram Janssens"


@dataclass(frozen=True)
class People:
    file_manager: User
    inspector: User
    decision_maker: User


@pytest.fixture
def artefacts() -> Path:
    """The screenshot folder, emptied of an earlier run's pictures; they stay after the run."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTEFACTS.glob("*.png"):
        old.unlink()
    return ARTEFACTS


@pytest.fixture
def people(
    transactional_db: None,
    geotextiles_benor: Programme,
    body: InspectionBody,
    file_manager: User,
    inspector: User,
    decision_maker: User,
) -> People:
    """The three of them reading English; Els Wouters inspects for Inspecta Belgium, which
    also has a lot planned already: one requested through the public web form."""
    for user in (file_manager, inspector, decision_maker):
        user.language = "en"
        user.save(update_fields=["language"])
    Organisation.objects.create(name=CONTRACTOR, enterprise_number="0400378485", town="Gent")
    earlier = services.request_lot_inspection(
        by=None,
        scheme=geotextiles_benor.scheme,
        subject=geotextiles_benor.subject,
        product="Woven geotextile 400 g/m²",
        quantity=Decimal("800"),
        unit=QuantityUnit.SQUARE_METRES,
        town="Antwerpen",
        requester_name="Bram Janssens",
        requester_email="bram@wegenbouw.example",
        requested_on=date(2026, 3, 2),
    )
    services.plan_lot_inspection(
        earlier, by=file_manager, inspector=inspector, planned_on=date(2026, 3, 12)
    )
    return People(file_manager, inspector, decision_maker)


def test_lots_are_registered_planned_found_conform_and_refused_in_the_back_office(
    people: People, live_server: Any, artefacts: Path
) -> None:
    with chromium() as browser:
        code_shown = road(browser, live_server.url, people, artefacts)
    conform = LotInspectionRequest.objects.get(reference="P-2026-0002")
    assert conform.status == LotStatus.INSPECTED_CONFORM
    assert conform.requested_by == people.file_manager
    assert conform.contacts.get().name == "Tom Peeters"
    document = conform.conformity_document
    assert (document.formatted_code, document.issued_by) == (code_shown, people.decision_maker)
    refused = LotInspectionRequest.objects.get(reference="P-2026-0001")
    assert refused.status == LotStatus.REFUSED
    assert refused.refusal.failed_characteristics.count() == 2


def road(browser: Browser, site: str, people: People, artefacts: Path) -> str:
    """The road through the pages; returns the lot code the page showed."""
    watch = Watch(site)
    context = browser.new_context(viewport=DESKTOP, locale="en-GB", base_url=site)
    context.set_default_timeout(15_000)
    page = context.new_page()
    watch.attach(page)
    admin_opened: list[str] = []
    page.on(
        "request",
        lambda request: admin_opened.append(request.url) if "/admin/" in request.url else None,
    )
    shots = iter(range(1, 100))

    def shot(name: str) -> None:
        page.screenshot(path=artefacts / f"{next(shots):02d}-{name}.png", full_page=True)
        watch.check(name)

    # 1. The file manager has no lot to plan; she opens the lot inspections from the menu.
    sign_in(page, people.file_manager)
    expect(page).to_have_url(f"{site}/en/office/")
    expect_count(page, "Lot inspections to plan", 0)
    nav(page, "Lot inspections")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lot inspections")
    expect(page.get_by_role("link", name="P-2026-0001")).to_be_visible()
    shot("lots")

    # 2. A request received by phone, in the contractor's name, with the contact on site.
    page.get_by_role("link", name="Register a lot request").click()
    page.get_by_label("Requesting organisation").select_option(label=CONTRACTOR)
    page.get_by_label("Mark requested").select_option(label="BENOR")
    page.get_by_label("Product type").select_option(label="Geotextiles")
    page.get_by_label("Product", exact=True).fill("Nonwoven geotextile 200 g/m²")
    page.get_by_label("Quantity").fill("1200")
    page.get_by_label("Unit").select_option(label="m²")
    page.get_by_label("Street and number").fill("Kaai 12")
    page.get_by_label("Postal code").fill("2000")
    page.get_by_label("Town").fill("Antwerpen")
    page.get_by_label("Row 1: role").select_option(label="inspection site")
    page.get_by_label("Row 1: name").fill("Tom Peeters")
    page.get_by_label("Row 1: phone").fill("+32 3 123 45 67")
    shot("register-form")
    page.get_by_role("button", name="Register the request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lot inspection P-2026-0002")
    expect(page.locator(".messages")).to_contain_text("Request P-2026-0002 is registered.")
    expect(page.get_by_role("cell", name="Tom Peeters")).to_be_visible()
    shot("registered")

    # 3. The request waits in her queue to be planned: planned with Els Wouters for today.
    back_to_queue(page)
    open_tab(page, "Lot inspections to plan", 1)
    expect(queue_item(page, NEW_LOT)).to_contain_text("requested on 16 March 2026")
    shot("to-plan")
    open_from_queue(page, "Lot inspections to plan", NEW_LOT)
    expect(page.get_by_role("heading", level=1)).to_have_text("Lot inspection P-2026-0002")
    page.get_by_test_id("lot-steps").get_by_role("link", name="Plan the inspection").click()
    page.get_by_label("Inspector").select_option(label="Els Wouters")
    page.get_by_label("Inspection planned on").fill("2026-03-16")
    page.get_by_role("button", name="Plan the inspection").click()
    expect(page.locator(".messages")).to_contain_text("The inspection of P-2026-0002 is planned.")
    expect(page.locator(".lead .status")).to_have_text("Inspection planned")
    shot("planned")
    back_to_queue(page)
    expect_count(page, "Lot inspections to plan", 0)
    sign_out(page)

    # 4. The inspector finds both lots assigned to her in her queue, and no step to take.
    sign_in(page, people.inspector)
    open_tab(page, "Your lot inspections", 2)
    expect(queue_item(page, EARLIER_LOT)).to_contain_text("planned on 12 March 2026")
    expect(queue_item(page, NEW_LOT)).to_contain_text("planned on 16 March 2026")
    shot("inspector-queue")
    open_from_queue(page, "Your lot inspections", NEW_LOT)
    expect(page.get_by_role("cell", name="+32 3 123 45 67")).to_be_visible()
    expect(page.get_by_test_id("lot-steps")).to_have_count(0)
    shot("inspector-lot")
    sign_out(page)

    # 5. A decision maker, who did not inspect the lots, finds both to conclude in his queue
    # and issues the conformity document of the new one.
    sign_in(page, people.decision_maker)
    open_tab(page, "Lot inspections to conclude", 2)
    shot("to-conclude")
    open_from_queue(page, "Lot inspections to conclude", NEW_LOT)
    page.get_by_test_id("lot-steps").get_by_role(
        "link", name="Issue the conformity document"
    ).click()
    fill_inspection(page, "2026-03-16")
    page.get_by_label("Lot identification").fill("GT-2026-0316-A")
    shot("conformity-form")
    page.get_by_role("button", name="Issue the conformity document").click()
    outcome = page.get_by_test_id("lot-outcome")
    expect(outcome.locator(".lot-code")).to_have_text(re.compile(r"^L \d{4} \d{4}$"))
    code = outcome.locator(".lot-code").inner_text()
    expect(page.locator(".messages")).to_contain_text(f"conformity document {code} is issued")
    expect(outcome.get_by_role("link", name="Public page of the document")).to_be_visible()
    expect(page.get_by_test_id("lot-steps")).to_have_count(0)
    shot("conform")

    # 6. The lot of the public request fails two characteristics: refused, with its PDF.
    back_to_queue(page)
    open_tab(page, "Lot inspections to conclude", 1)
    open_from_queue(page, "Lot inspections to conclude", EARLIER_LOT)
    page.get_by_test_id("lot-steps").get_by_role("link", name="Refuse the lot").click()
    fill_inspection(page, "2026-03-12")
    page.get_by_label("Row 1: characteristic").fill("tensile strength (MD)")
    page.get_by_label("Row 1: requirement").fill("≥ 12 kN/m")
    page.get_by_label("Row 1: measured value").fill("9.8 kN/m")
    page.get_by_label("Row 2: characteristic").fill("mass per unit area")
    page.get_by_label("Row 2: requirement").fill("400 g/m² ± 10 %")
    page.get_by_label("Row 2: measured value").fill("341 g/m²")
    shot("refusal-form")
    page.locator("form.form .actions").get_by_role("button", name="Refuse the lot").click()
    expect(page.locator(".messages")).to_contain_text("The lot of P-2026-0001 is refused.")
    failed = page.get_by_test_id("lot-outcome").get_by_role("table")
    expect(failed.locator("tbody tr")).to_have_count(2)
    expect(failed).to_contain_text("9.8 kN/m")
    expect(failed).to_contain_text("341 g/m²")
    shot("refused")
    # The PDF opens in the browser's viewer (served inline, with its file name for saving);
    # its bytes are fetched again with the same session, as "save" does.
    link = page.get_by_role("link", name="Download the refusal (PDF)")
    address = link.get_attribute("href") or ""
    with page.expect_response(lambda answer: answer.url.endswith("/refusal.pdf")) as answer:
        link.click()
    opened = answer.value
    assert (opened.status, opened.headers["content-type"]) == (200, "application/pdf")
    assert "refusal-P-2026-0001-en.pdf" in opened.headers["content-disposition"]
    saved = context.request.get(address)
    assert saved.ok
    assert saved.body().startswith(b"%PDF")
    # No watch.check() here: the viewer asks for /favicon.ico, which the site never links.
    page.screenshot(path=artefacts / f"{next(shots):02d}-refusal-pdf.png")
    page.go_back()
    back_to_queue(page)
    expect_count(page, "Lot inspections to conclude", 0)
    context.close()
    assert not admin_opened, admin_opened
    return code


def fill_inspection(page: Page, inspected_on: str) -> None:
    page.get_by_label("Inspected on").fill(inspected_on)
    page.get_by_label("Kind of inspection document").select_option(
        label="Technical Prescription (PTV)"
    )
    page.get_by_label("Version of the reference document").select_option(label="PTV 829 2021.2")
