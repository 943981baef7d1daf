"""Table columns as wide as their widest words, measured once for each change of the rows.

``QHeaderView.ResizeToContents`` asks the view for every cell's size hint (each a dozen
questions to the model: text, font, alignment, icon, tick box…) and asks again at every
layout: opening the Results area on 500 entries measured the ranking three times and the
counts table's every row once, about 0.2 s (benchmarks/ui_latency.py).
``fit_columns_to_contents(view)`` gives the same look by measuring only the text of each
cell, with the view's font, once after each change of the model or the font (or, for a table
not on screen, when it is shown): every row counts, so a long name far down the ranking is
never cut. A model with a
``column_texts(column)`` method (every row's text, or each distinct text once) is measured
without asking it cell by cell. The last column, when it stretches, takes what is left and
wraps. Columns stay resizable by hand until the rows or the font change.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

_DISPLAY = Qt.ItemDataRole.DisplayRole
# What Qt's item delegate puts either side of a cell's text (the style's focus frame margin
# and a pixel, 3 in Qt's styles) and the grid line, with a pixel to spare.
_MARGIN = 8


class _ColumnFitter(QObject):
    """Fits the columns of one table; owned by the table, so it lives as long."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self._stale = True  # measured when first shown
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.installEventFilter(self)
        self._watched_model: object = None
        self._watch_model()

    def _watch_model(self) -> None:
        model = self.view.model()
        if model is None or model is self._watched_model:
            return
        self._watched_model = model
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
            signal.connect(self.fit)
        model.dataChanged.connect(self.fit)

    def fit(self, *_args: object) -> None:
        """Set each column's width to its widest text (the header's included); a table not
        on screen (a tab behind another) is measured when it is shown."""
        view = self.view
        self._watch_model()
        model = view.model()
        if model is None:
            return
        if not view.isVisible():
            self._stale = True
            return
        self._stale = False
        header = view.horizontalHeader()
        metrics = view.fontMetrics()
        columns = model.columnCount()
        rows = model.rowCount()
        last = columns - 1 if header.stretchLastSection() else columns
        for column in range(min(columns, last)):
            texts = set(_texts(model, column, rows))
            widest = max((metrics.horizontalAdvance(t) for t in texts if t), default=0)
            width = header.sectionSizeFromContents(column).width()
            header.resizeSection(column, max(width, widest + _MARGIN))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view:
            kind = event.type()
            if kind in (QEvent.Type.FontChange, QEvent.Type.StyleChange) or (
                kind == QEvent.Type.Show and self._stale
            ):
                self.fit()
        return False


def _texts(model: QAbstractItemModel, column: int, rows: int) -> Iterable[str]:
    """Every row's text in a column: from the model's ``column_texts(column)`` when it has
    one (a plain list, without a Qt call per cell), else asked cell by cell."""
    column_texts = getattr(model, "column_texts", None)
    if callable(column_texts):
        return column_texts(column)
    return (str(model.data(model.index(row, column), _DISPLAY) or "") for row in range(rows))


def fit_columns_to_contents(view: QTableView) -> None:
    """Make ``view``'s columns as wide as their widest text, measured once per change."""
    if view.findChild(_ColumnFitter) is None:
        _ColumnFitter(view)
