"""The rows an import cannot use, and the refusal that lists them: one shape for every import.

A row error names the row as the person sees it in the spreadsheet (the first row is row 1),
the column when one is to blame, and why: ``row 4, group: 'mayor' is not a panel group ...``,
or ``row 7: the citation is empty (column "Why?") ...`` where the reason names its column
itself. An import that finds any (and is not told to keep the valid rows) stores nothing and
raises ``RowsRefused`` with every one, or reports them (the nomination import's dry run).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from csx_desktop.store.errors import InputRefused

HAS_PROBLEMS = ("has a problem", "have problems")
CORRECT_THE_FILE = "Correct the file and import it again (or import only the valid rows)."


@dataclass(frozen=True, slots=True)
class RowError:
    """One row that cannot be used: its number, the column ("" when none is named) and why."""

    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        where = f"row {self.row}, {self.column}" if self.column else f"row {self.row}"
        return f"{where}: {self.reason}"


class RowsRefused(InputRefused):
    """Some rows cannot be used, so nothing was imported; ``errors`` lists every one.

    The message counts the rows (``trouble``: what is wrong with one row, with several) and
    ends with what to do (``advice``); ``details()`` lists the rows themselves.
    """

    def __init__(
        self,
        file_name: str,
        errors: Sequence[RowError],
        *,
        trouble: tuple[str, str] = HAS_PROBLEMS,
        advice: str = CORRECT_THE_FILE,
    ) -> None:
        self.file_name = file_name
        self.errors = list(errors)
        count = len({e.row for e in self.errors})
        rows = f"1 row {trouble[0]}" if count == 1 else f"{count} rows {trouble[1]}"
        super().__init__(f"{file_name}: {rows}, so nothing was imported. {advice}")

    def details(self, limit: int = 20, *, separator: str = "\n") -> str:
        """The row errors, one a line: the first ``limit``, then how many more there are."""
        shown = [str(e) for e in self.errors[:limit]]
        if len(self.errors) > limit:
            shown.append(f"and {len(self.errors) - limit} more")
        return separator.join(shown)
