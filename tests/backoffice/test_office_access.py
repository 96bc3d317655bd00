"""Who gets into the back-office at all, and what an inspector sees in it."""

from datetime import date

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from qualimark.accounts.models import User
from qualimark.applications.models import Application
from qualimark.backoffice import urls as backoffice_urls
from qualimark.certification.models import Certificate, Decision
from qualimark.datasheets.models import DatasheetProposal
from qualimark.oversight import planning
from qualimark.oversight.models import Inspection, InspectionBody

from .conftest import SignIn


@pytest.fixture
def office_urls(
    reported: Inspection, online_application: Application, datasheet_proposal: DatasheetProposal
) -> list[str]:
    """One URL of every kind of page of the office, on real objects."""
    number, reference = reported.certificate.number, reported.reference
    upload = online_application.uploads.get()
    return [
        reverse("backoffice:queue"),
        reverse("backoffice:file", args=(number,)),
        reverse("backoffice:decide", args=(number, "suspend")),
        reverse("backoffice:plan", args=(number,)),
        reverse("backoffice:inspection", args=(reference,)),
        reverse("backoffice:inspection-step", args=(reference, "evaluate")),
        reverse("backoffice:inspection-report", args=(reference,)),
        reverse("backoffice:application", args=(online_application.reference,)),
        reverse("backoffice:application-upload", args=(online_application.reference, upload.pk)),
        reverse("backoffice:proposal", args=(datasheet_proposal.pk,)),
        reverse("backoffice:planning"),
        reverse("backoffice:sanctions"),
        reverse("backoffice:impose-sanction", args=(number,)),
        reverse("backoffice:inspection-step", args=(reference, "reassign")),
    ]


def test_office_urls_are_under_the_language_prefix(office_urls: list[str]) -> None:
    assert all(url.startswith("/en/office/") for url in office_urls)


def test_anonymous_visitors_are_sent_to_the_login_page(
    client: Client, office_urls: list[str]
) -> None:
    login = reverse("signin:login")
    for url in office_urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(login), url
        assert "next=" in response["Location"], url


@pytest.mark.parametrize("persona", ["holder_member", "invited_member", "other_admin", "outsider"])
def test_holder_users_and_outsiders_are_refused_every_office_page(
    request: pytest.FixtureRequest, sign_in: SignIn, office_urls: list[str], persona: str
) -> None:
    client = sign_in(request.getfixturevalue(persona))
    for url in office_urls:
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"Traceback" not in response.content


def _every_office_url() -> list[str]:
    """Every URL of the office's configuration, its arguments filled in (the door refuses
    before any object is looked up)."""
    samples = {"IntConverter": 1, "StringConverter": "X-1", "SlugConverter": "x"}
    urls = []
    for pattern in backoffice_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        converters = pattern.pattern.converters
        kwargs = {name: samples[type(c).__name__] for name, c in converters.items()}
        urls.append(reverse(f"backoffice:{pattern.name}", kwargs=kwargs))
    return urls


@pytest.mark.parametrize("persona", ["holder_member", "outsider"])
def test_no_office_url_lets_a_holder_or_an_outsider_in_by_get_or_post(
    request: pytest.FixtureRequest, sign_in: SignIn, persona: str
) -> None:
    client = sign_in(request.getfixturevalue(persona))
    urls = _every_office_url()
    assert len(urls) > 40
    for url in urls:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {}).status_code == 403, url


def test_a_holder_cannot_decide_by_posting_to_the_office(
    sign_in: SignIn, holder_member: User, certified: Certificate
) -> None:
    client = sign_in(holder_member)
    response = client.post(
        reverse("backoffice:decide", args=(certified.number, "suspend")),
        {"reason": "We want it.", "effective": "2026-03-16"},
    )
    assert response.status_code == 403
    assert Decision.objects.filter(certificate=certified, transition="suspend").count() == 0


def test_an_inspector_opens_the_inspections_assigned_to_them_only(
    sign_in: SignIn,
    reported: Inspection,
    inspector: User,
    other_inspector: User,
    body: InspectionBody,
    file_manager: User,
) -> None:
    theirs = planning.plan_inspection(
        reported.certificate,
        by=file_manager,
        body=body,
        inspector=other_inspector,
        planned_on=date(2026, 3, 20),
    )
    client = sign_in(inspector)
    assert (
        client.get(reverse("backoffice:inspection", args=(reported.reference,))).status_code == 200
    )
    assert client.get(reverse("backoffice:inspection", args=(theirs.reference,))).status_code == 404
    assert client.get(reverse("backoffice:inspection", args=("2026-99999",))).status_code == 404


def test_an_inspector_does_not_see_files_they_do_not_inspect(
    sign_in: SignIn, inspector: User, body: InspectionBody, application: Certificate
) -> None:
    client = sign_in(inspector)
    response = client.get(reverse("backoffice:file", args=(application.number,)))
    assert response.status_code == 404


def test_an_inspector_cannot_decide_on_the_file_they_inspect(
    sign_in: SignIn, inspector: User, reported: Inspection
) -> None:
    certificate = reported.certificate
    client = sign_in(inspector)
    page = client.get(reverse("backoffice:file", args=(certificate.number,)))
    assert page.status_code == 200
    assert b'data-testid="decide-buttons"' not in page.content
    url = reverse("backoffice:decide", args=(certificate.number, "suspend"))
    assert client.get(url).status_code == 403
    response = client.post(url, {"reason": "Bad report.", "effective": "2026-03-16"})
    assert response.status_code == 403
    assert not Decision.objects.filter(certificate=certificate, transition="suspend").exists()
