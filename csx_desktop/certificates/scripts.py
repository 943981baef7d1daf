"""A line of text in whatever scripts it holds: fallback fonts, right-to-left order, shaping.

Most names are Latin and are drawn as before, in one font, at no extra cost. A name with a
character its font lacks is laid out here:

1. ``clean`` drops what should never be drawn: control characters (they print as boxes),
   and the invisible formatting characters, among them the bidirectional overrides that can
   make a name display as another. The joiners ZWJ and ZWNJ stay where a font can use them.
2. If the text holds right-to-left letters (Arabic, Hebrew), python-bidi's implementation of
   the Unicode Bidirectional Algorithm puts it in visual order, left to right as drawn.
3. Each character goes to the first font of the chain (``fonts.FALLBACKS``) that has it:
   Latin letters, digits and spaces stay in the line's own font, Arabic letters go to Noto
   Naskh Arabic (beside the serif) or Noto Sans Arabic, Hebrew to Noto Serif or Sans Hebrew.
4. A run in a fallback font is shaped with HarfBuzz (uharfbuzz, through ReportLab's
   ``shapeFragWord``) in logical order, so Arabic letters join and marks sit where they belong;
   HarfBuzz hands the glyphs back in visual order, ready to draw.

A character no bundled font has (Chinese, Japanese, emoji…) is ``missing``: the caller lists
the name before printing rather than printing it blank or as boxes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from csx_desktop.certificates.fonts import FALLBACKS, register_fallback, register_fonts

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

# Joiners change how neighbouring letters join (Persian names use ZWNJ); kept where the run's
# font has them, dropped elsewhere rather than drawn as a box.
JOINERS = frozenset("\u200c\u200d")
# Variation selectors ask for an emoji or text style of the character before; no bundled font
# has them, and the character itself is what matters.
_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
# HarfBuzz features for names. ReportLab's shapeStr turns on discretionary ligatures, which
# in Noto Sans Arabic draw the name Muhammad as the devotional ligature with vowel marks the
# name as typed does not have. Standard ligatures are off too: Naskh's one for "الله" (as in
# Abdullah) is a single glyph standing for three letters, which PDF readers copy out of order
# (pypdf and poppler each differently); without it every letter keeps its own joined form.
# Required ligatures (lam-alef), contextual forms, mark positioning and kerning stay on.
_FEATURES = {"liga": False, "dlig": False}
# Bidirectional classes of the letters that make a line right-to-left.
_RTL_CLASSES = frozenset({"R", "AL"})


def clean(text: str) -> str:
    """``text`` without the characters that should never be drawn.

    Control characters go (a tab or line break becomes a space, the caller collapses
    spaces), and so do invisible format characters: bidirectional embeddings, overrides and
    isolates, the byte-order mark, soft hyphens, zero-width spaces, tags. Other spaces (a
    no-break space) become plain spaces.
    """
    if text.isprintable() and not _SELECTORS.search(text):
        return text  # nearly every name: nothing to do
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category in ("Zs", "Zl", "Zp") or char in "\t\n\r\x0b\x0c\x85":
            kept.append(" ")
        elif category == "Cc" or (category == "Cf" and char not in JOINERS):
            continue
        elif not _SELECTORS.match(char):
            kept.append(char)
    return "".join(kept)


def is_right_to_left(text: str) -> bool:
    """Whether ``text`` holds a right-to-left letter (Arabic, Hebrew…)."""
    return any(unicodedata.bidirectional(char) in _RTL_CLASSES for char in text)


@cache
def advance_widths(font: str) -> dict[int, float]:
    """The advance width (1/1000 em) of every character ``font`` has a glyph for.

    Only characters in the font's ``cmap`` are keys, so a missing key means "this font cannot
    draw it" (ReportLab would draw its empty box).
    """
    from reportlab.pdfbase.pdfmetrics import getFont

    if font in FALLBACKS:
        register_fonts()
    else:
        register_fallback(font)
    face = getFont(font).face
    widths = face.charWidths
    default = float(face.defaultWidth)
    # Code 0 and the control codes map to blank glyphs in Noto; clean() removes them, and
    # they must never count as drawable.
    return {code: float(widths.get(code, default)) for code in face.charToGlyph if code >= 0x20}


def font_for(char: str, font: str) -> str | None:
    """The first font of ``font``'s chain that has ``char``, or None when none has it."""
    code = ord(char)
    if code in advance_widths(font):
        return font
    for fallback in FALLBACKS.get(font, ()):
        if code in advance_widths(fallback):
            return fallback
    return None


@lru_cache(maxsize=4096)
def missing(text: str, font: str) -> str:
    """The characters of ``text`` that no font of ``font``'s chain has, each once, in order.

    ``text`` is cleaned and composed first, as it is drawn: what ``clean`` removes is never
    drawn, so it is never missing, and an accent typed apart is checked joined to its letter.
    Cached: a batch asks about the same award, line of recognition and service on every page.
    """
    widths = advance_widths(font)
    drawn = unicodedata.normalize("NFC", clean(text))
    if all(map(widths.__contains__, map(ord, drawn))):
        return ""  # nearly every name: the font has every character
    found: list[str] = []
    for char in drawn:
        if (
            ord(char) not in widths
            and char not in JOINERS
            and char not in found
            and char != " "
            and font_for(char, font) is None
        ):
            found.append(char)
    return "".join(found)


@dataclass(frozen=True, slots=True)
class Run:
    """Part of a line drawn in one font: ``text`` is in visual order, ready to draw left to
    right (a ReportLab ``ShapedStr`` when shaped); ``width`` is at a size of 1 point."""

    text: str
    font: str
    width: float


@dataclass(frozen=True, slots=True)
class Line:
    """A line of text laid out: its runs left to right and its width at a size of 1 point."""

    runs: tuple[Run, ...]
    width: float


@lru_cache(maxsize=4096)
def layout(text: str, font: str, base: str | None = None) -> Line:
    """Lay ``text`` out in ``font`` and its fallbacks (see the module's docstring).

    ``text`` should already be cleaned (``certificate.display`` does it). Characters that no
    font has are left out; ``missing`` names them so the caller can refuse to print.
    ``base`` is the line's direction: None takes it from the first letter (a name standing
    alone: an Arabic name reads from the right), "L" for a name inside an English sentence.
    """
    rtl = is_right_to_left(text)
    if rtl:
        from bidi import get_display  # type: ignore[import-untyped]  # ships no type hints

        visual = get_display(text, base_dir=base)
    else:
        visual = text
    chars: list[str] = []
    fonts: list[str] = []
    for char in visual:
        if char in JOINERS:  # only where the font of the letter before can use it
            if fonts and ord(char) in advance_widths(fonts[-1]):
                chars.append(char)
                fonts.append(fonts[-1])
            continue
        chosen = font_for(char, font)
        if chosen is not None:  # a missing character is left out (``missing`` names it)
            chars.append(char)
            fonts.append(chosen)
    # A space between two words of a fallback run stays in it: the run is then shaped (and
    # read back by PDF readers) as one right-to-left phrase rather than words apart.
    for i in range(1, len(chars) - 1):
        left = fonts[i - 1]
        joined = left != font and fonts[i + 1] == left and ord(" ") in advance_widths(left)
        if chars[i] == " " and joined:
            fonts[i] = left
    runs: list[Run] = []
    start = 0
    for end in range(1, len(chars) + 1):
        if end == len(chars) or fonts[end] != fonts[start]:
            current = fonts[start]
            text_run = "".join(chars[start:end])
            runs.append(_run(text_run, current, shaped=current != font, reverse=rtl))
            start = end
    return Line(tuple(runs), sum(run.width for run in runs))


def _run(text: str, font: str, *, shaped: bool, reverse: bool) -> Run:
    """One run: plain in the line's own font; shaped (in logical order) in a fallback."""
    widths = advance_widths(font)
    if not shaped:
        return Run(text, font, sum(widths[ord(c)] for c in text) * 0.001)
    from reportlab.lib.abag import ABag
    from reportlab.pdfbase.pdfmetrics import getFont
    from reportlab.pdfbase.ttfonts import ShapedStr, shapeFragWord

    # get_display reversed the right-to-left runs; HarfBuzz wants the letters in the order
    # they are written (to join them), and gives the glyphs back in visual order.
    logical = text[::-1] if reverse else text
    word = [0.0, (ABag(fontName=font, fontSize=10.0), logical)]
    result = shapeFragWord(word, features=_FEATURES)[1][1]
    if not isinstance(result, ShapedStr):  # nothing changed (a single letter)
        return Run(result, font, sum(widths.get(ord(c), 0.0) for c in result) * 0.001)
    data = result.__shapeData__
    getFont(font).remember(str(result), [glyph.cluster for glyph in data], logical)
    return Run(result, font, sum(glyph.x_advance for glyph in data) * 0.001)


def draw(canvas: Canvas, x: float, y: float, line: Line, size: float) -> None:
    """Draw a laid-out line with its left end at ``x``, its baseline at ``y``."""
    text = canvas.beginText(x, y)
    for run in line.runs:
        text.setFont(run.font, size)
        text.textOut(run.text)
    canvas.drawText(text)


def markup(text: str, font: str) -> str:
    """``text`` as Platypus paragraph markup in ``font``: escaped, with runs in other
    fonts wrapped in ``<font face>``, and each run of characters no font has shown as its
    code points ("[U+738B U+79C0]") so a report never shows a name blank or as boxes.

    Shaped runs lose HarfBuzz's fine positioning of marks here (Platypus measures and places
    characters itself), which names without vowel marks, nearly all, do not need.
    """
    cleaned = clean(text)
    widths = advance_widths(font)
    if all(ord(char) in widths for char in cleaned):
        return _escape(cleaned)
    absent = missing(cleaned, font)
    if absent:
        cleaned = re.sub(
            f"[{re.escape(absent)}]+",
            lambda m: "[" + " ".join(f"U+{ord(c):04X}" for c in m.group()) + "]",
            cleaned,
        )
    parts = []
    # The report's sentences and table cells are English: names sit in them left to right.
    for run in layout(cleaned, font, "L").runs:
        if run.font == font:
            parts.append(_escape(str(run.text)))
        else:
            parts.append(f'<font face="{run.font}">{_escape(str(run.text))}</font>')
    return "".join(parts)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
