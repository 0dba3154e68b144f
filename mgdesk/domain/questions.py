"""Which of the content's curated questions a visit brings up, and why: the question builder.

Each curated question names what brings it up (`when`): an interaction group the user's
medicines fall in, a condition they ticked, a form or symptom they chose, products adding up
to more than the supplemental upper limit, or "always". The safety questions come first (a
doctor with two minutes should see those), then the ones about what was chosen, then the
general ones. A question already on the user's list (by its content id or the same wording)
is not suggested again, and two groups sharing one wording give one suggestion.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mgdesk.domain.catalog import Catalog
from mgdesk.domain.content import Question
from mgdesk.domain.errors import InputError
from mgdesk.domain.visit import QuestionItem, VisitPlan

# What brings a question up, in the order suggestions are shown (most safety-relevant first).
TRIGGER_ORDER = ("group", "condition", "above-ul", "form", "symptom", "always")


@dataclass(frozen=True)
class Suggestion:
    """A curated question the visit brings up, and the reason in the user's words."""

    question: Question
    reason: str

    @property
    def item(self) -> QuestionItem:
        """The question as it goes onto the user's list (ticked, remembering where it came from)."""
        return QuestionItem(self.question.text, True, self.question.id)


def question_triggers(plan: VisitPlan, catalog: Catalog) -> dict[str, str]:
    """Every trigger the visit sets off (`group:ID`, `form:any`, ...), each with its reason."""
    triggers = {"always": "a good question for any visit"}
    for result in catalog.medicine_index.check_all([m.name for m in plan.medicines]):
        if result.group_id is not None:
            key = f"group:{result.group_id}"
            names = triggers.get(key, "").removeprefix("you take ")
            triggers[key] = "you take " + (f"{names}, {result.input}" if names else result.input)
    for name in plan.conditions:
        try:
            condition = catalog.condition_index.resolve(name)
        except InputError:
            continue
        triggers[f"condition:{condition.id}"] = f"you ticked {condition.name.lower()}"
    forms = [*plan.forms, *([plan.plan.form] if plan.plan and plan.plan.form else [])]
    for name in forms:
        try:
            form = catalog.resolve_form(name)
        except InputError:
            continue
        triggers[f"form:{form.id}"] = f"you chose {form.name.lower()}"
        triggers.setdefault("form:any", f"you chose {form.name.lower()}")
    for choice in plan.symptoms:
        try:
            symptom = catalog.resolve_symptom(choice.id)
        except InputError:
            continue
        triggers[f"symptom:{symptom.id}"] = f"you chose {symptom.name.lower()}"
    if _above_upper_limit(plan, catalog):
        triggers["above-ul"] = "your products add up to more than the upper limit"
    return triggers


def _above_upper_limit(plan: VisitPlan, catalog: Catalog) -> bool:
    """Whether the listed products exceed the limit; a label the plan cannot read says nothing
    here (the My plan tab explains it)."""
    if not plan.products:
        return False
    from mgdesk.domain.plan import make_plan

    try:
        return make_plan(plan, catalog).above_upper_limit
    except InputError:
        return False


def _rank(when: str) -> int:
    kind = when.partition(":")[0] if when != "above-ul" else when
    return TRIGGER_ORDER.index(kind) if kind in TRIGGER_ORDER else len(TRIGGER_ORDER)


def suggest_questions(plan: VisitPlan, catalog: Catalog) -> list[Suggestion]:
    """The curated questions this visit brings up that are not on its list yet, best first."""
    triggers = question_triggers(plan, catalog)
    present_ids = {q.origin for q in plan.questions}
    present_texts = {_key(q.text) for q in plan.questions}
    seen: set[str] = set()
    found: list[Suggestion] = []
    ordered = sorted(enumerate(catalog.questions), key=lambda p: (_rank(p[1].when), p[0]))
    for _, question in ordered:
        reason = triggers.get(question.when)
        if reason is None or question.id in present_ids:
            continue
        key = _key(question.text)
        if key in present_texts or key in seen:
            continue
        seen.add(key)
        found.append(Suggestion(question, reason))
    return found


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def add_questions(
    items: tuple[QuestionItem, ...], new: Iterable[QuestionItem]
) -> tuple[QuestionItem, ...]:
    """`items` with `new` appended, skipping any whose wording the list already has."""
    result = list(items)
    keys = {_key(q.text) for q in result}
    for item in new:
        if _key(item.text) not in keys:
            keys.add(_key(item.text))
            result.append(item)
    return tuple(result)
