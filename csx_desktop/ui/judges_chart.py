"""Judges at a glance: each judge's totals as dots on the 0–100 scale, beside the panel's.

One row per judge, and a first row for the panel (each ranked entry's score by the round's own
count). A row has the judge's name, a 0–100 line with a dot for each of their counted totals
and a bar at their own average. ``JudgesAtAGlanceView`` puts the same in words under the
chart, a line a judge (their sheets, average and leniency: "scores 11 points above the panel
on the same entries") and a sentence for how closely each two groups agree; the words wrap,
so nothing is cut at large text, and nothing depends on colour or on seeing the dots. Sizes
come from the font, so the chart follows the system font size.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

if TYPE_CHECKING:  # the chart draws them; reading them is the Results area's
    from csx_desktop.store.counts import JudgeLine, JudgesAtAGlance

FOCUS = QColor("#1d4ed8")  # the app's focus ring (ui/style.py)
DOT = QColor("#1d4ed8")
PANEL_DOT = QColor("#374151")


def _mean(values: tuple[float, ...]) -> float | None:
    return sum(values) / len(values) if values else None


class JudgesChart(QWidget):
    """Draws a ``JudgesAtAGlance``; ``set_view`` replaces what is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view: JudgesAtAGlance | None = None
        self.setAccessibleName("Judges at a glance")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # so a screen reader can reach the words

    # ---- data ----------------------------------------------------------------------------

    def set_view(self, view: JudgesAtAGlance | None) -> None:
        self._view = view
        self.setAccessibleDescription(self.describe())
        self.setToolTip(self.describe())
        self.updateGeometry()
        self.update()

    def describe(self) -> str:
        """The chart in words, one line a row (the accessible description)."""
        view = self._view
        if view is None:
            return ""
        panel = _mean(view.panel)
        lines = [
            f"The panel: {len(view.panel)} ranked entries"
            + (f", averaging {panel:.0f}" if panel is not None else "")
        ]
        for judge in view.judges:
            lines.append(f"{judge.name} ({judge.group}): {self._row_words(judge)}")
        return "\n".join([*lines, *view.groups_agree])

    @staticmethod
    def _row_words(judge: JudgeLine) -> str:
        mean = _mean(judge.totals)
        sheets = f"{len(judge.totals)} sheet{'s' if len(judge.totals) != 1 else ''}"
        average = f", averaging {mean:.0f}" if mean is not None else ""
        return f"{sheets}{average}; {judge.leniency}"

    # ---- sizes ---------------------------------------------------------------------------

    def _row_height(self) -> int:
        return int(QFontMetrics(self.font()).height() * 1.6)

    def _rows(self) -> int:
        return 1 + len(self._view.judges) if self._view else 0

    def _content_height(self) -> int:
        # The rows, then a line for the scale's numbers under them.
        return self._rows() * self._row_height() + QFontMetrics(self.font()).lineSpacing() + 8

    def sizeHint(self) -> QSize:
        return QSize(QFontMetrics(self.font()).horizontalAdvance("M") * 60, self._content_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(QFontMetrics(self.font()).horizontalAdvance("M") * 30, self._content_height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, _width: int) -> int:
        return self._content_height()

    # ---- drawing -------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        view = self._view
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        metrics = QFontMetrics(self.font())
        if self.hasFocus():  # visible focus, 3:1 against the window
            painter.setPen(QPen(FOCUS, 3))
            painter.drawRect(QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5))
        if view is None:
            painter.end()
            return
        margin = metrics.horizontalAdvance("M")
        name_width = min(self.width() // 3, metrics.horizontalAdvance("M") * 14)
        scale_left = margin + name_width
        scale_width = max(60, self.width() - scale_left - 2 * margin)
        row = self._row_height()
        rows: list[tuple[str, tuple[float, ...], bool]] = [
            ("The panel", view.panel, True),
            *((j.name, j.totals, False) for j in view.judges),
        ]
        for index, (name, totals, is_panel) in enumerate(rows):
            top = 4 + index * row
            painter.setPen(text)
            label = metrics.elidedText(name, Qt.TextElideMode.ElideRight, name_width - margin)
            painter.drawText(QPointF(margin, top + metrics.ascent()), label)
            line_y = top + metrics.height() * 0.6
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
            painter.drawLine(QPointF(scale_left, line_y), QPointF(scale_left + scale_width, line_y))
            for tick in (0, 50, 100):
                x = scale_left + scale_width * tick / 100
                painter.drawLine(QPointF(x, line_y - 4), QPointF(x, line_y + 4))
            colour = PANEL_DOT if is_panel else DOT
            painter.setPen(QPen(colour, 1))
            painter.setBrush(colour)
            radius = max(3.0, metrics.height() / 6)
            for total in totals:
                x = scale_left + scale_width * max(0.0, min(100.0, total)) / 100
                painter.drawEllipse(QPointF(x, line_y), radius, radius)
            mean = _mean(totals)
            if mean is not None:  # the row's average: a bar across the line, not a colour
                x = scale_left + scale_width * mean / 100
                painter.setPen(QPen(text, 2))
                painter.drawLine(QPointF(x, line_y - radius * 2), QPointF(x, line_y + radius * 2))
        painter.setPen(text)
        baseline = 4 + len(rows) * row + metrics.ascent()
        for tick in (0, 50, 100):
            label = str(tick)
            x = scale_left + scale_width * tick / 100 - metrics.horizontalAdvance(label) / 2
            painter.drawText(QPointF(x, baseline), label)
        painter.end()


class JudgesAtAGlanceView(QWidget):
    """The chart, and the same in words beneath it (they wrap at any text size)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = JudgesChart(self)
        self.words = QLabel(self)
        self.words.setWordWrap(True)
        self.words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chart)
        layout.addWidget(self.words)

    def set_view(self, view: JudgesAtAGlance | None) -> None:
        self.chart.set_view(view)
        if view is None:
            self.words.setText("")
            return
        self.words.setText(
            "Scale 0 to 100; a dot is one sheet's total, a bar each row's average.\n"
            + self.chart.describe()
        )
