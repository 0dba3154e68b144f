"""The journal's table of entries: one row per entry, one column per symptom rated.

Entries are frozen domain values handed in whole (`set_entries`), newest first; `data()` only
reads them, so painting never touches the DB. There is no sorting proxy: a proxy asks `data()`
some thousands of times to sort a year of entries, longer than a frame, and newest first is
the order a diary is read in. Symptom columns follow the symptoms the user tracks, then any
other symptom rated in the entries shown, so an old rating is never hidden by a changed choice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from mgdesk.domain.journal import JournalEntry, format_mg, sort_key
from mgdesk.domain.retired import shown_name
from mgdesk.ui.models import DISPLAY, ID_ROLE

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
NOT_RATED = "—"


def dose_text(entry: JournalEntry, form_names: Mapping[str, str]) -> str:
    """The magnesium of an entry in words, e.g. "Magnesium malate 200 mg"."""
    return ", ".join(f"{form_names.get(d.form, d.form)} {format_mg(d.mg)} mg" for d in entry.doses)


class EntryTableModel(QAbstractTableModel):
    """Journal entries: date, time, a rating per symptom, the magnesium taken, the note."""

    DATE, TIME = 0, 1
    FIXED_BEFORE = ("Date", "Time")
    FIXED_AFTER = ("Magnesium", "Note")

    def __init__(self, symptom_names: Mapping[str, str], form_names: Mapping[str, str]) -> None:
        super().__init__()
        self._symptom_names = symptom_names
        self._form_names = form_names
        self._entries: list[JournalEntry] = []
        self._symptoms: list[str] = []

    # ----- contents

    def set_entries(self, entries: Sequence[JournalEntry], symptoms: Sequence[str]) -> None:
        """Show `entries` with a column for each of `symptoms` (and any other symptom rated)."""
        columns = list(dict.fromkeys(symptoms))
        for entry in entries:
            for rating in entry.ratings:
                if rating.symptom not in columns:
                    columns.append(rating.symptom)
        self.beginResetModel()
        self._entries = sorted(entries, key=sort_key, reverse=True)
        self._symptoms = columns
        self.endResetModel()

    def symptom_columns(self) -> list[str]:
        return list(self._symptoms)

    def entry_at(self, row: int) -> JournalEntry:
        return self._entries[row]

    def row_of(self, entry_id: int) -> int:
        return next((i for i, e in enumerate(self._entries) if e.id == entry_id), -1)

    @property
    def magnesium_column(self) -> int:
        return len(self.FIXED_BEFORE) + len(self._symptoms)

    @property
    def note_column(self) -> int:
        return self.magnesium_column + 1

    # ----- the model

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = _ROOT) -> int:
        if parent.isValid():
            return 0
        return len(self.FIXED_BEFORE) + len(self._symptoms) + len(self.FIXED_AFTER)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        symptom = self._symptom_of(section)
        if role == DISPLAY:
            if symptom is not None:
                return shown_name(self._symptom_names, symptom)
            if section < len(self.FIXED_BEFORE):
                return self.FIXED_BEFORE[section]
            return self.FIXED_AFTER[section - self.magnesium_column]
        if role == Qt.ItemDataRole.ToolTipRole and symptom is not None:
            name = shown_name(self._symptom_names, symptom)
            return f"{name}: rating from 0 (none) to 10 (the worst)"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _symptom_of(self, column: int) -> str | None:
        offset = column - len(self.FIXED_BEFORE)
        return self._symptoms[offset] if 0 <= offset < len(self._symptoms) else None

    def _valid(self, index: Index) -> bool:
        return (
            index.isValid()
            and 0 <= index.row() < len(self._entries)
            and 0 <= index.column() < self.columnCount()
        )

    def _text(self, entry: JournalEntry, column: int) -> str:
        if column == self.DATE:
            return entry.date.isoformat()
        if column == self.TIME:
            return entry.time_text
        symptom = self._symptom_of(column)
        if symptom is not None:
            value = entry.rating(symptom)
            return NOT_RATED if value is None else str(value)
        if column == self.magnesium_column:
            return dose_text(entry, self._form_names)
        return " ".join(entry.note.split())

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        entry = self._entries[index.row()]
        column = index.column()
        symptom = self._symptom_of(column)
        if role == DISPLAY:
            return self._text(entry, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if symptom is not None:
                name = shown_name(self._symptom_names, symptom)
                value = entry.rating(symptom)
                return f"{name}: not rated" if value is None else f"{name}: {value} of 10"
            if column == self.TIME and not entry.time_text:
                return "no time given"
            return self._text(entry, column) or "none"
        if role == Qt.ItemDataRole.ToolTipRole and column == self.note_column and entry.note:
            return entry.note
        if role == Qt.ItemDataRole.TextAlignmentRole and (
            symptom is not None or column == self.TIME
        ):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == ID_ROLE:
            return entry.id
        return None
