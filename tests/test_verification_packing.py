"""A verification row is stored packed: what is read back is what was written, what holds
now is read from the row's head alone, rows of the older format stay readable, and
anything not packed by a known format is refused rather than misread."""

import zlib

import orjson
import pytest

from qualimark.verification.packing import _DICTIONARY, pack, unpack, unpack_now

ROW = {
    "k": "q",
    "n": [
        [10, 1773600000000000, {"number": "BENOR-000001", "holder": "Geotex"}],
        [12, 1773651600000000, {"number": "BENOR-000001", "holder": "Geotex Belgium"}],
    ],
    "c": [
        ["2026-03-01", None, "suspended", 12, 1773651600000000, None, None],
        ["2026-02-02", None, "certified", 10, 1773600000000000, 12, 1773651600000000],
        ["2026-02-02", "2026-03-01", "certified", 12, 1773651600000000, None, None],
    ],
    "d": [["2026-02-10", None, "published", None, 14, 1773651600000000, None, None]],
}

NOW = {
    "k": "q",
    "n": {"number": "BENOR-000001", "holder": "Geotex Belgium"},
    # The replaced interval is gone; the others come by first day, without their stamps.
    "c": [["2026-02-02", "2026-03-01", "certified"], ["2026-03-01", None, "suspended"]],
    "d": [["2026-02-10", None, "published", None]],
}


def test_a_packed_row_reads_back_the_same() -> None:
    packed = pack(ROW)
    assert unpack(packed) == ROW
    assert unpack(memoryview(packed)) == ROW  # as PostgreSQL's driver may hand it back


def test_what_holds_now_is_read_from_the_head_alone() -> None:
    packed = pack(ROW)
    assert unpack_now(packed) == NOW
    assert unpack_now(memoryview(packed)) == NOW
    # The story after the head is not read: spoiling it leaves the head readable.
    spoiled = packed[: len(packed) - 10] + b"\x00" * 10
    assert unpack_now(spoiled) == NOW
    with pytest.raises(ValueError, match="not a packed verification row"):
        unpack(spoiled)


def test_a_row_of_the_older_format_stays_readable() -> None:
    compressor = zlib.compressobj(6, zlib.DEFLATED, 15, 9, zlib.Z_DEFAULT_STRATEGY, _DICTIONARY)
    older = b"\x01" + compressor.compress(orjson.dumps(ROW)) + compressor.flush()
    assert unpack(older) == ROW
    assert unpack_now(older) == NOW


@pytest.mark.parametrize(
    "stored",
    [
        orjson.dumps(ROW),
        b"",
        b"\x02",
        b"\x03" + pack(ROW)[1:],
        b"\x01garbage",
        b"\x02\x00\x00\x00\x05{garbage",
        b"\x02\x00\x00\x00\x011",  # a head that is no row
    ],
)
def test_what_is_not_a_packed_row_is_refused(stored: bytes) -> None:
    with pytest.raises(ValueError, match="not a packed verification row"):
        unpack(stored)
    with pytest.raises(ValueError, match="not a packed verification row"):
        unpack_now(stored)
