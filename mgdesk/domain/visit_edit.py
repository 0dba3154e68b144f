"""The rules for what a person types into a visit: refused with a message, never silently changed.

`VisitPlan.from_dict` cleans what it reads from a file (control characters are dropped), which
suits a document; a person typing into a field should instead be told, and the visit left as it
was. These checks say what is wrong in the words the window shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from mgdesk.domain.errors import InputError
from mgdesk.domain.visit import MAX_QUESTION, MAX_TEXT, QuestionItem, VisitPlan

DATE_WINDOW_YEARS = 10


def checked_text(value: str, label: str, limit: int = MAX_TEXT, *, multiline: bool = False) -> str:
    """`value` if it may go into the visit; InputError naming the field otherwise."""
    if len(value) > limit:
        raise InputError(
            f"{label} is too long: at most {limit:,} characters (this has {len(value):,})"
        )
    allowed = {"\n", "\t", "\r"} if multiline else set()
    bad = next((ch for ch in value if (ch < " " or ch == "\x7f") and ch not in allowed), None)
    if bad is not None:
        raise InputError(
            f"{label} contains a control character (U+{ord(bad):04X}); "
            "type or paste plain text only"
        )
    return value


def checked_date(value: dt.date, today: dt.date) -> str:
    """An appointment date as YYYY-MM-DD, if it is within ten years of today."""
    low = today.replace(year=today.year - DATE_WINDOW_YEARS, day=min(today.day, 28))
    high = today.replace(year=today.year + DATE_WINDOW_YEARS, day=min(today.day, 28))
    if not low <= value <= high:
        raise InputError(
            f"the appointment date must be within {DATE_WINDOW_YEARS} years of today "
            f"({low.isoformat()} to {high.isoformat()}), not {value.isoformat()}"
        )
    return value.isoformat()


def has_content(plan: VisitPlan) -> bool:
    """Whether the visit holds anything worth keeping (the person's age and sex alone do not)."""
    return any(
        (
            plan.name,
            plan.date,
            plan.clinician,
            plan.symptoms,
            plan.forms,
            plan.medicines,
            plan.conditions,
            plan.products,
            plan.questions,
            plan.notes.strip(),
            plan.plan,
        )
    )


def fresh_visit(plan: VisitPlan) -> VisitPlan:
    """A new, empty visit for the same person (age, sex and pregnancy carry over)."""
    return VisitPlan(
        age=plan.age,
        months=plan.months,
        sex=plan.sex,
        pregnant=plan.pregnant,
        lactating=plan.lactating,
    )


def moved(
    items: tuple[QuestionItem, ...], row: int, step: int
) -> tuple[tuple[QuestionItem, ...], int]:
    """The list with item `row` moved `step` places (kept inside the list) and its new row."""
    if not 0 <= row < len(items):
        raise InputError(f"there is no question {row + 1}")
    target = max(0, min(len(items) - 1, row + step))
    result = list(items)
    result.insert(target, result.pop(row))
    return tuple(result), target


def edited(
    items: tuple[QuestionItem, ...], row: int, **changes: object
) -> tuple[QuestionItem, ...]:
    """The list with question `row` changed (its text checked as typed text)."""
    if not 0 <= row < len(items):
        raise InputError(f"there is no question {row + 1}")
    text = changes.get("text")
    if text is not None:
        clean = checked_text(str(text), "A question", MAX_QUESTION).strip()
        if not clean:
            raise InputError("a question must not be empty")
        changes["text"] = clean
    result = list(items)
    result[row] = replace(result[row], **changes)  # type: ignore[arg-type]
    return tuple(result)
