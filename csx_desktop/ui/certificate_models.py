"""The Certificates area's table: the certificates to produce, each with a tick box.

The model holds a plain list of ``Certificate`` rows. Ticks are remembered by a key (award,
level, recipient, team) so they survive a refresh or a change of filter: unticking someone,
then looking at another category, then coming back, keeps them unticked.

A certificate whose names no bundled font can draw (``set_undrawable``) stays listed but
cannot be ticked: its tick box is cleared and disabled, and its tooltip and accessible text
say why, so it is never printed blank.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt

from csx_desktop.certificates.certificate import Certificate
from csx_desktop.ui.widgets.list_table_model import Index, ListTableModel

COL_RECIPIENT, COL_AWARD, COL_LEVEL = range(3)

CertificateRole = Qt.ItemDataRole.UserRole + 1

CertificateKey = tuple[str, str, str, str]


def certificate_key(certificate: Certificate) -> CertificateKey:
    return (certificate.award, str(certificate.level), certificate.recipient, certificate.team)


class CertificateListModel(ListTableModel[Certificate]):
    """Certificates, one a row; the recipient column carries the "print this" tick box."""

    HEADERS = ("Recipient", "Award", "Level")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unticked: set[CertificateKey] = set()
        # Certificate -> the characters no font can draw in its names.
        self._undrawable: dict[CertificateKey, str] = {}

    # ---- the ticks -----------------------------------------------------------------------

    def ticked(self) -> list[Certificate]:
        """The listed certificates with their tick box ticked, in list order (never one that
        cannot be drawn)."""
        return [c for c in self._rows if self._is_ticked(certificate_key(c))]

    def set_undrawable(self, undrawable: dict[CertificateKey, str]) -> None:
        """Mark the certificates that cannot be printed, with the characters at fault."""
        self._undrawable = dict(undrawable)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.HEADERS) - 1)
            )

    def undrawable(self, certificate: Certificate) -> str:
        """The characters of ``certificate`` no font can draw ("" when it can be printed)."""
        return self._undrawable.get(certificate_key(certificate), "")

    def _is_ticked(self, key: CertificateKey) -> bool:
        return key not in self._unticked and key not in self._undrawable

    def set_all_ticked(self, ticked: bool) -> None:
        keys = {certificate_key(c) for c in self._rows}
        if ticked:
            self._unticked -= keys
        else:
            self._unticked |= keys
        if self._rows:
            self.dataChanged.emit(
                self.index(0, COL_RECIPIENT),
                self.index(len(self._rows) - 1, COL_RECIPIENT),
                [Qt.ItemDataRole.CheckStateRole],
            )

    # ---- QAbstractTableModel -------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        certificate = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_RECIPIENT:
                return certificate.recipient
            if column == COL_AWARD:
                return certificate.award
            if column == COL_LEVEL:
                if certificate_key(certificate) in self._undrawable:
                    return f"{certificate.level.label} (cannot be printed)"
                return certificate.level.label
        cannot = self._undrawable.get(certificate_key(certificate), "")
        if role == Qt.ItemDataRole.ToolTipRole and cannot:
            chars = ", ".join(f"{char} (U+{ord(char):04X})" for char in cannot)
            return (
                f"{certificate.recipient}: cannot be printed. No font CSX Desktop has can draw "
                f"{chars}. Check the spelling in Nominations, or write it by hand."
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            if certificate.team:
                return f"{certificate.recipient}, a member of {certificate.team}"
            if certificate.team_members:
                return f"{certificate.recipient}: " + ", ".join(certificate.team_members)
            return certificate.recipient
        if role == Qt.ItemDataRole.AccessibleTextRole and column == COL_RECIPIENT:
            ticked = self._is_ticked(certificate_key(certificate))
            state = "to print" if ticked else "not to print"
            if cannot:
                state = "cannot be printed: its name has characters no font can draw"
            return (
                f"{certificate.recipient}, {certificate.award}, {certificate.level.label}, {state}"
            )
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_RECIPIENT:
            ticked = self._is_ticked(certificate_key(certificate))
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == CertificateRole:
            return certificate
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.CheckStateRole
            or not index.isValid()
            or index.column() != COL_RECIPIENT
        ):
            return False
        key = certificate_key(self._rows[index.row()])
        if key in self._undrawable:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        if checked:
            self._unticked.discard(key)
        else:
            self._unticked.add(key)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        key = certificate_key(self._rows[index.row()]) if index.row() < len(self._rows) else None
        if index.column() == COL_RECIPIENT and key not in self._undrawable:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags
