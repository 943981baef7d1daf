"""The app's own colours and style rules, on top of the platform's style.

Three promises to people who cannot see the screen well (WCAG 2.2 AA, DESIGN.md):

- every text colour on its background reaches 4.5:1, including selected rows (the platform's
  #308cc6 behind white is 3.7:1) and placeholder text (the platform's half-transparent black
  is 4.0:1);
- every control that takes the keyboard shows it: when it has focus its edge turns into a
  3 px ring of ``FOCUS`` (6.7:1 against white, 5.9:1 against the window grey). Each rule
  keeps border + padding the same width with and without focus, so nothing moves or
  reflows when focus arrives: the two pixels inside the thin border simply turn blue;
- the edges of inputs (``EDGE``) reach 3:1 so people can find them.

Sizes follow the text size: padding is small and fixed, and tick boxes are drawn as tall as
a line of text, so people who use large text get tick boxes they can see and hit.

The colour constants are used by the views that tint rows (``scoring_models``,
``results_models``) and by ``TEXT_PAIRS``, which the accessibility tests check.
"""

from PySide6.QtGui import QFont, QFontMetrics

INK = "#1f2328"  # body text: 15.8:1 on white
PAPER = "#ffffff"
WINDOW = "#efefef"  # the platform's window grey, which we keep
EDGE = "#6e7781"  # input borders: 4.6:1 on white, 4.1:1 on the window grey
FOCUS = "#1d4ed8"  # focus rings and selected rows: 6.7:1 with white
ON_FOCUS = "#ffffff"
PLACEHOLDER = "#57606a"  # hints inside empty fields: 6.3:1 on white
ERROR = "#9b1c1c"  # error words: 7.9:1 on white, 7.0:1 on the window grey
BUTTON = "#f6f8fa"
BUTTON_HOVER = "#eaeef2"
BUTTON_PRESSED = "#d0d7de"
DISABLED_TEXT = "#6e7781"  # WCAG exempts inactive controls; still 4.1:1 on the buttons
CURRENT = "#eef4ff"  # the criterion being scored, behind INK
WARNING_TINT = "#fff4d6"  # in progress, banners, the winner's row
DONE_TINT = "#e3f4e6"  # complete
QUIET_TINT = "#ececec"  # declared interest

# Every text/background pair these rules and the row tints use, for the contrast test.
TEXT_PAIRS: tuple[tuple[str, str, str], ...] = (
    ("body text", INK, PAPER),
    ("body text on the window", INK, WINDOW),
    ("buttons", INK, BUTTON),
    ("buttons under the pointer", INK, BUTTON_HOVER),
    ("buttons pressed", INK, BUTTON_PRESSED),
    ("selected rows and the chosen score", ON_FOCUS, FOCUS),
    ("placeholder text", PLACEHOLDER, PAPER),
    ("error messages", ERROR, PAPER),
    ("error messages on the window", ERROR, WINDOW),
    ("the criterion being scored", INK, CURRENT),
    ("in progress, banners, the winner", INK, WARNING_TINT),
    ("complete", INK, DONE_TINT),
    ("declared interest", INK, QUIET_TINT),
)

# Every edge, ring and state colour against what it sits on: 3:1 (WCAG 1.4.11).
EDGE_PAIRS: tuple[tuple[str, str, str], ...] = (
    ("input and button edges", EDGE, PAPER),
    ("input and button edges on the window", EDGE, WINDOW),
    ("focus ring on white", FOCUS, PAPER),
    ("focus ring on the window", FOCUS, WINDOW),
    ("focus ring on a button", FOCUS, BUTTON),
    ("focus ring of a score on its line", INK, CURRENT),
    ("the chosen score on its line", FOCUS, CURRENT),
    ("the chosen tab's line", FOCUS, PAPER),
)

# Room above and below the words of a list row, as a share of a line of text.
ROW_ROOM = 0.35

# A thin edge and 2 px of padding unfocused; a 3 px ring and no extra padding focused.
_RING = f"border: 3px solid {FOCUS};"

_RULES = f"""
* {{
    selection-background-color: {FOCUS};
    selection-color: {ON_FOCUS};
    placeholder-text-color: {PLACEHOLDER};
}}
QListView::item {{ padding: 4px 6px; }}
QTreeView::item {{ padding: 4px 2px; }}

QPushButton, QToolButton {{
    color: {INK}; background: {BUTTON}; border: 1px solid {EDGE}; border-radius: 4px;
    padding: 6px 16px;
}}
QToolButton[popupMode="2"] {{ padding-right: 26px; }}
QPushButton:hover, QToolButton:hover {{ background: {BUTTON_HOVER}; }}
QPushButton:pressed, QToolButton:pressed {{ background: {BUTTON_PRESSED}; }}
QPushButton:disabled, QToolButton:disabled {{ color: {DISABLED_TEXT}; }}
QPushButton:focus, QToolButton:focus {{ {_RING} padding: 4px 14px; }}
QToolButton[popupMode="2"]:focus {{ padding-right: 24px; }}

QLineEdit, QAbstractSpinBox, QComboBox {{
    color: {INK}; background: {PAPER}; border: 1px solid {EDGE}; border-radius: 3px;
    padding: 4px 6px;
}}
QComboBox {{ padding-right: 24px; }}
QLineEdit:focus, QAbstractSpinBox:focus, QComboBox:focus {{ {_RING} padding: 2px 4px; }}
QComboBox:focus {{ padding-right: 22px; }}
QComboBox QAbstractItemView {{ border: 1px solid {EDGE}; padding: 0; }}

/* The certificate preview (QPdfView) is a scrolling view like the others: same edge, same ring. */
QAbstractItemView, QTextEdit, QPlainTextEdit, QPdfView {{
    border: 1px solid {EDGE}; padding: 2px;
}}
QAbstractItemView:focus, QTextEdit:focus, QPlainTextEdit:focus, QPdfView:focus {{
    {_RING} padding: 0px;
}}
QHeaderView {{ border: none; padding: 0px; }}  /* a table's headers are part of its edge */

QTabBar::tab {{
    color: {INK}; background: {BUTTON_HOVER}; border: 1px solid {EDGE};
    border-top-left-radius: 4px; border-top-right-radius: 4px;
    padding: 6px 14px; margin-right: 2px;
}}
/* The chosen tab: white, with a blue line under its words (6.7:1, not a tint alone). */
QTabBar::tab:selected {{
    background: {PAPER}; border-bottom: 3px solid {FOCUS}; padding-bottom: 4px;
}}
QTabBar::tab:focus {{ {_RING} padding: 4px 12px; }}

QCheckBox, QRadioButton {{ border: 1px solid transparent; border-radius: 3px; padding: 3px; }}
QCheckBox:focus, QRadioButton:focus {{ {_RING} padding: 1px; }}

QLabel#signInMessage, QLabel#errorMessage {{ color: {ERROR}; font-weight: 600; }}
"""


def style_sheet(font: QFont) -> str:
    """The style sheet for text in ``font`` (the application's font)."""
    # The platform draws tick boxes at a fixed 13 px or so, whatever the text size.
    box = max(13, round(QFontMetrics(font).height() * 0.8))
    indicators = (
        "QCheckBox::indicator, QRadioButton::indicator, QAbstractItemView::indicator,"
        f" QGroupBox::indicator {{ width: {box}px; height: {box}px; }}\n"
    )
    # A spin box's arrows need room of their own once the box has a style-sheet border.
    arrows = max(18, round(QFontMetrics(font).height() * 0.9))
    spin = (
        f"QAbstractSpinBox {{ padding-right: {arrows + 2}px; }}\n"
        f"QAbstractSpinBox:focus {{ padding-right: {arrows}px; }}\n"
        "QAbstractSpinBox::up-button, QAbstractSpinBox::down-button,"
        f" QComboBox::drop-down {{ width: {arrows}px; }}\n"
    )
    # Lists of names (sign-in, the areas, nominating bodies, merging): rows with room around
    # their words at any text size. After QListView's rule in ``_RULES``, which would
    # otherwise win (same specificity: the later rule applies).
    lines = QFontMetrics(font).height()
    rows = (
        f"QListWidget::item {{ padding: {max(6, round(lines * ROW_ROOM))}px"
        f" {max(8, round(lines * ROW_ROOM * 4 / 3))}px; }}\n"
    )
    return _RULES + indicators + spin + rows


# The scoring workspace's own rules: the criterion rows and their score buttons, the banner.
SCORING_RULES = f"""
QGroupBox#criterionRow {{
    border: 1px solid {EDGE}; border-radius: 4px; margin: 0; padding: 4px 8px;
}}
/* The criterion the next digit scores: tinted and marked ▶ (the words say it too). */
QGroupBox#criterionRow[current="true"] {{ background: {CURRENT}; }}
/* The keyboard is on one of its scores: the row's edge becomes the focus ring as well. */
QGroupBox#criterionRow[focusWithin="true"] {{ border: 3px solid {FOCUS}; padding: 2px 6px; }}
QRadioButton#scoreButton {{
    color: {INK}; background: {BUTTON}; border: 1px solid {EDGE}; border-radius: 4px;
    margin: 3px; padding: 4px 12px;
}}
QRadioButton#scoreButton {{ spacing: 0px; }}
QRadioButton#scoreButton::indicator {{
    image: none; border: none; background: none; width: 0px; height: 0px;
}}
QRadioButton#scoreButton:checked {{ color: {ON_FOCUS}; background: {FOCUS}; }}
/* The ring grows outwards over the row's background, so it shows on the chosen (blue)
   score as well as on the others. */
QRadioButton#scoreButton:focus {{ border: 4px solid {INK}; margin: 0px; }}
QLabel#scoringBanner {{
    background: {WARNING_TINT}; color: {INK}; border: 1px solid #d4a72c;
    border-radius: 4px; padding: 8px;
}}
QLabel#interestNotice {{
    background: {QUIET_TINT}; color: {INK}; border-radius: 4px; padding: 8px;
}}
QLabel#scoreProblem {{ color: {ERROR}; font-weight: 600; }}
"""
