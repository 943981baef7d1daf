"""Qt models for the Nominations area and the mapping dialog, over plain lists of domain rows.

* ``EntriesModel``: one row per entry (category, nominee, service, nominations, status).
* ``EntryFilter``: the area's category and status filters and search-as-you-type.
* ``NominationsModel``: the nominations of the chosen entry.
* ``PreviewModel``: the first rows of an export as the chosen mapping reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt

from csx_desktop.domain.model import Entry, EntryStatus, Nomination, NominationStatus
from csx_desktop.domain.names import name_key, sort_key
from csx_desktop.ui.widgets.list_table_model import Index, ListTableModel

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

ENTRY_STATUS_LABELS = {
    EntryStatus.ACTIVE: "Active",
    EntryStatus.MERGED: "Merged",
    EntryStatus.WITHDRAWN: "Withdrawn",
    EntryStatus.INELIGIBLE: "Ineligible",
}
NOMINATION_STATUS_LABELS = {
    NominationStatus.ELIGIBLE: "Eligible",
    NominationStatus.INELIGIBLE: "Ineligible",
    NominationStatus.WITHDRAWN: "Withdrawn",
}


@dataclass(frozen=True, slots=True)
class EntryRow:
    """An entry with what the table shows and what search looks through."""

    entry: Entry
    category: str
    search_text: str  # casefolded: nominee, members, service, nominators, citations
    search_key: str  # the same through name_key: "oneill" finds "O'Neill"
    merged_into: str = ""  # the nominee of the entry it was merged into

    @property
    def status_text(self) -> str:
        label = ENTRY_STATUS_LABELS[self.entry.status]
        if self.entry.status is EntryStatus.MERGED and self.merged_into:
            return f"{label} into {self.merged_into}"
        return label


def entry_rows(
    entries: list[Entry], category_names: dict[int, str], nominations: dict[int, list[Nomination]]
) -> list[EntryRow]:
    by_id = {e.id: e for e in entries}
    rows = []
    for entry in entries:
        parts = [entry.nominee, entry.service, entry.nominating_body, *entry.team_members]
        for nomination in nominations.get(int(entry.id or 0), []):
            parts += [nomination.nominator_name, nomination.citation, nomination.relationship]
        target = by_id.get(entry.merged_into) if entry.merged_into else None
        text = " ".join(parts)
        rows.append(
            EntryRow(
                entry=entry,
                category=category_names.get(entry.category_id, ""),
                search_text=text.casefold(),
                search_key=name_key(text),
                merged_into=target.nominee if target else "",
            )
        )
    return rows


class EntriesModel(ListTableModel[EntryRow]):
    """The entries of the round, one row each."""

    CATEGORY, NOMINEE, SERVICE, NOMINATIONS, STATUS = range(5)
    HEADERS = ("Category", "Nominee", "Service", "Nominations", "Status")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        entry, column = row.entry, index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.CATEGORY:
                return row.category
            if column == self.NOMINEE:
                return entry.nominee
            if column == self.SERVICE:
                return entry.service or entry.nominating_body
            if column == self.NOMINATIONS:
                return str(entry.nomination_count)
            if column == self.STATUS:
                return row.status_text
        if role == SORT_ROLE:
            if column == self.CATEGORY:
                return index.row()  # the store's order: category by position, then name
            if column == self.NOMINATIONS:
                return entry.nomination_count
            if column == self.NOMINEE:
                return sort_key(entry.nominee)
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.STATUS and entry.status_reason:
                return f"{row.status_text}: {entry.status_reason}"
            if column == self.NOMINEE and entry.team_members:
                return "Members: " + ", ".join(entry.team_members)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.NOMINATIONS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ENTRY_ID_ROLE:
            return entry.id
        return None


ALL = -1  # the "All categories" / "Any status" choice


class EntryFilter(QSortFilterProxyModel):
    """Category, status and words typed in the search box; every word must match."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._category: int = ALL
        self._statuses: frozenset[EntryStatus] = frozenset({EntryStatus.ACTIVE})
        self._words: tuple[str, ...] = ()
        self.setSortRole(SORT_ROLE)

    def set_category(self, category_id: int) -> None:
        self._begin_change()
        self._category = category_id
        self._end_change()

    def set_statuses(self, statuses: frozenset[EntryStatus]) -> None:
        self._begin_change()
        self._statuses = statuses
        self._end_change()

    def set_search(self, text: str) -> None:
        self._begin_change()
        self._words = tuple(text.casefold().split())
        self._end_change()

    # Qt 6.9 replaced invalidateFilter() by a begin/end pair; older Qt has only the former.
    def _begin_change(self) -> None:
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()

    def _end_change(self) -> None:
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, EntriesModel) or source_row >= model.rowCount():
            return False
        row = model.row_at(source_row)
        if self._category != ALL and row.entry.category_id != self._category:
            return False
        if self._statuses and row.entry.status not in self._statuses:
            return False
        return all(
            word in row.search_text or (name_key(word) and name_key(word) in row.search_key)
            for word in self._words
        )


class NominationsModel(ListTableModel[Nomination]):
    """The nominations of one entry."""

    RECEIVED, NOMINATOR, RELATIONSHIP, STATUS = range(4)
    HEADERS = ("Received", "Nominator", "Relationship", "Status")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        nomination, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.RECEIVED:
                return received_text(nomination)
            if column == self.NOMINATOR:
                return nomination.nominator_name or "(not given)"
            if column == self.RELATIONSHIP:
                return nomination.relationship
            if column == self.STATUS:
                return NOMINATION_STATUS_LABELS[nomination.status]
        if role == Qt.ItemDataRole.ToolTipRole and column == self.STATUS:
            return nomination.status_reason or None
        if role == ENTRY_ID_ROLE:
            return nomination.id
        return None


def received_text(nomination: Nomination) -> str:
    if nomination.received_at is None:
        return "—"
    # Stored in UTC; shown in the laptop's own time, as the person read the form.
    return nomination.received_at.astimezone().strftime("%d %b %Y %H:%M")


class PreviewModel(ListTableModel[list[str]]):
    """The first rows of an export as the chosen mapping reads them (text only)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns: list[str] = []

    def set_preview(self, headers: list[str], rows: list[list[str]]) -> None:
        self.beginResetModel()
        self._columns = list(headers)
        self._rows = [list(r) for r in rows]
        self.endResetModel()

    def _headers(self) -> list[str]:
        return self._columns

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            row = self._rows[index.row()]
            text = row[index.column()] if index.column() < len(row) else ""
            if role == Qt.ItemDataRole.DisplayRole:
                return " ".join(text.split())[:120]  # one line per cell in the preview
            return text
        return None
