"""The Shining Star area (built out with its issue)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from csx_desktop.ui.areas.base import Area
from csx_desktop.ui.session import Session
from csx_desktop.ui.widgets.empty_state import EmptyState


class ShiningStarArea(Area):
    TITLE = "Shining Star"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(
            EmptyState(
                "Shining Star",
                (
                    "The Shining Star shortlist appears here, one nominee per Service "
                    "Director and Xentrall Shared Services, then the staff vote count once "
                    "you import the ballots."
                ),
            )
        )
