"""The pain map page of the Journal tab (being built): the ACR 2016 self-report."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from mgdesk.ui.user_data import UserData
from mgdesk.ui.widgets import text_label


class PainMapPage(QWidget):
    """Placeholder page until the pain map lands."""

    def __init__(self, user_data: UserData) -> None:
        super().__init__()
        self._user_data = user_data
        column = QVBoxLayout(self)
        column.addWidget(text_label("Pain map"))
