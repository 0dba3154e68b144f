"""What the domain and the report need from the reference content, as a protocol.

`store.content_db.ContentDB` satisfies it; tests may pass any object that does. This keeps the
report and the domain free of SQL while they still read symptoms, forms and citations.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Protocol

from mgdesk.domain.content import (
    Condition,
    ContentMeta,
    Form,
    InteractionGroup,
    Product,
    Question,
    Source,
    Study,
    Symptom,
)
from mgdesk.domain.dosage import DosageTable
from mgdesk.domain.errors import InputError
from mgdesk.domain.glossary import GlossaryTerm
from mgdesk.domain.interactions import ConditionIndex, MedicineIndex
from mgdesk.domain.visit import VisitPlan


class Catalog(Protocol):
    """Read-only reference content."""

    @property
    def meta(self) -> ContentMeta: ...

    @property
    def dosage(self) -> DosageTable: ...

    @property
    def symptoms(self) -> list[Symptom]: ...

    @property
    def forms(self) -> list[Form]: ...

    @property
    def studies(self) -> list[Study]: ...

    @property
    def groups(self) -> list[InteractionGroup]: ...

    @property
    def conditions(self) -> list[Condition]: ...

    @property
    def products(self) -> list[Product]: ...

    @property
    def questions(self) -> list[Question]: ...

    @property
    def glossary(self) -> list[GlossaryTerm]: ...

    @property
    def medicine_index(self) -> MedicineIndex: ...

    @property
    def condition_index(self) -> ConditionIndex: ...

    def symptom(self, ident: str) -> Symptom: ...

    def form(self, ident: str) -> Form: ...

    def study(self, ident: str) -> Study: ...

    def citation(self, ident: str) -> Source | Study | None: ...

    def citations(self, ids: Iterable[str]) -> list[Source | Study]: ...

    def resolve_symptom(self, text: str) -> Symptom: ...

    def resolve_form(self, text: str) -> Form: ...


def resolve_visit(plan: VisitPlan, catalog: Catalog) -> VisitPlan:
    """The same visit with symptom, form and condition names turned into content ids.

    Raises InputError naming the first entry the content does not know; medicines stay as the
    user typed them (an unknown medicine is shown as unknown, not refused).
    """
    symptoms = []
    for index, choice in enumerate(plan.symptoms):
        try:
            symptoms.append(replace(choice, id=catalog.resolve_symptom(choice.id).id))
        except InputError as exc:
            raise InputError(f"symptoms[{index}]: {exc}") from None
    forms = []
    for index, name in enumerate(plan.forms):
        try:
            forms.append(catalog.resolve_form(name).id)
        except InputError as exc:
            raise InputError(f"forms[{index}]: {exc}") from None
    conditions = []
    for index, name in enumerate(plan.conditions):
        try:
            conditions.append(catalog.condition_index.resolve(name).id)
        except InputError as exc:
            raise InputError(f"conditions[{index}]: {exc}") from None
    new_plan = plan.plan
    if new_plan is not None and new_plan.form:
        try:
            new_plan = replace(new_plan, form=catalog.resolve_form(new_plan.form).id)
        except InputError as exc:
            raise InputError(f"plan.form: {exc}") from None
    return VisitPlan.from_dict(
        replace(
            plan,
            symptoms=tuple(symptoms),
            forms=tuple(forms),
            conditions=tuple(conditions),
            plan=new_plan,
        ).to_dict()
    )
