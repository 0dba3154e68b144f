"""The journal's entry form: a new entry in a few keystrokes, or a saved one being edited.

The date and time start at now; the user types a 0-10 rating per tracked symptom (blank = not
rated), any magnesium taken (form and mg, as many rows as needed) and a note, then Add
(Ctrl+Return). Fields are plain text so that the domain's `new_entry` is the only judge: a bad
value gives its one message in place and nothing is saved. The form builds entries; the page
that holds it saves them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import cast

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mgdesk.domain.errors import InputError
from mgdesk.domain.journal import RATING_SCALE, JournalEntry, format_mg, new_entry
from mgdesk.domain.retired import shown_name
from mgdesk.ui.widgets import clear_layout, set_role, text_label

Clock = Callable[[], dt.datetime]
"""Where "now" comes from (the system clock; tests give a fixed moment)."""


def system_clock() -> dt.datetime:
    return dt.datetime.now().replace(second=0, microsecond=0)


class DoseRow(QWidget):
    """One dose: a form and its elemental mg; a row whose mg is blank is not a dose."""

    remove_requested = Signal(object)

    def __init__(self, forms: Sequence[tuple[str, str]], number: int) -> None:
        super().__init__()
        self.form = QComboBox()
        for form_id, name in forms:
            self.form.addItem(name, form_id)
        self.form.setAccessibleName(f"Magnesium form, dose {number}")
        self.form.view().setAccessibleName("Magnesium forms")
        self.mg = QLineEdit()
        self.mg.setPlaceholderText("mg")
        self.mg.setAccessibleName(f"Elemental magnesium in mg, dose {number}")
        self.mg.setToolTip("Elemental magnesium, as the label states it (e.g. 200)")
        self.mg.setMaximumWidth(_chars_wide(self.mg, 9))
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setAccessibleName(f"Remove dose {number}")
        self.remove.setToolTip("Remove this dose")
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.form, 1)
        row.addWidget(self.mg)
        row.addWidget(QLabel("mg"))
        row.addWidget(self.remove)

    def set_form(self, form_id: str) -> None:
        index = self.form.findData(form_id)
        if index >= 0:
            self.form.setCurrentIndex(index)

    def value(self) -> tuple[str, str] | None:
        """(form id, mg as typed), or None when no mg was typed."""
        typed = self.mg.text().strip()
        return None if not typed else (str(self.form.currentData()), typed)


class EntryForm(QGroupBox):
    """A journal entry's fields; `submitted(entry)` with a checked entry, never a bad one."""

    submitted = Signal(object)
    cancelled = Signal()

    def __init__(
        self,
        symptom_names: Mapping[str, str],
        forms: Sequence[tuple[str, str]],
        clock: Clock = system_clock,
    ) -> None:
        super().__init__("New entry")
        self.clock = clock
        self._symptom_names = symptom_names
        self._forms = list(forms)
        self._tracked: list[str] = []
        self._editing: JournalEntry | None = None
        self._usual_form = self._forms[0][0] if self._forms else ""
        self.rating_fields: dict[str, QLineEdit] = {}
        self.dose_rows: list[DoseRow] = []

        self.date = QLineEdit()
        self.date.setAccessibleName("Date, written YYYY-MM-DD")
        self.date.setPlaceholderText("YYYY-MM-DD")
        self.time = QLineEdit()
        self.time.setAccessibleName("Time, written HH:MM (may be left blank)")
        self.time.setPlaceholderText("HH:MM")
        self.now_button = QPushButton("&Now")
        self.now_button.setToolTip("Set the date and time to now")
        self.now_button.setAccessibleName("Set the date and time to now")
        self.now_button.clicked.connect(self._set_now)
        when_row = QHBoxLayout()
        when_row.addWidget(self.date, 1)
        when_row.addWidget(self.time)
        when_row.addWidget(self.now_button)
        when = QFormLayout()
        when_label = QLabel("&When:")
        when_label.setBuddy(self.date)
        when.addRow(when_label, when_row)

        self.ratings_box = QWidget()
        self.ratings_layout = QFormLayout(self.ratings_box)
        self.ratings_layout.setContentsMargins(0, 0, 0, 0)
        self.ratings_layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        scale = text_label(f"Rate each symptom {RATING_SCALE}; leave blank to skip.", "muted")

        self.doses_box = QVBoxLayout()
        self.doses_box.setContentsMargins(0, 0, 0, 0)
        self.add_dose_button = QPushButton("Another &dose")
        self.add_dose_button.setToolTip("Record another form of magnesium taken")
        self.add_dose_button.setAccessibleName("Another dose")
        self.add_dose_button.clicked.connect(lambda: self.add_dose_row(focus=True))
        dose_caption = text_label("Magnesium taken (elemental mg; blank if none):", "muted")

        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("Anything else: sleep, activity, other medicines…")
        self.note.setTabChangesFocus(True)
        self._fit_to_font()
        note_label = QLabel("N&ote:")
        note_label.setBuddy(self.note)

        self.message = text_label("", selectable=True)
        self.message.setAccessibleName("Message about this entry")
        self.message.hide()
        self.submit = QPushButton("&Add entry")
        self.submit.setToolTip("Save this entry (Ctrl+Return)")
        self.submit.setDefault(True)
        self.submit.setAccessibleName("Add entry")
        self.submit.clicked.connect(self.try_submit)
        self.cancel = QPushButton("Cancel editing")
        self.cancel.setToolTip("Leave the saved entry as it was (Esc)")
        self.cancel.setAccessibleName("Cancel editing")
        self.cancel.clicked.connect(self.cancel_edit)
        self.cancel.hide()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.submit)

        column = QVBoxLayout(self)
        column.addLayout(when)
        column.addWidget(scale)
        column.addWidget(self.ratings_box)
        column.addWidget(dose_caption)
        column.addLayout(self.doses_box)
        column.addWidget(self.add_dose_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(note_label)
        column.addWidget(self.note)
        column.addWidget(self.message)
        column.addLayout(buttons)
        column.addStretch(1)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.try_submit)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.cancel_edit)
        self.reset()

    def _fit_to_font(self) -> None:
        """Short fields as wide as what they hold, and four lines of note, at this text size."""
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 4 + 12)
        self.date.setMinimumWidth(_chars_wide(self.date, 12))  # "2026-11-23" whole
        self.time.setMaximumWidth(_chars_wide(self.time, 9))
        for field in self.rating_fields.values():
            field.setMaximumWidth(_chars_wide(field, 7))
        for row in self.dose_rows:
            row.mg.setMaximumWidth(_chars_wide(row.mg, 9))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_to_font()

    # ----- state

    @property
    def editing(self) -> JournalEntry | None:
        """The saved entry being edited, or None while adding a new one."""
        return self._editing

    def set_tracked(self, symptoms: Sequence[str]) -> None:
        """Which symptoms get a rating field (typed ratings of the others are kept)."""
        self._tracked = list(symptoms)
        self._build_ratings(self._tracked + self._extra_symptoms())

    def set_usual_form(self, form_id: str) -> None:
        """The form a new dose row starts with (the plan's, else the one last recorded); an
        untouched blank row of a new entry takes it at once."""
        if not any(f == form_id for f, _ in self._forms):
            return
        self._usual_form = form_id
        if self._editing is None:
            for row in self.dose_rows:
                if not row.mg.text().strip():
                    row.set_form(form_id)

    def _extra_symptoms(self) -> list[str]:
        if self._editing is None:
            return []
        return [r.symptom for r in self._editing.ratings if r.symptom not in self._tracked]

    def _build_ratings(self, symptoms: Sequence[str]) -> None:
        typed = {s: f.text() for s, f in self.rating_fields.items()}
        clear_layout(self.ratings_layout)
        self.rating_fields = {}
        for symptom in symptoms:
            name = shown_name(self._symptom_names, symptom)
            field = QLineEdit(typed.get(symptom, ""))
            field.setPlaceholderText("0–10")
            field.setAccessibleName(f"Rating of {name}, {RATING_SCALE}")
            field.setMaximumWidth(_chars_wide(field, 7))
            label = QLabel(f"{name}:")
            label.setBuddy(field)
            label.setWordWrap(True)
            self.ratings_layout.addRow(label, field)
            self.rating_fields[symptom] = field
        if not symptoms:
            self.ratings_layout.addRow(
                text_label("Choose the symptoms you rate with “Symptoms I rate”.", "muted")
            )
        self._order_tabs()

    def _order_tabs(self) -> None:
        """Tab goes down the form as it reads; fields made later would otherwise come last."""
        chain: list[QWidget] = [self.date, self.time, self.now_button]
        chain += list(self.rating_fields.values())
        for row in self.dose_rows:
            chain += [row.form, row.mg, row.remove]
        chain += [self.add_dose_button, self.note, self.cancel, self.submit]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def add_dose_row(self, focus: bool = False) -> DoseRow:
        row = DoseRow(self._forms, len(self.dose_rows) + 1)
        row.set_form(self._usual_form)
        row.remove_requested.connect(self._remove_dose_row)
        self.doses_box.addWidget(row)
        self.dose_rows.append(row)
        self._order_tabs()
        if focus:
            row.form.setFocus(Qt.FocusReason.OtherFocusReason)
        return row

    def _remove_dose_row(self, row: DoseRow) -> None:
        self.dose_rows.remove(row)
        self.doses_box.removeWidget(row)
        row.hide()
        row.deleteLater()
        if not self.dose_rows:
            self.add_dose_row()

    def _clear_doses(self) -> None:
        for row in self.dose_rows:
            self.doses_box.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.dose_rows = []

    def _set_now(self) -> None:
        now = self.clock()
        self.date.setText(now.date().isoformat())
        self.time.setText(now.strftime("%H:%M"))

    def reset(self) -> None:
        """An empty new entry at the current time."""
        self._editing = None
        self.setTitle("New entry")
        self.submit.setText("&Add entry")
        self.submit.setAccessibleName("Add entry")
        self.cancel.hide()
        self._set_now()
        for field in self.rating_fields.values():
            field.clear()
        self._build_ratings(self._tracked)
        self._clear_doses()
        self.add_dose_row()
        self.note.clear()
        self.show_message("")

    def load(self, entry: JournalEntry) -> None:
        """Put a saved entry in the form for editing."""
        self._editing = entry
        self.setTitle(f"Editing the entry of {entry.date.isoformat()} {entry.time_text}".strip())
        self.submit.setText("&Save changes")
        self.submit.setAccessibleName("Save changes")
        self.cancel.show()
        self.date.setText(entry.date.isoformat())
        self.time.setText(entry.time_text)
        self.rating_fields = {}
        self._build_ratings(self._tracked + self._extra_symptoms())
        for rating in entry.ratings:
            self.rating_fields[rating.symptom].setText(str(rating.value))
        self._clear_doses()
        for dose in entry.doses:
            row = self.add_dose_row()
            row.set_form(dose.form)
            row.mg.setText(format_mg(dose.mg))
        if not entry.doses:
            self.add_dose_row()
        self.note.setPlainText(entry.note)
        self.show_message("")
        self.date.setFocus(Qt.FocusReason.OtherFocusReason)

    def cancel_edit(self) -> None:
        if self._editing is not None:
            self.reset()
            self.cancelled.emit()

    # ----- checking and sending

    def show_message(self, text: str) -> None:
        """One message under the fields ("" hides it)."""
        self.message.setText(f"⚠ {text}" if text else "")
        set_role(self.message, "error")
        self.message.setVisible(bool(text))

    def entry(self) -> JournalEntry:
        """The entry as typed, checked by the domain; InputError says what is wrong."""
        ratings = [
            (symptom, typed)
            for symptom, field in self.rating_fields.items()
            if (typed := field.text().strip())
        ]
        doses = [value for row in self.dose_rows if (value := row.value()) is not None]
        # new_entry reads ratings and mg from text too (parse_rating, parse_mg): it alone judges.
        return new_entry(
            self.date.text(),
            self.time.text().strip() or None,
            cast(list[tuple[str, int]], ratings),
            cast(list[tuple[str, float]], doses),
            self.note.toPlainText(),
            entry_id=None if self._editing is None else self._editing.id,
            today=self.clock().date(),
        )

    def try_submit(self) -> None:
        try:
            built = self.entry()
        except InputError as error:
            self.show_message(_sentence(str(error)))
            return
        self.show_message("")
        self.submitted.emit(built)


def _chars_wide(field: QLineEdit, chars: int) -> int:
    """A width for `chars` characters, never less than the field needs to draw itself."""
    return max(field.fontMetrics().averageCharWidth() * chars, field.minimumSizeHint().width())


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
