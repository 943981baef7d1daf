"""The fonts every PDF uses, registered with ReportLab once per process.

Noto Serif (certificates) and Noto Sans (reports) ship in ``resources/fonts`` under the SIL
Open Font License. They cover every Latin, Greek and Cyrillic name the council's staff have
(Zoë, Siobhán, Łukasz, Nguyễn Thị Minh Khai). Create canvases with ``initialFontName=SANS``
(or ``SERIF``) so no unembedded Helvetica is ever referenced.

Names in Arabic and Hebrew script are drawn in the fallback fonts of ``FALLBACKS``: Noto Naskh
Arabic and Noto Serif Hebrew beside the serif, Noto Sans Arabic and Noto Sans Hebrew beside
the sans (regular and bold each; their italics do not exist, so italic text falls back to the
regular). They are registered only when a name needs them, and ReportLab embeds a subset of a
font only in a PDF that uses it, so a batch of Latin names carries none of them.
"""

from __future__ import annotations

from functools import cache

SERIF = "NotoSerif"
SERIF_BOLD = "NotoSerif-Bold"
SERIF_ITALIC = "NotoSerif-Italic"
SANS = "NotoSans"
SANS_BOLD = "NotoSans-Bold"
SANS_ITALIC = "NotoSans-Italic"

NASKH_ARABIC = "NotoNaskhArabic"
NASKH_ARABIC_BOLD = "NotoNaskhArabic-Bold"
SANS_ARABIC = "NotoSansArabic"
SANS_ARABIC_BOLD = "NotoSansArabic-Bold"
SERIF_HEBREW = "NotoSerifHebrew"
SERIF_HEBREW_BOLD = "NotoSerifHebrew-Bold"
SANS_HEBREW = "NotoSansHebrew"
SANS_HEBREW_BOLD = "NotoSansHebrew-Bold"

_FILES = {
    SERIF: "NotoSerif-Regular.ttf",
    SERIF_BOLD: "NotoSerif-Bold.ttf",
    SERIF_ITALIC: "NotoSerif-Italic.ttf",
    SANS: "NotoSans-Regular.ttf",
    SANS_BOLD: "NotoSans-Bold.ttf",
    SANS_ITALIC: "NotoSans-Italic.ttf",
}

_FALLBACK_FILES = {
    NASKH_ARABIC: "NotoNaskhArabic-Regular.ttf",
    NASKH_ARABIC_BOLD: "NotoNaskhArabic-Bold.ttf",
    SANS_ARABIC: "NotoSansArabic-Regular.ttf",
    SANS_ARABIC_BOLD: "NotoSansArabic-Bold.ttf",
    SERIF_HEBREW: "NotoSerifHebrew-Regular.ttf",
    SERIF_HEBREW_BOLD: "NotoSerifHebrew-Bold.ttf",
    SANS_HEBREW: "NotoSansHebrew-Regular.ttf",
    SANS_HEBREW_BOLD: "NotoSansHebrew-Bold.ttf",
}

# For each font the layout asks for, the fonts tried, in order, for a character it lacks.
# Naskh is the Arabic style that sits with a serif; Noto Sans Arabic with a sans.
FALLBACKS: dict[str, tuple[str, ...]] = {
    SERIF: (NASKH_ARABIC, SERIF_HEBREW),
    SERIF_BOLD: (NASKH_ARABIC_BOLD, SERIF_HEBREW_BOLD),
    SERIF_ITALIC: (NASKH_ARABIC, SERIF_HEBREW),
    SANS: (SANS_ARABIC, SANS_HEBREW),
    SANS_BOLD: (SANS_ARABIC_BOLD, SANS_HEBREW_BOLD),
    SANS_ITALIC: (SANS_ARABIC, SANS_HEBREW),
}


@cache
def register_fonts() -> None:
    """Register the shipped fonts and their bold/italic families (idempotent)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from csx_desktop.resource_files import resource_path

    for name, file_name in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path(f"fonts/{file_name}"))))
    for family, regular, bold, italic in (
        (SERIF, SERIF, SERIF_BOLD, SERIF_ITALIC),
        (SANS, SANS, SANS_BOLD, SANS_ITALIC),
    ):
        addMapping(family, 0, 0, regular)
        addMapping(family, 1, 0, bold)
        addMapping(family, 0, 1, italic)
        addMapping(family, 1, 1, bold)


def register_fallback(name: str) -> None:
    """Register a fallback font (idempotent), with the other weight of its family."""
    _register_family(name.removesuffix("-Bold"))


@cache
def _register_family(family: str) -> None:
    """Register a fallback family's regular and bold as ``ShapedTTFont``s (so shaped glyphs
    copy as the letters they stand for), mapped so Platypus's ``<b>`` finds the bold."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics

    from csx_desktop.certificates.shaped_font import ShapedTTFont
    from csx_desktop.resource_files import resource_path

    bold = f"{family}-Bold"
    for name in (family, bold):
        path = resource_path(f"fonts/{_FALLBACK_FILES[name]}")
        pdfmetrics.registerFont(ShapedTTFont(name, str(path)))
    addMapping(family, 0, 1, family)  # no italic: the regular stands in
    addMapping(family, 0, 0, family)
    addMapping(family, 1, 1, bold)
    addMapping(family, 1, 0, bold)
