"""Which certificates a round needs, and writing them all into one multi-page PDF.

The list comes from the panel's standing decisions (``store.decisions.all_current()``):
winners and highly commended, and optionally a certificate of nomination for every other
active entry, one for each member of a team, or only the certificates of one nominee (for a
reprint). Every certificate goes into ONE PDF: fonts, the emblem and the border are stored
once however many pages there are (and one file is far faster to write than many).

A certificate whose names hold characters no bundled font can draw (Chinese, emoji…) is
found by ``cannot_draw`` and listed before printing; ``write_pdf`` refuses it rather than
print a name blank or as boxes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
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
from csx_desktop.certificates.fonts import SANS, SANS_BOLD
from csx_desktop.certificates.scripts import missing
from csx_desktop.domain.model import AwardLevel, Entry, Method, NomineeKind, RoundSettings
from csx_desktop.domain.names import name_key
from csx_desktop.store.errors import InputRefused, NotFound
from csx_desktop.store.files import check_destination, write_file

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
    return PageDetails(
        year=settings.year,
        ceremony_date=settings.ceremony_date,
        signatories=settings.signatories,
        logo=settings.council_logo,
    )


def missing_details(settings: RoundSettings) -> list[str]:
    """What the certificates would lack, said so the administrator can put it right."""
    notes = []
    if settings.ceremony_date is None:
        notes.append("No ceremony date is set, so the certificates show no date.")
    for number, signatory in enumerate(settings.signatories, start=1):
        if not signatory.name.strip():
            notes.append(f"Signatory {number} has no name, so their signature line is blank.")
    return notes


def check_signature_images(settings: RoundSettings) -> None:
    """Refuse before drawing anything when a signature image cannot be read."""
    for signatory in settings.signatories:
        image = signatory.signature_image.strip()
        if image and not Path(image).is_file():
            raise InputRefused(
                f"The signature image for {signatory.name or 'a signatory'} ({image}) cannot "
                "be found. Choose the image again in the round settings, or remove it."
            )


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


def write_pdf(
    certificates: Sequence[Certificate],
    settings: RoundSettings,
    stream: IO[bytes],
    *,
    invariant: bool = False,
) -> int:
    """Write every certificate, one a page, into one PDF on ``stream``; return the pages."""
    if not certificates:
        raise InputRefused("There are no certificates to print.")
    check_signature_images(settings)
    check_signatories_drawable(settings)
    found = cannot_draw(certificates)
    if found:
        raise InputRefused(undrawable_message(found))
    details = page_details(settings)
    canvas = new_canvas(stream, title=f"Certificates — {settings.name}", invariant=invariant)
    define_frame(canvas, details, (c.award for c in certificates))
    for certificate in certificates:
        draw_certificate(canvas, certificate)
        canvas.showPage()
    canvas.save()
    return len(certificates)


def write_pdf_file(
    certificates: Sequence[Certificate],
    settings: RoundSettings,
    path: Path,
    *,
    overwrite: bool = True,
) -> int:
    """Write the PDF to ``path`` whole or not at all (made in memory, written beside
    ``path`` and renamed into place): a failure leaves the previous file as it was and says
    why in one line. ``overwrite=False`` refuses an existing file."""
    check_destination(Path(path), overwrite=overwrite)  # before any drawing
    buffer = io.BytesIO()
    pages = write_pdf(certificates, settings, buffer)
    write_file(path, buffer.getvalue(), overwrite=overwrite)
    return pages


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
