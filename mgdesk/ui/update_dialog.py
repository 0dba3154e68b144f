"""File > Update reference content...: check a pack, show what it changes, install on request.

The checks are the command line's (`store.content_update`), so the window refuses the same
packs with the same one-line reason. Nothing is written until the user presses Install; the
new content is read from the next start (the open window keeps the content it shows).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStringListModel, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mgdesk.domain.errors import InputError
from mgdesk.store.content_update import CheckedPack, check
from mgdesk.ui.widgets import DisclaimerLabel, heading, text_label


class UpdateDialog(QDialog):
    """One pack file: either the reason it is refused, or its changes and an Install button."""

    installed = Signal(str)

    def __init__(self, file: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Update reference content")
        self.setAccessibleName("Update reference content")
        self.checked: CheckedPack | None = None
        self.error: str | None = None
        try:
            self.checked = check(file)
        except InputError as exc:
            self.error = str(exc)
        except OSError as exc:
            self.error = f"cannot read {file}: {exc.strerror or exc}"
        self.changes = QStringListModel(
            [c.line() for c in self.checked.changes] if self.checked else []
        )
        layout = QVBoxLayout(self)
        if self.checked is None:
            layout.addWidget(heading("This file cannot be used", 2))
            self.message = text_label(f"{self.error}. The reference content was not changed.")
        else:
            m = self.checked.pack.manifest
            layout.addWidget(heading(f"Reference content {m.content_version}", 2))
            signer = self.checked.pack.signer.key_id
            self.message = text_label(
                f"Released {m.release_date}, signed by trusted key {signer}"
                f". It replaces content {self.checked.current['content_version']}.\n{m.changelog}"
                f"\nWhat changed ({len(self.checked.changes)}):"
            )
        layout.addWidget(self.message)
        self.change_list = QListView()
        self.change_list.setAccessibleName("What changed")
        self.change_list.setModel(self.changes)
        self.change_list.setVisible(self.checked is not None)
        layout.addWidget(self.change_list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.install_button = QPushButton("&Install")
        self.install_button.clicked.connect(self.install)
        buttons.addButton(self.install_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.install_button.setVisible(self.checked is not None)
        layout.addWidget(buttons)
        layout.addWidget(DisclaimerLabel())
        self.finished.connect(self._close_check)
        self.resize(640, 420)

    def install(self) -> None:
        if self.checked is None:
            return
        try:
            entry = self.checked.install()
        except OSError as exc:
            self.message.setText(f"The content could not be installed: {exc.strerror or exc}.")
            return
        self.install_button.setEnabled(False)
        self.message.setText(
            f"Installed reference content {entry.version}. It is used from the next start of "
            "mgdesk; 'mgdesk content rollback' goes back."
        )
        self.installed.emit(entry.version)

    def _close_check(self) -> None:
        if self.checked is not None:
            self.checked.close()
