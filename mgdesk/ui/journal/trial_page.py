"""The Try-it plan page: a baseline, a start, a review, where the user is, and an honest review.

The plan is a draft to agree with a doctor: rate as usual through a baseline without the new
magnesium, take one form at one dose from the start date, and compare on the review date. The
domain checks the dates (`new_trial`), says where today falls (`status`) and puts the baseline
beside the trial (`compare_trial`) with the cautions that keep the result modest; this page
only shows them. "Today" comes from a clock the tab hands in, so tests need no real date.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mgdesk.domain.errors import InputError
from mgdesk.domain.journal import format_mg
from mgdesk.domain.trial import (
    TRIAL_CAUTIONS,
    Phase,
    TrialPlan,
    TrialStatus,
    compare_trial,
    new_trial,
    status,
)
from mgdesk.store.content_db import ContentDB
from mgdesk.store.journal import JournalStore
from mgdesk.store.user_db import UserDBError
from mgdesk.ui.journal.entry_form import Clock, system_clock
from mgdesk.ui.rich import Html, RichPane
from mgdesk.ui.widgets import ScrollPane, heading, set_role, text_label

NO_PLAN_YET = (
    "To start one, fill in “Your plan” below: the baseline days, the day you start, the review "
    "day, and the form and dose you agreed with your doctor. Then press Save plan, and mgdesk "
    "follows it here."
)
BASELINE_DAYS = 14
TRIAL_DAYS = 56
INTRO = (
    "A draft to agree with your doctor. First, for a baseline period, rate your symptoms as "
    "usual without the new magnesium. Then take one form at one dose from the start date, keep "
    "rating, and compare the two periods on the review date. Talk over the form, the dose and "
    "the dates with your doctor before you start. The defaults below (two weeks, then eight "
    "weeks) are only a starting point."
)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _cautions(html: Html, title: str, cautions: tuple[str, ...] = TRIAL_CAUTIONS) -> None:
    """Why a before/after difference may not be the magnesium, one box each."""
    html.h(3, title)
    for caution in cautions:
        html.box(caution, "warn")
        html.p("")


def _pydate(edit: QDateEdit) -> dt.date:
    day = edit.date().toPython()
    assert isinstance(day, dt.date)
    return day


class TrialPage(QWidget):
    """Set up, follow and review one try-it plan at a time."""

    status = Signal(str)

    def __init__(
        self, content: ContentDB, store: JournalStore, clock: Clock = system_clock
    ) -> None:
        super().__init__()
        self._store = store
        self._clock = clock
        self._plan: TrialPlan | None = None
        self._deleted: TrialPlan | None = None
        self.symptom_names = {s.id: s.name for s in content.symptoms}
        self.form_names = {f.id: f.name for f in content.forms}

        # ----- where you are
        self.phase = heading("", 2)
        self.phase.setAccessibleName("Phase of your plan")
        self.where = text_label("")
        self.where.setAccessibleName("Where you are in your plan")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Progress through the plan")
        self.progress.setTextVisible(True)
        self.days_left = text_label("", "muted")
        self.days_left.setAccessibleName("Days left")
        self.review_button = QPushButton("&Review done")
        self.review_button.setAccessibleName("Review done")
        self.review_button.clicked.connect(self.mark_reviewed)
        self.delete_button = QPushButton("De&lete plan")
        self.delete_button.setAccessibleName("Delete plan")
        self.delete_button.clicked.connect(self.delete_plan)
        self.new_button = QPushButton("&New plan")
        self.new_button.setToolTip("Start the form afresh for another plan")
        self.new_button.setAccessibleName("New plan")
        self.new_button.clicked.connect(self.new_plan)
        where_buttons = QHBoxLayout()
        where_buttons.addWidget(self.review_button)
        where_buttons.addWidget(self.new_button)
        where_buttons.addWidget(self.delete_button)
        where_buttons.addStretch(1)
        where_box = QGroupBox("Where you are")
        where_column = QVBoxLayout(where_box)
        for widget in (self.phase, self.where, self.progress, self.days_left):
            where_column.addWidget(widget)
        where_column.addLayout(where_buttons)

        # ----- the plan's fields
        self.baseline_start = QDateEdit()
        self.baseline_end = QDateEdit()
        self.start = QDateEdit()
        self.review = QDateEdit()
        self.form_choice = QComboBox()
        self.form_choice.setAccessibleName("Magnesium form to try")
        self.form_choice.view().setAccessibleName("Magnesium forms")
        # No form is preselected: the plan is the user's and their doctor's choice.
        self.form_choice.addItem("Choose a form…", "")
        for form in content.forms:
            self.form_choice.addItem(form.name, form.id)
        self.dose = QLineEdit()
        self.dose.setPlaceholderText("e.g. 200")
        self.dose.setAccessibleName("Dose in mg of elemental magnesium a day")
        self.note = QLineEdit()
        self.note.setAccessibleName("Note about the plan")
        self.note.setPlaceholderText("e.g. agreed with Dr … on …")
        self.message = text_label("")
        self.message.setAccessibleName("Message about the plan")
        self.message.hide()
        self.save_button = QPushButton("&Save plan")
        self.save_button.setAccessibleName("Save plan")
        self.save_button.clicked.connect(self.save_plan)
        fields = QFormLayout()
        fields.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        rows: tuple[tuple[str, QWidget, str], ...] = (
            ("Baseline &from:", self.baseline_start, "First day of the baseline"),
            ("Baseline &until:", self.baseline_end, "Last day of the baseline"),
            ("S&tart on:", self.start, "First day with the new magnesium"),
            ("Re&view on:", self.review, "Day of the review with your doctor"),
            ("F&orm:", self.form_choice, ""),
            ("&Dose (mg a day):", self.dose, ""),
            ("No&te:", self.note, ""),
        )
        for caption, field, name in rows:
            if isinstance(field, QDateEdit):
                field.setCalendarPopup(True)
                field.setDisplayFormat("yyyy-MM-dd")
                field.setAccessibleName(name)
            label = QLabel(caption)
            label.setBuddy(field)
            fields.addRow(label, field)
        plan_box = QGroupBox("Your plan")
        plan_column = QVBoxLayout(plan_box)
        plan_column.addLayout(fields)
        plan_column.addWidget(
            text_label("Dose: elemental magnesium, as the label states it.", "muted")
        )
        plan_column.addWidget(self.message)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        plan_column.addLayout(save_row)

        # ----- the comparison
        self.comparison = RichPane("Baseline against trial")
        self.comparison.setMinimumHeight(260)

        self.status_line = text_label("", "muted")
        self.status_line.setAccessibleName("Try-it plan status")
        self.undo_button = QPushButton("&Undo")
        self.undo_button.setToolTip("Bring back the deleted plan")
        self.undo_button.setAccessibleName("Undo: bring back the deleted plan")
        self.undo_button.clicked.connect(self.undo_delete)
        self.undo_button.hide()

        left = ScrollPane("Your try-it plan")
        left.column.addWidget(heading("Try-it plan", 1))
        left.column.addWidget(text_label(INTRO))
        left.column.addWidget(where_box)
        left.column.addWidget(plan_box)
        left.column.addStretch(1)
        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addWidget(heading("Baseline against trial", 2))
        right_column.addWidget(self.comparison, 1)
        body = QHBoxLayout()
        body.addWidget(left, 1)
        body.addWidget(right, 1)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_line, 1)
        status_row.addWidget(self.undo_button)
        column = QVBoxLayout(self)
        column.addLayout(body, 1)
        column.addLayout(status_row)
        self.reload()

    # ----- reading

    @property
    def plan(self) -> TrialPlan | None:
        return self._plan

    def today(self) -> dt.date:
        return self._clock().date()

    def set_clock(self, clock: Clock) -> None:
        self._clock = clock
        self.reload()

    def reload(self) -> None:
        """Show the current plan (or the latest one), or an empty form for a first plan."""
        try:
            self._plan = self._store.current_trial() or next(iter(self._store.trials()), None)
        except UserDBError as error:
            self._show_status(f"The try-it plans cannot be read: {error}", error=True)
            return
        if self._plan is None or self._plan.reviewed_on is not None:
            self._fill_defaults()
        else:
            self._fill(self._plan)
        self._show_where()

    def current_status(self) -> TrialStatus | None:
        return None if self._plan is None else status(self._plan, self.today())

    def _fill_defaults(self) -> None:
        today = self.today()
        self.baseline_start.setDate(_qdate(today))
        self.baseline_end.setDate(_qdate(today + dt.timedelta(days=BASELINE_DAYS - 1)))
        self.start.setDate(_qdate(today + dt.timedelta(days=BASELINE_DAYS)))
        self.review.setDate(_qdate(today + dt.timedelta(days=BASELINE_DAYS + TRIAL_DAYS)))
        self.form_choice.setCurrentIndex(0)
        self.dose.clear()
        self.note.clear()
        self.save_button.setText("&Save plan")

    def _fill(self, plan: TrialPlan) -> None:
        self.baseline_start.setDate(_qdate(plan.baseline_start))
        self.baseline_end.setDate(_qdate(plan.baseline_end))
        self.start.setDate(_qdate(plan.start))
        self.review.setDate(_qdate(plan.review))
        index = self.form_choice.findData(plan.form)
        if index >= 0:
            self.form_choice.setCurrentIndex(index)
        self.dose.setText(format_mg(plan.dose_mg))
        self.note.setText(plan.note)
        self.save_button.setText("&Save changes")

    def _show_where(self) -> None:
        plan = self._plan
        has_plan = plan is not None
        for button in (self.delete_button, self.new_button):
            button.setEnabled(has_plan)
        # Without a plan there is nothing to review, start afresh or delete: rather than three
        # disabled buttons, the page says what to do.
        for button in (self.review_button, self.new_button, self.delete_button):
            button.setVisible(has_plan)
        self.progress.setVisible(has_plan)
        if plan is None:
            self.phase.setText("No plan yet")
            self.where.setText(NO_PLAN_YET)
            self.days_left.setText("")
            self.review_button.setEnabled(False)
            self.comparison.show_document(self._no_comparison_html)
            return
        now = status(plan, self.today())
        form = self.form_names.get(plan.form, plan.form)
        self.phase.setText(f"{now.label}: {form} {format_mg(plan.dose_mg)} mg a day")
        self.where.setText(now.sentence(plan, form))
        total = max((plan.review - plan.baseline_start).days, 1)
        elapsed = min(max((self.today() - plan.baseline_start).days, 0), total)
        if now.phase is Phase.FINISHED:
            elapsed = total
        self.progress.setRange(0, total)
        self.progress.setValue(elapsed)
        self.progress.setFormat(f"Day {elapsed} of {total} from the baseline to the review")
        self.days_left.setText(self._days_left(plan, now))
        due = now.phase is Phase.REVIEW_DUE
        self.review_button.setEnabled(due)
        self.review_button.setToolTip(
            "Record that you have done the review"
            if due
            else f"The review is on {plan.review.isoformat()}"
            if now.phase is not Phase.FINISHED
            else "This plan has been reviewed"
        )
        self.comparison.show_document(lambda: self._comparison_html(plan, now))

    def _days_left(self, plan: TrialPlan, now: TrialStatus) -> str:
        if now.next_date is None:
            if now.phase is Phase.FINISHED and plan.reviewed_on is not None:
                return f"Reviewed on {plan.reviewed_on.isoformat()}."
            return "The review is due."
        left = (now.next_date - self.today()).days
        what = {
            Phase.UPCOMING: "the baseline starts",
            Phase.BASELINE: "the trial starts",
            Phase.TRIAL: "the review",
        }[now.phase]
        return f"{left} day{'s' if left != 1 else ''} until {what} ({now.next_date.isoformat()})."

    def _no_comparison_html(self) -> str:
        html = Html()
        html.p("When a plan reaches its review date, its baseline and trial averages appear here.")
        _cautions(html, "Keep in mind")
        return html.html()

    def _comparison_html(self, plan: TrialPlan, now: TrialStatus) -> str:
        html = Html()
        if now.phase not in (Phase.REVIEW_DUE, Phase.FINISHED):
            html.p(
                f"The comparison appears here on the review date, {plan.review.isoformat()}. "
                "Until then, keep rating your symptoms: looking early invites reading too much "
                "into a few good or bad days."
            )
            _cautions(html, "Keep in mind")
            return html.html()
        try:
            entries = self._store.entries(plan.baseline_start, plan.review)
        except UserDBError as error:
            html.p(f"The journal cannot be read: {error}", "warn")
            return html.html()
        result = compare_trial(plan, entries, self.today())
        form = self.form_names.get(plan.form, plan.form)
        lines = result.lines(self.symptom_names, form)
        cautions = set(result.cautions)
        for line in lines:
            if line not in cautions:
                html.p(line)
        _cautions(html, "Why a change may not be the magnesium", result.cautions)
        return html.html()

    # ----- changes

    def save_plan(self) -> None:
        editing = self._plan if self._plan is not None and self._plan.reviewed_on is None else None
        if not self.form_choice.currentData():
            self._show_message("choose the form of magnesium the plan is for")
            return
        try:
            plan = new_trial(
                _pydate(self.baseline_start),
                _pydate(self.baseline_end),
                _pydate(self.start),
                _pydate(self.review),
                str(self.form_choice.currentData()),
                self.dose.text(),
                self.note.text(),
                plan_id=None if editing is None else editing.id,
                today=self.today(),
            )
            if editing is None:
                saved = self._store.add_trial(plan, self.today())
            else:
                saved = self._store.update_trial(plan, self.today())
        except InputError as error:
            self._show_message(str(error))
            return
        except UserDBError as error:
            self._show_message(f"The plan could not be saved: {error}")
            return
        self._show_message("")
        self._plan = saved
        self._fill(saved)
        self._show_where()
        self._show_status("Plan saved: a draft to agree with your doctor.")

    def mark_reviewed(self) -> None:
        if self._plan is None or self._plan.id is None:
            return
        try:
            self._plan = self._store.mark_reviewed(self._plan.id, self.today())
        except (InputError, UserDBError) as error:
            self._show_status(f"The review could not be recorded: {error}", error=True)
            return
        self._show_where()
        self._show_status(f"Review recorded on {self.today().isoformat()}.")

    def new_plan(self) -> None:
        """An empty form; the saved plan stays until a new one is saved."""
        self._plan = None
        self._fill_defaults()
        self._show_where()
        self.baseline_start.setFocus(Qt.FocusReason.OtherFocusReason)
        self._show_status("Fill in the new plan and save it.")

    def delete_plan(self) -> None:
        if self._plan is None or self._plan.id is None:
            return
        try:
            self._deleted = self._store.delete_trial(self._plan.id)
        except (InputError, UserDBError) as error:
            self._show_status(f"The plan could not be deleted: {error}", error=True)
            return
        self.reload()
        self._show_status("Plan deleted. Undo brings it back.")

    def undo_delete(self) -> None:
        if self._deleted is None:
            return
        try:
            self._store.restore_trial(self._deleted)
        except (InputError, UserDBError) as error:
            self._show_status(f"The plan could not be brought back: {error}", error=True)
            return
        self._deleted = None
        self.reload()
        self._show_status("Plan brought back.")

    def _show_message(self, text: str) -> None:
        self.message.setText(f"⚠ {text[:1].upper()}{text[1:]}." if text else "")
        set_role(self.message, "error")
        self.message.setVisible(bool(text))

    def _show_status(self, text: str, error: bool = False) -> None:
        self.status_line.setText(("⚠ " if error else "") + text)
        set_role(self.status_line, "error" if error else "muted")
        self.undo_button.setVisible(self._deleted is not None)
        self.status.emit(text)
