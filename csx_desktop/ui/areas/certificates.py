"""The Certificates area (built out with its issue)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from csx_desktop.ui.areas.base import Area
from csx_desktop.ui.session import Session
from csx_desktop.ui.widgets.empty_state import EmptyState


class CertificatesArea(Area):
    TITLE = "Certificates"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(
            EmptyState(
                "Certificates",
                (
                    "Once decisions are recorded, the certificates for winners, highly "
                    "commended and nominees are listed here to preview, save as PDF and "
                    "print."
                ),
            )
        )
