"""The try-it plan: a baseline, a start, a review date, and an honest before/after at review.

The user rates symptoms as usual through a baseline period without the new magnesium, starts
a form and dose on the start date, and reviews on the review date. `status` says where today
falls (upcoming, baseline, trial, review due, finished) and `compare_trial` puts the baseline
averages beside the trial's, with adherence and the cautions that keep the result modest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from mgdesk.domain.errors import InputError
from mgdesk.domain.journal import (
    EARLIEST,
    MAX_NOTE,
    RATING_SCALE,
    JournalEntry,
    SymptomChange,
    clean_text,
    compare_ratings,
    format_mg,
    parse_id,
    parse_mg,
)

MAX_BASELINE_DAYS = 365
MAX_TRIAL_DAYS = 730
MAX_PLAN_AHEAD_DAYS = 366

TRIAL_CAUTIONS: tuple[str, ...] = (
    "Placebo: expecting magnesium to help can make symptoms feel milder for a while, "
    "whatever is in the tablet.",
    "Natural ups and downs: fibromyalgia symptoms come and go with sleep, stress, activity, "
    "weather and other treatments. Two periods of a few weeks can differ for no reason.",
    "Regression to the mean: people often start something new when they feel at their worst. "
    "A bad spell tends to ease by itself, and that looks like an improvement.",
    "One person's diary is not a trial: it cannot show that magnesium caused a change. "
    "Discuss the result with your doctor.",
)


class Phase(StrEnum):
    UPCOMING = "upcoming"
    BASELINE = "baseline"
    TRIAL = "trial"
    REVIEW_DUE = "review-due"
    FINISHED = "finished"


PHASE_LABELS = {
    Phase.UPCOMING: "Not started",
    Phase.BASELINE: "Baseline",
    Phase.TRIAL: "Trial",
    Phase.REVIEW_DUE: "Review due",
    Phase.FINISHED: "Finished",
}


@dataclass(frozen=True)
class TrialPlan:
    """A try-it plan; `reviewed_on` is set when the user has done the review."""

    baseline_start: dt.date
    baseline_end: dt.date
    start: dt.date
    review: dt.date
    form: str
    dose_mg: float
    note: str = ""
    reviewed_on: dt.date | None = None
    id: int | None = None

    def with_id(self, plan_id: int | None) -> TrialPlan:
        return replace(self, id=plan_id)

    @property
    def baseline_days(self) -> int:
        return (self.baseline_end - self.baseline_start).days + 1

    @property
    def trial_days(self) -> int:
        """Days from the start to the review date, the start included and the review not."""
        return (self.review - self.start).days


def _day(value: object, where: str) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date | str):
        raise InputError(f"{where} must be a date written YYYY-MM-DD")
    if isinstance(value, str):
        try:
            if len(value.strip()) != 10:
                raise ValueError
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise InputError(f"{where} must be a real date written YYYY-MM-DD") from None
    assert isinstance(value, dt.date)
    if value < EARLIEST:
        raise InputError(f"{where} must not be before {EARLIEST.isoformat()}")
    return value


def new_trial(
    baseline_start: dt.date | str,
    baseline_end: dt.date | str,
    start: dt.date | str,
    review: dt.date | str,
    form: str,
    dose_mg: float | str,
    note: str = "",
    reviewed_on: dt.date | str | None = None,
    *,
    plan_id: int | None = None,
    today: dt.date | None = None,
) -> TrialPlan:
    """A checked plan: baseline start <= baseline end < start < review, within sane lengths."""
    today = today or dt.date.today()
    b0 = _day(baseline_start, "the baseline start")
    b1 = _day(baseline_end, "the baseline end")
    s = _day(start, "the start date")
    r = _day(review, "the review date")
    if b1 < b0:
        raise InputError("the baseline must not end before it starts")
    if s <= b1:
        raise InputError("the trial must start after the baseline has ended")
    if r <= s:
        raise InputError("the review date must be after the start date")
    if (b1 - b0).days + 1 > MAX_BASELINE_DAYS:
        raise InputError(f"a baseline is at most {MAX_BASELINE_DAYS} days")
    if (r - s).days > MAX_TRIAL_DAYS:
        raise InputError(f"the trial is at most {MAX_TRIAL_DAYS} days from start to review")
    if (b0 - today).days > MAX_PLAN_AHEAD_DAYS:
        raise InputError("the baseline must start within a year from today")
    done: dt.date | None = None
    if reviewed_on not in (None, ""):
        done = _day(reviewed_on, "the review day")
        if done < s:
            raise InputError("the review cannot be done before the trial starts")
        if done > today:
            raise InputError("the review day must not be in the future")
    return TrialPlan(
        b0,
        b1,
        s,
        r,
        parse_id(form, "form"),
        parse_mg(dose_mg, "the dose"),
        clean_text(note, "the note", MAX_NOTE),
        done,
        plan_id,
    )


def validate_trial(plan: TrialPlan, today: dt.date | None = None) -> TrialPlan:
    if not isinstance(plan, TrialPlan):
        raise InputError("not a try-it plan")
    return new_trial(
        plan.baseline_start,
        plan.baseline_end,
        plan.start,
        plan.review,
        plan.form,
        plan.dose_mg,
        plan.note,
        plan.reviewed_on,
        plan_id=plan.id,
        today=today,
    )


# ----- where today falls


@dataclass(frozen=True)
class TrialStatus:
    """Where a plan stands on a given day."""

    phase: Phase
    today: dt.date
    day: int | None
    """Day number within the phase (1 = its first day); None for upcoming and finished."""
    length: int | None
    """Days in the phase (baseline or trial); None where the phase has no set length."""
    next_date: dt.date | None
    """When the next phase begins (None once the review is due or done)."""

    @property
    def label(self) -> str:
        return PHASE_LABELS[self.phase]

    def sentence(self, plan: TrialPlan, form_name: str | None = None) -> str:
        form = f"{form_name or plan.form} {format_mg(plan.dose_mg)} mg"
        if self.phase is Phase.UPCOMING:
            return (
                f"The baseline starts on {plan.baseline_start.isoformat()}: rate your symptoms "
                "as usual, without the new magnesium."
            )
        if self.phase is Phase.BASELINE:
            if self.today > plan.baseline_end:
                return (
                    f"The baseline is done; your plan starts {form} a day on "
                    f"{plan.start.isoformat()} (agree it with your doctor first); keep rating."
                )
            return (
                f"Baseline, day {self.day} of {self.length}: rate your symptoms as usual and do "
                f"not start {form_name or plan.form} yet; the trial starts on "
                f"{plan.start.isoformat()}."
            )
        if self.phase is Phase.TRIAL:
            return (
                f"Trial, day {self.day} of {self.length}: {form} a day, as in your plan; keep "
                f"rating and review on {plan.review.isoformat()}."
            )
        if self.phase is Phase.REVIEW_DUE:
            return (
                f"The review was due on {plan.review.isoformat()}: compare the trial with the "
                "baseline and talk it over with your doctor."
            )
        done = plan.reviewed_on.isoformat() if plan.reviewed_on else "?"
        return f"Finished: reviewed on {done}."


def status(plan: TrialPlan, today: dt.date | None = None) -> TrialStatus:
    today = today or dt.date.today()
    if plan.reviewed_on is not None:
        return TrialStatus(Phase.FINISHED, today, None, None, None)
    if today < plan.baseline_start:
        return TrialStatus(Phase.UPCOMING, today, None, None, plan.baseline_start)
    if today < plan.start:
        day = min((today - plan.baseline_start).days + 1, plan.baseline_days)
        return TrialStatus(Phase.BASELINE, today, day, plan.baseline_days, plan.start)
    if today < plan.review:
        day = (today - plan.start).days + 1
        return TrialStatus(Phase.TRIAL, today, day, plan.trial_days, plan.review)
    return TrialStatus(Phase.REVIEW_DUE, today, None, None, None)


# ----- the comparison


@dataclass(frozen=True)
class TrialComparison:
    """Baseline against trial, per symptom, with adherence and cautions."""

    plan: TrialPlan
    until: dt.date
    """The last day of the trial counted: the day before the review, or today if earlier."""
    final: bool
    """True once the review date has come; before that the comparison is interim."""
    baseline_entries: int
    trial_entries: int
    dose_days: int
    """Days of the trial with a dose of the plan's form recorded."""
    counted_days: int
    baseline_with_form: int
    """Baseline entries that already record the plan's form (they blur the comparison)."""
    changes: tuple[SymptomChange, ...]
    cautions: tuple[str, ...] = TRIAL_CAUTIONS

    def lines(
        self, symptom_names: dict[str, str] | None = None, form_name: str | None = None
    ) -> list[str]:
        plan, names = self.plan, symptom_names or {}
        form = form_name or plan.form
        out = [
            f"Baseline {plan.baseline_start.isoformat()} to {plan.baseline_end.isoformat()}: "
            f"{self.baseline_entries} entries.",
        ]
        if self.counted_days <= 0:
            out.append(f"The trial starts on {plan.start.isoformat()}; nothing to compare yet.")
            return out
        out.append(
            f"Trial with {form} {format_mg(plan.dose_mg)} mg from {plan.start.isoformat()} to "
            f"{self.until.isoformat()}: {self.trial_entries} entries; {form} recorded on "
            f"{self.dose_days} of {self.counted_days} days."
        )
        if not self.final:
            out.append(
                f"The review is on {plan.review.isoformat()}: this is an interim look, "
                "not the result."
            )
        if self.baseline_with_form:
            out.append(
                f"{self.baseline_with_form} baseline entries already record {form}, so the "
                "baseline is not a clean 'before'."
            )
        out.append(f"Ratings run from {RATING_SCALE}, so lower means milder.")
        out += [
            c.sentence(names.get(c.symptom, c.symptom), "in the baseline", "during the trial")
            for c in self.changes
        ]
        out += list(self.cautions)
        return out


def compare_trial(
    plan: TrialPlan, entries: Iterable[JournalEntry], today: dt.date | None = None
) -> TrialComparison:
    """Averages over the baseline against the trial so far (the review day not included)."""
    today = today or dt.date.today()
    until = min(plan.review - dt.timedelta(days=1), today)
    baseline: list[JournalEntry] = []
    trial: list[JournalEntry] = []
    for entry in entries:
        if plan.baseline_start <= entry.date <= plan.baseline_end:
            baseline.append(entry)
        elif plan.start <= entry.date <= until:
            trial.append(entry)
    dose_days = {e.date for e in trial if e.dose(plan.form) is not None}
    return TrialComparison(
        plan=plan,
        until=until,
        final=today >= plan.review,
        baseline_entries=len(baseline),
        trial_entries=len(trial),
        dose_days=len(dose_days),
        counted_days=max((until - plan.start).days + 1, 0),
        baseline_with_form=sum(1 for e in baseline if e.dose(plan.form) is not None),
        changes=compare_ratings(baseline, trial) if until >= plan.start else (),
    )


# ----- as JSON (for the whole-data export)


def trial_to_dict(plan: TrialPlan) -> dict[str, Any]:
    return {
        "baseline_start": plan.baseline_start.isoformat(),
        "baseline_end": plan.baseline_end.isoformat(),
        "start": plan.start.isoformat(),
        "review": plan.review.isoformat(),
        "form": plan.form,
        "dose_mg": int(plan.dose_mg) if plan.dose_mg.is_integer() else plan.dose_mg,
        "note": plan.note,
        "reviewed_on": None if plan.reviewed_on is None else plan.reviewed_on.isoformat(),
    }


def trial_from_dict(obj: object, today: dt.date | None = None) -> TrialPlan:
    keys = ("baseline_start", "baseline_end", "start", "review", "form", "dose_mg", "note")
    if not isinstance(obj, dict):
        raise InputError("a try-it plan must be a JSON object")
    unknown = [k for k in obj if k not in (*keys, "reviewed_on")]
    if unknown:
        raise InputError(f"try-it plan: unknown key {str(unknown[0])[:40]!r}")
    missing = [k for k in keys[:6] if k not in obj]
    if missing:
        raise InputError(f"try-it plan: {missing[0]} is missing")
    return new_trial(
        obj["baseline_start"],
        obj["baseline_end"],
        obj["start"],
        obj["review"],
        obj["form"],
        obj["dose_mg"],
        obj.get("note", ""),
        obj.get("reviewed_on"),
        today=today,
    )
