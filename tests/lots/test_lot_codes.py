"""Lot codes: read at a glance as a lot, typed in any form, and a typo never finds another lot."""

import pytest

from qualimark.datasheets import quickcodes
from qualimark.lots import codes


def test_a_lot_code_is_an_l_and_a_quick_code_printed_in_groups() -> None:
    code = codes.new_code()
    assert code.startswith("L")
    assert quickcodes.check_digit_ok(code[1:])
    assert codes.check_digit_ok(code)
    assert codes.format_code("L26000010") == "L 2600 0010"


@pytest.mark.parametrize("typed", ["L 2600 0010", "l-2600-0010", "l2600.0010", " L2600/0010 "])
def test_a_lot_code_is_accepted_with_spaces_dashes_and_lowercase(typed: str) -> None:
    assert codes.normalise(typed) == "L26000010"
    assert codes.check_digit_ok(codes.normalise(typed))


def test_every_single_typo_and_every_swap_of_neighbours_breaks_the_check_digit() -> None:
    code = codes.new_code()
    digits = code[1:]
    typos = {digits[:i] + d + digits[i + 1 :] for i in range(len(digits)) for d in "0123456789"} | {
        digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :] for i in range(len(digits) - 1)
    }
    typos.discard(digits)
    assert typos
    assert not any(codes.check_digit_ok("L" + typo) for typo in typos)


@pytest.mark.parametrize(
    "other", ["26000017", "BENOR-000001", "L2600001", "L260000171", "X26000017", "L"]
)
def test_quick_codes_certificate_numbers_and_wrong_lengths_are_no_lot_codes(other: str) -> None:
    assert not codes.is_well_formed(codes.normalise(other))
    assert codes.format_code(other) == other


def test_what_is_written_as_a_lot_code_is_recognised_even_with_a_wrong_length() -> None:
    assert codes.looks_like_lot_code("l 2600 001")
    assert not codes.looks_like_lot_code("BENOR-000001")
    assert not codes.looks_like_lot_code("26000017")
