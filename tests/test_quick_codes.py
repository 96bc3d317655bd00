"""Quick codes catch every single-digit error and every swap of two neighbouring digits."""

import random

import pytest

from qualimark.datasheets import quickcodes

SAMPLE = [
    quickcodes.with_check_digit(f"{n:07d}") for n in random.Random(829).sample(range(10**7), 400)
]


def single_digit_errors(code: str) -> list[str]:
    return [
        code[:i] + d + code[i + 1 :] for i in range(len(code)) for d in "0123456789" if d != code[i]
    ]


def adjacent_swaps(code: str) -> list[str]:
    return [
        code[:i] + code[i + 1] + code[i] + code[i + 2 :]
        for i in range(len(code) - 1)
        if code[i] != code[i + 1]
    ]


@pytest.mark.parametrize(
    "code",
    [*SAMPLE[:5], quickcodes.with_check_digit("0000000"), quickcodes.with_check_digit("0909090")],
)
def test_codes_are_eight_digits_that_pass_their_check(code: str) -> None:
    assert quickcodes.is_well_formed(code)
    assert quickcodes.check_digit_ok(code)


def test_every_single_digit_error_is_caught() -> None:
    missed = [
        typo
        for code in SAMPLE
        for typo in single_digit_errors(code)
        if quickcodes.check_digit_ok(typo)
    ]
    assert missed == []


def test_every_adjacent_transposition_is_caught() -> None:
    codes = [
        *SAMPLE,
        quickcodes.with_check_digit("0909090"),
        quickcodes.with_check_digit("1234567"),
    ]
    missed = [
        swap for code in codes for swap in adjacent_swaps(code) if quickcodes.check_digit_ok(swap)
    ]
    assert missed == []


def test_people_may_type_spaces_dots_and_dashes() -> None:
    assert quickcodes.normalise(" 1234 5678 ") == "12345678"
    assert quickcodes.normalise("1234.56-78") == "12345678"


def test_the_code_meant_is_among_the_near_misses_of_a_typo() -> None:
    code = SAMPLE[0]
    typo = code[:3] + str((int(code[3]) + 1) % 10) + code[4:]
    assert code in quickcodes.near_misses(typo)
    swapped = adjacent_swaps(code)[0]
    assert code in quickcodes.near_misses(swapped)


def test_printed_in_two_groups_of_four() -> None:
    assert quickcodes.format_code("12345678") == "1234 5678"
