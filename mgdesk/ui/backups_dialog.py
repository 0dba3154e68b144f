"""File > Restore from backup: pick one of the automatic backups and put it back.

The list is newest first with readable names; restoring asks once, keeps the current file aside
(the store does that) and says where. A damaged or too-new backup is refused with the store's
message and nothing changes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mgdesk.store.user_db import UserDBError, backup_label
from mgdesk.ui.user_data import UserData
from mgdesk.ui.widgets import text_label

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class RestoreDialog(QDialog):
    """The backups as a list; `restored(message)` once one was put back."""

    restored = Signal(str)

    def __init__(self, user_data: UserData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._user_data = user_data
        self.setWindowTitle("Restore from backup")
        self.setObjectName("restore-dialog")
        column = QVBoxLayout(self)
        column.addWidget(
            text_label(
                "mgdesk keeps a copy of your saved data each day (the last 7) and before every "
                "update. Restoring puts the chosen copy back; the data you have now is kept "
                "aside in the same folder, not deleted."
            )
        )
        self.model = QStandardItemModel(self)
        self.list = QListView()
        self.list.setAccessibleName("Backups, newest first")
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list.setModel(self.model)
        self.list.doubleClicked.connect(lambda _index: self.restore_selected())
        column.addWidget(self.list, 1)
        self.message = text_label("", role="muted")
        column.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton("&Restore this backup")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self.resize(520, 360)
        self.refresh()

    def refresh(self) -> None:
        self.model.clear()
        for path in self._user_data.backups():
            item = QStandardItem(backup_label(path))
            when = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
            item.setToolTip(f"{path}\nwritten {when}")
            item.setData(str(path), PATH_ROLE)
            self.model.appendRow(item)
        found = self.model.rowCount() > 0
        if found:
            self.list.setCurrentIndex(self.model.index(0, 0))
        self.restore_button.setEnabled(found)
        self.message.setText(
            "" if found else "There is no backup yet: the first is made the day after you start."
        )

    def selected(self) -> Path | None:
        index = self.list.currentIndex()
        return Path(str(index.data(PATH_ROLE))) if index.isValid() else None

    def confirm(self, label: str) -> bool:
        """Ask before replacing the data (tests replace this)."""
        answer = QMessageBox.question(
            self,
            "Restore from backup",
            f"Put back “{label}”? Your current data will be kept aside, not deleted.",
        )
        return answer == QMessageBox.StandardButton.Yes

    def restore_selected(self) -> None:
        backup = self.selected()
        if backup is None:
            self.message.setText("Choose a backup first.")
            return
        label = backup_label(backup)
        if not self.confirm(label):
            return
        try:
            kept = self._user_data.restore(backup)
        except (UserDBError, OSError) as error:
            self.message.setText(f"Not restored: {error}. Nothing was changed.")
            return
        where = f" Your previous data is kept as {kept}." if kept else ""
        self.restored.emit(f"Restored “{label}”.{where}")
        self.accept()
