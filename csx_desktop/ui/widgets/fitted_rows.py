"""Table rows as tall as their words, measured only for the rows on screen.

``QHeaderView.ResizeToContents`` on a table's rows measures every row of the model whenever
the layout asks, including when the table is merely hidden behind another area: with 1,500
entries that was two seconds for each change of area, sixteen for opening Scoring progress
(benchmarks/ui_latency.py). ``fit_rows_to_contents(view)`` gives the same look (a long name
wraps onto a second line, text at 200% makes rows taller) by measuring only the rows in the
viewport, after each scroll, resize, sort, font change or change of the model; rows not yet
seen stay one line high until they scroll into view.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

_MARGIN = 6  # pixels above and below one line of text in a row, as Qt's own rows have


class _RowFitter(QObject):
    """Fits the rows in view of one table; owned by the table, so it lives as long."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)  # once per turn of the event loop, however many causes
        self._timer.timeout.connect(self.fit_visible)
        header = view.verticalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._follow_font()
        view.verticalScrollBar().valueChanged.connect(self.later)
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)
        self._watched_model: object = None
        self._watch_model()

    def _watch_model(self) -> None:
        model = self.view.model()
        if model is None or model is self._watched_model:
            return
        self._watched_model = model
        for signal in (
            model.modelReset,
            model.layoutChanged,
            model.rowsInserted,
            model.rowsRemoved,
            model.dataChanged,
        ):
            signal.connect(self.later)

    def _follow_font(self) -> None:
        line = self.view.fontMetrics().lineSpacing() + _MARGIN
        header = self.view.verticalHeader()
        header.setMinimumSectionSize(line)
        header.setDefaultSectionSize(line)

    def later(self, *_args: object) -> None:
        self._timer.start()

    def fit_visible(self) -> None:
        view = self.view
        self._watch_model()
        model = view.model()
        if model is None or not view.isVisible():
            return
        top = view.rowAt(0)
        if top < 0:
            return
        bottom = view.rowAt(view.viewport().height() - 1)
        last = model.rowCount() - 1 if bottom < 0 else bottom
        # Fitting a row can shrink it and pull more rows into view: go on until the viewport
        # is full or the model ends (a bounded loop: each pass fits at least one more row).
        row = top
        while row <= last:
            view.resizeRowToContents(row)
            row += 1
            if row > last:
                bottom = view.rowAt(view.viewport().height() - 1)
                last = model.rowCount() - 1 if bottom < 0 else max(last, bottom)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.FontChange, QEvent.Type.StyleChange) and watched is self.view:
            self._follow_font()
            self.later()
        elif kind in (QEvent.Type.Resize, QEvent.Type.Show):
            self.later()
        return False


def fit_rows_to_contents(view: QTableView) -> None:
    """Make ``view``'s rows as tall as their words, measuring only the rows on screen."""
    if view.findChild(_RowFitter) is None:
        _RowFitter(view)
