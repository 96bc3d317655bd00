"""The grammar of codes: what is a quick code, a lot code, a certificate number, or nothing."""

from typing import Any

import pytest

from qualimark.codes import Kind, parse
from qualimark.datasheets import quickcodes
from qualimark.lots import codes as lot_codes
from qualimark.verification.verify import Outcome, verify_many


@pytest.mark.parametrize(
    ("query", "kind", "value", "check_ok"),
    [
        ("1234 5671", Kind.QUICK_CODE, "12345671", True),
        ("1234.5675", Kind.QUICK_CODE, "12345675", False),  # one digit off: mistyped, not junk
        ("4711", Kind.QUICK_CODE, "4711", True),  # a legacy code, as it is
        ("L 1234 5671", Kind.LOT_CODE, "L12345671", True),
        ("l-1234-5670", Kind.LOT_CODE, "L12345670", False),
        ("benor-000123", Kind.CERTIFICATE, "BENOR-000123", True),
        ("COPRO.EXE-000012", Kind.CERTIFICATE, "COPRO.EXE-000012", True),
        ("123", Kind.MALFORMED, "123", True),
        ("1234567890123", Kind.MALFORMED, "1234567890123", True),
        ("hello", Kind.MALFORMED, "HELLO", True),
        ("BENOR-12", Kind.MALFORMED, "BENOR-12", True),
        ("", Kind.MALFORMED, "", True),
        ("١٢٣٤٥٦٧٨", Kind.MALFORMED, "١٢٣٤٥٦٧٨", True),  # digits of another script
        ("L١٢٣٤٥٦٧٨", Kind.MALFORMED, "L١٢٣٤٥٦٧٨", True),
        ("BENOR-١٢٣٤٥٦", Kind.MALFORMED, "BENOR-١٢٣٤٥٦", True),
        ("12345671; DROP TABLE", Kind.MALFORMED, "12345671;DROPTABLE", True),
    ],
)
def test_each_query_is_read_by_its_form_alone(
    query: str, kind: Kind, value: str, check_ok: bool
) -> None:
    code = parse(query)
    assert (code.kind, code.value, code.check_digit_ok) == (kind, value, check_ok)


def test_a_lot_code_of_the_wrong_length_is_malformed_and_said_to_look_like_one() -> None:
    code = parse("L 1234 567")
    assert code.malformed
    assert code.written_as_lot_code


def test_the_grammar_agrees_with_the_codes_the_registry_hands_out() -> None:
    for _ in range(200):
        quick, lot = quickcodes.random_code(), lot_codes.new_code()
        assert (parse(quick).kind, parse(quick).check_digit_ok) == (Kind.QUICK_CODE, True)
        assert (parse(lot).kind, parse(lot).check_digit_ok) == (Kind.LOT_CODE, True)


def test_what_is_no_code_is_answered_without_asking_the_database(
    db: None, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(0):
        verdicts = verify_many(["hello", "123", "BENOR-12", "L 1234 567", "P-2026-0001"])
    assert {verdict.outcome for verdict in verdicts.values()} == {Outcome.MALFORMED}
    assert verdicts["L 1234 567"].written_as_lot_code
