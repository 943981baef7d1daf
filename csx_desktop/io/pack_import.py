"""Reading a returned judging pack back into the round, through the same rules as the app.

A member fills their pack (``certificates.packs``) in any PDF reader and sends it back; this
reads its form fields with pypdf, as the reader left them, and checks, before anything is
stored, that it is a pack of this round (its round id), for a member still on the panel,
holding only that member's fields, and unaltered (its HMAC signature over its identity and
field names, ``domain.pack_fields``). Any of these failing refuses the whole pack in one line.

Then what it says is compared with the member's scoresheets in the app:

* a score or comment the app does not have yet is new, and taken;
* a sheet where the pack and the app disagree is a *differing sheet*: listed, and left as the
  app has it unless ``prefer_pack`` (then the pack's values are taken);
* a box left empty takes nothing (a half-filled pack gives what it has; a sheet still
  incomplete stays incomplete, and never counts);
* a category counts as submitted only when its "I have finished this category" box is ticked,
  and then only if every sheet of it is complete (else the missing ones are named).

Everything taken is written through the store's own methods (``set_score``, ``set_comment``,
``submit_category``), so the rules of scoring in the app apply unchanged: a frozen rubric, a
declared interest, a submitted category, a recorded decision. The store's refusal of any one
change refuses the whole pack, in one line naming the sheet, and nothing is kept (one
transaction). Each score's audit row names the pack (``via``), and the pack's return is
recorded (``store.pack_records``). Importing the same pack again changes nothing.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csx_desktop.domain.model import Category, Criterion, Entry, PanelMember
from csx_desktop.domain.pack_fields import (
    IDENTITY_FIELD,
    FieldKind,
    NotAPack,
    PackField,
    PackIdentity,
    parse_field_name,
    read_identity,
    signature_matches,
)
from csx_desktop.store.errors import CsxError, InputRefused, NotFound

if TYPE_CHECKING:
    from csx_desktop.store.database import Store

_NOTHING_CHANGED = "Nothing was changed."


class PackRefused(InputRefused):
    """A returned pack that cannot be taken; the message is one line, fit to show."""


# ---- reading the PDF --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReturnedPack:
    """What a returned pack's PDF holds: its identity, signature and field values."""

    file_name: str
    identity: PackIdentity
    signature: str
    values: dict[str, str | None]  # every field (identity aside): its value, None if empty


def read_pack(path: str | Path) -> ReturnedPack:
    """Read a pack's identity and every form field's value; ``PackRefused`` in one line
    when the file is not a readable judging pack."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    path = Path(path)
    name = path.name
    try:
        with path.open("rb") as handle:
            start = handle.read(1024)
    except FileNotFoundError:
        raise PackRefused(f"There is no file at {path}.") from None
    except OSError as error:
        raise PackRefused(f"{name} cannot be read: {error.strerror or error}.") from None
    if b"%PDF-" not in start:
        raise PackRefused(f"{name} is not a PDF, so it is not a judging pack.")
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise PackRefused(
                f"{name} is protected with a password, so it cannot be read. Ask for the "
                "pack to be saved without one."
            )
        fields = reader.get_fields() or {}
        info = reader.metadata
        stored = info.get("/CSXPack") if info is not None else None
    except PackRefused:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise PackRefused(f"{name} is a damaged PDF that cannot be read ({error}).") from None
    values = {
        field_name: _value(value)
        for field_name, value in fields.items()
        if field_name != IDENTITY_FIELD
    }
    in_field = fields.get(IDENTITY_FIELD)
    copy = _text(in_field.get("/V")) if in_field is not None else None
    stored_text = str(stored) if stored is not None else None
    if stored_text is None and copy is None:
        if any(parse_field_name(n) for n in values):
            raise PackRefused(
                f"{name} has a judging pack's boxes but not its identity, so it cannot be "
                f"checked and is refused. {_NOTHING_CHANGED} Make a new pack for the member."
            )
        raise PackRefused(f"{name} is not a judging pack made by CSX Desktop.")
    if stored_text is not None and copy is not None and stored_text != copy:
        raise PackRefused(_altered(name))
    try:
        identity, signature = read_identity(stored_text or copy or "")
    except NotAPack as error:
        raise PackRefused(f"{name} cannot be read as a judging pack: {error}.") from None
    if not values:
        raise PackRefused(
            f"{name} is {identity.member_name}'s judging pack, but it has no boxes left to read "
            "(it was printed to PDF or flattened). Key its scores in by hand instead."
        )
    return ReturnedPack(name, identity, signature, values)


def _value(field_object: Any) -> str | None:
    """A field's value as a PDF reader left it: a radio's chosen value, a check box's state
    ("Yes"/"Off"), a text field's text; None when empty."""
    value = field_object.get("/V")
    if (value is None or _text(value) in ("", "Off")) and "/Kids" in field_object:
        # Some readers mark the chosen radio button on its widget only.
        for kid in field_object["/Kids"]:
            state = kid.get_object().get("/AS")
            if state is not None and _text(state) not in ("", "Off"):
                value = state
                break
    text = _text(value)
    return text if text not in (None, "", "Off") else None


def _text(value: Any) -> str | None:
    """A PDF name or string as plain text ("/3" -> "3"); None stays None."""
    if value is None:
        return None
    if isinstance(value, list):  # a choice field with several values: not in a pack
        value = value[0] if value else ""
    text = str(value)
    return text[1:] if text.startswith("/") else text


def _altered(name: str) -> str:
    return (
        f"{name} has been altered since it was made (its signature does not match), so it "
        f"is refused. {_NOTHING_CHANGED} Ask the member to fill in a new pack, or key the "
        "scores in by hand."
    )


# ---- what a pack changes ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Change:
    """One value of a sheet: what the app has, and what the pack says."""

    what: str  # the criterion's name, or "comment"
    app: int | str | None
    pack: int | str
    criterion_id: int | None  # None for the comment

    def words(self) -> str:
        pack = _shown(self.pack)
        if self.app is None or self.app == "":
            return f"{self.what}: {pack}"
        return f"{self.what}: {_shown(self.app)} in the app, {pack} in the pack"


@dataclass(frozen=True, slots=True)
class SheetChanges:
    """What a pack gives one scoresheet that the app does not have already."""

    entry_id: int
    nominee: str
    category: str
    changes: tuple[Change, ...]

    @property
    def differs(self) -> bool:
        """Whether the pack disagrees with a value already in the app (not only adds)."""
        return any(c.app is not None and c.app != "" for c in self.changes)

    def label(self) -> str:
        return f"{self.category} — {self.nominee}"


@dataclass(slots=True)
class PackImport:
    """What reading a pack did (or, in a dry run, would do)."""

    file_name: str
    member_name: str
    pack_id: str
    made_at: str
    taken: list[SheetChanges] = field(default_factory=list)
    left: list[SheetChanges] = field(default_factory=list)  # differing, left as in the app
    submitted: list[str] = field(default_factory=list)
    already_submitted: list[str] = field(default_factory=list)
    not_submitted: list[tuple[str, list[str]]] = field(default_factory=list)
    unchanged: int = 0
    recorded: bool = False
    dry_run: bool = False

    @property
    def scores_taken(self) -> int:
        return sum(1 for s in self.taken for c in s.changes if c.criterion_id is not None)

    @property
    def comments_taken(self) -> int:
        return sum(1 for s in self.taken for c in s.changes if c.criterion_id is None)

    @property
    def changed_anything(self) -> bool:
        return bool(self.taken or self.submitted)

    def lines(self) -> list[str]:
        """Every change, one a line, for the command line."""
        will = "would be " if self.dry_run else ""
        lines = [
            f"Judging pack for {self.member_name}, made {self.made_at[:10]} ({self.file_name})"
        ]
        for sheet in self.taken:
            kind = "changed" if sheet.differs else "new"
            for change in sheet.changes:
                lines.append(f"  {kind}: {sheet.label()} — {change.words()}")
        for sheet in self.left:
            for change in sheet.changes:
                lines.append(
                    f"  differs, {will}left as in the app: {sheet.label()} — {change.words()}"
                )
        for category in self.submitted:
            lines.append(f"  {will}submitted: {category}")
        for category in self.already_submitted:
            lines.append(f"  already submitted: {category}")
        for category, missing in self.not_submitted:
            lines.append(
                f"  not submitted: {category} is ticked as finished, but these sheets are not "
                f"complete: {'; '.join(missing)}"
            )
        return lines

    def summary(self, prefer_hint: str = " (--prefer-pack takes the pack's)") -> str:
        """The outcome in a sentence or two; ``prefer_hint`` says how to take the pack's
        values for the sheets left as in the app (the command line's option by default)."""
        scores, comments = self.scores_taken, self.comments_taken
        parts = [f"{scores} score{'' if scores == 1 else 's'}"]
        if comments:
            parts.append(f"{comments} comment{'' if comments == 1 else 's'}")
        verb = "Would take" if self.dry_run else "Took"
        text = f"{verb} {' and '.join(parts)} from {self.file_name}"
        if self.submitted:
            text += f"; {'would submit' if self.dry_run else 'submitted'} " + ", ".join(
                self.submitted
            )
        text += "."
        if self.left:
            count = len(self.left)
            text += (
                f" {count} sheet{'' if count == 1 else 's'} differ{'s' if count == 1 else ''} "
                "from the app and "
                + ("would be" if self.dry_run else "was" if count == 1 else "were")
                + f" left as in the app{prefer_hint}."
            )
        if not self.changed_anything:
            text += " Nothing new: the round already has everything in this pack."
        if self.dry_run:
            text += " Dry run: nothing was changed."
        return text


# ---- importing --------------------------------------------------------------------------


class _DryRun(Exception):
    """Raised inside the transaction of a dry run, to undo it."""


def import_pack(
    store: Store,
    path: str | Path | ReturnedPack,
    *,
    prefer_pack: bool = False,
    take: Collection[int] = (),
    dry_run: bool = False,
) -> PackImport:
    """Read a returned pack into the round (see the module's docstring).

    ``prefer_pack`` takes the pack's values for every sheet that differs from the app's;
    ``take`` names the entries (ids) whose differing sheets are to be taken, one by one;
    ``dry_run`` works everything out through the store's rules, then undoes it.
    ``path`` may be the pack already read (``read_pack``, which needs no round file, so a
    worker thread may do it while the window waits).
    Raises ``PackRefused`` (one line; the round unchanged) for a pack that cannot be taken.
    """
    from csx_desktop.store.pack_records import pack_keys, record_returned, returned_before

    returned = path if isinstance(path, ReturnedPack) else read_pack(path)
    identity = returned.identity
    name = returned.file_name
    keys = pack_keys(store)
    this_round = store.round.settings().name
    if keys is None or keys.round_id != identity.round_id:
        other = (
            f"another round file, also called {this_round}"
            if identity.round_name == this_round
            else f"another round ({identity.round_name})"
        )
        raise PackRefused(
            f"{name} is a judging pack from {other}, not from this one, so it is refused. "
            f"{_NOTHING_CHANGED}"
        )
    try:
        member = store.panel.member(identity.member_id)
    except NotFound:
        raise PackRefused(
            f"{name} is {identity.member_name}'s judging pack, and they are no longer on the "
            f"panel. {_NOTHING_CHANGED}"
        ) from None
    fields = _parse_fields(store, returned, member)
    if not signature_matches(keys.secret, identity, returned.values, returned.signature):
        raise PackRefused(_altered(name))

    def prepare() -> tuple[PackImport, list[Category], bool]:
        """What the pack changes against the round as it is now."""
        result = PackImport(name, member.name, identity.pack_id, identity.made_at)
        result.dry_run = dry_run
        sheets, finished = _plan(store, returned, member, fields, result)
        chosen = {s.entry_id for s in sheets if prefer_pack or not s.differs}
        chosen |= {s.entry_id for s in sheets if s.entry_id in take}
        result.taken = [s for s in sheets if s.entry_id in chosen]
        result.left = [s for s in sheets if s.entry_id not in chosen]
        for category in list(finished):
            if store.scores.is_submitted(member.id or 0, category.id or 0):
                result.already_submitted.append(category.name)
                finished.remove(category)
        return result, finished, not returned_before(store, identity.pack_id)

    result, finished, first_return = prepare()
    if not result.taken and not finished and not first_return:
        return result  # the same pack again: nothing to write, so nothing is written
    in_pack = {f.entry_id for f in fields if f.entry_id is not None}
    via = f"judging pack {name}"
    try:
        with store.write():
            # Worked out again under the write lock: another program may have saved a
            # score since, and a sheet that now differs must be left, not overwritten.
            result, finished, first_return = prepare()
            for sheet in result.taken:
                _write_sheet(store, member, sheet, via, name)
            for category in finished:
                _finish(store, member, category, in_pack, result, name)
            if result.changed_anything or first_return:
                record_returned(
                    store,
                    pack_id=identity.pack_id,
                    member_id=member.id or 0,
                    member_name=member.name,
                    file_name=name,
                    scores_taken=result.scores_taken,
                    comments_taken=result.comments_taken,
                    submitted=result.submitted,
                    left_differing=len(result.left),
                )
                result.recorded = True
            if dry_run:
                raise _DryRun
    except _DryRun:
        result.recorded = False
    return result


def _parse_fields(store: Store, returned: ReturnedPack, member: PanelMember) -> list[PackField]:
    """Every field of the pack, which must all be the member's own (before the signature is
    checked, so an added field gets the clearer of the two refusals)."""
    name = returned.file_name
    parsed = []
    for field_name in returned.values:
        pack_field = parse_field_name(field_name)
        if pack_field is None:
            raise PackRefused(
                f"{name} holds a box CSX Desktop did not put there ({field_name}): it has been "
                f"altered, so it is refused. {_NOTHING_CHANGED}"
            )
        if pack_field.member_id != member.id:
            raise PackRefused(
                f"{name} is {member.name}'s pack but holds a box for another member's "
                f"{_whose(store, pack_field)}: it has been altered, so it is refused. "
                f"{_NOTHING_CHANGED}"
            )
        parsed.append(pack_field)
    return parsed


def _whose(store: Store, pack_field: PackField) -> str:
    """ "entry (Ben Castleton's sheet for Owen Marsh)", as far as the round knows them."""
    try:
        other = f"{store.panel.member(pack_field.member_id).name}'s"
    except NotFound:
        other = f"member {pack_field.member_id}'s"
    if pack_field.entry_id is None:
        return f"category ({other} 'I have finished' box)"
    try:
        entry = store.nominations.entry(pack_field.entry_id)
        return f"entry ({other} sheet for {entry.nominee})"
    except NotFound:
        return f"entry ({other} sheet)"


def _plan(
    store: Store,
    returned: ReturnedPack,
    member: PanelMember,
    fields: list[PackField],
    result: PackImport,
) -> tuple[list[SheetChanges], list[Category]]:
    """The sheets the pack gives something new or different, and the categories ticked."""
    member_id = member.id or 0
    by_entry: dict[int, list[tuple[PackField, str]]] = {}
    finished: list[Category] = []
    for pack_field in fields:
        value = returned.values[pack_field.name]
        if value is None:
            continue  # an empty box takes nothing
        if pack_field.kind is FieldKind.FINISHED:
            category = _category(store, pack_field.category_id or 0)
            if category is None or category.id not in member.category_ids:
                raise PackRefused(
                    f"{returned.file_name} ticks a category as finished that {member.name} "
                    f"no longer judges. {_NOTHING_CHANGED}"
                )
            finished.append(category)
            continue
        by_entry.setdefault(pack_field.entry_id or 0, []).append((pack_field, value))
    sheets = []
    for entry_id, values in by_entry.items():
        entry = _entry(store, entry_id, returned.file_name)
        category = _category(store, entry.category_id)
        criteria = {c.id: c for c in category.criteria} if category else {}
        sheet = store.scores.sheet(member_id, entry_id)
        changes = []
        for pack_field, value in sorted(values, key=lambda v: _order(v[0], criteria)):
            if pack_field.kind is FieldKind.COMMENT:
                comment = _tidy_comment(value)
                if not comment or comment == _tidy_comment(sheet.comment):
                    result.unchanged += 1 if comment else 0
                    continue
                changes.append(Change("comment", sheet.comment or None, comment, None))
                continue
            criterion_id = pack_field.criterion_id or 0
            score = _score(value, returned.file_name, entry, criteria.get(criterion_id))
            before = sheet.scores.get(criterion_id)
            if before == score:
                result.unchanged += 1
                continue
            criterion = criteria.get(criterion_id)
            what = criterion.name if criterion else f"criterion {criterion_id} (no longer used)"
            changes.append(Change(what, before, score, criterion_id))
        if changes:
            sheets.append(
                SheetChanges(
                    entry_id,
                    entry.nominee,
                    category.name if category else "?",
                    tuple(changes),
                )
            )
    return sheets, finished


def _order(pack_field: PackField, criteria: dict[int | None, Criterion]) -> tuple[int, int]:
    """Criteria in the rubric's order, the comment last."""
    if pack_field.kind is FieldKind.COMMENT:
        return (1, 0)
    criterion = criteria.get(pack_field.criterion_id)
    return (0, criterion.position if criterion else 10_000)


def _entry(store: Store, entry_id: int, file_name: str) -> Entry:
    try:
        return store.nominations.entry(entry_id)
    except NotFound:
        raise PackRefused(
            f"{file_name} scores an entry that is no longer in the round. {_NOTHING_CHANGED}"
        ) from None


def _category(store: Store, category_id: int) -> Category | None:
    try:
        return store.round.category(category_id)
    except NotFound:
        return None


def _score(value: str, file_name: str, entry: Entry, criterion: Criterion | None) -> int:
    try:
        return int(value.strip())
    except ValueError:
        what = criterion.name if criterion else "a criterion"
        raise PackRefused(
            f"{file_name}: {entry.nominee}, {what}: {value!r} is not a score. {_NOTHING_CHANGED}"
        ) from None


def _tidy_comment(text: str) -> str:
    """A comment as compared and stored: readers end lines with CR; ends trimmed."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def _write_sheet(
    store: Store, member: PanelMember, sheet: SheetChanges, via: str, file_name: str
) -> None:
    """Store one sheet's changes through the store's rules; its refusal refuses the pack."""
    member_id = member.id or 0
    try:
        for change in sheet.changes:
            if change.criterion_id is None:
                store.scores.set_comment(member_id, sheet.entry_id, str(change.pack), via=via)
            else:
                store.scores.set_score(
                    member_id, sheet.entry_id, change.criterion_id, int(change.pack), via=via
                )
    except (InputRefused, NotFound) as error:
        if isinstance(error, PackRefused):
            raise
        raise PackRefused(
            f"{file_name}: {member.name}'s scores for {sheet.nominee} ({sheet.category}) "
            f"cannot be taken: {_sentence(error)} {_NOTHING_CHANGED}"
        ) from None


def _finish(
    store: Store,
    member: PanelMember,
    category: Category,
    in_pack: set[int],
    result: PackImport,
    file_name: str,
) -> None:
    """Submit a category the member ticked as finished, as the app would, once every sheet
    of it is complete; otherwise say which are not (an entry added to the category after
    the pack was made is among them, marked so)."""
    from csx_desktop.store.scores import SheetState

    member_id, category_id = member.id or 0, category.id or 0
    progress = store.scores.progress(category_id)
    missing = []
    for entry in progress.entries:
        entry_id = entry.id or 0
        state = progress.state(member_id, entry_id)
        if state in (SheetState.NOT_STARTED, SheetState.IN_PROGRESS):
            scored = progress.scored.get((member_id, entry_id), 0)
            words = f"{entry.nominee} ({scored} of {len(category.criteria)} scored"
            missing.append(words + ("; not in this pack)" if entry_id not in in_pack else ")"))
    if missing:
        result.not_submitted.append((category.name, missing))
        return
    try:
        store.scores.submit_category(member_id, category_id)
    except CsxError as error:
        raise PackRefused(
            f"{file_name}: {category.name} cannot be submitted for {member.name}: "
            f"{_sentence(error)} {_NOTHING_CHANGED}"
        ) from None
    result.submitted.append(category.name)


def _sentence(error: Exception) -> str:
    """The store's refusal, to follow a colon: "…: a declared interest means …"."""
    text = str(error).strip()
    first, _, rest = text.partition(" ")
    if first in ("A", "The", "This", "That", "There"):
        text = f"{first.lower()} {rest}"
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _shown(value: int | str | None) -> str:
    if isinstance(value, str):
        flat = " ".join(value.split())
        return f"“{flat[:60]}…”" if len(flat) > 60 else f"“{flat}”"
    return "none" if value is None else str(value)
