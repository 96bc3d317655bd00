"""The `/me/` part of the API: a client per persona, and oversight states built by the services."""

import secrets
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client

from qualimark.accounts.models import User
from qualimark.certification.models import Certificate
from qualimark.oversight import planning, reports, services
from qualimark.oversight.models import FindingKind, Inspection, InspectionBody
from qualimark.parties.models import Organisation, Person, Role, RoleKind
from qualimark.schemes.models import DocumentVersion, ReferenceDocument

TODAY = date(2026, 3, 16)

Call = tuple[int, Any]


class Api:
    """A browser session of one user against /api/v1/me/, CSRF checks enforced."""

    def __init__(self, user: User | None) -> None:
        self.client = Client(enforce_csrf_checks=True, headers={"accept-language": "en"})
        if user is not None:
            self.client.force_login(user)
        # What a page of the site would have given the browser: the CSRF cookie.
        self.token = secrets.token_hex(16)
        self.client.cookies["csrftoken"] = self.token

    def get(self, path: str) -> Call:
        response = self.client.get(f"/api/v1/me{path}")
        assert response["Content-Type"].startswith("application/json")
        return response.status_code, response.json()

    def post(self, path: str, body: dict[str, Any], *, token: bool = True) -> Call:
        headers = {"x-csrftoken": self.token} if token else {}
        response = self.client.post(
            f"/api/v1/me{path}", body, content_type="application/json", headers=headers
        )
        assert response["Content-Type"].startswith("application/json")
        return response.status_code, response.json()


@pytest.fixture
def api() -> Callable[[User | None], Api]:
    return Api


def code(call: Call) -> tuple[int, str]:
    """The status and the error code of an answer."""
    status, body = call
    return status, body["error"]["code"]


@pytest.fixture
def planned(
    certified: Certificate,
    tra_829: DocumentVersion,
    body: InspectionBody,
    inspector: User,
    file_manager: User,
) -> Inspection:
    """An unannounced visit of Geotex's plant, planned for today."""
    return planning.plan_inspection(
        certified, by=file_manager, body=body, inspector=inspector, planned_on=TODAY
    )


@pytest.fixture
def contact(holder: Organisation) -> Person:
    """Geotex's quality manager, to whom reports are sent."""
    person = Person.objects.create(
        first_name="Bart", last_name="Smets", email="quality@geotex.example"
    )
    Role.objects.create(person=person, organisation=holder, kind=RoleKind.CONTACT)
    return person


@pytest.fixture
def sent(
    planned: Inspection,
    inspector: User,
    file_manager: User,
    contact: Person,
    ptv_829: ReferenceDocument,
) -> Inspection:
    """Visited and reported today: a minor nonconformity on PTV 829 §5.2."""
    services.carry_out_inspection(
        planned, by=inspector, visited_on=TODAY, summary="Production and FPC visited."
    )
    services.add_finding(
        planned,
        by=inspector,
        kind=FindingKind.MINOR,
        requirement=ptv_829.versions.get(label="2021.2"),
        clause="5.2",
        requirement_text="Tensile strength tested on every production lot.",
        observation="Two delivery notes do not cite the quick code.",
    )
    return reports.send_report(planned, by=file_manager)
