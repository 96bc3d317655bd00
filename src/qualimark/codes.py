"""The grammar of the codes the registry answers for, read before any query.

- a quick code: digits, as people type them (spaces, dots, dashes and slashes between them
  are dropped): eight digits whose last is a Damm check digit, or 4 to 12 digits of a
  legacy code brought over from an earlier registry (kept as they are);
- a lot code: the letter L and eight digits, the last a Damm check digit;
- a certificate number: a mark's code (capitals, digits, dots), a dash and six digits.

Anything else is no code at all: the registry says so without asking the database. A code
written as a lot code (L and digits) of the wrong length is malformed too, and told apart
so that the answer can explain what a lot code is.
"""

import re
from enum import StrEnum
from typing import NamedTuple

from stdnum import damm

QUICK_CODE_LENGTH = 8
LEGACY_LENGTHS = range(4, 13)
LOT_PREFIX = "L"

_SEPARATORS = re.compile(r"[\s.\-/]")
_LOT = re.compile(rf"{LOT_PREFIX}[0-9]+")
_CERTIFICATE = re.compile(r"[A-Z][A-Z0-9.]{0,19}-[0-9]{6}")


class Kind(StrEnum):
    QUICK_CODE = "quick_code"
    LOT_CODE = "lot_code"
    CERTIFICATE = "certificate"
    MALFORMED = "malformed"


class Code(NamedTuple):
    """What a typed query is: its kind and the code as stored (normalised).

    A tuple: a delivery list reads a thousand of them per request."""

    kind: Kind
    value: str
    # For a quick or lot code of eight digits: whether its check digit holds (a legacy
    # quick code has none to check).
    check_digit_ok: bool = True
    written_as_lot_code: bool = False

    @property
    def malformed(self) -> bool:
        return self.kind == Kind.MALFORMED


def normalise(raw: str) -> str:
    """Strip what people type between digits: spaces, dots, dashes, slashes."""
    return _SEPARATORS.sub("", raw.strip())


def parse(query: str) -> Code:
    """The code `query` is, by its form alone."""
    compact = normalise(query)
    if compact.isascii() and compact.isdigit():
        if len(compact) == QUICK_CODE_LENGTH:
            return Code(Kind.QUICK_CODE, compact, damm.checksum(compact) == 0)
        if len(compact) in LEGACY_LENGTHS:
            return Code(Kind.QUICK_CODE, compact)
        return Code(Kind.MALFORMED, compact)
    upper = compact.upper()
    if _LOT.fullmatch(upper):
        digits = upper[len(LOT_PREFIX) :]
        if len(digits) != QUICK_CODE_LENGTH:
            return Code(Kind.MALFORMED, upper, written_as_lot_code=True)
        return Code(Kind.LOT_CODE, upper, damm.checksum(digits) == 0)
    number = "".join(query.split()).upper()
    if _CERTIFICATE.fullmatch(number):
        return Code(Kind.CERTIFICATE, number)
    return Code(Kind.MALFORMED, number)
