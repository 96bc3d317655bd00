"""Identifiers that look real and never repeat: enterprise numbers and quick codes, by index.

Both come from a keyed permutation, so the n-th organisation or datasheet gets a value
no other one has, without a set of used values in memory (a million quick codes at scale
125) and without retrying.
"""

from stdnum import damm

from qualimark.datasheets import quickcodes

_MASK64 = (1 << 64) - 1


def _mix(value: int) -> int:
    """The splitmix64 finaliser: a cheap, well-spread 64-bit hash."""
    value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9 & _MASK64
    value = (value ^ (value >> 27)) * 0x94D049BB133111EB & _MASK64
    return value ^ (value >> 31)


class Permutation:
    """A keyed permutation of range(size): a Feistel network with cycle walking.

    The network permutes the smallest power of four that holds `size`; a value that falls
    outside the range is encrypted again until it falls inside, which keeps a bijection.
    """

    ROUNDS = 4

    def __init__(self, size: int, key: int) -> None:
        bits = max(2, (size - 1).bit_length())
        self._half = (bits + 1) // 2
        self._mask = (1 << self._half) - 1
        self._keys = [_mix((key << 8) + round_) for round_ in range(self.ROUNDS)]
        self.size = size

    def __call__(self, index: int) -> int:
        if not 0 <= index < self.size:
            raise IndexError(index)
        value = self._encrypt(index)
        while value >= self.size:
            value = self._encrypt(value)
        return value

    def _encrypt(self, value: int) -> int:
        left, right = value >> self._half, value & self._mask
        for key in self._keys:
            left, right = right, left ^ (_mix(right ^ key) & self._mask)
        return (left << self._half) | right


class EnterpriseNumbers:
    """Valid Belgian enterprise numbers: 0, seven digits, and 97 minus the rest modulo 97."""

    LOW, HIGH = 2_000_000, 9_000_000  # 0200.000.0xx – 0899.999.9xx, as the KBO/BCE hands out

    def __init__(self, key: int) -> None:
        self._order = Permutation(self.HIGH - self.LOW, key)

    def __call__(self, index: int) -> str:
        body = f"0{self.LOW + self._order(index):07d}"
        return f"{body}{97 - int(body) % 97:02d}"


class QuickCodes:
    """Quick codes: seven digits from the permutation and their Damm check digit.

    A legacy code keeps the same seven digits but ends in a digit the check rejects, as
    codes brought over from an earlier registry do; it is still unique, since its seven
    digits are.
    """

    def __init__(self, key: int) -> None:
        self._order = Permutation(10 ** (quickcodes.LENGTH - 1), key)

    def __call__(self, index: int, *, legacy: bool = False) -> str:
        body = f"{self._order(index):0{quickcodes.LENGTH - 1}d}"
        if not legacy:
            return quickcodes.with_check_digit(body)
        check = int(damm.calc_check_digit(body))
        return body + str((check + 1 + index % 9) % 10)
