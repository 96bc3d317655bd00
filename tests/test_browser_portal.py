"""End to end in a real browser: a holder applies online, a file manager admits the application.

The holder's administrator signs in, applies for BENOR geotextiles at its plant under
PTV 829 2021.2 with a contact and the self-monitoring manual (a real PDF) and submits; a
file manager signs in, finds the application under "Applications to review" in the work
queue, opens it and then its file, declares the application admissible with a reason and
sees the new status; the holder then sees the file admissible in the portal. Nobody opens
/admin/. Screenshots go to var/artefacts/browser-portal/.

The browser setup is `test_browser.py`'s (Debian's Chromium under Playwright's sync API,
data built through the services before the browser starts, the live server in this
process with the suite's frozen clock: Monday 16 March 2026).
"""

import io
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.fixtures import Settings
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from qualimark.accounts.models import User
from qualimark.applications.models import RequiredDocument
from qualimark.certification.models import Certificate
from qualimark.parties.models import ProductionUnit
from qualimark.schemes.models import Programme
from tests.office_browser import AdminWatch, open_tab
from tests.test_browser import DESKTOP, Watch, chromium

ARTEFACTS = Path(__file__).resolve().parents[1] / "var" / "artefacts" / "browser-portal"
PASSWORD = "correct-horse-battery"  # conftest's personas
MANUAL = "Self-monitoring (factory production control) manual"


@pytest.fixture
def artefacts() -> Path:
    """The screenshot folder, emptied of an earlier run's pictures; they stay after the run."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTEFACTS.glob("*.png"):
        old.unlink()
    return ARTEFACTS


@pytest.fixture
def manual_pdf(tmp_path: Path) -> Path:
    """The applicant's self-monitoring manual: a real one-page PDF."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.drawString(72, 760, "Geotex Belgium – Handboek zelfcontrole, versie 3")
    canvas.showPage()
    canvas.save()
    path = tmp_path / "handboek-zelfcontrole.pdf"
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def people(
    transactional_db: None,
    settings: Settings,
    tmp_path: Path,
    geotextiles_benor: Programme,
    plant: ProductionUnit,
    holder_member: User,
    file_manager: User,
) -> tuple[User, User]:
    """An Peeters (Geotex's administrator) and Sofie Claes (file manager), reading English;
    BENOR geotextiles asks the self-monitoring manual and an optional data sheet."""
    settings.MEDIA_ROOT = tmp_path / "media"
    for user in (holder_member, file_manager):
        user.language = "en"
        user.save(update_fields=["language"])
    RequiredDocument.objects.create(
        programme=geotextiles_benor,
        name_nl="Handboek van de zelfcontrole (fabriekscontrole)",
        name_fr="Manuel de l'autocontrôle (contrôle de production en usine)",
        name_en=MANUAL,
        mandatory=True,
        position=1,
    )
    RequiredDocument.objects.create(
        programme=geotextiles_benor,
        name_nl="Technische fiches van de grondstoffen",
        name_fr="Fiches techniques des matières premières",
        name_en="Technical data sheets of the raw materials",
        mandatory=False,
        position=2,
    )
    return holder_member, file_manager


def test_a_holder_applies_online_and_a_file_manager_admits_the_application(
    people: tuple[User, User], manual_pdf: Path, live_server: Any, artefacts: Path
) -> None:
    holder_admin, file_manager = people
    with chromium() as browser:
        road(browser, live_server.url, holder_admin, file_manager, manual_pdf, artefacts)
    certificate = Certificate.objects.get()
    assert [d.transition for d in certificate.decisions.order_by("id")] == ["apply", "admit"]
    assert certificate.decisions.get(transition="admit").decided_by == file_manager


def road(
    browser: Browser, site: str, holder: User, staff: User, manual: Path, artefacts: Path
) -> None:
    watch = Watch(site)
    context = browser.new_context(viewport=DESKTOP, locale="en-GB", base_url=site)
    context.set_default_timeout(15_000)
    page = context.new_page()
    watch.attach(page)
    admin = AdminWatch(site)
    admin.attach(page)
    shots = iter(range(1, 100))

    def shot(name: str) -> None:
        page.screenshot(path=artefacts / f"{next(shots):02d}-{name}.png", full_page=True)
        watch.check(name)
        admin.check(name)

    # 1. The holder's administrator signs in and lands in the portal.
    sign_in(page, holder)
    expect(page).to_have_url(f"{site}/en/portal/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My files")
    shot("portal-home")

    # 2. Apply online: what is applied for, saved as a draft.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Apply online").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Apply for certification")
    page.get_by_label("Mark and product or execution type").select_option(
        label="BENOR – Geotextiles"
    )
    page.get_by_label("Production unit").select_option(
        label="Plant Gent-Zeehaven, Zeehaven 4, 9000 Gent"
    )
    page.get_by_label("PTV version").select_option(label="PTV 829 version 2021.2")
    shot("apply-form")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Application A-2026-0001")
    expect(page.locator(".messages")).to_contain_text("Draft application A-2026-0001 is saved")

    # 3. A contact, and the manual the regulation asks for.
    contact = page.get_by_role("group", name="Contact 1")
    contact.get_by_label("Name").fill("An Peeters")
    contact.get_by_label("Function").fill("Quality manager")
    contact.get_by_label("E-mail address").fill("an.peeters@geotex.example")
    page.get_by_role("button", name="Save the contacts").click()
    expect(page.locator(".messages")).to_contain_text("The contacts are saved.")
    upload = page.locator("form", has=page.get_by_label(f"File for “{MANUAL}”"))
    upload.get_by_label(f"File for “{MANUAL}”").set_input_files(manual)
    upload.get_by_role("button", name="Upload").click()
    expect(page.locator(".messages")).to_contain_text("handboek-zelfcontrole.pdf is uploaded.")
    expect(page.get_by_role("link", name="handboek-zelfcontrole.pdf")).to_be_visible()
    shot("application-complete")

    # 4. Submitted: the certification body follows it as file BENOR-000001.
    page.get_by_role("button", name="Submit the application").click()
    expect(page.locator(".status-today")).to_contain_text("Application received")
    expect(page.locator(".status-today")).to_contain_text("file BENOR-000001")
    shot("application-submitted")
    sign_out(page)

    # 5. The file manager finds it in the work queue, among the applications to review.
    sign_in(page, staff)
    expect(page).to_have_url(f"{site}/en/office/")
    open_tab(page, "Applications to review", 1)
    queue = page.locator("table.queue-items")
    expect(queue).to_contain_text("waiting for the admissibility decision")
    shot("work-queue")
    queue.get_by_role("link", name="BENOR-000001 – Geotex Belgium").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Application A-2026-0001")
    expect(page.get_by_role("link", name="handboek-zelfcontrole.pdf")).to_be_visible()
    page.get_by_role("link", name="File BENOR-000001").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("File BENOR-000001")
    shot("file-applied")

    # 6. Declared admissible, with a reason: the file page shows the new status.
    page.get_by_test_id("decide-buttons").get_by_role(
        "link", name="Declare the application admissible"
    ).click()
    page.get_by_label("Reason").fill("The application is complete: manual and contact given.")
    shot("decide-admit")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("File BENOR-000001")
    expect(page.locator(".messages")).to_contain_text("Decision recorded on BENOR-000001")
    status = page.locator(".facts dd .status")
    expect(status).to_have_text("Application admissible")
    shot("file-admissible")
    sign_out(page)

    # 7. The holder sees the file admissible in the portal.
    sign_in(page, holder)
    row = page.locator("tr", has=page.get_by_role("link", name="BENOR-000001"))
    expect(row.locator(".badge")).to_have_text("Application admissible")
    shot("portal-admissible")
    context.close()
    admin.check()


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
