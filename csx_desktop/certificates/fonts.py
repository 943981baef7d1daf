"""The fonts every PDF uses, registered with ReportLab once per process.

Noto Serif (certificates) and Noto Sans (reports) ship in ``resources/fonts`` under the SIL
Open Font License. They cover every Latin name the council's staff have (Zoë, Siobhán, Łukasz,
Nguyễn Thị Minh Khai). Create canvases with ``initialFontName=SANS`` (or ``SERIF``) so no
unembedded Helvetica is ever referenced.
"""

from __future__ import annotations

from functools import cache

SERIF = "NotoSerif"
SERIF_BOLD = "NotoSerif-Bold"
SERIF_ITALIC = "NotoSerif-Italic"
SANS = "NotoSans"
SANS_BOLD = "NotoSans-Bold"
SANS_ITALIC = "NotoSans-Italic"

_FILES = {
    SERIF: "NotoSerif-Regular.ttf",
    SERIF_BOLD: "NotoSerif-Bold.ttf",
    SERIF_ITALIC: "NotoSerif-Italic.ttf",
    SANS: "NotoSans-Regular.ttf",
    SANS_BOLD: "NotoSans-Bold.ttf",
    SANS_ITALIC: "NotoSans-Italic.ttf",
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
