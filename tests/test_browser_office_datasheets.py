"""End to end in a real browser: a file manager keeps the datasheets of a certified file.

Sofie Claes (file manager) signs in to her work queue, where Geotex's proposal of a new
datasheet waits under "Datasheet proposals to review"; from the proposal she opens Geotex's
certified file, creates a datasheet of her own with three declared characteristics,
publishes its first version, adds a second version with a new trade name and value and
publishes it; the public page of the datasheet then shows the second version. Back in her
queue she publishes Geotex's proposal, which leaves the queue. The Django admin is never
opened. Screenshots go to var/artefacts/browser-office-datasheets/.

The browser setup is `test_browser.py`'s (Debian's Chromium under Playwright's sync API,
data built through the services before the browser starts, the live server in this
process with the suite's frozen clock: Monday 16 March 2026).
"""

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Request, expect

from qualimark.accounts.models import User
from qualimark.certification.models import Certificate
from qualimark.datasheets.models import (
    Datasheet,
    DatasheetProposal,
    DatasheetStatus,
    ProposalStatus,
)
from qualimark.datasheets.proposals import propose_datasheet
from qualimark.datasheets.quickcodes import format_code
from tests.office_browser import (
    back_to_queue,
    expect_count,
    open_from_queue,
    open_tab,
    queue_item,
    sign_in,
)
from tests.test_browser import DESKTOP, Watch, chromium

ARTEFACTS = Path(__file__).resolve().parents[1] / "var" / "artefacts" / "browser-office-datasheets"
CHARACTERISTICS = (
    ("Tensile strength", "12.5", "kN/m", "EN ISO 10319", ""),
    ("Mass per unit area", "200", "g/m²", "EN ISO 9864", ""),
    ("Water permeability", "0.08", "m/s", "EN ISO 11058", "A"),
)
COLUMNS = ("characteristic", "declared value", "unit", "test method", "class or level")
PRODUCT = "Nonwoven geotextile 200 g/m²"
PROPOSED_PRODUCT = "Woven geotextile 400 g/m²"
TO_REVIEW = "Datasheet proposals to review"


@pytest.fixture
def artefacts() -> Path:
    """The screenshot folder, emptied of an earlier run's pictures; they stay after the run."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTEFACTS.glob("*.png"):
        old.unlink()
    return ARTEFACTS


@pytest.fixture
def staff(
    transactional_db: None, certified: Certificate, file_manager: User, holder_member: User
) -> User:
    """Sofie Claes, file manager, reading English; Geotex's file is certified and Geotex
    proposes a datasheet for its woven geotextile."""
    file_manager.language = "en"
    file_manager.save(update_fields=["language"])
    propose_datasheet(
        certified,
        by=holder_member,
        product_name=PROPOSED_PRODUCT,
        trade_name="TerraWeave 400",
        characteristics=[{"name": "Tensile strength", "value": "40", "unit": "kN/m"}],
    )
    return file_manager


def test_a_file_manager_creates_and_publishes_two_versions_of_a_datasheet(
    staff: User, certified: Certificate, live_server: Any, artefacts: Path
) -> None:
    with chromium() as browser:
        road(browser, live_server.url, staff, certified.number, artefacts)
    datasheet = Datasheet.objects.get(certificate=certified, product_name=PRODUCT)
    assert [v.trade_name for v in datasheet.versions.order_by("number")] == [
        "TerraSep 200",
        "TerraSep 200 Plus",
    ]
    assert datasheet.status_periods.filter(status=DatasheetStatus.PUBLISHED).count() == 2
    proposal = DatasheetProposal.objects.get()
    assert (proposal.status, proposal.reviewed_by) == (ProposalStatus.PUBLISHED, staff)
    published = proposal.published_version
    assert published is not None
    assert published.trade_name == "TerraWeave 400"


def road(browser: Browser, site: str, staff: User, number: str, artefacts: Path) -> None:
    watch = Watch(site)
    context = browser.new_context(viewport=DESKTOP, locale="en-GB", base_url=site)
    context.set_default_timeout(15_000)
    page = context.new_page()
    watch.attach(page)
    admin_requests: list[str] = []

    def never_admin(request: Request) -> None:
        if "/admin/" in request.url:
            admin_requests.append(request.url)

    page.on("request", never_admin)
    shots = iter(range(1, 100))

    def shot(name: str) -> None:
        page.screenshot(path=artefacts / f"{next(shots):02d}-{name}.png", full_page=True)
        watch.check(name)

    # 1. The file manager signs in: Geotex's proposal waits in her queue. From it she opens
    # the certified file: no datasheet yet.
    sign_in(page, staff)
    expect(page).to_have_url(f"{site}/en/office/")
    item = f"{number} – Geotex Belgium"
    open_tab(page, TO_REVIEW, 1)
    expect(queue_item(page, item)).to_contain_text(f"New datasheet: {PROPOSED_PRODUCT}")
    shot("queue")
    open_from_queue(page, TO_REVIEW, item)
    expect(page.get_by_role("heading", level=1)).to_have_text("New datasheet")
    page.get_by_role("link", name=f"File {number}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"File {number}")
    datasheets = page.locator("section", has=page.get_by_role("heading", name="Datasheets"))
    expect(datasheets).to_contain_text("No datasheet yet.")
    expect(datasheets).to_contain_text("New datasheet: TerraWeave 400")
    shot("file")

    # 2. A datasheet with three characteristics: created as a draft with a quick code.
    datasheets.get_by_role("link", name="Create a datasheet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create a datasheet")
    page.get_by_label("Product", exact=True).fill(PRODUCT)
    page.get_by_label("Trade name").fill("TerraSep 200")
    for row, values in enumerate(CHARACTERISTICS, start=1):
        for column, value in zip(COLUMNS, values, strict=True):
            if value:
                page.get_by_label(f"Row {row}: {column}", exact=True).fill(value)
    shot("new-datasheet")
    page.get_by_role("button", name="Create the datasheet").click()
    expect(page.locator(".messages")).to_contain_text("is created as a draft")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Datasheet ")
    code = heading.inner_text().removeprefix("Datasheet ").strip()
    quick_code = code.replace(" ", "")
    assert format_code(quick_code) == code
    expect(page.locator(".lead .status")).to_have_text("Draft")
    version_1 = page.get_by_role("article", name="Version 1: TerraSep 200")
    expect(version_1.locator("tbody tr")).to_have_count(3)
    expect(version_1).to_contain_text("EN ISO 11058")
    shot("draft")

    # 3. The first version published today.
    publish(page)
    expect(page.locator(".lead .status")).to_have_text("Published")
    expect(page.locator(".messages")).to_contain_text(f"datasheet {code} shows it")
    shot("published-v1")

    # 4. A second version, from the first: a new trade name and a new tensile strength.
    page.get_by_test_id("datasheet-steps").get_by_role("link", name="Add a version").click()
    expect(page.get_by_label("Trade name")).to_have_value("TerraSep 200")
    expect(page.get_by_label("Row 1: declared value", exact=True)).to_have_value("12.5")
    page.get_by_label("Trade name").fill("TerraSep 200 Plus")
    page.get_by_label("Row 1: declared value", exact=True).fill("14")
    shot("add-version")
    page.get_by_role("button", name="Add a version").click()
    expect(page.locator(".messages")).to_contain_text("A new draft version")
    expect(page.get_by_role("article", name="Version 2: TerraSep 200 Plus Draft")).to_be_visible()

    # 5. Published in turn: it is the version in force.
    publish(page)
    expect(
        page.get_by_role("article", name="Version 2: TerraSep 200 Plus in force today")
    ).to_be_visible()
    shot("published-v2")

    # 6. The public page shows the second version.
    page.get_by_role("link", name="The datasheet's public page").click()
    expect(page).to_have_url(f"{site}/en/datasheets/{quick_code}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("TerraSep 200 Plus")
    characteristics = page.locator("section", has=page.locator("#characteristics-title"))
    expect(characteristics).to_contain_text("14 kN/m")
    expect(characteristics).to_contain_text("Water permeability")
    shot("public")

    # 7. Back in her queue, she publishes Geotex's proposal: its file shows both datasheets.
    page.go_back()
    back_to_queue(page)
    open_from_queue(page, TO_REVIEW, item)
    expect(page.get_by_label("Published from")).to_have_value("2026-03-16")
    shot("proposal")
    page.get_by_role("button", name="Publish the datasheet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"File {number}")
    expect(page.locator(".messages")).to_contain_text("version 1 is published.")
    expect(page.get_by_test_id("datasheets").locator("tbody tr")).to_have_count(2)
    expect(page.get_by_test_id("datasheets")).to_contain_text(PROPOSED_PRODUCT)
    shot("proposal-published")
    back_to_queue(page)
    expect_count(page, TO_REVIEW, 0)
    context.close()
    assert admin_requests == []


def publish(page: Page) -> None:
    """Publish the version the form offers first (the newest), from today."""
    page.get_by_test_id("datasheet-steps").get_by_role("link", name="Publish a version").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publish a version")
    expect(page.get_by_label("Effective from")).to_have_value("2026-03-16")
    page.get_by_role("button", name="Publish a version").click()
    expect(page.locator(".messages")).to_contain_text("The version is published")
