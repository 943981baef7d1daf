"""The app's few style rules: roomy rows and clear focus, on top of the platform's own style.

Sizes are in ``em``-like terms (padding only), so text follows the system font size.
"""

STYLE_SHEET = """
QListWidget::item { padding: 6px 8px; }
QListView::item { padding: 4px 6px; }
QTreeView::item { padding: 4px 2px; }
QPushButton { padding: 5px 14px; }
*:focus { outline: 2px solid #1d4ed8; }
QLabel#signInMessage, QLabel#errorMessage { color: #9b1c1c; font-weight: 600; }
"""
