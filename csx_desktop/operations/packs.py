"""Judging away from the laptop: making judging packs, taking a returned one back, and
keying a paper scoresheet on a member's behalf.

The window (Panel area, "Judging packs") and the command line (``csx-admin pack``,
``csx-admin import pack``) both call these, so the rules are here once:

* ``plan_packs`` → ``render_packs`` → ``save_packs`` make packs in three steps, so the window
  can render on a worker (``render_packs`` needs no round file) and write on its own thread;
  ``make_packs`` is the three in turn. Nothing is stored until ``save_packs``: a cancelled
  run leaves the round as it was.
* ``read_returned_pack`` reads a returned pack's PDF (on a worker, in the window);
  ``check_returned_pack`` says what it would change (new scores, and sheets that
  differ from the app), changing nothing; ``import_returned_pack`` stores it, taking the
  differing sheets the administrator chose (or all of them with ``prefer_pack``).
* ``key_paper_sheet`` stores a paper sheet typed in by the administrator, through the same
  rules as scoring in the app, in one transaction. With ``second_keying`` the sheet is keyed
  again as a check: it is recorded, not stored as scores, and compared with the sheet in the
  app; ``keying_mismatches`` lists every sheet whose check disagrees, for a third look.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from csx_desktop.domain.model import Category, Entry, Keying, PanelMember, Scoresheet
from csx_desktop.store.errors import CsxError, InputRefused, NotFound
from csx_desktop.store.scores import SheetState

if TYPE_CHECKING:
    from csx_desktop.certificates.packs import MadePack, PackJob, WrittenPack
    from csx_desktop.io.pack_import import PackImport, ReturnedPack
    from csx_desktop.operations.judging import Submitted
    from csx_desktop.store.database import Store

DEFAULT: Final = "default"
ReturnBy = datetime.date | None | Literal["default"]
PAPER_SHEET_VIA = "paper sheet keyed in"


# ---- making packs -------------------------------------------------------------------------


@dataclass(slots=True)
class PackPlan:
    """Packs checked and read from the round, ready to render; nothing written yet."""

    job: PackJob
    return_by: datetime.date | None
    left_out: list[str] = field(default_factory=list)  # members with no categories
    made_folder: Path | None = None  # a folder this run made (removed again if it fails)


@dataclass(slots=True)
class RenderedPacks:
    plan: PackPlan
    made: list[MadePack]


@dataclass(slots=True)
class PacksMade:
    """The packs written: where, for whom, and anything to tell the administrator."""

    written: list[WrittenPack]
    folder: Path
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"Wrote {pack.path} for {pack.member_name}: {_entries(pack.entries)} to score, "
            f"{pack.pages} pages."
            for pack in self.written
        ]

    def summary(self) -> str:
        count = len(self.written)
        packs = "1 judging pack" if count == 1 else f"{count} judging packs"
        return f"Made {packs} in {self.folder}."


def default_return_by(store: Store) -> datetime.date | None:
    """The date a pack's cover asks for it back by, unless told otherwise."""
    from csx_desktop.certificates.packs import default_return_by as from_settings

    return from_settings(store.round.settings())


def plan_packs(
    store: Store,
    *,
    output: Path,
    member_ids: Sequence[int] | None = None,
    member_name: str | None = None,
    return_by: ReturnBy = DEFAULT,
    send_to: str = "",
    overwrite: bool = False,
) -> PackPlan:
    """Check what is asked and read what each pack shows; nothing is written.

    ``member_name`` makes one pack, and ``output`` is its PDF. Otherwise ``output`` is a
    folder (made if its parent exists) holding one PDF per member: those of ``member_ids``,
    or every member with categories to judge when it is None.
    """
    from csx_desktop.certificates.packs import (
        DEFAULT_SEND_TO,
        PackOptions,
        pack_file_name,
    )
    from csx_desktop.certificates.packs import plan_packs as plan_job

    if isinstance(return_by, str):  # DEFAULT
        return_by = default_return_by(store)
    options = PackOptions(return_by=return_by, send_to=" ".join(send_to.split()) or DEFAULT_SEND_TO)
    left_out: list[str] = []
    made_folder: Path | None = None
    if member_name is not None:
        if output.suffix.lower() != ".pdf":
            raise InputRefused(
                f"A judging pack is a PDF: give a file name ending in .pdf, not {output.name}."
            )
        member = store.panel.member_named(member_name)
        destinations = [(member.id or 0, output)]
    else:
        everyone = store.panel.members()
        if member_ids is None:
            members = [m for m in everyone if m.category_ids]
            left_out = [m.name for m in everyone if not m.category_ids]
            if not members:
                raise InputRefused(
                    "No panel member has categories to judge yet, so there are no packs to "
                    "make. Set up the panel first."
                )
        else:
            known = {m.id: m for m in everyone}
            members = [known[i] for i in member_ids if i in known]
            if not members:
                raise InputRefused("Choose at least one panel member to make a pack for.")
        if output.exists() and not output.is_dir():
            raise InputRefused(f"{output} is a file: give a folder for the packs.")
        if not output.exists() and not output.parent.is_dir():
            raise InputRefused(f"The folder {output.parent} does not exist.")
        names = [pack_file_name(m.name) for m in members]
        if len(set(names)) != len(names):
            raise InputRefused(
                "Two of these members' packs would have the same file name; make them in "
                "separate folders."
            )
        destinations = [(m.id or 0, output / name) for m, name in zip(members, names, strict=True)]
        if not output.exists():
            output.mkdir()
            made_folder = output
    try:
        job = plan_job(store, destinations, options, overwrite=overwrite)
    except BaseException:
        _remove_if_empty(made_folder)
        raise
    return PackPlan(job, return_by, left_out, made_folder)


def render_packs(
    plan: PackPlan, *, progress: Callable[[int, int, str], None] | None = None
) -> RenderedPacks:
    """Render the planned packs. Needs no round file: a worker thread may run it."""
    from csx_desktop.certificates.packs import render_packs as render

    try:
        return RenderedPacks(plan, render(plan.job, progress))
    except BaseException:
        _remove_if_empty(plan.made_folder)
        raise


def save_packs(store: Store, *, rendered: RenderedPacks) -> PacksMade:
    """Record the rendered packs and write their files, in one transaction."""
    from csx_desktop.certificates.packs import save_packs as save

    plan = rendered.plan
    try:
        written = save(store, plan.job, rendered.made)
    except BaseException:
        _remove_if_empty(plan.made_folder)
        raise
    folder = plan.job.destinations[0].parent
    notes = [f"No pack for {name}: no categories to judge." for name in plan.left_out]
    if plan.return_by is not None and plan.return_by < datetime.date.today():
        notes.append(
            f"The date to send it back by ({plan.return_by.isoformat()}) has passed; "
            "give another date."
        )
    return PacksMade(written, folder, notes)


def cancel_packs(plan: PackPlan) -> None:
    """The person stopped before the packs were saved: remove the folder this run made."""
    _remove_if_empty(plan.made_folder)


def make_packs(
    store: Store,
    *,
    output: Path,
    member_ids: Sequence[int] | None = None,
    member_name: str | None = None,
    return_by: ReturnBy = DEFAULT,
    send_to: str = "",
    overwrite: bool = False,
) -> PacksMade:
    """Make judging packs at once (``plan_packs``, ``render_packs``, ``save_packs``)."""
    plan = plan_packs(
        store,
        output=output,
        member_ids=member_ids,
        member_name=member_name,
        return_by=return_by,
        send_to=send_to,
        overwrite=overwrite,
    )
    return save_packs(store, rendered=render_packs(plan))


def existing_pack_files(store: Store, *, folder: Path, member_ids: Sequence[int]) -> list[Path]:
    """The members' pack files already in ``folder`` (to ask before replacing them)."""
    from csx_desktop.certificates.packs import pack_file_name

    names = {m.id: m.name for m in store.panel.members()}
    paths = [folder / pack_file_name(names[i]) for i in member_ids if i in names]
    return [p for p in paths if p.exists()]


def _remove_if_empty(folder: Path | None) -> None:
    if folder is not None and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def _entries(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"


# ---- a returned pack ----------------------------------------------------------------------


def read_returned_pack(*, path: Path) -> ReturnedPack:
    """Read a returned pack's PDF (its identity and every box), refusing a file that is not
    a readable judging pack. Needs no round file: a worker thread may run it."""
    from csx_desktop.io.pack_import import read_pack

    return read_pack(path)


def check_returned_pack(
    store: Store, *, path: Path, returned: ReturnedPack | None = None
) -> PackImport:
    """What the pack would change (its new sheets in ``taken``, those that differ from the
    app in ``left``), worked out through the store's rules and undone: nothing changes.
    ``returned`` is the pack already read from ``path``, if it has been."""
    from csx_desktop.io.pack_import import import_pack

    return import_pack(store, returned or path, dry_run=True)


def import_returned_pack(
    store: Store,
    *,
    path: Path,
    returned: ReturnedPack | None = None,
    take: Collection[int] = (),
    prefer_pack: bool = False,
    dry_run: bool = False,
) -> PackImport:
    """Store a returned pack: new scores are taken; a sheet that differs from the app is
    taken only when its entry is in ``take`` (or with ``prefer_pack``), else left as it is.
    One transaction; importing the same pack again changes nothing. ``returned`` is the pack
    already read from ``path``, if it has been."""
    from csx_desktop.io.pack_import import import_pack

    return import_pack(store, returned or path, prefer_pack=prefer_pack, take=take, dry_run=dry_run)


# ---- keying a paper sheet -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PaperSheetForm:
    """What the key-in form shows for one member's sheet: the rubric and the app's values."""

    member: PanelMember
    entry: Entry
    category: Category
    sheet: Scoresheet
    refusal: str | None  # why this sheet cannot be keyed now (shown before typing)


def paper_sheet_form(
    store: Store, *, member_id: int, entry_id: int, second_keying: bool = False
) -> PaperSheetForm:
    """The member's sheet for the entry as the app has it, and whether it can be keyed (a
    ``second_keying``, a check that changes no score, may look at a submitted sheet)."""
    member = store.panel.member(member_id)
    entry = store.nominations.entry(entry_id)
    category = store.round.category(entry.category_id)
    sheet = store.scores.sheet(member_id, entry_id)
    refusal = _why_not(store, member, entry, second_keying=second_keying)
    return PaperSheetForm(member, entry, category, sheet, refusal)


def paper_entries(store: Store, *, member_id: int) -> list[tuple[Category, list[Entry]]]:
    """The categories a member judges, each with the entries they may score (no interest)."""
    member = store.panel.member(member_id)
    interests = {i.entry_id for i in store.panel.interests(member_id=member_id)}
    chosen = []
    for category in store.round.categories():
        if not category.is_panel_scored or category.id not in member.category_ids:
            continue
        entries = [
            e for e in store.nominations.entries(category.id) if (e.id or 0) not in interests
        ]
        chosen.append((category, entries))
    return chosen


def _why_not(
    store: Store, member: PanelMember, entry: Entry, *, second_keying: bool = False
) -> str | None:
    member_id, category_id = member.id or 0, entry.category_id
    if entry.category_id not in member.category_ids:
        return f"{member.name} does not judge this category."
    if any(i.entry_id == entry.id for i in store.panel.interests(member_id=member_id)):
        return (
            f"{member.name} declared an interest in {entry.nominee}, so this entry cannot be "
            "scored by them."
        )
    if store.scores.scoring_closed(category_id):
        return "The panel's decision for this category is recorded; scoring is closed."
    if not second_keying and store.scores.is_submitted(member_id, category_id):
        return (
            f"{member.name} has submitted this category; the chair can reopen it (Scoring "
            "progress) before a paper sheet is keyed."
        )
    return None


@dataclass(frozen=True, slots=True)
class KeyedValue:
    what: str  # the criterion's name, or "comment"
    app: int | str | None
    keyed: int | str | None


@dataclass(slots=True)
class KeyedSheet:
    """What keying a paper sheet did (first keying) or found (second keying, a check)."""

    member_name: str
    nominee: str
    category: str
    second_keying: bool
    changed: list[KeyedValue] = field(default_factory=list)  # first keying: values stored
    mismatches: list[KeyedValue] = field(default_factory=list)  # second keying: disagreements
    complete: bool = False
    keying: Keying | None = None  # the sheet's check state afterwards (None: scored in the app)
    twice: bool = False  # the round counts a paper sheet only once two keyings agree

    def summary(self) -> str:
        who = f"{self.member_name}'s sheet for {self.nominee} ({self.category})"
        if self.second_keying:
            if not self.mismatches:
                text = f"Checked {who}: the second keying agrees with the sheet in the app."
                if self.twice and self.keying is Keying.AGREED and self.complete:
                    text += " Both keyings agree, so it now counts."
                return text
            differ = "; ".join(_differs(m) for m in self.mismatches)
            text = (
                f"Checked {who}: the second keying disagrees with the sheet in the app: "
                f"{differ}. Look at the paper sheet again; nothing was changed."
            )
            if self.twice and self.keying is not None:
                text += " It does not count until the two keyings agree."
            return text
        if not self.changed:
            return f"{who} already says this: nothing was changed."
        count = len(self.changed)
        text = f"Saved {who}: {count} value{'' if count == 1 else 's'} changed."
        if not self.complete:
            text += " It is not complete yet, so it does not count until every criterion is scored."
        elif self.twice and self.keying is Keying.AGREED:
            text += " It agrees with the sheet's second keying, so it counts."
        elif self.twice and self.keying is Keying.DIFFERS:
            text += (
                " It disagrees with the sheet's second keying, so it does not count until "
                "the two agree: look at the paper sheet again."
            )
        elif self.twice:
            text += (
                " This round counts a paper sheet once it has been keyed in twice: key it "
                "again with “Second keying” ticked before it counts."
            )
        return text


def _differs(value: KeyedValue) -> str:
    return f"{value.what}: {_shown(value.app)} in the app, {_shown(value.keyed)} keyed again"


def _shown(value: int | str | None) -> str:
    if value is None or value == "":
        return "none"
    if isinstance(value, str):
        flat = " ".join(value.split())
        return f"“{flat[:40]}…”" if len(flat) > 40 else f"“{flat}”"
    return str(value)


def key_paper_sheet(
    store: Store,
    *,
    member_id: int,
    entry_id: int,
    scores: Mapping[int, int | None],
    comment: str = "",
    second_keying: bool = False,
) -> KeyedSheet:
    """Key one paper scoresheet on the member's behalf.

    ``scores`` maps each criterion id of the entry's category to the score on the paper
    (None: left empty). The first keying stores what differs from the app, each value with
    its audit row ("paper sheet keyed in"), through the same rules as scoring in the app, in
    one transaction: any refusal keeps nothing. ``second_keying`` only records the check
    and lists where it disagrees with the sheet in the app.
    """
    from csx_desktop.store.pack_records import record_second_keying

    form = paper_sheet_form(
        store, member_id=member_id, entry_id=entry_id, second_keying=second_keying
    )
    criteria = {c.id or 0: c for c in form.category.criteria}
    unknown = [c for c in scores if c not in criteria]
    if unknown:
        raise InputRefused(f"That criterion is not part of {form.category.name}'s rubric.")
    for criterion_id, score in scores.items():
        top = criteria[criterion_id].max_score
        if score is not None and not 0 <= score <= top:
            raise InputRefused(
                f"{score} is not a score for {criteria[criterion_id].name}: it is 0 to {top}."
            )
    if form.refusal is not None:
        raise InputRefused(form.refusal)
    comment = _tidy(comment)
    if all(s is None for s in scores.values()) and not comment:
        raise InputRefused("Nothing to save: type the scores on the paper sheet first.")
    sheet = form.sheet
    result = KeyedSheet(
        form.member.name, form.entry.nominee, form.category.name, second_keying=second_keying
    )
    values = [
        KeyedValue(c.name, sheet.scores.get(c.id or 0), scores.get(c.id or 0))
        for c in form.category.criteria
    ]
    comment_value = KeyedValue("comment", sheet.comment, comment)
    if second_keying:
        result.mismatches = [v for v in values if v.app != v.keyed]
        if _tidy(sheet.comment) != comment:
            result.mismatches.append(comment_value)
        with store.write():
            record_second_keying(
                store,
                member_id=member_id,
                entry_id=entry_id,
                scores={c: s for c, s in scores.items() if s is not None},
                comment=comment,
                agrees=not result.mismatches,
            )
            result.keying = store.scores.settle_keying(member_id, entry_id)
        result.complete = sheet.is_complete(form.category.criteria)
        result.twice = _keyed_twice(store)
        return result
    try:
        with store.write():
            for criterion in form.category.criteria:
                criterion_id = criterion.id or 0
                keyed = scores.get(criterion_id)
                if sheet.scores.get(criterion_id) == keyed:
                    continue
                store.scores.set_score(
                    member_id, entry_id, criterion_id, keyed, via=PAPER_SHEET_VIA, paper=True
                )
                result.changed.append(
                    KeyedValue(criterion.name, sheet.scores.get(criterion_id), keyed)
                )
            if comment != _tidy(sheet.comment):
                store.scores.set_comment(member_id, entry_id, comment, via=PAPER_SHEET_VIA)
                result.changed.append(comment_value)
            result.keying = store.scores.settle_keying(member_id, entry_id)
    except NotFound as error:
        raise InputRefused(f"The paper sheet was not saved: {error}") from None
    after = store.scores.sheet(member_id, entry_id)
    result.complete = after.is_complete(form.category.criteria)
    result.twice = _keyed_twice(store)
    return result


def finish_paper_category(store: Store, *, member_id: int, category_id: int) -> Submitted:
    """The member ticked "I have finished this category" on their paper pack: submit the
    category on their behalf, as they would in the app or in a returned pack (the same rules,
    ``operations.judging.submit_category``). Only once every sheet they may score in it is
    complete: a box ticked over empty sheets is more likely a slip than a judgement."""
    from csx_desktop.operations.judging import submit_category

    member = store.panel.member(member_id)
    category = store.round.category(category_id)
    if category_id not in member.category_ids:
        raise InputRefused(f"{member.name} does not judge {category.name}.")
    progress = store.scores.progress(category_id)
    waiting = {SheetState.NOT_STARTED, SheetState.IN_PROGRESS}
    left = [e.nominee for e in progress.entries if progress.state(member_id, e.id or 0) in waiting]
    if left:
        raise InputRefused(
            f"{member.name}'s sheets for {category.name} are not all keyed in yet "
            f"({len(left)} to go, e.g. {left[0]}): key them in before marking it finished."
        )
    return submit_category(store, member_id=member_id, category_id=category_id)


def _keyed_twice(store: Store) -> bool:
    """Whether the round counts a paper sheet only once two keyings agree."""
    return store.round.settings().paper_keyed_twice


def _tidy(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


@dataclass(frozen=True, slots=True)
class KeyingMismatch:
    """A sheet whose second keying disagrees with what the app holds now."""

    member_name: str
    nominee: str
    category: str
    differences: tuple[KeyedValue, ...]

    def words(self) -> str:
        differ = "; ".join(_differs(d) for d in self.differences)
        return f"{self.member_name} — {self.nominee} ({self.category}): {differ}"


def keying_mismatches(store: Store) -> list[KeyingMismatch]:
    """Every paper sheet whose latest second keying disagrees with the sheet in the app now
    (a later correction in the app that makes them agree removes it from the list)."""
    from csx_desktop.store.pack_records import second_keyings

    keyings = second_keyings(store)
    if not keyings:
        return []
    # Read once for every keying (the Panel area asks at each refresh), not a form each.
    members = {m.id: m.name for m in store.panel.members()}
    categories = {c.id: c for c in store.round.categories()}
    found = []
    for keying in keyings:
        try:
            entry = store.nominations.entry(keying.entry_id)
        except CsxError:
            continue  # the entry is gone: nothing to look at
        category = categories.get(entry.category_id)
        if keying.member_id not in members or category is None:
            continue  # the member is no longer on the panel
        sheet = store.scores.sheet(keying.member_id, keying.entry_id)
        differences = [
            KeyedValue(c.name, sheet.scores.get(c.id or 0), keying.scores.get(c.id or 0))
            for c in category.criteria
            if sheet.scores.get(c.id or 0) != keying.scores.get(c.id or 0)
        ]
        if _tidy(sheet.comment) != keying.comment:
            differences.append(KeyedValue("comment", sheet.comment, keying.comment))
        if differences:
            found.append(
                KeyingMismatch(
                    members[keying.member_id], entry.nominee, category.name, tuple(differences)
                )
            )
    return found


@dataclass(frozen=True, slots=True)
class PaperChecks:
    """Paper sheets that need a look: those keyed once while the round counts a paper sheet
    only when two keyings agree, and those whose two keyings disagree."""

    twice: bool  # the round's rule: a paper sheet counts once two keyings agree
    keyed_once: tuple[str, ...]  # "member — nominee (category)"
    mismatches: tuple[KeyingMismatch, ...]

    def in_words(self, *, most: int = 4) -> str:
        """A short paragraph for the window: how many of each, naming the first few."""
        parts = []
        if self.keyed_once:
            parts.append(
                f"{_sheet_count(len(self.keyed_once))} keyed once, not counted until keyed "
                f"again: {_first(list(self.keyed_once), most)}."
            )
        if self.mismatches:
            count = len(self.mismatches)
            verb = "disagrees" if count == 1 else "disagree"
            names = [f"{m.member_name} — {m.nominee}" for m in self.mismatches]
            parts.append(
                f"{_sheet_count(count)} whose second keying {verb}; look at the paper again: "
                f"{_first(names, most)}."
            )
        return " ".join(parts)

    def lines(self) -> list[str]:
        """What to tell the administrator, a heading and its sheets, or nothing."""
        lines = []
        if self.keyed_once:
            lines.append(
                f"Paper sheets keyed once, not counted until keyed again ({len(self.keyed_once)}):"
            )
            lines += [f"  {sheet}" for sheet in self.keyed_once]
        if self.mismatches:
            counted = ", not counted until they agree" if self.twice else ""
            lines.append(
                f"Paper sheets whose two keyings disagree{counted} ({len(self.mismatches)}):"
            )
            lines += [f"  {mismatch.words()}" for mismatch in self.mismatches]
        return lines


def paper_checks(store: Store) -> PaperChecks:
    """The paper sheets to key again or look at again (``PaperChecks``)."""
    twice = _keyed_twice(store)
    keyed_once = []
    if twice:
        from csx_desktop.domain.model import Keying

        members = {m.id: m.name for m in store.panel.members()}
        categories = {c.id: c.name for c in store.round.categories()}
        for member_id, entry_id in store.scores.sheets_keyed(Keying.ONCE):
            entry = store.nominations.entry(entry_id)
            if member_id in members and entry.category_id in categories:
                keyed_once.append(
                    f"{members[member_id]} — {entry.nominee} ({categories[entry.category_id]})"
                )
    return PaperChecks(twice, tuple(keyed_once), tuple(keying_mismatches(store)))


def _sheet_count(count: int) -> str:
    return "1 paper sheet" if count == 1 else f"{count} paper sheets"


def _first(names: list[str], most: int) -> str:
    if len(names) <= most:
        return "; ".join(names)
    return "; ".join(names[:most]) + f"; and {len(names) - most} more"
