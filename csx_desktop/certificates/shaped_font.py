"""A ReportLab TrueType font whose shaped glyphs copy, search and read aloud as their letters.

Shaping (HarfBuzz, through ReportLab's ``shapeStr``) swaps letters for the glyphs their place
in a word needs: Arabic letters take initial, medial and final forms, lam and alef join, marks
combine. ReportLab writes each glyph as the character its ``cmap`` gives it, which is an
Arabic *presentation form* (U+FExx), or, for a glyph with no character at all, a code from
the Private Use Area. Left as they are, a PDF reader copying "محمد" gets presentation forms
or meaningless private codes, a search for the name fails and a screen reader cannot say it.

``ShapedTTFont`` keeps the PDF's ``ToUnicode`` map honest: every private code maps back to
the letters of the cluster HarfBuzz drew it for (``remember``), and every presentation form
to the letter it is a form of. Drawing is unchanged; only the map beside it is rewritten.
Imported only when a name needs a fallback font (see ``fonts.register_fallback``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

# The Private Use Area, where ReportLab puts glyphs that have no character of their own.
_PRIVATE = range(0xE000, 0xF900)
# Presentation forms: Hebrew (FB1D-FB4F), Arabic A (FB50-FDFF) and Arabic B (FE70-FEFF).
_PRESENTATION = (range(0xFB1D, 0xFB50), range(0xFB50, 0xFE00), range(0xFE70, 0xFF00))


class ShapedTTFont(TTFont):
    """A ``TTFont`` that writes a ``ToUnicode`` map naming the letters behind shaped glyphs."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        # Private code -> the text (one or more letters) its glyph was drawn for.
        self.glyph_text: dict[int, str] = {}

    def remember(self, shaped: str, clusters: Sequence[int], logical: str) -> None:
        """Note the letters behind each private code in one shaped run.

        ``clusters[i]`` is where in ``logical`` the letters of ``shaped[i]`` start (HarfBuzz's
        cluster); they run to the next cluster start. When several glyphs share a cluster
        (a letter drawn in two pieces), only the first carries the letters, so they are not
        copied twice.
        """
        starts = sorted(set(clusters))
        ends = {start: end for start, end in zip(starts, [*starts[1:], len(logical)], strict=True)}
        claimed: set[int] = set()
        for char, cluster in zip(shaped, clusters, strict=True):
            code = ord(char)
            if code not in _PRIVATE or code in self.glyph_text or cluster in claimed:
                continue
            claimed.add(cluster)
            self.glyph_text[code] = logical[cluster : ends[cluster]]

    def addObjects(self, doc: Any) -> None:
        """Add the font's subsets to ``doc`` as ReportLab does, then rewrite their maps."""
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        super().addObjects(doc)
        for number, subset in enumerate(subsets):
            base = b"".join((SUBSETN(number), b"+", self.face.name, self.face.subfontNameX))
            name = base.decode("pdfdoc")
            stream = doc.idToObject.get(f"toUnicodeCMap:{name}")
            if stream is not None:  # a ReportLab that names it otherwise keeps its own map
                stream.content = self._to_unicode(name, subset)

    def _letters(self, code: int) -> str:
        if code in self.glyph_text:
            return self.glyph_text[code]
        if any(code in forms for forms in _PRESENTATION):
            return unicodedata.normalize("NFKC", chr(code)) or chr(code)
        return chr(code)

    def _to_unicode(self, name: str, subset: list[int]) -> str:
        """A ToUnicode CMap as ReportLab writes it, each code mapped to its letters (UTF-16)."""
        lines = [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
            f"/CMapName /{name} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *(
                f"<{index:02X}> <{self._letters(code).encode('utf-16-be').hex().upper()}>"
                for index, code in enumerate(subset)
            ),
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
        return "\n".join(lines)
