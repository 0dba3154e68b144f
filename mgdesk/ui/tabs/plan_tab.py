"""The My plan tab (being built): for now only says what it will hold."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from mgdesk.store.content_db import ContentDB
from mgdesk.ui.rich import Html, RichPane
from mgdesk.ui.user_data import UserData
from mgdesk.ui.visit_session import VisitSession


class PlanTab(QWidget):
    """Placeholder page until the tab lands."""

    def __init__(self, content: ContentDB, visit: VisitSession, user_data: UserData) -> None:
        super().__init__()
        self.pane = RichPane("My plan")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.pane)
        html = Html()
        html.h(1, "My plan")
        self.pane.show_document(html.html)
