"""The verify page answers every question unmistakably; /v/<code> leads to it in one's language."""

from datetime import date
from urllib.parse import quote

import pytest
from django.test import Client

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate
from qualimark.datasheets import quickcodes
from qualimark.datasheets.models import Datasheet
from qualimark.datasheets.services import create_datasheet, publish_datasheet_version
from qualimark.feed import services as feed

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


def ask(client: Client, code: str, on: str | None = None, language: str = "en") -> str:
    url = f"/{language}/?code={quote(code)}" + (f"&on={on}" if on else "")
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_home_page_asks_for_a_code_and_a_date_that_defaults_to_today(
    client: Client, db: None
) -> None:
    page = client.get("/en/").content.decode()
    assert 'name="code"' in page
    assert 'type="date" name="on" value="2026-03-16"' in page
    assert "VALID" not in page


def test_a_valid_datasheet_is_answered_valid_with_the_date_and_the_moment(
    client: Client, datasheet: Datasheet
) -> None:
    page = ask(client, datasheet.quick_code)
    assert 'class="verdict-banner" id="verdict-banner">VALID<' in page
    assert (
        f"Datasheet {quickcodes.format_code(datasheet.quick_code)} is valid on 16 March 2026."
        in page
    )
    assert "16 March 2026, 10:00:00" in page  # the moment answered, Brussels time
    assert f'href="/en/datasheets/{datasheet.quick_code}/"' in page
    assert f'href="/en/certificates/{datasheet.certificate.number}/"' in page
    assert 'href="/en/holders/0403170701/"' in page


def test_a_suspended_certificate_is_not_valid_and_says_since_when(
    client: Client, datasheet: Datasheet, decision_maker: User
) -> None:
    certification.suspend_certificate(
        datasheet.certificate, by=decision_maker, reason="Failed audit.", effective=date(2026, 3, 2)
    )
    page = ask(client, datasheet.quick_code)
    assert ">NOT VALID<" in page
    assert "the certificate is suspended since 2 March 2026" in page
    # The same code on a delivery note of before the suspension was valid then.
    assert ">VALID<" in ask(client, datasheet.quick_code, on="2026-02-20")


def test_a_mistyped_code_is_recognised_and_the_right_one_offered_as_a_link(
    client: Client, datasheet: Datasheet
) -> None:
    page = ask(client, typo_of(datasheet.quick_code), on="2026-03-01")
    assert ">NOT VALID<" in page
    assert "check digit does not match" in page
    assert f'href="/en/?code={datasheet.quick_code}&amp;on=2026-03-01"' in page


def test_an_unknown_code_is_said_to_be_unknown(client: Client, db: None) -> None:
    code = quickcodes.with_check_digit("7654321")
    page = ask(client, code)
    assert ">NOT VALID<" in page
    assert f"{code} is not a code in this registry." in page


def test_a_date_before_the_first_certificate_is_answered_not_yet_certified(
    client: Client, datasheet: Datasheet
) -> None:
    page = ask(client, datasheet.certificate.number, on="2025-12-01")
    assert ">NOT VALID<" in page
    assert "was not yet certified on 1 December 2025" in page
    assert "1 December 2025</dd>" in page  # the date asked is stated


def test_a_certificate_in_trial_period_is_answered_as_such(
    client: Client, in_trial: Certificate
) -> None:
    page = ask(client, in_trial.number)
    assert ">NOT VALID<" in page
    assert "trial period (since 19 January 2026)" in page


@pytest.mark.parametrize("bad", ["2026-02-30", "yesterday", "16/13/2026"])
def test_a_bad_date_gets_a_message_in_the_form_and_no_answer(
    client: Client, datasheet: Datasheet, bad: str
) -> None:
    page = ask(client, datasheet.quick_code, on=quote(bad))
    assert "This is not a date" in page
    assert "verdict-banner" not in page


@pytest.mark.parametrize("code", ["", "   "])
def test_an_empty_code_asks_for_one(client: Client, db: None, code: str) -> None:
    page = ask(client, code)
    assert "Type the quick code or certificate number you want to check." in page
    assert "verdict-banner" not in page


def test_control_characters_are_refused_politely(client: Client, db: None) -> None:
    page = ask(client, "1234\x005678")
    assert "cannot be typed" in page


def test_a_date_typed_the_belgian_way_is_understood(client: Client, datasheet: Datasheet) -> None:
    page = ask(client, datasheet.quick_code, on=quote("20/02/2026"), language="nl")
    assert "20 februari 2026" in page


@pytest.mark.parametrize(
    ("accept", "language"),
    [("fr-BE,fr;q=0.9,en;q=0.5", "fr"), ("en-GB,en;q=0.8", "en"), ("nl-BE", "nl"), ("ja", "nl")],
)
def test_the_short_link_opens_the_verify_page_in_the_visitors_language(
    client: Client, db: None, accept: str, language: str
) -> None:
    response = client.get("/v/12345678", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/?code=12345678"
    assert "Accept-Language" in response["Vary"]


def test_the_short_link_of_a_datasheet_ends_on_its_answer(
    client: Client, datasheet: Datasheet
) -> None:
    response = client.get(f"/v/{datasheet.quick_code}", HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert response.status_code == 200
    assert ">VALID<" in response.content.decode()


def test_an_answer_can_be_asked_as_the_registry_stood_before_a_later_decision(
    client: Client, datasheet: Datasheet, decision_maker: User
) -> None:
    before = feed.position()
    certification.suspend_certificate(
        datasheet.certificate, by=decision_maker, reason="Nonconformities.", effective=TODAY
    )
    now = ask(client, datasheet.quick_code)
    assert ">NOT VALID<" in now
    # The page offers the lasting link of this answer: the same question as of its change.
    assert f"as_of={feed.position()}" in now
    then = client.get(f"/en/?code={datasheet.quick_code}&as_of={before}").content.decode()
    assert 'class="verdict-banner" id="verdict-banner">VALID<' in then
    assert f"after change no. {before}" in then
    assert "Answered at" not in then  # an answer as of then is the same whenever asked


@pytest.mark.parametrize("as_of", ["yesterday", "2026-13-01", "12345678901234567890"])
def test_an_as_of_that_is_no_moment_is_a_form_error(
    client: Client, datasheet: Datasheet, as_of: str
) -> None:
    response = client.get(f"/en/?code={datasheet.quick_code}&as_of={as_of}")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Give a moment, like 2026-03-14 10:00, or the sequence number of a change." in page
    assert "verdict-banner" not in page


def test_an_answer_as_of_a_moment_says_which(client: Client, datasheet: Datasheet) -> None:
    page = client.get(f"/en/?code={datasheet.quick_code}&as_of=2026-03-16 09:30").content
    assert "on 16 March 2026 at 09:30:00" in page.decode()
