"""The Interactions tab: the medicines and conditions a person has, and what each means.

Medicines are typed (with completion over every known name) or ticked as a kind; conditions are
ticked. The visit is the one record of the choices: this tab edits it and redraws from it.
Results come in sections by severity, each with what to do, why and the sources; an unknown
name stays unknown, with suggestions that replace it in one click.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mgdesk.domain.checklist import by_severity, category_groups, check_entry, matched
from mgdesk.domain.errors import InputError
from mgdesk.domain.interactions import ConditionResult, InteractionResult, severity_rank
from mgdesk.domain.names import normalise
from mgdesk.domain.text import COVERAGE_NOTE
from mgdesk.domain.visit import VisitPlan
from mgdesk.store.content_db import ContentDB
from mgdesk.ui.glossary_marks import TermMarker, sentences
from mgdesk.ui.models import ID_ROLE, ChosenMedicine, ChosenMedicinesModel, make_proxy
from mgdesk.ui.rich import Html, RichPane, severity_badge, text
from mgdesk.ui.visit_session import VisitSession
from mgdesk.ui.widgets import (
    SEVERITY_TITLES,
    FittedTable,
    LinkButton,
    ScrollPane,
    clear_layout,
    format_citation,
    heading,
    set_role,
    text_label,
)


class InteractionsTab(QWidget):
    """The checklist of medicines and conditions, and the results by severity."""

    status = Signal(str)

    def __init__(self, content: ContentDB, visit: VisitSession) -> None:
        super().__init__()
        self._content = content
        self._marker = TermMarker(content.glossary)
        self._visit = visit
        self._index = content.medicine_index
        self._groups = content.groups
        self._categories = category_groups(self._groups)
        self._category_keys = {normalise(g.name): g for g in self._categories}

        # ----- medicines by name
        self.entry = QLineEdit()
        self.entry.setPlaceholderText("Type a medicine, generic or brand (e.g. Fosamax)")
        self.entry.setAccessibleName("Medicine name")
        self.entry.setClearButtonEnabled(True)
        self.completer = QCompleter(self._index.names(), self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setMaxVisibleItems(12)
        popup = self.completer.popup()
        if popup is not None:
            popup.setAccessibleName("Known medicine names that match")
        self.entry.setCompleter(self.completer)
        self.add_button = QPushButton("&Add")
        self.add_button.setAccessibleName("Add this medicine to my list")
        self.entry.returnPressed.connect(self.add_typed)
        self.add_button.clicked.connect(self.add_typed)
        self.entry.textChanged.connect(self._preview)

        self.preview = text_label("", role="muted")
        self.preview.setAccessibleName("What the typed name was found as")
        self.preview_suggestions = QWidget()
        self._preview_row = QHBoxLayout(self.preview_suggestions)
        self._preview_row.setContentsMargins(0, 0, 0, 0)

        self.chosen_model = ChosenMedicinesModel()
        self.chosen_proxy = make_proxy(self.chosen_model)
        self.chosen = FittedTable("Your medicines")
        self.chosen.setModel(self.chosen_proxy)
        self.chosen.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.chosen.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.chosen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.remove_button = QPushButton("&Remove selected")
        self.remove_button.setAccessibleName("Remove the selected medicines from my list")
        self.remove_button.clicked.connect(self.remove_selected)
        self.chosen.selectionModel().selectionChanged.connect(self._sync_remove)

        # ----- kinds of medicine and conditions
        self.category_boxes: dict[str, QCheckBox] = {}
        for group in self._categories:
            box = QCheckBox(group.name[:1].upper() + group.name[1:])
            box.setAccessibleName(f"I take {group.name}")
            box.setObjectName(f"category-{group.id}")
            box.toggled.connect(lambda on, g=group.name: self._on_category(g, on))
            self.category_boxes[group.id] = box
        self.condition_boxes: dict[str, QCheckBox] = {}
        for condition in content.conditions:
            box = QCheckBox(condition.name)
            box.setAccessibleName(f"I have {condition.name}")
            box.setObjectName(f"condition-{condition.id}")
            box.setToolTip(condition.meaning)
            box.toggled.connect(self._on_conditions)
            self.condition_boxes[condition.id] = box

        left = ScrollPane("Your medicines and conditions")
        column = left.column
        column.addWidget(heading("Your medicines", 2))
        entry_row = QHBoxLayout()
        entry_label = QLabel("&Medicine:")
        entry_label.setBuddy(self.entry)
        entry_row.addWidget(entry_label)
        entry_row.addWidget(self.entry, 1)
        entry_row.addWidget(self.add_button)
        column.addLayout(entry_row)
        column.addWidget(self.preview)
        column.addWidget(self.preview_suggestions)
        column.addWidget(self.chosen)
        remove_row = QHBoxLayout()
        remove_row.addWidget(self.remove_button)
        remove_row.addStretch(1)
        column.addLayout(remove_row)
        column.addWidget(heading("Or tick the kinds of medicine you take", 2))
        column.addWidget(
            text_label(
                "The source articles name these kinds of medicine; no interaction with "
                "magnesium is known for them.",
                role="muted",
            )
        )
        for box in self.category_boxes.values():
            column.addWidget(box)
        column.addWidget(heading("Your conditions", 2))
        for box in self.condition_boxes.values():
            column.addWidget(box)
        column.addStretch(1)

        self._shown_medicines: list[InteractionResult] = []
        self.results = RichPane("What your medicines and conditions mean for magnesium")
        self.results.link.connect(self._on_link)
        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addWidget(heading("What they mean for magnesium", 1))
        coverage = text_label(COVERAGE_NOTE, role="disclaimer")
        coverage.setAccessibleName("Coverage note")
        coverage.setObjectName("coverage-note")
        right_column.addWidget(coverage)
        right_column.addWidget(self.results, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("interactions")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.splitter)

        visit.changed.connect(self._on_visit)
        self._on_visit(visit.plan)
        self._preview("")

    # ----- what other parts of the window ask for

    def show_medicine(self, name: str) -> None:
        """Put a name in the entry (its interaction shows below it) and focus it."""
        self.entry.setText(name)
        self.entry.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_group(self, group_id: str) -> None:
        """A whole group: its tick box when it is a kind to tick, else its name in the entry."""
        box = self.category_boxes.get(group_id)
        if box is not None:
            box.setFocus(Qt.FocusReason.OtherFocusReason)
            self._reveal(box)
            return
        group = next((g for g in self._groups if g.id == group_id), None)
        if group is not None:
            self.show_medicine(group.name)

    def show_condition(self, condition_id: str) -> None:
        box = self.condition_boxes.get(condition_id)
        if box is not None:
            box.setFocus(Qt.FocusReason.OtherFocusReason)
            self._reveal(box)

    def _reveal(self, widget: QWidget) -> None:
        parent = self.splitter.widget(0)
        if isinstance(parent, ScrollPane):
            parent.ensureWidgetVisible(widget)

    # ----- the visit's medicines

    def _names(self) -> list[str]:
        return [m.name for m in self._visit.plan.medicines]

    def _typed_names(self) -> list[str]:
        return [n for n in self._names() if normalise(n) not in self._category_keys]

    def _set_names(self, names: Sequence[str]) -> bool:
        try:
            self._visit.set_medicines(names)
        except InputError as exc:
            self.preview.setText(f"⚠ {exc}")
            set_role(self.preview, "error")
            return False
        return True

    def add_typed(self) -> None:
        """Add what is typed in the entry; a message in place when it cannot be added."""
        text = self.entry.text()
        if not text.strip():
            self._say("⚠ Type a medicine name first.", error=True)
            return
        try:
            result = check_entry(self._index, self._groups, text)
        except InputError as exc:
            self._say(f"⚠ {exc}", error=True)
            return
        key = normalise(result.input)
        if any(normalise(n) == key for n in self._names()):
            self._say(f"{result.input} is already in your list.", error=False)
            return
        if self._set_names([*self._names(), result.input]):
            self.entry.clear()
            self._say(f"Added {result.input}.", error=False)
            self.status.emit(f"{result.input} is in your visit's medicines.")

    def remove_selected(self) -> None:
        rows = {i.row() for i in self.chosen.selectionModel().selectedRows()}
        doomed = {normalise(str(self.chosen_proxy.index(r, 0).data(ID_ROLE))) for r in rows}
        if doomed:
            self._set_names([n for n in self._names() if normalise(n) not in doomed])

    def replace_name(self, old: str, new: str) -> None:
        """Swap an unknown entry for a suggested name, in the same place."""
        names = self._names()
        if any(normalise(n) == normalise(new) for n in names):
            self._set_names([n for n in names if n != old])
        else:
            self._set_names([new if n == old else n for n in names])
        self.status.emit(f"{old} was replaced by {new}.")

    def _on_category(self, group_name: str, on: bool) -> None:
        names = [n for n in self._names() if normalise(n) != normalise(group_name)]
        if on:
            names.append(group_name)
        self._set_names(names)

    def _on_conditions(self) -> None:
        ids = [cid for cid, box in self.condition_boxes.items() if box.isChecked()]
        try:
            self._visit.set_conditions(ids)
        except InputError as exc:
            self._say(f"⚠ {exc}", error=True)

    def _sync_remove(self) -> None:
        self.remove_button.setEnabled(self.chosen.selectionModel().hasSelection())

    def _say(self, text: str, error: bool) -> None:
        self.preview.setText(text)
        set_role(self.preview, "error" if error else "muted")
        clear_layout(self._preview_row)

    # ----- drawing from the visit

    def _on_visit(self, plan: VisitPlan) -> None:
        results = [self._check(m.name) for m in plan.medicines]
        typed = [r for r in results if normalise(r.input) not in self._category_keys]
        self.chosen_model.set_rows([ChosenMedicine(r.input, self._found_as(r)) for r in typed])
        ticked = {normalise(m.name) for m in plan.medicines}
        for group in self._categories:
            box = self.category_boxes[group.id]
            box.blockSignals(True)
            box.setChecked(normalise(group.name) in ticked)
            box.blockSignals(False)
        for cid, box in self.condition_boxes.items():
            box.blockSignals(True)
            box.setChecked(cid in plan.conditions)
            box.blockSignals(False)
        conditions = [self._content.condition_index.check(c) for c in plan.conditions]
        self._draw_results(results, conditions)
        self._sync_remove()

    def _check(self, name: str) -> InteractionResult:
        return check_entry(self._index, self._groups, name)

    @staticmethod
    def _found_as(result: InteractionResult) -> str:
        if result.known:
            return f"{result.generic} ({result.group})"
        if matched(result):
            return f"kind of medicine: {result.group}"
        return "unknown: not in mgdesk's list"

    def _draw_results(
        self, medicines: list[InteractionResult], conditions: list[ConditionResult]
    ) -> None:
        self._shown_medicines = medicines
        self.results.show_document(lambda: self._render(medicines, conditions))

    def _render(self, medicines: list[InteractionResult], conditions: list[ConditionResult]) -> str:
        html = Html()
        self._marker = TermMarker(self._content.glossary)
        self.results.set_glossary(self._content.glossary)
        if not medicines and not conditions:
            html.p(
                "Add your medicines and tick your conditions on the left: what each means "
                "for taking magnesium appears here, most serious first.",
                "muted",
            )
            return html.html()
        sections: dict[str, list[str]] = {}
        for severity, items in by_severity(medicines):
            sections.setdefault(severity, []).extend(self._medicine_card(r) for r in items)
        for severity, conds in by_severity(conditions):
            sections.setdefault(severity, []).extend(self._condition_card(c) for c in conds)
        for severity in sorted(sections, key=severity_rank):
            cards = sections[severity]
            title = SEVERITY_TITLES.get(severity, severity)
            html.h(2, f"{title} ({len(cards)})")
            for card in cards:
                html.raw(card)
        return html.html()

    def _card(
        self,
        title: str,
        severity: str,
        rows: list[tuple[str, str]],
        extra: str = "",
        key_points: str = "",
    ) -> str:
        """One card: key points first, then the detail rows; glossary words marked."""
        mark = self._marker.mark
        body = "".join(
            f'<tr><th width="18%">{text(name)}</th>'
            f"<td>{text(value) if name == 'Sources' else mark(value)}</td></tr>"
            for name, value in rows
            if value
        )
        points = ""
        if key_points:
            items = "".join(f"<li>{mark(s)}</li>" for s in sentences(key_points))
            points = (
                '<tr><th width="18%" class="note">Key points</th>'
                f'<td class="note"><ul style="margin-top: 0px; margin-bottom: 0px;">{items}'
                "</ul></td></tr>"
            )
        return (
            '<table width="100%" cellpadding="4" cellspacing="0" border="1" class="card">'
            f'<tr><td colspan="2"><b>{text(title)}</b> &nbsp; {severity_badge(severity)}'
            f"</td></tr>{points}{body}{extra}</table><p></p>"
        )

    def _sources_text(self, ids: Sequence[str]) -> str:
        return "\n".join(f"• {format_citation(c)}" for c in self._content.citations(ids))

    def _medicine_card(self, result: InteractionResult) -> str:
        if not matched(result):
            extra = ""
            if result.suggestions:
                position = self._shown_medicines.index(result)
                links = ", ".join(
                    Html().link(f"replace:{position}:{n}", s)
                    for n, s in enumerate(result.suggestions)
                )
                extra = f"<tr><th>Did you mean</th><td>{links}</td></tr>"
            return self._card(
                f"{result.input}: unknown", "unknown", [("What to do", result.advice)], extra
            )
        if result.known and normalise(result.input) != normalise(result.generic or ""):
            title = f"{result.input} ({result.generic}): {result.group}"
        else:
            title = f"{result.input}: {result.group}"
        group = self._content.group(result.group_id) if result.group_id else None
        return self._card(
            title,
            result.severity,
            [
                ("What to do", result.advice),
                ("Why", result.mechanism),
                ("Sources", self._sources_text(result.sources)),
            ],
            key_points=group.key_points if group else "",
        )

    def _condition_card(self, result: ConditionResult) -> str:
        return self._card(
            result.name,
            result.severity,
            [
                ("What to do", result.advice),
                ("Why", result.meaning),
                ("Sources", self._sources_text(result.sources)),
            ],
            key_points=self._content.condition(result.id).key_points,
        )

    def _on_link(self, scheme: str, value: str) -> None:
        if scheme != "replace":
            return
        position, _, number = value.partition(":")
        try:
            result = self._shown_medicines[int(position)]
            suggestion = result.suggestions[int(number)]
        except (ValueError, IndexError):
            return
        self.replace_name(result.input, suggestion)

    # ----- live preview of the entry

    def _preview(self, text: str) -> None:
        clear_layout(self._preview_row)
        set_role(self.preview, "muted")
        if not text.strip():
            self.preview.setText("Type a name and press Enter to add it.")
            return
        try:
            result = check_entry(self._index, self._groups, text)
        except InputError as exc:
            self._say(f"⚠ {exc}", error=True)
            return
        if matched(result):
            what = f"{result.generic}, " if result.known and result.generic else ""
            self.preview.setText(
                f"{result.input}: {what}{result.group} — severity {result.severity}. "
                "Press Enter to add it."
            )
            return
        self.preview.setText(f"{result.input} is not in mgdesk's list.")
        if result.suggestions:
            self._preview_row.addWidget(QLabel("Did you mean:"))
            for suggestion in result.suggestions:
                link = LinkButton(suggestion, f"Use {suggestion}")
                link.clicked.connect(lambda _=False, s=suggestion: self.entry.setText(s))
                self._preview_row.addWidget(link)
            self._preview_row.addStretch(1)
