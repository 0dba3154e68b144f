"""The item models of the My plan tab: products, ranked forms, medicine times, the timetable.

Plain records from the domain in, Qt roles out. Two columns are editable (a product's label
and units a day, a medicine's times): the model hands the typed text to an `editor` callback,
which asks the visit to change and returns False (nothing changes) when it refuses. Marks are
symbols and words, never colour alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt

from mgdesk.domain.labels import LabelReading, mg_text
from mgdesk.domain.plan import RankedForm, ScheduledMedicine, TimetableRow
from mgdesk.domain.visit import MedicineChoice, ProductChoice
from mgdesk.ui.models import (
    DISPLAY,
    ID_ROLE,
    SORT_ROLE,
    VISIT_MARK,
    Index,
    _bold,
    _TableModel,
)

Editor = Callable[[int, int, str], bool]
WARN_MARK = "⚠"
MEDICINE_MARK = "▼"
MAGNESIUM_MARK = "●"


def _per_day_text(value: float) -> str:
    return f"{value:g}"


class _EditableModel(_TableModel):
    """A table with some editable columns whose edits go through `editor`."""

    EDITABLE: tuple[int, ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self.editor: Editor | None = None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.editor is not None and self._valid(index) and index.column() in self.EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.EditRole
            or self.editor is None
            or not self._valid(index)
            or index.column() not in self.EDITABLE
        ):
            return False
        return self.editor(index.row(), index.column(), str(value))

    def _changed_rows(self, count: int) -> None:
        if count:
            self.dataChanged.emit(self.index(0, 0), self.index(count - 1, len(self.HEADERS) - 1))


# ----- products


@dataclass(frozen=True)
class ProductRow:
    """One product line of the visit and how it was read (or why it was not)."""

    choice: ProductChoice
    reading: LabelReading | None
    error: str = ""


class ProductsModel(_EditableModel):
    """Every product that carries magnesium, with the magnesium a day mgdesk counted."""

    LABEL, PER_DAY, MG, HOW = range(4)
    HEADERS = ("Label, as printed", "Units a day", "Magnesium a day", "How mgdesk read it")
    HEADER_TIPS = (
        "The label line as printed; double-click to correct it",
        "How many of the label's units (tablets, servings, doses) you take a day",
        "Elemental magnesium a day, the figure counted against the upper limit",
        "Whether the label states the magnesium itself or the compound",
    )
    EDITABLE = (LABEL, PER_DAY)

    def __init__(self, percents: dict[str, float] | None = None) -> None:
        super().__init__()
        self._rows: list[ProductRow] = []
        self._percents = dict(percents or {})

    def _count(self) -> int:
        return len(self._rows)

    def row_at(self, row: int) -> ProductRow:
        return self._rows[row]

    def set_rows(self, rows: Sequence[ProductRow]) -> None:
        if list(rows) == self._rows:
            return
        if len(rows) == len(self._rows):
            self._rows = list(rows)
            self._changed_rows(len(rows))
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def how(self, row: ProductRow) -> str:
        reading = row.reading
        if reading is None:
            return f"{WARN_MARK} Not counted: {row.error}"
        if reading.basis == "elemental":
            return "Label states elemental magnesium"
        if reading.basis == "compound":
            percent = self._percents.get(reading.form or "")
            at = f" at {percent:g} %" if percent is not None else ""
            return f"Compound converted{at} ({reading.form})"
        return "mgdesk's typical figure for this product"

    def _display(self, row: ProductRow, column: int) -> str:
        if column == self.LABEL:
            return row.choice.label
        if column == self.PER_DAY:
            return _per_day_text(row.choice.per_day)
        if column == self.MG:
            if row.reading is None:
                return f"{WARN_MARK} not counted"
            return f"{mg_text(row.reading.elemental_mg_per_day)} a day"
        return self.how(row)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (DISPLAY, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._display(row, column) if column in self.EDITABLE else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.reading is None:
                return row.error
            return row.reading.explanation
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.PER_DAY, self.MG):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            return index.row()
        if role == ID_ROLE:
            return row.choice.label
        return None


# ----- the form chooser


def _symptom_grades(form: RankedForm) -> str:
    return ", ".join(f"{fit.name.lower()} {fit.grade}" for fit in form.symptoms)


class RankedFormsModel(_TableModel):
    """The forms, best fit first: why each may fit, tablets, the gut, the evidence."""

    FORM, WHY, TABLETS, GUT, GRADE = range(5)
    HEADERS = ("Form", "Why it may fit", "Tablets for your target", "Gut", "Evidence")
    HEADER_TIPS = (
        f"Ranked for your symptoms and gut; {VISIT_MARK} marks the form in your plan",
        "The symptoms you chose that this form is suggested for, and why",
        "Whole tablets of common sizes (elemental mg per tablet) that reach the daily target",
        "How likely the form is to loosen stools, and what that means for you",
        "Evidence grade, A (strong) to D (very weak), of the form and of your symptoms",
    )

    def __init__(self) -> None:
        super().__init__()
        self._forms: list[RankedForm] = []
        self._has_symptoms = False

    def _count(self) -> int:
        return len(self._forms)

    def form_at(self, row: int) -> RankedForm:
        return self._forms[row]

    def row_of(self, form_id: str) -> int:
        return next((i for i, f in enumerate(self._forms) if f.id == form_id), -1)

    def set_forms(self, forms: Sequence[RankedForm], has_symptoms: bool) -> None:
        if list(forms) == self._forms and has_symptoms == self._has_symptoms:
            return
        self.beginResetModel()
        self._forms = list(forms)
        self._has_symptoms = has_symptoms
        self.endResetModel()

    def _why(self, form: RankedForm) -> str:
        if form.symptoms:
            return " ".join(
                f"{fit.name}: {fit.why or 'suggested for it'}".rstrip(".") + "."
                for fit in form.symptoms
            )
        if not self._has_symptoms:
            return "Choose symptoms in the Symptoms tab to see what this form may suit."
        return "Not suggested for the symptoms you chose."

    @staticmethod
    def _tablets(form: RankedForm) -> str:
        if not form.tablets:
            return form.tablet_note or "—"
        parts = []
        for option in form.tablets:
            over = f" {WARN_MARK} above your upper limit" if option.above_upper_limit else ""
            if option.rounded_down:
                over = " (rounded down: one more would pass your upper limit)"
            parts.append(
                f"{option.tablet_mg} mg tablet: {option.tablets_per_day} a day "
                f"= {option.total_mg} mg{over}"
            )
        return "; ".join(parts)

    @staticmethod
    def _gut(form: RankedForm) -> str:
        head = f"Laxative effect: {form.laxative}."
        return f"{head} {form.tolerance_note}" if form.tolerance_note else head

    def _display(self, form: RankedForm, column: int) -> str:
        if column == self.FORM:
            mark = f"{VISIT_MARK} " if form.chosen else ""
            return f"{form.rank}. {mark}{form.name}"
        if column == self.WHY:
            return self._why(form)
        if column == self.TABLETS:
            return self._tablets(form)
        if column == self.GUT:
            return self._gut(form)
        grades = _symptom_grades(form)
        return f"Form {form.grade}" + (f"; {grades}" if grades else "")

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        form = self._forms[index.row()]
        column = index.column()
        if role == DISPLAY:
            return self._display(form, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._display(form, column)
            if column == self.FORM:
                text = f"Rank {form.rank}: {form.name}" + (", in your plan" if form.chosen else "")
            if column == self.GRADE:
                text = f"evidence grade {text}"
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.GUT:
                return form.gi_tolerance
            if column == self.TABLETS:
                return form.tablet_note or None
            if column == self.FORM:
                return form.cautions or None
            return self._display(form, column)
        if role == Qt.ItemDataRole.FontRole and form.chosen:
            return _bold()
        if role == SORT_ROLE:
            return form.rank
        if role == ID_ROLE:
            return form.id
        return None


# ----- medicines and the timetable


@dataclass(frozen=True)
class MedicineRow:
    """A medicine of the visit with its usual times and the spacing the timetable keeps."""

    choice: MedicineChoice
    scheduled: ScheduledMedicine | None


class MedicineTimesModel(_EditableModel):
    """The medicines from the visit; their usual times are edited here."""

    NAME, TIMES, RULE = range(3)
    HEADERS = ("Medicine", "Usual times (HH:MM)", "Spacing with magnesium")
    HEADER_TIPS = (
        "The medicines listed in the Interactions tab",
        "When you usually take it, e.g. 07:00 or 08:00, 20:00; double-click to change",
        "The gap the timetable keeps between this medicine and magnesium",
    )
    EDITABLE = (TIMES,)

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[MedicineRow] = []

    def _count(self) -> int:
        return len(self._rows)

    def row_at(self, row: int) -> MedicineRow:
        return self._rows[row]

    def set_rows(self, rows: Sequence[MedicineRow]) -> None:
        if list(rows) == self._rows:
            return
        if len(rows) == len(self._rows):
            self._rows = list(rows)
            self._changed_rows(len(rows))
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def _display(self, row: MedicineRow, column: int) -> str:
        scheduled = row.scheduled
        if column == self.NAME:
            return scheduled.label if scheduled is not None else row.choice.name
        if column == self.TIMES:
            if row.choice.times:
                return ", ".join(row.choice.times)
            if scheduled is not None and scheduled.assumed:
                return "not set (08:00 assumed)"
            return "not set"
        if scheduled is None:
            return ""
        if scheduled.spaced:
            return f"Take it {scheduled.rule}."
        return scheduled.note

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (DISPLAY, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return ", ".join(row.choice.times) if column == self.TIMES else None
        if role == SORT_ROLE:
            return index.row()
        if role == ID_ROLE:
            return row.choice.name
        return None


class TimetableModel(_TableModel):
    """The day in time order: medicines and magnesium doses, each with why it is then."""

    TIME, KIND, ITEM, WHY = range(4)
    HEADERS = ("Time", "What", "Item", "Why then")
    KIND_WORDS = {
        "medicine": f"{MEDICINE_MARK} Medicine",
        "magnesium": f"{MAGNESIUM_MARK} Magnesium",
    }

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[TimetableRow] = []

    def _count(self) -> int:
        return len(self._rows)

    def row_at(self, row: int) -> TimetableRow:
        return self._rows[row]

    def set_rows(self, rows: Sequence[TimetableRow]) -> None:
        if list(rows) == self._rows:
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def _display(self, row: TimetableRow, column: int) -> str:
        if column == self.TIME:
            return row.time + (" (assumed)" if row.assumed else "")
        if column == self.KIND:
            return self.KIND_WORDS.get(row.kind, row.kind)
        if column == self.ITEM:
            return row.item
        return row.why

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not self._valid(index):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return self._display(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(row, column).lstrip(f"{MEDICINE_MARK}{MAGNESIUM_MARK} ")
        if role == SORT_ROLE:
            return index.row()
        return None
