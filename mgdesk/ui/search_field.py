"""The toolbar's search field: light enough to exist from the first paint.

The results panel (`search_panel`) is made on the first keystroke.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget


class SearchField(QLineEdit):
    """The toolbar field; Down moves into the results, Escape clears."""

    move_down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.move_down.emit()
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


def make_search_field() -> SearchField:
    field = SearchField()
    field.setPlaceholderText("Search everything (Ctrl+K)")
    field.setClearButtonEnabled(True)
    field.setAccessibleName("Search all content")
    field.setMinimumWidth(260)
    return field


def wrap_field(field: SearchField) -> QWidget:
    """The field with a little margin, for the toolbar."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(4, 2, 4, 2)
    row.addWidget(field)
    return holder
