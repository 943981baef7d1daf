"""``ui.errors.confirm``: the window's one yes-or-no question, with No as the default, so
Enter or Escape never agree to something that cannot simply be undone."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from csx_desktop.ui.errors import confirm


@pytest.mark.parametrize(
    ("clicked", "agreed"),
    [(QMessageBox.StandardButton.Yes, True), (QMessageBox.StandardButton.No, False)],
)
def test_confirm_is_yes_only_when_yes_is_chosen_and_no_is_the_default(
    qapp: object,
    monkeypatch: pytest.MonkeyPatch,
    clicked: QMessageBox.StandardButton,
    agreed: bool,
) -> None:
    asked: list[tuple[object, ...]] = []

    def question(*args: object) -> QMessageBox.StandardButton:
        asked.append(args)
        return clicked

    monkeypatch.setattr(QMessageBox, "question", question)
    assert confirm(None, "Erase?", "Erase it all?") is agreed
    (_parent, title, text, buttons, default) = asked[0]
    assert (title, text) == ("Erase?", "Erase it all?")
    assert default == QMessageBox.StandardButton.No
    assert buttons == QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
