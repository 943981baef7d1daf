"""Judging packs: the names of their form fields, who a pack is for, and its signature.

A judging pack (DESIGN.md, "Judging away from the laptop") is a PDF made for one panel member.
The writer (``certificates.packs``) and the reader (``io.pack_import``) agree on what is here,
and nothing else: both sides only ever build or parse a name through these functions.

Field names are plain ASCII with no dots (a dot nests fields in a PDF form):

==================================  ===========================================================
``csx_m{member}_e{entry}_c{crit}``  one criterion of one entry: radio buttons, export values
                                    ``"0"`` … ``"{max}"`` (a PDF reader stores ``/3``)
``csx_m{member}_e{entry}_comment``  the comment on that entry's scoresheet: a text field
``csx_m{member}_k{category}_done``  "I have finished this category": a check box
``csx_pack``                        the pack's identity and signature (a hidden text field,
                                    the same text as the ``/CSXPack`` entry of the PDF's
                                    document information; not itself signed)
==================================  ===========================================================

The numbers are the round file's row ids. The identity (``PackIdentity``) says which round
(a random id the round keeps), which member and which pack (a random id per pack made), and
when it was made. The signature is HMAC-SHA256, keyed with the round's pack secret, over the
identity and the sorted list of the pack's field names: a pack edited to add a field (for
another entry, another member), copied into another round, or given another member's
identity no longer matches its signature.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass

PACK_FORMAT = 1
IDENTITY_FIELD = "csx_pack"
_PREFIX = "csx_m"
_NAME = re.compile(r"csx_m(\d{1,12})_(?:e(\d{1,12})_(?:c(\d{1,12})|(comment))|k(\d{1,12})_(done))")


class FieldKind(enum.StrEnum):
    """What one field of a pack holds."""

    SCORE = "score"
    COMMENT = "comment"
    FINISHED = "finished"


@dataclass(frozen=True, slots=True)
class PackField:
    """One form field of a pack, as its name says: whose, which entry, which criterion."""

    kind: FieldKind
    member_id: int
    entry_id: int | None = None
    criterion_id: int | None = None
    category_id: int | None = None

    @property
    def name(self) -> str:
        if self.kind is FieldKind.SCORE:
            return f"{_PREFIX}{self.member_id}_e{self.entry_id}_c{self.criterion_id}"
        if self.kind is FieldKind.COMMENT:
            return f"{_PREFIX}{self.member_id}_e{self.entry_id}_comment"
        return f"{_PREFIX}{self.member_id}_k{self.category_id}_done"


def score_field(member_id: int, entry_id: int, criterion_id: int) -> PackField:
    return PackField(FieldKind.SCORE, member_id, entry_id, criterion_id)


def comment_field(member_id: int, entry_id: int) -> PackField:
    return PackField(FieldKind.COMMENT, member_id, entry_id)


def finished_field(member_id: int, category_id: int) -> PackField:
    return PackField(FieldKind.FINISHED, member_id, category_id=category_id)


def parse_field_name(name: str) -> PackField | None:
    """The field a name stands for, or None for a name this scheme never makes."""
    match = _NAME.fullmatch(name)
    if match is None:
        return None
    member, entry, criterion, comment, category, _done = match.groups()
    if criterion is not None:
        return score_field(int(member), int(entry), int(criterion))
    if comment is not None:
        return comment_field(int(member), int(entry))
    return finished_field(int(member), int(category))


@dataclass(frozen=True, slots=True)
class PackIdentity:
    """Who and what a pack is for; signed together with the pack's field names.

    ``round_name`` and ``member_name`` are for messages only ("a pack from Customer Service
    Awards 2025"): the ids decide. ``made_at`` is an ISO time in UTC.
    """

    round_id: str
    round_name: str
    member_id: int
    member_name: str
    pack_id: str
    made_at: str

    def signed_text(self, signature: str) -> str:
        """The identity with its signature, as stored in the PDF (one line of JSON)."""
        return json.dumps(
            {"format": PACK_FORMAT, **asdict(self), "signature": signature},
            ensure_ascii=True,
            sort_keys=True,
            separators=(",", ":"),
        )


class NotAPack(ValueError):
    """The text is not a pack identity this version can read."""


def read_identity(text: str) -> tuple[PackIdentity, str]:
    """The identity and signature stored in a pack; ``NotAPack`` when it is not one."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise NotAPack("its identity is not readable") from error
    if not isinstance(data, dict):
        raise NotAPack("its identity is not readable")
    if data.get("format") != PACK_FORMAT:
        raise NotAPack(f"it is of a format this version does not know ({data.get('format')!r})")
    try:
        identity = PackIdentity(
            round_id=_text(data["round_id"]),
            round_name=_text(data["round_name"]),
            member_id=_number(data["member_id"]),
            member_name=_text(data["member_name"]),
            pack_id=_text(data["pack_id"]),
            made_at=_text(data["made_at"]),
        )
        signature = _text(data["signature"])
    except (KeyError, TypeError) as error:
        raise NotAPack("its identity is incomplete") from error
    return identity, signature


def sign(secret: bytes, identity: PackIdentity, field_names: Iterable[str]) -> str:
    """HMAC-SHA256 (hex) over the identity and the sorted field names (the identity field
    itself left out: it carries the signature)."""
    message = json.dumps(
        [asdict(identity), sorted(n for n in field_names if n != IDENTITY_FIELD)],
        ensure_ascii=True,
        sort_keys=True,
        separators=(",", ":"),
    ).encode("ascii")
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def signature_matches(
    secret: bytes, identity: PackIdentity, field_names: Iterable[str], signature: str
) -> bool:
    return hmac.compare_digest(sign(secret, identity, field_names), signature)


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def _number(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("not a number")
    return value
