"""The My visit tab: prepare the appointment, see the handout as it will print, save and print it.

Left, the visit: who and when (age and sex are the Dosage tab's fields, edited through the same
`VisitSession`), the symptoms with their ratings, the forms, medicines and conditions, the
question builder, notes, the handout's sections and the saved visits. Right, the preview: the
PDF rendered in a worker thread after a pause in typing (`handout_render`) and shown with QtPdf.
Every field is checked as typed (`domain.visit_edit`): a refused entry gets one message under
the fields and the visit is left as it was. Keeping the visit (draft, saved visits, undo) is
the `VisitKeeper`'s job; this tab shows it and forwards the user's actions.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mgdesk.domain.dosage import make_person
from mgdesk.domain.errors import InputError
from mgdesk.domain.retired import retired_label
from mgdesk.domain.text import PLAN_DRAFT
from mgdesk.domain.visit import (
    MAX_NOTES,
    SECTION_IDS,
    JournalRange,
    VisitPlan,
)
from mgdesk.domain.visit_edit import checked_date, checked_text
from mgdesk.store.content_db import ContentDB
from mgdesk.ui.user_data import UserData
from mgdesk.ui.visit.keeper import VisitKeeper
from mgdesk.ui.visit.models import (
    NOT_RATED,
    ChosenSymptomsModel,
)
from mgdesk.ui.visit.output import HandoutPane
from mgdesk.ui.visit.questions import QuestionsBox
from mgdesk.ui.visit.saved import SavedVisitsBox
from mgdesk.ui.visit.views import NO_MOD, KeyActions, selected_row
from mgdesk.ui.visit_session import VisitSession
from mgdesk.ui.widgets import SEVERITY_TITLES, LinkButton, ScrollPane, heading, set_role, text_label

SECTION_LABELS = {
    "summary": "Page 1: the summary for your doctor",
    "symptoms": "Symptoms and the evidence",
    "forms": "Forms of magnesium compared",
    "interactions": "Medicines and conditions",
    "plan": f"My plan ({PLAN_DRAFT.lower()})",
    "questions": "Questions, with room for answers",
    "notes": "My notes",
    "journal": "Since my last visit (journal)",
    "references": "References",
}
SEX_CHOICES = (("not given", None), ("female", "female"), ("male", "male"))
NO_DATE = QDate(1900, 1, 1)


class _DateEdit(QDateEdit):
    """A date field that Tab leaves (arrows still move between year, month and day).

    QDateEdit keeps Tab for its sections, and while it shows its special value ("not set")
    Tab never leaves it: a keyboard trap for anyone who moves with Tab alone.
    """

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 - Qt's name
        return QWidget.focusNextPrevChild(self, next)


JOURNAL_DAYS = 90  # the "Since my last visit" range offered first: about one visit interval


def included(plan: VisitPlan, section: str) -> bool:
    """Whether the handout will show a section: the journal needs its range as well as its tick
    (as `mgdesk handout --from` reads the same visit), so its box shows both together."""
    if section == "journal":
        return plan.includes("journal") and plan.journal is not None
    return plan.includes(section)


KEPT_TEXT = "Saved automatically as you type; Save (Ctrl+S) adds it to your saved visits."


class RatingDelegate(QStyledItemDelegate):
    """A 0-10 spin box for a symptom's rating, with "not rated" below 0."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        box = QSpinBox(parent)
        box.setRange(NOT_RATED, 10)
        box.setSpecialValueText("not rated")
        box.setAccessibleName("Rating from 0 (none) to 10 (worst)")
        return box


class VisitTab(QWidget):
    """The current visit, its question builder, its saved versions and its handout preview."""

    status = Signal(str)
    go_to = Signal(str)  # a tab key: "symptoms", "forms", "interactions"

    def __init__(self, content: ContentDB, visit: VisitSession, user_data: UserData) -> None:
        super().__init__()
        self._content = content
        self._visit = visit
        self._keeper = VisitKeeper.of(visit, user_data)
        self._errors: dict[str, str] = {}
        self._good: dict[str, str] = {}

        self.notice = text_label("", role="muted")
        self.notice.setAccessibleName("Whether your visit is kept")
        self.questions = QuestionsBox(content, visit, self._keeper)
        self.saved = SavedVisitsBox(visit, self._keeper)
        self.output = HandoutPane(content, visit, user_data)
        self.output.status.connect(self.status)

        left = ScrollPane("Your visit")
        for box in (
            self._build_about(),
            self._build_symptoms(),
            self._build_choices(),
            self.questions,
            self._build_notes(),
            self._build_sections(),
            self.saved,
        ):
            left.column.addWidget(box)
        left.column.addStretch(1)
        self.left = left

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("visit")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.output)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.notice)
        column.addWidget(self.splitter, 1)

        self._undo_action = self._keeper.undo_stack.createUndoAction(self, "&Undo")
        self._undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self._undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self._undo_action)
        self._redo_action = self._keeper.undo_stack.createRedoAction(self, "&Redo")
        self._redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self._redo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self._redo_action)

        visit.changed.connect(self._on_visit)
        self._keeper.started.connect(self._on_keeper_started)
        self._name_controls()
        self._fill(visit.plan, force=True)
        self._on_keeper_started()

    def _on_keeper_started(self) -> None:
        """Say whether the visit is kept (and why not), then show the saved visits."""
        if not self._keeper.is_started:
            self.notice.setText("Opening your saved visits…")
            set_role(self.notice, "muted")
        elif self._keeper.keeps_data:
            self.notice.setText(KEPT_TEXT)
            set_role(self.notice, "muted")
        else:
            self.notice.setText(f"⚠ {self._keeper.problem}")
            set_role(self.notice, "warning")
        self.saved.refresh()
        self.saved.show_current()

    def _name_controls(self) -> None:
        """Buttons speak their own words; a combo box's list speaks for its box."""
        for button in self.findChildren(QPushButton):
            if not button.accessibleName():
                button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
        for combo in self.findChildren(QComboBox):
            combo.view().setAccessibleName(f"Choices: {combo.accessibleName()}")

    # ----- building: the visit

    def _build_about(self) -> QGroupBox:
        self.name = QLineEdit()
        self.name.setPlaceholderText("optional; printed at the top of the handout")
        self.name.setAccessibleName("Your name, as the handout prints it")
        self.date = _DateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setDateRange(NO_DATE, QDate(9999, 12, 31))
        self.date.setSpecialValueText("not set")
        self.date.setKeyboardTracking(False)
        self.date.setAccessibleName("Appointment date")
        self.clear_date = QPushButton("No &date")
        self.clear_date.setAccessibleName("Clear the appointment date")
        self.clinician = QLineEdit()
        self.clinician.setPlaceholderText("optional, e.g. Dr Okafor")
        self.clinician.setAccessibleName("Clinician")
        self.age = QLineEdit()
        self.age.setPlaceholderText("years")
        self.age.setAccessibleName("Age in whole years (shared with the Dosage tab)")
        self.sex = QComboBox()
        for label, value in SEX_CHOICES:
            self.sex.addItem(label, value)
        self.sex.setAccessibleName("Sex (shared with the Dosage tab)")
        self.about_message = text_label("", role="muted")
        self.about_message.setAccessibleName("Message about your entries")
        self.about_message.setVisible(False)

        box = QGroupBox("The visit")
        column = QVBoxLayout(box)
        form = QFormLayout()
        column.addLayout(form)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date, 1)
        date_row.addWidget(self.clear_date)
        person_row = QHBoxLayout()
        person_row.addWidget(self.age, 1)
        sex_label = QLabel("&Sex:")
        sex_label.setBuddy(self.sex)
        person_row.addWidget(sex_label)
        person_row.addWidget(self.sex, 1)
        rows: tuple[tuple[str, QWidget, QHBoxLayout | None], ...] = (
            ("Your &name:", self.name, None),
            ("Appoin&tment:", self.date, date_row),
            ("&Clinician:", self.clinician, None),
            ("&Age:", self.age, person_row),
        )
        for caption, field, layout in rows:
            buddy = QLabel(caption)
            buddy.setBuddy(field)
            if layout is None:
                form.addRow(buddy, field)
            else:
                form.addRow(buddy, layout)
        column.addWidget(self.about_message)

        self.name.textChanged.connect(partial(self._on_text, "name"))
        self.clinician.textChanged.connect(partial(self._on_text, "clinician"))
        self.date.dateChanged.connect(self._on_date)
        self.clear_date.clicked.connect(lambda: self.date.setDate(NO_DATE))
        self.age.textChanged.connect(self._on_person)
        self.sex.currentIndexChanged.connect(self._on_person)
        return box

    def _build_symptoms(self) -> QGroupBox:
        self.symptoms_model = ChosenSymptomsModel(self._symptom_name)
        self.symptoms_model.rating_edited.connect(self._on_rating)
        self.symptoms_view = QTableView()
        self.symptoms_view.setModel(self.symptoms_model)
        self.symptoms_view.setAccessibleName("Symptoms to discuss, with your ratings")
        self.symptoms_view.setItemDelegateForColumn(
            ChosenSymptomsModel.RATING, RatingDelegate(self.symptoms_view)
        )
        self.symptoms_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.symptoms_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.symptoms_view.setTabKeyNavigation(False)
        self.symptoms_view.verticalHeader().setVisible(False)
        header = self.symptoms_view.horizontalHeader()
        header.setSectionResizeMode(ChosenSymptomsModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            ChosenSymptomsModel.RATING, QHeaderView.ResizeMode.ResizeToContents
        )
        self.symptoms_view.setMinimumHeight(90)
        self.symptoms_view.setMaximumHeight(170)
        self.remove_symptom = QPushButton("Remove s&ymptom")
        self.remove_symptom.setToolTip("Choose a symptom in the list first.")
        self.remove_symptom.clicked.connect(self._remove_symptom)
        KeyActions(self.symptoms_view, {(Qt.Key.Key_Delete, NO_MOD): self._remove_symptom})
        link = LinkButton("Choose symptoms in the Symptoms tab")
        link.clicked.connect(lambda: self.go_to.emit("symptoms"))
        box = QGroupBox("Symptoms to discuss")
        column = QVBoxLayout(box)
        column.addWidget(
            text_label(
                "Double-click a rating (or press F2) to change it: 0 none, 10 worst.", "muted"
            )
        )
        column.addWidget(self.symptoms_view)
        row = QHBoxLayout()
        row.addWidget(self.remove_symptom)
        row.addStretch(1)
        row.addWidget(link)
        column.addLayout(row)
        self.symptoms_view.selectionModel().selectionChanged.connect(self._update_buttons)
        return box

    def _build_choices(self) -> QGroupBox:
        self.forms_model = QStringListModel()
        self._form_ids: list[str] = []
        self.forms_view = QListView()
        self.forms_view.setModel(self.forms_model)
        self.forms_view.setAccessibleName("Forms of magnesium you are considering")
        self.forms_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.forms_view.setMaximumHeight(72)
        self.remove_form = QPushButton("Remove form")
        self.remove_form.clicked.connect(self._remove_form)
        forms_link = LinkButton("Compare forms in the Forms tab")
        forms_link.clicked.connect(lambda: self.go_to.emit("forms"))
        self.medicines_text = text_label("")
        self.medicines_text.setAccessibleName("Your medicines and conditions")
        inter_link = LinkButton("Change them in the Interactions tab")
        inter_link.clicked.connect(lambda: self.go_to.emit("interactions"))

        box = QGroupBox("Forms, medicines and conditions")
        column = QVBoxLayout(box)
        column.addWidget(heading("Forms of magnesium you are considering", 3))
        column.addWidget(self.forms_view)
        row = QHBoxLayout()
        row.addWidget(self.remove_form)
        row.addStretch(1)
        row.addWidget(forms_link)
        column.addLayout(row)
        column.addWidget(heading("Medicines and conditions", 3))
        column.addWidget(self.medicines_text)
        column.addWidget(inter_link, 0, Qt.AlignmentFlag.AlignRight)
        self.forms_view.selectionModel().selectionChanged.connect(self._update_buttons)
        return box

    def _build_notes(self) -> QGroupBox:
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Anything else your doctor should know")
        self.notes.setAccessibleName("Notes for the visit")
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(70)
        self.notes.setMaximumHeight(160)
        self.notes.textChanged.connect(lambda: self._on_text("notes", self.notes.toPlainText()))
        box = QGroupBox("&Notes")
        column = QVBoxLayout(box)
        column.addWidget(self.notes)
        return box

    def _build_sections(self) -> QGroupBox:
        self.section_boxes: dict[str, QCheckBox] = {}
        box = QGroupBox("What the handout includes")
        grid = QGridLayout(box)
        for index, section in enumerate(SECTION_IDS):
            check = QCheckBox(SECTION_LABELS[section])
            check.setAccessibleName(f"Include: {SECTION_LABELS[section]}")
            check.toggled.connect(self._on_sections)
            grid.addWidget(check, index // 2, index % 2)
            self.section_boxes[section] = check
        row = QHBoxLayout()
        self.journal_from = QDateEdit()
        self.journal_to = QDateEdit()
        for edit, name in ((self.journal_from, "first"), (self.journal_to, "last")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMaximumDate(QDate.currentDate())
            edit.setAccessibleName(f"The {name} day of the journal the handout shows")
            edit.dateChanged.connect(lambda _date: self._on_journal_range())
        caption = QLabel("&Journal from")
        caption.setBuddy(self.journal_from)
        row.addWidget(caption)
        row.addWidget(self.journal_from)
        row.addWidget(QLabel("to"))
        row.addWidget(self.journal_to)
        row.addStretch(1)
        grid.addLayout(row, len(SECTION_IDS) // 2 + 1, 0, 1, 2)
        return box

    # ----- names

    def _symptom_name(self, ident: str) -> str:
        try:
            return self._content.symptom(ident).name
        except KeyError:
            return retired_label(ident)

    def _form_name(self, ident: str) -> str:
        try:
            return self._content.form(ident).name
        except KeyError:
            return retired_label(ident)

    # ----- showing the visit

    def _on_visit(self, plan: VisitPlan) -> None:
        self._fill(plan)
        self.output.request_preview()

    def _fill(self, plan: VisitPlan, force: bool = False) -> None:
        """Show the visit; a field the user is correcting keeps its text unless another visit
        (a different value than the last one it held) arrives."""
        self._set_text("name", self.name, plan.name, force)
        self._set_text("clinician", self.clinician, plan.clinician, force)
        self._set_text("notes", self.notes, plan.notes, force)
        if force or "date" not in self._errors or self._good.get("date") != plan.date:
            wanted = QDate.fromString(plan.date, "yyyy-MM-dd") if plan.date else NO_DATE
            if self.date.date() != wanted:
                self.date.blockSignals(True)
                self.date.setDate(wanted)
                self.date.blockSignals(False)
            self._clear_error("date", plan.date)
        self._fill_person(plan, force)

        self.symptoms_model.set_rows(plan.symptoms)
        self._form_ids = list(plan.forms)
        self.forms_model.setStringList([self._form_name(f) for f in plan.forms])
        self.medicines_text.setText(self._medicines_text(plan))
        self.questions.fill(plan)
        for section, check in self.section_boxes.items():
            check.blockSignals(True)
            check.setChecked(included(plan, section))
            check.blockSignals(False)
        if "journal" not in self._errors:
            self._fill_journal_range(plan)
        self._update_buttons()

    def _set_text(
        self, key: str, widget: QLineEdit | QPlainTextEdit, value: str, force: bool
    ) -> None:
        shown = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
        if shown.strip() == value:
            if key not in self._errors:
                self._good[key] = value
            return
        if not force and key in self._errors and self._good.get(key) == value:
            return  # the user is correcting a refused entry: leave their text
        widget.blockSignals(True)
        if isinstance(widget, QLineEdit):
            widget.setText(value)
        else:
            widget.setPlainText(value)
        widget.blockSignals(False)
        self._clear_error(key, value)

    def _fill_person(self, plan: VisitPlan, force: bool) -> None:
        person = f"{plan.age}|{plan.sex}"
        if not force and "person" in self._errors and self._good.get("person") == person:
            return
        age = "" if plan.age is None else str(plan.age)
        if self.age.text().strip() != age:
            self.age.blockSignals(True)
            self.age.setText(age)
            self.age.blockSignals(False)
        index = self.sex.findData(plan.sex)
        if index >= 0 and index != self.sex.currentIndex():
            self.sex.blockSignals(True)
            self.sex.setCurrentIndex(index)
            self.sex.blockSignals(False)
        self._clear_error("person", person)

    def _medicines_text(self, plan: VisitPlan) -> str:
        lines = []
        for result in self._content.medicine_index.check_all([m.name for m in plan.medicines]):
            severity = SEVERITY_TITLES.get(result.severity, result.severity)
            lines.append(f"• {result.input}: {severity}")
        for name in plan.conditions:
            try:
                condition = self._content.condition_index.check(name)
            except InputError:
                lines.append(f"• {name}")
                continue
            severity = SEVERITY_TITLES.get(condition.severity, condition.severity)
            lines.append(f"• {condition.name}: {severity}")
        return "\n".join(lines) if lines else "None listed."

    # ----- messages

    def _error(self, key: str, label: QLabel, message: str) -> None:
        self._errors[key] = message
        label.setText(f"⚠ {message}")
        label.setVisible(True)
        set_role(label, "error")

    def _clear_error(self, key: str, good: str) -> None:
        self._good[key] = good
        if self._errors.pop(key, None) is not None:
            remaining = list(self._errors.values())
            if remaining:
                self.about_message.setText(f"⚠ {remaining[-1]}")
            else:
                self.about_message.setText("")
                self.about_message.setVisible(False)
                set_role(self.about_message, "muted")

    @property
    def message(self) -> str:
        """The message under the visit's fields (what tests and screen readers read)."""
        return self.about_message.text()

    # ----- editing the visit

    def _update(self, key: str, label: QLabel, **changes: object) -> bool:
        try:
            self._visit.update(**changes)
        except InputError as exc:
            self._error(key, label, str(exc))
            return False
        self._clear_error(key, str(next(iter(changes.values()))))
        return True

    def _on_text(self, key: str, value: str) -> None:
        captions = {"name": "Your name", "clinician": "The clinician", "notes": "The notes"}
        limit = MAX_NOTES if key == "notes" else 200
        try:
            checked_text(value, captions[key], limit, multiline=key == "notes")
        except InputError as exc:
            self._error(key, self.about_message, f"{exc}. Nothing was changed.")
            return
        self._update(key, self.about_message, **{key: value})

    def _on_date(self, value: QDate) -> None:
        if value == NO_DATE:
            self._update("date", self.about_message, date="")
            return
        try:
            text = checked_date(value.toPython(), dt.date.today())  # type: ignore[arg-type]
        except InputError as exc:
            self._error("date", self.about_message, f"{exc}. Nothing was changed.")
            return
        self._update("date", self.about_message, date=text)

    def _on_person(self) -> None:
        plan = self._visit.plan
        text = self.age.text().strip()
        sex = self.sex.currentData()
        female = sex == "female"
        if not text:
            self._update(
                "person",
                self.about_message,
                age=None,
                months=None,
                sex=sex,
                pregnant=plan.pregnant and female,
                lactating=plan.lactating and female,
            )
            return
        if sex is None:
            self._error(
                "person",
                self.about_message,
                "Choose female or male: the intake table lists intakes by sex.",
            )
            return
        try:
            years = int(text) if text.isascii() and text.isdigit() and len(text) <= 3 else text
            months = (plan.months or 0) if years == 0 else None
            person = make_person(
                self._content.dosage,
                years,
                months,
                sex,
                plan.pregnant and female,
                plan.lactating and female,
            )
        except InputError as exc:
            self._error("person", self.about_message, f"{exc}. Nothing was changed.")
            return
        try:
            self._visit.set_person(
                person.age_years,
                person.months if person.age_years == 0 else None,
                person.sex,
                person.pregnant,
                person.lactating,
            )
        except InputError as exc:
            self._error("person", self.about_message, str(exc))
            return
        self._clear_error("person", f"{person.age_years}|{person.sex}")

    def _on_rating(self, symptom_id: str, rating: int | None) -> None:
        try:
            self._visit.set_symptom(symptom_id, rating)
        except InputError as exc:
            self.status.emit(f"Rating not changed: {exc}.")

    def _remove_symptom(self) -> None:
        row = selected_row(self.symptoms_view)
        if row is None:
            return
        choice = self.symptoms_model.choice_at(row)
        self._visit.remove_symptom(choice.id)
        self.status.emit(f"Removed {self._symptom_name(choice.id)} from the visit.")

    def _remove_form(self) -> None:
        row = selected_row(self.forms_view)
        if row is None:
            return
        form = self._form_ids[row]
        self._visit.remove_form(form)
        self.status.emit(f"Removed {self._form_name(form)} from the visit.")

    def _on_sections(self) -> None:
        chosen = tuple(s for s, check in self.section_boxes.items() if check.isChecked())
        journal = self._visit.plan.journal
        if "journal" in chosen and journal is None:
            end = dt.date.today()
            journal = JournalRange(end - dt.timedelta(days=JOURNAL_DAYS - 1), end)
        self._visit.update(sections=chosen, journal=journal)

    def _on_journal_range(self) -> None:
        start = self.journal_from.date().toPython()
        end = self.journal_to.date().toPython()
        assert isinstance(start, dt.date) and isinstance(end, dt.date)
        if start > end:
            self._error(
                "journal",
                self.about_message,
                "The journal's first day is after its last day. Nothing was changed.",
            )
            return
        self._update("journal", self.about_message, journal=JournalRange(start, end))

    def _fill_journal_range(self, plan: VisitPlan) -> None:
        on = included(plan, "journal")
        end = plan.journal.end if plan.journal else dt.date.today()
        start = plan.journal.start if plan.journal else end - dt.timedelta(days=JOURNAL_DAYS - 1)
        for edit, day in ((self.journal_from, start), (self.journal_to, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.setEnabled(on)
            edit.blockSignals(False)

    # ----- buttons

    def _update_buttons(self) -> None:
        self.remove_symptom.setEnabled(selected_row(self.symptoms_view) is not None)
        self.remove_form.setEnabled(selected_row(self.forms_view) is not None)

    # ----- what the window asks of the tab

    def focus_saved_visits(self) -> None:
        """File ▸ Open: show the saved visits and put the keyboard there."""
        self.left.ensureWidgetVisible(self.saved)
        self.saved.focus_list()

    def export_pdf(self) -> Path | None:
        return self.output.export_pdf()

    def print_handout(self) -> bool:
        return self.output.print_handout()

    def shutdown(self) -> None:
        """Wait for a render in progress (the window is closing)."""
        self.output.shutdown()
