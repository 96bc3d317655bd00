"""End to end: the public registry driven in a real browser (Playwright with Debian's Chromium).

One visitor's road: the home page (verify), a search for a holder, its datasheet, the switch
to French, and the verification of the datasheet's quick code on the date of a delivery note
(valid then) and today (suspended since). Every step leaves a screenshot in
var/artefacts/browser/ (kept after the run: they are the test's artefacts), and a phone-size
view of the pages is taken too.

The browser is Debian's Chromium (`apt-get install chromium`, see the Makefile's `browser`
target); Playwright's own browser download is not used. A missing browser fails the test:
CI must have it.

The data is built through the services before the browser starts, because Playwright's sync
API keeps an event loop in this thread, where Django then refuses database access. The live
server answers from another thread of this process, so the frozen clock of conftest (Monday
16 March 2026, 10:00 in Brussels) is its clock too.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Request,
    Response,
    ViewportSize,
    expect,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate
from qualimark.datasheets import quickcodes
from qualimark.datasheets.services import create_datasheet, publish_datasheet_version
from qualimark.verification.verify import Outcome

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
]
ARTEFACTS = Path(__file__).resolve().parents[1] / "var" / "artefacts" / "browser"
DESKTOP = ViewportSize(width=1280, height=900)
PHONE = ViewportSize(width=390, height=844)

HOLDER_NAME = "Geotex Belgium"  # conftest's `holder`
TRADE_NAME = "GeoTex NW 200"
PRODUCT_NAME = "Nonwoven geotextile 200 g/m²"
DELIVERY_NOTE = date(2026, 2, 20)  # the certificate was valid then
SUSPENDED_FROM = date(2026, 3, 2)
TODAY = date(2026, 3, 16)  # conftest's frozen clock


@dataclass(frozen=True)
class Registry:
    certificate_number: str
    quick_code: str

    @property
    def printed_code(self) -> str:
        """The code as a delivery note prints it (two groups of four), as people type it."""
        return quickcodes.format_code(self.quick_code)


@pytest.fixture
def registry(
    transactional_db: None,
    certified: Certificate,
    file_manager: User,
    decision_maker: User,
) -> Registry:
    """A datasheet published on 10 February 2026 whose certificate is suspended since 2 March.

    `certified` (conftest) applied on 5 January, admitted, in trial from 19 January, granted on
    2 February 2026; reaching the trial and publishing the datasheet fill the search index.
    """
    sheet = create_datasheet(
        certified,
        by=file_manager,
        product_name=PRODUCT_NAME,
        trade_name=TRADE_NAME,
        characteristics=[{"name": "mass per unit area", "value": "200", "unit": "g/m²"}],
    )
    publish_datasheet_version(sheet.versions.get(), by=file_manager, effective=date(2026, 2, 10))
    certification.suspend_certificate(
        certified,
        by=decision_maker,
        reason="Nonconformity found at the audit.",
        effective=SUSPENDED_FROM,
    )
    return Registry(certificate_number=certified.number, quick_code=sheet.quick_code)


@dataclass
class Watch:
    """What went wrong in the browser: console errors, script errors, site answers >= 500."""

    site: str
    problems: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("response", self._response)
        page.on("requestfailed", self._request_failed)

    def _console(self, message: ConsoleMessage) -> None:
        where = message.location.get("url", "")
        if message.type == "error":
            self.problems.append(f"console error: {message.text} ({where})")

    def _response(self, response: Response) -> None:
        if response.url.startswith(self.site) and response.status >= 500:
            self.problems.append(f"HTTP {response.status} for {response.url}")

    def _request_failed(self, request: Request) -> None:
        if request.url.startswith(self.site):
            self.problems.append(f"request failed: {request.url} ({request.failure})")

    def check(self, step: str) -> None:
        assert not self.problems, f"after {step}: " + "; ".join(self.problems)


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium under Playwright; its absence fails the test (CI must have it)."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is needed for the browser tests and is not at {CHROMIUM}: install "
            "Debian's (`apt-get install chromium`, or `make browser`). Playwright's own "
            "browser download is not used.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
        except PlaywrightError as error:
            pytest.fail(f"Chromium at {CHROMIUM} does not start: {error}", pytrace=False)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def artefacts() -> Path:
    """The screenshot folder, emptied of an earlier run's pictures; they stay after the run."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTEFACTS.glob("*.png"):
        old.unlink()
    return ARTEFACTS


def in_french(message: str) -> str:
    with translation.override("fr"):
        return translation.gettext(message)


def french_label(outcome: Outcome) -> str:
    with translation.override("fr"):
        label = str(outcome.label)
    return label[:1].upper() + label[1:]


def no_sideways_scrolling(page: Page) -> bool:
    fits: Any = page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    return bool(fits)


def test_search_datasheet_language_and_dated_verification(
    registry: Registry, live_server: Any, artefacts: Path
) -> None:
    with chromium() as browser:
        visit(browser, live_server.url, registry, artefacts)


def visit(browser: Browser, site: str, registry: Registry, artefacts: Path) -> None:
    watch = Watch(site)
    context = browser.new_context(viewport=DESKTOP, locale="en-GB", base_url=site)
    context.set_default_timeout(15_000)
    page = context.new_page()
    watch.attach(page)
    shots = iter(range(1, 100))

    def shot(name: str, on: Page = page) -> None:
        on.screenshot(path=artefacts / f"{next(shots):02d}-{name}.png", full_page=True)
        watch.check(name)

    # 1. The home page is the verify page, in English under /en/.
    page.goto("/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Is it certified?")
    expect(page.get_by_label("Quick code, certificate number or lot code")).to_be_visible()
    shot("home")

    # 2. Search for the holder from the main navigation.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    expect(page).to_have_url(f"{site}/en/search/")
    page.get_by_label("Search for").fill(HOLDER_NAME)
    page.locator("form.search-form").get_by_role("button", name="Search").click()
    results = page.locator("section.results")
    expect(results.get_by_role("heading", level=2)).to_have_text("1 result")
    certificate_link = page.get_by_role("link", name=registry.certificate_number, exact=True)
    result = results.locator("li", has=certificate_link)
    expect(result).to_be_visible()
    expect(result).to_contain_text(HOLDER_NAME)
    shot("search")

    # 3. The datasheets of that search, then the datasheet's page.
    page.get_by_role("navigation", name="Kind of result").get_by_role(
        "link", name="Datasheets"
    ).click()
    datasheet_link = results.get_by_role("link", name=f"{registry.printed_code} – {PRODUCT_NAME}")
    expect(datasheet_link).to_be_visible()
    shot("search-datasheets")
    datasheet_link.click()
    expect(page).to_have_url(f"{site}/en/datasheets/{registry.quick_code}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TRADE_NAME)
    expect(page.locator(".subtitle")).to_contain_text(registry.printed_code)
    badge = page.locator(".status-today .badge")
    expect(badge).to_have_class(re.compile(r"\btone-bad\b"))
    expect(badge).to_contain_text("suspended")
    shot("datasheet")

    # 4. The same page in French, through the language switcher.
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Français").click()
    expect(page).to_have_url(f"{site}/fr/datasheets/{registry.quick_code}/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text(TRADE_NAME)
    expect(badge).to_have_class(re.compile(r"\btone-bad\b"))
    expect(badge).to_contain_text(in_french("suspended"))
    shot("datasheet-fr")

    # 5. The verify page (in French), the code from the delivery note and its date: valid.
    page.locator("nav.main-nav").get_by_role("link").first.click()
    expect(page).to_have_url(f"{site}/fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.locator("#id_code").fill(registry.printed_code)
    page.locator("#id_on").fill(DELIVERY_NOTE.isoformat())
    shot("verify-fr-form")
    page.locator("form.verify-form button[type=submit]").click()
    typed = registry.printed_code.replace(" ", "+")
    expect(page).to_have_url(f"{site}/fr/?code={typed}&on={DELIVERY_NOTE.isoformat()}")
    verdict = page.locator("section.verdict")
    expect(verdict).to_have_class("verdict verdict-valid")
    expect(verdict.locator(".verdict-banner")).to_have_text(in_french("VALID"))
    expect(verdict.locator(".verdict-outcome")).to_have_text(french_label(Outcome.VALID))
    expect(verdict).to_contain_text(registry.printed_code)
    expect(verdict).to_contain_text(registry.certificate_number)
    expect(page.locator("#id_on")).to_have_value(DELIVERY_NOTE.isoformat())
    shot("verify-fr-past-valid")

    # 6. The same code today: not valid, the certificate is suspended since 2 March.
    page.locator("#id_on").fill(TODAY.isoformat())
    page.locator("form.verify-form button[type=submit]").click()
    expect(page).to_have_url(f"{site}/fr/?code={typed}&on={TODAY.isoformat()}")
    expect(verdict).to_have_class("verdict verdict-invalid")
    expect(verdict.locator(".verdict-banner")).to_have_text(in_french("NOT VALID"))
    expect(verdict.locator(".verdict-outcome")).to_have_text(french_label(Outcome.SUSPENDED))
    expect(page.locator("#id_on")).to_have_value(TODAY.isoformat())
    shot("verify-fr-today-suspended")
    today_answer = page.url
    context.close()

    # 7. On a phone (390 x 844): the answer, the datasheet and the search fit the screen.
    phone = browser.new_context(
        viewport=PHONE, locale="fr-BE", base_url=site, is_mobile=True, has_touch=True
    )
    phone.set_default_timeout(15_000)
    page = phone.new_page()
    watch.attach(page)
    sideways: list[str] = []
    for name, address in [
        ("phone-verify-fr", today_answer),
        ("phone-datasheet-fr", f"/fr/datasheets/{registry.quick_code}/"),
        ("phone-search-en", "/en/search/?q=Geotex+Belgium&kind=datasheets"),
    ]:
        page.goto(address)
        expect(page.locator("main")).to_be_visible()
        shot(name, page)
        if not no_sideways_scrolling(page):
            sideways.append(name)
    phone.close()
    assert not sideways, f"pages wider than a {PHONE['width']} px phone screen: {sideways}"
