"""The API's verification: whole answers pinned, one code or a delivery list at a time."""

from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate
from qualimark.datasheets import quickcodes
from qualimark.datasheets.models import Datasheet
from qualimark.datasheets.services import create_datasheet, publish_datasheet_version
from qualimark.feed import services as feed

ENGLISH = {"accept-language": "en"}
HOLDER = {"name": "Geotex Belgium", "enterprise_number": "0403.170.701"}
SCHEME = {"code": "BENOR", "name": "BENOR"}
SUBJECT = {"code": "geotextiles", "kind": "product", "name": "Geotextiles"}
ANSWERED_AT = "2026-03-16T10:00:00+01:00"
TODAY = date(2026, 3, 16)


@pytest.fixture
def datasheet(certified: Certificate, file_manager: User) -> Datasheet:
    sheet = create_datasheet(
        certified, by=file_manager, product_name="Nonwoven 200", trade_name="GeoTex NW 200"
    )
    publish_datasheet_version(sheet.versions.get(), by=file_manager, effective=date(2026, 2, 10))
    return sheet


def typo_of(code: str) -> str:
    return code[:2] + str((int(code[2]) + 1) % 10) + code[3:]


def get(client: Client, path: str, **headers: str) -> tuple[int, Any]:
    response = client.get(f"/api/v1{path}", headers={**ENGLISH, **headers})
    assert response["Content-Type"].startswith("application/json")
    return response.status_code, response.json()


def datasheet_verdict(sheet: Datasheet, **changes: Any) -> dict[str, Any]:
    return {
        "code": sheet.quick_code,
        "on": "2026-03-16",
        "as_of": None,
        "answered_at": ANSWERED_AT,
        # In these tests the registry's last change is the code's own.
        "sequence": feed.position(),
        "outcome": "valid",
        "valid": True,
        "message": (
            f"Datasheet {quickcodes.format_code(sheet.quick_code)} is valid on 16 March 2026."
        ),
        "status": "certified",
        "first_day": "2026-02-10",
        "last_day": None,
        "certificate_number": "BENOR-000001",
        "quick_code": sheet.quick_code,
        "product_name": "Nonwoven 200",
        "holder": HOLDER,
        "scheme": SCHEME,
        "subject": SUBJECT,
        "superseded_by": None,
        "lot": None,
        "suggestions": [],
        "verification_url": f"http://127.0.0.1:8000/v/{sheet.quick_code}",
        **changes,
    }


def empty_verdict(code: str, outcome: str, message: str, **changes: Any) -> dict[str, Any]:
    return {
        "code": code,
        "on": "2026-03-16",
        "as_of": None,
        "answered_at": ANSWERED_AT,
        "sequence": None,
        "outcome": outcome,
        "valid": False,
        "message": message,
        "status": None,
        "first_day": None,
        "last_day": None,
        "certificate_number": None,
        "quick_code": None,
        "product_name": None,
        "holder": None,
        "scheme": None,
        "subject": None,
        "superseded_by": None,
        "lot": None,
        "suggestions": [],
        "verification_url": None,
        **changes,
    }


def test_a_valid_datasheet_gets_the_whole_verdict(client: Client, datasheet: Datasheet) -> None:
    assert get(client, f"/verify/{datasheet.quick_code}") == (200, datasheet_verdict(datasheet))


def test_a_quick_code_typed_with_a_space_is_found(client: Client, datasheet: Datasheet) -> None:
    typed = quickcodes.format_code(datasheet.quick_code)
    status, body = get(client, f"/verify/{typed}")
    assert (status, body["outcome"], body["code"]) == (200, "valid", typed)


def test_a_suspension_says_since_when_and_until_which_last_day(
    client: Client, datasheet: Datasheet, decision_maker: User
) -> None:
    certification.suspend_certificate(
        datasheet.certificate,
        by=decision_maker,
        reason="Nonconformities.",
        effective=date(2026, 3, 2),
        until=date(2026, 6, 1),
    )
    expected = datasheet_verdict(
        datasheet,
        outcome="suspended",
        valid=False,
        status="suspended",
        message=(
            f"Datasheet {quickcodes.format_code(datasheet.quick_code)} is not valid on "
            "16 March 2026: the certificate is suspended since 2 March 2026."
        ),
        first_day="2026-03-02",
        last_day="2026-05-31",
    )
    assert get(client, f"/verify/{datasheet.quick_code}") == (200, expected)


def test_a_delivery_note_dated_before_the_suspension_was_valid(
    client: Client, datasheet: Datasheet, decision_maker: User
) -> None:
    certification.suspend_certificate(
        datasheet.certificate, by=decision_maker, reason="R.", effective=date(2026, 3, 2)
    )
    status, body = get(client, f"/verify/{datasheet.quick_code}?on=2026-03-01")
    assert (status, body["on"], body["outcome"], body["last_day"]) == (
        200,
        "2026-03-01",
        "valid",
        "2026-03-01",
    )


def test_a_mistyped_code_is_an_answer_with_the_code_meant(
    client: Client, datasheet: Datasheet
) -> None:
    typo = typo_of(datasheet.quick_code)
    formatted = quickcodes.format_code(datasheet.quick_code)
    message = (
        f"{typo} is not a valid quick code: its check digit does not match, so one digit is "
        f"probably mistyped or two neighbouring digits are swapped. Did you mean {formatted}?"
    )
    expected = empty_verdict(typo, "mistyped", message, suggestions=[datasheet.quick_code])
    assert get(client, f"/verify/{typo}") == (200, expected)


def test_an_unknown_code_is_an_answer_too(client: Client, datasheet: Datasheet) -> None:
    code = quickcodes.with_check_digit("7654321")
    message = f"{code} is not a code in this registry."
    assert get(client, f"/verify/{code}") == (200, empty_verdict(code, "unknown", message))


def test_a_date_before_the_first_certificate_was_not_yet_certified(
    client: Client, certified: Certificate
) -> None:
    expected = {
        **empty_verdict(
            "BENOR-000001",
            "not_yet_certified",
            "Certificate BENOR-000001 was not yet certified on 1 December 2025.",
        ),
        "on": "2025-12-01",
        "sequence": feed.position(),
        "last_day": "2026-01-04",
        "certificate_number": "BENOR-000001",
        "holder": HOLDER,
        "scheme": SCHEME,
        "subject": SUBJECT,
        "verification_url": "http://127.0.0.1:8000/v/BENOR-000001",
    }
    assert get(client, "/verify/BENOR-000001?on=2025-12-01") == (200, expected)


@pytest.mark.parametrize("code", ["12", "123456789012345", "%20", "12%0034"])
def test_what_is_no_code_is_refused_as_malformed(client: Client, db: None, code: str) -> None:
    status, body = get(client, f"/verify/{code}")
    assert (status, body["error"]["code"]) == (400, "malformed_code")
    assert set(body["error"]) == {"code", "message"}


def test_the_malformed_error_is_pinned(client: Client, db: None) -> None:
    expected = {
        "error": {
            "code": "malformed_code",
            "message": "12 is not a quick code (8 digits) or a certificate number.",
        }
    }
    assert get(client, "/verify/12") == (400, expected)


@pytest.mark.parametrize("on", ["2026-02-30", "14-03-2026", "1773619200", "2026-3-14", "today"])
def test_a_date_that_is_no_day_is_a_bad_date(client: Client, db: None, on: str) -> None:
    expected = {
        "error": {
            "code": "bad_date",
            "message": "A date is written YYYY-MM-DD and must be a real day, e.g. 2026-03-14.",
        }
    }
    assert get(client, f"/verify/BENOR-000001?on={on}") == (400, expected)


def test_the_verdict_is_given_in_french_when_asked(client: Client, datasheet: Datasheet) -> None:
    status, body = get(client, f"/verify/{datasheet.quick_code}", **{"accept-language": "fr"})
    formatted = quickcodes.format_code(datasheet.quick_code)
    assert (status, body["outcome"]) == (200, "valid")
    assert body["message"] == f"Fiche technique {formatted} est valable le 16 mars 2026."
    assert body["subject"]["name"] == "Géotextiles"


def bulk(client: Client, body: Any, **headers: str) -> tuple[int, Any]:
    response = client.post(
        "/api/v1/verify", body, content_type="application/json", headers={**ENGLISH, **headers}
    )
    assert response["Content-Type"].startswith("application/json")
    return response.status_code, response.json()


def test_a_delivery_list_is_answered_in_order_with_the_limit_stated(
    client: Client, datasheet: Datasheet
) -> None:
    unknown = quickcodes.with_check_digit("7654321")
    codes = [unknown, datasheet.quick_code, "12", "BENOR-000001", datasheet.quick_code]

    status, body = bulk(client, {"codes": codes, "on": "2026-03-01"})

    assert status == 200
    assert (body["on"], body["limit"], body["count"]) == ("2026-03-01", 1000, 5)
    assert [(r["code"], r["outcome"]) for r in body["results"]] == [
        (unknown, "unknown"),
        (datasheet.quick_code, "valid"),
        ("12", "malformed"),
        ("BENOR-000001", "valid"),
        (datasheet.quick_code, "valid"),
    ]
    assert {r["on"] for r in body["results"]} == {"2026-03-01"}
    assert body["results"][1] == datasheet_verdict(
        datasheet,
        on="2026-03-01",
        message=f"Datasheet {quickcodes.format_code(datasheet.quick_code)} is valid on "
        "1 March 2026.",
    )


def test_a_delivery_list_without_date_is_verified_for_today(
    client: Client, datasheet: Datasheet
) -> None:
    status, body = bulk(client, {"codes": [datasheet.quick_code]})
    assert (status, body["on"], body["results"][0]["on"]) == (200, "2026-03-16", "2026-03-16")


def test_a_list_over_the_limit_is_refused_whole(
    client: Client, datasheet: Datasheet, settings: Settings
) -> None:
    settings.QUALIMARK_BULK_VERIFY_LIMIT = 3
    expected = {
        "error": {
            "code": "too_many_codes",
            "message": "At most 3 codes can be verified in one request; this one has 4.",
        }
    }
    assert bulk(client, {"codes": [datasheet.quick_code] * 4}) == (400, expected)
    status, body = bulk(client, {"codes": [datasheet.quick_code] * 3})
    assert (status, body["limit"], body["count"]) == (200, 3, 3)


def test_the_default_limit_is_a_thousand_codes(client: Client, db: None) -> None:
    status, body = bulk(client, {"codes": ["BENOR-000001"] * 1001})
    assert (status, body["error"]["code"]) == (400, "too_many_codes")


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"codes": ["BENOR-000001"], "on": "1 March"}, 400, "bad_date"),
        ({"codes": "BENOR-000001"}, 422, "invalid_input"),
        ({"on": "2026-03-01"}, 422, "invalid_input"),
        ("not json at all", 422, "invalid_input"),
    ],
)
def test_a_bulk_request_that_does_not_fit_is_refused_with_its_code(
    client: Client, db: None, body: Any, status: int, code: str
) -> None:
    answer_status, answer = bulk(client, body)
    assert (answer_status, answer["error"]["code"]) == (status, code)
    assert answer["error"]["message"]


# Cost: the hottest path of the registry ------------------------------------------------


def _more_datasheets(certificate: Certificate, by: User, count: int) -> list[Datasheet]:
    sheets = []
    for n in range(count):
        sheet = create_datasheet(certificate, by=by, product_name=f"Grid {n}", trade_name="Grid")
        publish_datasheet_version(sheet.versions.get(), by=by, effective=date(2026, 2, 10))
        sheets.append(sheet)
    return sheets


def test_one_code_costs_one_statement_and_an_answer_asked_again_a_304(
    client: Client, datasheet: Datasheet, django_assert_num_queries: Any
) -> None:
    # The code's row of the verification model holds all the answer reads.
    with django_assert_num_queries(1):
        response = client.get(f"/api/v1/verify/{datasheet.quick_code}", headers=ENGLISH)
    assert (response.status_code, response.json()) == (200, datasheet_verdict(datasheet))
    # Asked again with the ETag of that answer: the row is read, nothing is sent again.
    with django_assert_num_queries(1):
        again = client.get(
            f"/api/v1/verify/{datasheet.quick_code}",
            headers={**ENGLISH, "if-none-match": response["ETag"]},
        )
    assert (again.status_code, again.content) == (304, b"")


def test_a_legacy_code_and_a_mistyped_one_cost_one_statement_each(
    client: Client, datasheet: Datasheet, file_manager: User, django_assert_num_queries: Any
) -> None:
    legacy = create_datasheet(
        datasheet.certificate,
        by=file_manager,
        product_name="Old grid",
        trade_name="Grid",
        legacy_quick_code="1234 5670",
    )
    publish_datasheet_version(legacy.versions.get(), by=file_manager, effective=date(2026, 2, 10))
    # A legacy code in the registry is answered as it is, its neighbours left unread; a
    # mistyped one gets what was probably meant, read in the same statement.
    with django_assert_num_queries(1):
        status, answer = get(client, "/verify/12345670")
    assert (status, answer["outcome"], answer["product_name"]) == (200, "valid", "Old grid")
    with django_assert_num_queries(1):
        status, answer = get(client, f"/verify/{typo_of(datasheet.quick_code)}")
    assert (status, answer["outcome"]) == (200, "mistyped")
    assert answer["suggestions"] == [datasheet.quick_code]
    # As in a delivery list.
    status, listed = bulk(client, {"codes": ["12345670", typo_of(datasheet.quick_code)]})
    assert [r["outcome"] for r in listed["results"]] == ["valid", "mistyped"]
    assert listed["results"][1]["suggestions"] == [datasheet.quick_code]


def test_an_answer_remembered_survives_changes_to_other_codes(
    client: Client, datasheet: Datasheet, file_manager: User
) -> None:
    first = client.get(f"/api/v1/verify/{datasheet.quick_code}", headers=ENGLISH)
    # Another datasheet of the same certificate is published: a change of another code.
    _more_datasheets(datasheet.certificate, file_manager, 1)
    again = client.get(
        f"/api/v1/verify/{datasheet.quick_code}",
        headers={**ENGLISH, "if-none-match": first["ETag"]},
    )
    assert again.status_code == 304
    assert feed.position() > first.json()["sequence"]


def test_a_remembered_answer_is_forgotten_as_soon_as_the_registry_changes(
    client: Client, datasheet: Datasheet, decision_maker: User
) -> None:
    assert get(client, f"/verify/{datasheet.quick_code}")[1]["outcome"] == "valid"
    certification.suspend_certificate(
        datasheet.certificate, by=decision_maker, reason="Nonconformities.", effective=TODAY
    )
    assert get(client, f"/verify/{datasheet.quick_code}")[1]["outcome"] == "suspended"


def test_a_delivery_list_costs_one_statement_however_long_and_whatever_its_codes(
    client: Client,
    datasheet: Datasheet,
    file_manager: User,
    django_assert_num_queries: Any,
) -> None:
    sheets = [datasheet, *_more_datasheets(datasheet.certificate, file_manager, 12)]
    codes = [sheet.quick_code for sheet in sheets]
    unknown = [quickcodes.with_check_digit(f"76543{n:02d}") for n in range(20)]
    mistyped = [typo_of(code) for code in codes]
    with django_assert_num_queries(1):
        status, short = bulk(client, {"codes": codes[:2]})
    with django_assert_num_queries(1):
        status, long = bulk(client, {"codes": [*codes, *unknown, *mistyped, "BENOR-000001"]})
    assert status == 200
    outcomes = [r["outcome"] for r in long["results"]]
    assert outcomes == ["valid"] * 13 + ["unknown"] * 20 + ["mistyped"] * 13 + ["valid"]
    assert [r["quick_code"] for r in long["results"][:13]] == codes
    assert [r["suggestions"] for r in long["results"][33:46]] == [[code] for code in codes]
    assert long["results"][:2] == short["results"]


# As the registry stood: the bi-temporal question -----------------------------------------


def test_an_answer_as_of_its_sequence_stays_the_same_byte_for_byte_after_later_decisions(
    client: Client, datasheet: Datasheet, decision_maker: User
) -> None:
    now = client.get(f"/api/v1/verify/{datasheet.quick_code}", headers=ENGLISH).json()
    path = f"/api/v1/verify/{datasheet.quick_code}?on=2026-03-20&as_of={now['sequence']}"
    before = client.get(path, headers=ENGLISH)
    assert before.json()["outcome"] == "valid"
    assert (before.json()["answered_at"], before.json()["as_of"]) == (None, str(now["sequence"]))
    certification.suspend_certificate(
        datasheet.certificate, by=decision_maker, reason="Nonconformities.", effective=TODAY
    )
    assert get(client, f"/verify/{datasheet.quick_code}?on=2026-03-20")[1]["outcome"] == (
        "suspended"
    )
    after = client.get(path, headers=ENGLISH)
    assert after.content == before.content
    assert after["ETag"] == before["ETag"]


def test_as_of_a_moment_reads_what_the_registry_knew_then(
    client: Client, datasheet: Datasheet, decision_maker: User
) -> None:
    with clock.frozen_at(datetime(2026, 3, 16, 15, 0, tzinfo=UTC)):
        certification.suspend_certificate(
            datasheet.certificate, by=decision_maker, reason="Nonconformities.", effective=TODAY
        )
    morning = get(client, f"/verify/{datasheet.quick_code}?as_of=2026-03-16T12:00:00%2B00:00")
    evening = get(client, f"/verify/{datasheet.quick_code}?as_of=2026-03-16T16:00:00Z")
    assert (morning[1]["outcome"], evening[1]["outcome"]) == ("valid", "suspended")


def test_a_delivery_list_can_be_asked_as_of_a_sequence_number(
    client: Client, datasheet: Datasheet, decision_maker: User
) -> None:
    before = feed.position()
    certification.suspend_certificate(
        datasheet.certificate, by=decision_maker, reason="Nonconformities.", effective=TODAY
    )
    status, body = bulk(client, {"codes": [datasheet.quick_code], "as_of": before})
    assert (status, body["as_of"], body["results"][0]["outcome"]) == (200, str(before), "valid")


@pytest.mark.parametrize("as_of", ["yesterday", "2026-02-30T10:00", "99999999999999999999"])
def test_an_as_of_that_is_neither_a_sequence_nor_a_moment_is_refused(
    client: Client, datasheet: Datasheet, as_of: str
) -> None:
    status, body = get(client, f"/verify/{datasheet.quick_code}?as_of={as_of}")
    assert (status, body["error"]["code"]) == (400, "bad_as_of")
    status, body = bulk(client, {"codes": [datasheet.quick_code], "as_of": as_of})
    assert (status, body["error"]["code"]) == (400, "bad_as_of")


def test_a_suspension_annulled_on_appeal_the_same_day_is_told_apart_by_as_of(
    client: Client, datasheet: Datasheet, decision_maker: User, appeals_officer: User
) -> None:
    suspension = certification.suspend_certificate(
        datasheet.certificate, by=decision_maker, reason="Nonconformities.", effective=TODAY
    )
    suspended = client.get(f"/api/v1/verify/{datasheet.quick_code}", headers=ENGLISH).json()
    asked_then = f"/api/v1/verify/{datasheet.quick_code}?as_of={suspended['sequence']}"
    before = client.get(asked_then, headers=ENGLISH)
    with clock.frozen_at(datetime(2026, 3, 16, 15, 0, tzinfo=UTC)):
        certification.annul_decision(suspension, by=appeals_officer, reason="Appeal upheld.")
    # As of now the suspension never was; as of before the annulment it was, as answered then.
    assert get(client, f"/verify/{datasheet.quick_code}")[1]["outcome"] == "valid"
    assert before.json()["outcome"] == "suspended"
    assert client.get(asked_then, headers=ENGLISH).content == before.content
    morning = get(client, f"/verify/{datasheet.quick_code}?as_of=2026-03-16T14:00:00Z")
    assert morning[1]["outcome"] == "suspended"


def test_a_failed_precondition_is_answered_in_json(client: Client, datasheet: Datasheet) -> None:
    # The answers' ETags are weak (an answer carries its moment), so an If-Match never holds.
    refused = client.get(
        f"/api/v1/verify/{datasheet.quick_code}", headers={**ENGLISH, "if-match": '"an-old-one"'}
    )
    assert (refused.status_code, refused.json()["error"]["code"]) == (412, "precondition_failed")
