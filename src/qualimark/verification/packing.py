"""How a code's verification data is stored: what holds now, as plain JSON, in the row
every answer reads (`models.Entry.now`), and the whole story, compressed against a preset
dictionary of what every story says (the keys, the statuses, the shape of an interval), in
a row of its own (`models.Story`) that only an answer "as of" an earlier state and the
projector read.

Almost every question is asked about the registry as it stands now, and what a verdict
needs then is small: the names shown now and the intervals still holding, by their first
day. Read from JSON alone it took 2.8 µs and made 63 objects, where inflating and parsing
the whole story took 9.1 µs and made 123 (medians over 3,000 random codes of a
million-datasheet registry). Kept apart from the story, that row is about 0.6 kB instead of
1 kB, and a random code is found in fewer pages: in a request among others on the same
registry, its look-up took 27–31 µs against 37–42 µs with the story beside it.

A story's first byte names its format, so a better layout or dictionary is a new format
byte, never an edit of a stored one.
"""

import zlib
from operator import itemgetter
from typing import Any

import orjson

FORMAT = b"\x01"  # the story deflated against `_DICTIONARY`

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


def pack(data: dict[str, Any]) -> tuple[bytes, bytes]:
    """What holds now (`holding`, as JSON) and the whole story (packed), of `data`."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, 15, 9, zlib.Z_DEFAULT_STRATEGY, _DICTIONARY)
    story = compressor.compress(orjson.dumps(data)) + compressor.flush()
    return orjson.dumps(holding(data)), FORMAT + story


def unpack(story: bytes | memoryview) -> Any:
    """The whole story, from its packed form."""
    story = bytes(story)
    if story[:1] != FORMAT:
        raise ValueError("not a packed verification story")
    try:
        return orjson.loads(zlib.decompressobj(zdict=_DICTIONARY).decompress(story[1:]))
    except (zlib.error, orjson.JSONDecodeError):
        raise ValueError("not a packed verification story") from None


def unpack_now(now: bytes | memoryview) -> Any:
    """What holds now (`holding`), from its JSON."""
    try:
        head = orjson.loads(now)
    except orjson.JSONDecodeError:
        head = None
    if not isinstance(head, dict) or "k" not in head:
        raise ValueError("not what a verification row holds now")
    return head
