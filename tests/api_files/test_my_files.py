"""`GET /me/files`: each user sees the files `access` lets them see, and nothing of others."""

from collections.abc import Callable
from datetime import date

import pytest

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate
from qualimark.oversight.models import Inspection
from qualimark.parties.models import Organisation, ProductionUnit
from qualimark.parties.services import add_production_unit
from qualimark.schemes.models import Programme
from tests.api_files.conftest import Api, code

HOLDER = {"name": "Geotex Belgium", "enterprise_number": "0403.170.701"}
SCHEME = {"code": "BENOR", "name": "BENOR"}
SUBJECT = {"code": "geotextiles", "kind": "product", "name": "Geotextiles"}

MakeApi = Callable[[User | None], Api]


@pytest.fixture
def rival_file(
    other_holder: Organisation, geotextiles_benor: Programme, file_manager: User
) -> Certificate:
    """Holder B's own application, made the day after Geotex's."""
    unit: ProductionUnit = add_production_unit(
        other_holder,
        by=file_manager,
        name="Plant Kortrijk",
        street="Kaai 1",
        postal_code="8500",
        town="Kortrijk",
    )
    return certification.apply_for_certification(
        holder=other_holder,
        programme=geotextiles_benor,
        production_unit=unit,
        by=file_manager,
        applied_on=date(2026, 1, 6),
    )


def numbers(api: Api) -> list[str]:
    status, body = api.get("/files")
    assert status == 200
    return [item["number"] for item in body["results"]]


def test_a_holders_users_see_their_own_files_only(
    api: MakeApi,
    certified: Certificate,
    rival_file: Certificate,
    holder_member: User,
    invited_member: User,
    other_admin: User,
) -> None:
    assert numbers(api(holder_member)) == ["BENOR-000001"]
    assert numbers(api(invited_member)) == ["BENOR-000001"]
    assert numbers(api(other_admin)) == ["BENOR-000002"]


def test_holder_b_never_sees_holder_as_file_and_cannot_tell_it_exists(
    api: MakeApi, certified: Certificate, rival_file: Certificate, other_admin: User
) -> None:
    rival = api(other_admin)

    def refusal(number: str) -> tuple[int, dict[str, object]]:
        message = f"You have no file with the number {number}."
        return 404, {"error": {"code": "not_found", "message": message}}

    assert rival.get("/files/BENOR-000001") == refusal("BENOR-000001")
    assert rival.get("/files/BENOR-999999") == refusal("BENOR-999999")


def test_staff_see_every_file_and_a_list_is_paginated(
    api: MakeApi, certified: Certificate, rival_file: Certificate, file_manager: User
) -> None:
    office = api(file_manager)

    first = office.get("/files?per_page=1")
    second = office.get("/files?per_page=1&page=2")

    assert first[0] == second[0] == 200
    assert {key: first[1][key] for key in ("total", "page", "per_page", "pages")} == {
        "total": 2,
        "page": 1,
        "per_page": 1,
        "pages": 2,
    }
    assert first[1]["results"] == [
        {
            "number": "BENOR-000001",
            "scheme": SCHEME,
            "subject": SUBJECT,
            "holder": HOLDER,
            "production_unit": "Plant Gent-Zeehaven, Gent",
            "status": "certified",
            "applied_on": "2026-01-05",
            "expires_on": None,
        }
    ]
    assert [item["number"] for item in second[1]["results"]] == ["BENOR-000002"]
    assert code(office.get("/files?per_page=500")) == (422, "invalid_input")


def test_an_inspector_sees_the_files_of_the_inspections_assigned_to_them(
    api: MakeApi, planned: Inspection, rival_file: Certificate, inspector: User
) -> None:
    visitor = api(inspector)

    assert numbers(visitor) == ["BENOR-000001"]
    assert code(visitor.get("/files/BENOR-000002")) == (404, "not_found")


def test_someone_without_a_role_sees_no_file(
    api: MakeApi, certified: Certificate, outsider: User
) -> None:
    stranger = api(outsider)

    assert numbers(stranger) == []
    assert code(stranger.get("/files/BENOR-000001")) == (404, "not_found")


def test_a_file_shows_its_status_today_and_every_decision(
    api: MakeApi,
    certified: Certificate,
    holder_member: User,
    decision_maker: User,
) -> None:
    certification.suspend_certificate(
        certified,
        by=decision_maker,
        reason="Major nonconformity not corrected.",
        effective=date(2026, 3, 2),
        until=date(2026, 4, 1),
    )
    decided_at = "2026-03-16T10:00:00+01:00"  # the suite's clock, as Brussels reads it
    expected = {
        "number": "BENOR-000001",
        "scheme": SCHEME,
        "subject": SUBJECT,
        "holder": HOLDER,
        "production_unit": {
            "name": "Plant Gent-Zeehaven",
            "street": "Zeehaven 4",
            "postal_code": "9000",
            "town": "Gent",
            "country": "BE",
        },
        "applied_on": "2026-01-05",
        "expires_on": None,
        "status": "suspended",
        "valid": False,
        "decisions": [
            {
                "transition": "apply",
                "from_status": None,
                "to_status": "applied",
                "effective": "2026-01-05",
                "until": None,
                "expires_on": None,
                "decided_by": "An Peeters",
                "decided_at": decided_at,
                "reason": certified.decisions.get(transition="apply").reason,
            },
            {
                "transition": "admit",
                "from_status": "applied",
                "to_status": "admissible",
                "effective": "2026-01-12",
                "until": None,
                "expires_on": None,
                "decided_by": "Sofie Claes",
                "decided_at": decided_at,
                "reason": "Complete file.",
            },
            {
                "transition": "start_trial",
                "from_status": "admissible",
                "to_status": "trial",
                "effective": "2026-01-19",
                "until": None,
                "expires_on": None,
                "decided_by": "Sofie Claes",
                "decided_at": decided_at,
                "reason": "Trial period begins.",
            },
            {
                "transition": "grant",
                "from_status": "trial",
                "to_status": "certified",
                "effective": "2026-02-02",
                "until": None,
                "expires_on": None,
                "decided_by": "Marc Dubois",
                "decided_at": decided_at,
                "reason": "Trial period passed.",
            },
            {
                "transition": "suspend",
                "from_status": "certified",
                "to_status": "suspended",
                "effective": "2026-03-02",
                "until": "2026-04-01",
                "expires_on": None,
                "decided_by": "Marc Dubois",
                "decided_at": decided_at,
                "reason": "Major nonconformity not corrected.",
            },
        ],
        "may_take": ["renounce"],  # the holder's own act, open while suspended
    }

    assert api(holder_member).get("/files/BENOR-000001") == (200, expected)
    assert api(holder_member).get("/files/benor-000001")[0] == 200


def test_a_decision_maker_is_shown_the_decisions_open_to_them(
    api: MakeApi, certified: Certificate, decision_maker: User, file_manager: User
) -> None:
    status, body = api(decision_maker).get("/files/BENOR-000001")

    assert status == 200
    # Renouncing is the holder's own act: it is not offered to the body's decision maker.
    assert body["may_take"] == ["suspend", "withdraw", "expire", "renew"]
    assert api(file_manager).get("/files/BENOR-000001")[1]["may_take"] == []
