"""The My plan tab: what the user takes, the total against the upper limit, a form that may fit,
and a day that keeps every spacing rule, all as a draft to agree with a doctor.

The tab holds no plan of its own: every entry goes into the shared `VisitPlan` through the
`VisitSession`, and every change of the visit re-runs the domain's `make_plan` (pure and fast,
the same call `mgdesk plan` makes), whose result the widgets only show. A label line that
reads two ways is asked about in place (`plan_input.basis_question`), never guessed; a bad
entry gets one message beside it and leaves the visit as it was.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mgdesk.domain.errors import InputError
from mgdesk.domain.labels import LabelReading, mg_text, parse_label, read_product
from mgdesk.domain.plan import (
    MagnesiumPlan,
    PlanWarning,
    ScheduledMedicine,
    make_plan,
    parse_time,
    schedule_medicines,
)
from mgdesk.domain.plan_input import (
    BasisQuestion,
    basis_question,
    describe_window,
    keep_away_windows,
    parse_per_day,
    parse_times,
)
from mgdesk.domain.text import PLAN_DRAFT
from mgdesk.domain.visit import TOLERANCES, PlanChoice, ProductChoice, VisitPlan
from mgdesk.store.content_db import ContentDB
from mgdesk.ui.plan.fill_table import FillTable
from mgdesk.ui.plan.models import (
    MedicineRow,
    MedicineTimesModel,
    ProductRow,
    ProductsModel,
    RankedFormsModel,
    TimetableModel,
)
from mgdesk.ui.plan.timeline import DayTimeline, Marker
from mgdesk.ui.user_data import UserData
from mgdesk.ui.visit_session import VisitSession
from mgdesk.ui.widgets import ScrollPane, heading, set_role, text_label

TOLERANCE_WORDS = {
    "none": "No gut problems to consider",
    "diarrhoea": "Prone to diarrhea (e.g. IBS with diarrhea)",
    "constipation": "Prone to constipation (e.g. IBS with constipation)",
}
LEVEL_WORDS = {
    "strong": ("⛔ Strong caution", "error"),
    "caution": ("⚠ Caution", "warning"),
    "info": ("ℹ Note", "ok"),
}


class PlanTab(QWidget):
    """Products and their total, the form chooser and the day's timetable for one visit."""

    status = Signal(str)
    go_to_tab = Signal(str)

    def __init__(self, content: ContentDB, visit: VisitSession, user_data: UserData) -> None:
        super().__init__()
        self._content = content
        self._visit = visit
        self._user_data = user_data
        self._plan: MagnesiumPlan | None = None
        self._readings: list[ProductRow] = []
        self._scheduled: tuple[ScheduledMedicine, ...] = ()
        self._pending: tuple[BasisQuestion, float, int | None] | None = None
        self._removed: tuple[int, ProductChoice] | None = None

        pane = ScrollPane("My plan")
        column = pane.column
        column.addWidget(heading("My plan", 1))
        self.draft_label = heading(PLAN_DRAFT, 2)
        column.addWidget(self.draft_label)
        column.addWidget(
            text_label(
                "mgdesk adds up the magnesium in what you take, ranks the forms for your "
                "symptoms and places doses around your medicines. None of it is an "
                "instruction: agree every amount and time with your doctor or pharmacist.",
                role="muted",
            )
        )
        column.addWidget(self._build_products())
        column.addWidget(self._build_total())
        column.addWidget(self._build_forms())
        column.addWidget(self._build_day())
        self.about = text_label("", role="muted")
        self.about.setAccessibleName("About this plan")
        column.addWidget(heading("About this plan", 2))
        column.addWidget(self.about)
        column.addStretch(1)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(pane)

        visit.changed.connect(self._refresh)
        self._refresh(visit.plan)

    # ----- building: products

    def _build_products(self) -> QGroupBox:
        box = QGroupBox("1. What you take that carries magnesium")
        box_column = QVBoxLayout(box)
        box_column.addWidget(
            text_label(
                "Add every product: supplements, a multivitamin, antacids and laxatives. Type "
                "the line as the label prints it, e.g. 'Magnesium (as glycinate) 200 mg' or "
                "'magnesium hydroxide 400 mg per 5 mL, 10 mL', or pick a typical product.",
                role="muted",
            )
        )
        self.label_entry = QComboBox()
        self.label_entry.setEditable(True)
        self.label_entry.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.label_entry.setAccessibleName("Product label line")
        self.label_entry.view().setAccessibleName("Typical products")
        for product in self._content.products:
            short = product.name.split(" (")[0].split(",")[0]
            self.label_entry.addItem(short, product.id)
            self.label_entry.setItemData(
                self.label_entry.count() - 1,
                f"{product.name}: {mg_text(product.elemental_mg)} of magnesium per {product.unit}",
                Qt.ItemDataRole.ToolTipRole,
            )
        self.label_entry.setCurrentIndex(-1)
        line_edit = self.label_entry.lineEdit()
        assert line_edit is not None
        line_edit.setPlaceholderText("e.g. Magnesium (as glycinate) 200 mg")
        line_edit.setAccessibleName("Product label line")
        line_edit.returnPressed.connect(self.add_product)
        completer = self.label_entry.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            popup = completer.popup()
            if popup is not None:
                popup.setAccessibleName("Typical products")
        self.per_day_entry = QLineEdit("1")
        self.per_day_entry.setAccessibleName("Units a day")
        self.per_day_entry.setToolTip(
            "How many of the label's units (tablets, servings, doses) a day, e.g. 2 or 0.5"
        )
        self.per_day_entry.returnPressed.connect(self.add_product)
        self.add_button = QPushButton("&Add")
        self.add_button.setAccessibleName("Add the product")
        self.add_button.clicked.connect(self.add_product)

        entry_row = QHBoxLayout()
        entry_label = QLabel("&Label:")
        entry_label.setBuddy(self.label_entry)
        entry_row.addWidget(entry_label)
        entry_row.addWidget(self.label_entry, 1)
        per_day_label = QLabel("&Units a day:")
        per_day_label.setBuddy(self.per_day_entry)
        entry_row.addWidget(per_day_label)
        entry_row.addWidget(self.per_day_entry)
        entry_row.addWidget(self.add_button)
        box_column.addLayout(entry_row)

        self.product_message = text_label("", role="error")
        self.product_message.setAccessibleName("Message about the product")
        self.product_message.hide()
        box_column.addWidget(self.product_message)

        # The question for a line that reads two ways, asked where the line was typed.
        self.question_box = QFrame()
        self.question_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.question_box.setAccessibleName("Question about the label")
        question_column = QVBoxLayout(self.question_box)
        self.question_text = text_label("", role="warning")
        self.question_text.setAccessibleName("Question about the label")
        question_column.addWidget(self.question_text)
        question_row = QHBoxLayout()
        self.as_elemental_button = QPushButton("&Magnesium itself")
        self.as_elemental_button.setAccessibleName("The label states magnesium itself")
        self.as_compound_button = QPushButton("The &compound")
        self.as_compound_button.setAccessibleName("The label states the compound")
        self.question_cancel = QPushButton("Cancel")
        self.question_cancel.setAccessibleName("Do not add this product")
        for button in (self.as_elemental_button, self.as_compound_button, self.question_cancel):
            question_row.addWidget(button)
        question_row.addStretch(1)
        question_column.addLayout(question_row)
        self.as_elemental_button.clicked.connect(lambda: self.answer_question("elemental"))
        self.as_compound_button.clicked.connect(lambda: self.answer_question("compound"))
        self.question_cancel.clicked.connect(self._cancel_question)
        self.question_box.hide()
        box_column.addWidget(self.question_box)

        percents = {form.id: form.elemental_percent for form in self._content.forms}
        self.products_model = ProductsModel(percents)
        self.products_model.editor = self._edit_product
        self.products_table = FillTable(
            "Your products", ProductsModel.HOW, max_chars={ProductsModel.LABEL: 48}
        )
        self.products_table.setModel(self.products_model)
        self.products_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.products_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.products_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        box_column.addWidget(self.products_table)
        selection = self.products_table.selectionModel()
        selection.selectionChanged.connect(self._sync_product_buttons)

        self.remove_button = QPushButton("&Remove")
        self.remove_button.setAccessibleName("Remove the selected product")
        self.remove_button.clicked.connect(self.remove_selected)
        self.undo_button = QPushButton("U&ndo remove")
        self.undo_button.setAccessibleName("Put back the product removed last")
        self.undo_button.clicked.connect(self.undo_remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        box_column.addLayout(buttons)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.products_table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)
        undo = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self.products_table)
        undo.setContext(Qt.ShortcutContext.WidgetShortcut)
        undo.activated.connect(self.undo_remove)
        return box

    # ----- building: the total

    def _build_total(self) -> QGroupBox:
        box = QGroupBox("2. Your total against the upper limit")
        box_column = QVBoxLayout(box)
        self.total_label = text_label("", role="ok")
        self.total_label.setAccessibleName("Your total supplemental magnesium")
        self.rda_label = text_label("", role="muted")
        self.rda_label.setAccessibleName("Recommended intake, for context")
        box_column.addWidget(self.total_label)
        box_column.addWidget(self.rda_label)
        person_row = QHBoxLayout()
        self.person_note = text_label("", role="muted")
        self.person_note.setAccessibleName("About your age and sex")
        self.dosage_button = QPushButton("Set age and sex in the &Dosage tab")
        self.dosage_button.setAccessibleName("Go to the Dosage tab to set age and sex")
        self.dosage_button.clicked.connect(lambda: self.go_to_tab.emit("dosage"))
        person_row.addWidget(self.person_note, 1)
        person_row.addWidget(self.dosage_button, 0, Qt.AlignmentFlag.AlignTop)
        box_column.addLayout(person_row)
        self.warnings_column = QVBoxLayout()
        box_column.addLayout(self.warnings_column)
        self.warning_labels: list[QLabel] = []
        return box

    # ----- building: the form chooser

    def _build_forms(self) -> QGroupBox:
        box = QGroupBox("3. A form that may fit")
        box_column = QVBoxLayout(box)
        self.target = QSpinBox()
        self.target.setRange(0, 5000)
        self.target.setSingleStep(25)
        self.target.setSpecialValueText("No target chosen")
        self.target.setSuffix(" mg a day")
        self.target.setKeyboardTracking(False)
        self.target.setAccessibleName("Target elemental magnesium a day")
        self.target.setToolTip(
            "Only if you and your doctor have an amount in mind; it is shown beside your "
            "products, never added to them"
        )
        self.doses = QSpinBox()
        self.doses.setRange(1, 6)
        self.doses.setKeyboardTracking(False)
        self.doses.setAccessibleName("Doses a day")
        self.tolerance = QComboBox()
        self.tolerance.setAccessibleName("Your gut")
        self.tolerance.view().setAccessibleName("Gut tolerance choices")
        for key in TOLERANCES:
            self.tolerance.addItem(TOLERANCE_WORDS.get(key, key), key)
        fields = QFormLayout()
        fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for caption, widget in (
            ("&Target:", self.target),
            ("D&oses a day:", self.doses),
            ("&Gut:", self.tolerance),
        ):
            label = QLabel(caption)
            label.setBuddy(widget)
            fields.addRow(label, widget)
        box_column.addLayout(fields)
        self.target_note = text_label("", role="muted")
        self.target_note.setAccessibleName("About the target")
        self.symptoms_note = text_label("", role="muted")
        self.symptoms_note.setAccessibleName("Your symptoms")
        box_column.addWidget(self.target_note)
        box_column.addWidget(self.symptoms_note)

        self.forms_model = RankedFormsModel()
        self.forms_table = FillTable(
            "Forms ranked for you",
            RankedFormsModel.WHY,
            max_chars={
                RankedFormsModel.FORM: 24,
                RankedFormsModel.TABLETS: 34,
                RankedFormsModel.GUT: 28,
                RankedFormsModel.GRADE: 24,
            },
        )
        self.forms_table.setModel(self.forms_model)
        self.forms_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.forms_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.forms_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.forms_table.activated.connect(self._on_form_activated)
        self.forms_table.selectionModel().selectionChanged.connect(self._sync_form_buttons)
        box_column.addWidget(self.forms_table)
        self.use_form_button = QPushButton("U&se this form in my plan")
        self.use_form_button.setAccessibleName("Use the selected form in my plan")
        self.use_form_button.clicked.connect(self.use_selected_form)
        self.clear_form_button = QPushButton("No form &chosen")
        self.clear_form_button.setAccessibleName("Take the form out of my plan")
        self.clear_form_button.clicked.connect(lambda: self.choose_form(""))
        self.chosen_label = text_label("", role="muted")
        self.chosen_label.setAccessibleName("The form in your plan")
        row = QHBoxLayout()
        row.addWidget(self.use_form_button)
        row.addWidget(self.clear_form_button)
        row.addWidget(self.chosen_label, 1)
        box_column.addLayout(row)

        self.target.valueChanged.connect(self._on_target)
        self.doses.valueChanged.connect(self._on_doses)
        self.tolerance.currentIndexChanged.connect(self._on_tolerance)
        return box

    # ----- building: the day

    def _build_day(self) -> QGroupBox:
        box = QGroupBox("4. Your day: a draft timetable")
        box_column = QVBoxLayout(box)
        box_column.addWidget(
            text_label(
                "Medicines come from the Interactions tab. Double-click a medicine's times to "
                "change them (e.g. 07:00 or 08:00, 20:00); magnesium is placed to keep every "
                "spacing rule.",
                role="muted",
            )
        )
        self.medicines_model = MedicineTimesModel()
        self.medicines_model.editor = self._edit_times
        self.medicines_table = FillTable(
            "Your medicines and their times",
            MedicineTimesModel.RULE,
            max_chars={MedicineTimesModel.NAME: 40, MedicineTimesModel.TIMES: 24},
        )
        self.medicines_table.setModel(self.medicines_model)
        self.medicines_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.medicines_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        box_column.addWidget(self.medicines_table)
        empty_row = QHBoxLayout()
        self.no_medicines = text_label(
            "No medicines listed: the day has only magnesium in it.", role="muted"
        )
        self.interactions_button = QPushButton("Medicines in the &Interactions tab")
        self.interactions_button.setAccessibleName("Go to the Interactions tab to list medicines")
        self.interactions_button.clicked.connect(lambda: self.go_to_tab.emit("interactions"))
        empty_row.addWidget(self.no_medicines, 1)
        empty_row.addWidget(self.interactions_button, 0, Qt.AlignmentFlag.AlignLeft)
        box_column.addLayout(empty_row)
        self.times_message = text_label("", role="error")
        self.times_message.setAccessibleName("Message about the times")
        self.times_message.hide()
        box_column.addWidget(self.times_message)

        self.conflicts_label = text_label("", role="error")
        self.conflicts_label.setAccessibleName("Doses that could not be placed")
        self.conflicts_label.hide()
        box_column.addWidget(self.conflicts_label)
        self.timeline = DayTimeline()
        box_column.addWidget(self.timeline)
        self.timetable_model = TimetableModel()
        self.timetable = FillTable(
            "Timetable", TimetableModel.WHY, max_chars={TimetableModel.ITEM: 40}
        )
        self.timetable.setModel(self.timetable_model)
        self.timetable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        box_column.addWidget(self.timetable)
        return box

    # ----- messages

    def _say(self, label: QLabel, text: str) -> None:
        label.setText(f"⚠ {text}" if text else "")
        label.setVisible(bool(text))

    # ----- products: adding, asking, editing, removing

    @property
    def plan(self) -> MagnesiumPlan | None:
        """The plan shown (None when the visit cannot make one; the message says why)."""
        return self._plan

    def add_product(self) -> None:
        """Read the typed line; add it, ask about it, or say why it cannot be read."""
        self._cancel_question()
        text = self.label_entry.currentText()
        try:
            per_day = parse_per_day(self.per_day_entry.text())
            reading = parse_label(text, self._content.forms, self._content.products, per_day)
        except InputError as exc:
            self._say(self.product_message, str(exc))
            return
        self._say(self.product_message, "")
        question = basis_question(reading, self._content.forms, self._content.products, per_day)
        if question is not None:
            self._ask(question, per_day, None)
            return
        self._store_product(ProductChoice(reading.label, per_day), reading, None)

    def _ask(self, question: BasisQuestion, per_day: float, row: int | None) -> None:
        self._pending = (question, per_day, row)
        self.question_text.setText(f"? {question.text}")
        self.as_elemental_button.setText(
            f"&Magnesium itself: {mg_text(question.elemental.elemental_mg_per_day)} a day"
        )
        self.as_compound_button.setText(
            f"The &compound: {mg_text(question.compound.elemental_mg_per_day)} a day"
        )
        self.as_elemental_button.setAccessibleName(
            f"The label states magnesium itself: count "
            f"{mg_text(question.elemental.elemental_mg_per_day)} a day"
        )
        self.as_compound_button.setAccessibleName(
            f"The label states the compound: count "
            f"{mg_text(question.compound.elemental_mg_per_day)} a day"
        )
        self.question_box.show()
        self.as_elemental_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def answer_question(self, basis: str) -> None:
        """The user's answer to the pending question: count the line as `basis`."""
        if self._pending is None:
            return
        question, per_day, row = self._pending
        label = question.elemental_label if basis == "elemental" else question.label
        reading = question.elemental if basis == "elemental" else question.compound
        self._cancel_question()
        self._store_product(ProductChoice(label, per_day), reading, row)

    def _cancel_question(self) -> None:
        self._pending = None
        self.question_box.hide()

    def _store_product(self, choice: ProductChoice, reading: LabelReading, row: int | None) -> None:
        products = list(self._visit.plan.products)
        if row is None:
            products.append(choice)
        else:
            products[row] = choice
        try:
            self._visit.set_products(products)
        except InputError as exc:
            self._say(self.product_message, str(exc))
            return
        if row is None:
            self.label_entry.setEditText("")
            self.per_day_entry.setText("1")
        self.status.emit(
            f"Counted {reading.label}: {mg_text(reading.elemental_mg_per_day)} of magnesium a day."
        )

    def _edit_product(self, row: int, column: int, text: str) -> bool:
        choice = self._visit.plan.products[row]
        try:
            if column == ProductsModel.PER_DAY:
                choice = ProductChoice(choice.label, parse_per_day(text))
            else:
                choice = ProductChoice(text, choice.per_day)
            reading = read_product(choice, self._content.forms, self._content.products)
        except InputError as exc:
            self._say(self.product_message, str(exc))
            return False
        self._say(self.product_message, "")
        if column == ProductsModel.LABEL:
            question = basis_question(
                reading, self._content.forms, self._content.products, choice.per_day
            )
            if question is not None:
                self._ask(question, choice.per_day, row)
                return False
            choice = ProductChoice(reading.label, choice.per_day)
        self._store_product(choice, reading, row)
        return True

    def _selected_product(self) -> int | None:
        rows = self.products_table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def remove_selected(self) -> None:
        row = self._selected_product()
        if row is None:
            return
        products = list(self._visit.plan.products)
        removed = products.pop(row)
        self._visit.set_products(products)
        self._removed = (row, removed)
        self.status.emit(f"Removed {removed.label}. Undo remove puts it back.")
        self._sync_product_buttons()

    def undo_remove(self) -> None:
        if self._removed is None:
            return
        row, choice = self._removed
        products = list(self._visit.plan.products)
        products.insert(min(row, len(products)), choice)
        try:
            self._visit.set_products(products)
        except InputError as exc:
            self._say(self.product_message, str(exc))
            return
        self._removed = None
        self.status.emit(f"Put back {choice.label}.")
        self._sync_product_buttons()

    def _sync_product_buttons(self) -> None:
        row = self._selected_product()
        self.remove_button.setEnabled(row is not None)
        self.remove_button.setToolTip("" if row is not None else "Select a product to remove")
        self.undo_button.setEnabled(self._removed is not None)
        self.undo_button.setToolTip(
            f"Put back {self._removed[1].label}" if self._removed else "Nothing removed yet"
        )

    # ----- the form chooser

    def _choice(self) -> PlanChoice:
        return self._visit.plan.plan or PlanChoice()

    def _set_choice(self, **fields: object) -> None:
        try:
            self._visit.set_plan_choice(**fields)
        except InputError as exc:
            self.status.emit(str(exc))

    def _on_target(self, value: int) -> None:
        target = None if value == 0 else float(value)
        if target != self._choice().target_mg:
            self._set_choice(target_mg=target)

    def _on_doses(self, value: int) -> None:
        if value != self._choice().doses_per_day:
            self._set_choice(doses_per_day=value)

    def _on_tolerance(self) -> None:
        key = str(self.tolerance.currentData())
        if key != self._choice().tolerance:
            self._set_choice(tolerance=key)

    def choose_form(self, form_id: str) -> None:
        """Put a form into the plan ("" takes it out)."""
        if form_id != self._choice().form:
            self._set_choice(form=form_id)
        if form_id:
            name = self._content.form(form_id).name
            self.status.emit(f"{name} is the form in your plan.")

    def use_selected_form(self) -> None:
        rows = self.forms_table.selectionModel().selectedRows()
        if rows:
            self.choose_form(self.forms_model.form_at(rows[0].row()).id)

    def _on_form_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.choose_form(self.forms_model.form_at(index.row()).id)

    def _sync_form_buttons(self) -> None:
        selected = bool(self.forms_table.selectionModel().selectedRows())
        self.use_form_button.setEnabled(selected)
        self.use_form_button.setToolTip("" if selected else "Select a form in the table first")
        chosen = bool(self._choice().form)
        self.clear_form_button.setEnabled(chosen)
        self.clear_form_button.setToolTip("" if chosen else "No form is in your plan")

    # ----- medicine times

    def _edit_times(self, row: int, column: int, text: str) -> bool:
        medicine = self._visit.plan.medicines[row]
        try:
            times = parse_times(text)
            self._visit.set_medicine_times(medicine.name, times)
        except InputError as exc:
            self._say(self.times_message, f"{medicine.name}: {exc}")
            return False
        self._say(self.times_message, "")
        shown = ", ".join(times) or "no time"
        self.status.emit(f"{medicine.name}: {shown}.")
        return True

    # ----- showing the plan

    def _refresh(self, visit: VisitPlan) -> None:
        forms, products = self._content.forms, self._content.products
        rows: list[ProductRow] = []
        readable: list[ProductChoice] = []
        for choice in visit.products:
            try:
                rows.append(ProductRow(choice, read_product(choice, forms, products)))
                readable.append(choice)
            except InputError as exc:
                rows.append(ProductRow(choice, None, str(exc)))
        self._readings = rows
        try:
            self._scheduled = schedule_medicines(visit.medicines, self._content)[0]
        except InputError:
            self._scheduled = ()
        try:
            self._plan = make_plan(replace(visit, products=tuple(readable)), self._content)
            problem = ""
        except InputError as exc:
            self._plan = None
            problem = str(exc)
        self.products_model.set_rows(rows)
        self.products_table.fit()
        self._show_total(visit, rows, problem)
        self._show_choice(visit)
        self._show_day(visit)
        self._sync_product_buttons()
        self._sync_form_buttons()

    def _show_total(self, visit: VisitPlan, rows: list[ProductRow], problem: str) -> None:
        plan = self._plan
        for label in self.warning_labels:
            label.hide()
            label.deleteLater()
        self.warning_labels = []
        missing = [
            word for word, value in (("age", visit.age), ("sex", visit.sex)) if value is None
        ]
        self.person_note.setText(
            f"Your {' and '.join(missing)} {'are' if len(missing) > 1 else 'is'} not set: "
            + (
                "the adult upper limit is used and the recommended intake is not shown."
                if visit.age is None
                else "the recommended intake differs by sex and is not shown."
            )
            if missing
            else ""
        )
        self.person_note.setVisible(bool(missing))
        self.dosage_button.setVisible(bool(missing))
        if plan is None:
            self.total_label.setText(f"⚠ No plan can be made: {problem}")
            set_role(self.total_label, "error")
            self.rda_label.setText("")
            self.about.setText("")
            return
        counted = sum(1 for r in rows if r.reading is not None)
        skipped = len(rows) - counted
        total = mg_text(plan.total_supplemental_mg)
        source = f" from {counted} product{'s' if counted != 1 else ''}" if counted else ""
        if plan.upper_limit_mg is None:
            text = (
                f"Supplemental magnesium: {total} a day{source}. No upper limit is set for "
                f"{plan.upper_limit_label}: ask a doctor."
            )
            role = "warning"
        elif not counted:
            text = (
                f"No products counted yet. The upper limit for magnesium from supplements and "
                f"medicines is {plan.upper_limit_mg} mg a day ({plan.upper_limit_label})."
            )
            role = "muted"
        elif plan.above_upper_limit:
            text = (
                f"⚠ Above the upper limit: {total} a day{source}. The upper limit for "
                f"magnesium from supplements and medicines is {plan.upper_limit_mg} mg a day "
                f"({plan.upper_limit_label})."
            )
            role = "warning"
        else:
            text = (
                f"✓ Within the upper limit: {total} a day{source}. The upper limit for "
                f"magnesium from supplements and medicines is {plan.upper_limit_mg} mg a day "
                f"({plan.upper_limit_label})."
            )
            role = "ok"
        if skipped:
            them = "them" if skipped > 1 else "it"
            text += (
                f" {skipped} product line{'s are' if skipped > 1 else ' is'} not counted: "
                f"correct {them} in the table above."
            )
        self.total_label.setText(" ".join(text.split()))
        set_role(self.total_label, role)
        self.rda_label.setText(
            f"For context only: the recommended intake ({plan.rda_kind}) for {plan.life_stage} "
            f"is {plan.rda_mg} mg a day. It counts food, water and supplements together. The "
            "upper limit counts supplements and medicines only."
            if plan.rda_mg is not None
            else ""
        )
        self.rda_label.setVisible(plan.rda_mg is not None)
        for warning in plan.warnings:
            if warning.code == "person-assumed":
                continue  # said beside the button that sets age and sex
            self._add_warning(warning)
        self.about.setText("\n\n".join(plan.explanation))

    def _add_warning(self, warning: PlanWarning) -> None:
        words, role = LEVEL_WORDS.get(warning.level, ("Note", "ok"))
        label = text_label(f"{words}: {warning.text}", role=role)
        label.setAccessibleName(words.split(" ", 1)[1])
        label.setObjectName(f"warning-{warning.code}")
        self.warnings_column.addWidget(label)
        self.warning_labels.append(label)

    def _show_choice(self, visit: VisitPlan) -> None:
        choice = visit.plan or PlanChoice()
        plan = self._plan
        for widget in (self.target, self.doses, self.tolerance):
            widget.blockSignals(True)
        self.target.setValue(int(round(choice.target_mg)) if choice.target_mg is not None else 0)
        self.doses.setValue(choice.doses_per_day)
        self.tolerance.setCurrentIndex(max(0, self.tolerance.findData(choice.tolerance)))
        for widget in (self.target, self.doses, self.tolerance):
            widget.blockSignals(False)
        names = []
        for symptom in visit.symptoms:
            try:
                names.append(self._content.resolve_symptom(symptom.id).name)
            except (InputError, KeyError):
                continue
        self.symptoms_note.setText(
            f"Your symptoms (from the Symptoms tab): {', '.join(names)}."
            if names
            else "No symptoms chosen yet: choose them in the Symptoms tab to rank forms for them."
        )
        if plan is None:
            self.forms_model.set_forms((), bool(names))
            self.target_note.setText("")
            self.chosen_label.setText("")
            return
        target = next((s for s in plan.explanation if s.startswith(("Target:", "No target"))), "")
        per_dose = (
            f" In {plan.doses_per_day} doses: {mg_text(plan.dose_mg)} each."
            if plan.dose_mg is not None and plan.doses_per_day > 1
            else ""
        )
        self.target_note.setText(target + per_dose)
        self.forms_model.set_forms(plan.forms, bool(names))
        self.forms_table.fit()
        if plan.form:
            self.chosen_label.setText(f"✓ In your plan: {self._content.form(plan.form).name}.")
        else:
            self.chosen_label.setText("No form in your plan yet.")

    def _show_day(self, visit: VisitPlan) -> None:
        scheduled = {m.name.casefold(): m for m in self._scheduled}
        self.medicines_model.set_rows(
            [MedicineRow(m, scheduled.get(m.name.casefold())) for m in visit.medicines]
        )
        self.medicines_table.fit()
        has_medicines = bool(visit.medicines)
        self.medicines_table.setVisible(has_medicines)
        self.no_medicines.setVisible(not has_medicines)
        plan = self._plan
        rows = plan.timetable if plan is not None else ()
        self.timetable_model.set_rows(rows)
        self.timetable.fit()
        windows = keep_away_windows(self._scheduled)
        self.timeline.set_day(
            [
                Marker(parse_time(r.time), r.item.split(" (")[0])
                for r in rows
                if r.kind == "medicine"
            ],
            [
                Marker(parse_time(r.time), f"Mg {mg_text(r.mg)}" if r.mg is not None else "Mg")
                for r in rows
                if r.kind == "magnesium"
            ],
            windows,
        )
        self.timeline.setToolTip("\n".join(describe_window(w) for w in windows))
        conflicts = plan.conflicts if plan is not None else ()
        self.conflicts_label.setText("\n\n".join(f"⛔ Not placed: {c.text}" for c in conflicts))
        self.conflicts_label.setVisible(bool(conflicts))
        if not visit.medicines and not rows:
            self.timetable.setVisible(False)
        else:
            self.timetable.setVisible(True)
