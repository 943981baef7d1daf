"""Which certificates a round needs, and writing them all into one multi-page PDF.

The list comes from the panel's standing decisions (``store.decisions.all_current()``):
winners and highly commended, and optionally a certificate of nomination for every other
active entry, one for each member of a team, or only the certificates of one nominee (for a
reprint). Every certificate goes into ONE PDF: fonts, the emblem and the border are stored
once however many pages there are (and one file is far faster to write than many).

A certificate whose names hold characters no bundled font can draw (Chinese, emoji…) is
found by ``cannot_draw`` and listed before printing; ``write_pdf`` refuses it rather than
print a name blank or as boxes.

Writing is two steps, so the window can draw a large batch on a worker thread: ``plan_pdf``
checks the batch and reads everything it prints (the settings, the logo, the signature
images as bytes), and ``render_pdf`` draws it with no round file and no other file, telling
a ``progress(done, total, words)`` callback how far it is (which may raise to stop it).
``write_pdf`` is the two in turn.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from csx_desktop.certificates.certificate import (
    Certificate,
    PageDetails,
    define_frame,
    draw_certificate,
    new_canvas,
    undrawable,
)
from csx_desktop.certificates.fonts import SANS, SANS_BOLD, register_fonts
from csx_desktop.certificates.scripts import missing
from csx_desktop.domain.model import (
    AwardLevel,
    Entry,
    Method,
    NomineeKind,
    RoundSettings,
    Signatory,
)
from csx_desktop.domain.names import name_key
from csx_desktop.store.errors import InputRefused, NotFound

if TYPE_CHECKING:
    from csx_desktop.store import Store

DECIDED_LEVELS = frozenset({AwardLevel.WINNER, AwardLevel.HIGHLY_COMMENDED})
ALL_LEVELS = frozenset(AwardLevel)

# How levels are named on the command line and in the window.
LEVEL_WORDS: dict[str, AwardLevel] = {
    "winners": AwardLevel.WINNER,
    "highly-commended": AwardLevel.HIGHLY_COMMENDED,
    "nominees": AwardLevel.NOMINATED,
}
_LEVEL_ORDER = {AwardLevel.WINNER: 0, AwardLevel.HIGHLY_COMMENDED: 1, AwardLevel.NOMINATED: 2}


@dataclass(frozen=True, slots=True)
class Choice:
    """Which certificates to produce (the filters of the window and the command line)."""

    levels: frozenset[AwardLevel] = DECIDED_LEVELS
    per_member: bool = False
    nominee: str = ""  # only this nominee's certificates (matched like import matches names)


def certificates_for(store: Store, choice: Choice = Choice()) -> list[Certificate]:
    """The certificates the round needs, by category, then level, then name.

    A team's own certificate comes first, followed (with ``per_member``) by one for each
    member. Raises ``NotFound`` when ``choice.nominee`` matches no certificate.
    """
    entries = {e.id: e for e in store.nominations.entries()}
    levels: dict[int, AwardLevel] = {}
    for decision in store.decisions.all_current():
        for entry_id in decision.winners:
            levels[entry_id] = AwardLevel.WINNER
        for entry_id in decision.highly_commended:
            levels[entry_id] = AwardLevel.HIGHLY_COMMENDED
    chosen: list[tuple[Entry, AwardLevel]] = []
    for entry_id, level in levels.items():
        entry = entries.get(entry_id) or store.nominations.entry(entry_id)
        chosen.append((entry, level))
    if AwardLevel.NOMINATED in choice.levels:
        chosen += [(e, AwardLevel.NOMINATED) for e in entries.values() if e.id not in levels]
    positions = {c.id: c.position for c in store.round.categories()}
    chosen.sort(
        key=lambda pair: (
            positions.get(pair[0].category_id, 0),
            _LEVEL_ORDER[pair[1]],
            name_key(pair[0].nominee),
        )
    )
    certificates: list[Certificate] = []
    for entry, level in chosen:
        if level not in choice.levels:
            continue
        certificates += _certificates_for_entry(store, entry, level, per_member=choice.per_member)
    if choice.nominee:
        certificates = _only_nominee(certificates, choice.nominee)
    return certificates


def _certificates_for_entry(
    store: Store, entry: Entry, level: AwardLevel, *, per_member: bool
) -> list[Certificate]:
    category = store.round.category(entry.category_id)
    team = entry.kind is NomineeKind.TEAM
    staff_vote = category.method is Method.STAFF_VOTE
    main = Certificate(
        award=category.name,
        level=level,
        recipient=entry.nominee,
        recognition=category.recognition,
        team_members=entry.team_members if team else (),
        service=entry.service,
        category_id=entry.category_id,
        entry_id=entry.id,
        staff_vote=staff_vote,
    )
    result = [main]
    if team and per_member:
        result += [
            Certificate(
                award=category.name,
                level=level,
                recipient=member,
                recognition=category.recognition,
                team=entry.nominee,
                category_id=entry.category_id,
                entry_id=entry.id,
                staff_vote=staff_vote,
            )
            for member in entry.team_members
        ]
    return result


def _only_nominee(certificates: list[Certificate], nominee: str) -> list[Certificate]:
    key = name_key(nominee)
    found = [c for c in certificates if key in (name_key(c.recipient), name_key(c.team))]
    if not found:
        raise NotFound(
            f"There is no certificate for {nominee!r} among those chosen. Check the spelling "
            "as it appears in the round, or include nominees for a certificate of nomination."
        )
    # A team named for a reprint gets its own certificate, not all its members' too.
    exact = [c for c in found if name_key(c.recipient) == key]
    return exact or found


def page_details(settings: RoundSettings) -> PageDetails:
    """What every page of a batch shares, read now: the signature images as their bytes, so
    drawing reads no file (and an image changed half way cannot change half the batch)."""
    return PageDetails(
        year=settings.year,
        ceremony_date=settings.ceremony_date,
        signatories=settings.signatories,
        logo=settings.council_logo,
        signature_images=tuple(_signature_image(s) for s in settings.signatories),
    )


def _signature_image(signatory: Signatory) -> bytes:
    """The bytes of a signatory's signature image (b"" for none), checked to be an image
    ReportLab can draw; a refusal in one line otherwise."""
    image = signatory.signature_image.strip()
    if not image:
        return b""
    who = signatory.name or "a signatory"
    try:
        data = Path(image).expanduser().read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        raise InputRefused(
            f"The signature image for {who} ({image}) cannot be found. Choose the image "
            "again in the round settings, or remove it."
        ) from None
    except OSError as error:
        raise InputRefused(
            f"The signature image for {who} ({image}) cannot be read: {error.strerror}."
        ) from None
    from reportlab.lib.utils import ImageReader

    try:
        ImageReader(io.BytesIO(data)).getSize()
    except Exception:  # ReportLab (through Pillow) raises many kinds for a bad image
        raise InputRefused(
            f"The signature image for {who} ({Path(image).name}) is not a picture CSX Desktop "
            "can print: choose a PNG or JPEG file in the round settings."
        ) from None
    return data


def missing_details(settings: RoundSettings) -> list[str]:
    """What the certificates would lack, said so the administrator can put it right."""
    notes = []
    if settings.ceremony_date is None:
        notes.append("No ceremony date is set, so the certificates show no date.")
    for number, signatory in enumerate(settings.signatories, start=1):
        if not signatory.name.strip():
            notes.append(f"Signatory {number} has no name, so their signature line is blank.")
    return notes


@dataclass(frozen=True, slots=True)
class Undrawable:
    """A certificate that cannot be printed: ``characters`` are those no font can draw."""

    certificate: Certificate
    characters: str

    def describe(self) -> str:
        """One line for a list: "王秀英 (Extra Mile Award, Winner): 王 U+738B, …"."""
        cert = self.certificate
        chars = ", ".join(f"{char} U+{ord(char):04X}" for char in self.characters)
        return f"{cert.recipient} ({cert.title}, {cert.level.label}): {chars}"


def cannot_draw(certificates: Iterable[Certificate]) -> list[Undrawable]:
    """The certificates whose text holds characters no bundled font can draw.

    CSX Desktop draws Latin (with every accent), Greek, Cyrillic, Arabic and Hebrew. Chinese,
    Japanese and Korean are not bundled (their fonts are 16 MB and more, and ReportLab cannot
    embed the OpenType outlines they ship in), nor are emoji.
    """
    found = []
    for certificate in certificates:
        characters = undrawable(certificate)
        if characters:
            found.append(Undrawable(certificate, characters))
    return found


def undrawable_message(found: Sequence[Undrawable], *, limit: int = 10) -> str:
    """What to tell the administrator about certificates that cannot be printed."""
    count = len(found)
    lines = [
        f"{count} certificate{'s' if count != 1 else ''} cannot be printed: no font CSX Desktop "
        "has can draw some of the characters in "
        f"{'these names' if count != 1 else 'this name'} (they would print blank).",
        *(f"  {item.describe()}" for item in found[:limit]),
    ]
    if count > limit:
        lines.append(f"  … and {count - limit} more.")
    lines.append(
        "Check the spelling in Nominations (a name pasted with an emoji, say), or write "
        f"{'these certificates' if count != 1 else 'this certificate'} by hand."
    )
    return "\n".join(lines)


def check_signatories_drawable(settings: RoundSettings) -> None:
    """Refuse before drawing anything when a signatory's name or title cannot be drawn."""
    for number, signatory in enumerate(settings.signatories, start=1):
        absent = missing(signatory.name, SANS_BOLD) + missing(signatory.title, SANS)
        if absent:
            chars = ", ".join(f"{char} U+{ord(char):04X}" for char in dict.fromkeys(absent))
            raise InputRefused(
                f"Signatory {number} ({signatory.name}) cannot be printed: no font CSX Desktop "
                f"has can draw {chars}. Correct the name or title in the round settings."
            )


ProgressCallback = Callable[[int, int, str], None]

# How many times at most a batch says how far it is: often enough for a smooth bar and a
# quick Cancel, not so often that saying it costs more than drawing.
PROGRESS_STEPS = 200


@dataclass(frozen=True, slots=True)
class CertificateJob:
    """A batch checked and read from the round, ready to draw: needs no round file."""

    certificates: tuple[Certificate, ...]
    details: PageDetails
    title: str  # the PDF's title

    @property
    def count(self) -> int:
        return len(self.certificates)


def plan_pdf(certificates: Sequence[Certificate], settings: RoundSettings) -> CertificateJob:
    """Check a batch and read all it prints; refuse in one line (``InputRefused``) what
    cannot be printed. Nothing is drawn."""
    if not certificates:
        raise InputRefused("There are no certificates to print.")
    check_signatories_drawable(settings)
    found = cannot_draw(certificates)
    if found:
        raise InputRefused(undrawable_message(found))
    details = page_details(settings)
    # The fonts are registered here, once, not by a worker while the window draws a preview.
    register_fonts()
    return CertificateJob(tuple(certificates), details, f"Certificates — {settings.name}")


def render_pdf(
    job: CertificateJob,
    stream: IO[bytes],
    *,
    progress: ProgressCallback | None = None,
    invariant: bool = False,
) -> int:
    """Draw every certificate of ``job``, one a page, into one PDF on ``stream``; return the
    pages. ``progress(done, total, words)`` is called as it goes (it may raise to stop)."""
    total = job.count
    every = max(1, total // PROGRESS_STEPS)
    canvas = new_canvas(stream, title=job.title, invariant=invariant)
    define_frame(canvas, job.details, (c.award for c in job.certificates))
    for done, certificate in enumerate(job.certificates):
        if progress is not None and done % every == 0:
            progress(done, total, f"Drawing certificate {done + 1:,} of {total:,}")
        draw_certificate(canvas, certificate)
        canvas.showPage()
    if progress is not None:
        progress(total, total, "Putting the PDF together")
    canvas.save()
    return total


def write_pdf(
    certificates: Sequence[Certificate],
    settings: RoundSettings,
    stream: IO[bytes],
    *,
    invariant: bool = False,
) -> int:
    """Write every certificate, one a page, into one PDF on ``stream``; return the pages."""
    return render_pdf(plan_pdf(certificates, settings), stream, invariant=invariant)


def levels_from_words(words: Iterable[str]) -> frozenset[AwardLevel]:
    """Parse "winners,highly-commended,nominees" as typed on the command line."""
    levels = set()
    for word in words:
        word = word.strip().lower()
        if not word:
            continue
        if word not in LEVEL_WORDS:
            known = ", ".join(LEVEL_WORDS)
            raise InputRefused(f"{word!r} is not a kind of certificate; use {known}.")
        levels.add(LEVEL_WORDS[word])
    if not levels:
        raise InputRefused(
            "Say which certificates to include: winners, highly-commended, nominees."
        )
    return frozenset(levels)
