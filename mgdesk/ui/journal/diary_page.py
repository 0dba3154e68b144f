"""The Diary page of the Journal tab: the entry form, the entries, the chart and what they say.

Left, the form (a new entry, or a saved one being edited). Right, the chart over the chosen
range with its text summary beside it, and the table of entries below. Deleting an entry keeps
it for undo (Ctrl+Z or the Undo button in the status line). The journal is read whole once (a
year of entries in about 12 ms) and kept; a change the page writes is applied to what it holds,
and everything is redrawn from that: the table and the chart show the range, the before/after
comparison always uses the whole journal, because "before" means before the form was first
recorded, whatever range is on screen.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mgdesk.domain.errors import InputError
from mgdesk.domain.journal import (
    BEFORE_AFTER_HEADING,
    DIARY_CAUTION,
    MIN_COMPARE_ENTRIES,
    JournalEntry,
    JournalSeries,
    before_after,
    build_series,
    forms_taken,
    in_range,
    sort_key,
)
from mgdesk.domain.journal_summary import (
    dose_totals,
    range_bounds,
    range_sentence,
    symptom_trends,
)
from mgdesk.store.content_db import ContentDB
from mgdesk.store.journal import JournalStore
from mgdesk.store.user_db import UserDBError
from mgdesk.ui import settings as keys
from mgdesk.ui.journal.chart import JournalChart
from mgdesk.ui.journal.entry_form import Clock, EntryForm, system_clock
from mgdesk.ui.journal.models import EntryTableModel
from mgdesk.ui.rich import Html, RichPane
from mgdesk.ui.settings import Settings
from mgdesk.ui.widgets import ScrollPane, set_role, text_label

RANGE_LABELS = {
    "30": "Last 30 days",
    "90": "Last 90 days",
    "all": "All entries",
    "custom": "Custom range",
}

SYMPTOM_COLUMN_CHARS = 16


# The chart and its summary sit side by side from this width (in average characters) up.
WIDE_CHART_CHARACTERS = 90


class DiaryPage(QWidget):
    """Add, edit and delete entries; see them as a table, a chart and in words."""

    status = Signal(str)
    changed = Signal()

    def __init__(
        self,
        content: ContentDB,
        store: JournalStore,
        settings: Settings,
        clock: Clock = system_clock,
    ) -> None:
        super().__init__()
        self._store = store
        self._settings = settings
        self._clock = clock
        self._symptoms = content.symptoms
        self.symptom_names = {s.id: s.name for s in content.symptoms}
        self.form_names = {f.id: f.name for f in content.forms}
        self.short_form_names = {f.id: short_form_name(f.name) for f in content.forms}
        self._deleted: list[JournalEntry] = []
        self._entries: list[JournalEntry] = []
        self._fingerprint: tuple[int, int, str] | None = None
        self._fitted: list[str] | None = None
        self._planned_form = ""

        # ----- the range and the tracked symptoms
        self.range_choice = QComboBox()
        self.range_choice.setAccessibleName("Date range shown")
        self.range_choice.view().setAccessibleName("Date ranges")
        for key, label in RANGE_LABELS.items():
            self.range_choice.addItem(label, key)
        self.range_from = QDateEdit()
        self.range_to = QDateEdit()
        for edit, name in ((self.range_from, "First day shown"), (self.range_to, "Last day shown")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
            edit.setToolTip("Choose “Custom range” to set the days shown")
        range_label = QLabel("&Show:")
        range_label.setBuddy(self.range_choice)
        self.tracked_button = QToolButton()
        self.tracked_button.setText("Symptoms I &rate")
        self.tracked_button.setAccessibleName("Symptoms I rate")
        self.tracked_button.setToolTip("Choose the symptoms the form asks you to rate")
        self.tracked_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.tracked_menu = QMenu(self.tracked_button)
        self.tracked_actions: dict[str, QAction] = {}
        for symptom in content.symptoms:
            action = self.tracked_menu.addAction(symptom.name)
            action.setCheckable(True)
            action.toggled.connect(self._on_tracked_toggled)
            self.tracked_actions[symptom.id] = action
        self.tracked_button.setMenu(self.tracked_menu)
        top = QHBoxLayout()
        top.addWidget(range_label)
        top.addWidget(self.range_choice)
        top.addWidget(self.range_from)
        top.addWidget(QLabel("to"))
        top.addWidget(self.range_to)
        top.addStretch(1)
        top.addWidget(self.tracked_button)

        # ----- the form
        forms = [(f.id, f.name) for f in content.forms]
        self.form = EntryForm(self.symptom_names, forms, clock)
        self.form.submitted.connect(self._save)
        self.form.cancelled.connect(lambda: self.status.emit("Editing canceled; nothing changed."))

        # ----- chart, summary and table
        self.chart = JournalChart()
        self.summary = RichPane("What the chart shows, in words")
        self.model = EntryTableModel(self.symptom_names, self.short_form_names)
        self.table = QTableView()
        self.table.setAccessibleName("Journal entries, newest first")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.activated.connect(self._edit_index)
        self.edit_button = QPushButton("&Edit")
        self.edit_button.setToolTip("Open the selected entry in the form (Enter)")
        self.edit_button.setAccessibleName("Edit the selected entry")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton("De&lete")
        self.delete_button.setToolTip("Delete the selected entry (Delete); Ctrl+Z brings it back")
        self.delete_button.setAccessibleName("Delete the selected entry")
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.selectionModel().selectionChanged.connect(self._sync_buttons)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete_selected)
        table_buttons = QHBoxLayout()
        self.count_label = text_label("", "muted")
        table_buttons.addWidget(self.count_label, 1)
        table_buttons.addWidget(self.edit_button)
        table_buttons.addWidget(self.delete_button)
        table_box = QWidget()
        table_column = QVBoxLayout(table_box)
        table_column.setContentsMargins(0, 0, 0, 0)
        table_column.addWidget(self.table)
        table_column.addLayout(table_buttons)

        self.chart_split = QSplitter(Qt.Orientation.Horizontal)
        self.chart_split.setChildrenCollapsible(False)
        self.chart_split.addWidget(self.chart)
        self.chart_split.addWidget(self.summary)
        self.chart_split.setStretchFactor(0, 3)
        self.chart_split.setStretchFactor(1, 2)
        self.chart_split.installEventFilter(self)
        right = QSplitter(Qt.Orientation.Vertical)
        right.setChildrenCollapsible(False)
        right.addWidget(self.chart_split)
        right.addWidget(table_box)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("journal")
        self.splitter.setChildrenCollapsible(False)
        self._form_pane = ScrollPane("New journal entry")
        self._form_pane.column.addWidget(self.form)
        self._fit_form_pane()
        self.splitter.addWidget(self._form_pane)
        # At large text the chart, its summary and the table need more height than a small
        # window has: they scroll together instead of making the window taller than the screen.
        right_pane = QScrollArea()
        right_pane.setWidgetResizable(True)
        right_pane.setFrameShape(QFrame.Shape.NoFrame)
        right_pane.setAccessibleName("Chart, summary and entries")
        right_pane.setWidget(right)
        self.splitter.addWidget(right_pane)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)

        # ----- status line with undo
        self.status_line = text_label("", "muted")
        self.status_line.setAccessibleName("Journal status")
        self.undo_button = QPushButton("&Undo")
        self.undo_button.setToolTip("Bring back the last deleted entry (Ctrl+Z)")
        self.undo_button.setAccessibleName("Undo: bring back the deleted entry")
        self.undo_button.clicked.connect(self.undo_delete)
        undo_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self)
        undo_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo_key.activated.connect(self.undo_delete)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_line, 1)
        status_row.addWidget(self.undo_button)

        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.splitter, 1)
        column.addLayout(status_row)

        self._restore_choices()
        self.range_choice.currentIndexChanged.connect(self._on_range_choice)
        self.range_from.dateChanged.connect(self._redraw)
        self.range_to.dateChanged.connect(self._redraw)
        self._sync_buttons()
        self.reload()
        application = QGuiApplication.instance()
        if isinstance(application, QGuiApplication):
            application.applicationStateChanged.connect(self._on_application_state)

    # ----- settings

    def _restore_choices(self) -> None:
        saved = self._settings.get(keys.JOURNAL_SYMPTOMS).split(",")
        tracked = [s for s in saved if s in self.tracked_actions]
        for symptom, action in self.tracked_actions.items():
            action.blockSignals(True)
            action.setChecked(symptom in tracked)
            action.blockSignals(False)
        self.form.set_tracked(self.tracked())
        choice = self._settings.get(keys.JOURNAL_RANGE)
        self.range_choice.setCurrentIndex(max(0, self.range_choice.findData(choice)))
        self._default_custom_range()
        self._sync_range_edits()

    def _default_custom_range(self) -> None:
        """A custom range starts as the last 90 days."""
        today = QDate(self._clock().date())
        for edit, day in ((self.range_to, today), (self.range_from, today.addDays(-89))):
            edit.blockSignals(True)
            edit.setDate(day)
            edit.blockSignals(False)

    def tracked(self) -> list[str]:
        """The symptoms the user rates, in the content's order."""
        return [s.id for s in self._symptoms if self.tracked_actions[s.id].isChecked()]

    def set_tracked(self, symptoms: Sequence[str]) -> None:
        for symptom, action in self.tracked_actions.items():
            action.blockSignals(True)
            action.setChecked(symptom in symptoms)
            action.blockSignals(False)
        self._on_tracked_toggled()

    def _on_tracked_toggled(self, _checked: bool = False) -> None:
        tracked = self.tracked()
        self._settings.set(keys.JOURNAL_SYMPTOMS, ",".join(tracked))
        self.form.set_tracked(tracked)
        self._redraw()

    # ----- the range

    def _on_range_choice(self) -> None:
        self._settings.set(keys.JOURNAL_RANGE, str(self.range_choice.currentData()))
        self._sync_range_edits()
        self._redraw()

    def _sync_range_edits(self) -> None:
        custom = self.range_choice.currentData() == "custom"
        for edit in (self.range_from, self.range_to):
            edit.setEnabled(custom)

    def date_range(self) -> tuple[dt.date | None, dt.date | None]:
        """The first and last day shown (None: open-ended)."""
        choice = str(self.range_choice.currentData())
        if choice == "custom":
            first = self.range_from.date().toPython()
            last = self.range_to.date().toPython()
            assert isinstance(first, dt.date) and isinstance(last, dt.date)
            return first, last
        return range_bounds(choice, self._clock().date())

    # ----- reading

    def set_clock(self, clock: Clock) -> None:
        self._clock = clock
        self.form.clock = clock
        if not self.form.editing:
            self.form.reset()
        if self.range_choice.currentData() != "custom":
            self._default_custom_range()
        self.reload()

    def reload(self) -> None:
        """Read the journal once and redraw the table, the chart and the summary."""
        try:
            # The fingerprint first: a write in between is then seen as a change next time.
            fingerprint = self._store.fingerprint()
            self._entries = self._store.entries()
            self._fingerprint = fingerprint
        except UserDBError as error:
            self.show_status(f"The journal cannot be read: {error}", error=True)
            return
        self._redraw()

    def refresh_if_changed(self) -> bool:
        """Read the journal again if another program wrote to it (`mgdesk journal add` or an
        import in a terminal) since this page last read or wrote it; True if it did."""
        try:
            changed = self._store.fingerprint() != self._fingerprint
        except UserDBError:
            return False
        if changed:
            self.reload()
            self.show_status("The journal was changed outside this window: shown as it is now.")
            self.changed.emit()
        return changed

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh_if_changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.chart_split and event.type() == QEvent.Type.Resize:
            self._fit_chart_split()
        return super().eventFilter(watched, event)

    def _fit_chart_split(self) -> None:
        """The chart beside its summary when both have room, the summary under it when not
        (large text, a small window): side by side, each would be too narrow to read."""
        characters = self.chart_split.width() / max(1, self.fontMetrics().averageCharWidth())
        wide = characters >= WIDE_CHART_CHARACTERS
        wanted = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.chart_split.orientation() != wanted:
            self.chart_split.setOrientation(wanted)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            # The form's own fields take the new size after this page: measure it next turn.
            QTimer.singleShot(0, self, self._fit_form_pane)
            self._fit_chart_split()  # the same width holds fewer characters at a larger size

    def _fit_form_pane(self) -> None:
        """The entry form never narrower than its fields and labels at the current text size
        (the pane scrolls down, not across): its margins and the scroll bar down come on top,
        as at large text the form is taller than the window."""
        pane = self._form_pane
        margins = pane.column.contentsMargins()
        scroll_bar = pane.verticalScrollBar().sizeHint().width()
        extra = margins.left() + margins.right() + scroll_bar + 2 * pane.frameWidth() + 4
        pane.setMinimumWidth(self.form.minimumSizeHint().width() + extra)

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive and self.isVisible():
            self.refresh_if_changed()

    def _apply(self, removed: int | None = None, added: JournalEntry | None = None) -> None:
        """Bring the entries held in memory in line with a change just written, and redraw.

        What the store wrote is what it returned, so a change needs no re-read of the whole
        journal (the slowest step of a redraw); `reload` reads it again when the range or the
        clock changes.
        """
        kept = [e for e in self._entries if removed is None or e.id != removed]
        self._entries = sorted([*kept, added] if added else kept, key=sort_key)
        # When it cannot be read, the previous one stands for the next comparison.
        with contextlib.suppress(UserDBError):
            self._fingerprint = self._store.fingerprint()
        self._redraw()

    def _redraw(self) -> None:
        start, end = self.date_range()
        if start is not None and end is not None and end < start:
            self.show_status("The first day shown must not be after the last day.", error=True)
            return
        shown = in_range(self._entries, start, end)
        selected = self.selected_entry()
        self.model.set_entries(shown, self.tracked())
        self._fit_columns()
        if selected is not None and selected.id is not None:
            self.select_entry(selected.id)
        series = build_series(shown)
        self.chart.show_series(
            series, self.tracked(), self.symptom_names, self.short_form_names, start, end
        )
        self._set_usual_form()
        self.count_label.setText(
            f"{len(shown)} of {len(self._entries)} entries shown"
            if len(shown) != len(self._entries)
            else f"{len(shown)} entries"
        )
        self.summary.show_document(lambda: self._summary_html(series, start, end))
        self._sync_buttons()

    def set_planned_form(self, form_id: str) -> None:
        """The form the visit's plan (or a try-it plan) chose: new doses start with it."""
        self._planned_form = form_id
        self._set_usual_form()

    def _set_usual_form(self) -> None:
        """A new dose starts with the planned form, else the one last recorded."""
        taken = forms_taken(self._entries)
        usual = self._planned_form or _latest_form(self._entries) or (taken[-1] if taken else "")
        if usual:
            self.form.set_usual_form(usual)

    def _fit_columns(self) -> None:
        """Column widths from the headers and the widest cells there can be, not by measuring
        every cell (which, for a year of entries, takes longer than everything else together).
        Long symptom names are cut; the header's tooltip has them whole."""
        columns = self.model.symptom_columns()
        if columns == self._fitted:
            return
        self._fitted = columns
        metrics = self.table.horizontalHeader().fontMetrics()
        char = metrics.averageCharWidth()
        pad = 3 * char

        def header(column: int) -> int:
            text = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            return metrics.horizontalAdvance(text) + pad

        self.table.setColumnWidth(
            EntryTableModel.DATE, metrics.horizontalAdvance("2026-12-31 ") + pad
        )
        self.table.setColumnWidth(EntryTableModel.TIME, max(header(1), 6 * char + pad))
        for offset in range(len(columns)):
            column = len(EntryTableModel.FIXED_BEFORE) + offset
            width = max(header(column), 4 * char + pad)
            self.table.setColumnWidth(column, min(width, SYMPTOM_COLUMN_CHARS * char))
        self.table.setColumnWidth(self.model.magnesium_column, 30 * char)

    def _summary_html(
        self, series: JournalSeries, start: dt.date | None, end: dt.date | None
    ) -> str:
        html = Html()
        span = None
        if self._entries:
            span = (self._entries[0].date, self._entries[-1].date)
        html.h(2, "What the chart shows")
        html.p(range_sentence(start, end, span), "muted")
        trends = symptom_trends(series, self.tracked())
        if not trends:
            html.p("No ratings in this range yet.")
        for trend in trends:
            html.p(trend.sentence(self.symptom_names.get(trend.symptom, trend.symptom)))
        totals = dose_totals(series.doses)
        if totals:
            html.h(3, "Magnesium recorded")
            for total in totals:
                html.p(total.sentence(self.form_names.get(total.form, total.form)))
        else:
            html.p("No magnesium recorded in this range.", "muted")
        html.h(2, BEFORE_AFTER_HEADING)
        taken = forms_taken(self._entries)
        if not taken:
            html.p("No magnesium is recorded yet, so there is nothing to compare.")
        elif len(self._entries) < 2 * MIN_COMPARE_ENTRIES:
            html.p(
                f"Not enough entries to compare yet: {len(self._entries)} so far. A "
                f"comparison needs at least {MIN_COMPARE_ENTRIES} ratings before a form was "
                f"started and {MIN_COMPARE_ENTRIES} after."
            )
        else:
            for form in taken:
                result = before_after(self._entries, form)
                name = self.form_names.get(form, form)
                html.h(3, name)
                for line in result.lines(self.symptom_names, name):
                    if line != result.caution:
                        html.p(line)
        html.box(DIARY_CAUTION, "warn")
        return html.html()

    # ----- selection

    def selected_entry(self) -> JournalEntry | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.model.entry_at(rows[0].row())

    def select_entry(self, entry_id: int) -> None:
        row = self.model.row_of(entry_id)
        if row < 0:
            return
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def _sync_buttons(self) -> None:
        chosen = self.selected_entry() is not None
        why = "" if chosen else "Select an entry in the table first"
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        self.edit_button.setToolTip(why or "Open the selected entry in the form (Enter)")
        self.delete_button.setToolTip(
            why or "Delete the selected entry (Delete); Ctrl+Z brings it back"
        )
        self.undo_button.setVisible(bool(self._deleted))

    # ----- changes

    def _save(self, entry: JournalEntry) -> None:
        today = self._clock().date()
        try:
            if entry.id is None:
                saved = self._store.add(entry, today)
                done = f"Entry added for {saved.date.isoformat()} {saved.time_text}".strip()
            else:
                saved = self._store.update(entry, today)
                done = f"Entry of {saved.date.isoformat()} {saved.time_text} saved".strip()
        except InputError as error:
            self.form.show_message(str(error))
            return
        except UserDBError as error:
            self.form.show_message(f"The entry could not be saved: {error}")
            return
        self._apply(removed=saved.id, added=saved)
        self.form.reset()
        if saved.id is not None:
            self.select_entry(saved.id)
        self.show_status(done + ".")
        self.changed.emit()

    def _edit_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_selected()

    def edit_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            self.show_status("Select an entry in the table first.", error=True)
            return
        self.form.load(entry)
        self.show_status(
            f"Editing the entry of {entry.date.isoformat()}: change it, then Save changes."
        )

    def delete_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None or entry.id is None:
            self.show_status("Select an entry in the table first.", error=True)
            return
        try:
            removed = self._store.delete(entry.id)
        except (InputError, UserDBError) as error:
            self.show_status(f"The entry could not be deleted: {error}", error=True)
            return
        if self.form.editing is not None and self.form.editing.id == entry.id:
            self.form.reset()
        self._deleted.append(removed)
        self._apply(removed=removed.id)
        self.show_status(
            f"Entry of {removed.date.isoformat()} {removed.time_text} deleted. "
            "Undo (Ctrl+Z) brings it back."
        )
        self.changed.emit()

    def undo_delete(self) -> None:
        if not self._deleted:
            self.show_status("Nothing to undo.")
            return
        entry = self._deleted.pop()
        try:
            restored = self._store.restore(entry)
        except (InputError, UserDBError) as error:
            self.show_status(f"The entry could not be brought back: {error}", error=True)
            return
        self._apply(added=restored)
        if restored.id is not None:
            self.select_entry(restored.id)
        self.show_status(f"Entry of {restored.date.isoformat()} brought back.")
        self.changed.emit()

    def show_status(self, text: str, error: bool = False) -> None:
        self.status_line.setText(("⚠ " if error else "") + text)
        set_role(self.status_line, "error" if error else "muted")
        self._sync_buttons()
        self.status.emit(text)


def short_form_name(name: str) -> str:
    """ "Magnesium malate" as "Malate": the table and the chart are about magnesium anyway."""
    short = name.removeprefix("Magnesium ").strip() or name
    return short[:1].upper() + short[1:]


def _latest_form(entries: Sequence[JournalEntry]) -> str | None:
    """The form of the newest entry that records a dose (a new row starts with it)."""
    for entry in reversed(entries):
        if entry.doses:
            return entry.doses[0].form
    return None
