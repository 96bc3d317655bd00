"""End to end in a real browser: lot inspections run in the back-office, from request to outcome.

A file manager opens the lot inspections from the back-office menu, registers a request
received by phone in the name of a contractor, with the contact on the site, and plans its
inspection with Els Wouters. The inspector signs in and finds the lot assigned to her,
with no step to take: the outcome is the body's decision (ISO/IEC 17065 7.6). A decision
maker, who did not inspect the lot, issues its conformity document and reads its lot code
on the page; then refuses a second lot (requested through the public web form and planned
before) with two failed characteristics, and opens the refusal PDF. Nobody opens
/admin/. Screenshots go to var/artefacts/browser-office-lots/.

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
from tests.test_browser import DESKTOP, Watch, chromium

ARTEFACTS = Path(__file__).resolve().parents[1] / "var" / "artefacts" / "browser-office-lots"
PASSWORD = "correct-horse-battery"  # conftest's personas
CONTRACTOR = "Wegenbouw Janssens"


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

    # 1. The file manager opens the lot inspections from the back-office menu.
    sign_in(page, people.file_manager)
    expect(page).to_have_url(f"{site}/en/office/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Lot inspections").click()
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

    # 3. Planned with Els Wouters for today.
    page.get_by_test_id("lot-steps").get_by_role("link", name="Plan the inspection").click()
    page.get_by_label("Inspector").select_option(label="Els Wouters")
    page.get_by_label("Inspection planned on").fill("2026-03-16")
    page.get_by_role("button", name="Plan the inspection").click()
    expect(page.locator(".messages")).to_contain_text("The inspection of P-2026-0002 is planned.")
    expect(page.locator(".lead .status")).to_have_text("Inspection planned")
    shot("planned")
    sign_out(page)

    # 4. The inspector finds both lots assigned to her, and no step to take on them.
    sign_in(page, people.inspector)
    page.goto("/en/office/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Lot inspections").click()
    page.get_by_label("Inspector").select_option(label="me")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_test_id("lot-count")).to_have_text("2 requests.")
    page.get_by_role("link", name="P-2026-0002").click()
    expect(page.get_by_role("cell", name="+32 3 123 45 67")).to_be_visible()
    expect(page.get_by_test_id("lot-steps")).to_have_count(0)
    shot("inspector-lot")
    sign_out(page)

    # 5. A decision maker, who did not inspect the lot, issues its conformity document.
    sign_in(page, people.decision_maker)
    page.goto("/en/office/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Lot inspections").click()
    page.get_by_role("link", name="P-2026-0002").click()
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
    page.get_by_role("link", name="Lot inspections").first.click()
    page.get_by_role("link", name="P-2026-0001").click()
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
    context.close()
    assert not admin_opened, admin_opened
    return code


def fill_inspection(page: Page, inspected_on: str) -> None:
    page.get_by_label("Inspected on").fill(inspected_on)
    page.get_by_label("Kind of inspection document").select_option(
        label="Technical Prescription (PTV)"
    )
    page.get_by_label("Version of the reference document").select_option(label="PTV 829 2021.2")


def sign_in(page: Page, user: User) -> None:
    page.goto("/en/account/login/")
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def sign_out(page: Page) -> None:
    page.get_by_role("navigation", name="Your account").get_by_role(
        "button", name="Sign out"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
