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
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QDate,
    QEvent,
    QIODevice,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    QStandardPaths,
    QStringListModel,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QKeyEvent, QKeySequence, QPainter, QShowEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
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
from mgdesk.domain.paper import default_page_size
from mgdesk.domain.questions import add_questions, suggest_questions
from mgdesk.domain.retired import retired_label
from mgdesk.domain.text import PLAN_DRAFT
from mgdesk.domain.visit import (
    MAX_NOTES,
    MAX_QUESTION,
    SECTION_IDS,
    JournalRange,
    QuestionItem,
    VisitPlan,
)
from mgdesk.domain.visit_edit import checked_date, checked_text, edited, moved
from mgdesk.store.content_db import ContentDB
from mgdesk.ui.user_data import UserData
from mgdesk.ui.visit.handout_render import (
    PreviewRenderer,
    RenderedHandout,
    journal_source,
    save_pdf,
)
from mgdesk.ui.visit.keeper import VisitKeeper, visit_title
from mgdesk.ui.visit.models import (
    NOT_RATED,
    ChosenSymptomsModel,
    QuestionsModel,
    SavedVisitsModel,
    SuggestionsModel,
)
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
PAGE_SIZES = {"letter": "Letter (US)", "a4": "A4"}
SEX_CHOICES = (("not given", None), ("female", "female"), ("male", "male"))
NO_DATE = QDate(1900, 1, 1)
JOURNAL_DAYS = 90  # the "Since my last visit" range offered first: about one visit interval


def included(plan: VisitPlan, section: str) -> bool:
    """Whether the handout will show a section: the journal needs its range as well as its tick
    (as `mgdesk handout --from` reads the same visit), so its box shows both together."""
    if section == "journal":
        return plan.includes("journal") and plan.journal is not None
    return plan.includes(section)


KEPT_TEXT = "Saved automatically as you type; Save (Ctrl+S) adds it to your saved visits."
PRINT_DPI = 300
NO_MOD = Qt.KeyboardModifier.NoModifier


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


class KeyActions(QObject):
    """Keys a list acts on while it has focus (Delete, Alt+Up/Down). An event filter, not a
    QShortcut: item views take Delete for themselves before a shortcut sees it."""

    def __init__(
        self, view: QWidget, actions: dict[tuple[Qt.Key, Qt.KeyboardModifier], Callable[[], None]]
    ) -> None:
        super().__init__(view)
        self._actions = actions
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            action = self._actions.get((Qt.Key(event.key()), modifiers))
            if action is not None:
                action()
                return True
        return super().eventFilter(watched, event)


class VisitTab(QWidget):
    """The current visit, its question builder, its saved versions and its handout preview."""

    status = Signal(str)
    go_to = Signal(str)  # a tab key: "symptoms", "forms", "interactions"
    preview_ready = Signal(int)  # pages, once the preview shows the current visit
    exported = Signal(str)  # the path of a saved PDF

    def __init__(self, content: ContentDB, visit: VisitSession, user_data: UserData) -> None:
        super().__init__()
        self._content = content
        self._visit = visit
        self._keeper = VisitKeeper.of(visit, user_data)
        self._errors: dict[str, str] = {}
        self._good: dict[str, str] = {}
        self._preview_stale = True
        self._buffer: QBuffer | None = None
        self.last_export: Path | None = None
        self._export_folder: Path | None = None
        self._marked_current: int | None = None

        self.notice = text_label("", role="muted")
        self.notice.setAccessibleName("Whether your visit is kept")

        left = ScrollPane("Your visit")
        for box in (
            self._build_about(),
            self._build_symptoms(),
            self._build_choices(),
            self._build_questions(),
            self._build_notes(),
            self._build_sections(),
            self._build_saved(),
        ):
            left.column.addWidget(box)
        left.column.addStretch(1)
        self.left = left

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("visit")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self._build_preview())
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

        self.renderer = PreviewRenderer(content, self, journal_for=journal_source(user_data))
        self.renderer.started.connect(self._on_render_started)
        self.renderer.rendered.connect(self._on_rendered)
        self.renderer.failed.connect(self._on_render_failed)

        visit.changed.connect(self._on_visit)
        self._keeper.started.connect(self._on_keeper_started)
        self._keeper.saved_changed.connect(self._refresh_saved)
        self._keeper.current_changed.connect(self._on_current_changed)
        self._keeper.status.connect(self.saved_message.setText)
        self._keeper.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self._keeper.undo_stack.undoTextChanged.connect(self._on_undo_text)
        self._on_undo_text(self._keeper.undo_stack.undoText())
        self.undo_button.setEnabled(self._keeper.undo_stack.canUndo())
        self._name_controls()
        self._fill(visit.plan, force=True)
        self._on_keeper_started()

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
        self.date = QDateEdit()
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
        self.remove_symptom = QPushButton("&Remove symptom")
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
        self.remove_form = QPushButton("Remove f&orm")
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

    def _build_questions(self) -> QGroupBox:
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
        self.add_own = QPushButton("A&dd question")
        self.add_own.clicked.connect(self.add_own_question)
        self.move_up = QPushButton("Move &up")
        self.move_up.setToolTip("Alt+Up")
        self.move_up.clicked.connect(lambda: self.move_question(-1))
        self.move_down = QPushButton("Move do&wn")
        self.move_down.setToolTip("Alt+Down")
        self.move_down.clicked.connect(lambda: self.move_question(1))
        self.delete_question = QPushButton("Dele&te question")
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

        box = QGroupBox("Questions for your doctor")
        column = QVBoxLayout(box)
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
            view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.own_question.textChanged.connect(self._update_buttons)
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

    def _build_saved(self) -> QGroupBox:
        self.saved_model = SavedVisitsModel()
        self.saved_model.rename_requested.connect(self._on_rename)
        self.saved_view = QTableView()
        self.saved_view.setModel(self.saved_model)
        self.saved_view.setAccessibleName("Saved visits")
        self.saved_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.saved_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.saved_view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.saved_view.setTabKeyNavigation(False)
        self.saved_view.verticalHeader().setVisible(False)
        saved_header = self.saved_view.horizontalHeader()
        saved_header.setSectionResizeMode(SavedVisitsModel.NAME, QHeaderView.ResizeMode.Stretch)
        for section in (SavedVisitsModel.DATE, SavedVisitsModel.UPDATED):
            saved_header.setSectionResizeMode(section, QHeaderView.ResizeMode.ResizeToContents)
        self.saved_view.setMinimumHeight(90)
        self.saved_view.setMaximumHeight(200)
        self.saved_view.activated.connect(lambda _index: self.open_selected())
        self.save_button = QPushButton("&Save visit")
        self.save_button.setToolTip("Ctrl+S")
        self.save_button.clicked.connect(self._keeper.save)
        self.open_button = QPushButton("&Open")
        self.open_button.clicked.connect(self.open_selected)
        self.duplicate_button = QPushButton("Du&plicate")
        self.duplicate_button.clicked.connect(self.duplicate_selected)
        self.rename_button = QPushButton("Re&name")
        self.rename_button.clicked.connect(self.rename_selected)
        self.delete_button = QPushButton("D&elete")
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_button = QPushButton("&Undo")
        self.undo_button.clicked.connect(self._keeper.undo_stack.undo)
        KeyActions(self.saved_view, {(Qt.Key.Key_Delete, NO_MOD): self.delete_selected})
        self.current_label = text_label("", role="muted")
        self.current_label.setAccessibleName("Which visit is open")
        self.saved_message = text_label("", role="muted")
        self.saved_message.setAccessibleName("Message about saved visits")

        box = QGroupBox("Saved visits")
        column = QVBoxLayout(box)
        column.addWidget(self.current_label)
        column.addWidget(self.saved_view)
        row = QHBoxLayout()
        for button in (
            self.save_button,
            self.open_button,
            self.duplicate_button,
            self.rename_button,
            self.delete_button,
            self.undo_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(self.saved_message)
        self.saved_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.saved_box = box
        return box

    # ----- building: the preview

    def _build_preview(self) -> QWidget:
        self.page_size = QComboBox()
        for key, label in PAGE_SIZES.items():
            self.page_size.addItem(label, key)
        self.page_size.setCurrentIndex(list(PAGE_SIZES).index(default_page_size()))
        self.page_size.setAccessibleName("Paper size")
        self.page_size.currentIndexChanged.connect(lambda _i: self._request_preview(now=True))
        size_label = QLabel("&Paper:")
        size_label.setBuddy(self.page_size)
        self.preview_status = text_label("The preview appears here.", role="muted")
        self.preview_status.setAccessibleName("Preview status")
        self.document = QPdfDocument(self)
        self.preview = QPdfView(self)
        self.preview.setAccessibleName("Preview of the handout")
        self.preview.setDocument(self.document)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.export_button = QPushButton("E&xport PDF…")
        self.export_button.setToolTip("Ctrl+E")
        self.export_button.clicked.connect(self.export_pdf)
        self.print_button = QPushButton("P&rint…")
        self.print_button.setToolTip("Ctrl+P")
        self.print_button.clicked.connect(self.print_handout)
        self.viewer_button = QPushButton("Open in &viewer")
        self.viewer_button.setEnabled(False)
        self.viewer_button.setToolTip("Export the PDF first; then it opens in your PDF viewer.")
        self.viewer_button.clicked.connect(self.open_in_viewer)
        self.export_message = text_label("", role="muted")
        self.export_message.setAccessibleName("Message about saving and printing")

        pane = QWidget()
        column = QVBoxLayout(pane)
        column.setContentsMargins(4, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(heading("The handout as it will print", 2), 1)
        top.addWidget(size_label)
        top.addWidget(self.page_size)
        column.addLayout(top)
        column.addWidget(self.preview_status)
        column.addWidget(self.preview, 1)
        buttons = QHBoxLayout()
        for button in (self.export_button, self.print_button, self.viewer_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addWidget(self.export_message)
        return pane

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
        self._request_preview()

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
        self._fill_questions(plan)
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

    def _fill_questions(self, plan: VisitPlan) -> None:
        selected = self._selected_row(self.questions_view)
        self.questions_model.set_rows(plan.questions)
        if selected is not None and plan.questions:
            self._select_row(self.questions_view, min(selected, len(plan.questions) - 1))
        suggestions = suggest_questions(plan, self._content)
        self.suggestions_model.set_rows(suggestions)
        self.suggestions_view.setVisible(bool(suggestions))
        self.suggestions_note.setText(
            "Curated questions brought up by your medicines, conditions, forms and symptoms. "
            "Enter or “Add to my questions” puts one on your list."
            if suggestions
            else "Nothing more to suggest: every suggested question is on your list."
        )

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
        row = self._selected_row(self.symptoms_view)
        if row is None:
            return
        choice = self.symptoms_model.choice_at(row)
        self._visit.remove_symptom(choice.id)
        self.status.emit(f"Removed {self._symptom_name(choice.id)} from the visit.")

    def _remove_form(self) -> None:
        row = self._selected_row(self.forms_view)
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

    # ----- questions

    def _set_questions(self, items: tuple[QuestionItem, ...]) -> bool:
        try:
            self._visit.update(questions=items)
        except InputError as exc:
            self._question_message(f"⚠ {exc}. Nothing was changed.", error=True)
            return False
        return True

    def _question_message(self, text: str, error: bool = False) -> None:
        self.questions_message.setText(text)
        set_role(self.questions_message, "error" if error else "muted")

    def add_suggested(self) -> None:
        rows = sorted(i.row() for i in self.suggestions_view.selectionModel().selectedRows())
        if not rows:
            self._question_message("Choose a suggested question first.")
            return
        items = [self.suggestions_model.suggestion_at(r).item for r in rows]
        if self._set_questions(add_questions(self._visit.plan.questions, items)):
            self._question_message("Added to your questions (ticked: it will be printed).")

    def add_all_suggested(self) -> None:
        items = [s.item for s in self.suggestions_model.suggestions()]
        if items and self._set_questions(add_questions(self._visit.plan.questions, items)):
            self._question_message(f"Added {len(items)} suggested questions.")

    def add_own_question(self) -> None:
        text = self.own_question.text()
        try:
            clean = checked_text(text, "A question", MAX_QUESTION).strip()
        except InputError as exc:
            self._question_message(f"⚠ {exc}. Nothing was added.", error=True)
            return
        if not clean:
            self._question_message("Type a question first.")
            return
        before = self._visit.plan.questions
        after = add_questions(before, [QuestionItem(clean)])
        if after == before:
            self._question_message("That question is on your list already.")
            return
        if self._set_questions(after):
            self.own_question.clear()
            self._select_row(self.questions_view, len(after) - 1)
            self._question_message("Added your question.")

    def _on_question_edit(self, row: int, changes: dict[str, object]) -> None:
        try:
            items = edited(self._visit.plan.questions, row, **changes)
        except InputError as exc:
            self._question_message(f"⚠ {exc}. The question was not changed.", error=True)
            return
        if self._set_questions(items):
            self._question_message("")

    def move_question(self, step: int) -> None:
        row = self._selected_row(self.questions_view)
        if row is None:
            return
        items, target = moved(self._visit.plan.questions, row, step)
        if target != row and self._set_questions(items):
            self._select_row(self.questions_view, target)

    def remove_question(self) -> None:
        row = self._selected_row(self.questions_view)
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
        self._question_message("Deleted the question. Undo (Ctrl+Z) brings it back.")

    # ----- saved visits

    def _on_keeper_started(self) -> None:
        keeps = self._keeper.keeps_data
        if not self._keeper.is_started:
            self.notice.setText("Opening your saved visits…")
            set_role(self.notice, "muted")
        elif keeps:
            self.notice.setText(KEPT_TEXT)
            set_role(self.notice, "muted")
        else:
            self.notice.setText(f"⚠ {self._keeper.problem}")
            set_role(self.notice, "warning")
        self._refresh_saved()
        self._on_current_changed()

    def _refresh_saved(self) -> None:
        selected = self._selected_visit()
        self._marked_current = self._keeper.current_id
        self.saved_model.set_rows(self._keeper.saved(), self._marked_current)
        if selected is not None and (row := self.saved_model.row_of(selected)) >= 0:
            self._select_row(self.saved_view, row)
        self._update_buttons()

    def _on_current_changed(self) -> None:
        plan = self._visit.plan
        current = self._keeper.current_id
        if current is None:
            text = "A new visit, not yet in your saved visits."
        elif self._keeper.is_modified:
            text = f"“{visit_title(plan.name, plan.date)}”, changed since it was saved."
        else:
            text = f"“{visit_title(plan.name, plan.date)}”, as saved."
        self.current_label.setText(text)
        if current != self._marked_current:
            self._refresh_saved()  # move the "open now" mark
        self._update_buttons()

    def _selected_visit(self) -> int | None:
        row = self._selected_row(self.saved_view)
        return None if row is None else self.saved_model.summary_at(row).id

    def focus_saved_visits(self) -> None:
        """File ▸ Open: show the saved visits and put the keyboard there."""
        self._refresh_saved()
        self.left.ensureWidgetVisible(self.saved_box)
        if self.saved_model.rowCount() and self._selected_row(self.saved_view) is None:
            self._select_row(self.saved_view, 0)
        self.saved_view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.saved_model.rowCount():
            self.saved_message.setText(
                "No saved visits yet. Save (Ctrl+S) keeps this one."
                if self._keeper.keeps_data
                else self._keeper.problem or ""
            )

    def open_selected(self) -> None:
        visit_id = self._selected_visit()
        if visit_id is not None:
            self._keeper.open_visit(visit_id)

    def duplicate_selected(self) -> None:
        visit_id = self._selected_visit()
        if visit_id is not None:
            new_id = self._keeper.duplicate(visit_id)
            if new_id is not None and (row := self.saved_model.row_of(new_id)) >= 0:
                self._select_row(self.saved_view, row)

    def rename_selected(self) -> None:
        row = self._selected_row(self.saved_view)
        if row is not None:
            self.saved_view.setFocus(Qt.FocusReason.OtherFocusReason)
            self.saved_view.edit(self.saved_model.index(row, SavedVisitsModel.NAME))

    def _on_rename(self, visit_id: int, name: str) -> None:
        self._keeper.rename(visit_id, name)

    def delete_selected(self) -> None:
        visit_id = self._selected_visit()
        if visit_id is not None:
            self._keeper.delete(visit_id)

    # ----- selection helpers and buttons

    @staticmethod
    def _selected_row(view: QAbstractItemView) -> int | None:
        model = view.selectionModel()
        rows = model.selectedRows() if model is not None else []
        if rows:
            return rows[0].row()
        current = view.currentIndex()
        return current.row() if current.isValid() and model and model.isSelected(current) else None

    @staticmethod
    def _select_row(view: QAbstractItemView, row: int) -> None:
        model = view.model()
        index = model.index(row, 0)
        view.setCurrentIndex(index)
        view.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def _update_buttons(self) -> None:
        keeps = self._keeper.keeps_data
        has_symptom = self._selected_row(self.symptoms_view) is not None
        self.remove_symptom.setEnabled(has_symptom)
        self.remove_form.setEnabled(self._selected_row(self.forms_view) is not None)
        suggested = self._selected_row(self.suggestions_view) is not None
        self.add_suggestion.setEnabled(suggested)
        self.add_all.setEnabled(self.suggestions_model.rowCount() > 0)
        question = self._selected_row(self.questions_view)
        count = self.questions_model.rowCount()
        self.move_up.setEnabled(question is not None and question > 0)
        self.move_down.setEnabled(question is not None and question < count - 1)
        self.delete_question.setEnabled(question is not None)
        self.add_own.setEnabled(bool(self.own_question.text().strip()))
        chosen = self._selected_visit() is not None and keeps
        for button in (
            self.open_button,
            self.duplicate_button,
            self.rename_button,
            self.delete_button,
        ):
            button.setEnabled(chosen)
            button.setToolTip(
                "" if chosen else "Choose a saved visit first." if keeps else self._why_not()
            )
        self.save_button.setEnabled(keeps)
        self.save_button.setToolTip("Ctrl+S" if keeps else self._why_not())

    def _why_not(self) -> str:
        return self._keeper.problem or ""

    def _on_undo_text(self, text: str) -> None:
        self.undo_button.setText(f"&Undo {text.lower()}" if text else "&Undo")
        self.undo_button.setAccessibleName(f"Undo {text.lower()}" if text else "Undo")

    # ----- preview

    def _request_preview(self, now: bool = False) -> None:
        if not self.isVisible():
            self._preview_stale = True
            return
        self._preview_stale = False
        self.renderer.request(self._visit.plan, self.current_page_size(), now=now)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._preview_stale:
            self._request_preview(now=True)

    def current_page_size(self) -> str:
        return str(self.page_size.currentData())

    def _on_render_started(self) -> None:
        self.preview_status.setText("Updating the preview…")
        set_role(self.preview_status, "muted")

    def _on_rendered(self, handout: RenderedHandout) -> None:
        if self.renderer.busy:
            return  # a newer visit is on its way
        buffer = QBuffer(self)
        buffer.setData(QByteArray(handout.data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
        self._buffer = buffer
        pages = self.document.pageCount()
        paper = PAGE_SIZES.get(handout.page_size, handout.page_size)
        self.preview_status.setText(
            f"{pages} page{'s' if pages != 1 else ''}, {paper}. This is what Export and Print make."
        )
        set_role(self.preview_status, "muted")
        self.preview_ready.emit(pages)

    def _on_render_failed(self, message: str) -> None:
        self.preview_status.setText(f"⚠ {message}")
        set_role(self.preview_status, "error")

    def shutdown(self) -> None:
        """Wait for a render in progress (the window is closing)."""
        self.renderer.shutdown()

    # ----- export, print, viewer

    def _handout(self) -> RenderedHandout | None:
        try:
            return self.renderer.render_now(self._visit.plan, self.current_page_size())
        except InputError as exc:
            self._export_message(f"The handout cannot be made from this visit: {exc}.", True)
            return None

    def _export_message(self, text: str, error: bool = False) -> None:
        self.export_message.setText(("⚠ " if error else "") + text)
        set_role(self.export_message, "error" if error else "ok")
        self.status.emit(text)

    def suggested_path(self) -> Path:
        plan = self._visit.plan
        stem = "mgdesk-visit" + (f"-{plan.date}" if plan.date else "")
        if self._export_folder is not None:
            return self._export_folder / f"{stem}.pdf"
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        folder = Path(documents) if documents and Path(documents).is_dir() else Path.home()
        return folder / f"{stem}.pdf"

    def choose_export_path(self, suggested: Path) -> Path | None:
        """Ask where to save the PDF (tests replace this)."""
        name, _ = QFileDialog.getSaveFileName(
            self, "Export the handout as PDF", str(suggested), "PDF files (*.pdf)"
        )
        return Path(name) if name else None

    def export_pdf(self) -> Path | None:
        """File ▸ Export PDF: ask where, then save; the saved path or None."""
        target = self.choose_export_path(self.suggested_path())
        if target is None:
            return None
        return target if self.export_to(target) else None

    def export_to(self, target: Path) -> bool:
        """Save the handout to `target` through a temporary file; one message either way."""
        if target.suffix.casefold() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        handout = self._handout()
        if handout is None:
            return False
        try:
            save_pdf(handout.data, target)
        except OSError as exc:
            reason = (exc.strerror or str(exc)).rstrip(".")
            self._export_message(
                f"The handout was not saved to {target}: {reason}. "
                "Any earlier file there is unchanged.",
                True,
            )
            return False
        self.last_export = target
        self._export_folder = target.parent
        self.viewer_button.setEnabled(True)
        self.viewer_button.setToolTip(f"Open {target.name} in your PDF viewer")
        pages = handout.pages
        self._export_message(
            f"Saved the handout ({pages} page{'s' if pages != 1 else ''}) to {target}."
        )
        self.exported.emit(str(target))
        return True

    def exec_print_dialog(self, printer: object) -> bool:
        """Show the system print dialog; True to print (tests replace this)."""
        from PySide6.QtPrintSupport import QPrintDialog

        dialog = QPrintDialog(printer, self)  # type: ignore[call-overload]
        dialog.setWindowTitle("Print the handout")
        return bool(dialog.exec() == QPrintDialog.DialogCode.Accepted)

    def print_handout(self) -> bool:
        """File ▸ Print: the same PDF, page by page, through the system print dialog."""
        from PySide6.QtGui import QPageLayout, QPageSize
        from PySide6.QtPrintSupport import QPrinter

        handout = self._handout()
        if handout is None:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        ids = QPageSize.PageSizeId
        printer.setPageSize(QPageSize(ids.Letter if handout.page_size == "letter" else ids.A4))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        printer.setFullPage(True)
        printer.setDocName("mgdesk visit handout")
        if not self.exec_print_dialog(printer):
            self._export_message("Printing canceled.")
            return False
        document = QPdfDocument()
        buffer = QBuffer()
        buffer.setData(QByteArray(handout.data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document.load(buffer)
        painter = QPainter()
        if not painter.begin(printer):
            self._export_message("The printer could not be started. Export the PDF instead.", True)
            return False
        try:
            page_rect = printer.pageLayout().fullRectPixels(printer.resolution())
            for page in range(document.pageCount()):
                if page:
                    printer.newPage()
                points = document.pagePointSize(page)
                pixels = QSize(
                    round(points.width() * PRINT_DPI / 72), round(points.height() * PRINT_DPI / 72)
                )
                image = document.render(page, pixels)
                scale = min(page_rect.width() / image.width(), page_rect.height() / image.height())
                width, height = round(image.width() * scale), round(image.height() * scale)
                painter.drawImage(QRect(0, 0, width, height), image)
        finally:
            painter.end()
            document.close()
            buffer.close()
        pages = handout.pages
        self._export_message(f"Sent {pages} page{'s' if pages != 1 else ''} to the printer.")
        return True

    def open_url(self, url: QUrl) -> bool:
        """Hand a file to the desktop (tests replace this)."""
        return QDesktopServices.openUrl(url)

    def open_in_viewer(self) -> bool:
        target = self.last_export
        if target is None or not target.is_file():
            self._export_message("Export the PDF first; then it can open in your viewer.", True)
            return False
        if not self.open_url(QUrl.fromLocalFile(str(target))):
            self._export_message(f"No PDF viewer opened the file. It is saved at {target}.", True)
            return False
        self._export_message(f"Opened {target.name} in your PDF viewer.")
        return True
