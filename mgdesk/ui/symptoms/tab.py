"""The Symptoms tab: which symptoms magnesium may help, how, and how strong the evidence is.

A filterable list on the left; the selected symptom's summary, mechanism (with its certainty),
study cards, suggested forms and sources on the right; "Add to my visit" with a 0-10 rating.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mgdesk.domain.content import Symptom
from mgdesk.domain.errors import InputError
from mgdesk.domain.visit import VisitPlan
from mgdesk.store.content_db import ContentDB
from mgdesk.ui.glossary_marks import TermMarker
from mgdesk.ui.models import ID_ROLE, SymptomListModel, make_proxy, reveal
from mgdesk.ui.rich import Html, RichPane, grade_badge, sources_block, study_card
from mgdesk.ui.visit_session import VisitSession
from mgdesk.ui.widgets import CERTAINTY_WORDS, text_label

NOT_RATED = -1


class SymptomsTab(QWidget):
    """Browse the symptoms and add the ones to discuss to the visit."""

    form_chosen = Signal(str)
    symptoms_selected = Signal(list)
    status = Signal(str)

    def __init__(self, content: ContentDB, visit: VisitSession) -> None:
        super().__init__()
        self._content = content
        self._visit = visit
        self._grades = {g.letter: g for g in content.meta.grades}
        self._current: Symptom | None = None

        self.model = SymptomListModel(content.symptoms)
        self.proxy = make_proxy(self.model)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter symptoms")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter symptoms")
        self.filter.textChanged.connect(self._on_filter)

        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setAccessibleName("Symptoms")
        self.list.setAccessibleDescription(
            "Select a symptom to read about it; select several to mark the forms suggested "
            "for them in the Forms tab"
        )
        self.list.setWordWrap(True)
        self.list.selectionModel().currentChanged.connect(self._on_current)
        self.list.selectionModel().selectionChanged.connect(self._on_selection)

        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        filter_label = QLabel("F&ilter:")
        filter_label.setBuddy(self.filter)
        row = QHBoxLayout()
        row.addWidget(filter_label)
        row.addWidget(self.filter, 1)
        left_column.addLayout(row)
        left_column.addWidget(self.list, 1)

        self.detail = RichPane("Symptom details")
        self.detail.set_glossary(content.glossary)
        self.detail.link.connect(self._on_link)

        self.rating = QSpinBox()
        self.rating.setRange(NOT_RATED, 10)
        self.rating.setSpecialValueText("not rated")
        self.rating.setValue(NOT_RATED)
        self.rating.setAccessibleName("How much this symptom bothers you, 0 to 10")
        self.rating.setToolTip("0 = not at all, 10 = as bad as it can be")
        rating_label = QLabel("Your &rating (0–10):")
        rating_label.setBuddy(self.rating)
        self.add_button = QPushButton("&Add to my visit")
        self.add_button.setAccessibleName("Add this symptom to my visit")
        self.add_button.clicked.connect(self._on_add)
        self.remove_button = QPushButton("Re&move from my visit")
        self.remove_button.setAccessibleName("Remove this symptom from my visit")
        self.remove_button.clicked.connect(self._on_remove)
        self.visit_state = text_label("", role="muted", selectable=False)
        self.visit_state.setAccessibleName("Visit status of this symptom")

        visit_row = QHBoxLayout()
        visit_row.addWidget(rating_label)
        visit_row.addWidget(self.rating)
        visit_row.addWidget(self.add_button)
        visit_row.addWidget(self.remove_button)
        visit_row.addWidget(self.visit_state, 1)

        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addWidget(self.detail, 1)
        right_column.addLayout(visit_row)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("symptoms")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([300, 900])

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.splitter)

        QWidget.setTabOrder(self.filter, self.list)
        visit.changed.connect(self._on_visit)
        self._on_visit(visit.plan)
        if self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    # ----- what other parts of the window ask for

    @property
    def current_symptom(self) -> Symptom | None:
        return self._current

    def show_symptom(self, symptom_id: str) -> bool:
        """Select one symptom (clearing the filter if it hides it); False if unknown."""
        row = self.model.row_of(symptom_id)
        if row < 0:
            return False
        index = reveal(self.proxy, row, self.filter.clear)
        self.list.setCurrentIndex(index)
        self.list.scrollTo(index)
        return True

    def selected_ids(self) -> list[str]:
        rows = sorted(i.row() for i in self.list.selectionModel().selectedRows())
        return [str(self.proxy.index(r, 0).data(ID_ROLE)) for r in rows]

    # ----- reacting

    def _on_filter(self, text: str) -> None:
        """Filter, keeping the symptom shown on the right highlighted in the list: the proxy
        drops the selection of rows it hides and does not bring it back with them."""
        self.proxy.setFilterFixedString(text.strip())
        selection = self.list.selectionModel()
        current = self.list.currentIndex()
        flags = QItemSelectionModel.SelectionFlag.Select
        if not current.isValid():
            if not self.proxy.rowCount():
                return
            current = self.proxy.index(0, 0)
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
            selection.setCurrentIndex(current, QItemSelectionModel.SelectionFlag.NoUpdate)
        if not selection.isSelected(current):
            selection.select(current, flags)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        symptom = self._content.symptom(str(current.data(ID_ROLE)))
        if self._current is not None and symptom.id == self._current.id:
            return
        self._current = symptom
        self._show(symptom)
        self._sync_visit_row()

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.symptoms_selected.emit(self.selected_ids())

    def _on_visit(self, plan: VisitPlan) -> None:
        self.model.set_in_visit({s.id: s.rating for s in plan.symptoms})
        self._sync_visit_row()

    def _sync_visit_row(self) -> None:
        symptom = self._current
        enabled = symptom is not None
        self.rating.setEnabled(enabled)
        self.add_button.setEnabled(enabled)
        choice = self._visit.symptom(symptom.id) if symptom else None
        self.remove_button.setEnabled(choice is not None)
        if choice is None:
            self.add_button.setText("&Add to my visit")
            self.visit_state.setText("Not in your visit yet." if enabled else "")
            self.rating.setValue(NOT_RATED)
            return
        self.add_button.setText("&Update my visit")
        rated = "not rated" if choice.rating is None else f"rated {choice.rating}/10"
        self.visit_state.setText(f"In your visit ({rated}).")
        self.rating.setValue(NOT_RATED if choice.rating is None else choice.rating)

    def _on_add(self) -> None:
        symptom = self._current
        if symptom is None:
            return
        rating = self.rating.value()
        try:
            self._visit.set_symptom(symptom.id, None if rating == NOT_RATED else rating)
        except InputError as exc:
            self.visit_state.setText(str(exc))
            return
        self.status.emit(f"{symptom.name} is in your visit.")

    def _on_remove(self) -> None:
        symptom = self._current
        if symptom is None:
            return
        self._visit.remove_symptom(symptom.id)
        self.status.emit(f"{symptom.name} was removed from your visit.")

    # ----- the detail pane

    def _on_link(self, scheme: str, value: str) -> None:
        if scheme == "form":
            self.form_chosen.emit(value)

    def _render(self, symptom: Symptom) -> str:
        html = Html()
        marker = TermMarker(self._content.glossary)
        badge = grade_badge(symptom.grade, self._grades.get(symptom.grade), "Evidence")
        html.h(1, symptom.name, badge)
        html.raw(marker.key_points(symptom.key_points))
        if not symptom.fm_evidence:
            html.box("No study of this symptom was in people with fibromyalgia.", "warn")
        html.raw(marker.paragraph(symptom.summary))
        html.h(2, "How magnesium may act")
        html.raw(marker.paragraph(symptom.consumer))
        certainty = CERTAINTY_WORDS.get(symptom.mechanism_certainty, symptom.mechanism_certainty)
        html.h(3, f"Mechanism (certainty: {certainty})")
        html.raw(marker.paragraph(symptom.mechanism))

        studies = [self._content.study(i) for i in symptom.studies]
        html.h(2, f"The evidence ({len(studies)} studies)")
        if not studies:
            html.p("No study was found.", "muted")
        for study in studies:
            grade = self._grades.get(study.grade)
            study_card(html, study, grade, self._form_name(study.form), marker)

        html.h(2, "Forms suggested")
        if not symptom.forms:
            html.p("No form is suggested for this symptom.", "muted")
        for suggestion in symptom.forms:
            name = self._form_name(suggestion.form) or suggestion.form
            html.raw(f"<h3>{html.link('form:' + suggestion.form, name)}</h3>")
            html.raw(marker.paragraph(suggestion.why))
        sources_block(html, self._content.citations(symptom.sources))
        return html.html()

    def _show(self, symptom: Symptom) -> None:
        self.detail.show_document(lambda: self._render(symptom))

    def _form_name(self, form_id: str) -> str | None:
        if not form_id:
            return None
        try:
            return self._content.form(form_id).name
        except KeyError:
            return form_id
