"""Quick codes: the 8-digit codes printed on delivery notes and labels.

Seven digits and a Damm check digit (python-stdnum). Damm catches every single-digit
error and every swap of two adjacent digits, which Luhn does not (it misses 09 ↔ 90).
Codes brought over from an earlier registry keep their value and are marked legacy;
no check digit is demanded of them.
"""

import secrets

from stdnum import damm

# The grammar of every code is one (`qualimark.codes`); these are its quick codes' terms.
from qualimark.codes import QUICK_CODE_LENGTH
from qualimark.codes import normalise as normalise

LENGTH = QUICK_CODE_LENGTH


def with_check_digit(body: str) -> str:
    return body + str(damm.calc_check_digit(body))


def is_well_formed(code: str) -> bool:
    return len(code) == LENGTH and code.isdigit()


def check_digit_ok(code: str) -> bool:
    return is_well_formed(code) and bool(damm.is_valid(code))


def random_code(rng: secrets.SystemRandom | None = None) -> str:
    body = (rng or secrets.SystemRandom()).randrange(10 ** (LENGTH - 1))
    return with_check_digit(f"{body:0{LENGTH - 1}d}")


def near_misses(code: str) -> list[str]:
    """Valid codes one typing error away from `code`: one digit changed or two neighbours swapped.

    Used to suggest what a person who mistyped a code probably meant.
    """
    if not is_well_formed(code):
        return []
    candidates: set[str] = set()
    for i in range(LENGTH):
        for digit in "0123456789":
            if digit != code[i]:
                candidates.add(code[:i] + digit + code[i + 1 :])
        if i + 1 < LENGTH and code[i] != code[i + 1]:
            candidates.add(code[:i] + code[i + 1] + code[i] + code[i + 2 :])
    # Digits only, so the checksum needs none of `is_valid`'s checks of the input.
    return sorted(c for c in candidates if damm.checksum(c) == 0)


def format_code(code: str) -> str:
    """1234 5678: how a quick code is printed, in two groups of four."""
    return f"{code[:4]} {code[4:]}" if is_well_formed(code) else code
