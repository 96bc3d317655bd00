"""The registry's question: valid on this date, and if not, exactly why."""

from dataclasses import replace
from datetime import date

import pytest
from django.utils import translation

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.models import Certificate
from qualimark.datasheets import quickcodes
from qualimark.datasheets.models import Datasheet
from qualimark.datasheets.services import create_datasheet, publish_datasheet_version
from qualimark.verification.verify import Outcome, verify, verify_many

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


def test_a_valid_datasheet_says_so_with_the_date_asked_and_the_moment_answered(
    datasheet: Datasheet,
) -> None:
    answer = verify(datasheet.quick_code)
    assert answer.valid
    assert answer.on == TODAY
    assert answer.answered_at is not None
    assert answer.answered_at.isoformat().startswith("2026-03-16T")
    assert answer.certificate_number == datasheet.certificate.number
    with translation.override("en"):
        expected = (
            f"Datasheet {quickcodes.format_code(datasheet.quick_code)} is valid on 16 March 2026."
        )
        assert answer.message == expected


def test_a_mistyped_code_is_recognised_and_the_right_one_suggested(datasheet: Datasheet) -> None:
    answer = verify(typo_of(datasheet.quick_code))
    assert answer.outcome == Outcome.MISTYPED
    assert answer.suggestions == [datasheet.quick_code]
    with translation.override("en"):
        assert "check digit" in answer.message
        assert quickcodes.format_code(datasheet.quick_code) in answer.message


def test_a_well_formed_code_that_nobody_has_is_unknown(db: None) -> None:
    assert verify(quickcodes.with_check_digit("7654321")).outcome == Outcome.UNKNOWN


@pytest.mark.parametrize("query", ["", "12", "123456789012345", "   "])
def test_something_that_is_no_code_is_malformed(db: None, query: str) -> None:
    assert verify(query).outcome == Outcome.MALFORMED


def test_before_its_publication_a_datasheet_is_not_yet_valid(datasheet: Datasheet) -> None:
    answer = verify(datasheet.quick_code, on=date(2026, 2, 9))
    assert answer.outcome == Outcome.NOT_YET_PUBLISHED
    assert answer.until == date(2026, 2, 10)


def test_the_certificate_number_is_verified_too(certified: Certificate) -> None:
    assert verify(certified.number.lower()).outcome == Outcome.VALID
    assert verify(certified.number, on=date(2026, 1, 20)).outcome == Outcome.TRIAL_PERIOD
    assert verify(certified.number, on=date(2026, 1, 6)).outcome == Outcome.NOT_YET_CERTIFIED
    assert verify(certified.number, on=date(2025, 12, 1)).outcome == Outcome.NOT_YET_CERTIFIED
    assert verify("BENOR-999999").outcome == Outcome.UNKNOWN


@pytest.mark.parametrize(
    ("decide", "outcome", "text"),
    [
        (certification.suspend_certificate, Outcome.SUSPENDED, "suspended since 2 March 2026"),
        (certification.withdraw_certificate, Outcome.WITHDRAWN, "withdrawn on 2 March 2026"),
        (
            certification.renounce_certificate,
            Outcome.RENOUNCED,
            "renounced the certificate on 2 March",
        ),
        (certification.expire_certificate, Outcome.EXPIRED, "expired on 2 March 2026"),
    ],
)
def test_each_reason_for_invalidity_is_named_with_its_date(
    request: pytest.FixtureRequest,
    datasheet: Datasheet,
    decision_maker: User,
    decide,
    outcome: Outcome,
    text: str,
) -> None:
    # Renouncing is the holder's own act; the rest are the body's decisions.
    holders_act = decide is certification.renounce_certificate
    by = request.getfixturevalue("holder_member") if holders_act else decision_maker
    decide(datasheet.certificate, by=by, reason="Reason.", effective=date(2026, 3, 2))

    answer = verify(datasheet.quick_code)
    assert answer.outcome == outcome
    assert answer.since == date(2026, 3, 2)
    with translation.override("en"):
        assert text in answer.message
    assert verify(datasheet.quick_code, on=date(2026, 3, 1)).valid


def test_a_file_refused_after_its_trial_period_was_never_certified(
    in_trial: Certificate, decision_maker: User
) -> None:
    certification.refuse_certificate(in_trial, by=decision_maker, reason="Trial failed.")
    assert verify(in_trial.number).outcome == Outcome.NOT_CERTIFIED


def test_an_application_that_never_reached_the_trial_period_stays_confidential(
    application: Certificate, file_manager: User
) -> None:
    assert verify(application.number).outcome == Outcome.UNKNOWN
    certification.reject_application(application, by=file_manager, reason="Incomplete.")
    assert verify(application.number).outcome == Outcome.UNKNOWN


def test_answers_are_given_in_dutch_and_french(datasheet: Datasheet, decision_maker: User) -> None:
    certification.suspend_certificate(
        datasheet.certificate, by=decision_maker, reason="R.", effective=date(2026, 3, 2)
    )
    answer = verify(datasheet.quick_code)
    with translation.override("nl"):
        assert "geschorst sinds 2 maart 2026" in answer.message
    with translation.override("fr"):
        assert "suspendu depuis le 2 mars 2026" in answer.message


@pytest.mark.parametrize("on", [None, date(2026, 2, 1), date(2026, 3, 1)])
def test_one_code_asked_alone_is_answered_as_in_a_delivery_list(
    datasheet: Datasheet, application: Certificate, on: date | None
) -> None:
    questions = [
        datasheet.quick_code,
        quickcodes.format_code(datasheet.quick_code),
        typo_of(datasheet.quick_code),  # mistyped: its neighbours are read with it
        datasheet.certificate.number,
        application.number,  # confidential: unknown
        quickcodes.with_check_digit("7654321"),  # unknown
        "L 1234 5670",  # a lot code nobody has, or one with a wrong check digit
        "L 1234 5671",
        "L 123",  # written as a lot code, malformed
        "no code",
    ]
    for as_of in (None, 1):
        listed = verify_many(questions, on, as_of)
        for question in questions:
            alone = verify(question, on, as_of)
            # The moment of answering is the only difference two calls may have.
            assert replace(alone, answered_at=None) == replace(listed[question], answered_at=None)
    assert {verify(q).outcome for q in questions} >= {
        Outcome.VALID,
        Outcome.MISTYPED,
        Outcome.UNKNOWN,
        Outcome.MALFORMED,
    }
