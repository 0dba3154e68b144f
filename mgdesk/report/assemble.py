"""What the handout shows, gathered from a VisitPlan and the content before any layout happens.

Keeping this step free of reportlab makes the medical substance of the handout (which
interactions, which intake row, which studies, which references and in what order) testable
as plain data, and leaves `handout.py` with layout only. Every text here is the content's own
wording; the only words made here are labels. The records are NamedTuples rather than
dataclasses: they are built once per handout, and on the command line's start-up path a
dataclass costs ten times as much to define.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from mgdesk.domain.catalog import Catalog
from mgdesk.domain.content import Form, GradeDefinition, Source, Study, Symptom
from mgdesk.domain.dosage import DoseResult, lookup, make_person
from mgdesk.domain.errors import InputError
from mgdesk.domain.interactions import ConditionResult, InteractionResult, severity_rank
from mgdesk.domain.visit import VisitPlan

if TYPE_CHECKING:
    from mgdesk.domain.plan import MagnesiumPlan

GROUP_WORDS = {
    "male": "male",
    "female": "female",
    "pregnancy": "pregnant",
    "lactation": "breastfeeding",
}


class Person(NamedTuple):
    """Who the handout is about, as the patient gave it ("" where not given)."""

    name: str
    visit_date: str
    clinician: str
    age: str
    sex: str
    state: str

    @property
    def age_sex(self) -> str:
        return ", ".join(part for part in (self.age, self.sex, self.state) if part)


class IntakeReference(NamedTuple):
    """The intake row and upper limit that apply to the person, with the table's sources."""

    dose: DoseResult
    sources: tuple[str, ...]


class SymptomEntry(NamedTuple):
    """A chosen symptom with the patient's rating and the studies behind its grade."""

    symptom: Symptom
    rating: int | None
    studies: tuple[Study, ...]


class FormEntry(NamedTuple):
    """A form being considered and which of the patient's symptoms it is suggested for."""

    form: Form
    suggested_for: tuple[str, ...]


class PlanDraft(NamedTuple):
    """The magnesium the patient proposes (a draft to agree with the doctor)."""

    form: Form | None
    target_mg: float | None
    doses_per_day: int
    above_upper_limit: bool


class HandoutData(NamedTuple):
    """Everything the pages show, in the order a doctor needs it."""

    person: Person
    generated: dt.date
    content_version: str
    review_date: str
    sections: tuple[str, ...]
    questions: tuple[str, ...]
    medicines: tuple[InteractionResult, ...]
    conditions: tuple[ConditionResult, ...]
    forms: tuple[FormEntry, ...]
    plan: PlanDraft | None
    intake: IntakeReference | None
    symptoms: tuple[SymptomEntry, ...]
    notes: str
    grades: tuple[GradeDefinition, ...]
    grade_labels: dict[str, str]
    magnesium: MagnesiumPlan | None = None
    products_mg: float | None = None
    products_count: int = 0

    def includes(self, section: str) -> bool:
        return section in self.sections

    def grade_label(self, letter: str) -> str:
        """ "C (weak)": the letter with the content's own label, never a colour."""
        label = self.grade_labels.get(letter, "")
        return f"{letter} ({label.lower()})" if label else letter


def _age_text(plan: VisitPlan) -> str:
    if plan.age is None:
        return ""
    if plan.age == 0 and plan.months is not None:
        return f"{plan.months} month{'s' if plan.months != 1 else ''}"
    text = f"{plan.age} year{'s' if plan.age != 1 else ''}"
    if plan.months:
        text += f" {plan.months} month{'s' if plan.months != 1 else ''}"
    return text


def _person(plan: VisitPlan) -> Person:
    state = "pregnant" if plan.pregnant else "breastfeeding" if plan.lactating else ""
    return Person(
        name=plan.name,
        visit_date=plan.date,
        clinician=plan.clinician,
        age=_age_text(plan),
        sex=plan.sex or "",
        state=state,
    )


def _intake(plan: VisitPlan, catalog: Catalog) -> IntakeReference | None:
    """Only when age and sex are given: the table has no row for "unknown"."""
    if plan.age is None or plan.sex is None:
        return None
    table = catalog.dosage
    person = make_person(table, plan.age, plan.months, plan.sex, plan.pregnant, plan.lactating)
    return IntakeReference(lookup(table, person), table.sources)


def _forms(plan: VisitPlan, catalog: Catalog, symptoms: Iterable[Symptom]) -> tuple[FormEntry, ...]:
    ids = list(plan.forms)
    if plan.plan is not None and plan.plan.form and plan.plan.form not in ids:
        ids.append(plan.plan.form)
    chosen = list(symptoms)
    entries = []
    for form_id in ids:
        form = catalog.form(form_id)
        suggested = tuple(
            s.name for s in chosen if any(option.form == form.id for option in s.forms)
        )
        entries.append(FormEntry(form, suggested))
    return tuple(entries)


def _plan(plan: VisitPlan, catalog: Catalog, intake: IntakeReference | None) -> PlanDraft | None:
    if plan.plan is None or (not plan.plan.form and plan.plan.target_mg is None):
        return None
    form = catalog.form(plan.plan.form) if plan.plan.form else None
    limit = intake.dose.supplement_ul_mg if intake is not None else None
    above = plan.plan.target_mg is not None and limit is not None and plan.plan.target_mg > limit
    return PlanDraft(form, plan.plan.target_mg, plan.plan.doses_per_day, above)


def _magnesium_plan(plan: VisitPlan, catalog: Catalog) -> MagnesiumPlan | None:
    """The plan's total, timetable and warnings, when the visit lists products or a plan.

    Imported only then: the plan rules are the largest domain module, and most handouts from
    the command line need none of them.
    """
    if not plan.includes("plan") or (not plan.products and plan.plan is None):
        return None
    from mgdesk.domain.plan import make_plan

    return make_plan(plan, catalog)


def assemble(plan: VisitPlan, catalog: Catalog, generated: dt.date | None = None) -> HandoutData:
    """The handout's content for a visit whose names are already content ids.

    Raises InputError for an id the content does not know or an age/sex combination the
    intake table does not cover: the front ends resolve and check first, so this is a bug
    guard, never a silent omission.
    """
    try:
        symptoms = tuple(
            SymptomEntry(
                catalog.symptom(choice.id),
                choice.rating,
                tuple(catalog.study(i) for i in catalog.symptom(choice.id).studies),
            )
            for choice in plan.symptoms
        )
        conditions = tuple(
            sorted(
                (catalog.condition_index.check(name) for name in plan.conditions),
                key=lambda c: severity_rank(c.severity),
            )
        )
        forms = _forms(plan, catalog, (entry.symptom for entry in symptoms))
        intake = _intake(plan, catalog)
        draft = _plan(plan, catalog, intake)
    except KeyError as exc:
        raise InputError(f"the content does not know {exc.args[0]}") from None
    medicines = tuple(
        sorted(
            catalog.medicine_index.check_all([m.name for m in plan.medicines]),
            key=lambda r: severity_rank(r.severity),
        )
    )
    meta = catalog.meta
    products_mg: float | None = None
    if plan.products:
        from mgdesk.domain.labels import read_products

        readings = read_products(plan.products, catalog.forms, catalog.products)
        products_mg = round(float(sum(r.elemental_mg_per_day for r in readings)), 1)
    return HandoutData(
        person=_person(plan),
        generated=generated or dt.date.today(),
        content_version=meta.content_version,
        review_date=meta.review_date,
        sections=plan.sections,
        questions=tuple(q.text for q in plan.questions if q.checked),
        medicines=medicines,
        conditions=conditions,
        forms=forms,
        plan=draft if plan.includes("plan") else None,
        intake=intake,
        symptoms=symptoms,
        notes=plan.notes,
        grades=meta.grades,
        grade_labels={g.letter: g.label for g in meta.grades},
        magnesium=_magnesium_plan(plan, catalog),
        products_mg=products_mg,
        products_count=len(plan.products),
    )


class Citations:
    """Numbers for sources in the order the document first cites them: [1], [2], …

    The layout asks for a number at the moment it prints a claim, so the reference list is
    always exactly the set of ids cited anywhere, numbered in reading order.
    """

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self._numbers: dict[str, int] = {}
        self.enabled = True

    def cite(self, ids: Iterable[str]) -> list[int]:
        """The numbers of these ids (known ones only), allocating new ones as needed."""
        numbers: list[int] = []
        for ident in ids:
            if self._catalog.citation(ident) is None:
                continue
            if ident not in self._numbers:
                self._numbers[ident] = len(self._numbers) + 1
            if self._numbers[ident] not in numbers:
                numbers.append(self._numbers[ident])
        return sorted(numbers)

    def marker(self, ids: Iterable[str]) -> str:
        """ "[1, 3–5]" for the given ids, or "" when there is nothing to cite."""
        if not self.enabled:
            return ""
        return format_numbers(self.cite(ids))

    def entries(self) -> list[tuple[int, Source | Study]]:
        """Every cited source with its number, in number order."""
        found: list[tuple[int, Source | Study]] = []
        for ident, number in sorted(self._numbers.items(), key=lambda item: item[1]):
            record = self._catalog.citation(ident)
            if record is not None:
                found.append((number, record))
        return found

    def adopt(self, other: Citations) -> None:
        """Take the numbers a trial layout gave out (used once page 1's rows are settled)."""
        self._numbers = dict(other._numbers)

    def copy(self) -> Citations:
        clone = Citations(self._catalog)
        clone._numbers = dict(self._numbers)
        clone.enabled = self.enabled
        return clone


def format_numbers(numbers: list[int]) -> str:
    """[1, 2, 3, 5] -> "[1–3, 5]"."""
    if not numbers:
        return ""
    parts: list[str] = []
    start = previous = numbers[0]
    for number in [*numbers[1:], None]:
        if number is not None and number == previous + 1:
            previous = number
            continue
        parts.append(str(start) if start == previous else f"{start}–{previous}")
        if number is not None:
            start = previous = number
    return "[" + ", ".join(parts) + "]"


def spacing_text(result: InteractionResult, *, short: bool = False) -> str:
    """The spacing rule from the data: "at least 4 h before or 4 h after magnesium".

    `short` leaves out "at least" for a table whose header says it. "" when no spacing applies.
    """
    parts = []
    if result.before_hours:
        parts.append(f"{result.before_hours:g} h before")
    if result.after_hours:
        parts.append(f"{result.after_hours:g} h after")
    if not parts:
        return ""
    rule = " or ".join(parts) + " magnesium"
    return rule if short else f"at least {rule}"
