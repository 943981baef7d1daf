"""Judging packs: one fillable, signed PDF per panel member, to judge away from the laptop.

A pack holds only what its member may see (DESIGN.md, "Judging away from the laptop"):

* a cover page in plain words: who it is for, their categories, how to score, the date to
  send it back by and who to send it to;
* for each of the member's categories, a page with what the panel looks for and every
  criterion with every descriptor, the entries to score, and the entries they declared an
  interest in (named as such: no citation, nothing to fill);
* each entry to score on a new page: nominee, service, team members, every eligible
  nomination's citation with its nominator, relationship and date as the scoring workspace
  shows them, then the scoresheet: radio buttons 0…max for each criterion (they print as
  boxes to tick, for a pen) and a comment box, pre-filled with the member's own scores;
* after a category's last entry, the "I have finished this category" box.

Field names and the signature are ``domain.pack_fields``'s. The pack's identity and signature
are stored twice: as ``/CSXPack`` in the document information, and as the hidden read-only
field ``csx_pack`` (PDF readers that re-save a file may drop document information they do not
know, but they keep the form).

The pages are drawn on a bare canvas with fixed layout (text wrapped and pages broken here),
many pages in one PDF, fonts registered once. Every line goes through ``certificate.draw_text``,
so a name in any script the bundled fonts cover draws in its own letters; a letter no bundled
font has is shown as its code point ("[U+738B]"), never left out silently.

ReportLab's form fields take their font from the 14 standard PDF fonts, which are never
embedded; the text fields here use Noto Sans instead, embedded whole (a subset would lack
the letters a member types), so ``pdffonts`` shows every font embedded.
"""

from __future__ import annotations

import io
import re
import secrets
import unicodedata
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache, lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from csx_desktop.certificates import scripts
from csx_desktop.certificates.certificate import display, draw_text, format_date, text_width
from csx_desktop.certificates.fonts import SANS, SANS_BOLD, SANS_ITALIC, register_fonts
from csx_desktop.domain.model import (
    Category,
    Criterion,
    Entry,
    Interest,
    InterestKind,
    Nomination,
    NominationStatus,
    PanelMember,
    RoundSettings,
    Scoresheet,
)
from csx_desktop.domain.pack_fields import (
    IDENTITY_FIELD,
    PackIdentity,
    comment_field,
    finished_field,
    score_field,
    sign,
)
from csx_desktop.store.errors import InputRefused

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

    from csx_desktop.store.database import Store
    from csx_desktop.store.pack_records import PackKeys

# A4 portrait, in points.
PAGE_WIDTH = 595.2755905511812
PAGE_HEIGHT = 841.8897637795275
LEFT = 56.0
RIGHT = PAGE_WIDTH - 56.0
WIDTH = RIGHT - LEFT
TOP = PAGE_HEIGHT - 62.0
BOTTOM = 64.0

# The certificates' navy for headings; greys dark enough to photocopy.
NAVY = (0.106, 0.165, 0.290)
INK = (0.12, 0.12, 0.14)
GREY = (0.30, 0.33, 0.38)
RULE = (0.62, 0.66, 0.71)
BAND = (0.93, 0.95, 0.97)

DEFAULT_SEND_TO = "the awards administrator"
# A return-by date this many days before the ceremony, unless one is given.
RETURN_DAYS_BEFORE_CEREMONY = 7
_TOTAL_PAGES_FORM = "csxPackPages"
_FORM_FONT = "NotoSansForm"


# ---- what a pack shows ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PackOptions:
    """What the administrator adds to every pack: the date to return it by and who to."""

    return_by: date | None = None
    send_to: str = DEFAULT_SEND_TO


@dataclass(frozen=True, slots=True)
class PackEntry:
    """An entry to score: its eligible nominations and the member's sheet so far."""

    entry: Entry
    nominations: tuple[Nomination, ...]
    sheet: Scoresheet | None


@dataclass(frozen=True, slots=True)
class PackCategory:
    """One of the member's categories, as far as the member may see it."""

    category: Category
    entries: tuple[PackEntry, ...]
    interests: tuple[tuple[Entry, Interest], ...]
    submitted_at: datetime | None = None
    decided: bool = False

    @property
    def closed(self) -> bool:
        """Scores can no longer change here (submitted, or the decision is recorded): the
        pack shows them read-only."""
        return self.submitted_at is not None or self.decided


@dataclass(frozen=True, slots=True)
class PackContent:
    """Everything one member's pack shows."""

    round_name: str
    member: PanelMember
    categories: tuple[PackCategory, ...]

    @property
    def member_id(self) -> int:
        assert self.member.id is not None
        return self.member.id

    @property
    def entry_count(self) -> int:
        return sum(len(c.entries) for c in self.categories)

    @property
    def has_prefilled(self) -> bool:
        return any(e.sheet and e.sheet.is_started() for c in self.categories for e in c.entries)


def default_return_by(settings: RoundSettings) -> date | None:
    """A week before the ceremony, when its date is set."""
    if settings.ceremony_date is None:
        return None
    return settings.ceremony_date - timedelta(days=RETURN_DAYS_BEFORE_CEREMONY)


def pack_contents(store: Store, member_ids: Sequence[int]) -> list[PackContent]:
    """What each member's pack shows, read once for them all (the store's public reads)."""
    settings = store.round.settings()
    nominations = store.nominations.nominations_by_entry()
    categories = [c for c in store.round.categories() if c.is_panel_scored]
    entries = {c.id: store.nominations.entries(c.id) for c in categories}
    decided = {c.id: store.scores.scoring_closed(c.id or 0) for c in categories}
    contents = []
    for member_id in member_ids:
        member = store.panel.member(member_id)
        interests = {i.entry_id: i for i in store.panel.interests(member_id=member_id)}
        sheets = {s.entry_id: s for s in store.scores.sheets(member_id=member_id)}
        chosen = []
        for category in categories:
            if category.id not in member.category_ids:
                continue
            to_score, declared = [], []
            for entry in entries[category.id]:
                entry_id = entry.id or 0
                if entry_id in interests:
                    declared.append((entry, interests[entry_id]))
                    continue
                eligible = tuple(
                    n
                    for n in nominations.get(entry_id, ())
                    if n.status is NominationStatus.ELIGIBLE
                )
                to_score.append(PackEntry(entry, eligible, sheets.get(entry_id)))
            chosen.append(
                PackCategory(
                    category=category,
                    entries=tuple(to_score),
                    interests=tuple(declared),
                    submitted_at=store.scores.submitted_at(member_id, category.id or 0),
                    decided=decided[category.id],
                )
            )
        contents.append(PackContent(settings.name, member, tuple(chosen)))
    return contents


def pack_field_names(content: PackContent) -> list[str]:
    """Every form field a member's pack holds (the identity field aside), in page order."""
    member_id = content.member_id
    names: list[str] = []
    for pack_category in content.categories:
        for pack_entry in pack_category.entries:
            entry_id = pack_entry.entry.id or 0
            names += [
                score_field(member_id, entry_id, c.id or 0).name
                for c in pack_category.category.criteria
            ]
            names.append(comment_field(member_id, entry_id).name)
        if pack_category.entries:
            names.append(finished_field(member_id, pack_category.category.id or 0).name)
    return names


# ---- making and writing packs -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MadePack:
    """One member's pack, rendered: its bytes, identity and what it holds."""

    content: PackContent
    identity: PackIdentity
    data: bytes
    pages: int
    field_names: tuple[str, ...]


def make_pack(
    content: PackContent,
    *,
    round_id: str,
    secret: bytes,
    options: PackOptions,
    made_at: datetime | None = None,
    pack_id: str | None = None,
    invariant: bool = False,
) -> MadePack:
    """Render one member's pack, signed with the round's secret."""
    made = (made_at or datetime.now(UTC)).astimezone(UTC)
    identity = PackIdentity(
        round_id=round_id,
        round_name=content.round_name,
        member_id=content.member_id,
        member_name=content.member.name,
        pack_id=pack_id or secrets.token_hex(8),
        made_at=made.isoformat(timespec="seconds"),
    )
    names = pack_field_names(content)
    signature = sign(secret, identity, names)
    stream = io.BytesIO()
    pages = render_pack(
        content, identity, signature, options, stream, made=made, invariant=invariant
    )
    return MadePack(content, identity, stream.getvalue(), pages, tuple(names))


def pack_file_name(member_name: str) -> str:
    """A member's pack as a file name ("Judging pack - Nora Quinn.pdf"), safe on Windows."""
    cleaned = "".join(
        " " if ch in '<>:"/\\|?*' or unicodedata.category(ch).startswith("C") else ch
        for ch in member_name
    )
    cleaned = " ".join(cleaned.split()).strip(". ") or "member"
    return f"Judging pack - {cleaned}.pdf"


@dataclass(frozen=True, slots=True)
class WrittenPack:
    path: Path
    member_name: str
    entries: int
    pages: int
    pack_id: str


@dataclass(frozen=True, slots=True)
class PackJob:
    """Packs to make, read from the round (``plan_packs``): each member's content, where it
    goes, and the keys to sign with. Rendering it (``render_packs``) needs no round file, so
    a worker thread may do it while the window waits."""

    contents: tuple[PackContent, ...]
    destinations: tuple[Path, ...]
    keys: PackKeys
    new_keys: bool  # the round has no pack keys yet: stored with the packs' records
    options: PackOptions
    overwrite: bool


def plan_packs(
    store: Store,
    destinations: Sequence[tuple[int, Path]],
    options: PackOptions,
    *,
    overwrite: bool,
) -> PackJob:
    """Check the destinations and read what each pack shows; nothing is written yet."""
    from csx_desktop.store.files import check_destination
    from csx_desktop.store.pack_records import new_pack_keys, pack_keys

    for _member_id, path in destinations:
        check_destination(path, overwrite=overwrite)
    contents = pack_contents(store, [member_id for member_id, _ in destinations])
    for content in contents:
        if not content.categories:
            raise InputRefused(
                f"{content.member.name} has no categories to judge, so there is no pack "
                "to make for them. Give them categories in the Panel area first."
            )
    keys = pack_keys(store)
    return PackJob(
        contents=tuple(contents),
        destinations=tuple(path for _, path in destinations),
        keys=keys or new_pack_keys(),
        new_keys=keys is None,
        options=options,
        overwrite=overwrite,
    )


def render_packs(
    job: PackJob, progress: Callable[[int, int, str], None] | None = None
) -> list[MadePack]:
    """Render every pack of the job (no round file needed); ``progress(done, total, words)``
    is called before each one (it may raise to stop)."""
    made = []
    total = len(job.contents)
    for done, content in enumerate(job.contents):
        if progress is not None:
            progress(
                done, total, f"Making the pack for {content.member.name} ({done + 1} of {total})"
            )
        made.append(
            make_pack(
                content, round_id=job.keys.round_id, secret=job.keys.secret, options=job.options
            )
        )
    if progress is not None:
        progress(total, total, "Writing the packs")
    return made


def save_packs(store: Store, job: PackJob, made: Sequence[MadePack]) -> list[WrittenPack]:
    """Record the rendered packs and write their files, in one transaction.

    Each file is written beside its destination and renamed into place. If a file cannot be
    written, no pack of this run is recorded (nor the round's new keys) and the files this
    run had newly made are removed again.
    """
    from csx_desktop.store.files import write_file
    from csx_desktop.store.pack_records import record_made, store_pack_keys

    written: list[WrittenPack] = []
    created: list[Path] = []
    try:
        with store.write():
            if job.new_keys:
                store_pack_keys(store, job.keys)
            for pack, path in zip(made, job.destinations, strict=True):
                record_made(
                    store,
                    pack_id=pack.identity.pack_id,
                    member_id=pack.content.member_id,
                    member_name=pack.content.member.name,
                    file_name=path.name,
                    entries=pack.content.entry_count,
                    fields=len(pack.field_names),
                )
                existed = path.exists()
                write_file(path, pack.data, overwrite=job.overwrite)
                if not existed:
                    created.append(path)
                written.append(
                    WrittenPack(
                        path,
                        pack.content.member.name,
                        pack.content.entry_count,
                        pack.pages,
                        pack.identity.pack_id,
                    )
                )
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise
    return written


def write_packs(
    store: Store,
    destinations: Sequence[tuple[int, Path]],
    options: PackOptions,
    *,
    overwrite: bool,
) -> list[WrittenPack]:
    """Make the packs of ``(member id, file)`` pairs, record them, and write the files
    (``plan_packs``, ``render_packs`` and ``save_packs`` in turn).

    Every pack is rendered before anything is written; see ``save_packs``.
    """
    job = plan_packs(store, destinations, options, overwrite=overwrite)
    return save_packs(store, job, render_packs(job))


# ---- drawing ----------------------------------------------------------------------------


def render_pack(
    content: PackContent,
    identity: PackIdentity,
    signature: str,
    options: PackOptions,
    stream: IO[bytes],
    *,
    made: datetime | None = None,
    invariant: bool = False,
) -> int:
    """Draw a member's pack onto ``stream``; return the number of pages."""
    canvas = _new_canvas(stream, content, identity.signed_text(signature), invariant=invariant)
    _define_forms(canvas, content)
    pages = _Pages(canvas, content)
    drawn: list[str] = []
    form = _Form(canvas, drawn)
    _cover(pages, content, options, made or datetime.now(UTC))
    form.identity(identity.signed_text(signature))
    for pack_category in content.categories:
        _category_page(pages, pack_category)
        total = len(pack_category.entries)
        for number, pack_entry in enumerate(pack_category.entries, start=1):
            _entry_pages(pages, form, content, pack_category, pack_entry, number, total)
        if pack_category.entries:
            _finished_box(pages, form, content, pack_category)
    pages.finish()
    # The signature covers the names computed beforehand; what was drawn must be the same.
    if sorted(drawn) != sorted(pack_field_names(content)):
        raise AssertionError("the pack's drawn fields differ from the fields it was signed for")
    canvas.save()
    return pages.number


def _new_canvas(stream: IO[bytes], content: PackContent, signed: str, *, invariant: bool) -> Canvas:
    from reportlab.pdfbase.pdfdoc import PDFInfo, PDFString
    from reportlab.pdfgen.canvas import Canvas

    register_fonts()
    canvas = Canvas(
        stream,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        invariant=1 if invariant else 0,
        pageCompression=1,
        initialFontName=SANS,
        initialFontSize=10,
    )
    canvas.setTitle(f"Judging pack — {content.member.name} — {content.round_name}")
    canvas.setAuthor("CSX Desktop")
    canvas.setSubject(f"Judging pack for {content.member.name}")
    canvas.setCreator("CSX Desktop")

    class PackInfo(PDFInfo):
        """The document information with the pack's identity as ``/CSXPack``."""

        def format(self, document: Any) -> Any:
            text = super().format(document)
            end = text.rindex(b">>")  # the dictionary's own end (a title may hold ">>")
            return text[:end] + b"/CSXPack " + PDFString(signed).format(document) + text[end:]

    info = PackInfo()
    info.__dict__.update(canvas._doc.info.__dict__)
    canvas._doc.info = info
    return canvas


class _Pages:
    """The pages of one pack: the cursor down the page, page breaks, header and footer.

    ``running`` is the line at the top of each page after the first ("Pride of Stockton ·
    Maya Lindqvist (continued)"), so a page that comes loose from a printed pack still
    says whose and what it is.
    """

    def __init__(self, canvas: Canvas, content: PackContent) -> None:
        self.canvas = canvas
        self.number = 0
        self.y = TOP
        self.running = ""
        self.round_width = text_width(printable(content.round_name, SANS), SANS, 8)
        self._start()

    def _start(self) -> None:
        self.number += 1
        canvas = self.canvas
        canvas.doForm(_FOOTER_FORM)
        canvas.setFillColorRGB(*GREY)
        label = f"Page {self.number} of "
        x = RIGHT - 60.0
        _draw(canvas, x, _FOOTER_Y, label, SANS, 8)
        canvas.saveState()
        canvas.translate(x + text_width(label, SANS, 8), _FOOTER_Y)
        canvas.doForm(_TOTAL_PAGES_FORM)  # the total is known only at the end
        canvas.restoreState()
        self.y = TOP
        if self.number > 1:
            canvas.doForm(_HEADER_FORM)
            if self.running:
                running = shorten(self.running, SANS, 8, WIDTH - self.round_width - 24)
                width = text_width(running, SANS, 8)
                _draw(canvas, RIGHT - width, _HEADER_Y, running, SANS, 8)

    def new_page(self) -> None:
        self.canvas.showPage()
        self._start()

    def need(self, height: float) -> None:
        """Start a new page unless ``height`` points fit above the bottom margin."""
        if self.y - height < BOTTOM and self.y < TOP:
            self.new_page()

    def gap(self, height: float) -> None:
        self.y -= height

    def line(
        self,
        text: str,
        font: str,
        size: float,
        colour: tuple[float, float, float] = INK,
        *,
        x: float = LEFT,
        leading: float | None = None,
        right: bool = False,
    ) -> None:
        """A line of text at the cursor, moving it down; wrapped should it not fit (a long
        name or category)."""
        text = printable(text, font)
        if text_width(text, font, size) > RIGHT - x:
            self.paragraph(text, font, size, colour, x=x, width=RIGHT - x, leading=leading)
            return
        self._put(text, font, size, colour, x=x, leading=leading, right=right)

    def _put(
        self,
        text: str,
        font: str,
        size: float,
        colour: tuple[float, float, float],
        *,
        x: float,
        leading: float | None,
        right: bool,
    ) -> None:
        leading = leading or size * 1.35
        self.need(leading)
        self.y -= leading
        self.canvas.setFillColorRGB(*colour)
        if right:
            x = RIGHT - text_width(text, font, size)
        _draw(self.canvas, x, self.y + (leading - size) * 0.35, text, font, size)

    def paragraph(
        self,
        text: str,
        font: str,
        size: float,
        colour: tuple[float, float, float] = INK,
        *,
        x: float = LEFT,
        width: float = WIDTH,
        leading: float | None = None,
        right: bool = False,
    ) -> None:
        """Running text wrapped to ``width``, breaking pages between lines."""
        for line in wrap(printable(text, font), font, size, width):
            self._put(line, font, size, colour, x=x, leading=leading, right=right)

    def finish(self) -> None:
        """Draw the total number of pages into the form every footer placed."""
        canvas = self.canvas
        canvas.showPage()
        canvas.beginForm(_TOTAL_PAGES_FORM)
        canvas.setFillColorRGB(*GREY)
        canvas.setFont(SANS, 8)
        canvas.drawString(0, 0, str(self.number))
        canvas.endForm()


_FOOTER_FORM, _HEADER_FORM = "csxPackFooter", "csxPackHeader"
_FOOTER_Y, _HEADER_Y = 34.0, PAGE_HEIGHT - 40.0


def _define_forms(canvas: Canvas, content: PackContent) -> None:
    """What many pages repeat, drawn once per PDF (Form XObjects placed with ``doForm``):
    the footer and header, and each criterion's numbers and words under its boxes (the same
    on every entry of a category). Defined before the first page is begun."""
    canvas.beginForm(_FOOTER_FORM)
    canvas.setStrokeColorRGB(*RULE)
    canvas.setLineWidth(0.5)
    canvas.line(LEFT, _FOOTER_Y + 12, RIGHT, _FOOTER_Y + 12)
    canvas.setFillColorRGB(*GREY)
    member = printable(content.member.name, SANS)
    _draw(canvas, LEFT, _FOOTER_Y, f"Judging pack for {member} · confidential", SANS, 8)
    canvas.endForm()
    canvas.beginForm(_HEADER_FORM)
    canvas.setStrokeColorRGB(*RULE)
    canvas.setLineWidth(0.5)
    canvas.setFillColorRGB(*GREY)
    _draw(canvas, LEFT, _HEADER_Y, printable(content.round_name, SANS), SANS, 8)
    canvas.line(LEFT, _HEADER_Y - 6, RIGHT, _HEADER_Y - 6)
    canvas.endForm()
    for pack_category in content.categories:
        if not pack_category.entries:
            continue
        for criterion in pack_category.category.criteria:
            _define_scale(canvas, criterion)


def _scale_form(criterion: Criterion) -> str:
    return f"csxScale{criterion.id}"


def _define_scale(canvas: Canvas, criterion: Criterion) -> None:
    """A criterion's boxes, the score numbers beside them and descriptors under them, with
    the top of its first row of boxes at the form's origin. The boxes are drawn on the page
    as well as being form fields: a PDF viewer that does not show forms (or a copy printed
    to PDF) still shows boxes to tick by hand."""
    _height, cells = _criterion_layout(criterion)
    per_row = len(cells) if len(cells) <= 6 else 11
    cell = WIDTH / per_row
    canvas.beginForm(_scale_form(criterion), lowerx=0, lowery=-PAGE_HEIGHT, upperx=WIDTH, uppery=0)
    canvas.setStrokeColorRGB(*NAVY)
    canvas.setLineWidth(1)
    top = 0.0
    for start in range(0, len(cells), per_row):
        row = cells[start : start + per_row]
        box_y = top - _BOX
        for index, (value, lines) in enumerate(row):
            x = index * cell
            canvas.rect(x + 0.5, box_y + 0.5, _BOX - 1, _BOX - 1, stroke=1, fill=0)
            canvas.setFillColorRGB(*NAVY)
            _draw(canvas, x + _BOX + 5, box_y + 3.5, str(value), SANS_BOLD, 11)
            canvas.setFillColorRGB(*GREY)
            for number, line in enumerate(lines):
                _draw(canvas, x, box_y - 10.5 - number * _WORDS_LEADING, line, SANS, _WORDS_SIZE)
        top = box_y - 6 - _row_words(row) * _WORDS_LEADING - 6
    canvas.endForm()


def _row_words(row: list[tuple[int, list[str]]]) -> int:
    return max((len(lines) for _, lines in row), default=0)


class _Form:
    """The pack's form fields, each name noted as it is drawn (checked against the signed
    list before the PDF is saved)."""

    def __init__(self, canvas: Canvas, drawn: list[str]) -> None:
        from reportlab.lib.colors import Color, white

        self.canvas = canvas
        self.drawn = drawn
        self.acro = canvas.acroForm
        self.border = Color(*NAVY)
        self.text = Color(*INK)
        self.white = white
        _use_embedded_form_font(canvas)

    def radio(
        self,
        name: str,
        value: str,
        *,
        selected: bool,
        x: float,
        y: float,
        size: float,
        tooltip: str,
        read_only: bool,
    ) -> None:
        if name not in self.drawn:
            self.drawn.append(name)
        self.acro.radio(
            name=name,
            value=value,
            selected=selected,
            buttonStyle="check",
            shape="square",
            size=size,
            x=x,
            y=y,
            fillColor=self.white,
            borderColor=self.border,
            textColor=self.text,
            borderWidth=1,
            tooltip=tooltip,
            # No "noToggleToOff": clicking the chosen box again clears it, as a member who
            # ticked by mistake expects. Read-only for a category that is closed.
            fieldFlags="radio readOnly" if read_only else "radio",
        )

    def checkbox(
        self, name: str, *, checked: bool, x: float, y: float, tooltip: str, read_only: bool
    ) -> None:
        self.drawn.append(name)
        self._outline(x, y, 16, 16)
        self.acro.checkbox(
            name=name,
            checked=checked,
            buttonStyle="check",
            shape="square",
            size=16,
            x=x,
            y=y,
            fillColor=self.white,
            borderColor=self.border,
            textColor=self.text,
            borderWidth=1,
            tooltip=tooltip,
            fieldFlags="readOnly" if read_only else "",
        )

    def text_box(
        self,
        name: str,
        value: str,
        *,
        x: float,
        y: float,
        width: float,
        height: float,
        tooltip: str,
        read_only: bool,
    ) -> None:
        self.drawn.append(name)
        self._outline(x, y, width, height)
        self.acro.textfield(
            name=name,
            value=value,
            x=x,
            y=y,
            width=width,
            height=height,
            fontSize=10,
            maxlen=0,
            fillColor=self.white,
            borderColor=self.border,
            textColor=self.text,
            borderWidth=1,
            tooltip=tooltip,
            fieldFlags="multiline doNotScroll readOnly" if read_only else "multiline",
        )

    def _outline(self, x: float, y: float, width: float, height: float) -> None:
        """The field's border on the page too (see ``_define_scale``)."""
        self.canvas.setStrokeColorRGB(*NAVY)
        self.canvas.setLineWidth(1)
        self.canvas.rect(x + 0.5, y + 0.5, width - 1, height - 1, stroke=1, fill=0)

    def identity(self, signed: str) -> None:
        """The hidden, read-only copy of the pack's identity and signature."""
        self.acro.textfield(
            name=IDENTITY_FIELD,
            value=signed,
            x=0,
            y=0,
            width=1,
            height=1,
            fontSize=1,
            maxlen=0,
            borderWidth=0,
            fillColor=None,
            borderColor=None,
            annotationFlags="hidden",
            fieldFlags="readOnly",
        )


@cache
def _form_font_file() -> tuple[bytes, int]:
    """Noto Sans, whole and compressed once per process: (deflated bytes, length)."""
    from csx_desktop.resource_files import resource_path

    data = resource_path("fonts/NotoSans-Regular.ttf").read_bytes()
    return zlib.compress(data, 6), len(data)


@cache
def _form_font_widths() -> tuple[int, ...]:
    """Advance widths of Windows-1252 codes 32…255 in Noto Sans (1/1000 em)."""
    from reportlab.pdfbase.pdfmetrics import getFont

    face = getFont(SANS).face
    widths = []
    for code in range(32, 256):
        try:
            char = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:  # the five codes Windows-1252 leaves empty
            char = " "
        widths.append(round(face.charWidths.get(ord(char), face.defaultWidth)))
    return tuple(widths)


def _use_embedded_form_font(canvas: Canvas) -> None:
    """Make the form's text fields use Noto Sans, embedded whole, not unembedded Helvetica.

    ReportLab names a standard font for every text field (``AcroForm.makeFont``); here it
    is handed a TrueType font object instead, with WinAnsi encoding as PDF readers expect
    of a form font. ``txAP`` is wrapped so a pre-filled comment's appearance is wrapped to
    the box (the field's value itself is left exactly as the member wrote it).
    """
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream
    from reportlab.pdfbase.pdfmetrics import getFont

    acro = canvas.acroForm
    doc = canvas._doc
    face = getFont(SANS).face
    deflated, length = _form_font_file()
    font_file = PDFStream(
        PDFDictionary({"Length1": length, "Filter": PDFName("FlateDecode")}), deflated
    )
    descriptor = PDFDictionary(
        {
            "Type": PDFName("FontDescriptor"),
            "FontName": PDFName(_FORM_FONT),
            "Flags": 32,  # non-symbolic: the WinAnsi encoding applies
            "FontBBox": PDFArray([int(v) for v in face.bbox]),
            "ItalicAngle": face.italicAngle,
            "Ascent": face.ascent,
            "Descent": face.descent,
            "CapHeight": face.capHeight,
            "StemV": face.stemV,
            "FontFile2": doc.Reference(font_file),
        }
    )
    font = PDFDictionary(
        {
            "Type": PDFName("Font"),
            "Subtype": PDFName("TrueType"),
            "BaseFont": PDFName(_FORM_FONT),
            "FirstChar": 32,
            "LastChar": 255,
            "Widths": PDFArray(list(_form_font_widths())),
            "Encoding": PDFName("WinAnsiEncoding"),
            "FontDescriptor": doc.Reference(descriptor),
        }
    )
    reference = doc.Reference(font).format(doc)
    reference = reference.decode("ascii") if isinstance(reference, bytes) else reference
    short = "NoSa"

    def make_font(_font_name: str | None) -> tuple[str, str]:
        acro.fonts[short] = reference
        return reference, short

    original_ap = acro.txAP

    def text_appearance(key: str, value: str, *args: Any, **kwargs: Any) -> Any:
        width = float(kwargs.get("width", 120)) - 8
        if width < 20:  # the hidden identity field: nothing to show
            value = ""
        elif kwargs.get("wkind", "textfield") == "textfield" and value:
            size = float(args[2]) if len(args) > 2 else 10.0
            value = "\n".join(_appearance_lines(value, size, width))
        return original_ap(key, value, *args, **kwargs)

    acro.makeFont = make_font
    acro.txAP = text_appearance
    _reuse_button_appearances(acro)


def _reuse_button_appearances(acro: Any) -> None:
    """Draw each look of a tick box once per PDF.

    ReportLab draws the six appearances of every radio button afresh and only then finds
    it has drawn them before (a pack has hundreds of buttons in a few looks): without this,
    drawing them was two thirds of the time a pack took.
    """
    original = acro.checkboxAP
    drawn: dict[tuple[Any, ...], Any] = {}

    def checkbox_appearance(key: str, value: str, **kwargs: Any) -> Any:
        # Colours by their components: ReportLab makes new ones for each state.
        look = (key, value, *(_look(kwargs[k]) for k in sorted(kwargs)))
        if look not in drawn:
            drawn[look] = original(key, value, **kwargs)
        return drawn[look]

    acro.checkboxAP = checkbox_appearance


def _look(value: Any) -> Any:
    colour = getattr(value, "rgba", None)
    return tuple(colour()) if colour is not None else value


def _appearance_lines(value: str, size: float, width: float) -> list[str]:
    """A pre-filled comment as the lines its box shows (in the form font's characters)."""
    simple = value.translate(_TO_LATIN1)
    simple = "".join(ch if ord(ch) < 256 else "?" for ch in simple)
    lines: list[str] = []
    for paragraph in simple.splitlines() or [""]:
        lines += wrap(paragraph, SANS, size, width) or [""]
    return lines


# Typographic characters ReportLab's appearance streams cannot write in the form font.
_TO_LATIN1 = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})


# ---- the cover --------------------------------------------------------------------------


def _cover(pages: _Pages, content: PackContent, options: PackOptions, made: datetime) -> None:
    member = content.member
    pages.gap(6)
    pages.line("Your judging pack", SANS_BOLD, 26, NAVY, leading=32)
    pages.line(display(content.round_name), SANS, 15, GREY, leading=22)
    pages.gap(18)
    pages.line("For", SANS, 10, GREY)
    pages.paragraph(member.name, SANS_BOLD, 18, NAVY, leading=23)
    pages.line(member.group.label, SANS, 11, GREY, leading=16)
    pages.gap(14)

    facts: list[tuple[str, list[str]]] = []
    category_lines = []
    for pack_category in content.categories:
        count = len(pack_category.entries)
        words = f"{display(pack_category.category.name)}: {_entries_words(count)} to score"
        if pack_category.submitted_at is not None:
            words += " (you have submitted it)"
        elif pack_category.decided:
            words += " (decided: scoring is closed)"
        category_lines.append(words)
    facts.append(("Your categories", category_lines or ["none yet"]))
    facts.append(
        (
            "Please send it back by",
            [_long_date(options.return_by) if options.return_by else "before the judging day"],
        )
    )
    facts.append(("Send it back to", [options.send_to.strip() or DEFAULT_SEND_TO]))
    _facts_box(pages, facts)
    pages.gap(16)

    pages.line("How to score", SANS_BOLD, 13, NAVY, leading=20)
    steps = [
        "Read all the nominations for an entry before you score it. Score only what the "
        "nominations say, not what you may know about the person or team.",
        "Each category has a few things the panel looks for (the criteria). Give each one a "
        f"score {_scale_words(content)}. The words for every score are on the first page of "
        "each category and under each box.",
        "An entry's scores count only when every criterion has a score. The comment is "
        "optional; it helps the chair when judges see an entry differently.",
        "If you know a nominee (a friend, a relative, someone you manage or work closely "
        "with), do not score them: tell the awards administrator, who will record it.",
        "When you have scored every entry in a category, tick “I have finished this "
        "category” at its end.",
    ]
    for number, step in enumerate(steps, start=1):
        _numbered(pages, number, step)
    pages.gap(8)
    pages.line("On a computer", SANS_BOLD, 11, NAVY, leading=17)
    pages.paragraph(
        "Open this file in a PDF reader: Microsoft Edge, Google Chrome, Adobe Acrobat "
        "Reader, or Preview on a Mac. Click a box to choose a score (click another box to "
        "change it), type in the comment boxes, then save the file and send the saved file "
        "back. Please do not use “Print to PDF”: it takes the boxes out, and your scores "
        "could not be read back.",
        SANS,
        10,
        leading=14,
    )
    pages.gap(6)
    pages.line("On paper", SANS_BOLD, 11, NAVY, leading=17)
    pages.paragraph(
        "Print the pack. Put one clear tick in one box for each criterion, write any comment "
        "in its box, and hand or post the pages back. To change a score, cross the wrong "
        "box out completely and write the score you mean beside it.",
        SANS,
        10,
        leading=14,
    )
    if content.has_prefilled:
        pages.gap(6)
        pages.paragraph(
            "The scores you have already given in the CSX Desktop app are filled in. If you "
            "change one here, the administrator will check with you which one you meant.",
            SANS,
            10,
            leading=14,
        )
    pages.gap(10)
    made_words = _long_date(made.astimezone().date())
    pages.paragraph(
        f"Made on {made_words} for {member.name} only. The nominations are confidential to "
        "the judging panel: please keep this pack to yourself, and delete or shred it once "
        "the awards are decided.",
        SANS_ITALIC,
        9,
        GREY,
        leading=12.5,
    )


def _scale_words(content: PackContent) -> str:
    """ "from 0 to 5: 0 means “No evidence”, 5 means “Exceptional”", for the member's
    criteria when they share one scale; else the scale is the boxes' own."""
    criteria = [c for pack_category in content.categories for c in pack_category.category.criteria]
    scales = {(c.max_score, c.descriptor_for(0), c.descriptor_for(c.max_score)) for c in criteria}
    if len(scales) != 1:
        return "from 0 to the highest number beside its boxes"
    top, lowest, highest = scales.pop()
    if not lowest or not highest:
        return f"from 0 to {top}"
    return f"from 0 to {top}: 0 means “{lowest}”, {top} means “{highest}”"


def _facts_box(pages: _Pages, facts: list[tuple[str, list[str]]]) -> None:
    """Label and value pairs on a pale band (the three things a member must know)."""
    label_width = 150.0
    value_width = WIDTH - label_width - 24
    size, leading = 10.5, 15.0
    rows = [
        (
            label,
            [
                line
                for value in values
                for line in wrap(printable(value, SANS), SANS_BOLD, size, value_width)
            ],
        )
        for label, values in facts
    ]
    height = sum(len(lines) * leading + 6 for _, lines in rows) + 14
    pages.need(height)
    canvas = pages.canvas
    canvas.setFillColorRGB(*BAND)
    canvas.rect(LEFT, pages.y - height, WIDTH, height, stroke=0, fill=1)
    pages.gap(7)
    for label, lines in rows:
        top = pages.y
        canvas.setFillColorRGB(*GREY)
        _draw(canvas, LEFT + 12, top - leading + 4, label, SANS, 10)
        canvas.setFillColorRGB(*INK)
        for line in lines:
            pages.y -= leading
            _draw(canvas, LEFT + 12 + label_width, pages.y + 4, line, SANS_BOLD, size)
        pages.gap(6)
    pages.gap(7)


def _numbered(pages: _Pages, number: int, text: str) -> None:
    lines = wrap(printable(text, SANS), SANS, 10, WIDTH - 22)
    pages.need(len(lines) * 14)
    pages.canvas.setFillColorRGB(*NAVY)
    _draw(pages.canvas, LEFT + 2, pages.y - 14 + 4 * 0.35, f"{number}.", SANS_BOLD, 10)
    for line in lines:
        pages.line(line, SANS, 10, x=LEFT + 22, leading=14)
    pages.gap(3)


# ---- a category's first page ------------------------------------------------------------


def _category_page(pages: _Pages, pack_category: PackCategory) -> None:
    category = pack_category.category
    name = display(category.name)
    pages.running = name
    pages.new_page()
    pages.paragraph(name, SANS_BOLD, 22, NAVY, leading=28)
    pages.gap(4)
    pages.paragraph(
        f"What the panel looks for: {category.description}", SANS, 11, INK, leading=15.5
    )
    pages.gap(8)
    if pack_category.submitted_at is not None:
        _notice(
            pages,
            f"You submitted this category in the app on "
            f"{_long_date(pack_category.submitted_at.astimezone().date())}. Your scores are "
            "shown for your reference; they cannot be changed in this pack. If one must "
            "change, ask the chair to reopen the category.",
        )
    elif pack_category.decided:
        _notice(
            pages,
            "The panel's decision for this category is recorded, so scoring is closed. Your "
            "scores are shown for your reference only.",
        )
    pages.line("The criteria and what each score means", SANS_BOLD, 13, NAVY, leading=22)
    for criterion in category.criteria:
        _criterion_words(pages, criterion)
    pages.gap(6)
    count = len(pack_category.entries)
    pages.line(f"Your entries to score ({count})", SANS_BOLD, 13, NAVY, leading=22)
    if not pack_category.entries:
        pages.paragraph("There are no entries for you to score in this category.", SANS, 10.5)
    for number, pack_entry in enumerate(pack_category.entries, start=1):
        entry = pack_entry.entry
        words = f"{number}. {entry.nominee}"
        if entry.service:
            words += f" — {entry.service}"
        pages.paragraph(words, SANS, 10.5, leading=15)
    if pack_category.interests:
        pages.gap(8)
        pages.line("Declared interest: not for you to score", SANS_BOLD, 13, NAVY, leading=22)
        for entry, interest in pack_category.interests:
            pages.paragraph(
                f"{entry.nominee}: you declared {_INTEREST_WORDS[interest.kind]}. Their "
                "nominations are left out of this pack, and there is nothing to fill in for "
                "them.",
                SANS,
                10.5,
                leading=15,
            )


_INTEREST_WORDS = {
    InterestKind.PERSONAL: "a personal interest",
    InterestKind.PREJUDICIAL: "a prejudicial interest",
    InterestKind.PECUNIARY: "a disclosable pecuniary interest",
}


def _criterion_words(pages: _Pages, criterion: Criterion) -> None:
    """A criterion's name, what it means, and the words for every score (a grid)."""
    values = list(range(criterion.max_score + 1))
    columns = 3 if len(values) <= 6 else 4
    column_width = WIDTH / columns
    number_width = 16.0
    cells = [
        wrap(
            printable(criterion.descriptor_for(v) or "—", SANS),
            SANS,
            9.5,
            column_width - number_width - 10,
        )
        for v in values
    ]
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    heading = wrap(printable(criterion.name, SANS_BOLD), SANS_BOLD, 11.5, WIDTH)
    described = wrap(printable(criterion.description, SANS), SANS, 10, WIDTH)
    height = (
        len(heading) * 16
        + len(described) * 14
        + sum(max(len(c) for c in row) * 13 + 3 for row in rows)
    )
    pages.need(height + 10)
    pages.gap(4)
    for line in heading:
        pages.line(line, SANS_BOLD, 11.5, INK, leading=16)
    for line in described:
        pages.line(line, SANS, 10, GREY, leading=14)
    pages.gap(2)
    canvas = pages.canvas
    for start in range(0, len(cells), columns):
        top = pages.y
        for index, lines in enumerate(cells[start : start + columns]):
            x = LEFT + index * column_width
            canvas.setFillColorRGB(*NAVY)
            _draw(canvas, x, top - 10, str(values[start + index]), SANS_BOLD, 9.5)
            canvas.setFillColorRGB(*INK)
            for number, line in enumerate(lines):
                _draw(canvas, x + number_width, top - 10 - number * 13, line, SANS, 9.5)
        pages.y = top - max(len(c) for c in cells[start : start + columns]) * 13 - 3


def _notice(pages: _Pages, text: str) -> None:
    """A paragraph on a pale band: something about the whole category."""
    lines = wrap(printable(text, SANS), SANS, 10.5, WIDTH - 24)
    height = len(lines) * 15 + 14
    pages.need(height)
    pages.canvas.setFillColorRGB(*BAND)
    pages.canvas.rect(LEFT, pages.y - height, WIDTH, height, stroke=0, fill=1)
    pages.gap(7)
    for line in lines:
        pages.line(line, SANS, 10.5, INK, x=LEFT + 12, leading=15)
    pages.gap(15)


# ---- an entry ---------------------------------------------------------------------------


def _entry_pages(
    pages: _Pages,
    form: _Form,
    content: PackContent,
    pack_category: PackCategory,
    pack_entry: PackEntry,
    number: int,
    total: int,
) -> None:
    entry = pack_entry.entry
    category = display(pack_category.category.name)
    nominee = display(entry.nominee)
    pages.running = f"{category} · {nominee}"
    pages.new_page()
    pages.line(f"{category} · entry {number} of {total}", SANS, 9.5, GREY, leading=14)
    pages.paragraph(entry.nominee, SANS_BOLD, 19, NAVY, leading=25)
    count = len(pack_entry.nominations)
    facts = [entry.service] if entry.service else []
    facts.append(f"{count} nomination" + ("" if count == 1 else "s"))
    pages.paragraph(" · ".join(facts), SANS, 10.5, GREY, leading=15)
    if entry.team_members:
        pages.paragraph("Team members: " + ", ".join(entry.team_members), SANS, 10, INK, leading=14)
    pages.running = f"{category} · {nominee} (continued)"
    for index, nomination in enumerate(pack_entry.nominations, start=1):
        pages.need(50)
        pages.gap(8)
        pages.canvas.setStrokeColorRGB(*RULE)
        pages.canvas.setLineWidth(0.5)
        pages.canvas.line(LEFT, pages.y, RIGHT, pages.y)
        pages.gap(2)
        if count > 1:
            pages.line(f"Nomination {index} of {count}", SANS, 8.5, GREY, leading=14)
        paragraphs = [p.strip() for p in nomination.citation.split("\n") if p.strip()]
        for paragraph in paragraphs or ["(no text)"]:
            pages.paragraph(paragraph, SANS, 10.5, INK, leading=15)
            pages.gap(4)
        pages.paragraph(
            "— " + ", ".join(_who(nomination)), SANS_ITALIC, 9.5, GREY, leading=14, right=True
        )
    if not pack_entry.nominations:
        pages.paragraph("(This entry has no eligible nomination text.)", SANS_ITALIC, 10, GREY)
    _scoresheet(pages, form, content, pack_category, pack_entry)


def _who(nomination: Nomination) -> list[str]:
    """The nominator as the scoring workspace names them: name, relationship, date."""
    who = [nomination.nominator_name or "A nominator"]
    if nomination.relationship:
        who.append(nomination.relationship)
    if nomination.received_at:
        who.append(nomination.received_at.strftime("%d %B %Y").lstrip("0"))
    return who


_BOX = 15.0  # the side of a tick box, in points (about 5 mm: room for a pen's tick)
_SCALE_WORDS_ELSEWHERE = "The words for each score are on the first page of this category."
# The descriptor under each box: as large as six fit across the page.
_WORDS_SIZE, _WORDS_LEADING = 8.5, 10.5
_COMMENT_HEIGHT = 62.0


def _scoresheet(
    pages: _Pages,
    form: _Form,
    content: PackContent,
    pack_category: PackCategory,
    pack_entry: PackEntry,
) -> None:
    """The criteria as rows of boxes, then the comment box; kept on one page when it fits."""
    criteria = pack_category.category.criteria
    layouts = [_criterion_layout(c) for c in criteria]
    heading_height = 40.0
    comment_height = 20 + _COMMENT_HEIGHT + 6
    whole = heading_height + sum(h for h, _ in layouts) + comment_height
    pages.need(min(whole, TOP - BOTTOM))
    pages.gap(14)
    nominee = pack_entry.entry.nominee
    pages.line(f"Your scores for {nominee}", SANS_BOLD, 13, NAVY, leading=20)
    pages.gap(6)
    sheet = pack_entry.sheet
    entry_id = pack_entry.entry.id or 0
    member_id = content.member_id
    read_only = pack_category.closed
    for criterion, (height, cells) in zip(criteria, layouts, strict=True):
        pages.need(height)
        _criterion_row(
            pages,
            form,
            criterion,
            cells,
            name=score_field(member_id, entry_id, criterion.id or 0).name,
            chosen=sheet.scores.get(criterion.id or 0) if sheet else None,
            tooltip=f"{nominee}: {criterion.name}, a score from 0 to {criterion.max_score}",
            read_only=read_only,
        )
    pages.need(comment_height)
    pages.line("Comment (optional)", SANS_BOLD, 10, INK, leading=16)
    pages.gap(2)
    form.text_box(
        comment_field(member_id, entry_id).name,
        sheet.comment if sheet else "",
        x=LEFT,
        y=pages.y - _COMMENT_HEIGHT,
        width=WIDTH,
        height=_COMMENT_HEIGHT,
        tooltip=f"Comment on {nominee} (optional)",
        read_only=read_only,
    )
    pages.gap(_COMMENT_HEIGHT + 6)


def _criterion_layout(criterion: Criterion) -> tuple[float, list[tuple[int, list[str]]]]:
    """The height of a criterion's row, and each box's score with the words under it.

    Up to six scores sit in one row with their descriptors under the boxes; a longer scale
    goes in rows of eleven with the numbers alone (the category's first page has the words).
    """
    values = list(range(criterion.max_score + 1))
    per_row = len(values) if len(values) <= 6 else 11
    cell = WIDTH / per_row
    with_words = len(values) <= 6
    cells = [
        (
            v,
            _at_most(
                wrap(printable(criterion.descriptor_for(v), SANS), SANS, _WORDS_SIZE, cell - 8),
                4,
                cell - 8,
            )
            if with_words
            else [],
        )
        for v in values
    ]
    rows = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
    heading = len(wrap(printable(criterion.name, SANS_BOLD), SANS_BOLD, 11, WIDTH))
    height: float = heading * 15 + 6 + (12 if len(values) > 6 else 0)
    for row in rows:
        height += _BOX + 6 + _row_words(row) * _WORDS_LEADING + 6
    return height + 4, cells


def _at_most(lines: list[str], count: int, width: float) -> list[str]:
    """The first ``count`` lines, the last ending in an ellipsis when words were cut (the
    category's first page has them all)."""
    if len(lines) <= count:
        return lines
    return [*lines[: count - 1], shorten(lines[count - 1] + " …", SANS, _WORDS_SIZE, width)]


def _criterion_row(
    pages: _Pages,
    form: _Form,
    criterion: Criterion,
    cells: list[tuple[int, list[str]]],
    *,
    name: str,
    chosen: int | None,
    tooltip: str,
    read_only: bool,
) -> None:
    pages.paragraph(criterion.name, SANS_BOLD, 11, INK, leading=15)
    if len(cells) > 6:
        pages.line(_SCALE_WORDS_ELSEWHERE, SANS, 8.5, GREY, leading=12)
    pages.gap(6)
    per_row = len(cells) if len(cells) <= 6 else 11
    cell = WIDTH / per_row
    canvas = pages.canvas
    canvas.saveState()
    canvas.translate(LEFT, pages.y)
    canvas.doForm(_scale_form(criterion))  # the numbers and words, drawn once per PDF
    canvas.restoreState()
    for start in range(0, len(cells), per_row):
        row = cells[start : start + per_row]
        box_y = pages.y - _BOX
        for index, (value, _lines) in enumerate(row):
            form.radio(
                name,
                str(value),
                selected=chosen == value,
                x=LEFT + index * cell,
                y=box_y,
                size=_BOX,
                tooltip=tooltip,
                read_only=read_only,
            )
        pages.y = box_y - 6 - _row_words(row) * _WORDS_LEADING - 6
    pages.gap(4)


def _finished_box(
    pages: _Pages, form: _Form, content: PackContent, pack_category: PackCategory
) -> None:
    """The box that says the member has finished a category (read back as "submit")."""
    category = display(pack_category.category.name)
    pages.running = category
    text = (
        f"I have finished this category: I have scored every entry in {category} "
        "that I am going to score."
    )
    note = (
        "Tick this only when you are done. Your scores for this category are then final: "
        "to change one afterwards, ask the chair."
    )
    lines = wrap(printable(text, SANS_BOLD), SANS_BOLD, 11, WIDTH - 40)
    notes = wrap(printable(note, SANS), SANS, 9.5, WIDTH - 40)
    height = 30 + 20 + len(lines) * 15 + len(notes) * 13 + 16
    pages.need(height)
    pages.gap(16)
    pages.canvas.setStrokeColorRGB(*NAVY)
    pages.canvas.setLineWidth(1)
    pages.canvas.line(LEFT, pages.y, RIGHT, pages.y)
    pages.gap(6)
    pages.line(f"When you have finished {category}", SANS_BOLD, 13, NAVY, leading=20)
    pages.gap(4)
    top = pages.y
    form.checkbox(
        finished_field(content.member_id, pack_category.category.id or 0).name,
        checked=pack_category.submitted_at is not None,
        x=LEFT,
        y=top - 17,
        tooltip=f"I have finished {category}",
        read_only=pack_category.closed,
    )
    for line in lines:
        pages.line(line, SANS_BOLD, 11, INK, x=LEFT + 28, leading=15)
    for line in notes:
        pages.line(line, SANS, 9.5, GREY, x=LEFT + 28, leading=13)


# ---- text -------------------------------------------------------------------------------


def printable(text: str, font: str) -> str:
    """``text`` as drawn: tidied (``certificate.display``); a letter no bundled font has is
    shown as its code point, and a symbol none has (an emoji) is left out."""
    text = display(text)
    absent = scripts.missing(text, font)
    if not absent:
        return text
    out: list[str] = []
    codes: list[str] = []  # a run of letters no font has, shown as one "[U+738B U+79C0]"
    for char in text + "\n":
        if char in absent and not unicodedata.category(char).startswith("S"):
            codes.append(f"U+{ord(char):04X}")
            continue
        if codes:
            out.append(f"[{' '.join(codes)}]")
            codes = []
        if char not in absent and char != "\n":
            out.append(char)
    return " ".join("".join(out).split())


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` in lines no wider than ``width``, filled word by word; a word longer than a
    line (a web address) is broken where it must be."""
    space = _word_width(" ", font) * size
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for word in text.split():
        word_width = _word_width(word, font) * size
        if word_width > width:
            pieces = _break_word(word, font, size, width)
            if current:
                lines.append(" ".join(current))
            lines += pieces[:-1]
            current, used = [pieces[-1]], text_width(pieces[-1], font, size)
            continue
        if current and used + space + word_width > width:
            lines.append(" ".join(current))
            current, used = [word], word_width
        else:
            used += (space if current else 0.0) + word_width
            current.append(word)
    if current:
        lines.append(" ".join(current))
    return lines


@lru_cache(maxsize=65536)
def _word_width(word: str, font: str) -> float:
    """A word's width at a size of 1 point (widths scale with the size; words repeat)."""
    return text_width(word, font, 1.0)


def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    """A word too long for a line, broken after a hyphen or slash where it can be, else
    between letters."""
    pieces, piece = [], ""
    for part in re.split(r"(?<=[-/])", word):
        if piece and text_width(piece + part, font, size) <= width:
            piece += part
            continue
        if piece:
            pieces.append(piece)
        piece = part
        while text_width(piece, font, size) > width and len(piece) > 1:
            cut = len(piece) - 1
            while cut > 1 and text_width(piece[:cut], font, size) > width:
                cut -= 1
            pieces.append(piece[:cut])
            piece = piece[cut:]
    return [*pieces, piece] if piece else pieces


def shorten(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut to ``width`` with an ellipsis (a running header beside another)."""
    if text_width(text, font, size) <= width:
        return text
    while text and text_width(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _draw(canvas: Canvas, x: float, y: float, text: str, font: str, size: float) -> None:
    """Draw a line (already ``printable``); a line mixing scripts reads left to right, as
    the pack's sentences are English."""
    if text.isascii():  # every bundled font draws ASCII: no need to look for fallbacks
        canvas.setFont(font, size)
        canvas.drawString(x, y, text)
    else:
        draw_text(canvas, x, y, text, font, size, base="L")


def _entries_words(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"


def _long_date(day: date) -> str:
    """'Thursday 3 December 2026': the weekday helps a member put it in their diary."""
    return f"{day:%A} {format_date(day)}"
