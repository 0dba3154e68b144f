"""The current visit: one immutable `VisitPlan` shared by every tab, and a signal when it changes.

Tabs never hold their own copy of what the user picked: they ask the session to change the plan
(each change goes through `VisitPlan.with_changes`, so it is checked as a whole) and listen to
`changed` to show it. Saving is a later concern: whatever keeps visits only needs `plan`,
`load()` and `changed`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal

from mgdesk.domain.visit import (
    MedicineChoice,
    PlanChoice,
    ProductChoice,
    SymptomChoice,
    VisitPlan,
)


class VisitSession(QObject):
    """Holds the current `VisitPlan`; every edit replaces it and emits `changed(plan)`."""

    changed = Signal(object)

    def __init__(self, plan: VisitPlan | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._plan = plan if plan is not None else VisitPlan()

    @property
    def plan(self) -> VisitPlan:
        return self._plan

    def load(self, plan: VisitPlan) -> None:
        """Replace the whole visit (e.g. one read back from the user DB)."""
        self._set(plan)

    def update(self, **changes: Any) -> VisitPlan:
        """Change some fields; InputError (and no change) when the result is not a valid visit."""
        self._set(self._plan.with_changes(**changes))
        return self._plan

    def _set(self, plan: VisitPlan) -> None:
        if plan != self._plan:
            self._plan = plan
            self.changed.emit(plan)

    # ----- symptoms

    def symptom(self, symptom_id: str) -> SymptomChoice | None:
        return next((s for s in self._plan.symptoms if s.id == symptom_id), None)

    def set_symptom(self, symptom_id: str, rating: int | None) -> None:
        """Add a symptom, or change its rating when it is there already (order is kept)."""
        choice = SymptomChoice(symptom_id, rating)
        current = list(self._plan.symptoms)
        for index, existing in enumerate(current):
            if existing.id == symptom_id:
                current[index] = choice
                break
        else:
            current.append(choice)
        self.update(symptoms=tuple(current))

    def remove_symptom(self, symptom_id: str) -> None:
        self.update(symptoms=tuple(s for s in self._plan.symptoms if s.id != symptom_id))

    # ----- forms

    def add_form(self, form_id: str) -> None:
        if form_id not in self._plan.forms:
            self.update(forms=(*self._plan.forms, form_id))

    def remove_form(self, form_id: str) -> None:
        self.update(forms=tuple(f for f in self._plan.forms if f != form_id))

    # ----- the person

    def set_person(
        self, age: int, months: int | None, sex: str, pregnant: bool, lactating: bool
    ) -> None:
        self.update(age=age, months=months, sex=sex, pregnant=pregnant, lactating=lactating)

    # ----- medicines and conditions

    def set_medicines(self, names: Iterable[str]) -> None:
        """The medicines, in this order; times already given for a name are kept."""
        times = {m.name.casefold(): m.times for m in self._plan.medicines}
        self.update(
            medicines=tuple(MedicineChoice(name, times.get(name.casefold(), ())) for name in names)
        )

    def set_conditions(self, condition_ids: Iterable[str]) -> None:
        self.update(conditions=tuple(condition_ids))

    # ----- my plan (products, the plan choice, medicine times)

    def set_products(self, products: Iterable[ProductChoice]) -> None:
        """The product lines, in this order; InputError (and no change) for a bad one."""
        self.update(products=tuple(products))

    def set_plan_choice(self, **fields: Any) -> None:
        """Change some of the plan's form, target_mg, doses_per_day and tolerance."""
        self.update(plan=replace(self._plan.plan or PlanChoice(), **fields))

    def set_medicine_times(self, name: str, times: Iterable[str]) -> None:
        """The usual times of one medicine of the visit (matched by name, case-insensitively)."""
        key = name.casefold()
        self.update(
            medicines=tuple(
                MedicineChoice(m.name, tuple(times)) if m.name.casefold() == key else m
                for m in self._plan.medicines
            )
        )
