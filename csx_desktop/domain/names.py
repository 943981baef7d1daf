"""Comparing people's names the way a person would: ignoring case, spacing and punctuation.

Import groups nominations by this key and the vote count matches ballots to the shortlist by
it, so "Zoë O'Neill", "zoë  oneill" and "ZOË O’NEILL" are one nominee. Accents are kept:
"Zoe" and "Zoë" may be different people, and the administrator merges them when they are not.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_ASCII_ALNUM = re.compile(r"[^a-z0-9]+")
_NOT_ALNUM = re.compile(r"[\W_]+")


def name_key(name: str) -> str:
    """A comparison key: case-folded letters and digits only, in NFC form."""
    if name.isascii():  # most names, and an import keys thousands: one regex pass
        return _NOT_ASCII_ALNUM.sub("", name.lower())
    # [\W_] is exactly "not str.isalnum()": \w is isalnum() plus the underscore.
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFC", name).casefold())


# Letters that do not decompose into a base letter plus an accent, spelled as an English
# reader files them, so "Łukasz" sorts among the Ls, not after "Zoë".
_SORT_SPELLINGS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i"}
)


def sort_key(name: str) -> str:
    """The key names are listed by: accents and case ignored, so Łukasz comes before Maya.

    Unlike ``name_key`` it keeps spaces and punctuation (so "Ann Lee" sorts before
    "Anna Bell") and it is only for ordering, never for deciding two names are the same.
    """
    if name.isascii():  # most names: nothing to decompose (results sort 5,000 of them)
        return name.lower()
    decomposed = unicodedata.normalize("NFKD", name.casefold().translate(_SORT_SPELLINGS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Characters that are never part of what someone typed as a name or an answer but change how
# it is read or shown: control characters (NUL, escape, the C1 set), the byte-order mark, and
# the bidirectional embeddings, overrides and isolates (U+202E turns "lanoitan" into a name
# that displays as another). Tab and line breaks are spacing, kept by ``clean_text``.
_INVISIBLE: dict[int, None] = {
    ord(ch): None
    for ch in (
        *(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"),
        *(chr(c) for c in range(0x7F, 0xA0)),
        "\ufeff",
        "\u200b",
        *(chr(c) for c in range(0x202A, 0x202F)),
        *(chr(c) for c in range(0x2066, 0x206A)),
    )
}


def clean_text(text: str) -> str:
    """Text with the invisible characters above removed (tabs and line breaks kept)."""
    if text.isprintable():  # nearly every answer: nothing to remove
        return text
    return text.translate(_INVISIBLE)


def tidy_name(name: str) -> str:
    """The name as it should be shown: no invisible characters, single spaces, no leading
    or trailing space."""
    name = clean_text(name)
    if name.isascii():  # nothing to compose
        return " ".join(name.split())
    return " ".join(unicodedata.normalize("NFC", name).split())


def split_members(text: str) -> tuple[str, ...]:
    """Split a team's member list typed on new lines or separated by ';' or ','."""
    if not text:
        return ()
    for sep in ("\r\n", "\n", ";"):
        text = text.replace(sep, ",")
    return tuple(name for name in map(tidy_name, text.split(",")) if name)
