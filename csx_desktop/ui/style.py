"""The app's few style rules: roomy rows and clear focus, on top of the platform's own style.

Sizes follow the text size: padding is small and fixed, and tick boxes are drawn as tall as
a line of text, so people who use large text get tick boxes they can see and hit.
"""

from PySide6.QtGui import QFont, QFontMetrics

_RULES = """
QListWidget::item { padding: 6px 8px; }
QListView::item { padding: 4px 6px; }
QTreeView::item { padding: 4px 2px; }
QPushButton { padding: 5px 14px; }
*:focus { outline: 2px solid #1d4ed8; }
QLabel#signInMessage, QLabel#errorMessage { color: #9b1c1c; font-weight: 600; }
"""


def style_sheet(font: QFont) -> str:
    """The style sheet for text in ``font`` (the application's font)."""
    # The platform draws tick boxes at a fixed 13 px or so, whatever the text size.
    box = max(13, round(QFontMetrics(font).height() * 0.8))
    indicators = (
        "QCheckBox::indicator, QRadioButton::indicator, QAbstractItemView::indicator,"
        f" QGroupBox::indicator {{ width: {box}px; height: {box}px; }}"
    )
    return _RULES + indicators + "\n"
