"""The Nominations area (built out with its issue)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from csx_desktop.ui.areas.base import Area
from csx_desktop.ui.session import Session
from csx_desktop.ui.widgets.empty_state import EmptyState


class NominationsArea(Area):
    TITLE = "Nominations"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(
            EmptyState(
                "Nominations",
                (
                    "The nominations will be listed here, grouped into entries per "
                    "category. Import the export from your form tool with File > Import "
                    "nominations…, or add one by hand."
                ),
            )
        )
