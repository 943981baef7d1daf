"""The council's logo on the certificates: checked when it is chosen, drawn once per batch.

A logo is a PNG or an SVG (told by its bytes, not its name) of at most 2 MB, kept in the round
file (``RoundSettings.council_logo``) so the round prints the same on any laptop. It is drawn
inside the frame every page of a batch shares (``certificate.define_frame``), so a thousand
certificates store it once. A PNG is placed as one image; an SVG is drawn as vectors
(svglib), sharp at any printer's resolution. Either is scaled to fit ``LOGO_BOX`` with its
shape kept.

An SVG is read without resolving entities and refused when it points outside itself (a web
address, a file): a round file may travel, and drawing it must never fetch or read anything.
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csx_desktop.domain.model import Logo
from csx_desktop.store.errors import InputRefused

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

MAX_BYTES = 2 * 1024 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# Where the logo goes: the top left of the page, inside the border, clear of the emblem and
# the heading (x, y of the lower left corner, width, height; points on A4 landscape).
LOGO_BOX = (62.0, 472.0, 170.0, 68.0)
_MAX_PIXELS = 8000  # a side longer than this is no logo (and would bloat every PDF)
_OUTSIDE = re.compile(
    rb"<!ENTITY|(?:href|src)\s*=\s*[\"']\s*(?!data:|#)[^\"']+[\"']|url\(\s*[\"']?\s*(?!data:|#)",
    re.IGNORECASE,
)


def read_logo(path: str | Path) -> Logo:
    """The logo in ``path``, checked (one line saying why when it will not do)."""
    path = Path(path).expanduser()
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputRefused(
                f"{path.name} is {size / 1024 / 1024:.1f} MB; a logo must be at most 2 MB "
                "(export a smaller PNG, or an SVG)."
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputRefused(f"There is no logo file at {path}.") from None
    except IsADirectoryError:
        raise InputRefused(f"{path} is a folder; choose the logo's PNG or SVG file.") from None
    except OSError as error:
        raise InputRefused(f"{path.name} cannot be read: {error.strerror}.") from error
    return check_logo(data, path.name)


def check_logo(data: bytes, name: str) -> Logo:
    """A ``Logo`` from a file's bytes: a PNG or an SVG that can be drawn, or a refusal."""
    if len(data) > MAX_BYTES:
        raise InputRefused(f"{name} is larger than 2 MB; a logo must be at most 2 MB.")
    if data.startswith(PNG_MAGIC):
        _check_png(data, name)
        return Logo(kind="png", data=data, name=name)
    if _looks_like_svg(data):
        _check_svg(data, name)
        return Logo(kind="svg", data=data, name=name)
    raise InputRefused(
        f"{name} is not a PNG or an SVG image: choose the council's logo as a .png or .svg file."
    )


def draw_logo(canvas: Canvas, logo: Logo, box: tuple[float, float, float, float]) -> None:
    """Draw the logo scaled into ``box`` (x, y, width, height), its shape kept, set to the
    box's left edge and centred up and down."""
    x, y, width, height = box
    if logo.kind == "png":
        from reportlab.lib.utils import ImageReader

        image = ImageReader(io.BytesIO(logo.data))
        pixels_wide, pixels_high = image.getSize()
        scale = min(width / pixels_wide, height / pixels_high)
        w, h = pixels_wide * scale, pixels_high * scale
        canvas.drawImage(image, x, y + (height - h) / 2, w, h, mask="auto")
        return
    from reportlab.graphics import renderPDF

    drawing = _svg_drawing(logo.data, logo.name)
    scale = min(width / drawing.width, height / drawing.height)
    canvas.saveState()
    canvas.translate(x, y + (height - drawing.height * scale) / 2)
    canvas.scale(scale, scale)
    renderPDF.draw(drawing, canvas, 0, 0)
    canvas.restoreState()


def _check_png(data: bytes, name: str) -> None:
    from PIL import Image  # ReportLab's own dependency

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            width, height = image.size
    except Exception as error:  # Pillow raises many kinds for a damaged file
        raise InputRefused(f"{name} is a damaged PNG image ({error}).") from error
    if not (0 < width <= _MAX_PIXELS and 0 < height <= _MAX_PIXELS):
        raise InputRefused(
            f"{name} is {width} x {height} pixels; a logo must be at most "
            f"{_MAX_PIXELS} pixels a side."
        )


def _looks_like_svg(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg")) and b"<svg" in (
        data[:65536].lower()
    )


def _check_svg(data: bytes, name: str) -> None:
    if _OUTSIDE.search(data):
        raise InputRefused(
            f"{name} refers to files or web addresses outside itself; save the logo as a "
            "self-contained SVG (or a PNG) and choose that."
        )
    _svg_drawing(data, name)


def _svg_drawing(data: bytes, name: str) -> Any:
    """The SVG as a ReportLab drawing; svglib's own complaints are kept out of the output."""
    from svglib.svglib import svg2rlg

    quiet = logging.getLogger("svglib")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL + 1)
    try:
        drawing = svg2rlg(io.BytesIO(data), resolve_entities=False)
    except Exception as error:  # svglib raises many kinds for a broken file
        raise InputRefused(f"{name} is an SVG that cannot be drawn ({error}).") from error
    finally:
        quiet.setLevel(level)
    if drawing is None or not drawing.width or not drawing.height:
        raise InputRefused(f"{name} is an SVG that cannot be drawn (no size, or not SVG).")
    from csx_desktop.certificates.fonts import SANS, register_fonts

    register_fonts()
    drawing.initialFontName = SANS  # the renderer's first font: else it names Helvetica
    _embedded_fonts(drawing)
    return drawing


def _embedded_fonts(node: Any) -> None:
    """Words in an SVG in the certificate's own (embedded) sans-serif: svglib would name
    Helvetica, which a PDF only refers to, and a printer substitutes at will."""
    from reportlab.graphics.shapes import String

    from csx_desktop.certificates.fonts import SANS, SANS_BOLD

    for child in getattr(node, "contents", ()):
        if isinstance(child, String):
            child.fontName = SANS_BOLD if "bold" in child.fontName.lower() else SANS
        else:
            _embedded_fonts(child)
