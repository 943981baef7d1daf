"""The certificate itself: one A4 landscape page drawn on a ReportLab canvas.

The page is in two parts. What every certificate in a batch shares — the border, the emblem,
the council's logo and "Customer Service Awards YEAR" — is drawn once per PDF as a Form
XObject (``beginForm``) and placed on each page with ``doForm``, so a thousand pages store it
once. What differs — the award, the level, the recipient, team members, the line of
recognition, the date and the signatories — is laid out per page, and every line of text is
shrunk (and, for long names, wrapped onto two lines) until it fits inside the border.
Nothing ever overflows: a font size is always derived from the measured width of the text,
never assumed.

Names are drawn with their own glyphs: a Latin name in the certificate's fonts as it always
was, a name in Arabic or Hebrew (or mixing them with Latin) through ``scripts`` — fallback
fonts, right-to-left order and shaping. A name with characters no bundled font has is
reported by ``undrawable`` so it is listed before printing, never printed blank.

ReportLab is imported inside functions (printing is rare; start-up is not), and the canvas is
created with ``initialFontName`` set to an embedded font so no unembedded Helvetica appears.
"""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from typing import IO, TYPE_CHECKING, Any

from csx_desktop.certificates import scripts
from csx_desktop.certificates.fonts import (
    SANS,
    SANS_BOLD,
    SERIF,
    SERIF_BOLD,
    SERIF_ITALIC,
    register_fonts,
)
from csx_desktop.domain.model import AwardLevel, Logo, Signatory
from csx_desktop.domain.names import name_key

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

# A4 landscape in points (1/72 inch): ReportLab's landscape(A4), written out so that laying
# out a page does not need ReportLab imported.
PAGE_WIDTH = 841.8897637795275
PAGE_HEIGHT = 595.2755905511812

# Colours as RGB fractions: a deep navy for words, a muted gold that prints well on office
# laser printers (a metallic gold would print as brown), a warm grey for secondary text.
NAVY = (0.106, 0.165, 0.290)
GOLD = (0.690, 0.553, 0.235)
GOLD_LIGHT = (0.878, 0.800, 0.600)
GREY = (0.290, 0.333, 0.408)

# The border sits 10 mm in from the paper's edge, outside what most printers cannot reach.
OUTER_INSET = 28.0
INNER_INSET = 37.0
# Text is kept this far inside the inner border.
TEXT_LEFT = 90.0
TEXT_WIDTH = PAGE_WIDTH - 2 * TEXT_LEFT

FRAME_FORM = "csxCertificateFrame"


# Recognition lines that earlier rounds stored as their defaults, and the wording printed for
# them now (a round keeps the text it was created with; the panel's words are unchanged).
RETIRED_RECOGNITION = {
    "for making the most effective use of the individuals within the team": (
        "for bringing out the best in every member of the team"
    ),
}

# A highly commended staff-vote nominee did not win the vote: the line under their name says
# what is true of them, never "chosen by the votes of their colleagues".
VOTE_COMMENDED_LINE = "for the support of their colleagues across the council in the staff vote"


def award_title(award: str) -> str:
    """The award as a council prints it: "Team" becomes "Team Award", as the cabinet papers
    name every award ("Pride of Stockton Award", "Shining Star Award"); a name that already
    ends in "Award" is left as it is."""
    award = " ".join(award.split())
    if award.lower().endswith(("award", "awards")):
        return award
    return f"{award} Award"


@dataclass(frozen=True, slots=True)
class Certificate:
    """One certificate to print: who receives what.

    ``team`` is set on a team member's own certificate (the recipient is then the member);
    ``team_members`` is set on the team's certificate. ``staff_vote`` marks a category decided
    by the staff vote (Shining Star), whose wording differs.
    """

    award: str  # the category's name, e.g. "Extra Mile"
    level: AwardLevel
    recipient: str
    recognition: str  # the category's line of recognition ("for helping others …")
    team_members: tuple[str, ...] = ()
    team: str = ""
    service: str = ""
    category_id: int | None = None
    entry_id: int | None = None
    staff_vote: bool = False

    @property
    def title(self) -> str:
        """The award's name as printed ("Team Award")."""
        return award_title(self.award)

    @property
    def recognition_line(self) -> str:
        """The recognition as printed: a nominee is recognised for being nominated, and a
        highly commended staff-vote nominee for what they did get, not for winning."""
        recognition = " ".join(self.recognition.split())
        recognition = RETIRED_RECOGNITION.get(recognition, recognition)
        if self.level is AwardLevel.HIGHLY_COMMENDED and self.staff_vote:
            return VOTE_COMMENDED_LINE
        if self.level is not AwardLevel.NOMINATED:
            return recognition
        if recognition.startswith("for ") and not self.staff_vote:
            return f"nominated {recognition}"
        return f"nominated for the {self.title}"


@dataclass(frozen=True, slots=True)
class PageDetails:
    """What every certificate in one batch shares, from the round settings."""

    year: int
    ceremony_date: date | None = None
    signatories: tuple[Signatory, ...] = ()
    logo: Logo | None = None  # the council's, at the top left of every page
    # Each signatory's signature image as bytes (b"" for none), read with the settings:
    # drawing reads no file.
    signature_images: tuple[bytes, ...] = field(default=(), repr=False)


# ---- measuring and fitting text ---------------------------------------------------------


_NAN = float("nan")


def text_width(text: str, font: str, size: float) -> float:
    """The width of ``text`` in points, exactly as ReportLab measures a TrueType font.

    Done here from the font's width table because fitting measures thousands of strings
    per batch and ReportLab's own route (without its C accelerator) is several times slower.
    """
    return _measure(text, font, size)[0]


def _measure(text: str, font: str, size: float) -> tuple[float, bool]:
    """The width of ``text``, and whether ``font`` alone has every character of it.

    A character the font lacks makes the sum NaN (no extra test per character): the text is
    then laid out with its fallback fonts and shaped, and measured as it will be drawn.
    """
    get = scripts.advance_widths(font).get
    total = sum([get(ord(ch), _NAN) for ch in text])
    if total != total:  # NaN: not every character is in this font
        return scripts.layout(text, font).width * size, False
    return total * size * 0.001, True


def draw_text(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    font: str,
    size: float,
    base: str | None = None,
) -> None:
    """Draw ``text`` with its left end at ``x``: in ``font`` alone when it has every
    character (nearly always), else run by run in the fonts that have them. ``base`` is the
    line's direction when it mixes scripts: None for a name standing alone (an Arabic name
    reads from the right), "L" for a list of names or a phrase in English."""
    _draw(canvas, x, y, text, font, size, base, simple=_measure(text, font, size)[1])


def draw_centred(
    canvas: Canvas,
    centre: float,
    y: float,
    text: str,
    font: str,
    size: float,
    base: str | None = None,
) -> None:
    """Draw ``text`` centred on ``centre`` (``base`` as for ``draw_text``)."""
    width, simple = _measure(text, font, size)
    _draw(canvas, centre - width / 2, y, text, font, size, base, simple=simple)


def _draw(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    font: str,
    size: float,
    base: str | None,
    *,
    simple: bool,
) -> None:
    if simple:
        canvas.setFont(font, size)
        canvas.drawString(x, y, text)
    else:
        scripts.draw(canvas, x, y, scripts.layout(text, font, base), size)


def fit_size(text: str, font: str, max_size: float, width: float) -> float:
    """The largest size up to ``max_size`` at which ``text`` fits in ``width``."""
    natural = text_width(text, font, 1.0)
    if natural <= 0:
        return max_size
    # A hair under the exact fit, so rounding in a PDF viewer never pushes a glyph over.
    return min(max_size, width / natural * 0.999)


def fit_name(
    text: str,
    font: str,
    *,
    max_size: float,
    min_size: float,
    width: float,
) -> tuple[list[str], float]:
    """A name on one line, or two balanced lines when one line would be smaller than
    ``min_size``. A single word longer than the line is shrunk further rather than cut."""
    size = fit_size(text, font, max_size, width)
    words = text.split()
    if size >= min_size or len(words) < 2:
        return [text], size
    widths = [text_width(word, font, 1.0) for word in words]
    space = text_width(" ", font, 1.0)
    best: tuple[float, list[str]] | None = None
    for split in range(1, len(words)):
        first = sum(widths[:split]) + space * (split - 1)
        second = sum(widths[split:]) + space * (len(words) - split - 1)
        widest = max(first, second)
        if best is None or widest < best[0]:
            best = (widest, [" ".join(words[:split]), " ".join(words[split:])])
    assert best is not None
    widest, lines = best
    # Two lines of the same size; never larger than a single line could have been.
    return lines, min(max_size * 0.8, width / widest * 0.999)


def wrap_items(
    items: Sequence[str], font: str, size: float, width: float, separator: str = "  ·  "
) -> list[str]:
    """Join items onto as few lines no wider than ``width`` as they need, never breaking an
    item, and balanced: the lines are as even as they can be, so the last one is never a
    single word left on its own under a full line.

    Widths add up (ReportLab does not kern), so each item is measured once.
    """
    gap = text_width(separator, font, size)
    widths = [text_width(item, font, size) for item in items]
    lines = _greedy(widths, gap, width)
    if len(lines) > 1:
        # The narrowest measure that still needs no more lines: found by halving the range
        # between the widest item and the full width (a few dozen sums of short lists).
        low, high = min(max(widths), width), width
        for _ in range(20):
            middle = (low + high) / 2
            if len(_greedy(widths, gap, middle)) > len(lines):
                low = middle
            else:
                high = middle
        lines = _greedy(widths, gap, high)
    return [separator.join(items[start:end]) for start, end in lines]


def _greedy(widths: Sequence[float], gap: float, width: float) -> list[tuple[int, int]]:
    """Fill each line as full as it goes; the lines as (first, past-last) item indices."""
    lines: list[tuple[int, int]] = []
    start, used = 0, 0.0
    for index, item_width in enumerate(widths):
        if index > start and used + gap + item_width > width:
            lines.append((start, index))
            start, used = index, 0.0
        used += (gap if index > start else 0.0) + item_width
    if widths:
        lines.append((start, len(widths)))
    return lines


def wrap_words(text: str, font: str, size: float, width: float) -> list[str]:
    """Wrap running text at spaces onto balanced lines no wider than ``width``."""
    return wrap_items(text.split(), font, size, width, separator=" ")


def fit_members(
    members: Sequence[str],
    font: str,
    *,
    max_size: float,
    min_size: float,
    width: float,
    max_lines: int,
) -> tuple[list[str], float]:
    """Team members wrapped onto at most ``max_lines`` lines, shrinking the size if needed."""
    size = max_size
    while True:
        widest_item = max(text_width(m, font, size) for m in members)
        if widest_item > width:  # one enormous name: shrink until it fits on its own
            size = fit_size(max(members, key=len), font, size, width)
        lines = wrap_items(members, font, size, width)
        if len(lines) <= max_lines or size <= min_size:
            return lines, size
        size = max(min_size, size - 0.5)


# ---- the page ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Line:
    """One centred line of the page's middle: text, font, size, colour, space above, and
    the line's direction when it mixes scripts (see ``draw_text``)."""

    text: str
    font: str
    size: float
    colour: tuple[float, float, float]
    space_before: float = 0.0
    base: str | None = None

    @property
    def height(self) -> float:
        return self.space_before + self.size * 1.22


# The middle block (presented to … recognition) is centred between these heights.
MIDDLE_TOP = 356.0
MIDDLE_BOTTOM = 158.0


def display(text: str) -> str:
    """Text as printed: no control or invisible formatting characters (they would print as
    boxes, or reorder the name), composed accents (so each is one glyph), single spaces and
    curly apostrophes."""
    cleaned = scripts.clean(text)
    return unicodedata.normalize("NFC", " ".join(cleaned.split())).replace("'", "\u2019")


def middle_lines(cert: Certificate) -> list[_Line]:
    """The centred lines between the level and the signatures, already fitted."""
    lines = [_Line("This certificate is presented to", SERIF_ITALIC, 13.5, GREY)]
    names, name_size = fit_name(
        display(cert.recipient), SERIF_BOLD, max_size=40.0, min_size=24.0, width=TEXT_WIDTH
    )
    for i, name in enumerate(names):
        lines.append(_Line(name, SERIF_BOLD, name_size, NAVY, space_before=12.0 if i == 0 else 0))
    subtitle = f"as a member of {display(cert.team)}" if cert.team else display(cert.service)
    if subtitle:
        size = fit_size(subtitle, SANS, 12.0, TEXT_WIDTH)
        # "as a member of …" is English whatever the team's name: it reads left to right.
        base = "L" if cert.team else None
        lines.append(_Line(subtitle, SANS, size, GREY, 5.0, base))
    if cert.team_members:
        members = [display(m) for m in cert.team_members]
        member_lines, size = fit_members(
            members, SANS, max_size=12.0, min_size=8.0, width=TEXT_WIDTH, max_lines=3
        )
        for i, text in enumerate(member_lines):
            # A list of names reads left to right, each name in its own direction.
            lines.append(_Line(text, SANS, size, NAVY, 8.0 if i == 0 else 0, base="L"))
    lines += _recognition_lines(cert.recognition_line)
    total = sum(line.height for line in lines)
    room = MIDDLE_TOP - MIDDLE_BOTTOM
    if total > room:  # only for extreme input: scale the whole block down to fit
        factor = room / total
        lines = [
            replace(line, size=line.size * factor, space_before=line.space_before * factor)
            for line in lines
        ]
    return lines


@cache
def _recognition_lines(recognition: str) -> tuple[_Line, ...]:
    """The line of recognition, wrapped; cached, as a batch repeats it on many pages."""
    width = TEXT_WIDTH - 40
    return tuple(
        _Line(
            text,
            SERIF_ITALIC,
            fit_size(text, SERIF_ITALIC, 15.5, width),
            NAVY,
            16.0 if i == 0 else 0,
        )
        for i, text in enumerate(wrap_words(display(recognition), SERIF_ITALIC, 15.5, width))
    )


def undrawable(cert: Certificate) -> str:
    """The characters of ``cert``'s text that no bundled font can draw, each once ("" when
    every one can): the certificate is then listed before printing, never printed."""
    texts = [
        (cert.recipient, SERIF_BOLD),
        (cert.team, SANS),
        (cert.service, SANS),
        (cert.award, SERIF_BOLD),
        (cert.recognition, SERIF_ITALIC),
        *((member, SANS) for member in cert.team_members),
    ]
    found = ""
    for text, font in texts:
        if text:
            for char in scripts.missing(text, font):
                if char not in found:
                    found += char
    return found


def _award_form(award: str) -> str:
    return f"csxAward{name_key(award)}"


def _level_form(level: AwardLevel) -> str:
    return f"csxLevel{level.name.title().replace('_', '')}"


def draw_certificate(canvas: Canvas, cert: Certificate) -> None:
    """Draw one certificate as the current page (``define_frame`` must have been called)."""
    canvas.doForm(FRAME_FORM)
    canvas.doForm(_award_form(cert.award))
    canvas.doForm(_level_form(cert.level))
    centre = PAGE_WIDTH / 2

    for line, baseline in layout_middle(cert):
        canvas.setFillColorRGB(*line.colour)
        draw_centred(canvas, centre, baseline, line.text, line.font, line.size, line.base)


def layout_middle(cert: Certificate) -> list[tuple[_Line, float]]:
    """The middle lines with their baselines, the block centred between the level and the
    signatures."""
    lines = middle_lines(cert)
    total = sum(line.height for line in lines)
    y = MIDDLE_BOTTOM + (MIDDLE_TOP - MIDDLE_BOTTOM + total) / 2
    placed = []
    for line in lines:
        y -= line.space_before + line.size
        placed.append((line, y))
        y -= line.size * 0.22
    return placed


def _draw_award(canvas: Canvas, award: str, centre: float, y: float) -> None:
    award = display(award_title(award))
    canvas.setFillColorRGB(*NAVY)
    draw_centred(
        canvas, centre, y, award, SERIF_BOLD, fit_size(award, SERIF_BOLD, 30.0, TEXT_WIDTH)
    )


def _draw_level(canvas: Canvas, level: AwardLevel, centre: float, y: float) -> None:
    """The level in spaced capitals between two short gold rules."""
    text = level.label.upper()
    size, spacing = 13.5, 2.8
    canvas.setFont(SANS_BOLD, size)
    canvas.setFillColorRGB(*GOLD)
    width = text_width(text, SANS_BOLD, size) + spacing * (len(text) - 1)
    canvas.drawCentredString(centre, y, text, charSpace=spacing)
    canvas.setStrokeColorRGB(*GOLD)
    canvas.setLineWidth(0.8)
    gap, rule = 14.0, 56.0
    mid = y + size * 0.33
    canvas.line(centre - width / 2 - gap - rule, mid, centre - width / 2 - gap, mid)
    canvas.line(centre + width / 2 + gap, mid, centre + width / 2 + gap + rule, mid)


SIGNATORY_CENTRES = (PAGE_WIDTH / 2 - 250.0, PAGE_WIDTH / 2 + 250.0)
SIGNATORY_WIDTH = 220.0
SIGNATURE_LINE_Y = 110.0


def _draw_signatory(canvas: Canvas, signatory: Signatory, x: float, image: bytes) -> None:
    """A signature line with the name and title beneath; the image, if any, above it."""
    half = SIGNATORY_WIDTH / 2
    canvas.setStrokeColorRGB(*GREY)
    canvas.setLineWidth(0.6)
    canvas.line(x - half, SIGNATURE_LINE_Y, x + half, SIGNATURE_LINE_Y)
    if image:
        from reportlab.lib.utils import ImageReader

        # preserveAspectRatio keeps a scanned signature undistorted inside its box;
        # it is drawn in the frame every page shares, so stored once.
        canvas.drawImage(
            ImageReader(io.BytesIO(image)),
            x - half + 10,
            SIGNATURE_LINE_Y + 3,
            width=SIGNATORY_WIDTH - 20,
            height=44,
            preserveAspectRatio=True,
            anchor="s",
            mask="auto",
        )
    name = display(signatory.name)
    if name:
        canvas.setFillColorRGB(*NAVY)
        size = fit_size(name, SANS_BOLD, 11.0, SIGNATORY_WIDTH)
        draw_centred(canvas, x, SIGNATURE_LINE_Y - 15, name, SANS_BOLD, size)
    title = display(signatory.title)
    if title:
        size = 9.5
        lines = wrap_words(title, SANS, size, SIGNATORY_WIDTH)
        if len(lines) > 2:  # a very long title: two lines, smaller
            size = 8.0
            lines = wrap_words(title, SANS, size, SIGNATORY_WIDTH)[:3]
        canvas.setFillColorRGB(*GREY)
        y = SIGNATURE_LINE_Y - 29
        for line in lines:
            draw_centred(canvas, x, y, line, SANS, fit_size(line, SANS, size, SIGNATORY_WIDTH))
            y -= size * 1.3


def _draw_date(canvas: Canvas, ceremony: date | None, centre: float) -> None:
    if ceremony is None:
        return  # left blank rather than guessed; the area warns the administrator
    canvas.setFillColorRGB(*GREY)
    canvas.setFont(SANS, 9.5)
    canvas.drawCentredString(centre, SIGNATURE_LINE_Y - 15, "Presented on")
    canvas.setFillColorRGB(*NAVY)
    canvas.setFont(SERIF, 12.0)
    canvas.drawCentredString(centre, SIGNATURE_LINE_Y - 31, format_date(ceremony))


def format_date(day: date) -> str:
    """'10 December 2026', the way the council writes dates."""
    return f"{day.day} {day:%B %Y}"


# ---- what every page shares -------------------------------------------------------------


def define_frame(canvas: Canvas, details: PageDetails, awards: Iterable[str]) -> None:
    """Draw what every page of a batch shares once, as a form each page places.

    That is the border, the emblem, the council's logo, the heading with the year, the
    ceremony date and the signatories (with their signature images): a thousand pages store
    them once. ``awards`` names every award the batch will print.
    """
    canvas.beginForm(FRAME_FORM)
    _draw_border(canvas)
    draw_emblem(canvas, PAGE_WIDTH / 2, 500.0, 0.92)
    if details.logo is not None:
        from csx_desktop.certificates.logo import LOGO_BOX, draw_logo

        draw_logo(canvas, details.logo, LOGO_BOX)  # in the frame: stored once per PDF
    heading = f"CUSTOMER SERVICE AWARDS {details.year}"
    canvas.setFillColorRGB(*NAVY)
    canvas.setFont(SANS_BOLD, 12.0)
    canvas.drawCentredString(PAGE_WIDTH / 2, 436.0, heading, charSpace=3.2)
    _draw_date(canvas, details.ceremony_date, PAGE_WIDTH / 2)
    images = details.signature_images
    for index, signatory in enumerate(details.signatories[:2]):
        image = images[index] if index < len(images) else b""
        _draw_signatory(canvas, signatory, SIGNATORY_CENTRES[index], image)
    canvas.endForm()
    # Each award's name and each level are forms too: a batch repeats a few of them often.
    for award in sorted(set(awards)):
        canvas.beginForm(_award_form(award))
        _draw_award(canvas, award, PAGE_WIDTH / 2, 400.0)
        canvas.endForm()
    for level in AwardLevel:
        canvas.beginForm(_level_form(level))
        _draw_level(canvas, level, PAGE_WIDTH / 2, 371.0)
        canvas.endForm()


def _draw_border(canvas: Canvas) -> None:
    """A navy outer rule and a fine gold inner rule with notched corners."""
    w, h = PAGE_WIDTH, PAGE_HEIGHT
    canvas.setStrokeColorRGB(*NAVY)
    canvas.setLineWidth(2.4)
    canvas.rect(OUTER_INSET, OUTER_INSET, w - 2 * OUTER_INSET, h - 2 * OUTER_INSET)
    canvas.setStrokeColorRGB(*GOLD)
    canvas.setLineWidth(0.9)
    i, r = INNER_INSET, 14.0
    path = canvas.beginPath()
    # Concave quarter-circle notches at each corner: arcs centred on the corners.
    path.moveTo(i + r, i)
    path.lineTo(w - i - r, i)
    path.arcTo(w - i - r, i - r, w - i + r, i + r, startAng=180, extent=-90)
    path.lineTo(w - i, h - i - r)
    path.arcTo(w - i - r, h - i - r, w - i + r, h - i + r, startAng=270, extent=-90)
    path.lineTo(i + r, h - i)
    path.arcTo(i - r, h - i - r, i + r, h - i + r, startAng=0, extent=-90)
    path.lineTo(i, i + r)
    path.arcTo(i - r, i - r, i + r, i + r, startAng=90, extent=-90)
    canvas.drawPath(path, stroke=1, fill=0)
    # A small gold diamond in each notch.
    canvas.setFillColorRGB(*GOLD)
    for cx, cy in ((i, i), (w - i, i), (w - i, h - i), (i, h - i)):
        d = 3.6
        diamond = canvas.beginPath()
        diamond.moveTo(cx, cy - d)
        diamond.lineTo(cx + d, cy)
        diamond.lineTo(cx, cy + d)
        diamond.lineTo(cx - d, cy)
        diamond.close()
        canvas.drawPath(diamond, stroke=0, fill=1)


def draw_emblem(canvas: Canvas, cx: float, cy: float, scale: float) -> None:
    """The project's own emblem: a gold star in a navy roundel within a laurel wreath.

    Drawn in vectors (no image file), so it is sharp at any size and tiny in the PDF.
    """
    canvas.saveState()
    canvas.translate(cx, cy)
    canvas.scale(scale, scale)
    # The laurel: two mirrored branches, each a curved stem with pointed leaves in pairs.
    canvas.setFillColorRGB(*GOLD)
    canvas.setStrokeColorRGB(*GOLD)
    canvas.setLineWidth(1.1)
    for mirror in (1, -1):
        canvas.saveState()
        canvas.scale(mirror, 1)
        _draw_laurel_branch(canvas, radius=39.0)
        canvas.restoreState()
    # The roundel.
    canvas.setFillColorRGB(*NAVY)
    canvas.setStrokeColorRGB(*GOLD)
    canvas.setLineWidth(1.6)
    canvas.circle(0, 0, 30.5, stroke=1, fill=1)
    canvas.setStrokeColorRGB(*GOLD_LIGHT)
    canvas.setLineWidth(0.5)
    canvas.circle(0, 0, 26.5, stroke=1, fill=0)
    # The star: five points, upright.
    star = canvas.beginPath()
    for k in range(10):
        r = 18.5 if k % 2 == 0 else 7.6
        a = math.radians(90 + k * 36)
        x, y = r * math.cos(a), r * math.sin(a)
        if k == 0:
            star.moveTo(x, y)
        else:
            star.lineTo(x, y)
    star.close()
    canvas.setFillColorRGB(*GOLD)
    canvas.drawPath(star, stroke=0, fill=1)
    canvas.restoreState()


def _draw_laurel_branch(canvas: Canvas, radius: float) -> None:
    """The right-hand branch of the wreath, growing anticlockwise from the bottom."""
    start, end = -78.0, 42.0
    canvas.arc(-radius, -radius, radius, radius, startAng=start, extent=end - start)
    leaf = canvas.beginPath()
    length, width = 11.0, 3.4
    leaf.moveTo(0, 0)
    leaf.curveTo(length * 0.3, width, length * 0.7, width, length, 0)
    leaf.curveTo(length * 0.7, -width, length * 0.3, -width, 0, 0)
    leaf.close()
    steps = 6
    for k in range(steps + 1):
        angle = start + 8 + k * (end - start - 8) / steps
        x = radius * math.cos(math.radians(angle))
        y = radius * math.sin(math.radians(angle))
        growth = angle + 90  # the stem's direction here
        pairs = (0.0,) if k == steps else (38.0, -38.0)  # a single leaf at the tip
        for spread in pairs:
            canvas.saveState()
            canvas.translate(x, y)
            canvas.rotate(growth + spread)
            canvas.drawPath(leaf, stroke=0, fill=1)
            canvas.restoreState()


def new_canvas(stream: IO[bytes], *, title: str, invariant: bool = False) -> Canvas:
    """A canvas for certificates: A4 landscape, fonts registered, no Helvetica referenced."""
    from reportlab.pdfgen.canvas import Canvas

    register_fonts()
    kwargs: dict[str, Any] = {"initialFontName": SERIF, "initialFontSize": 12}
    canvas = Canvas(
        stream,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        invariant=1 if invariant else 0,
        pageCompression=1,
        **kwargs,
    )
    canvas.setTitle(title)
    canvas.setAuthor("CSX Desktop")
    canvas.setSubject("Customer Service Awards certificates")
    canvas.setCreator("CSX Desktop")
    return canvas
