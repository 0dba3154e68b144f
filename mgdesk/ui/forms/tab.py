"""The Forms tab: a sortable comparison of magnesium forms and the selected form in full.

Forms suggested for the symptoms in the visit, and for those selected in the Symptoms tab, are
marked ★ and bold, say which of those symptoms in their own column, and a line above the table
names them, so the mark never relies on colour.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mgdesk.domain.content import Form
from mgdesk.domain.errors import InputError
from mgdesk.domain.form_fit import forms_for_symptoms
from mgdesk.domain.visit import VisitPlan
from mgdesk.store.content_db import ContentDB
from mgdesk.ui.glossary_marks import TermMarker
from mgdesk.ui.models import FIT_MARK, ID_ROLE, FormTableModel, make_proxy, reveal
from mgdesk.ui.rich import Html, RichPane, grade_badge, sources_block, study_card
from mgdesk.ui.visit_session import VisitSession
from mgdesk.ui.widgets import FittedTable, text_label

WRAPPED_COLUMNS = (
    FormTableModel.ABSORPTION,
    FormTableModel.BEST_FOR,
    FormTableModel.FOR_YOU,
    FormTableModel.NAME,
)
"""Columns whose text wraps onto more lines when the table is narrower than its contents."""
NARROWEST_WRAPPED_CHARS = 10


class FormsTable(FittedTable):
    """The comparison table, as wide as its view: the absorption column takes the room left
    over, and where the columns do not fit, the long text columns narrow and wrap (their rows
    grow) rather than being cut or pushed behind a scroll bar."""

    def fit(self) -> None:
        super().fit()
        self.fill_width()

    def fill_width(self) -> None:
        if self.model() is None or self.isHidden():
            return
        spare = self.viewport().width() - self.horizontalHeader().length()
        if spare < 0:
            room = {c: max(0, self.columnWidth(c) - self._narrowest(c)) for c in WRAPPED_COLUMNS}
            total = sum(room.values())
            for column, give in room.items():
                if total:
                    cut = min(give, -spare * give // total + 1)
                    self.setColumnWidth(column, self.columnWidth(column) - cut)
            spare = self.viewport().width() - self.horizontalHeader().length()
        if spare > 0:
            absorption = FormTableModel.ABSORPTION
            self.setColumnWidth(absorption, self.columnWidth(absorption) + spare)
        self.resizeRowsToContents()

    def _narrowest(self, column: int) -> int:
        """Room for the column's header whole (headers do not wrap), and a few words."""
        metrics = self.horizontalHeader().fontMetrics()
        header = str(self.model().headerData(column, Qt.Orientation.Horizontal))
        wide = metrics.horizontalAdvance(header) + 3 * metrics.averageCharWidth()
        return max(NARROWEST_WRAPPED_CHARS * metrics.averageCharWidth(), wide)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.resizeColumnsToContents()
            self._cap_columns()
            self.fill_width()

    def _cap_columns(self) -> None:
        char = self.fontMetrics().averageCharWidth()
        for column, chars in self._max_chars.items():
            if self.columnWidth(column) > chars * char:
                self.setColumnWidth(column, chars * char)


class FormsTab(QWidget):
    """Compare the forms, read one in full, and add it to the visit."""

    symptom_chosen = Signal(str)
    status = Signal(str)

    def __init__(self, content: ContentDB, visit: VisitSession) -> None:
        super().__init__()
        self._content = content
        self._visit = visit
        self._grades = {g.letter: g for g in content.meta.grades}
        self._symptom_names = {s.id: s.name for s in content.symptoms}
        self._current: Form | None = None
        self._selected_symptoms: list[str] = []
        self._fits: dict[str, tuple[str, ...]] | None = None

        self.model = FormTableModel(content.forms, self._symptom_names)
        self.proxy = make_proxy(self.model)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter forms by name or symptom")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter forms")
        self.filter.textChanged.connect(self._on_filter)
        filter_label = QLabel("F&ilter:")
        filter_label.setBuddy(self.filter)

        self.fit_note = text_label("", role="muted", selectable=False)
        self.fit_note.setAccessibleName("Which symptoms the marked forms are suggested for")

        self.table = FormsTable(
            "Forms of magnesium compared",
            max_chars={
                FormTableModel.ABSORPTION: 34,
                FormTableModel.BEST_FOR: 30,
                FormTableModel.FOR_YOU: 24,
            },
        )
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(FormTableModel.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)

        self.detail = RichPane("Form details")
        self.detail.link.connect(self._on_link)
        self.add_button = QPushButton("&Add to my visit")
        self.add_button.setAccessibleName("Add this form to my visit")
        self.add_button.clicked.connect(self._on_add)
        self.remove_button = QPushButton("Re&move from my visit")
        self.remove_button.setAccessibleName("Remove this form from my visit")
        self.remove_button.clicked.connect(self._on_remove)
        self.visit_state = text_label("", role="muted", selectable=False)
        self.visit_state.setAccessibleName("Visit status of this form")

        top = QWidget()
        top_column = QVBoxLayout(top)
        top_column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(filter_label)
        row.addWidget(self.filter, 1)
        top_column.addLayout(row)
        top_column.addWidget(self.fit_note)
        top_column.addWidget(self.table, 1)

        bottom = QWidget()
        bottom_column = QVBoxLayout(bottom)
        bottom_column.setContentsMargins(0, 0, 0, 0)
        bottom_column.addWidget(self.detail, 1)
        visit_row = QHBoxLayout()
        visit_row.addWidget(self.add_button)
        visit_row.addWidget(self.remove_button)
        visit_row.addWidget(self.visit_state, 1)
        bottom_column.addLayout(visit_row)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("forms")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.splitter)

        visit.changed.connect(self._on_visit)
        self._on_visit(visit.plan)
        self.table.fit()
        if self.proxy.rowCount():
            self.table.selectRow(0)

    # ----- what other parts of the window ask for

    @property
    def current_form(self) -> Form | None:
        return self._current

    def show_form(self, form_id: str) -> bool:
        """Select one form (clearing the filter if it hides it); False if unknown."""
        row = self.model.row_of(form_id)
        if row < 0:
            return False
        index = reveal(self.proxy, row, self.filter.clear)
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def highlight_for(self, selected_ids: list[str]) -> None:
        """Mark the forms suggested for the visit's symptoms and for these selected ones (★,
        bold, a column naming which, and a line above the table)."""
        self._selected_symptoms = list(selected_ids)
        visit_ids = [s.id for s in self._visit.plan.symptoms]
        symptom_ids = list(dict.fromkeys([*visit_ids, *selected_ids]))
        fits = forms_for_symptoms(self._content.symptoms, symptom_ids)
        if fits != self._fits:
            self._fits = fits
            self.model.set_fits(fits)
            self.table.fit()  # bold, ★ and the column of your symptoms take more room
        self._say_fits(symptom_ids, fits)

    def _say_fits(self, symptom_ids: list[str], fits: dict[str, tuple[str, ...]]) -> None:
        names = [
            self._symptom_names[i] for i in dict.fromkeys(symptom_ids) if i in self._symptom_names
        ]
        if not names:
            self.fit_note.setText(
                f"Select symptoms in the Symptoms tab to mark ({FIT_MARK}) the forms "
                "suggested for them."
            )
        elif not fits:
            self.fit_note.setText(f"No form is suggested for: {', '.join(names)}.")
        else:
            self.fit_note.setText(
                f"{FIT_MARK} and bold: the {len(fits)} form(s) suggested for your symptoms "
                f"({', '.join(names)}); the “For your symptoms” column says which."
            )

    # ----- reacting

    def _on_filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        form = self._content.form(str(current.siblingAtColumn(0).data(ID_ROLE)))
        if self._current is not None and form.id == self._current.id:
            return
        self._current = form
        self._show(form)
        self._sync_visit_row()

    def _on_visit(self, plan: VisitPlan) -> None:
        self.model.set_in_visit(plan.forms)
        self.highlight_for(self._selected_symptoms)
        self._sync_visit_row()

    def _sync_visit_row(self) -> None:
        form = self._current
        chosen = form is not None and form.id in self._visit.plan.forms
        self.add_button.setEnabled(form is not None and not chosen)
        self.remove_button.setEnabled(chosen)
        if form is None:
            self.visit_state.setText("")
        else:
            self.visit_state.setText("In your visit." if chosen else "Not in your visit yet.")

    def _on_add(self) -> None:
        if self._current is None:
            return
        try:
            self._visit.add_form(self._current.id)
        except InputError as exc:
            self.visit_state.setText(str(exc))
            return
        self.status.emit(f"{self._current.name} is in your visit.")

    def _on_remove(self) -> None:
        if self._current is None:
            return
        self._visit.remove_form(self._current.id)
        self.status.emit(f"{self._current.name} was removed from your visit.")

    # ----- the detail pane

    def _on_link(self, scheme: str, value: str) -> None:
        if scheme == "symptom":
            self.symptom_chosen.emit(value)

    def _render(self, form: Form) -> str:
        html = Html()
        marker = TermMarker(self._content.glossary)
        html.h(1, form.name, grade_badge(form.grade, self._grades.get(form.grade), "Evidence"))
        html.raw(marker.key_points(form.key_points))
        html.p(f"Compound: {form.compound}")
        html.raw(
            marker.paragraph(
                f"Elemental magnesium: {form.elemental_percent:g} % of the compound's weight."
            )
        )
        if form.tablet_elemental_mg:
            sizes = ", ".join(f"{mg} mg" for mg in form.tablet_elemental_mg)
            html.p(f"Common tablet sizes (elemental magnesium): {sizes}.")
        html.h(2, "Absorption")
        html.raw(marker.paragraph(form.absorption))
        html.h(2, "Digestive tolerance")
        html.raw(marker.paragraph(f"Laxative effect: {form.laxative}. {form.gi_tolerance}"))

        html.h(2, "Suggested for")
        if not form.suggested_for:
            html.p("No symptom suggests this form.", "muted")
        for symptom_id in form.suggested_for:
            symptom = self._content.symptom(symptom_id)
            html.raw(f"<h3>{html.link('symptom:' + symptom_id, symptom.name)}</h3>")
            why = next((f.why for f in symptom.forms if f.form == form.id), "")
            if why:
                html.raw(marker.paragraph(why))

        html.h(2, "Cautions")
        html.raw(
            '<table width="100%" cellpadding="6" cellspacing="0" border="1" class="card">'
            f'<tr><td class="warn">{marker.mark(form.cautions)}</td></tr></table>'
        )
        studies = [self._content.study(i) for i in form.studies]
        html.h(2, f"Studies ({len(studies)})")
        if not studies:
            html.p("No study of this form was found.", "muted")
        names = {f.id: f.name for f in self._content.forms}
        for study in studies:
            study_card(html, study, self._grades.get(study.grade), names.get(study.form), marker)
        cited = [*form.sources, *form.elemental_sources, *form.absorption_sources, *form.gi_sources]
        sources_block(html, self._content.citations(dict.fromkeys(cited)))
        return html.html()

    def _show(self, form: Form) -> None:
        self.detail.set_glossary(self._content.glossary)
        self.detail.show_document(lambda: self._render(form))
