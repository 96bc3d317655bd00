"""Text as the index stores it and as a query asks for it, the same on every database.

PostgreSQL's `simple` configuration and SQLite's FTS5 `unicode61` tokenizer split and
fold text differently (PostgreSQL keeps accents and reads `BENOR-000123` as one hyphenated
word plus its parts; FTS5 strips accents only if told and always splits on the dash). So
the text is brought to one form in Python before either sees it: lower case, accents
removed, every run of characters that is not a letter or digit turned into one space.
Both then split it into the same words, and a query normalised the same way finds the
same rows on both.
"""

import re
import unicodedata
from functools import lru_cache

# Letters that NFKD does not take apart into a base letter and an accent.
_FOLDS = str.maketrans(
    {"ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "þ": "th", "ı": "i"}
)
_NOT_WORD = re.compile(r"[\W_]+")
# A query longer than this many words is cut: nobody types more, and each word costs a
# pass over an index list.
MAX_WORDS = 12
MAX_WORD_LENGTH = 60  # longer "words" are pasted junk; PostgreSQL ignores words over 2047


@lru_cache(maxsize=65536)  # indexing repeats the same names, subjects and towns
def normalise(text: str) -> str:
    """`text` as lower-case words without accents, separated by single spaces."""
    lowered = text.lower()
    if not lowered.isascii():
        decomposed = unicodedata.normalize("NFKD", lowered.translate(_FOLDS))
        lowered = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_WORD.sub(" ", lowered.translate(_FOLDS)).strip()


def words(text: str) -> list[str]:
    """The words of a typed query, in order, without repeats, at most MAX_WORDS."""
    seen: dict[str, None] = {}
    for word in normalise(text).split():
        seen.setdefault(word[:MAX_WORD_LENGTH], None)
    return list(seen)[:MAX_WORDS]


def fts5_query(terms: list[str], *, prefix: bool = True) -> str:
    """An FTS5 MATCH expression: every word required, the last one as a prefix if asked.

    Words are letters and digits only, so quoting them is enough to keep FTS5's query
    syntax (AND, OR, NOT, NEAR, column filters) out of what people type.
    """
    quoted = [f'"{term}"' for term in terms]
    if prefix:
        quoted[-1] += "*"
    return " ".join(quoted)


def tsquery(terms: list[str], *, prefix: bool = True) -> str:
    """The same for PostgreSQL's `to_tsquery`: `word & word & last:*`."""
    return " & ".join([*terms[:-1], f"{terms[-1]}:*" if prefix else terms[-1]])


def joined(*parts: str | None) -> str:
    """The normalised text of several fields, empty ones left out."""
    return " ".join(filter(None, (normalise(part) for part in parts if part)))
