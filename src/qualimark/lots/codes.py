"""Lot codes: the public code of a lot conformity document, "L 1234 5671".

The letter L and a datasheet quick code: seven random digits and their Damm check digit
(the functions of `datasheets.quickcodes`). The letter tells a lot code apart at a glance
from a quick code (digits only) and from a certificate number (a mark, a dash, a serial);
the check digit catches every single mistyped digit and every swap of two neighbours, so
a typo is answered "mistyped" and never leads to another lot. The digits are random, not
a serial, so that nobody can walk through the lots of others by counting.
"""

import re

from qualimark.codes import LOT_PREFIX
from qualimark.datasheets import quickcodes

PREFIX = LOT_PREFIX
_WELL_FORMED = re.compile(rf"{PREFIX}\d{{{quickcodes.LENGTH}}}")
# What a person means as a lot code, even with a digit too many or too few.
_LOOKS_LIKE = re.compile(rf"{PREFIX}\d+")


def normalise(raw: str) -> str:
    """The code without spaces, dots, dashes or slashes, in capitals: l-2600 0010 → L26000010."""
    return quickcodes.normalise(raw).upper()


def is_well_formed(code: str) -> bool:
    """L and 8 digits (a normalised code)."""
    return bool(_WELL_FORMED.fullmatch(code))


def looks_like_lot_code(raw: str) -> bool:
    """Whether `raw` is written as a lot code (L and digits), whatever its length."""
    return bool(_LOOKS_LIKE.fullmatch(normalise(raw)))


def check_digit_ok(code: str) -> bool:
    return is_well_formed(code) and quickcodes.check_digit_ok(code[len(PREFIX) :])


def new_code() -> str:
    """A random lot code with its check digit (the caller makes sure it is not taken)."""
    return PREFIX + quickcodes.random_code()


def format_code(code: str) -> str:
    """L 1234 5671: how a lot code is printed."""
    if not is_well_formed(code):
        return code
    return f"{PREFIX} {quickcodes.format_code(code[len(PREFIX) :])}"
