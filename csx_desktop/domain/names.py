"""Comparing people's names the way a person would: ignoring case, spacing and punctuation.

Import groups nominations by this key and the vote count matches ballots to the shortlist by
it, so "Zoë O'Neill", "zoë  oneill" and "ZOË O’NEILL" are one nominee. Accents are kept:
"Zoe" and "Zoë" may be different people, and the administrator merges them when they are not.
"""

from __future__ import annotations

import unicodedata


def name_key(name: str) -> str:
    """A comparison key: case-folded letters and digits only, in NFC form."""
    text = unicodedata.normalize("NFC", name).casefold()
    return "".join(ch for ch in text if ch.isalnum())


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


def tidy_name(name: str) -> str:
    """The name as it should be shown: single spaces, no leading or trailing space."""
    return " ".join(unicodedata.normalize("NFC", name).split())


def split_members(text: str) -> tuple[str, ...]:
    """Split a team's member list typed on new lines or separated by ';' or ','."""
    for sep in ("\r\n", "\n", ";"):
        text = text.replace(sep, ",")
    return tuple(tidy_name(part) for part in text.split(",") if tidy_name(part))
