"""The Shining Star count as a horizontal bar chart, drawn with QPainter.

One row per nominee: the name, a bar as long as their votes, and the numbers in words after
it ("119 votes, 17 of them on paper"). The online part of a bar is solid and the paper part
hatched, with a key underneath, but the words carry everything: a leader is marked "★ leads",
a tie "tied for first", so nothing depends on colour. Sizes come from the font, so the
chart follows the system font size.

The chart is a Tab stop so that a screen reader reaches it: its accessible name says what it
is and its description reads the count in words, one nominee a line. With the focus it draws
the app's focus ring round its edge (``style.FOCUS``, 3 px, at least 5.9:1), as every other
control does (WCAG 2.4.7).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from csx_desktop.domain.votes import CandidateCount, Tally, votes_text
from csx_desktop.ui.style import FOCUS

RING_WIDTH = 3  # px, as the style sheet's focus ring


def bar_label(candidate: CandidateCount) -> str:
    """'119 votes, 17 of them on paper' / '62 votes'."""
    text = votes_text(candidate.votes)
    if candidate.paper_votes:
        text += f", {candidate.paper_votes} of them on paper"
    return text


class VoteChart(QWidget):
    """Draws a ``Tally``; ``set_tally`` replaces what is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tally: Tally | None = None
        self.setAccessibleName("Vote count chart")
        self.setAccessibleDescription("No votes counted yet.")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # so a screen reader can reach the text

    # ---- data ----------------------------------------------------------------------------

    def set_tally(self, tally: Tally | None) -> None:
        self._tally = tally
        self.setAccessibleDescription(self.describe() or "No votes counted yet.")
        self.setToolTip(self.describe())
        self.updateGeometry()
        self.update()

    def describe(self) -> str:
        """The chart in words, one nominee a line (the accessible description)."""
        if self._tally is None:
            return ""
        return "\n".join(
            f"{c.nominee}: {bar_label(c)}{self._mark(c)}" for c in self._tally.candidates
        )

    def _mark(self, candidate: CandidateCount) -> str:
        tally = self._tally
        if tally is None or not candidate.votes:
            return ""
        if tally.decided and candidate.nominee in tally.leaders:
            return " — ★ winner (decision recorded)"
        if candidate.votes == tally.top_votes:
            return " — tied for first" if tally.tied else " — ★ leads"
        return ""

    # ---- sizes ---------------------------------------------------------------------------

    def _row_height(self) -> int:
        return int(QFontMetrics(self.font()).height() * 2.4)

    def _rows(self) -> int:
        return len(self._tally.candidates) if self._tally else 0

    def sizeHint(self) -> QSize:
        metrics = QFontMetrics(self.font())
        return QSize(metrics.horizontalAdvance("M") * 50, self._content_height())

    def minimumSizeHint(self) -> QSize:
        metrics = QFontMetrics(self.font())
        return QSize(metrics.horizontalAdvance("M") * 30, self._content_height())

    def _content_height(self) -> int:
        metrics = QFontMetrics(self.font())
        return self._rows() * self._row_height() + metrics.height() * 3

    # ---- drawing -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self.hasFocus():
            self._draw_focus_ring(painter)
        tally = self._tally
        if tally is None or not tally.candidates:
            painter.end()
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        bar_colour = palette.color(QPalette.ColorRole.Highlight)
        font = self.font()
        bold = QFont(font)
        bold.setBold(True)
        metrics = QFontMetrics(font)
        bold_metrics = QFontMetrics(bold)
        pad = metrics.horizontalAdvance("M")
        row_h = self._row_height()
        bar_h = metrics.height() * 1.1

        name_w = max(bold_metrics.horizontalAdvance(c.nominee) for c in tally.candidates)
        label_w = max(
            bold_metrics.horizontalAdvance(bar_label(c) + self._mark(c)) for c in tally.candidates
        )
        left = pad + name_w + pad
        # The bars take what the names and the longest label leave, but never vanish.
        bar_space = max(self.width() - left - label_w - 2 * pad, pad * 6)
        top_votes = max(tally.top_votes, 1)

        for i, candidate in enumerate(tally.candidates):
            y = metrics.height() * 0.5 + i * row_h
            centre = y + row_h / 2
            leading = bool(self._mark(candidate))
            painter.setFont(bold if leading else font)
            painter.setPen(text_colour)
            name_rect = QRectF(pad, y, name_w, row_h)
            painter.drawText(
                name_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                candidate.nominee,
            )  # fmt: skip
            width = bar_space * candidate.votes / top_votes
            paper_w = bar_space * candidate.paper_votes / top_votes
            bar = QRectF(left, centre - bar_h / 2, width, bar_h)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(bar_colour)
            painter.drawRect(QRectF(bar.left(), bar.top(), width - paper_w, bar_h))
            if paper_w:
                paper = QRectF(bar.right() - paper_w, bar.top(), paper_w, bar_h)
                painter.setBrush(QBrush(bar_colour, Qt.BrushStyle.BDiagPattern))
                painter.setPen(QPen(bar_colour, 1))
                painter.drawRect(paper)
            painter.setPen(text_colour)
            label = bar_label(candidate) + self._mark(candidate)
            painter.drawText(
                QRectF(left + width + pad / 2, y, label_w + pad, row_h),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                label,
            )

        if tally.paper_votes:
            self._draw_key(painter, left, self._rows() * row_h + metrics.height(), bar_colour)
        painter.end()

    def _draw_focus_ring(self, painter: QPainter) -> None:
        """The focus ring: a 3 px line of the app's focus colour just inside the edge."""
        pen = QPen(QColor(FOCUS), RING_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.save()
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = RING_WIDTH / 2
        painter.drawRect(QRectF(self.rect()).adjusted(half, half, -half, -half))
        painter.restore()

    def _draw_key(self, painter: QPainter, x: float, y: float, colour: QColor) -> None:
        metrics = QFontMetrics(self.font())
        painter.setFont(self.font())
        box = metrics.height() * 0.9
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        for brush, words in (
            (QBrush(colour), "votes online"),
            (QBrush(colour, Qt.BrushStyle.BDiagPattern), "paper votes"),
        ):
            painter.setPen(QPen(colour, 1))
            painter.setBrush(brush)
            painter.drawRect(QRectF(x, y + (metrics.height() - box) / 2, box, box))
            painter.setPen(text_colour)
            text_x = x + box + metrics.horizontalAdvance(" ")
            painter.drawText(
                QRectF(text_x, y, metrics.horizontalAdvance(words) + 2, metrics.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                words,
            )
            x = text_x + metrics.horizontalAdvance(words) + metrics.horizontalAdvance("M") * 2
