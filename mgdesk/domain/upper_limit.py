"""Comparing a daily amount of supplemental magnesium with the person's upper limit, plainly.

The upper limit counts magnesium from supplements and medicines only, never food, so the
comparison takes elemental milligrams from those alone. Above the limit the wording says so
without softening, and that studies used more only under medical supervision.
"""

from __future__ import annotations

from dataclasses import dataclass

from mgdesk.domain.dosage import DoseResult

SUPERVISION_NOTE = "Studies that used more did so only under medical supervision."
# What the front ends say once beside a total above the limit (the plan's warning carries it too).
ABOVE_LIMIT_ADVICE = (
    "The limit is set where side effects, mainly diarrhea, begin. A doctor may still advise "
    "more: studies used more, under medical supervision. Agree the amount with your doctor."
)
UL_MEANING = (
    "The upper limit counts magnesium from supplements and medicines (such as antacids and "
    "laxatives) only, not magnesium from food and water."
)


@dataclass(frozen=True)
class LimitCheck:
    """One amount against one limit: whether it is above, and the sentence that says so."""

    elemental_mg: float
    limit_mg: int | None
    above: bool
    message: str


def _mg(value: float) -> str:
    return f"{value:,.0f} mg" if float(value).is_integer() else f"{value:,.1f} mg"


def check_against_limit(elemental_mg: float, result: DoseResult) -> LimitCheck:
    """Compare `elemental_mg` a day of supplemental magnesium with the limit in `result`."""
    limit = result.supplement_ul_mg
    amount = _mg(elemental_mg)
    if limit is None:
        return LimitCheck(
            elemental_mg,
            None,
            False,
            f"No upper limit for supplemental magnesium is set for {result.life_stage}: "
            "ask a doctor before giving any magnesium supplement.",
        )
    if elemental_mg > limit:
        return LimitCheck(
            elemental_mg,
            limit,
            True,
            f"{amount} a day is above the upper limit of {limit} mg a day for magnesium from "
            f"supplements and medicines ({result.life_stage}). {SUPERVISION_NOTE} "
            "Talk to your doctor before taking this much.",
        )
    return LimitCheck(
        elemental_mg,
        limit,
        False,
        f"{amount} a day is within the upper limit of {limit} mg a day for magnesium from "
        f"supplements and medicines ({result.life_stage}).",
    )
