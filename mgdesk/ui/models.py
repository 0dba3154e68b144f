"""The item models behind every list and table: plain records in, Qt roles out, no SQL.

Each model is a `QAbstractTableModel` with column constants; views put a
`QSortFilterProxyModel` in front (sorting on `SORT_ROLE`, filtering on `FILTER_ROLE`). Marks
such as "suggested for your symptoms" are a symbol, bold text and words, never colour alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from mgdesk.domain.content import Form, Source, Study, Symptom
from mgdesk.domain.grades import rank

if TYPE_CHECKING:
    from mgdesk.domain.dosage import LifeStage, UpperLimit

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, as a shared default argument

DISPLAY = Qt.ItemDataRole.DisplayRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2
ID_ROLE = Qt.ItemDataRole.UserRole + 3

FIT_MARK = "★"
VISIT_MARK = "✓"
ROW_MARK = "▶"


def _bold() -> QFont:
    font = QFont(QGuiApplication.font())
    font.setBold(True)
    return font


def _mark_background() -> QColor:
    colour = QColor(QGuiApplication.palette().color(QPalette.ColorRole.Highlight))
    colour.setAlpha(55)
    return colour


def make_proxy(model: QAbstractTableModel, filter_column: int = -1) -> QSortFilterProxyModel:
    """The proxy every view uses: case-insensitive filter on FILTER_ROLE, sort on SORT_ROLE.

    Not parented to the model: the widget that uses it keeps it (a proxy owned by its source
    model is deleted twice when Python collects both).
    """
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterRole(FILTER_ROLE)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(filter_column)
    return proxy


def reveal(
    proxy: QSortFilterProxyModel, source_row: int, clear_filter: Callable[[], object]
) -> QModelIndex:
    """The view index of a source row, clearing the filter first when the filter hides it."""
    index = proxy.mapFromSource(proxy.sourceModel().index(source_row, 0))
    if not index.isValid():
        clear_filter()
        index = proxy.mapFromSource(proxy.sourceModel().index(source_row, 0))
    return index


class _TableModel(QAbstractTableModel):
    """Shared plumbing: a header per column, flat rows, read-only items."""

    HEADERS: tuple[str, ...] = ()
    HEADER_TIPS: tuple[str, ...] = ()

    def _count(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._count()

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == DISPLAY:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section < len(self.HEADER_TIPS):
            return self.HEADER_TIPS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _valid(self, index: Index) -> bool:
        # Flat tables: an index of ours is valid and in range (no parent() call: data() runs
        # thousands of times while views measure themselves).
        return (
            index.isValid()
            and 0 <= index.row() < self._count()
            and 0 <= index.column() < len(self.HEADERS)
        )


# ----- symptoms


class SymptomListModel(_TableModel):
    """The symptoms, each with its evidence grade and whether it is in the visit."""

    NAME = 0
    HEADERS = ("Symptom",)

    def __init__(self, symptoms: Sequence[Symptom]) -> None:
        super().__init__()
        self._symptoms = list(symptoms)
        self._in_visit: dict[str, int | None] = {}

    def _count(self) -> int:
        return len(self._symptoms)

    def symptom_at(self, row: int) -> Symptom:
        return self._symptoms[row]

    def row_of(self, symptom_id: str) -> int:
        return next((i for i, s in enumerate(self._symptoms) if s.id == symptom_id), -1)

    def set_in_visit(self, ratings: dict[str, int | None]) -> None:
        """Which symptoms the visit holds (id -> rating), shown with a check mark."""
        if ratings == self._in_visit:
            return
        self._in_visit = dict(ratings)
        if self._symptoms:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count() - 1, 0))

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        symptom = self._symptoms[index.row()]
        chosen = symptom.id in self._in_visit
        if role == DISPLAY:
            mark = f"{VISIT_MARK} " if chosen else ""
            return f"{mark}{symptom.name} — grade {symptom.grade}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            extra = ", in your visit" if chosen else ""
            return f"{symptom.name}, evidence grade {symptom.grade}{extra}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return symptom.summary
        if role == Qt.ItemDataRole.FontRole and chosen:
            return _bold()
        if role == SORT_ROLE:
            return symptom.name
        if role == FILTER_ROLE:
            return " ".join((symptom.name, symptom.id, *symptom.aliases))
        if role == ID_ROLE:
            return symptom.id
        return None


# ----- forms


class FormTableModel(_TableModel):
    """The comparison table of forms; forms that fit the chosen symptoms are marked ★ and bold."""

    NAME, FOR_YOU, ELEMENTAL, ABSORPTION, LAXATIVE, BEST_FOR, GRADE = range(7)
    HEADERS = (
        "Form",
        "For your symptoms",
        "Elemental %",
        "Absorption",
        "Laxative effect",
        "Suggested for",
        "Grade",
    )
    HEADER_TIPS = (
        f"{FIT_MARK} marks forms suggested for the symptoms in your visit or selected in the "
        "Symptoms tab",
        "Which of your symptoms (in your visit or selected) this form is suggested for",
        "How much of the compound's weight is magnesium",
        "What the sources say about absorption (full text below the table)",
        "How likely the form is to loosen the bowels (GI tolerance)",
        "The symptoms this form is suggested for",
        "Strength of the evidence for this form, A (strong) to D (very weak)",
    )

    def __init__(self, forms: Sequence[Form], symptom_names: dict[str, str]) -> None:
        super().__init__()
        self._forms = list(forms)
        self._symptom_names = symptom_names
        self._fits: dict[str, tuple[str, ...]] = {}
        self._in_visit: set[str] = set()

    def _count(self) -> int:
        return len(self._forms)

    def form_at(self, row: int) -> Form:
        return self._forms[row]

    def row_of(self, form_id: str) -> int:
        return next((i for i, f in enumerate(self._forms) if f.id == form_id), -1)

    def set_fits(self, fits: dict[str, tuple[str, ...]]) -> None:
        """Form id -> the chosen symptoms it is suggested for."""
        if fits != self._fits:
            self._fits = dict(fits)
            self._refresh()

    def set_in_visit(self, form_ids: Iterable[str]) -> None:
        ids = set(form_ids)
        if ids != self._in_visit:
            self._in_visit = ids
            self._refresh()

    def fits(self, form_id: str) -> tuple[str, ...]:
        return self._fits.get(form_id, ())

    def _refresh(self) -> None:
        if self._forms:
            last = self.index(self._count() - 1, len(self.HEADERS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def _best_for(self, form: Form) -> str:
        return ", ".join(self._symptom_names.get(i, i) for i in form.suggested_for) or "—"

    def _for_you(self, form: Form) -> str:
        fits = self._fits.get(form.id, ())
        return ", ".join(self._symptom_names.get(i, i) for i in fits) or "—"

    def _display(self, form: Form, column: int) -> str:
        if column == self.NAME:
            marks = ("", f"{FIT_MARK} ")[form.id in self._fits]
            marks += ("", f"{VISIT_MARK} ")[form.id in self._in_visit]
            return f"{marks}{form.name}"
        if column == self.FOR_YOU:
            return self._for_you(form)
        if column == self.ELEMENTAL:
            return f"{form.elemental_percent:g} %"
        if column == self.ABSORPTION:
            return _first_sentence(form.absorption, limit=200)
        if column == self.LAXATIVE:
            return form.laxative.capitalize()
        if column == self.BEST_FOR:
            return self._best_for(form)
        return form.grade

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        form = self._forms[index.row()]
        column = index.column()
        fits = form.id in self._fits
        if role == DISPLAY:
            return self._display(form, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._display(form, column).lstrip(f"{FIT_MARK}{VISIT_MARK} ")
            if column == self.NAME:
                text += ", suggested for your selected symptoms" if fits else ""
                text += ", in your visit" if form.id in self._in_visit else ""
            if column == self.FOR_YOU:
                text = f"suggested for your {text}" if fits else "not suggested for your symptoms"
            if column == self.GRADE:
                text = f"grade {form.grade}"
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.ABSORPTION:
                return form.absorption
            if column == self.LAXATIVE:
                return form.gi_tolerance
            if column == self.NAME and fits:
                return f"Suggested for your symptoms: {self._for_you(form)}"
            if column in (self.NAME, self.FOR_YOU, self.BEST_FOR):
                return self._display(form, column)
            return None
        if role == Qt.ItemDataRole.FontRole and fits:
            return _bold()
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.ELEMENTAL, self.GRADE):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == SORT_ROLE:
            return self._sort_key(form, column)
        if role == FILTER_ROLE:
            return " ".join(
                (form.name, form.id, *form.aliases, self._best_for(form), form.compound)
            )
        if role == ID_ROLE:
            return form.id
        return None

    def _sort_key(self, form: Form, column: int) -> Any:
        if column in (self.NAME, self.FOR_YOU):
            # Fitting forms first, then by name.
            return f"{0 if form.id in self._fits else 1}{form.name}"
        if column == self.ELEMENTAL:
            return form.elemental_percent
        if column == self.LAXATIVE:
            order = ("low", "moderate", "high", "unknown")
            return order.index(form.laxative) if form.laxative in order else len(order)
        if column == self.GRADE:
            return rank(form.grade)
        return self._display(form, column)


def _first_sentence(text: str, limit: int = 70) -> str:
    sentence = text.split(". ")[0].rstrip(".")
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rsplit(" ", 1)[0] + "…"
    return sentence


# ----- dosage


class _MarkedRowsModel(_TableModel):
    """A table whose one "your row" is marked ▶, bold and shaded."""

    def __init__(self) -> None:
        super().__init__()
        self._marked = -1

    @property
    def marked_row(self) -> int:
        return self._marked

    def set_marked_row(self, row: int) -> None:
        if row == self._marked:
            return
        old, self._marked = self._marked, row
        for changed in (old, row):
            if 0 <= changed < self._count():
                last = self.index(changed, len(self.HEADERS) - 1)
                self.dataChanged.emit(self.index(changed, 0), last)

    def _cell(self, row: int, column: int) -> str:
        raise NotImplementedError

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        row, column = index.row(), index.column()
        marked = row == self._marked
        if role == DISPLAY:
            text = self._cell(row, column)
            return f"{ROW_MARK} {text}" if marked and column == 0 else text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._cell(row, column)
            return f"{text} (your row)" if marked and column == 0 else text
        if role == Qt.ItemDataRole.FontRole and marked:
            return _bold()
        if role == Qt.ItemDataRole.BackgroundRole and marked:
            return _mark_background()
        if role == SORT_ROLE:
            return row
        if role == FILTER_ROLE:
            return self._cell(row, 0)
        return None


def _mg(value: int | None) -> str:
    return "—" if value is None else f"{value} mg"


class IntakeTableModel(_MarkedRowsModel):
    """The RDA/AI table by life stage."""

    STAGE, KIND, MALE, FEMALE, PREGNANCY, LACTATION = range(6)
    HEADERS = ("Life stage", "RDA or AI", "Male", "Female", "Pregnancy", "Breastfeeding")
    HEADER_TIPS = (
        "",
        "RDA: Recommended Dietary Allowance. AI: Adequate Intake, used where there is too "
        "little evidence for an RDA.",
        "",
        "",
        "",
        "",
    )

    def __init__(self, stages: Sequence[LifeStage]) -> None:
        super().__init__()
        self._stages = list(stages)

    def _count(self) -> int:
        return len(self._stages)

    def row_of(self, label: str) -> int:
        return next((i for i, s in enumerate(self._stages) if s.label == label), -1)

    def _cell(self, row: int, column: int) -> str:
        stage = self._stages[row]
        return (
            stage.label,
            stage.kind,
            _mg(stage.male),
            _mg(stage.female),
            _mg(stage.pregnancy),
            _mg(stage.lactation),
        )[column]


class UpperLimitTableModel(_MarkedRowsModel):
    """The upper limit for supplemental magnesium by age."""

    AGES, LIMIT = range(2)
    HEADERS = ("Ages", "Upper limit")
    HEADER_TIPS = ("", "Magnesium from supplements and medicines only, not from food")

    def __init__(self, limits: Sequence[UpperLimit]) -> None:
        super().__init__()
        self._limits = list(limits)

    def _count(self) -> int:
        return len(self._limits)

    def row_of(self, label: str) -> int:
        return next((i for i, u in enumerate(self._limits) if u.label == label), -1)

    def _cell(self, row: int, column: int) -> str:
        limit = self._limits[row]
        if column == self.AGES:
            return limit.label
        return "Not established" if limit.mg is None else f"{limit.mg} mg a day"


# ----- bibliography


class BibliographyModel(_TableModel):
    """Every study with its grade, then every source: the full bibliography."""

    KIND, REFERENCE, YEAR, GRADE, DETAIL = range(5)
    HEADERS = ("Kind", "Reference", "Year", "Grade", "Design or publisher")

    def __init__(self, studies: Sequence[Study], sources: Sequence[Source]) -> None:
        super().__init__()
        self._items: list[Study | Source] = [*studies, *sources]

    def _count(self) -> int:
        return len(self._items)

    def item_at(self, row: int) -> Study | Source:
        return self._items[row]

    def row_of(self, ident: str) -> int:
        return next((i for i, s in enumerate(self._items) if s.id == ident), -1)

    def _cell(self, item: Study | Source, column: int) -> str:
        if isinstance(item, Study):
            values = ("Study", item.citation, str(item.year), item.grade, item.design)
        else:
            values = ("Source", item.title, str(item.year), "—", item.publisher)
        return values[column]

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        item = self._items[index.row()]
        column = index.column()
        if role in (DISPLAY, Qt.ItemDataRole.AccessibleTextRole):
            text = self._cell(item, column)
            if role == Qt.ItemDataRole.AccessibleTextRole and column == self.GRADE:
                return f"grade {text}" if text != "—" else "no grade: not a study"
            return text
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.REFERENCE, self.DETAIL):
            return self._cell(item, column)
        if role == SORT_ROLE:
            if column == self.YEAR:
                return item.year
            if column == self.GRADE:
                return rank(item.grade) if isinstance(item, Study) else 9
            return self._cell(item, column)
        if role == FILTER_ROLE:
            return " ".join(self._cell(item, c) for c in range(len(self.HEADERS))) + f" {item.id}"
        if role == ID_ROLE:
            return item.id
        return None


# ----- the interactions checklist


@dataclass(frozen=True)
class ChosenMedicine:
    """A name in the user's list and what it was matched to (for the list's second part)."""

    name: str
    matched_as: str


class ChosenMedicinesModel(_TableModel):
    """The medicines the user added, in the order added."""

    NAME, MATCH = range(2)
    HEADERS = ("Medicine", "Found as")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[ChosenMedicine] = []

    def _count(self) -> int:
        return len(self._rows)

    def names(self) -> list[str]:
        return [r.name for r in self._rows]

    def set_rows(self, rows: Sequence[ChosenMedicine]) -> None:
        if list(rows) == self._rows:
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        row = self._rows[index.row()]
        if role in (DISPLAY, Qt.ItemDataRole.AccessibleTextRole, SORT_ROLE, FILTER_ROLE):
            return row.name if index.column() == self.NAME else row.matched_as
        if role == ID_ROLE:
            return row.name
        return None
