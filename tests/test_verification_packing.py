"""A code's verification data is stored packed: what is read back is what was written, what
holds now is stored apart as plain JSON, and anything not packed by a known format is
refused rather than misread."""

import orjson
import pytest

from qualimark.verification.packing import pack, unpack, unpack_now

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


def test_a_packed_story_reads_back_the_same() -> None:
    _now, story = pack(ROW)
    assert unpack(story) == ROW
    assert unpack(memoryview(story)) == ROW  # as PostgreSQL's driver may hand it back
    assert len(story) < len(orjson.dumps(ROW)) / 2


def test_what_holds_now_is_plain_json_of_the_intervals_still_holding() -> None:
    now, _story = pack(ROW)
    assert orjson.loads(now) == NOW
    assert unpack_now(now) == NOW
    assert unpack_now(memoryview(now)) == NOW


@pytest.mark.parametrize(
    "stored",
    [orjson.dumps(ROW), b"", b"\x01", b"\x03" + pack(ROW)[1][1:], b"\x01garbage", b"{garbage"],
)
def test_what_is_not_a_packed_story_is_refused(stored: bytes) -> None:
    with pytest.raises(ValueError, match="not a packed verification story"):
        unpack(stored)


@pytest.mark.parametrize("stored", [b"", b"1", b"[]", b"{}", b"{garbage", pack(ROW)[1]])
def test_what_is_not_what_holds_now_is_refused(stored: bytes) -> None:
    with pytest.raises(ValueError, match="not what a verification row holds now"):
        unpack_now(stored)
