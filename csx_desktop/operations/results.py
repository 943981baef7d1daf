"""Who may see a category's results, and every read or output that holds them.

The rule, checked here once for the window and the command line alike: **before a panel
member (the chair included) has submitted a category, nothing of other members' scores for it
is reachable** — no ranking, total, group mean, count, chart, report or export. The
administrator, who scores nothing, may see everything. Each guarded read or output is one
function below taking ``viewer``: ``ADMINISTRATOR``, or the id of the member asking.

What a member may see, category by category (``why_withheld`` says why not, in one line):

- a panel-scored category they judge, once they have submitted it: its ranking and the panel's
  totals. The sheets behind it, the other counts side by side and "Judges at a glance" (which
  name judges) are the chair's: other members get the totals only.
- a category they do not judge, and the staff vote: nothing (a member sees only their own
  categories; the Shining Star count is the administrator's).

Outputs covering several categories (the results report, the results export, the
scoresheets export) are the chair's and the administrator's. The chair's holds only the
categories the chair has submitted, and says which were left out; with none submitted it is
refused. Each output's outcome names what was written and what was left out.

Every time a member is shown a category's results, in any form, this module first records it
(``operations.judging.record_seen_results``): once seen, their own sheets there are changed
only if the administrator reopens them.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csx_desktop.domain.model import Category, Method, PanelMember
from csx_desktop.domain.scoring import CategoryResult
from csx_desktop.operations.judging import record_seen_results
from csx_desktop.store.database import Store
from csx_desktop.store.errors import InputRefused, NotFound

if TYPE_CHECKING:
    from csx_desktop.domain.counts import Counts
    from csx_desktop.io.exports import ProgressCallback
    from csx_desktop.store.counts import JudgesAtAGlance
    from csx_desktop.store.results import ResultsReport, SheetDetail


class _Administrator(enum.Enum):
    ADMINISTRATOR = "administrator"


ADMINISTRATOR = _Administrator.ADMINISTRATOR
# Who is asking: the administrator, or a panel member by id.
Viewer = int | _Administrator


class ResultsWithheld(InputRefused):
    """The person asking may not see these results (yet); the message says why."""


# ---- the rule ----------------------------------------------------------------------------------


def _member(store: Store, viewer: Viewer) -> PanelMember | None:
    """The member asking (None for the administrator); an unknown id is refused."""
    if viewer is ADMINISTRATOR:
        return None
    assert isinstance(viewer, int)
    return store.panel.member(viewer)


def why_withheld(store: Store, *, viewer: Viewer, category_id: int) -> str | None:
    """Why this person may not see this category's results, in one line; None if they may."""
    category = store.round.category(category_id)
    member = _member(store, viewer)
    if member is None:
        return None
    assert member.id is not None
    if category.method is not Method.PANEL:
        return f"The {category.name} count is the administrator's; it is not shown to the panel."
    if category_id not in member.category_ids:
        return f"You do not judge {category.name}, so its results are not shown to you."
    if not store.scores.is_submitted(member.id, category_id):
        return (
            f"You judge {category.name} and have not submitted your own scores for it yet. "
            "Its results appear once you have, so that nobody sees the panel's scores before "
            "scoring themselves."
        )
    return None


def _check(store: Store, viewer: Viewer, category_id: int) -> PanelMember | None:
    """Refuse unless the viewer may see the category; note that a member is being shown it."""
    why = why_withheld(store, viewer=viewer, category_id=category_id)
    if why is not None:
        raise ResultsWithheld(why)
    member = _member(store, viewer)
    # A round open read-only cannot note it, and no sheet in it can change either.
    if member is not None and member.id is not None and not store.read_only:
        record_seen_results(store, member_id=member.id, category_id=category_id)
    return member


def _check_chair(store: Store, viewer: Viewer, what: str) -> PanelMember | None:
    member = _member(store, viewer)
    if member is not None and not member.is_chair:
        raise ResultsWithheld(f"{what} are for the chair and the administrator.")
    return member


def visible_category_ids(store: Store, *, viewer: Viewer) -> list[int]:
    """The categories whose results this person may see, in the round's order."""
    return [
        c.id
        for c in store.round.categories()
        if c.id is not None and why_withheld(store, viewer=viewer, category_id=c.id) is None
    ]


# ---- reading in the window and on the command line ---------------------------------------------


@dataclass(frozen=True, slots=True)
class CategoryLine:
    """One category as the Results area lists it, without anything of its scores."""

    category: Category
    entries: int
    decided: bool
    withheld: str  # why its results are not shown to this person; "" when they are


def categories_for(store: Store, *, viewer: Viewer) -> list[CategoryLine]:
    """Every category this person may pick in the Results area, each with whether its results
    are shown to them. A member's list holds only the categories they judge."""
    member = _member(store, viewer)
    counts = dict(
        store.conn.execute(
            "SELECT category_id, count(*) FROM entries WHERE status = 'active' GROUP BY category_id"
        ).fetchall()
    )
    decided = {d.category_id for d in store.decisions.all_current()}
    lines = []
    for category in store.round.categories():
        assert category.id is not None
        if member is not None and category.id not in member.category_ids:
            continue
        lines.append(
            CategoryLine(
                category=category,
                entries=counts.get(category.id, 0),
                decided=category.id in decided,
                withheld=why_withheld(store, viewer=viewer, category_id=category.id) or "",
            )
        )
    return lines


def category_results(store: Store, *, viewer: Viewer, category_id: int) -> CategoryResult:
    """One category's ranking, for someone allowed to see it (else ``ResultsWithheld``)."""
    from csx_desktop.store.results import category_results as load

    _check(store, viewer, category_id)
    return load(store, category_id)


def all_results(
    store: Store, *, viewer: Viewer, category: str | None = None
) -> list[CategoryResult]:
    """Every category's ranking this person may see (or the one named): the command line's
    ``results``. A category named but withheld is refused."""
    from csx_desktop.store.results import load_results

    if category is not None:
        found = store.round.category_named(category)
        assert found.id is not None
        return [category_results(store, viewer=viewer, category_id=found.id)]
    allowed = visible_category_ids(store, viewer=viewer)
    for category_id in allowed:
        _check(store, viewer, category_id)
    return [r for r in load_results(store) if r.category.id in allowed]


def sheets_behind(store: Store, *, viewer: Viewer, entry_id: int) -> list[SheetDetail]:
    """Every sheet behind one entry's result (scores, totals, comments): the chair's, once
    they have submitted the entry's category, and the administrator's."""
    from csx_desktop.store.results import sheet_details

    entry = store.nominations.entry(entry_id)
    _check_chair(store, viewer, "Other members' scoresheets")
    _check(store, viewer, entry.category_id)
    return sheet_details(store, entry_id=entry_id)


def other_counts(store: Store, *, viewer: Viewer, category_id: int) -> Counts | None:
    """The category counted other reasonable ways (``domain.counts``); None for a category
    with no scored sheets. The chair's (after submitting) and the administrator's."""
    from csx_desktop.store.counts import load_counts

    _check_chair(store, viewer, "The other counts")
    _check(store, viewer, category_id)
    return load_counts(store, category_id).get(category_id)


def judges_at_a_glance(store: Store, *, viewer: Viewer, category_id: int) -> JudgesAtAGlance:
    """Each judge's totals and leniency in a category: the chair's (after submitting) and the
    administrator's, since it names each judge."""
    from csx_desktop.store.counts import judges_at_a_glance as load

    _check_chair(store, viewer, "Judges at a glance")
    _check(store, viewer, category_id)
    return load(store, category_id)


def results_document(
    store: Store, *, viewer: Viewer, category: str | None = None, with_counts: bool = False
) -> tuple[list[CategoryResult], dict[str, Any]]:
    """The rankings and the JSON document of ``csx-admin results`` (with the other counts
    when asked), for the categories this person may see."""
    from csx_desktop.io.exports import results_document as document
    from csx_desktop.store.counts import load_counts

    results = all_results(store, viewer=viewer, category=category)
    counts = None
    if with_counts:
        ids = {r.category.id for r in results}
        only = results[0].category.id if category is not None and results else None
        counts = {k: v for k, v in load_counts(store, only).items() if k in ids}
    return results, document(store.round.settings(), results, counts)


# ---- outputs -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Written:
    """What an output wrote: the file, how much (pages or rows), and what it left out."""

    path: Path
    amount: int  # pages of a report, rows of an export
    categories: tuple[str, ...]  # the categories it holds
    left_out: tuple[str, ...] = ()  # categories withheld from this person

    def summary(self, unit: str) -> str:
        """One line for the status bar or the terminal."""
        line = f"Wrote {self.amount} {unit} to {self.path}."
        if self.left_out:
            line += " Left out until you have submitted them: " + ", ".join(self.left_out) + "."
        return line


def _output_categories(
    store: Store, viewer: Viewer, what: str, *, showing: bool = True
) -> tuple[list[int], tuple[str, ...], tuple[str, ...]]:
    """The categories an output may hold for this person: (ids, names, names left out).

    The administrator's holds every category. The chair's holds the categories they have
    submitted; with none, it is refused. Other members get no report or export. ``showing``:
    the output is being made, so the chair is noted as having seen those results."""
    member = _check_chair(store, viewer, what)
    categories = store.round.categories()
    if member is None:
        return (
            [c.id for c in categories if c.id is not None],
            tuple(c.name for c in categories),
            (),
        )
    allowed = visible_category_ids(store, viewer=viewer)
    if not allowed:
        raise ResultsWithheld(
            f"{what} hold the panel's scores: submit your own scores for a category first."
        )
    for category_id in allowed if showing else ():
        _check(store, viewer, category_id)
    names = tuple(c.name for c in categories if c.id in allowed)
    left_out = tuple(
        c.name for c in categories if c.id not in allowed and c.id in member.category_ids
    )
    return allowed, names, left_out


def check_outputs(store: Store, *, viewer: Viewer) -> tuple[str, ...]:
    """Refuse, before a file name is asked for, a person who may have no report or export;
    else the categories theirs would hold."""
    return _output_categories(store, viewer, "Results reports and exports", showing=False)[1]


@dataclass(frozen=True)
class ReportToWrite:
    """A results report read from the round for one person, ready to draw: ``render`` needs
    no connection to the round (the window runs it on a worker), ``save`` writes the file
    whole or not at all."""

    report: ResultsReport
    categories: tuple[str, ...]
    left_out: tuple[str, ...]

    def render(self) -> tuple[bytes, int]:
        """The report as PDF bytes, and its pages."""
        import io

        from csx_desktop.certificates.report import render_report

        stream = io.BytesIO()
        pages = render_report(self.report, stream)
        return stream.getvalue(), pages

    def save(self, rendered: tuple[bytes, int], *, path: str | Path, overwrite: bool) -> Written:
        from csx_desktop.store.files import write_file

        data, pages = rendered
        write_file(path, data, overwrite=overwrite)
        return Written(Path(path), pages, self.categories, self.left_out)


def prepare_results_report(store: Store, *, viewer: Viewer) -> ReportToWrite:
    """What the results report holds for this person: every category for the administrator;
    for the chair, the categories they have submitted (refused when none)."""
    from csx_desktop.store.results import load_report

    ids, names, left_out = _output_categories(store, viewer, "Results reports")
    report = load_report(store, None if viewer is ADMINISTRATOR else ids, rules=_rules(store))
    return ReportToWrite(report, names, left_out)


def write_results_report(
    store: Store, *, viewer: Viewer, path: str | Path, overwrite: bool = True
) -> Written:
    """Write the results report (PDF) for this person (see ``prepare_results_report``);
    ``amount`` is its pages. An existing file is replaced only with ``overwrite``."""
    from csx_desktop.store.files import check_destination

    check_destination(Path(path), overwrite=overwrite)  # before anything is drawn
    to_write = prepare_results_report(store, viewer=viewer)
    return to_write.save(to_write.render(), path=path, overwrite=overwrite)


def _rules(store: Store) -> Sequence[str]:
    """The round's scoring rules in words, as the round stores them."""
    from csx_desktop.domain.round_rules import rules_in_words

    return [f"{label}: {sentence}" for label, sentence in rules_in_words(store.round.settings())]


@dataclass(frozen=True)
class ExportToWrite:
    """An export read from the round for one person, ready to write: ``write`` needs no
    connection to the round (the window runs it on a worker), says how far it is through
    ``progress(done, total, words)`` and stops when ``progress`` raises, and writes the file
    whole or not at all (``io.exports.write_table``).

    ``source`` is what was read (the rankings, the sheets, the score rows); ``shape`` turns it
    into the headings and rows, on the worker too."""

    title: str  # the workbook's sheet: "Results", "Scoresheets", "Scores"
    source: Sequence[Any]
    shape: Callable[[Sequence[Any]], tuple[Sequence[str], Sequence[Sequence[Any]]]]
    categories: tuple[str, ...]
    left_out: tuple[str, ...] = ()

    def write(
        self,
        *,
        path: str | Path,
        overwrite: bool = True,
        progress: ProgressCallback | None = None,
    ) -> Written:
        """Write the file (CSV or XLSX by its name); ``amount`` is its rows."""
        from csx_desktop.io.exports import check_export_path, write_table
        from csx_desktop.store.files import check_destination

        check_destination(check_export_path(path), overwrite=overwrite)  # before shaping
        headers, rows = self.shape(self.source)
        write_table(path, headers, rows, title=self.title, overwrite=overwrite, progress=progress)
        return Written(Path(path), len(rows), self.categories, self.left_out)


def prepare_results_export(store: Store, *, viewer: Viewer) -> ExportToWrite:
    """Each category's ranking and decision (rows: entries) for this person: every category
    for the administrator; the chair's holds only the categories they have submitted."""
    from csx_desktop.io.exports import results_table
    from csx_desktop.store.results import load_results

    ids, names, left_out = _output_categories(store, viewer, "Exports of the results")
    results = [r for r in load_results(store) if r.category.id in ids]
    return ExportToWrite("Results", results, results_table, names, left_out)


def prepare_scoresheets_export(store: Store, *, viewer: Viewer) -> ExportToWrite:
    """Every scoresheet (scores, total, status, comment) for this person; the chair's holds
    only the sheets of categories they have submitted."""
    from csx_desktop.io.exports import scoresheets_table
    from csx_desktop.store.results import sheet_details

    ids, names, left_out = _output_categories(store, viewer, "Exports of the scoresheets")
    if viewer is ADMINISTRATOR:
        sheets = sheet_details(store)  # one read, in the order of the record
    else:
        sheets = [s for category_id in ids for s in sheet_details(store, category_id=category_id)]
    return ExportToWrite("Scoresheets", sheets, scoresheets_table, names, left_out)


def prepare_scores_export(store: Store, *, viewer: Viewer) -> ExportToWrite:
    """Every score, one row per criterion, in the format ``import scores`` reads (to move
    paper-keyed scores between laptops): the administrator's only, since it holds every
    member's scores in every category whatever has been submitted."""
    from csx_desktop.io.panel_import import score_rows

    if viewer is not ADMINISTRATOR:
        raise ResultsWithheld("Only the administrator can export every member's scores.")
    rows = list(score_rows(store))
    names = tuple(c.name for c in store.round.categories() if c.is_panel_scored)
    return ExportToWrite("Scores", rows, _score_table, names)


def _score_table(rows: Sequence[Any]) -> tuple[Sequence[str], Sequence[Sequence[Any]]]:
    from csx_desktop.io.panel_import import EXPORT_SCORE_HEADERS

    return EXPORT_SCORE_HEADERS, rows


_PREPARE: dict[str, Callable[..., ExportToWrite]] = {
    "results": prepare_results_export,
    "scoresheets": prepare_scoresheets_export,
}


def prepare_export(store: Store, *, viewer: Viewer, what: str) -> ExportToWrite:
    """``prepare_results_export`` or ``prepare_scoresheets_export`` by name."""
    prepare = _PREPARE.get(what)
    if prepare is None:
        raise NotFound(f"There is nothing called {what!r} to export: results or scoresheets.")
    return prepare(store, viewer=viewer)


def export(
    store: Store,
    *,
    viewer: Viewer,
    what: str,
    path: str | Path,
    overwrite: bool = True,
    progress: ProgressCallback | None = None,
) -> Written:
    """Write each category's ranking and decision (``what="results"``) or every scoresheet
    (``"scoresheets"``) to CSV or XLSX: ``prepare_export``, then its ``write``. A wrong file
    name is refused before anything is read."""
    from csx_desktop.io.exports import check_export_path

    check_export_path(path)
    to_write = prepare_export(store, viewer=viewer, what=what)
    return to_write.write(path=path, overwrite=overwrite, progress=progress)


def export_scores(
    store: Store,
    *,
    viewer: Viewer,
    path: str | Path,
    overwrite: bool = True,
    progress: ProgressCallback | None = None,
) -> Written:
    """Write every score in the format ``import scores`` reads (``prepare_scores_export``,
    then its ``write``): the administrator's only."""
    from csx_desktop.io.exports import check_export_path

    if viewer is not ADMINISTRATOR:  # refused before the file name is looked at
        raise ResultsWithheld("Only the administrator can export every member's scores.")
    check_export_path(path)
    to_write = prepare_scores_export(store, viewer=viewer)
    return to_write.write(path=path, overwrite=overwrite, progress=progress)
