"""A panel member's window body: their categories to score (built out with the scoring issue)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from csx_desktop.ui.session import Session
from csx_desktop.ui.widgets.empty_state import EmptyState


class MemberWorkspace(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        store = session.store
        member = session.person.member
        assert member is not None
        names = [store.round.category(c).name for c in sorted(member.category_ids)]
        layout = QVBoxLayout(self)
        layout.addWidget(
            EmptyState(
                f"Welcome, {member.name}",
                "You judge: " + (", ".join(names) if names else "no categories yet") + ".",
            )
        )
