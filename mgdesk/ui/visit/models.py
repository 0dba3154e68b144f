"""The item models of the My visit tab: chosen symptoms, questions, suggestions, saved visits.

They show plain records and never change the visit themselves: an edit in a view becomes a
signal (`edit_requested`, ...) that the tab checks and passes to the `VisitSession`; the model
is refilled from the visit that results, so a refused edit simply does not show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from mgdesk.domain.questions import Suggestion
from mgdesk.domain.visit import QuestionItem, SymptomChoice
from mgdesk.ui.models import _TableModel

if TYPE_CHECKING:
    from mgdesk.store.visits import VisitSummary

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
DISPLAY = Qt.ItemDataRole.DisplayRole
EDIT = Qt.ItemDataRole.EditRole
CHECK = Qt.ItemDataRole.CheckStateRole
TIP = Qt.ItemDataRole.ToolTipRole
ID_ROLE = Qt.ItemDataRole.UserRole + 3
NOT_RATED = -1
CURRENT_MARK = "✓"


def local_time(stamp: str) -> str:
    """A stored UTC time stamp as the user's local date and time."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def rating_text(rating: int | None) -> str:
    return "not rated" if rating is None else f"{rating} / 10"


class ChosenSymptomsModel(_TableModel):
    """The symptoms in the visit with their 0-10 ratings; the rating column is editable."""

    NAME, RATING = range(2)
    HEADERS = ("Symptom", "Your rating (0-10)")
    rating_edited = Signal(str, object)  # symptom id, rating (int or None)

    def __init__(self, name_of: Callable[[str], str]) -> None:
        super().__init__()
        self._name_of = name_of
        self._rows: list[SymptomChoice] = []

    def set_rows(self, rows: Sequence[SymptomChoice]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def choice_at(self, row: int) -> SymptomChoice:
        return self._rows[row]

    def _count(self) -> int:
        return len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.RATING:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        choice = self._rows[index.row()]
        if role == ID_ROLE:
            return choice.id
        if index.column() == self.NAME and role in (DISPLAY, TIP):
            return self._name_of(choice.id)
        if index.column() == self.RATING:
            if role == DISPLAY:
                return rating_text(choice.rating)
            if role == EDIT:
                return NOT_RATED if choice.rating is None else choice.rating
            if role == TIP:
                return "Double-click or press F2 to change; 0 is none, 10 the worst."
        return None

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        if role != EDIT or index.column() != self.RATING or not index.isValid():
            return False
        try:
            number = int(value)
        except (TypeError, ValueError):
            return False
        rating = None if number == NOT_RATED else number
        self.rating_edited.emit(self._rows[index.row()].id, rating)
        return True


class QuestionsModel(QAbstractListModel):
    """The user's questions: tick to print, edit the wording in place."""

    edit_requested = Signal(int, dict)  # row, changes for `visit_edit.edited`

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[QuestionItem] = []

    def set_rows(self, rows: Sequence[QuestionItem]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def item_at(self, row: int) -> QuestionItem:
        return self._rows[row]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemIsEditable
        )

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role in (DISPLAY, EDIT):
            return item.text
        if role == CHECK:
            return Qt.CheckState.Checked if item.checked else Qt.CheckState.Unchecked
        if role == TIP:
            where = "your own question" if item.origin == "own" else "a suggested question"
            state = "printed on the handout" if item.checked else "not printed (unticked)"
            return f"{item.text}\n\n{where}; {state}. F2 edits it."
        if role == ID_ROLE:
            return item.origin
        return None

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        if not index.isValid():
            return False
        if role == CHECK:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            self.edit_requested.emit(index.row(), {"checked": checked})
            return True
        if role == EDIT:
            self.edit_requested.emit(index.row(), {"text": str(value)})
            return True
        return False


class SuggestionsModel(QAbstractListModel):
    """The curated questions the visit brings up, each with the reason it is suggested."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Suggestion] = []

    def set_rows(self, rows: Sequence[Suggestion]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def suggestion_at(self, row: int) -> Suggestion:
        return self._rows[row]

    def suggestions(self) -> list[Suggestion]:
        return list(self._rows)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        suggestion = self._rows[index.row()]
        if role == DISPLAY:
            return f"{suggestion.question.text}\n    because {suggestion.reason}"
        if role == TIP:
            return f"Suggested because {suggestion.reason}. Enter adds it to your questions."
        if role == ID_ROLE:
            return suggestion.question.id
        return None


class SavedVisitsModel(_TableModel):
    """Saved visits, newest first; the name is editable (rename), the open one is marked."""

    NAME, DATE, UPDATED = range(3)
    HEADERS = ("Name on the handout", "Appointment", "Last saved")
    rename_requested = Signal(int, str)

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[VisitSummary] = []
        self._current: int | None = None

    def set_rows(self, rows: Sequence[VisitSummary], current: int | None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._current = current
        self.endResetModel()

    def summary_at(self, row: int) -> VisitSummary:
        return self._rows[row]

    def row_of(self, visit_id: int) -> int:
        return next((r for r, s in enumerate(self._rows) if s.id == visit_id), -1)

    def _count(self) -> int:
        return len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.NAME:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        summary = self._rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return summary.id
        if role == EDIT and column == self.NAME:
            return summary.name
        if role in (DISPLAY, TIP):
            if column == self.NAME:
                title = summary.name or "(no name)"
                if summary.id == self._current:
                    return f"{CURRENT_MARK} {title} (open now)"
                return title
            if column == self.DATE:
                return summary.date or "no date"
            return local_time(summary.updated)
        return None

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        if role != EDIT or index.column() != self.NAME or not index.isValid():
            return False
        self.rename_requested.emit(self._rows[index.row()].id, str(value))
        return True
