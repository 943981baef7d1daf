"""The Scoring progress area (built out with its issue)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from csx_desktop.ui.areas.base import Area
from csx_desktop.ui.session import Session
from csx_desktop.ui.widgets.empty_state import EmptyState


class ProgressArea(Area):
    TITLE = "Scoring progress"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(
            EmptyState(
                "Scoring progress",
                (
                    "Once the panel starts scoring, a table here shows every member against"
                    " every entry: not started, in progress, complete or declared interest."
                ),
            )
        )
