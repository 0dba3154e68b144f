"""Recommended intake and the supplemental upper limit for one person, from the NIH/IOM tables.

Ages are counted in whole months so that every boundary of the table ("birth to 6 months",
"7-12 months", "14-18 years") is one comparison; the tables themselves are content.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from mgdesk.domain.errors import InputError

MAX_AGE_YEARS = 120
SEXES = ("female", "male")


@dataclass(frozen=True)
class LifeStage:
    """One row of the RDA/AI table: ages [from_months, to_months) and the intake per group."""

    label: str
    from_months: int
    to_months: int | None
    kind: str
    male: int
    female: int
    pregnancy: int | None = None
    lactation: int | None = None

    def covers(self, months: int) -> bool:
        return self.from_months <= months and (self.to_months is None or months < self.to_months)


@dataclass(frozen=True)
class UpperLimit:
    """One row of the upper limit for magnesium from supplements and medicines (not food)."""

    label: str
    from_months: int
    to_months: int | None
    mg: int | None
    note: str = ""

    def covers(self, months: int) -> bool:
        return self.from_months <= months and (self.to_months is None or months < self.to_months)


@dataclass(frozen=True)
class DosageTable:
    """Both tables together, with the ids of the sources they come from."""

    stages: tuple[LifeStage, ...]
    limits: tuple[UpperLimit, ...]
    sources: tuple[str, ...] = ()

    def stage_for(self, months: int) -> LifeStage:
        for stage in self.stages:
            if stage.covers(months):
                return stage
        raise InputError(f"no intake is listed for an age of {months} months")

    def limit_for(self, months: int) -> UpperLimit:
        for limit in self.limits:
            if limit.covers(months):
                return limit
        raise InputError(f"no upper limit row covers an age of {months} months")

    def reproductive_range(self) -> tuple[int, int]:
        """The ages (in months, [from, to)) for which the table lists pregnancy values."""
        rows = [s for s in self.stages if s.pregnancy is not None and s.to_months is not None]
        if not rows:
            return (0, 0)
        return (min(s.from_months for s in rows), max(s.to_months or 0 for s in rows))


@dataclass(frozen=True)
class Person:
    """Who the numbers are for. Build it with `make_person`, which checks every field."""

    age_years: int
    months: int
    sex: str
    pregnant: bool = False
    lactating: bool = False

    @property
    def age_in_months(self) -> int:
        return self.age_years * 12 + self.months

    @property
    def group(self) -> str:
        """The column of the table that applies."""
        if self.pregnant:
            return "pregnancy"
        if self.lactating:
            return "lactation"
        return self.sex


@dataclass(frozen=True)
class DoseResult:
    """What the tables say for one person; reference values, not a prescription."""

    life_stage: str
    group: str
    intake_mg: int
    intake_kind: str
    supplement_ul_mg: int | None
    ul_note: str


def _whole_number(value: object, field: str, low: int, high: int) -> int:
    if isinstance(value, bool):
        raise InputError(f"{field} must be a whole number from {low} to {high}")
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise InputError(f"{field} must be a whole number from {low} to {high}")
        value = int(value)
    if isinstance(value, str):
        text = value.strip()
        if not text.isascii() or not text.lstrip("-").isdigit() or len(text) > 6:
            raise InputError(f"{field} must be a whole number from {low} to {high}, not {value!r}")
        value = int(text)
    if not isinstance(value, int):
        raise InputError(f"{field} must be a whole number from {low} to {high}")
    if not low <= value <= high:
        raise InputError(f"{field} must be a whole number from {low} to {high}, not {value}")
    return value


def make_person(
    table: DosageTable,
    age: object,
    months: object | None,
    sex: object,
    pregnant: bool = False,
    lactating: bool = False,
) -> Person:
    """Check the inputs against what the table covers and explain any combination it does not."""
    years = _whole_number(age, "age", 0, MAX_AGE_YEARS)
    if months is None:
        if years == 0:
            raise InputError(
                "under one year, give the age in months too (months 0 to 11): the intake for "
                "babies differs between birth-6 months and 7-12 months"
            )
        month_count = 0
    else:
        month_count = _whole_number(months, "months", 0, 11)
    if not isinstance(sex, str) or sex.strip().casefold() not in SEXES:
        raise InputError("sex must be 'female' or 'male' (the table lists intakes by sex)")
    sex_value = sex.strip().casefold()
    if pregnant and lactating:
        raise InputError("choose pregnant or breastfeeding, not both: the table lists each apart")
    if pregnant or lactating:
        which = "pregnancy" if pregnant else "breastfeeding"
        if sex_value != "female":
            raise InputError(f"{which} values apply to females only")
        low, high = table.reproductive_range()
        total = years * 12 + month_count
        if not low <= total < high:
            raise InputError(
                f"the table lists {which} values for ages {low // 12} to {high // 12 - 1} only"
            )
    return Person(years, month_count, sex_value, bool(pregnant), bool(lactating))


def lookup(table: DosageTable, person: Person) -> DoseResult:
    """The intake row and the supplemental upper limit that apply to this person."""
    months = person.age_in_months
    stage = table.stage_for(months)
    limit = table.limit_for(months)
    intake = {
        "male": stage.male,
        "female": stage.female,
        "pregnancy": stage.pregnancy,
        "lactation": stage.lactation,
    }[person.group]
    if intake is None:
        raise InputError(f"the table has no {person.group} value for {stage.label}")
    return DoseResult(
        life_stage=stage.label,
        group=person.group,
        intake_mg=intake,
        intake_kind=stage.kind,
        supplement_ul_mg=limit.mg,
        ul_note=limit.note,
    )
