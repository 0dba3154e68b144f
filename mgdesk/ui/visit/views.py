"""Keys and selection for the My visit tab's lists, shared by the visit, questions and saved
visits boxes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QWidget

NO_MOD = Qt.KeyboardModifier.NoModifier


class KeyActions(QObject):
    """Keys a list acts on while it has focus (Delete, Alt+Up/Down). An event filter, not a
    QShortcut: item views take Delete for themselves before a shortcut sees it."""

    def __init__(
        self, view: QWidget, actions: dict[tuple[Qt.Key, Qt.KeyboardModifier], Callable[[], None]]
    ) -> None:
        super().__init__(view)
        self._actions = actions
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            action = self._actions.get((Qt.Key(event.key()), modifiers))
            if action is not None:
                action()
                return True
        return super().eventFilter(watched, event)


def selected_row(view: QAbstractItemView) -> int | None:
    """The one selected row of a single-selection view, or None."""
    model = view.selectionModel()
    rows = model.selectedRows() if model is not None else []
    if rows:
        return rows[0].row()
    current = view.currentIndex()
    return current.row() if current.isValid() and model and model.isSelected(current) else None


def select_row(view: QAbstractItemView, row: int) -> None:
    """Make `row` current and selected, as a click would."""
    index = view.model().index(row, 0)
    view.setCurrentIndex(index)
    view.selectionModel().select(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
