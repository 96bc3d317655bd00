"""Public reads can be cached and revalidated: ETag, Last-Modified, 304."""

from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.test import Client

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate

if TYPE_CHECKING:  # the test client's response type exists only in django-stubs
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

BRUSSELS = ZoneInfo("Europe/Brussels")
URL = "/api/v1/certificates/BENOR-000001"


def fetch(client: Client, url: str = URL, **headers: str) -> "Response":
    return client.get(url, headers={"accept-language": "en", **headers})


def test_a_public_read_carries_its_validators_and_may_be_cached_a_minute(
    client: Client, certified: Certificate
) -> None:
    response = fetch(client)
    assert response.status_code == 200
    assert response["ETag"].startswith('W/"')
    # The file was built by the fixtures at 10:00 in Brussels: its last journal entry.
    assert response["Last-Modified"] == "Mon, 16 Mar 2026 09:00:00 GMT"
    assert response["Cache-Control"] == "public, max-age=60"
    assert "Accept-Language" in response["Vary"]


def test_the_same_etag_gets_a_304_without_a_body(client: Client, certified: Certificate) -> None:
    etag = fetch(client)["ETag"]

    again = fetch(client, **{"if-none-match": etag})

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Cache-Control"] == "public, max-age=60"


def test_another_etag_gets_the_whole_answer(client: Client, certified: Certificate) -> None:
    response = fetch(client, **{"if-none-match": 'W/"something-else"'})
    assert response.status_code == 200
    assert response.json()["number"] == "BENOR-000001"


def test_if_modified_since_is_answered_by_the_last_change(
    client: Client, certified: Certificate
) -> None:
    last_modified = fetch(client)["Last-Modified"]

    assert fetch(client, **{"if-modified-since": last_modified}).status_code == 304
    earlier = "Mon, 16 Mar 2026 08:59:59 GMT"
    assert fetch(client, **{"if-modified-since": earlier}).status_code == 200


def test_a_decision_changes_the_etag_and_the_answer(
    client: Client, certified: Certificate, decision_maker: User
) -> None:
    before = fetch(client)
    with clock.frozen_at(datetime(2026, 3, 16, 11, 30, tzinfo=BRUSSELS)):
        certification.suspend_certificate(certified, by=decision_maker, reason="Nonconformities.")
        after = fetch(client, **{"if-none-match": before["ETag"]})

    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert after["Last-Modified"] == "Mon, 16 Mar 2026 10:30:00 GMT"
    assert after.json()["status"] == "suspended"


def test_a_decision_taking_effect_tomorrow_changes_the_etag_tomorrow(
    client: Client, certified: Certificate, decision_maker: User
) -> None:
    certification.suspend_certificate(
        certified, by=decision_maker, reason="From tomorrow.", effective=date(2026, 3, 17)
    )
    today = fetch(client)
    with clock.frozen_at(datetime(2026, 3, 17, 8, 0, tzinfo=BRUSSELS)):
        tomorrow = fetch(client, **{"if-none-match": today["ETag"]})
        since_yesterday = fetch(client, **{"if-modified-since": today["Last-Modified"]})

    assert (today.json()["status"], tomorrow.json()["status"]) == ("certified", "suspended")
    assert tomorrow.status_code == since_yesterday.status_code == 200


def test_the_etag_depends_on_the_language_and_the_question(
    client: Client, certified: Certificate
) -> None:
    english = fetch(client)["ETag"]
    french = fetch(client, **{"accept-language": "fr"})["ETag"]
    other_date = fetch(client, "/api/v1/verify/BENOR-000001?on=2026-03-01")["ETag"]
    today = fetch(client, "/api/v1/verify/BENOR-000001")["ETag"]
    assert len({english, french, other_date, today}) == 4


def test_an_if_match_that_no_longer_matches_is_a_json_412(
    client: Client, certified: Certificate
) -> None:
    response = fetch(client, **{"if-match": 'W/"an-old-answer"'})
    assert response.status_code == 412
    assert response.json()["error"]["code"] == "precondition_failed"


def test_errors_are_not_marked_cacheable(client: Client, certified: Certificate) -> None:
    response = fetch(client, "/api/v1/certificates/BENOR-999999")
    assert response.status_code == 404
    assert not response.has_header("ETag")
    assert not response.has_header("Cache-Control")
