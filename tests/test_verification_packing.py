"""A verification row is stored packed: what is read back is what was written, in a third
of the space, and anything not packed by this format is refused rather than misread."""

import orjson
import pytest

from qualimark.verification.packing import pack, unpack

ROW = {
    "k": "q",
    "n": [[12, 1773651600000000, {"number": "BENOR-000001", "holder": "Geotex Belgium"}]],
    "c": [["2026-02-02", None, "certified", 12, 1773651600000000, None, None]],
    "d": [["2026-02-10", None, "published", None, 14, 1773651600000000, None, None]],
}


def test_a_packed_row_reads_back_the_same_and_smaller() -> None:
    packed = pack(ROW)
    assert unpack(packed) == ROW
    assert unpack(memoryview(packed)) == ROW  # as PostgreSQL's driver may hand it back
    assert len(packed) < len(orjson.dumps(ROW))


@pytest.mark.parametrize("stored", [orjson.dumps(ROW), b"", b"\x02" + pack(ROW)[1:]])
def test_what_is_not_a_packed_row_is_refused(stored: bytes) -> None:
    with pytest.raises(ValueError, match="not a packed verification row"):
        unpack(stored)
