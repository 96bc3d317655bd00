"""How a row of the verification model is stored: what holds now, as plain JSON, followed by
the whole story, compressed against a preset dictionary of what every row says (the keys,
the statuses, the shape of an interval).

Almost every question is asked about the registry as it stands now, and what a verdict
needs then is small: the names shown now and the intervals still holding, by their first
day. That head is read without inflating or parsing the rest: over 3,000 random rows of
a million-datasheet registry it took 2.8 µs and made 63 objects, where inflating and
parsing the whole story took 9.1 µs and made 123 (medians). The story (about 1.3 kB of
JSON, 0.39 kB deflated) is read only for an answer "as of" an earlier state and by the
projector. The head costs room: a row is about 1 kB where the story alone took 0.39 kB, and
a million datasheets' model 1.1 GB instead of 0.45 GB, which a server holding the registry
in memory can spare.

The first byte of a packed row names its format, so a better layout or dictionary is a
new format byte, never an edit of a stored one; rows of an older format stay readable
until `rebuild_verification` writes them again.
"""

import struct
import zlib
from operator import itemgetter
from typing import Any

import orjson

FORMAT = b"\x02"  # the head, then the story deflated as in format 1
STORY_ONLY = b"\x01"  # the story deflated, without a head
_HEAD_SIZE = struct.Struct(">I")
_STORY = len(FORMAT) + _HEAD_SIZE.size

# What most rows contain, most common last (deflate finds near matches more cheaply).
_DICTIONARY = (
    b'null,null],["'
    b'"applied",'
    b'"admissible",'
    b'"trial",'
    b'"certified",'
    b'"suspended",'
    b'"withdrawn",'
    b'"renounced",'
    b'"expired",'
    b'"not_granted",'
    b'"published",'
    b'"superseded",'
    b",null,null]]"
    b'{"k":"q","n":[[0,'
    b'{"k":"c","n":[[0,'
    b'{"number":"'
    b'","holder":"'
    b'","enterprise":"'
    b'","scheme":["'
    b'"],"subject":["'
    b'","product",{"nl":"'
    b'","execution",{"nl":"'
    b'","fr":"'
    b'","en":"'
    b'","de":""}],"unit":"'
    b'","quick_code":"'
    b'","product":"'
    b'"}]],"c":[["'
    b']],"d":[["'
    b'",null,"'
    b"-01-"
    b'",null,null]'
    b"000000,"
    b'0000000,null,null],["20'
)

# An interval's first day, as ISO text: they sort as the days do.
first_day = itemgetter(0)


def holding(data: dict[str, Any]) -> dict[str, Any]:
    """What a row says now: its kind, its names now, and the intervals that still hold
    (`c`: [start, end, status], `d`: [start, end, status, replacement]), by first day."""
    head = {"k": data["k"], "n": data["n"][-1][2]}
    for key in ("c", "d"):
        if key in data:
            head[key] = sorted(
                (interval[:-4] for interval in data[key] if interval[-2] is None), key=first_day
            )
    return head


def pack(data: dict[str, Any]) -> bytes:
    head = orjson.dumps(holding(data))
    compressor = zlib.compressobj(6, zlib.DEFLATED, 15, 9, zlib.Z_DEFAULT_STRATEGY, _DICTIONARY)
    story = compressor.compress(orjson.dumps(data)) + compressor.flush()
    return FORMAT + _HEAD_SIZE.pack(len(head)) + head + story


def unpack(packed: bytes | memoryview) -> Any:
    """The row's whole story."""
    packed = bytes(packed)
    if packed[:1] == FORMAT and len(packed) > _STORY:
        return _inflated(packed[_STORY + _HEAD_SIZE.unpack_from(packed, 1)[0] :])
    if packed[:1] == STORY_ONLY:
        return _inflated(packed[1:])
    raise ValueError("not a packed verification row")


def unpack_now(packed: bytes | memoryview) -> Any:
    """What the row says now (`holding`), read from its head alone."""
    if packed[:1] == FORMAT and len(packed) > _STORY:
        view = memoryview(packed)
        try:
            head = orjson.loads(view[_STORY : _STORY + _HEAD_SIZE.unpack_from(view, 1)[0]])
        except orjson.JSONDecodeError:
            head = None
        if not isinstance(head, dict):
            raise ValueError("not a packed verification row")
        return head
    return holding(unpack(packed))


def _inflated(story: bytes) -> Any:
    try:
        return orjson.loads(zlib.decompressobj(zdict=_DICTIONARY).decompress(story))
    except (zlib.error, orjson.JSONDecodeError):
        raise ValueError("not a packed verification row") from None
