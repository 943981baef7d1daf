"""Help > How to score (F1): the scoring page in plain words, with every key it answers to.

The panel includes members of the public who have never used the app; this is the page
they can open at any time without leaving their scores. ``SCORING_KEYS`` is the one list
of keys: this page shows it and a test presses each of them in the workspace.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

# (keys, what they do), in the order a judge meets them.
SCORING_KEYS: tuple[tuple[str, str], ...] = (
    (
        "0 to 5",
        "Score the highlighted line (marked ▶). Works from the list of entries and "
        "while you read the nominations too.",
    ),
    ("Up, Down", "Move to the line above or below."),
    ("Left, Right", "Take one off the score, or add one."),
    ("Home, End", "Score 0, or the top score."),
    ("Delete", "Clear the score on this line."),
    ("Ctrl+Enter", "Go to the next entry you have to score."),
    ("Ctrl+Shift+Enter", "Go back to the previous entry."),
    ("Ctrl+Z", "Undo your last change."),
    ("Ctrl+Shift+Z", "Redo what you undid."),
    (
        "Tab, Shift+Tab",
        "Move between the entries, the nominations, the scores, the comment and the buttons.",
    ),
    ("Enter (in the list of entries)", "Go to the scores of the chosen entry."),
    ("Alt+C", "Go to the comment box."),
    ("Alt+U, Alt+N, Alt+S", "The buttons at the bottom: Undo, Next entry, Submit category."),
    ("Alt+E", "Go to the list of entries."),
    (
        "Ctrl+Page Down, Ctrl+Page Up",
        "Show the next or previous tab (another category, or Results).",
    ),
    ("F1", "Open this page."),
    ("Ctrl+Shift+L", "Switch person: go back to the sign-in screen for the next person."),
)

_STEPS = (
    "Choose an entry in the list on the left. Its nominations are shown on the right: "
    "read them all.",
    "Score each line from 0 (no evidence) to 5 (exceptional). The words for each score are "
    "shown beside it when you choose it.",
    "Each score is saved the moment you give it. The line at the bottom says “Saved” and "
    "the time. There is no Save button, and closing the laptop loses nothing.",
    "Add a comment if you want to. It is saved when you stop typing.",
    "If you know a nominee, you said so before scoring (a declared interest). You do not "
    "score that entry.",
    "When every entry is scored, choose Submit category. After that you cannot change your "
    "scores; the chair can reopen the category if one must change.",
    "Once you have submitted, the Results tab shows the panel's scores for that category.",
)


def how_to_score_html() -> str:
    steps = "".join(f"<li>{html.escape(step)}</li>" for step in _STEPS)
    rows = "".join(
        f"<tr><td><b>{html.escape(keys)}</b></td><td>{html.escape(what)}</td></tr>"
        for keys, what in SCORING_KEYS
    )
    return (
        "<h2>How to score</h2>"
        f"<ol>{steps}</ol>"
        "<h3>Keys</h3>"
        "<p>Everything can be done with the keyboard.</p>"
        f"<table cellpadding='4'><tr><th align='left'>Key</th><th align='left'>What it does"
        f"</th></tr>{rows}</table>"
        "<p>Need help on the day? Ask the chair or the administrator.</p>"
    )


class HowToScoreDialog(QDialog):
    """The help page; it does not block the window behind it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("How to score")
        self.text = QTextBrowser()
        self.text.setAccessibleName("How to score")
        self.text.setOpenLinks(False)
        self.text.setHtml(how_to_score_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        # Sized in text, but never beyond the screen, at whatever text size.
        metrics = self.fontMetrics()
        width = metrics.horizontalAdvance("M") * 60
        height = metrics.lineSpacing() * 36
        screen = self.screen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, int(available.width() * 0.9))
            height = min(height, int(available.height() * 0.9))
        self.resize(width, height)
        self.text.setFocus()
