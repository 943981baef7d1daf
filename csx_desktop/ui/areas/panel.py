"""The Panel area (built out with its issue)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from csx_desktop.ui.areas.base import Area
from csx_desktop.ui.session import Session
from csx_desktop.ui.widgets.empty_state import EmptyState


class PanelArea(Area):
    TITLE = "Panel"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(
            EmptyState(
                "Panel",
                (
                    "The judging panel will be listed here: each member's group, the "
                    "categories they judge, their PIN and any interests they declared. Add "
                    "members here or with csx-admin import panel."
                ),
            )
        )
