"""My magnesium plan: the daily total against the upper limit, the forms that may fit, and a
timetable that keeps every spacing rule of the medicines taken.

Everything here is pure: a `VisitPlan` and the reference content in, a `MagnesiumPlan` out, so
the window, the command line and the handout show the same plan. The plan is a draft to agree
with a doctor: the numbers are reference values, not instructions, and the wording says so.

The parts, in the order `make_plan` runs them:

- **Totals**: every product label is read as elemental magnesium a day (`labels`) and summed;
  the sum is compared with the upper limit for *supplemental* magnesium, which counts
  supplements and medicines only. The RDA counts food too and is shown only as context.
- **Target**: only the daily target the user chose; mgdesk never picks an amount, and a target
  is never added to the products' total.
- **Forms**: every form of the content, ranked for the chosen symptoms, gut tolerance and
  evidence grade (see `rank_forms`).
- **Timetable**: what the patient takes (the products listed, or the chosen target when no
  product is listed) on a 15-minute grid in the waking day, each allowed only where every
  medicine's spacing rule holds (see `build_timetable`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from mgdesk.domain.catalog import Catalog
from mgdesk.domain.checklist import check_entry
from mgdesk.domain.content import Form, Symptom
from mgdesk.domain.conversion import tablets_for
from mgdesk.domain.dosage import DosageTable, lookup, make_person
from mgdesk.domain.errors import InputError
from mgdesk.domain.labels import LabelReading, mg_text, number, read_products
from mgdesk.domain.text import DISCLAIMER, PLAN_DRAFT
from mgdesk.domain.upper_limit import ABOVE_LIMIT_ADVICE
from mgdesk.domain.visit import MedicineChoice, PlanChoice, VisitPlan

GRID_MINUTES = 15
DAY_START = 6 * 60
DAY_END = 23 * 60
MINUTES_A_DAY = 24 * 60
MIN_GAP_MINUTES = 3 * 60
ASSUMED_TIME = 8 * 60
EVENING = 20 * 60
MIDDAY = 12 * 60
MARGIN_MINUTES = 60

KIDNEY = "kidney-disease"
SLEEP = "sleep"
FIT_POINTS = 10
GRADE_POINTS = {"A": 3, "B": 2, "C": 1, "D": 0}
DIARRHOEA_PENALTY = {"high": 15, "moderate": 6}
LEVELS = ("strong", "caution", "info")
_BEDTIME_WORDS = ("bedtime", "before bed", "at bed", "evening", "at night")


# ----- records


@dataclass(frozen=True)
class PlanWarning:
    """One thing the user should know, most serious first: level is strong, caution or info."""

    code: str
    level: str
    text: str

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "level": self.level, "text": self.text}


@dataclass(frozen=True)
class Limits:
    """The upper limit and RDA that apply to the person, with any assumption made."""

    upper_limit_mg: int | None
    upper_limit_label: str
    upper_limit_note: str
    rda_mg: int | None
    rda_kind: str | None
    life_stage: str | None
    warnings: tuple[PlanWarning, ...] = ()


@dataclass(frozen=True)
class SymptomFit:
    """One chosen symptom a form is suggested for, with the content's reason and grade."""

    symptom: str
    name: str
    why: str
    grade: str
    fm_evidence: bool


@dataclass(frozen=True)
class TabletOption:
    """Whole tablets of one common size for the daily target (`rounded_down`: one tablet fewer
    than reaches it, since that one would pass the upper limit)."""

    tablet_mg: int
    tablets_per_day: int
    total_mg: int
    above_upper_limit: bool
    rounded_down: bool = False


@dataclass(frozen=True)
class RankedForm:
    """One form, where it ranks for this person, and why."""

    rank: int
    id: str
    name: str
    score: int
    fit: int
    grade: str
    symptoms: tuple[SymptomFit, ...]
    elemental_percent: float
    laxative: str
    gi_tolerance: str
    tolerance_note: str
    cautions: str
    tablets: tuple[TabletOption, ...]
    tablet_note: str
    chosen: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "id": self.id,
            "name": self.name,
            "score": self.score,
            "fit": self.fit,
            "grade": self.grade,
            "symptoms": [
                {
                    "id": s.symptom,
                    "name": s.name,
                    "why": s.why,
                    "grade": s.grade,
                    "fm_evidence": s.fm_evidence,
                }
                for s in self.symptoms
            ],
            "elemental_percent": self.elemental_percent,
            "laxative": self.laxative,
            "gi_tolerance": self.gi_tolerance,
            "tolerance_note": self.tolerance_note,
            "cautions": self.cautions,
            "tablets": [
                {
                    "tablet_mg": t.tablet_mg,
                    "tablets_per_day": t.tablets_per_day,
                    "total_mg": t.total_mg,
                    "above_upper_limit": t.above_upper_limit,
                    "rounded_down": t.rounded_down,
                }
                for t in self.tablets
            ],
            "tablet_note": self.tablet_note,
            "chosen": self.chosen,
        }


@dataclass(frozen=True)
class ScheduledMedicine:
    """A medicine as the timetable sees it: its times (minutes after midnight) and spacing."""

    name: str
    label: str
    times: tuple[int, ...]
    assumed: bool = False
    before_hours: float | None = None
    after_hours: float | None = None
    note: str = ""

    @property
    def spaced(self) -> bool:
        return self.before_hours is not None or self.after_hours is not None

    @property
    def rule(self) -> str:
        """The spacing rule in plain words, or "" when there is none."""
        before = self.before_hours
        after = self.after_hours
        if before and after:
            return (
                f"at least {_duration(before * 60)} before or at least "
                f"{_duration(after * 60)} after magnesium"
            )
        if before:
            return f"at least {_duration(before * 60)} before magnesium"
        if after:
            return f"at least {_duration(after * 60)} after magnesium"
        return "not at the same time as magnesium" if self.spaced else ""


@dataclass(frozen=True)
class TimetableRow:
    """One line of the day: a medicine the user takes or a magnesium dose, and why then."""

    time: str
    item: str
    kind: str
    why: str
    mg: float | None = None
    assumed: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "time": self.time,
            "item": self.item,
            "kind": self.kind,
            "why": self.why,
            "mg": None if self.mg is None else number(self.mg),
            "assumed": self.assumed,
        }


@dataclass(frozen=True)
class Conflict:
    """Magnesium doses that could not be placed, and the spacing rules that clash."""

    doses_not_placed: int
    text: str
    rules: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "doses_not_placed": self.doses_not_placed,
            "text": self.text,
            "rules": list(self.rules),
        }


@dataclass(frozen=True)
class MagnesiumPlan:
    """The whole plan for one visit: a draft to agree with a doctor."""

    total_supplemental_mg: float
    upper_limit_mg: int | None
    upper_limit_label: str
    above_upper_limit: bool
    rda_mg: int | None
    rda_kind: str | None
    life_stage: str | None
    products: tuple[LabelReading, ...]
    target_mg: float | None
    target_source: str
    doses_per_day: int
    dose_mg: float | None
    form: str | None
    tolerance: str
    forms: tuple[RankedForm, ...]
    timetable: tuple[TimetableRow, ...]
    warnings: tuple[PlanWarning, ...]
    conflicts: tuple[Conflict, ...]
    explanation: tuple[str, ...]
    draft: str = PLAN_DRAFT

    def to_json(self) -> dict[str, Any]:
        """The document `mgdesk plan --json` prints (DESIGN.md's keys and a few more)."""
        return {
            "draft": self.draft,
            "total_supplemental_mg": number(self.total_supplemental_mg),
            "upper_limit_mg": self.upper_limit_mg,
            "upper_limit_label": self.upper_limit_label,
            "above_upper_limit": self.above_upper_limit,
            "rda_mg": self.rda_mg,
            "rda_kind": self.rda_kind,
            "life_stage": self.life_stage,
            "products": [p.to_json() for p in self.products],
            "target_mg": None if self.target_mg is None else number(self.target_mg),
            "target_source": self.target_source,
            "doses_per_day": self.doses_per_day,
            "dose_mg": None if self.dose_mg is None else number(self.dose_mg),
            "form": self.form,
            "tolerance": self.tolerance,
            "forms": [f.to_json() for f in self.forms],
            "timetable": [row.to_json() for row in self.timetable],
            "warnings": [w.to_json() for w in self.warnings],
            "conflicts": [c.to_json() for c in self.conflicts],
            "explanation": list(self.explanation),
            "disclaimer": DISCLAIMER,
        }


# ----- small helpers


def hhmm(minutes: int) -> str:
    """Minutes after midnight as HH:MM (wrapping past midnight)."""
    minutes %= MINUTES_A_DAY
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_time(text: str, where: str = "time") -> int:
    """HH:MM (00:00-23:59) as minutes after midnight; InputError otherwise."""
    parts = text.split(":") if isinstance(text, str) else []
    if (
        len(parts) != 2
        or not all(p.isascii() and p.isdigit() and len(p) == 2 for p in parts)
        or int(parts[0]) > 23
        or int(parts[1]) > 59
    ):
        raise InputError(f"{where} must be a time of day HH:MM (00:00-23:59)")
    return int(parts[0]) * 60 + int(parts[1])


def _duration(minutes: float) -> str:
    whole = int(round(minutes))
    hours, rest = divmod(whole, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


# ----- who the numbers are for


def limits_for(visit: VisitPlan, table: DosageTable) -> Limits:
    """The upper limit (and RDA, as context) for the visit's person.

    Without an age, the adult row of the upper-limit table is used; without a sex, the RDA is
    not shown (it differs by sex). Either way a warning says so. A combination the table does
    not cover (e.g. pregnant at 60) is an InputError.
    """
    if visit.age is None:
        adult = max(table.limits, key=lambda row: row.from_months)
        return Limits(
            upper_limit_mg=adult.mg,
            upper_limit_label=adult.label,
            upper_limit_note=adult.note,
            rda_mg=None,
            rda_kind=None,
            life_stage=None,
            warnings=(
                PlanWarning(
                    "person-assumed",
                    "info",
                    f"Age not given: the upper limit for adults ({adult.label}"
                    + (f", {adult.mg} mg a day" if adult.mg is not None else "")
                    + ") is used and the recommended intake is not shown. Add your age and sex "
                    "to see the values for you.",
                ),
            ),
        )
    months = visit.age * 12 + (visit.months or 0)
    if visit.sex is None:
        limit = table.limit_for(months)
        return Limits(
            upper_limit_mg=limit.mg,
            upper_limit_label=limit.label,
            upper_limit_note=limit.note,
            rda_mg=None,
            rda_kind=None,
            life_stage=table.stage_for(months).label,
            warnings=(
                PlanWarning(
                    "person-assumed",
                    "info",
                    f"Sex not given: the recommended intake differs by sex, so it is not shown. "
                    f"The upper limit ({limit.label}) is the same for both.",
                ),
            ),
        )
    try:
        person = make_person(
            table, visit.age, visit.months, visit.sex, visit.pregnant, visit.lactating
        )
        result = lookup(table, person)
    except InputError as exc:
        raise InputError(f"age and sex: {exc}") from None
    limit = table.limit_for(person.age_in_months)
    return Limits(
        upper_limit_mg=result.supplement_ul_mg,
        upper_limit_label=limit.label,
        upper_limit_note=result.ul_note,
        rda_mg=result.intake_mg,
        rda_kind=result.intake_kind,
        life_stage=result.life_stage,
    )


# ----- the form chooser


def _tolerance_note(form: Form, tolerance: str) -> tuple[int, str]:
    """The score penalty and the plain note for the user's gut tolerance."""
    laxative = form.laxative
    if tolerance == "diarrhoea":
        if laxative == "high":
            return DIARRHOEA_PENALTY["high"], (
                "Used as a laxative: likely to make diarrhea worse, so it is ranked lower."
            )
        if laxative == "moderate":
            return DIARRHOEA_PENALTY["moderate"], (
                "Loosens stools in some people: it may make diarrhea worse, so it is ranked lower."
            )
        return 0, (
            "How much this form loosens stools is not known; with any form, larger doses make "
            "diarrhea more likely."
        )
    if tolerance == "constipation":
        if laxative in ("high", "moderate"):
            return 0, (
                "Loosens stools in some people, which may suit constipation; this does not change "
                "its rank. Ask your doctor before using magnesium as a laxative."
            )
        return 0, "How much it loosens stools is not known from mgdesk's sources."
    return 0, ""


def rank_forms(
    forms: Sequence[Form],
    symptoms: Sequence[Symptom],
    chosen_symptoms: Sequence[str],
    tolerance: str = "none",
    target_mg: float | None = None,
    upper_limit_mg: int | None = None,
    chosen_forms: Iterable[str] = (),
) -> tuple[RankedForm, ...]:
    """Every form, best fit first.

    score = 10 x fit (the chosen symptoms the form is suggested for)
            + evidence points of each matched symptom's grade and of the form's own grade
              (A 3, B 2, C 1, D 0)
            - a diarrhoea penalty (laxative "high" 15, "moderate" 6) when the user reports
              diarrhoea.
    Constipation does not change the score: a laxative form may suit, and the note says so
    neutrally. Ties keep the content's order.
    """
    by_id = {s.id: s for s in symptoms}
    chosen = [by_id[s] for s in dict.fromkeys(chosen_symptoms) if s in by_id]
    picked = set(chosen_forms)
    scored: list[tuple[int, int, RankedForm]] = []
    for order, form in enumerate(forms):
        fits: list[SymptomFit] = []
        for symptom in chosen:
            why = next((f.why for f in symptom.forms if f.form == form.id), None)
            if why is None and symptom.id not in form.suggested_for:
                continue
            fits.append(
                SymptomFit(symptom.id, symptom.name, why or "", symptom.grade, symptom.fm_evidence)
            )
        penalty, note = _tolerance_note(form, tolerance)
        score = (
            FIT_POINTS * len(fits)
            + sum(GRADE_POINTS.get(f.grade, 0) for f in fits)
            + GRADE_POINTS.get(form.grade, 0)
            - penalty
        )
        tablets: list[TabletOption] = []
        if target_mg is not None:
            for size in form.tablet_elemental_mg:
                count = tablets_for(target_mg, size, upper_limit_mg)
                tablets.append(
                    TabletOption(
                        size,
                        count.tablets,
                        count.total_mg,
                        upper_limit_mg is not None and count.total_mg > upper_limit_mg,
                        count.rounded_down,
                    )
                )
        tablet_note = _tablet_note(form, tablets, upper_limit_mg, target_mg)
        ranked = RankedForm(
            rank=0,
            id=form.id,
            name=form.name,
            score=score,
            fit=len(fits),
            grade=form.grade,
            symptoms=tuple(fits),
            elemental_percent=form.elemental_percent,
            laxative=form.laxative,
            gi_tolerance=form.gi_tolerance,
            tolerance_note=note,
            cautions=form.cautions,
            tablets=tuple(tablets),
            tablet_note=tablet_note,
            chosen=form.id in picked,
        )
        scored.append((-score, order, ranked))
    scored.sort(key=lambda item: (item[0], item[1]))
    return tuple(replace(ranked, rank=index + 1) for index, (_, _, ranked) in enumerate(scored))


def _tablet_note(
    form: Form, tablets: list[TabletOption], limit: int | None, target: float | None
) -> str:
    if target is None:
        return ""
    if not form.tablet_elemental_mg:
        return (
            "No common tablet size is listed for this form: read the label for the magnesium "
            "per unit."
        )
    down = [t for t in tablets if t.rounded_down]
    if down and limit is not None:
        sizes = ", ".join(f"{t.tablet_mg} mg" for t in down)
        return (
            f"With {sizes} tablets the count is rounded down, as one more would pass the upper "
            f"limit of {limit} mg a day; it gives less than the target of {mg_text(target)}. "
            "Whether to make up the difference is for your doctor to decide."
        )
    over = [t for t in tablets if t.above_upper_limit]
    if over and limit is not None:
        sizes = ", ".join(f"{t.tablet_mg} mg" for t in over)
        return (
            f"Rounded up to whole tablets, the {sizes} tablet{'s' if len(over) > 1 else ''} "
            f"come{'' if len(over) > 1 else 's'} above the upper limit of {limit} mg a day; "
            "a smaller tablet or fewer tablets may fit better. Ask your doctor or pharmacist."
        )
    return "Whole tablets, rounded up to reach the target; the label's own figure is more exact."


# ----- medicines and the timetable


def schedule_medicines(
    medicines: Sequence[MedicineChoice], catalog: Catalog
) -> tuple[tuple[ScheduledMedicine, ...], tuple[PlanWarning, ...]]:
    """Each medicine with its times and spacing; a spaced medicine without a time gets 08:00."""
    scheduled: list[ScheduledMedicine] = []
    warnings: list[PlanWarning] = []
    for index, choice in enumerate(medicines):
        result = check_entry(catalog.medicine_index, catalog.groups, choice.name)
        times = tuple(
            sorted(
                {
                    parse_time(t, f"medicines[{index}].times[{i}]")
                    for i, t in enumerate(choice.times)
                }
            )
        )
        label = result.input
        if result.generic and result.generic.casefold() != result.input.casefold():
            label = f"{result.input} ({result.generic})"
        spaced = result.before_hours is not None or result.after_hours is not None
        assumed = False
        if spaced and not times:
            times = (ASSUMED_TIME,)
            assumed = True
            warnings.append(
                PlanWarning(
                    "assumed-time",
                    "info",
                    f"{result.input}: no time given, so {hhmm(ASSUMED_TIME)} is assumed for the "
                    "timetable. Set your usual time.",
                )
            )
        if result.group_id is None:
            note = (
                "Not in mgdesk's list: ask your pharmacist whether to keep it apart from magnesium."
            )
            near = f" Did you mean: {', '.join(result.suggestions)}?" if result.suggestions else ""
            warnings.append(
                PlanWarning(
                    "unknown-medicine",
                    "info",
                    f"{result.input} is not in mgdesk's list, so the timetable keeps no gap for it."
                    f"{near} Ask your pharmacist.",
                )
            )
        elif spaced:
            note = ""
        elif result.generic and "magnesium" in result.generic.casefold():
            note = "Contains magnesium: count it under products."
            warnings.append(
                PlanWarning(
                    "magnesium-medicine",
                    "caution",
                    f"{result.input} contains magnesium. Add its label line under products, so "
                    "that it counts in your daily total.",
                )
            )
        elif result.effect == "absorption":
            note = "Magnesium may affect its absorption; mgdesk has no gap for it."
            warnings.append(PlanWarning("no-spacing-data", "caution", result.advice))
        else:
            note = f"{result.group}: no spacing rule with magnesium in mgdesk's sources."
        scheduled.append(
            ScheduledMedicine(
                name=result.input,
                label=label,
                times=times,
                assumed=assumed,
                before_hours=result.before_hours,
                after_hours=result.after_hours,
                note=note,
            )
        )
    return tuple(scheduled), tuple(warnings)


def _blocked_by(minute: int, medicine: ScheduledMedicine) -> bool:
    """True when magnesium at `minute` breaks a spacing rule of `medicine` (times repeat daily).

    For a medicine time t, the latest dose at or before the magnesium is d_prev minutes earlier
    and the next one d_next minutes later: d_prev must be at least before_hours (the medicine
    taken that long before magnesium) and d_next at least after_hours; a missing figure means
    that side has no rule. Never at the same time.
    """
    if not medicine.spaced:
        return False
    for t in medicine.times:
        d_prev = (minute - t) % MINUTES_A_DAY
        d_next = (t - minute) % MINUTES_A_DAY
        if d_prev == 0:
            return True
        if medicine.before_hours is not None and d_prev < medicine.before_hours * 60:
            return True
        if medicine.after_hours is not None and d_next < medicine.after_hours * 60:
            return True
    return False


def _nearest(minute: int, medicines: Sequence[ScheduledMedicine]) -> int:
    distances = [
        min((minute - t) % MINUTES_A_DAY, (t - minute) % MINUTES_A_DAY)
        for m in medicines
        if m.spaced
        for t in m.times
    ]
    return min(distances, default=MINUTES_A_DAY)


def _preferred(count: int, timing: str) -> list[int]:
    if count == 1:
        return [EVENING if timing == "evening" else MIDDAY]
    span = max(12 * 60, (count - 1) * MIN_GAP_MINUTES)
    start = 14 * 60 - span / 2
    step = span / (count - 1)
    times = []
    for index in range(count):
        raw = start + index * step
        snapped = int(round(raw / GRID_MINUTES) * GRID_MINUTES)
        times.append(min(max(snapped, DAY_START), DAY_END))
    return times


def _place(
    allowed: Sequence[int], preferred: Sequence[int], medicines: Sequence[ScheduledMedicine]
) -> list[int] | None:
    """The allowed times, in order and at least MIN_GAP apart, closest to the preferred ones.

    Cost: minutes away from the preferred time, plus twice the minutes by which a dose comes
    within an hour of a spaced medicine (a margin, beyond the rule itself). Dynamic programming
    over the grid; ties go to the earlier time.
    """
    count = len(preferred)
    size = len(allowed)
    cost = [
        [
            abs(s - preferred[i]) + 2 * max(0, MARGIN_MINUTES - _nearest(s, medicines))
            for s in allowed
        ]
        for i in range(count)
    ]
    best: list[list[float]] = [[math.inf] * size for _ in range(count)]
    back: list[list[int]] = [[-1] * size for _ in range(count)]
    best[0] = list(cost[0])
    for i in range(1, count):
        for j in range(size):
            for k in range(j):
                if allowed[j] - allowed[k] < MIN_GAP_MINUTES or best[i - 1][k] == math.inf:
                    continue
                total = best[i - 1][k] + cost[i][j]
                if total < best[i][j]:
                    best[i][j] = total
                    back[i][j] = k
    last = min(range(size), key=lambda j: (best[count - 1][j], j), default=None)
    if last is None or best[count - 1][last] == math.inf:
        return None
    picks = [last]
    for i in range(count - 1, 0, -1):
        picks.append(back[i][picks[-1]])
    return [allowed[j] for j in reversed(picks)]


def _side_text(gap: int, medicine: ScheduledMedicine, t: int, after: bool, wrap: bool) -> str:
    when = hhmm(t) + (", the day before" if wrap and after else ", the next day" if wrap else "")
    if after:
        hours = medicine.before_hours
        head = f"{_duration(gap)} after {medicine.name} ({when})"
        if hours:
            return f"{head}, which must be taken at least {_duration(hours * 60)} before magnesium"
        return f"{head}; no gap is set for {medicine.name} taken before magnesium"
    hours = medicine.after_hours
    head = f"{_duration(gap)} before {medicine.name} ({when})"
    if hours:
        return f"{head}, which must be taken at least {_duration(hours * 60)} after magnesium"
    return f"{head}; no gap is set for {medicine.name} taken after magnesium"


def _spacing_text(minute: int, medicine: ScheduledMedicine) -> list[str]:
    """How far a dose is from the nearest time of `medicine` on each side that has a rule.

    The same day's times are named; yesterday's last or tomorrow's first dose only when it is
    within 8 hours, where it matters.
    """
    if not medicine.times:
        return []
    parts: list[str] = []
    earlier = [t for t in medicine.times if t < minute]
    later = [t for t in medicine.times if t > minute]
    if medicine.before_hours is not None:
        if earlier:
            t = max(earlier)
            parts.append(_side_text(minute - t, medicine, t, True, False))
        else:
            t = max(medicine.times)
            gap = minute + MINUTES_A_DAY - t
            if gap <= 8 * 60:
                parts.append(_side_text(gap, medicine, t, True, True))
    if medicine.after_hours is not None:
        if later:
            t = min(later)
            parts.append(_side_text(t - minute, medicine, t, False, False))
        else:
            t = min(medicine.times)
            gap = t + MINUTES_A_DAY - minute
            if gap <= 8 * 60:
                parts.append(_side_text(gap, medicine, t, False, True))
    return parts


def build_timetable(
    medicines: Sequence[ScheduledMedicine],
    doses: int,
    dose_mg: float | None,
    item: str = "Magnesium",
    timing: str = "midday",
    timing_why: str = "",
    items: Sequence[tuple[str, float]] = (),
) -> tuple[tuple[TimetableRow, ...], tuple[Conflict, ...]]:
    """Medicine rows and `doses` magnesium times, sorted by time, and conflicts.

    At each magnesium time every one of `items` (name, mg a dose) gets a row; without `items`,
    one `item` of `dose_mg` does, and `dose_mg` None with no `items` places no magnesium.
    Magnesium goes on a 15-minute grid from 06:00 to 23:00, at least 3 hours between doses, only
    where no spacing rule is broken (see `_blocked_by`). `timing` is "evening" (one dose, sleep
    chosen), "midday" (one dose) or "spread"; when fewer doses fit, as many as fit are placed and
    a conflict names the rules that clash.
    """
    if not items and dose_mg is not None:
        items = ((item, dose_mg),)
    dose_total = sum(mg for _, mg in items)
    rows: list[TimetableRow] = []
    for medicine in medicines:
        for t in medicine.times:
            why = medicine.note
            if medicine.spaced:
                why = f"Take {medicine.name} {medicine.rule}."
            if medicine.assumed:
                why = f"Assumed time: set your usual time. {why}"
            rows.append(
                TimetableRow(
                    hhmm(t), medicine.label, "medicine", why.strip(), None, medicine.assumed
                )
            )
    conflicts: list[Conflict] = []
    if items and doses > 0:
        spaced = [m for m in medicines if m.spaced]
        grid = list(range(DAY_START, DAY_END + 1, GRID_MINUTES))
        rules = tuple(
            f"{m.label} at {', '.join(hhmm(t) for t in m.times)}: take it {m.rule}"
            for m in _clashing(grid, spaced)
        )
        allowed = [s for s in grid if not any(_blocked_by(s, m) for m in spaced)]
        placed: list[int] | None = None
        count = doses
        while count > 0 and allowed:
            placed = _place(
                allowed, _preferred(count, timing if count > 1 else _single(timing)), spaced
            )
            if placed is not None:
                break
            count -= 1
        if not allowed or placed is None:
            conflicts.append(
                Conflict(
                    doses,
                    f"No time between {hhmm(DAY_START)} and {hhmm(DAY_END)} keeps every spacing "
                    "rule, so no magnesium dose is placed. The rules that clash: "
                    + "; ".join(rules)
                    + ". Ask your doctor or pharmacist how to fit magnesium around these "
                    "medicines, or whether to pause it meanwhile.",
                    rules,
                )
            )
            placed = []
        elif len(placed) < doses:
            missing = doses - len(placed)
            conflicts.append(
                Conflict(
                    missing,
                    f"Only {len(placed)} of the {doses} magnesium doses fit at least "
                    f"{_duration(MIN_GAP_MINUTES)} apart at times that keep every spacing rule; "
                    f"{missing} dose{'s' if missing > 1 else ''} of {mg_text(dose_total)} "
                    f"{'are' if missing > 1 else 'is'} not placed. The rules that limit the day: "
                    + "; ".join(rules)
                    + ". Ask your doctor or pharmacist how to fit them in.",
                    rules,
                )
            )
        preferred = _preferred(len(placed), timing if len(placed) > 1 else _single(timing))
        for index, minute in enumerate(placed):
            parts = [timing_why] if timing_why else []
            if minute != preferred[index]:
                parts.append(
                    f"The nearest time to {hhmm(preferred[index])} that keeps every spacing rule."
                )
            spacing = [text for m in spaced for text in _spacing_text(minute, m)]
            if spacing:
                parts.append("; ".join(spacing)[:1].upper() + "; ".join(spacing)[1:] + ".")
            of = "" if len(placed) == 1 else f" (dose {index + 1} of {len(placed)})"
            rows.extend(
                TimetableRow(
                    hhmm(minute),
                    f"{name}{of}: {mg_text(mg)} of magnesium",
                    "magnesium",
                    " ".join(parts),
                    mg,
                )
                for name, mg in items
            )
    rows.sort(key=lambda r: (r.time, r.kind != "medicine", r.item))
    return tuple(rows), tuple(conflicts)


def _taken(
    products: Sequence[LabelReading], target: float | None, form: Form | None, doses: int
) -> tuple[tuple[str, float], ...]:
    """What the day holds at each magnesium time: each product's share of a dose, or, with no
    product listed, the chosen target's (named as a target, so it never reads as a product)."""
    if products:
        return tuple((p.label, p.elemental_mg_per_day / doses) for p in products)
    if target is None:
        return ()
    name = form.name if form is not None else "Magnesium"
    return ((f"{name} (your target)", target / doses),)


def _clashing(grid: Sequence[int], spaced: Sequence[ScheduledMedicine]) -> list[ScheduledMedicine]:
    """The medicines whose rules take time away from magnesium that no other rule takes.

    When every blocked time is blocked by more than one medicine, all of them are named.
    """
    blocking = [[m for m in spaced if _blocked_by(s, m)] for s in grid]
    sole = [found[0] for found in blocking if len(found) == 1]
    named = [m for m in spaced if any(m is other for other in sole)]
    if named:
        return named
    return [m for m in spaced if any(m is o for found in blocking for o in found)]


def _single(timing: str) -> str:
    return "evening" if timing == "evening" else "midday"


# ----- timing words


def sleep_timing(catalog: Catalog) -> tuple[str, str]:
    """What the content says about taking magnesium in the evening for sleep: (short, long).

    Looks for bedtime dosing in the studies of the sleep symptom; when there is none, the
    evening is said to be for convenience only.
    """
    symptom = next((s for s in catalog.symptoms if s.id == SLEEP), None)
    found: list[str] = []
    if symptom is not None:
        for ident in symptom.studies:
            study = next((s for s in catalog.studies if s.id == ident), None)
            if study is not None and any(w in study.dose.casefold() for w in _BEDTIME_WORDS):
                found.append(f"{study.short_name}: {study.dose.rstrip('.')}")
    if not found:
        return (
            "Evening, as sleep is among your symptoms; mgdesk's content says nothing about the "
            "time of day, so this is for convenience only.",
            "Sleep is among your symptoms, so a single dose is placed in the evening. mgdesk's "
            "content says nothing about what time of day to take magnesium: the evening is chosen "
            "for convenience only.",
        )
    names = ", ".join(f.split(":")[0] for f in found)
    return (
        f"Evening, as sleep is among your symptoms. The studies behind the sleep suggestion "
        f"({names}) gave their dose at bedtime, but none tested when to take magnesium.",
        "Sleep is among your symptoms, so a single dose is placed in the evening. The studies "
        f"behind the sleep suggestion gave their dose at bedtime ({'; '.join(found)}). No study "
        "in mgdesk tested what time of day to take magnesium, so the evening is a sensible "
        "choice, not a proven one.",
    )


# ----- the plan


def _resolve_ids(names: Iterable[str], resolve: Any) -> list[str]:
    ids: list[str] = []
    for name in names:
        try:
            ids.append(resolve(name).id)
        except (InputError, KeyError):
            continue
    return ids


def make_plan(visit: VisitPlan, catalog: Catalog) -> MagnesiumPlan:
    """The plan for one visit. Pure; InputError (naming the field) for a bad label or person."""
    choice = visit.plan or PlanChoice()
    products = read_products(visit.products, catalog.forms, catalog.products)
    limits = limits_for(visit, catalog.dosage)
    total = round(float(sum(p.elemental_mg_per_day for p in products)), 1)
    limit = limits.upper_limit_mg
    above = limit is not None and total > limit
    symptoms = _resolve_ids((s.id for s in visit.symptoms), catalog.resolve_symptom)
    conditions = _resolve_ids(visit.conditions, catalog.condition_index.resolve)
    kidney = KIDNEY in conditions
    form: Form | None = None
    if choice.form:
        try:
            form = catalog.resolve_form(choice.form)
        except InputError as exc:
            raise InputError(f"plan.form: {exc}") from None

    warnings: list[PlanWarning] = list(limits.warnings)
    rda = (
        f" The recommended intake of {limits.rda_mg} mg a day ({limits.rda_kind}) counts food and "
        "water too, so it is shown only as context."
        if limits.rda_mg is not None
        else ""
    )
    explanation: list[str] = [
        "The total counts the magnesium in the products you listed: supplements, and medicines "
        "such as antacids and laxatives. That is what the upper limit covers." + rda
    ]

    # target: only the user's own; mgdesk suggests no amount
    target: float | None = choice.target_mg
    source = "user" if target is not None else "none"
    if target is not None:
        explanation.append(f"Target: {mg_text(target)} of magnesium a day, as you set it.")
        if products:
            explanation.append(
                "The target is shown beside your products, not added to them: the timetable "
                "places the products you take now. If the target is to replace a product, "
                "remove that product; agree both with your doctor."
            )
    else:
        explanation.append(
            "No target is set: mgdesk does not choose an amount for you. The timetable places "
            "the products you take; set a target only if you and your doctor have one in mind."
        )
    doses = choice.doses_per_day
    dose_mg = None if target is None else target / doses

    # totals and their warnings
    if kidney:
        condition = next((c for c in catalog.conditions if c.id == KIDNEY), None)
        advice = condition.advice if condition is not None else ""
        warnings.append(
            PlanWarning(
                "kidney-disease",
                "strong",
                "You listed kidney disease: the kidneys clear magnesium, so it can build up. "
                + advice,
            )
        )
    if limit is None:
        warnings.append(
            PlanWarning(
                "no-upper-limit",
                "strong",
                f"No upper limit for supplemental magnesium is set for {limits.upper_limit_label}. "
                f"{limits.upper_limit_note} Ask a doctor before giving any magnesium supplement.",
            )
        )
    if above:
        text = (
            f"Your products add up to {mg_text(total)} of magnesium a day. That is above the "
            f"upper limit of {limit} mg a day for magnesium from supplements and medicines "
            f"({limits.upper_limit_label}). {ABOVE_LIMIT_ADVICE}"
        )
        if kidney:
            text += (
                " With kidney disease, do not take more than the limit unless your doctor "
                "supervises it."
            )
        warnings.append(PlanWarning("above-upper-limit", "strong" if kidney else "caution", text))
    if source == "user" and target is not None and limit is not None and target > limit:
        warnings.append(
            PlanWarning(
                "target-above-limit",
                "strong" if kidney else "caution",
                f"Your target of {mg_text(target)} a day is above the upper limit of {limit} mg a "
                "day. A doctor may advise this (studies used more, under supervision); agree it "
                "with them.",
            )
        )
    if not products:
        warnings.append(
            PlanWarning(
                "no-products",
                "info",
                "No products listed: the total counts only the labels you add. These can be "
                "supplements, antacids, laxatives or multivitamins.",
            )
        )

    # forms
    chosen_forms = [*visit.forms, *([form.id] if form is not None else [])]
    ranked = rank_forms(
        catalog.forms,
        catalog.symptoms,
        symptoms,
        choice.tolerance,
        target,
        limit,
        _resolve_ids(chosen_forms, catalog.resolve_form),
    )
    explanation.append(
        "Forms are ranked by how many of your symptoms they are suggested for, then by the "
        "evidence grade"
        + (
            ", and lower when they may make diarrhea worse."
            if choice.tolerance == "diarrhoea"
            else "."
        )
    )

    # timetable
    medicines, medicine_warnings = schedule_medicines(visit.medicines, catalog)
    warnings.extend(medicine_warnings)
    if doses == 1 and SLEEP in symptoms:
        timing = "evening"
        timing_why, timing_long = sleep_timing(catalog)
    elif doses == 1:
        timing = "midday"
        timing_why = (
            "Midday, for convenience: mgdesk's content says nothing about the best time of day."
        )
        timing_long = (
            "A single dose is placed at midday for convenience. mgdesk's content says nothing "
            "about the best time of day to take magnesium."
        )
    else:
        timing = "spread"
        timing_why = f"Spread through the day, at least {_duration(MIN_GAP_MINUTES)} apart."
        timing_long = (
            f"The {doses} doses are spread through the day, at least "
            f"{_duration(MIN_GAP_MINUTES)} apart."
        )
    if products or target is not None:
        explanation.append(timing_long)
        explanation.append(
            f"Times are on a {GRID_MINUTES}-minute grid between {hhmm(DAY_START)} and "
            f"{hhmm(DAY_END)}, and keep every spacing rule of your medicines. Each time repeats "
            "daily, so a late dose is also checked against the next morning's medicines."
        )
    timetable, conflicts = build_timetable(
        medicines,
        doses,
        None,
        timing=timing,
        timing_why=timing_why,
        items=_taken(products, target, form, doses),
    )

    warnings.sort(key=lambda w: LEVELS.index(w.level))
    return MagnesiumPlan(
        total_supplemental_mg=total,
        upper_limit_mg=limit,
        upper_limit_label=limits.upper_limit_label,
        above_upper_limit=above,
        rda_mg=limits.rda_mg,
        rda_kind=limits.rda_kind,
        life_stage=limits.life_stage,
        products=products,
        target_mg=target,
        target_source=source,
        doses_per_day=doses,
        dose_mg=dose_mg,
        form=form.id if form is not None else None,
        tolerance=choice.tolerance,
        forms=ranked,
        timetable=timetable,
        warnings=tuple(warnings),
        conflicts=conflicts,
        explanation=tuple(explanation),
    )


__all__ = [
    "Conflict",
    "Limits",
    "MagnesiumPlan",
    "PlanWarning",
    "RankedForm",
    "ScheduledMedicine",
    "SymptomFit",
    "TabletOption",
    "TimetableRow",
    "build_timetable",
    "hhmm",
    "limits_for",
    "make_plan",
    "parse_time",
    "rank_forms",
    "schedule_medicines",
    "sleep_timing",
]
