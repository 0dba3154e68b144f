"""The My visit tab (for now): what the current visit holds, read back in plain words.

The handout issue replaces this with notes, questions and the PDF preview; until then it only
lists what the other tabs put in the visit, so nothing on it is a button that does nothing.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from mgdesk.domain.visit import VisitPlan
from mgdesk.store.content_db import ContentDB
from mgdesk.ui.rich import Html, RichPane, text
from mgdesk.ui.user_data import UserData
from mgdesk.ui.visit_session import VisitSession

STATE_WORDS = {(True, False): ", pregnant", (False, True): ", breastfeeding"}


class VisitTab(QWidget):
    """A read-only summary of the current visit."""

    def __init__(self, content: ContentDB, visit: VisitSession, user_data: UserData) -> None:
        super().__init__()
        self._content = content
        self._user_data = user_data
        self.pane = RichPane("My visit")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.pane)
        visit.changed.connect(self._show)
        self._show(visit.plan)

    def _name(self, kind: str, ident: str) -> str:
        try:
            return str(getattr(self._content, kind)(ident).name)
        except KeyError:
            return ident

    def summary_lines(self, plan: VisitPlan) -> dict[str, list[str]]:
        """The visit as sections of lines (also what the tests read)."""
        about: list[str] = []
        if plan.age is not None:
            age = f"{plan.age} years" if plan.age else f"{plan.months or 0} months"
            sex = f", {plan.sex}" if plan.sex else ""
            about.append(f"{age}{sex}{STATE_WORDS.get((plan.pregnant, plan.lactating), '')}")
        symptoms = [
            self._name("symptom", s.id) + ("" if s.rating is None else f" — rated {s.rating}/10")
            for s in plan.symptoms
        ]
        return {
            "About you": about,
            "Symptoms to discuss": symptoms,
            "Forms of magnesium": [self._name("form", f) for f in plan.forms],
            "Medicines": [m.name for m in plan.medicines],
            "Conditions": [self._name("condition", c) for c in plan.conditions],
        }

    def _show(self, plan: VisitPlan) -> None:
        self.pane.show_document(lambda: self._render(plan))

    def _render(self, plan: VisitPlan) -> str:
        html = Html()
        html.h(1, "My visit")
        html.p(
            "What you have picked in the other tabs, collected for your next doctor visit. "
            "Change it in those tabs.",
            "muted",
        )
        for title, lines in self.summary_lines(plan).items():
            html.h(2, title)
            if lines:
                html.raw("<ul>" + "".join(f"<li>{text(line)}</li>" for line in lines) + "</ul>")
            else:
                html.p("Nothing yet.", "muted")
        return html.html()
