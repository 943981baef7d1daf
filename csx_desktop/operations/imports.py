"""Every import that changes the round, as the window and ``csx-admin`` reach it.

Each import follows one skeleton: read the file (``csx_desktop.io``: by its content, never
its name), parse its rows, check them with the same rules the store applies, take the safety
copy of the round, then one transaction with one row in the imports table and its audit rows
— all of it, or nothing (or, with ``skip_invalid``, every good row and each refused row
listed). Reading and checking need no connection to the round and may run on a worker; the
functions here are the storing step, the only way the window and the command line change the
round from a file. One result per import says what happened in words both can show.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from csx_desktop.io.reading import ReadChoices

if TYPE_CHECKING:  # the readers are imported when an import runs, not with this module
    from csx_desktop.io.nomination_formats import Mapping
    from csx_desktop.io.nomination_import import CheckedImport, ImportPlan, ImportReport
    from csx_desktop.io.panel_import import ImportResult
    from csx_desktop.io.vote_import import VoteExport, VoteImportResult
    from csx_desktop.store.database import Store


def import_nominations(
    store: Store,
    *,
    plan: ImportPlan,
    mapping: Mapping | None = None,
    category: str | None = None,
    skip_invalid: bool = False,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Check and store a nominations export read into ``plan`` (``prepare_import``);
    ``category`` names the award every row is for, when the form was for one award only.
    ``progress(done, total)`` hears how far the checking of the rows has gone."""
    from csx_desktop.io.nomination_import import run_import

    return run_import(
        store,
        plan,
        mapping,
        category=category,
        keep_valid=skip_invalid,
        dry_run=dry_run,
        progress=progress,
    )


def store_nominations(
    store: Store, *, checked: CheckedImport, skip_invalid: bool = False, dry_run: bool = False
) -> ImportReport:
    """Store nominations already checked (on a worker, by ``check_import``)."""
    from csx_desktop.io.nomination_import import store_import

    return store_import(store, checked, keep_valid=skip_invalid, dry_run=dry_run)


def import_panel(
    store: Store, *, path: str | Path, choices: ReadChoices, skip_invalid: bool = False
) -> ImportResult:
    """Add the members in the file, or bring existing ones up to date with it."""
    from csx_desktop.io.panel_import import import_panel as run

    return run(store, path, choices=choices, skip_invalid=skip_invalid)


def import_interests(
    store: Store, *, path: str | Path, choices: ReadChoices, skip_invalid: bool = False
) -> ImportResult:
    """Record interests the administrator was told of (on paper, by email)."""
    from csx_desktop.io.panel_import import import_interests as run

    return run(store, path, choices=choices, skip_invalid=skip_invalid)


def import_scores(
    store: Store,
    *,
    path: str | Path,
    choices: ReadChoices,
    skip_invalid: bool = False,
    second_keying: bool = False,
) -> ImportResult:
    """Enter paper scoresheets on each member's behalf, with the rules of scoring in the app;
    with ``second_keying``, check them against a second typing instead (nothing changes)."""
    from csx_desktop.io.panel_import import import_scores as run

    return run(store, path, choices=choices, skip_invalid=skip_invalid, second_keying=second_keying)


def store_votes(
    store: Store, *, export: VoteExport, skip_invalid: bool = False
) -> VoteImportResult:
    """Store the Shining Star ballots of an export read by ``read_vote_export``."""
    from csx_desktop.io.vote_import import store_votes as run

    return run(store, export, skip_invalid=skip_invalid)
