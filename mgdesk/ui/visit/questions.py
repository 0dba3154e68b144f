"""The question builder of the My visit tab: questions suggested by what was chosen, and the
patient's own list (ticked ones are printed), with reordering and undoable deletion."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
)

from mgdesk.domain.errors import InputError
from mgdesk.domain.questions import add_questions, suggest_questions
from mgdesk.domain.visit import MAX_QUESTION, QuestionItem, VisitPlan
from mgdesk.domain.visit_edit import checked_text, edited, moved
from mgdesk.store.content_db import ContentDB
from mgdesk.ui.visit.keeper import VisitKeeper
from mgdesk.ui.visit.models import QuestionsModel, SuggestionsModel
from mgdesk.ui.visit.views import NO_MOD, KeyActions, select_row, selected_row
from mgdesk.ui.visit_session import VisitSession
from mgdesk.ui.widgets import heading, set_role, text_label


class QuestionsBox(QGroupBox):
    """Suggested questions and the patient's own; every change goes through the visit."""

    def __init__(self, content: ContentDB, visit: VisitSession, keeper: VisitKeeper) -> None:
        super().__init__("Questions for your doctor")
        self._content = content
        self._visit = visit
        self._keeper = keeper
        self.suggestions_model = SuggestionsModel()
        self.suggestions_view = QListView()
        self.suggestions_view.setModel(self.suggestions_model)
        self.suggestions_view.setAccessibleName("Suggested questions")
        self.suggestions_view.setWordWrap(True)
        self.suggestions_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.suggestions_view.setMinimumHeight(80)
        self.suggestions_view.setMaximumHeight(190)
        self.suggestions_note = text_label("", role="muted")
        self.suggestions_note.setAccessibleName("About the suggested questions")
        self.suggestions_view.activated.connect(lambda _index: self.add_suggested())
        self.add_suggestion = QPushButton("Add to &my questions")
        self.add_suggestion.clicked.connect(self.add_suggested)
        self.add_all = QPushButton("Add a&ll")
        self.add_all.clicked.connect(self.add_all_suggested)

        self.questions_model = QuestionsModel()
        self.questions_model.edit_requested.connect(self._on_question_edit)
        self.questions_view = QListView()
        self.questions_view.setModel(self.questions_model)
        self.questions_view.setAccessibleName("Your questions: ticked ones go on the handout")
        self.questions_view.setWordWrap(True)
        self.questions_view.setMinimumHeight(120)
        self.questions_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.own_question = QLineEdit()
        self.own_question.setPlaceholderText("Type your own question and press Enter")
        self.own_question.setAccessibleName("Your own question")
        self.own_question.returnPressed.connect(self.add_own_question)
        self.add_own = QPushButton("Add &question")
        self.add_own.clicked.connect(self.add_own_question)
        self.move_up = QPushButton("Move up")
        self.move_up.setToolTip("Alt+Up")
        self.move_up.clicked.connect(lambda: self.move_question(-1))
        self.move_down = QPushButton("Move do&wn")
        self.move_down.setToolTip("Alt+Down")
        self.move_down.clicked.connect(lambda: self.move_question(1))
        self.delete_question = QPushButton("Delete question")
        self.delete_question.setToolTip("Delete; Ctrl+Z brings it back")
        self.delete_question.clicked.connect(self.remove_question)
        alt = Qt.KeyboardModifier.AltModifier
        KeyActions(
            self.questions_view,
            {
                (Qt.Key.Key_Up, alt): lambda: self.move_question(-1),
                (Qt.Key.Key_Down, alt): lambda: self.move_question(1),
                (Qt.Key.Key_Delete, NO_MOD): self.remove_question,
            },
        )
        self.questions_message = text_label("", role="muted")
        self.questions_message.setAccessibleName("Message about your questions")

        column = QVBoxLayout(self)
        column.addWidget(heading("Suggested from what you chose", 3))
        column.addWidget(self.suggestions_note)
        column.addWidget(self.suggestions_view)
        row = QHBoxLayout()
        row.addWidget(self.add_suggestion)
        row.addWidget(self.add_all)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(heading("My questions (ticked ones are printed)", 3))
        column.addWidget(self.questions_view)
        own = QHBoxLayout()
        own.addWidget(self.own_question, 1)
        own.addWidget(self.add_own)
        column.addLayout(own)
        row = QHBoxLayout()
        for button in (self.move_up, self.move_down, self.delete_question):
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(self.questions_message)
        for view in (self.suggestions_view, self.questions_view):
            view.selectionModel().selectionChanged.connect(self.update_buttons)
        self.own_question.textChanged.connect(self.update_buttons)

    def fill(self, plan: VisitPlan) -> None:
        """Show the visit's questions and what is still left to suggest."""
        selected = selected_row(self.questions_view)
        self.questions_model.set_rows(plan.questions)
        if selected is not None and plan.questions:
            select_row(self.questions_view, min(selected, len(plan.questions) - 1))
        suggestions = suggest_questions(plan, self._content)
        self.suggestions_model.set_rows(suggestions)
        self.suggestions_view.setVisible(bool(suggestions))
        self.suggestions_note.setText(
            "Curated questions brought up by your medicines, conditions, forms and symptoms. "
            "Enter or “Add to my questions” puts one on your list."
            if suggestions
            else "Nothing more to suggest: every suggested question is on your list."
        )
        self.update_buttons()

    def update_buttons(self) -> None:
        self.add_suggestion.setEnabled(selected_row(self.suggestions_view) is not None)
        self.add_all.setEnabled(self.suggestions_model.rowCount() > 0)
        question = selected_row(self.questions_view)
        count = self.questions_model.rowCount()
        self.move_up.setEnabled(question is not None and question > 0)
        self.move_down.setEnabled(question is not None and question < count - 1)
        self.delete_question.setEnabled(question is not None)
        self.add_own.setEnabled(bool(self.own_question.text().strip()))

    def _set_questions(self, items: tuple[QuestionItem, ...]) -> bool:
        try:
            self._visit.update(questions=items)
        except InputError as exc:
            self._message(f"⚠ {exc}. Nothing was changed.", error=True)
            return False
        return True

    def _message(self, text: str, error: bool = False) -> None:
        self.questions_message.setText(text)
        set_role(self.questions_message, "error" if error else "muted")

    def add_suggested(self) -> None:
        rows = sorted(i.row() for i in self.suggestions_view.selectionModel().selectedRows())
        if not rows:
            self._message("Choose a suggested question first.")
            return
        items = [self.suggestions_model.suggestion_at(r).item for r in rows]
        if self._set_questions(add_questions(self._visit.plan.questions, items)):
            self._message("Added to your questions (ticked: it will be printed).")

    def add_all_suggested(self) -> None:
        items = [s.item for s in self.suggestions_model.suggestions()]
        if items and self._set_questions(add_questions(self._visit.plan.questions, items)):
            self._message(f"Added {len(items)} suggested questions.")

    def add_own_question(self) -> None:
        text = self.own_question.text()
        try:
            clean = checked_text(text, "A question", MAX_QUESTION).strip()
        except InputError as exc:
            self._message(f"⚠ {exc}. Nothing was added.", error=True)
            return
        if not clean:
            self._message("Type a question first.")
            return
        before = self._visit.plan.questions
        after = add_questions(before, [QuestionItem(clean)])
        if after == before:
            self._message("That question is on your list already.")
            return
        if self._set_questions(after):
            self.own_question.clear()
            select_row(self.questions_view, len(after) - 1)
            self._message("Added your question.")

    def _on_question_edit(self, row: int, changes: dict[str, object]) -> None:
        try:
            items = edited(self._visit.plan.questions, row, **changes)
        except InputError as exc:
            self._message(f"⚠ {exc}. The question was not changed.", error=True)
            return
        if self._set_questions(items):
            self._message("")

    def move_question(self, step: int) -> None:
        row = selected_row(self.questions_view)
        if row is None:
            return
        items, target = moved(self._visit.plan.questions, row, step)
        if target != row and self._set_questions(items):
            select_row(self.questions_view, target)

    def remove_question(self) -> None:
        row = selected_row(self.questions_view)
        if row is None:
            return
        item = self._visit.plan.questions[row]

        def do() -> None:
            current = self._visit.plan.questions
            if item in current:
                self._visit.update(questions=tuple(q for q in current if q != item))

        def undo() -> None:
            current = list(self._visit.plan.questions)
            if item not in current:
                current.insert(min(row, len(current)), item)
                self._visit.update(questions=tuple(current))

        self._keeper.push("Deleted a question", do, undo)
        self._message("Deleted the question. Undo (Ctrl+Z) brings it back.")
