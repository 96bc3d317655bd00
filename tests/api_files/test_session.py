"""`/me/` is for logged-in users of the site: the session, its CSRF token and second factor."""

from base64 import b64encode
from collections.abc import Callable

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from qualimark.accounts.models import User
from qualimark.certification.models import Certificate
from tests.api_files.conftest import Api, code

CREDENTIALS = b"an.peeters@geotex.example:correct-horse-battery"

MakeApi = Callable[[User | None], Api]


@pytest.mark.parametrize(
    "path", ["/files", "/files/BENOR-000001", "/inspections", "/inspections/2026-00001"]
)
def test_an_anonymous_caller_is_asked_to_log_in(
    api: MakeApi, certified: Certificate, path: str
) -> None:
    assert code(api(None).get(path)) == (401, "not_authenticated")


def test_an_anonymous_decision_is_refused_as_unauthenticated(
    api: MakeApi, certified: Certificate
) -> None:
    body = {"transition": "suspend", "reason": "No."}

    assert code(api(None).post("/files/BENOR-000001/decisions", body)) == (
        401,
        "not_authenticated",
    )
    assert code(api(None).post("/files/BENOR-000001/decisions", body, token=False)) == (
        401,
        "not_authenticated",
    )


def test_a_decision_without_the_csrf_token_is_refused(
    api: MakeApi, certified: Certificate, decision_maker: User
) -> None:
    body = {"transition": "suspend", "reason": "Major nonconformity."}

    answer = api(decision_maker).post("/files/BENOR-000001/decisions", body, token=False)

    assert code(answer) == (403, "csrf_failed")
    assert certified.decisions.count() == 4


def test_basic_authentication_is_no_session(certified: Certificate, holder_member: User) -> None:
    """A password sent with the request does not log anyone in: only the site's session."""
    client = Client(headers={"accept-language": "en"})

    response = client.get(
        "/api/v1/me/files",
        headers={"authorization": "Basic " + b64encode(CREDENTIALS).decode()},
    )

    assert response.status_code == 401


def test_a_logged_in_session_reads_its_files(certified: Certificate, holder_member: User) -> None:
    client = Client(headers={"accept-language": "en"})
    assert client.login(email="an.peeters@geotex.example", password="correct-horse-battery")

    response = client.get("/api/v1/me/files")

    assert response.status_code == 200
    assert response.json()["total"] == 1


def test_staff_who_must_use_a_second_factor_need_a_verified_session(
    api: MakeApi, certified: Certificate, decision_maker: User, settings: Settings
) -> None:
    settings.QUALIMARK_STAFF_SECOND_FACTOR = True

    assert code(api(decision_maker).get("/files")) == (403, "second_factor_required")
