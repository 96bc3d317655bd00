"""Every role of the demo follows every link of its pages by GET: none is broken or closed.

The demo registry is built (as `qualimark demo` builds it, at a small scale); then each of
its logins starts where it lands (the work queue, the portal's home) and follows the links
and GET forms of each page it reaches, within the back-office and the portal, in English.
A link to a page that answers 403, 404 or 500 is a defect: a page may only offer what its
reader may open. So is a link into the Django admin on a page of someone who is not an
administrator. Together the roles must reach every URL of the back-office and the portal
(the names are read from the URL configuration); a form that posts counts as reaching its
URL, since following a link never posts.

A page is read at most a few times per URL name (three files, three inspections…): the
pages of one name are the same template, and the crawl stays quick on a national-scale
registry.
"""

from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import Resolver404, ResolverMatch, URLPattern, URLResolver, resolve
from django.utils import translation
from pytest_django.fixtures import Settings

from qualimark import clock
from qualimark.backoffice import urls as backoffice_urls
from qualimark.demo.generator import generate
from qualimark.demo.logins import ADMIN_EMAIL, Side, demo_logins
from qualimark.portal import urls as portal_urls
from tests.test_demo_data import SCALE

PER_NAME = 8  # pages of one object each (a file, an inspection…), or of a list filtered twice
PER_LIST = 100  # pages of a list with one choice made (a kind, a filter, a page)
CRAWLED = ("/en/office/", "/en/portal/")
CHECKED_ONCE = ("/en/", "/v/", "/api/")  # followed, not crawled further
OTHER_LANGUAGES = ("/nl/", "/fr/", "/de/")


def _names(module: object, namespace: str) -> set[str]:
    found = set()
    for pattern in module.urlpatterns:  # type: ignore[attr-defined]
        assert isinstance(pattern, URLPattern | URLResolver)
        if isinstance(pattern, URLPattern) and pattern.name:
            found.add(f"{namespace}:{pattern.name}")
    return found


EVERY_NAME = _names(backoffice_urls, "backoffice") | _names(portal_urls, "portal")


class _Links(HTMLParser):
    """The links of a page, the URLs its GET forms load (with each choice of their lists, as
    a person picks one filter), and the URLs its forms post to."""

    def __init__(self, base: str) -> None:
        super().__init__()
        self.base = base
        self.links: list[str] = []
        self.posts: list[str] = []
        self._form: str | None = None  # the action of the GET form being read
        self._select = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "a" and values.get("href"):
            self.links.append(urljoin(self.base, values["href"]))
        elif tag == "form":
            action = urljoin(self.base, values.get("action") or self.base)
            if values.get("method", "get").lower() == "post":
                self.posts.append(action)
            else:
                self.links.append(action)
                self._form = action
        elif tag == "select" and self._form is not None:
            self._select = values.get("name", "")
        elif tag == "option" and self._form is not None and self._select and values.get("value"):
            query = urlencode({self._select: values["value"]})
            self.links.append(f"{self._form.split('?')[0]}?{query}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = ""


@dataclass
class Crawl:
    role: str
    reached: set[str] = field(default_factory=set)
    failures: list[str] = field(default_factory=list)
    pages: int = 0


def _match(path: str) -> ResolverMatch | None:
    try:
        with translation.override("en"):  # a page may switch to its reader's language
            return resolve(path)
    except Resolver404:
        return None


def _name(path: str) -> str | None:
    match = _match(path)
    if match is None:
        return None
    return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name


def crawl(client: Client, role: str, start: str, *, administrator: bool) -> Crawl:
    result = Crawl(role)
    # Links to a kind of page not read yet go first: the crawl then meets every kind of
    # page early, before the many pages of one kind (breadth first within each queue).
    fresh, known = deque([(start, start)]), deque[tuple[str, str]]()
    named: set[str] = set()

    def follow(url: str, found_on: str) -> None:
        match = _match(urlsplit(url).path)
        name = f"{match.namespace}:{match.url_name}" if match else url
        (known if name in named else fresh).append((url, found_on))
        named.add(name)

    per_name: Counter[str] = Counter()
    seen: set[str] = set()
    while fresh or known:
        url, found_on = (fresh or known).popleft()
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver") or parts.scheme not in ("", "http"):
            continue  # a link elsewhere (a standard's publisher, a mail address)
        path = parts.path
        if path.startswith("/admin/"):
            if not administrator:
                result.failures.append(f"{found_on} links into the admin: {url}")
            continue
        if path.startswith(OTHER_LANGUAGES):
            continue  # the same page in another language: the switch, not a new page
        target = path + (f"?{parts.query}" if parts.query else "")
        if target in seen:
            continue
        seen.add(target)
        match = _match(path)
        if match is None:
            result.failures.append(f"{found_on} links to {target}, which no URL matches")
            continue
        name = f"{match.namespace}:{match.url_name}" if match.namespace else str(match.url_name)
        crawled = path.startswith(CRAWLED)
        if not crawled and not path.startswith(CHECKED_ONCE):
            continue  # the sign-in pages, the language switch: not the crawl's business
        one_choice = not match.kwargs and len(parse_qsl(parts.query)) <= 1
        bucket = f"{name} {one_choice}"
        per_name[bucket] += 1
        if per_name[bucket] > ((PER_LIST if one_choice else PER_NAME) if crawled else 1):
            continue
        response = client.get(target)
        result.pages += 1
        if response.status_code in (403, 404) or response.status_code >= 500:
            result.failures.append(f"{found_on} -> {target}: {response.status_code}")
            continue
        result.reached.add(name)
        if response.status_code in (301, 302):
            follow(response["Location"], target)
            continue
        if not crawled or "text/html" not in response.get("Content-Type", ""):
            continue
        page = _Links(target)
        page.feed(response.content.decode())
        for post in page.posts:
            posted = _name(urlsplit(post).path)
            if posted:
                result.reached.add(posted)
        for link in page.links:
            follow(link, target)
    return result


# A day after the demo's history, as when someone builds it: its live work is around it.
DAY = datetime(2026, 12, 7, 10, 0, tzinfo=ZoneInfo("Europe/Brussels"))


@pytest.fixture
def demo(db: None, settings: Settings, tmp_path: Path) -> Iterator[None]:
    settings.MEDIA_ROOT = tmp_path / "media"
    with clock.frozen_at(DAY):
        generate(SCALE, seed=1)
        yield


def test_every_role_follows_every_link_and_together_they_reach_every_page(
    demo: None, client: Client
) -> None:
    results = []
    with translation.override("en"):
        for login in demo_logins():
            client.force_login(login.user)
            start = "/en/office/" if login.side == Side.OFFICE else "/en/portal/"
            administrator = login.user.email == ADMIN_EMAIL
            results.append(crawl(client, str(login.role), start, administrator=administrator))
            client.logout()

    failures = [f"{result.role}: {failure}" for result in results for failure in result.failures]
    assert failures == [], "\n".join(failures)
    reached = set().union(*(result.reached for result in results))
    missing = sorted(EVERY_NAME - reached)
    assert missing == [], " ".join(missing)
    roles = {result.role for result in results}
    assert {"file manager", "decision maker", "reviewer", "auditor", "inspector"} <= roles
    assert all(result.pages > 5 for result in results), [(r.role, r.pages) for r in results]
