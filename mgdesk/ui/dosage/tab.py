"""The Dosage tab: recommended intake and the supplemental upper limit for one person, live.

Every keystroke re-runs `make_person` and `lookup`; a bad entry shows the domain's message in
place and nothing else changes. A valid person goes into the current visit. The converter turns
elemental milligrams into compound milligrams and whole tablets (never rounded past the upper
limit), and compares them with the upper limit.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mgdesk.domain.conversion import check_mg, compound_from_elemental, tablets_for
from mgdesk.domain.dosage import DoseResult, Person, lookup, make_person
from mgdesk.domain.errors import InputError
from mgdesk.domain.upper_limit import UL_MEANING, check_against_limit
from mgdesk.domain.visit import VisitPlan
from mgdesk.store.content_db import ContentDB
from mgdesk.ui.models import IntakeTableModel, UpperLimitTableModel, make_proxy
from mgdesk.ui.visit_session import VisitSession
from mgdesk.ui.widgets import FittedTable, ScrollPane, heading, set_role, text_label

KIND_NAMES = {
    "RDA": "Recommended Dietary Allowance (RDA)",
    "AI": "Adequate Intake (AI)",
}
GROUP_WORDS = {
    "female": "female",
    "male": "male",
    "pregnancy": "pregnant",
    "lactation": "breastfeeding",
}


def _mg(value: float) -> str:
    return f"{value:,.0f} mg" if abs(value - round(value)) < 0.05 else f"{value:,.1f} mg"


class DosageTab(QWidget):
    """Intake and upper limit by age, sex and pregnancy or breastfeeding; the mg converter."""

    status = Signal(str)

    def __init__(self, content: ContentDB, visit: VisitSession) -> None:
        super().__init__()
        self._content = content
        self._table = content.dosage
        self._visit = visit
        self._result: DoseResult | None = None
        self._low, self._high = self._table.reproductive_range()

        # ----- about you
        self.age = QLineEdit()
        self.age.setPlaceholderText("years, e.g. 42")
        self.age.setAccessibleName("Age in whole years")
        self.months = QSpinBox()
        self.months.setRange(0, 11)
        self.months.setSuffix(" months")
        self.months.setAccessibleName("Age in months, for babies under one year")
        self.months.setEnabled(False)
        self.female = QRadioButton("Fema&le")
        self.female.setAccessibleName("Sex: female")
        self.male = QRadioButton("&Male")
        self.male.setAccessibleName("Sex: male")
        self.sex_group = QButtonGroup(self)
        self.sex_group.addButton(self.female)
        self.sex_group.addButton(self.male)
        self.neither = QRadioButton("&Neither")
        self.neither.setAccessibleName("Neither pregnant nor breastfeeding")
        self.neither.setChecked(True)
        self.pregnant = QRadioButton("&Pregnant")
        self.pregnant.setAccessibleName("Pregnant")
        self.lactating = QRadioButton("&Breastfeeding")
        self.lactating.setAccessibleName("Breastfeeding")
        self.state_group = QButtonGroup(self)
        for button in (self.neither, self.pregnant, self.lactating):
            self.state_group.addButton(button)
        self.state_note = text_label("", role="muted", selectable=False)
        self.state_note.setAccessibleName("Why pregnancy and breastfeeding are unavailable")

        person_box = QGroupBox("About you")
        person_column = QVBoxLayout(person_box)
        form = QFormLayout()
        person_column.addLayout(form)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        age_row = QHBoxLayout()
        age_row.addWidget(self.age, 1)
        age_row.addWidget(self.months)
        age_label = QLabel("&Age:")
        age_label.setBuddy(self.age)
        form.addRow(age_label, age_row)
        sex_row = QHBoxLayout()
        sex_row.addWidget(self.female)
        sex_row.addWidget(self.male)
        sex_row.addStretch(1)
        form.addRow("Sex:", sex_row)
        state_row = QHBoxLayout()
        for button in (self.neither, self.pregnant, self.lactating):
            state_row.addWidget(button)
        state_row.addStretch(1)
        form.addRow("Right now:", state_row)
        person_column.addWidget(self.state_note)

        self.message = text_label("", role="muted")
        self.message.setAccessibleName("Message about your entries")
        self.intake = text_label("")
        self.intake.setAccessibleName("Recommended intake")
        self.limit = text_label("")
        self.limit.setAccessibleName("Upper limit for supplemental magnesium")
        self.limit_meaning = text_label("", role="muted")
        self.limit_meaning.setAccessibleName("What the upper limit means")

        result_box = QGroupBox("What the tables say for you")
        result_column = QVBoxLayout(result_box)
        for widget in (self.message, self.intake, self.limit, self.limit_meaning):
            result_column.addWidget(widget)

        # ----- converter
        self.form_choice = QComboBox()
        self.form_choice.setAccessibleName("Magnesium form to convert")
        self.form_choice.view().setAccessibleName("Magnesium forms")
        for item in content.forms:
            self.form_choice.addItem(f"{item.name} ({item.elemental_percent:g} %)", item.id)
        self.elemental = QLineEdit()
        self.elemental.setPlaceholderText("e.g. 200")
        self.elemental.setAccessibleName("Elemental magnesium in mg a day")
        self.tablet = QComboBox()
        self.tablet.setEditable(True)
        self.tablet.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.tablet.setAccessibleName("Tablet size in mg of elemental magnesium")
        self.tablet.view().setAccessibleName("Common tablet sizes")
        line_edit = self.tablet.lineEdit()
        if line_edit is not None:
            line_edit.setPlaceholderText("mg per tablet")
            line_edit.setAccessibleName("Tablet size in mg of elemental magnesium")
        completer = self.tablet.completer()
        popup = completer.popup() if completer is not None else None
        if popup is not None:
            popup.setAccessibleName("Common tablet sizes")
        self.converted = text_label("")
        self.converted.setAccessibleName("Compound weight")
        self.tablets = text_label("")
        self.tablets.setAccessibleName("Tablets needed")
        self.compared = text_label("")
        self.compared.setAccessibleName("Comparison with your upper limit")

        converter_box = QGroupBox("Elemental and compound milligrams")
        # Wrapping labels sit outside the form layout, which gives them too much height.
        converter_column = QVBoxLayout(converter_box)
        converter_column.addWidget(
            text_label(
                'Labels state elemental magnesium ("magnesium 200 mg") or the whole '
                'compound ("magnesium citrate 1,000 mg"). The percentage converts one into '
                "the other.",
                role="muted",
            )
        )
        converter = QFormLayout()
        # Long captions go above their fields in a narrow pane, leaving the tables their width.
        converter.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        converter_column.addLayout(converter)
        fields: tuple[tuple[str, QWidget], ...] = (
            ("F&orm:", self.form_choice),
            ("&Elemental magnesium (mg a day):", self.elemental),
            ("&Tablet size (elemental mg):", self.tablet),
        )
        for caption, field in fields:
            label = QLabel(caption)
            label.setBuddy(field)
            converter.addRow(label, field)
        for result in (self.converted, self.tablets, self.compared):
            converter_column.addWidget(result)

        left = self._person_pane = ScrollPane("Your dosage")
        for box in (person_box, result_box, converter_box):
            left.column.addWidget(box)
        left.column.addStretch(1)

        # ----- the whole tables
        self.intake_model = IntakeTableModel(self._table.stages)
        self.intake_proxy = make_proxy(self.intake_model)
        self.intake_table = self._table_view(self.intake_proxy, "Recommended intake table")
        self.limit_model = UpperLimitTableModel(self._table.limits)
        self.limit_proxy = make_proxy(self.limit_model)
        self.limit_table = self._table_view(self.limit_proxy, "Upper limit table")
        right = self._tables_pane = ScrollPane("Dosage tables")
        right.column.addWidget(heading("Recommended intake, from food and supplements", 2))
        right.column.addWidget(self.intake_table)
        right.column.addWidget(heading("Upper limit for magnesium from supplements", 2))
        right.column.addWidget(self.limit_table)
        right.column.addWidget(text_label(UL_MEANING, role="muted"))
        right.column.addStretch(1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("dosage")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.splitter)

        self._pane_fit_queued = False
        for view in (self.intake_table, self.limit_table):
            view.horizontalHeader().sectionResized.connect(self._queue_pane_fit)

        self.age.textChanged.connect(self._recompute)
        self.months.valueChanged.connect(self._recompute)
        self.sex_group.buttonToggled.connect(self._on_toggled)
        self.state_group.buttonToggled.connect(self._on_toggled)
        self.form_choice.currentIndexChanged.connect(self._on_form)
        self.elemental.textChanged.connect(self._convert)
        self.tablet.currentTextChanged.connect(self._convert)

        self._fill_from(visit.plan)
        visit.changed.connect(self._on_visit)
        self._on_form()
        self._recompute()

    @staticmethod
    def _table_view(model: QAbstractItemModel, name: str) -> FittedTable:
        view = FittedTable(name, fit_height=True)
        view.setModel(model)
        view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        view.horizontalHeader().setStretchLastSection(True)
        view.fit()
        return view

    # ----- the tables' pane: wide enough for every column

    def _queue_pane_fit(self) -> None:
        if not self._pane_fit_queued:
            self._pane_fit_queued = True
            QTimer.singleShot(0, self, self._fit_tables_pane)

    def table_width(self, view: FittedTable) -> int:
        """The width that shows every column of `view` whole, its header text included."""
        header = view.horizontalHeader()
        columns = view.model().columnCount()
        return (
            sum(max(view.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(columns))
            + 2 * view.frameWidth()
        )

    def _fit_tables_pane(self) -> None:
        """Give the tables' pane the width of its widest table (the Pregnancy and Lactation
        columns were cut behind a scroll bar while the left pane had room to spare); the left
        pane's text wraps and, if still too narrow, scrolls."""
        self._pane_fit_queued = False
        for view in (self.intake_table, self.limit_table):
            header = view.horizontalHeader()
            for column in range(view.model().columnCount() - 1):  # the last one stretches
                wanted = max(view.sizeHintForColumn(column), header.sectionSizeHint(column))
                if header.sectionSize(column) < wanted:
                    header.blockSignals(True)
                    header.resizeSection(column, wanted)
                    header.blockSignals(False)
        pane = self._tables_pane
        margins = pane.column.contentsMargins()
        needed = (
            max(self.table_width(v) for v in (self.intake_table, self.limit_table))
            + margins.left()
            + margins.right()
            + pane.verticalScrollBar().sizeHint().width()
            + 2 * pane.frameWidth()
        )
        inner = self._person_pane.widget()
        least = inner.minimumSizeHint().width() if inner is not None else 0
        room = self.width() - self.splitter.handleWidth() - least
        pane.setMinimumWidth(max(1, min(needed, room)))
        sizes = self.splitter.sizes()
        if len(sizes) == 2 and sizes[1] < pane.minimumWidth():
            total = sum(sizes)
            self.splitter.setSizes([total - pane.minimumWidth(), pane.minimumWidth()])

    # ----- state

    @property
    def result(self) -> DoseResult | None:
        return self._result

    def _sex(self) -> str | None:
        if self.female.isChecked():
            return "female"
        if self.male.isChecked():
            return "male"
        return None

    def _age_years(self) -> int | None:
        text = self.age.text().strip()
        if text.isascii() and text.isdigit() and len(text) <= 3:
            return int(text)
        return None

    # ----- filling from the visit

    def _fill_from(self, plan: VisitPlan) -> None:
        widgets = (
            self.age,
            self.months,
            self.female,
            self.male,
            self.pregnant,
            self.lactating,
            self.neither,
        )
        for widget in widgets:
            widget.blockSignals(True)
        try:
            if plan.age is not None:
                self.age.setText(str(plan.age))
                self.months.setValue(plan.months or 0)
            if plan.sex == "female":
                self.female.setChecked(True)
            elif plan.sex == "male":
                self.male.setChecked(True)
            target = (
                self.pregnant
                if plan.pregnant
                else self.lactating
                if plan.lactating
                else self.neither
            )
            target.setChecked(True)
        finally:
            for widget in widgets:
                widget.blockSignals(False)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._queue_pane_fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._queue_pane_fit()

    def _on_visit(self, plan: VisitPlan) -> None:
        mine = (
            self._age_years(),
            self._sex(),
            self.pregnant.isChecked(),
            self.lactating.isChecked(),
        )
        theirs = (plan.age, plan.sex, plan.pregnant, plan.lactating)
        if plan.age is not None and mine != theirs:
            self._fill_from(plan)
            self._recompute()

    # ----- live result

    def _on_toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked:
            self._recompute()

    def _update_enabled(self) -> None:
        years = self._age_years()
        self.months.setEnabled(years == 0)
        sex = self._sex()
        total = None if years is None else years * 12 + (self.months.value() if years == 0 else 0)
        covered = total is not None and self._low <= total < self._high
        allowed = sex == "female" and covered
        low, high = self._low // 12, self._high // 12 - 1
        if sex == "male":
            note = "Pregnancy and breastfeeding values apply to females only."
        elif sex == "female" and total is not None and not covered:
            note = f"The table lists pregnancy and breastfeeding values for ages {low}–{high} only."
        else:
            note = ""
        self.state_note.setText(note)
        self.state_note.setVisible(bool(note))
        for button in (self.pregnant, self.lactating):
            button.setEnabled(allowed)
            button.setToolTip(note)
        if not allowed and not self.neither.isChecked():
            self.neither.blockSignals(True)
            self.neither.setChecked(True)
            self.neither.blockSignals(False)

    def _show_message(self, text: str, error: bool) -> None:
        self.message.setText(text)
        set_role(self.message, "error" if error else "muted")

    def _recompute(self) -> None:
        self._update_enabled()
        text = self.age.text()
        sex = self._sex()
        person: Person | None = None
        if not text.strip():
            self._show_message("Enter your age in whole years (0 for a baby under one).", False)
        elif sex is None and self._age_years() is not None:
            self._show_message("Choose female or male: the table lists intakes by sex.", False)
        else:
            try:
                person = make_person(
                    self._table,
                    text,
                    self.months.value() if self._age_years() == 0 else None,
                    sex or "",
                    pregnant=self.pregnant.isChecked(),
                    lactating=self.lactating.isChecked(),
                )
                self._result = lookup(self._table, person)
            except InputError as exc:
                person = None
                self._show_message(f"⚠ {exc}", True)
        if person is None:
            self._result = None
            self.intake.setText("")
            self.limit.setText("")
            self.limit_meaning.setText("")
            self.intake_model.set_marked_row(-1)
            self.limit_model.set_marked_row(-1)
        else:
            self._show_result(person)
        self._convert()

    def _show_result(self, person: Person) -> None:
        result = self._result
        assert result is not None
        who = GROUP_WORDS.get(result.group, result.group)
        self._show_message(f"For: {result.life_stage}, {who}.", False)
        kind = KIND_NAMES.get(result.intake_kind, result.intake_kind)
        self.intake.setText(
            f"Recommended intake: {result.intake_mg} mg of magnesium a day — the {kind}. "
            "It counts food and supplements together."
        )
        limit_row = self._table.limit_for(person.age_in_months)
        if result.supplement_ul_mg is None:
            self.limit.setText("Upper limit for supplemental magnesium: not established.")
        else:
            self.limit.setText(
                f"Upper limit for supplemental magnesium: {result.supplement_ul_mg} mg a day."
            )
        # The content's note already explains the limit where it has one.
        self.limit_meaning.setText(result.ul_note or UL_MEANING)
        marked = (self.intake_model.marked_row, self.limit_model.marked_row)
        self.intake_model.set_marked_row(self.intake_model.row_of(result.life_stage))
        self.limit_model.set_marked_row(self.limit_model.row_of(limit_row.label))
        if marked != (self.intake_model.marked_row, self.limit_model.marked_row):
            self.intake_table.fit()  # the marked row is bold: make room for it
            self.limit_table.fit()
        try:
            self._visit.set_person(
                person.age_years,
                person.months if person.age_years == 0 else None,
                person.sex,
                person.pregnant,
                person.lactating,
            )
        except InputError as exc:
            self._show_message(f"⚠ {exc}", True)

    # ----- converter

    def _on_form(self) -> None:
        form = self._content.form(str(self.form_choice.currentData()))
        typed = self.tablet.currentText()
        self.tablet.blockSignals(True)
        self.tablet.clear()
        for size in form.tablet_elemental_mg:
            self.tablet.addItem(str(size))
        self.tablet.setEditText(typed if typed else "")
        self.tablet.blockSignals(False)
        self._convert()

    def _convert(self) -> None:
        form = self._content.form(str(self.form_choice.currentData()))
        text = self.elemental.text()
        self.tablets.setText("")
        self.compared.setText("")
        set_role(self.compared, "muted")
        if not text.strip():
            self.converted.setText("Enter an amount of elemental magnesium to convert.")
            set_role(self.converted, "muted")
            return
        try:
            elemental = check_mg(text, "elemental magnesium")
            compound = compound_from_elemental(elemental, form.elemental_percent)
        except InputError as exc:
            self.converted.setText(f"⚠ {exc}")
            set_role(self.converted, "error")
            return
        set_role(self.converted, "ok")
        self.converted.setText(
            f"{_mg(elemental)} of elemental magnesium = {_mg(compound)} of "
            f"{form.name.lower()} (the compound's weight, at {form.elemental_percent:g} %)."
        )
        total = elemental
        size_text = self.tablet.currentText().strip()
        if size_text:
            try:
                size = check_mg(size_text, "tablet size")
                if not size.is_integer():
                    raise InputError("tablet size must be a whole number of mg")
                limit = self._result.supplement_ul_mg if self._result is not None else None
                count = tablets_for(elemental, int(size), limit)
            except InputError as exc:
                self.tablets.setText(f"⚠ {exc}")
                set_role(self.tablets, "error")
            else:
                set_role(self.tablets, "warning" if count.rounded_down else "ok")
                self.tablets.setText(
                    count.describe(elemental, limit)
                    if count.rounded_down
                    else f"{count.tablets} tablet(s) of {count.tablet_mg} mg = "
                    f"{count.total_mg} mg elemental magnesium a day (whole tablets, rounded up)."
                )
                if count.tablets:
                    total = float(count.total_mg)
        if self._result is None:
            self.compared.setText("Enter your age and sex above to compare with your limit.")
            return
        check = check_against_limit(total, self._result)
        self.compared.setText(("⚠ " if check.above else "") + check.message)
        set_role(self.compared, "warning" if check.above else "ok")
        if check.above:
            self.status.emit("The amount is above your upper limit for supplements.")
