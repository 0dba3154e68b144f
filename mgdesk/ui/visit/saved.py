"""The saved visits of the My visit tab: the list, which one is open, and Save, Open,
Duplicate, Rename and Delete (with undo), all carried out by the `VisitKeeper`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from mgdesk.ui.visit.keeper import VisitKeeper, visit_title
from mgdesk.ui.visit.models import SavedVisitsModel
from mgdesk.ui.visit.views import NO_MOD, KeyActions, select_row, selected_row
from mgdesk.ui.visit_session import VisitSession
from mgdesk.ui.widgets import text_label


class SavedVisitsBox(QGroupBox):
    """The keeper's saved visits, with the open one marked; buttons say why they are off."""

    def __init__(self, visit: VisitSession, keeper: VisitKeeper) -> None:
        super().__init__("Saved visits")
        self._visit = visit
        self._keeper = keeper
        self._marked_current: int | None = None
        self.saved_model = SavedVisitsModel()
        self.saved_model.rename_requested.connect(self._keeper.rename)
        self.saved_view = QTableView()
        self.saved_view.setModel(self.saved_model)
        self.saved_view.setAccessibleName("Saved visits")
        self.saved_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.saved_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.saved_view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.saved_view.setTabKeyNavigation(False)
        self.saved_view.verticalHeader().setVisible(False)
        saved_header = self.saved_view.horizontalHeader()
        saved_header.setSectionResizeMode(SavedVisitsModel.NAME, QHeaderView.ResizeMode.Stretch)
        for section in (SavedVisitsModel.DATE, SavedVisitsModel.UPDATED):
            saved_header.setSectionResizeMode(section, QHeaderView.ResizeMode.ResizeToContents)
        self.saved_view.setMinimumHeight(90)
        self.saved_view.setMaximumHeight(200)
        self.saved_view.activated.connect(lambda _index: self.open_selected())
        self.save_button = QPushButton("Save v&isit")
        self.save_button.setToolTip("Ctrl+S")
        self.save_button.clicked.connect(self._keeper.save)
        self.open_button = QPushButton("&Open")
        self.open_button.clicked.connect(self.open_selected)
        self.duplicate_button = QPushButton("Duplicate")
        self.duplicate_button.clicked.connect(self.duplicate_selected)
        self.rename_button = QPushButton("Rename")
        self.rename_button.clicked.connect(self.rename_selected)
        self.delete_button = QPushButton("D&elete")
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_button = QPushButton("&Undo")
        self.undo_button.clicked.connect(self._keeper.undo_stack.undo)
        KeyActions(self.saved_view, {(Qt.Key.Key_Delete, NO_MOD): self.delete_selected})
        self.current_label = text_label("", role="muted")
        self.current_label.setAccessibleName("Which visit is open")
        self.saved_message = text_label("", role="muted")
        self.saved_message.setAccessibleName("Message about saved visits")

        column = QVBoxLayout(self)
        column.addWidget(self.current_label)
        column.addWidget(self.saved_view)
        row = QHBoxLayout()
        for button in (
            self.save_button,
            self.open_button,
            self.duplicate_button,
            self.rename_button,
            self.delete_button,
            self.undo_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(self.saved_message)
        self.saved_view.selectionModel().selectionChanged.connect(self.update_buttons)

        keeper.saved_changed.connect(self.refresh)
        keeper.current_changed.connect(self.show_current)
        keeper.status.connect(self.saved_message.setText)
        keeper.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        keeper.undo_stack.undoTextChanged.connect(self._on_undo_text)
        self._on_undo_text(keeper.undo_stack.undoText())
        self.undo_button.setEnabled(keeper.undo_stack.canUndo())

    def refresh(self) -> None:
        """Read the saved visits again, keeping the selection where that visit still is."""
        selected = self._selected_visit()
        self._marked_current = self._keeper.current_id
        self.saved_model.set_rows(self._keeper.saved(), self._marked_current)
        if selected is not None and (row := self.saved_model.row_of(selected)) >= 0:
            select_row(self.saved_view, row)
        self.update_buttons()

    def show_current(self) -> None:
        """Say which visit is open and whether it changed since it was saved."""
        plan = self._visit.plan
        current = self._keeper.current_id
        if current is None:
            text = "A new visit, not yet in your saved visits."
        elif self._keeper.is_modified:
            text = f"“{visit_title(plan.name, plan.date)}”, changed since it was saved."
        else:
            text = f"“{visit_title(plan.name, plan.date)}”, as saved."
        self.current_label.setText(text)
        if current != self._marked_current:
            self.refresh()  # move the "open now" mark
        self.update_buttons()

    def _selected_visit(self) -> int | None:
        row = selected_row(self.saved_view)
        return None if row is None else self.saved_model.summary_at(row).id

    def focus_list(self) -> None:
        """Put the keyboard on the list, the first visit selected; say so when it is empty."""
        self.refresh()
        if self.saved_model.rowCount() and selected_row(self.saved_view) is None:
            select_row(self.saved_view, 0)
        self.saved_view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.saved_model.rowCount():
            self.saved_message.setText(
                "No saved visits yet. Save (Ctrl+S) keeps this one."
                if self._keeper.keeps_data
                else self._keeper.problem or ""
            )

    def open_selected(self) -> None:
        visit_id = self._selected_visit()
        if visit_id is not None:
            self._keeper.open_visit(visit_id)

    def duplicate_selected(self) -> None:
        visit_id = self._selected_visit()
        if visit_id is not None:
            new_id = self._keeper.duplicate(visit_id)
            if new_id is not None and (row := self.saved_model.row_of(new_id)) >= 0:
                select_row(self.saved_view, row)

    def rename_selected(self) -> None:
        row = selected_row(self.saved_view)
        if row is not None:
            self.saved_view.setFocus(Qt.FocusReason.OtherFocusReason)
            self.saved_view.edit(self.saved_model.index(row, SavedVisitsModel.NAME))

    def delete_selected(self) -> None:
        visit_id = self._selected_visit()
        if visit_id is not None:
            self._keeper.delete(visit_id)

    def update_buttons(self) -> None:
        keeps = self._keeper.keeps_data
        why_not = self._keeper.problem or ""
        chosen = self._selected_visit() is not None and keeps
        for button in (
            self.open_button,
            self.duplicate_button,
            self.rename_button,
            self.delete_button,
        ):
            button.setEnabled(chosen)
            button.setToolTip("" if chosen else "Choose a saved visit first." if keeps else why_not)
        self.save_button.setEnabled(keeps)
        self.save_button.setToolTip("Ctrl+S" if keeps else why_not)

    def _on_undo_text(self, text: str) -> None:
        self.undo_button.setText(f"&Undo {text.lower()}" if text else "&Undo")
        self.undo_button.setAccessibleName(f"Undo {text.lower()}" if text else "Undo")
