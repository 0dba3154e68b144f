"""The pain map page of the Journal tab: the ACR 2016 self-report, dated, saved and compared.

The figure and the labelled check boxes are two views of one set of marked areas: either can
be used, and the page keeps the other in step (the check boxes are what keyboard and
screen-reader users rely on). Scores are recomputed by the domain on every change and shown
as numbers with the plain statement that this is a self-report for a doctor to judge, never
a diagnosis. Without a usable user DB the form still scores, but saving and the list say why
they cannot work.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mgdesk.domain.errors import InputError
from mgdesk.domain.journal import MAX_NOTE
from mgdesk.domain.painmap import (
    AREA_IDS,
    CLINICIAN_JUDGES,
    DURATION_QUESTION,
    GROUPS,
    SEVERITY_ANCHORS,
    SOURCE,
    SSS_ITEMS,
    WPI_NOTE,
    WPI_QUESTION,
    PainMap,
    area_label,
    areas_in,
    compare_maps,
    new_pain_map,
    score,
)
from mgdesk.store.journal import JournalStore
from mgdesk.store.user_db import UserDBError
from mgdesk.ui.journal.body_figure import BodyFigure
from mgdesk.ui.journal.pain_map_model import PainMapListModel
from mgdesk.ui.user_data import UserData
from mgdesk.ui.widgets import ScrollPane, heading, set_role, text_label


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class PainMapPage(QWidget):
    """Fill in, score, save and compare pain maps."""

    status = Signal(str)

    def __init__(self, user_data: UserData) -> None:
        super().__init__()
        self._user_data = user_data
        self._undo: PainMap | None = None

        pane = ScrollPane("Pain map")
        column = pane.column
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(pane)

        column.addWidget(
            heading("Pain map: a self-report from the ACR 2016 fibromyalgia criteria", 2)
        )
        column.addWidget(text_label(f"Source: {SOURCE}.", role="muted"))
        column.addWidget(text_label(WPI_QUESTION))
        column.addWidget(text_label(WPI_NOTE, role="muted"))
        self.problem = text_label("", role="error")
        self.problem.setAccessibleName("Why saved pain maps are unavailable")
        self.problem.hide()
        column.addWidget(self.problem)

        # ----- where it hurts: the figure and the same areas as check boxes
        self.figure = BodyFigure()
        self.area_boxes: dict[str, QCheckBox] = {}
        areas_column = QVBoxLayout()
        for group in GROUPS:
            box = QGroupBox(group.label)
            box_column = QVBoxLayout(box)
            box_column.setSpacing(2)
            for area in areas_in(group.id):
                check = QCheckBox(area.label)
                check.setAccessibleName(f"Pain or tenderness: {area.label}")
                check.toggled.connect(lambda on, area_id=area.id: self._on_area_box(area_id, on))
                self.area_boxes[area.id] = check
                box_column.addWidget(check)
            areas_column.addWidget(box)
        self.clear_areas = QPushButton("C&lear all areas")
        self.clear_areas.setAccessibleName("Clear all marked areas")
        self.clear_areas.clicked.connect(lambda: self._set_areas(frozenset()))
        areas_column.addWidget(self.clear_areas)
        areas_column.addStretch(1)
        where = QHBoxLayout()
        where.addWidget(self.figure, 3)
        where.addLayout(areas_column, 2)
        column.addLayout(where)
        self.figure.toggled.connect(self._on_figure)

        # ----- symptom severity and duration
        severity_box = QGroupBox("Symptom severity")
        severity_column = QVBoxLayout(severity_box)
        severity_column.addWidget(
            text_label("How much of a problem has each been during the past week?")
        )
        week = QFormLayout()
        week.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        severity_column.addLayout(week)
        months_note = text_label("Have you had these during the previous 6 months?")
        self.severity: dict[str, QComboBox | QCheckBox] = {}
        months: list[QCheckBox] = []
        for item in SSS_ITEMS:
            if item.maximum == 3:
                choice = QComboBox()
                choice.addItems(list(SEVERITY_ANCHORS))
                choice.setAccessibleName(f"{item.label}, {item.period}")
                choice.view().setAccessibleName(f"Choices: {item.label}")
                choice.currentIndexChanged.connect(self._recompute)
                label = QLabel(f"{item.label}:")
                label.setBuddy(choice)
                week.addRow(label, choice)
                self.severity[item.id] = choice
            else:
                check = QCheckBox(item.label)
                check.setAccessibleName(f"{item.label}, {item.period}")
                check.toggled.connect(self._recompute)
                months.append(check)
                self.severity[item.id] = check
        severity_column.addWidget(months_note)
        months_row = QHBoxLayout()
        for check in months:
            months_row.addWidget(check)
        months_row.addStretch(1)
        severity_column.addLayout(months_row)

        severity_column.addWidget(text_label(DURATION_QUESTION))
        self.duration_yes = QRadioButton("&Yes")
        self.duration_no = QRadioButton("&No")
        self.duration_unsure = QRadioButton("No&t answered")
        self.duration_unsure.setChecked(True)
        self.duration_group = QButtonGroup(self)
        duration_row = QHBoxLayout()
        for button, name in (
            (self.duration_yes, "yes"),
            (self.duration_no, "no"),
            (self.duration_unsure, "not answered"),
        ):
            button.setAccessibleName(f"Similar level for 3 months: {name}")
            self.duration_group.addButton(button)
            duration_row.addWidget(button)
        duration_row.addStretch(1)
        severity_column.addLayout(duration_row)
        self.duration_group.buttonToggled.connect(self._on_duration)
        column.addWidget(severity_box)

        # ----- the scores, live
        scores_box = QGroupBox("Your scores")
        scores_column = QVBoxLayout(scores_box)
        self.totals = text_label("", role="h3")
        self.totals.setAccessibleName("WPI, SSS and total")
        self.score_text = text_label("")
        self.score_text.setAccessibleName("What the scores are")
        self.judges = text_label(CLINICIAN_JUDGES, role="disclaimer")
        self.judges.setAccessibleName("A self-report, not a diagnosis")
        for widget in (self.totals, self.score_text, self.judges):
            scores_column.addWidget(widget)
        column.addWidget(scores_box)

        # ----- date, note, save
        save_box = QGroupBox("Save")
        save_form = QFormLayout(save_box)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setDate(_qdate(dt.date.today()))
        self.date.setMaximumDate(_qdate(dt.date.today()))
        self.date.setAccessibleName("Date of this pain map")
        date_label = QLabel("&Date:")
        date_label.setBuddy(self.date)
        save_form.addRow(date_label, self.date)
        self.note = QLineEdit()
        self.note.setMaxLength(MAX_NOTE)
        self.note.setPlaceholderText("optional, e.g. a bad week after traveling")
        self.note.setAccessibleName("Note for this pain map")
        note_label = QLabel("N&ote:")
        note_label.setBuddy(self.note)
        save_form.addRow(note_label, self.note)
        self.save = QPushButton("&Save this pain map")
        self.save.setAccessibleName("Save this pain map")
        self.save.clicked.connect(self._save)
        self.message = text_label("", role="muted")
        self.message.setAccessibleName("Message about saving")
        save_form.addRow(self.save)
        save_form.addRow(self.message)
        column.addWidget(save_box)

        # ----- saved maps
        saved_box = QGroupBox("Saved pain maps")
        saved_column = QVBoxLayout(saved_box)
        self.model = PainMapListModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Saved pain maps, newest first")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(8 * self.fontMetrics().height())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        saved_column.addWidget(
            text_label("Choose two maps (Ctrl+click) to see what changed between them.", "muted")
        )
        saved_column.addWidget(self.table)
        buttons = QGridLayout()
        self.compare = QPushButton("Co&mpare the two chosen")
        self.delete = QPushButton("De&lete the chosen map")
        self.undo = QPushButton("&Undo delete")
        for col, push in enumerate((self.compare, self.delete, self.undo)):
            push.setAccessibleName(push.text().replace("&", ""))
            buttons.addWidget(push, 0, col)
        buttons.setColumnStretch(3, 1)
        saved_column.addLayout(buttons)
        self.compare.clicked.connect(self._compare)
        self.delete.clicked.connect(self._delete)
        self.undo.clicked.connect(self._undo_delete)
        self.comparison = text_label("")
        self.comparison.setAccessibleName("What changed between the two maps")
        saved_column.addWidget(self.comparison)
        column.addWidget(saved_box)

        user_data.reopened.connect(self.reload)
        self.reload()
        self._recompute()

    # ----- the store

    def _store(self) -> JournalStore | None:
        store = self._user_data.journal()
        unusable = store is None
        self.problem.setVisible(unusable)
        if unusable:
            self.problem.setText(
                "Pain maps cannot be saved or listed: "
                f"{self._user_data.error or 'your saved data is unavailable.'} "
                "You can still fill in the form to see the scores."
            )
        return store

    def reload(self) -> None:
        """Read the saved maps again (on start and after a backup is restored)."""
        store = self._store()
        maps: list[PainMap] = []
        if store is not None:
            try:
                maps = store.pain_maps()
            except UserDBError as exc:
                self._say(f"⚠ The saved pain maps could not be read: {exc}", error=True)
        self.model.set_maps(maps)
        self.table.resizeColumnsToContents()
        self.comparison.setText("")
        self._update_buttons()

    # ----- the form

    def current_map(self) -> PainMap:
        """The map as filled in now (not saved); raises InputError for a bad value."""
        severity: dict[str, int] = {}
        for item_id, widget in self.severity.items():
            if isinstance(widget, QComboBox):
                severity[item_id] = widget.currentIndex()
            else:
                severity[item_id] = int(widget.isChecked())
        day = self.date.date().toPython()
        assert isinstance(day, dt.date)
        return new_pain_map(
            day,
            sorted(self.figure.marked),
            severity,
            self._three_months(),
            self.note.text(),
        )

    def _on_duration(self, _button: QRadioButton, checked: bool) -> None:
        if checked:
            self._recompute()

    def _three_months(self) -> bool | None:
        if self.duration_yes.isChecked():
            return True
        if self.duration_no.isChecked():
            return False
        return None

    def _set_areas(self, areas: frozenset[str]) -> None:
        self.figure.set_marked(areas)
        for area_id, check in self.area_boxes.items():
            check.blockSignals(True)
            check.setChecked(area_id in areas)
            check.blockSignals(False)
        self._recompute()

    def _on_figure(self, area_id: str, marked: bool) -> None:
        check = self.area_boxes[area_id]
        check.blockSignals(True)
        check.setChecked(marked)
        check.blockSignals(False)
        self._recompute()

    def _on_area_box(self, area_id: str, on: bool) -> None:
        marked = set(self.figure.marked)
        if on:
            marked.add(area_id)
        else:
            marked.discard(area_id)
        self.figure.set_marked(marked)
        self._recompute()

    def _recompute(self) -> None:
        try:
            result = score(self.current_map())
        except InputError as exc:
            self._say(f"⚠ {exc}", error=True)
            return
        self.totals.setText(
            f"WPI {result.wpi} of 19 · SSS {result.sss} of 12 · Total {result.fs} of 31"
        )
        self.score_text.setText("\n".join(result.lines()))
        self.clear_areas.setEnabled(bool(self.figure.marked))

    # ----- saving and the list

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        set_role(self.message, "error" if error else "muted")
        if not error:
            self.status.emit(text)

    def _save(self) -> None:
        store = self._store()
        if store is None:
            return
        try:
            saved = store.add_pain_map(self.current_map())
        except (InputError, UserDBError) as exc:
            self._say(f"⚠ Not saved: {exc}", error=True)
            return
        self.reload()
        row = self.model.row_of(saved.id)
        if row >= 0:
            self.table.selectRow(row)
        self._say(f"Saved the pain map of {saved.date.isoformat()}.")

    def _chosen(self) -> list[PainMap]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.map_at(r) for r in rows]

    def _update_buttons(self) -> None:
        usable = self._user_data.journal() is not None
        chosen = len(self._chosen())
        self.save.setEnabled(usable)
        self.save.setToolTip("" if usable else "Your saved data is unavailable (see above).")
        self.compare.setEnabled(chosen == 2)
        self.compare.setToolTip("" if chosen == 2 else "Choose exactly two saved maps to compare.")
        self.delete.setEnabled(chosen == 1)
        self.delete.setToolTip("" if chosen == 1 else "Choose one saved map to delete.")
        self.undo.setEnabled(self._undo is not None and usable)
        self.undo.setToolTip("" if self._undo is not None else "Nothing has been deleted.")

    def _compare(self) -> None:
        chosen = self._chosen()
        if len(chosen) != 2:
            return
        self.comparison.setText("\n".join(compare_maps(chosen[0], chosen[1]).lines()))

    def _delete(self) -> None:
        store = self._store()
        chosen = self._chosen()
        if store is None or len(chosen) != 1 or chosen[0].id is None:
            return
        try:
            self._undo = store.delete_pain_map(chosen[0].id)
        except (InputError, UserDBError) as exc:
            self._say(f"⚠ Not deleted: {exc}", error=True)
            return
        self.reload()
        self._say(f"Deleted the pain map of {self._undo.date.isoformat()}. Undo puts it back.")

    def _undo_delete(self) -> None:
        store = self._store()
        if store is None or self._undo is None:
            return
        try:
            restored = store.restore_pain_map(self._undo)
        except (InputError, UserDBError) as exc:
            self._say(f"⚠ Could not undo: {exc}", error=True)
            return
        self._undo = None
        self.reload()
        self._say(f"The pain map of {restored.date.isoformat()} is back.")

    def marked_labels(self) -> list[str]:
        """The marked areas in words, in the index's order (what a screen reader hears)."""
        return [area_label(a) for a in AREA_IDS if a in self.figure.marked]
