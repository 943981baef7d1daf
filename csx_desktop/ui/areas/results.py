"""The Results area (built out with its issue)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from csx_desktop.ui.areas.base import Area
from csx_desktop.ui.session import Session
from csx_desktop.ui.widgets.empty_state import EmptyState


class ResultsArea(Area):
    TITLE = "Results"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(
            EmptyState(
                "Results",
                (
                    "Rankings appear here as soon as entries have enough complete "
                    "scoresheets: score, spread, where judges disagree and ties. The chair "
                    "records each category's decision here."
                ),
            )
        )
