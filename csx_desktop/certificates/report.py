"""The results report: the record of the judging, as a flowing PDF built with ReportLab Platypus.

What it holds, in order: the round and what each category decided; the panel and its groups;
per category the ranked table (score, judge-adjusted, sheets, spread, group means, flags) and
the decision with its reason; the Shining Star count; the other counts side by side; the
declared interests (who stood aside from what); decisions that were reopened; and every
reopening of a member's submitted scores. Every page carries the round, the date the report
was produced and "Page n of N". Fonts are the shipped Noto Sans, embedded; the document is
created with ``initialFontName`` so no unembedded Helvetica is referenced.

Every name and every other text a person typed goes through ``_esc`` (``scripts.markup``):
Arabic and Hebrew are drawn in their own fonts, in right-to-left order and shaped, and a
character no bundled font has is shown as its code point ("[U+738B]"), never left blank.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from csx_desktop.certificates.certificate import display, draw_text
from csx_desktop.certificates.fonts import SANS, SANS_BOLD, SANS_ITALIC, register_fonts
from csx_desktop.certificates.scripts import markup
from csx_desktop.domain.model import Method, PanelGroup
from csx_desktop.domain.names import sort_key
from csx_desktop.domain.scoring import CategoryResult, rounded
from csx_desktop.domain.votes import Tally
from csx_desktop.store.files import check_destination, write_file

if TYPE_CHECKING:
    from csx_desktop.domain.counts import Counts
    from csx_desktop.store.results import ResultsReport

# Quiet, print-friendly colours: the council's navy for headings, grey rules, a pale band.
NAVY = "#1f3a5f"
RULE = "#9aa5b1"
BAND = "#eef2f6"
WINNER_BAND = "#fff4d6"


def write_report(
    report: ResultsReport,
    path: str | Path,
    *,
    produced: datetime | None = None,
    overwrite: bool = True,
) -> int:
    """Write a results report to ``path``; returns the number of pages.

    ``report`` comes from ``operations.results.write_results_report``, which decides what the
    person asking may have in it. Rendered in memory, then written beside ``path`` and renamed
    into place: a failure (a full disk) leaves the previous report as it was and says why in
    one line. ``overwrite=False`` refuses an existing file.
    """
    check_destination(Path(path), overwrite=overwrite)  # before any drawing
    buffer = io.BytesIO()
    pages = render_report(report, buffer, produced=produced)
    write_file(path, buffer.getvalue(), overwrite=overwrite)
    return pages


def render_report(
    report: ResultsReport,
    stream: IO[bytes],
    *,
    produced: datetime | None = None,
    invariant: bool = False,
) -> int:
    """Render the report to a binary stream; returns the number of pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    register_fonts()
    produced = produced or datetime.now().astimezone()
    settings = report.settings
    styles = _styles()
    footer = display(f"{settings.name} — results report · produced {_when(produced)}")
    doc = SimpleDocTemplate(
        stream,
        pagesize=A4,
        leftMargin=1.6 * cm,
        rightMargin=1.6 * cm,
        topMargin=1.6 * cm,
        bottomMargin=1.8 * cm,
        title=f"{settings.name} — results report",
        author="CSX Desktop",
        subject="The record of the judging",
        initialFontName=SANS,
        initialFontSize=9,
        invariant=1 if invariant else 0,
    )
    story = _story(report, styles, produced, doc.width)
    pages: list[int] = []
    doc.build(story, canvasmaker=_numbered_canvas(footer, pages))
    return pages[0] if pages else 0


# ---- page furniture ----------------------------------------------------------------------------


def _numbered_canvas(footer: str, pages: list[int]) -> Any:
    """A canvas class that holds pages back until the end, so each can say "Page n of N"."""
    from reportlab.lib.colors import HexColor
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            pages.append(total)
            for state in self._saved:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width, _ = self._pagesize
            self.saveState()
            self.setStrokeColor(HexColor(RULE))
            self.setLineWidth(0.5)
            self.line(45, 40, width - 45, 40)
            self.setFillColor(HexColor("#444444"))
            # The round's name may be in any script, like every other name.
            draw_text(self, 45, 28, footer, SANS, 8)
            self.drawRightString(width - 45, 28, f"Page {self._pageNumber} of {total}")
            self.restoreState()

    return NumberedCanvas


def _styles() -> dict[str, Any]:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("body", fontName=SANS, fontSize=9.5, leading=13, spaceAfter=4)
    navy = HexColor(NAVY)
    return {
        "body": base,
        "title": ParagraphStyle(
            "title", parent=base, fontName=SANS_BOLD, fontSize=20, leading=25, textColor=navy
        ),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=11, leading=15),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontName=SANS_BOLD,
            fontSize=14,
            leading=18,
            spaceBefore=14,
            spaceAfter=6,
            textColor=navy,
        ),
        "h2": ParagraphStyle(
            "h2", parent=base, fontName=SANS_BOLD, fontSize=11, leading=14, spaceBefore=8
        ),
        "note": ParagraphStyle(
            "note", parent=base, fontName=SANS_ITALIC, fontSize=8.5, leading=11.5
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10, spaceAfter=0),
        "cell_bold": ParagraphStyle(
            "cell_bold", parent=base, fontName=SANS_BOLD, fontSize=8, leading=10, spaceAfter=0
        ),
        "head": ParagraphStyle(
            "head",
            parent=base,
            fontName=SANS_BOLD,
            fontSize=7.5,
            leading=9.5,
            spaceAfter=0,
            textColor=HexColor("#ffffff"),
        ),
    }


# ---- the story ---------------------------------------------------------------------------------


def _story(
    report: ResultsReport, styles: dict[str, Any], produced: datetime, width: float
) -> list[Any]:
    from reportlab.platypus import Paragraph, Spacer

    settings = report.settings
    story: list[Any] = [
        Paragraph(_esc(settings.name, SANS_BOLD), styles["title"]),
        Paragraph(
            f"Results report: the record of the judging, {settings.year}", styles["subtitle"]
        ),
    ]
    facts = [f"Produced {_when(produced)}"]
    if settings.ceremony_date:
        facts.append(f"ceremony {settings.ceremony_date:%-d %B %Y}")
    story.append(Paragraph(" · ".join(facts), styles["body"]))
    counting = (
        "A sheet counts when every criterion is scored and its judge has not declared an "
        "interest in the entry. The judge-adjusted score is advisory: each judge's general "
        "leniency, estimated from the entries they shared with other judges, taken out."
    )
    if report.rules:
        story.append(
            Paragraph("The round's scoring rules, as stored in the round:", styles["note"])
        )
        story += [Paragraph(_esc(f"• {rule}"), styles["note"]) for rule in report.rules]
        story.append(Paragraph(counting, styles["note"]))
    else:
        story.append(
            Paragraph(
                f"Rules used: the entry score is the {settings.aggregate} of the counted judge "
                f"totals (0–100); an entry needs at least {settings.min_judges} counted sheets "
                f"to be ranked; a spread of {settings.disagreement_threshold:g} or more is "
                "flagged as a disagreement; scores equal to 2 decimals share a rank. " + counting,
                styles["note"],
            )
        )
    story.append(Spacer(1, 6))
    story += _decisions_summary(report, styles, width)
    story += _panel(report, styles, width)
    for result in report.categories:
        if result.category.method is Method.PANEL:
            counts = report.counts.get(int(result.category.id or 0))
            story += _panel_category(result, counts, styles, width)
        else:
            story += _vote_category(result, report.tally, styles, width)
    story += _other_counts(report, styles, width)
    story += _interests(report, styles, width)
    story += _reopened(report, styles, width)
    story += _submissions_reopened(report, styles, width)
    return story


def _decisions_summary(report: ResultsReport, styles: dict[str, Any], width: float) -> list[Any]:
    from reportlab.platypus import Paragraph

    rows = [["Category", "Winner", "Highly commended", "Recorded"]]
    for result in report.categories:
        decision = result.decision
        if decision is None:
            rows.append([result.category.name, "Not decided yet", "", ""])
            continue
        rows.append(
            [
                result.category.name,
                _names(result, decision.winners, joint=True),
                _names(result, decision.highly_commended) or "—",
                f"{decision.recorded_by}, {_when(decision.recorded_at)}",
            ]
        )
    return [
        Paragraph("The decisions", styles["h1"]),
        _table(rows, [0.2, 0.3, 0.3, 0.2], width, styles),
    ]


def _panel(report: ResultsReport, styles: dict[str, Any], width: float) -> list[Any]:
    from reportlab.platypus import Paragraph

    names = {r.category.id: r.category.name for r in report.categories}
    counts = {group: 0 for group in PanelGroup}
    rows = [["Member", "Group", "Role", "Judged"]]
    ordered = sorted(report.panel, key=lambda m: (list(PanelGroup).index(m.group), m.name))
    for member in ordered:
        counts[member.group] += 1
        judged = ", ".join(names[c] for c in sorted(member.category_ids) if c in names)
        rows.append([member.name, member.group.label, "Chair" if member.is_chair else "", judged])
    summary = "; ".join(f"{group.label}: {count}" for group, count in counts.items())
    return [
        Paragraph("The panel", styles["h1"]),
        Paragraph(f"{len(report.panel)} members. {summary}.", styles["body"]),
        _table(rows, [0.25, 0.33, 0.1, 0.32], width, styles),
    ]


def _panel_category(
    result: CategoryResult, counts: Counts | None, styles: dict[str, Any], width: float
) -> list[Any]:
    from reportlab.platypus import KeepTogether, Paragraph

    category = result.category
    head: list[Any] = [
        Paragraph(_esc(category.name, SANS_BOLD), styles["h1"]),
        Paragraph(_esc(category.description, SANS_ITALIC), styles["note"]),
    ]
    head += _decision_paragraphs(result, styles)
    if not result.entries:
        return [*head, Paragraph("There were no entries in this category.", styles["body"])]
    rows: list[list[Any]] = [
        [
            "Rank",
            "Entry",
            "Score",
            "Adj.",
            "Sheets",
            "Spread",
            "Catalyst",
            "CSE",
            "Officers",
            "Flags",
        ]
    ]
    highlight = []
    for index, entry in enumerate(result.entries, start=1):
        award = result.award(entry.entry_id)
        name = _esc(entry.nominee) + (f"<br/><b>{award}</b>" if award else "")
        if award:
            highlight.append(index)
        rows.append(
            [
                "—" if entry.rank is None else f"{entry.rank}{'=' if entry.tied else ''}",
                Paragraph(name, styles["cell"]),
                _num(entry.score),
                _num(counts.adjusted.get(entry.entry_id) if counts else None),
                str(entry.judges),
                _num(entry.spread),
                *(_num(entry.group_means.get(group)) for group in PanelGroup),
                Paragraph(_esc(", ".join(f.label for f in entry.flags)), styles["cell"]),
            ]
        )
    widths = [0.06, 0.25, 0.07, 0.07, 0.07, 0.07, 0.08, 0.07, 0.08, 0.18]
    table = _table(rows, widths, width, styles, numeric_from=2, numeric_to=8, bands=highlight)
    legend = Paragraph(
        "Rank “=” marks a tie. Adj.: the judge-adjusted score (advisory; see “Does the winner "
        "depend on how we count?”). Catalyst, CSE and Officers: the mean total given by each "
        "panel group.",
        styles["note"],
    )
    return [KeepTogether([*head, table]), legend]


def _vote_category(
    result: CategoryResult, tally: Tally, styles: dict[str, Any], width: float
) -> list[Any]:
    from reportlab.platypus import Paragraph, Spacer

    story: list[Any] = [
        Paragraph(_esc(result.category.name, SANS_BOLD), styles["h1"]),
        Paragraph(_esc(result.category.description, SANS_ITALIC), styles["note"]),
    ]
    story += _decision_paragraphs(result, styles)
    if not tally.candidates:
        names = ", ".join(e.nominee for e in result.entries) or "no nominees yet"
        story.append(
            Paragraph(f"Shortlist: {_esc(names)}. No votes have been counted.", styles["body"])
        )
        return story
    rows: list[list[Any]] = [["Candidate", "Nominated by", "Votes", "of which paper"]]
    highlight = []
    candidates = sorted(tally.candidates, key=lambda c: (-c.votes, sort_key(c.nominee)))
    for index, candidate in enumerate(candidates, start=1):
        entry = result.entry(candidate.entry_id)
        award = result.award(entry.entry_id) if entry is not None else ""
        if award:
            highlight.append(index)
        name = _esc(candidate.nominee) + (f"<br/><b>{award}</b>" if award else "")
        rows.append(
            [
                Paragraph(name, styles["cell"]),
                candidate.nominating_body,
                str(candidate.votes),
                str(candidate.paper_votes),
            ]
        )
    story.append(
        _table(rows, [0.35, 0.41, 0.12, 0.12], width, styles, numeric_from=2, bands=highlight)
    )
    ballots = (
        f"Online ballots: {tally.valid} counted, {tally.superseded} superseded by the same "
        f"voter's counted ballot, {tally.invalid} invalid."
    )
    reasons = tally.invalid_by_reason
    if reasons:
        ballots += " Invalid: " + "; ".join(f"{r} ({n})" for r, n in sorted(reasons.items())) + "."
    story.append(Spacer(1, 4))
    story.append(Paragraph(_esc(ballots), styles["body"]))
    if tally.tied:
        story.append(
            Paragraph(
                "<b>The count is tied at the top</b>; the decision above resolves it.",
                styles["body"],
            )
        )
    return story


def _decision_paragraphs(result: CategoryResult, styles: dict[str, Any]) -> list[Any]:
    from reportlab.platypus import Paragraph

    decision = result.decision
    if decision is None:
        return [Paragraph("<b>Decision:</b> not recorded yet.", styles["body"])]
    text = f"<b>Decision:</b> {_esc(_names(result, decision.winners, joint=True))}"
    if decision.highly_commended:
        text += f"; highly commended: {_esc(_names(result, decision.highly_commended))}"
    text += f". Recorded by {_esc(decision.recorded_by)}, {_when(decision.recorded_at)}."
    paragraphs = [Paragraph(text, styles["body"])]
    if decision.reason:
        paragraphs.append(Paragraph(f"<b>Reason:</b> {_esc(decision.reason)}", styles["body"]))
    return paragraphs


def _other_counts(report: ResultsReport, styles: dict[str, Any], width: float) -> list[Any]:
    """Each scored category counted other reasonable ways, the top five side by side; how
    often the first is first when the panel is resampled; each judge's leniency in words
    (never the score of any sheet)."""
    from reportlab.platypus import KeepTogether, Paragraph

    if not any(counts.own for counts in report.counts.values()):
        return []  # no sheet counts yet: nothing to compare
    story: list[Any] = [
        Paragraph("Does the winner depend on how we count?", styles["h1"]),
        Paragraph(
            "Beside the round's own count, three other reasonable ways, advisory: the "
            "judge-adjusted score (each judge's general leniency, estimated from the entries "
            "they shared with other judges, taken out); a Borda count of each judge's own "
            "ranking (their best 100, their last 0); and head to head (the entry more judges "
            "put above each other one, if there is one). “First in resamples” is how often "
            "an entry comes first when the panel is drawn again at random from its own judges "
            "(200 times, the same each time the report is made).",
            styles["note"],
        ),
    ]
    members = {m.id: m.name for m in report.panel if m.id is not None}
    for result in report.categories:
        counts = report.counts.get(int(result.category.id or 0))
        if result.category.method is not Method.PANEL or counts is None or not counts.own:
            continue
        names = {entry.entry_id: entry.nominee for entry in result.entries}
        ranked = [e for e in result.entries if e.entry_id in counts.eligible][:5]
        if not ranked:
            story.append(Paragraph(_esc(result.category.name, SANS_BOLD), styles["h2"]))
            story.append(Paragraph(_esc(counts.in_words(names, members)), styles["body"]))
            continue
        rows: list[list[Any]] = [
            ["Entry", f"Score ({counts.method})", "Adjusted", "Borda", "First in resamples"]
        ]
        for entry in ranked:
            share = counts.first_share.get(entry.entry_id)
            rows.append(
                [
                    Paragraph(_esc(entry.nominee), styles["cell"]),
                    _num(counts.own.get(entry.entry_id)),
                    _num(counts.adjusted.get(entry.entry_id)),
                    _num(counts.borda.get(entry.entry_id)),
                    "—" if share is None else f"{round(100 * share)}%",
                ]
            )
        condorcet = counts.condorcet
        head_to_head = (
            f"Head to head, {names.get(condorcet, 'an entry')} beats every other entry."
            if condorcet is not None
            else "Head to head, no entry beats every other one."
        )
        leniency = "; ".join(
            f"{members.get(judge, f'judge {judge}')} {counts.leniency_in_words(judge)}"
            for judge in sorted(counts.leniency, key=lambda j: sort_key(members.get(j, "")))
        )
        story.append(
            KeepTogether(
                [
                    Paragraph(_esc(result.category.name, SANS_BOLD), styles["h2"]),
                    Paragraph(_esc(counts.in_words(names, members)), styles["body"]),
                    _table(rows, [0.36, 0.16, 0.16, 0.14, 0.18], width, styles, numeric_from=1),
                    Paragraph(_esc(head_to_head), styles["body"]),
                ]
            )
        )
        if leniency:
            story.append(Paragraph(_esc(f"The judges: {leniency}."), styles["note"]))
    return story


def _interests(report: ResultsReport, styles: dict[str, Any], width: float) -> list[Any]:
    from reportlab.platypus import Paragraph

    story: list[Any] = [Paragraph("Declared interests", styles["h1"])]
    if not report.interests:
        story.append(Paragraph("No panel member declared an interest.", styles["body"]))
        return story
    story.append(
        Paragraph(
            "Each member below stood aside from the entry named: they did not score it, and "
            "any sheet of theirs for it was not counted.",
            styles["body"],
        )
    )
    rows: list[list[Any]] = [["Member", "Category", "Stood aside from", "Interest", "Note"]]
    for line in report.interests:
        rows.append(
            [
                f"{line.member} ({line.group.label})",
                line.category,
                line.nominee,
                line.kind.value.capitalize(),
                Paragraph(_esc(line.note), styles["cell"]),
            ]
        )
    story.append(_table(rows, [0.24, 0.16, 0.22, 0.12, 0.26], width, styles))
    return story


def _reopened(report: ResultsReport, styles: dict[str, Any], width: float) -> list[Any]:
    from reportlab.platypus import Paragraph

    if not report.reopened:
        return []
    names = {r.category.id: r.category.name for r in report.categories}
    rows: list[list[Any]] = [["Category", "Recorded", "Reopened", "Why"]]
    for item in report.reopened:
        rows.append(
            [
                names.get(item.category_id, ""),
                f"{item.recorded_by}, {_when(item.recorded_at)}",
                f"{item.reopened_by}, {_when(item.reopened_at)}",
                Paragraph(_esc(item.reopen_reason), styles["cell"]),
            ]
        )
    return [
        Paragraph("Decisions reopened", styles["h1"]),
        Paragraph(
            "These decisions were recorded and later reopened; the ones above stand.",
            styles["body"],
        ),
        _table(rows, [0.18, 0.26, 0.26, 0.3], width, styles),
    ]


def _submissions_reopened(report: ResultsReport, styles: dict[str, Any], width: float) -> list[Any]:
    """Every time a member's submitted scores were opened again for them to change."""
    from reportlab.platypus import Paragraph

    story: list[Any] = [Paragraph("Submitted scores reopened", styles["h1"])]
    if not report.submissions_reopened:
        story.append(Paragraph("No member's submitted scores were reopened.", styles["body"]))
        return story
    story.append(
        Paragraph(
            "Each line is a member's submitted category opened again so they could change "
            "their scores, with who opened it and why; “after seeing the results” marks a "
            "member who had already seen the panel's scores there (only the administrator "
            "can reopen those).",
            styles["body"],
        )
    )
    rows: list[list[Any]] = [["Member", "Category", "Reopened", "Why"]]
    for item in report.submissions_reopened:
        rows.append(
            [
                item.member + (" (after seeing the results)" if item.after_seeing_results else ""),
                item.category,
                f"{item.by}, {_when(item.at)}",
                Paragraph(_esc(item.reason), styles["cell"]),
            ]
        )
    story.append(_table(rows, [0.22, 0.18, 0.26, 0.34], width, styles))
    return story


# ---- small pieces ------------------------------------------------------------------------------


def _table(
    rows: list[list[Any]],
    fractions: Sequence[float],
    width: float,
    styles: dict[str, Any],
    *,
    numeric_from: int | None = None,
    numeric_to: int | None = None,
    bands: Sequence[int] = (),
) -> Any:
    """A ruled table with a navy header row that repeats on each page it runs onto."""
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Paragraph, Table, TableStyle

    first = numeric_from if numeric_from is not None else len(rows[0])
    last = numeric_to if numeric_to is not None else len(rows[0]) - 1
    right = _right(styles["cell"])  # numbers line up on the right

    def cell(value: Any, column: int) -> Any:
        if not isinstance(value, str):
            return value
        return Paragraph(_esc(value), right if first <= column <= last else styles["cell"])

    head_right = _right(styles["head"])
    cells = [
        [
            Paragraph(_esc(str(c), SANS_BOLD), head_right if first <= i <= last else styles["head"])
            for i, c in enumerate(rows[0])
        ],
        *[[cell(value, column) for column, value in enumerate(row)] for row in rows[1:]],
    ]
    table = Table(cells, colWidths=[f * width for f in fractions], repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        # A Table sets its cells' font even when they hold paragraphs; without this it
        # would reference ReportLab's unembedded Helvetica.
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("BACKGROUND", (0, 0), (-1, 0), HexColor(NAVY)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, HexColor(RULE)),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    for index in range(2, len(cells), 2):
        commands.append(("BACKGROUND", (0, index), (-1, index), HexColor(BAND)))
    for index in bands:
        commands.append(("BACKGROUND", (0, index), (-1, index), HexColor(WINNER_BAND)))
    table.setStyle(TableStyle(commands))
    return table


def _right(style: Any) -> Any:
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(f"{style.name}_right", parent=style, alignment=TA_RIGHT)


def _names(result: CategoryResult, entry_ids: Sequence[int], *, joint: bool = False) -> str:
    names = [result.nominee(i) for i in entry_ids]
    text = " and ".join(names)
    return f"{text} (joint winners)" if joint and len(names) > 1 else text


def _num(value: float | None) -> str:
    shown = rounded(value)
    return "—" if shown is None else f"{shown:.2f}"


def _when(moment: datetime | None) -> str:
    if moment is None:
        return "—"
    return moment.astimezone().strftime("%-d %B %Y, %H:%M")


def _esc(text: str, font: str = SANS) -> str:
    """Text as Platypus paragraph markup in ``font`` (the paragraph's own): names such as
    O'Neill or "A & B Team" kept whole, names in other scripts in their fonts."""
    return markup(text, font)
