"""A question answered in a few lines of text, where Tab moves on instead of typing a tab.

``QInputDialog.getMultiLineText`` traps the Tab key inside its text box (WCAG 2.1.2, issue
13): a keyboard user cannot reach OK. ``ask_multiline`` builds the same dialog with that one
setting changed and the question as the box's accessible name; use it for every reason the
audit log asks for.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QPlainTextEdit, QWidget


def ask_multiline(parent: QWidget | None, title: str, label: str) -> tuple[str, bool]:
    """(the text, True) when answered with OK; (whatever was typed, False) when cancelled."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
    box = dialog.findChild(QPlainTextEdit)
    if box is not None:
        box.setTabChangesFocus(True)
        box.setAccessibleName(label)
    accepted = dialog.exec() == QInputDialog.DialogCode.Accepted
    return dialog.textValue(), accepted
