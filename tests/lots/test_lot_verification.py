"""verify() answers a lot code: valid from its date of issue, and exactly why when not."""

from datetime import date

import pytest
from pytest_django import DjangoAssertNumQueries

from qualimark.datasheets import quickcodes
from qualimark.lots import codes
from qualimark.lots.models import LotConformityDocument
from qualimark.verification.verify import Outcome, verify
from tests.lots.conftest import ISSUED_ON, typo_of


def test_a_lot_conformity_document_is_valid_from_its_issue_and_says_what_it_covers(
    conformity: LotConformityDocument,
) -> None:
    verdict = verify(conformity.code)

    assert (verdict.outcome, verdict.valid, verdict.lot_code) == (
        Outcome.VALID,
        True,
        conformity.code,
    )
    assert (verdict.since, verdict.until, verdict.certificate_number) == (ISSUED_ON, None, None)
    assert verdict.message == (
        f"Lot conformity document {conformity.formatted_code} is valid on 16 March 2026: "
        "Nonwoven geotextile 200 g/m², 1200 m², lot GT-2026-0311-A (issued on 16 March 2026)."
    )


def test_a_lot_code_is_found_however_it_is_typed(conformity: LotConformityDocument) -> None:
    for typed in (conformity.formatted_code, conformity.code.lower(), "-".join(conformity.code)):
        assert verify(typed).lot_code == conformity.code, typed


def test_a_date_before_the_issue_is_answered_not_yet_issued(
    conformity: LotConformityDocument,
) -> None:
    verdict = verify(conformity.code, on=date(2026, 3, 15))

    assert (verdict.outcome, verdict.valid, verdict.lot_code) == (
        Outcome.NOT_YET_ISSUED,
        False,
        conformity.code,
    )
    assert (verdict.since, verdict.until) == (None, ISSUED_ON)
    assert verdict.message == (
        f"Lot conformity document {conformity.formatted_code} (Nonwoven geotextile 200 g/m², "
        "1200 m², lot GT-2026-0311-A) was not yet issued on 15 March 2026: it was issued on "
        "16 March 2026."
    )


def test_a_mistyped_lot_code_is_answered_mistyped_and_never_as_another_lot(
    conformity: LotConformityDocument,
) -> None:
    typo = typo_of(conformity.code)
    verdict = verify(typo)

    assert (verdict.outcome, verdict.lot_code, verdict.suggestions) == (Outcome.MISTYPED, None, [])
    assert verdict.message == (
        f"{typo} is not a valid lot code: its check digit does not match, so one digit is "
        "probably mistyped or two neighbouring digits are swapped."
    )


def test_an_unknown_lot_code_is_unknown(conformity: LotConformityDocument) -> None:
    other = "L" + quick_code_other_than(conformity.code[1:])
    verdict = verify(other)
    assert (verdict.outcome, verdict.lot_code) == (Outcome.UNKNOWN, None)
    assert verdict.message == f"{other} is not a code in this registry."


def quick_code_other_than(digits: str) -> str:
    body = f"{(int(digits[:7]) + 1) % 10**7:07d}"
    return quickcodes.with_check_digit(body)


@pytest.mark.parametrize("query", ["L123", "l 2600 001", "L260000171"])
def test_a_lot_code_of_the_wrong_length_is_no_code(
    db: None, query: str, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    # No certificate number looks like a lot code: the registry is not even asked.
    with django_assert_num_queries(0):
        verdict = verify(query)
    assert verdict.outcome == Outcome.MALFORMED
    assert verdict.message == (
        f"{query} is not a lot code: a lot code is the letter L and 8 digits, "
        "for example L 1234 5671."
    )


def test_a_lot_code_and_a_quick_code_with_the_same_digits_are_different_things(
    conformity: LotConformityDocument,
) -> None:
    # The digits alone are a quick code: no datasheet has them, so they are unknown.
    assert verify(conformity.code[1:]).outcome == Outcome.UNKNOWN
    assert codes.check_digit_ok(conformity.code)
