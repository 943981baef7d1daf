"""The Round settings area (built out with its issue)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from csx_desktop.ui.areas.base import Area
from csx_desktop.ui.session import Session
from csx_desktop.ui.widgets.empty_state import EmptyState


class SettingsArea(Area):
    TITLE = "Round settings"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(
            EmptyState(
                "Round settings",
                (
                    "The round's name, year, ceremony date, the certificate signatories, "
                    "the voting window and the scoring rules will be edited here."
                ),
            )
        )
