"""What the back-office browser tests share: staff sign in to their work queue and open their
work from it, and the Django admin is never asked for.

The work queue (/en/office/) shows the kinds of work of the reader's roles as tabs, each
with its count, above one table of items; each item links to where the work is done.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Locator, Page, Request, expect

from qualimark.accounts.models import User

PASSWORD = "correct-horse-battery"  # conftest's personas


def artefacts_folder(name: str) -> Path:
    """var/artefacts/<name>/, emptied of an earlier run's pictures; they stay after the run."""
    folder = Path(__file__).resolve().parents[1] / "var" / "artefacts" / name
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    return folder


def sign_in(page: Page, user: User) -> None:
    """Sign in on the login page: the staff member lands on their work queue."""
    page.goto("/en/account/login/")
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/en/office/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your work queue")


def sign_out(page: Page) -> None:
    page.get_by_role("navigation", name="Your account").get_by_role(
        "button", name="Sign out"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


def nav(page: Page, name: str) -> None:
    """Follow a link of the back-office's main navigation."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True).click()


def back_to_queue(page: Page) -> None:
    nav(page, "Work queue")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your work queue")


def queue_tab(page: Page, kind: str) -> Locator:
    """The tab of a kind of work, whose name ends with its count."""
    return page.locator("nav.queue-tabs").get_by_role(
        "link", name=re.compile(rf"^{re.escape(kind)} \d+$")
    )


def expect_count(page: Page, kind: str, count: int) -> None:
    expect(queue_tab(page, kind).locator(".count")).to_have_text(str(count))


def open_tab(page: Page, kind: str, count: int | None = None) -> Locator:
    """Show the items of one kind of work; returns the rows of the queue's table."""
    tab = queue_tab(page, kind)
    if count is not None:
        expect(tab.locator(".count")).to_have_text(str(count))
    tab.click()
    expect(queue_tab(page, kind)).to_have_attribute("aria-current", "true")
    rows = page.locator("table.queue-items tbody tr")
    if count is not None:
        expect(rows).to_have_count(count)
    if count == 0:
        expect(page.get_by_text("Nothing waiting.")).to_be_visible()
    return rows


def queue_item(page: Page, title: str) -> Locator:
    """The row of the queue's table whose item is called `title`."""
    link = page.get_by_role("link", name=title, exact=True)
    return page.locator("table.queue-items tbody tr", has=link)


def open_from_queue(page: Page, kind: str, title: str) -> None:
    """From the work queue: the tab of `kind`, then the item called `title`."""
    open_tab(page, kind)
    queue_item(page, title).get_by_role("link", name=title, exact=True).click()


@dataclass
class AdminWatch:
    """Every request of the site for a page or file of the Django admin."""

    site: str
    opened: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        page.on("request", self._request)

    def _request(self, request: Request) -> None:
        if request.url.startswith(f"{self.site}/") and "/admin/" in request.url:
            self.opened.append(request.url)

    def check(self, step: str = "") -> None:
        assert not self.opened, (
            f"the admin was opened{f' by {step}' if step else ''}: {self.opened}"
        )
