"""io.row_errors: one row-error type and one refusal, worded as each import worded them."""

from __future__ import annotations

from csx_desktop.io.row_errors import RowError, RowsRefused
from csx_desktop.store.errors import InputRefused


def test_a_row_error_names_its_column_when_it_has_one() -> None:
    assert str(RowError(4, "group", "'mayor' is not a panel group")) == (
        "row 4, group: 'mayor' is not a panel group"
    )
    assert str(RowError(7, "", 'the citation is empty (column "Why?")')) == (
        'row 7: the citation is empty (column "Why?")'
    )


def test_the_refusal_counts_rows_not_errors() -> None:
    refused = RowsRefused(
        "panel.csv", [RowError(2, "pin", "a PIN is 4 to 8 digits"), RowError(2, "chair", "no")]
    )
    assert isinstance(refused, InputRefused)
    assert str(refused) == (
        "panel.csv: 1 row has a problem, so nothing was imported. Correct the file and import "
        "it again (or import only the valid rows)."
    )
    assert refused.details() == "row 2, pin: a PIN is 4 to 8 digits\nrow 2, chair: no"


def test_the_refusal_counts_the_rows_says_what_to_do_and_lists_them() -> None:
    errors = [RowError(n, "At", f"'x{n}' is not a date and time") for n in range(2, 20)]
    refused = RowsRefused(
        "votes.csv",
        errors,
        trouble=("cannot be read", "cannot be read"),
        advice="Check the columns.",
    )
    assert str(refused) == (
        "votes.csv: 18 rows cannot be read, so nothing was imported. Check the columns."
    )
    assert refused.details(1).splitlines() == [
        "row 2, At: 'x2' is not a date and time",
        "and 17 more",
    ]
