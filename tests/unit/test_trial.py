"""The try-it plan: checked dates, the phase on any day, and the comparison for a known journal."""

from __future__ import annotations

import datetime as dt

import pytest

from mgdesk.domain.errors import InputError
from mgdesk.domain.journal import JournalEntry, new_entry
from mgdesk.domain.trial import (
    TRIAL_CAUTIONS,
    Phase,
    TrialPlan,
    compare_trial,
    new_trial,
    status,
    trial_from_dict,
    trial_to_dict,
    validate_trial,
)

TODAY = dt.date(2026, 11, 23)
D = dt.date


def plan(**changes: object) -> TrialPlan:
    """Baseline 1-14 March, start 15 March, review 12 April (28 days of trial)."""
    args: dict[str, object] = {
        "baseline_start": "2026-03-01",
        "baseline_end": "2026-03-14",
        "start": "2026-03-15",
        "review": "2026-04-12",
        "form": "malate",
        "dose_mg": 200,
    }
    args.update(changes)
    return new_trial(**args, today=TODAY)  # type: ignore[arg-type]


def known_journal() -> list[JournalEntry]:
    """Baseline: pain 7 and sleep 6 twice a day. Trial: pain 5, sleep 6, malate on 20 of 28
    days. Outside both (before, in the gap, after review) ratings that must not count."""
    out = [new_entry("2026-02-20", "09:00", {"pain": 0}, today=TODAY)]
    day = D(2026, 3, 1)
    while day <= D(2026, 3, 14):
        for time in ("08:00", "20:00"):
            out.append(new_entry(day, time, {"pain": 7, "sleep": 6}, today=TODAY))
        day += dt.timedelta(days=1)
    day = D(2026, 3, 15)
    n = 0
    while day <= D(2026, 4, 11):
        doses = {"malate": 200} if n < 20 else {}
        out.append(new_entry(day, "08:00", {"pain": 5, "sleep": 6}, doses, today=TODAY))
        day += dt.timedelta(days=1)
        n += 1
    out.append(new_entry("2026-04-12", "08:00", {"pain": 5}, {"malate": 200}, today=TODAY))
    out.append(new_entry("2026-05-01", "08:00", {"pain": 10}, today=TODAY))
    return out


@pytest.mark.parametrize(
    ("today", "phase", "day", "length", "next_date"),
    [
        (D(2026, 2, 28), Phase.UPCOMING, None, None, D(2026, 3, 1)),
        (D(2026, 3, 1), Phase.BASELINE, 1, 14, D(2026, 3, 15)),
        (D(2026, 3, 14), Phase.BASELINE, 14, 14, D(2026, 3, 15)),
        (D(2026, 3, 15), Phase.TRIAL, 1, 28, D(2026, 4, 12)),
        (D(2026, 4, 11), Phase.TRIAL, 28, 28, D(2026, 4, 12)),
        (D(2026, 4, 12), Phase.REVIEW_DUE, None, None, None),
        (D(2026, 11, 23), Phase.REVIEW_DUE, None, None, None),
    ],
)
def test_phase_on_any_day(today, phase, day, length, next_date) -> None:
    result = status(plan(), today)
    assert (result.phase, result.day, result.length, result.next_date) == (
        phase,
        day,
        length,
        next_date,
    )
    assert result.sentence(plan())


def test_a_gap_between_baseline_and_start_is_still_baseline() -> None:
    p = plan(start="2026-03-20", review="2026-04-20")
    result = status(p, D(2026, 3, 17))
    assert result.phase is Phase.BASELINE and result.day == 14
    assert "baseline is done" in result.sentence(p)


def test_a_reviewed_plan_is_finished() -> None:
    p = plan(reviewed_on="2026-04-13")
    result = status(p, D(2026, 4, 13))
    assert result.phase is Phase.FINISHED and result.label == "Finished"
    assert "2026-04-13" in result.sentence(p)


def test_phase_sentences_name_the_form_and_dates() -> None:
    p = plan()
    assert "do not start magnesium malate yet" in status(p, D(2026, 3, 2)).sentence(
        p, "magnesium malate"
    )
    trial = status(p, D(2026, 3, 20)).sentence(p)
    assert "day 6 of 28" in trial and "malate 200 mg" in trial and "2026-04-12" in trial


def test_comparison_at_review_for_a_known_journal() -> None:
    result = compare_trial(plan(), known_journal(), D(2026, 4, 12))
    assert result.final
    assert (result.baseline_entries, result.trial_entries) == (28, 28)
    assert (result.dose_days, result.counted_days) == (20, 28)
    assert result.baseline_with_form == 0
    by_symptom = {c.symptom: c for c in result.changes}
    pain = by_symptom["pain"]
    assert (pain.before_mean, pain.before_count, pain.after_mean, pain.after_count) == (
        7.0,
        28,
        5.0,
        28,
    )
    assert pain.change == -2.0
    assert by_symptom["sleep"].change == 0.0
    lines = result.lines({"pain": "Pain", "sleep": "Sleep problems"})
    assert (
        "Pain: 7.0 on average in the baseline (28 ratings), 5.0 during the trial "
        "(28 ratings): 2.0 points lower." in lines
    )
    assert any(line.startswith("Sleep problems:") and "about the same" in line for line in lines)
    assert "malate recorded on 20 of 28 days" in " ".join(lines)
    assert lines[-len(TRIAL_CAUTIONS) :] == list(TRIAL_CAUTIONS)
    cautions = " ".join(TRIAL_CAUTIONS).lower()
    for word in ("placebo", "ups and downs", "regression to the mean", "not a trial"):
        assert word in cautions


def test_an_interim_comparison_says_so() -> None:
    result = compare_trial(plan(), known_journal(), D(2026, 3, 24))
    assert not result.final and result.counted_days == 10 and result.trial_entries == 10
    assert any("interim" in line for line in result.lines())


def test_before_the_trial_there_is_nothing_to_compare() -> None:
    result = compare_trial(plan(), known_journal(), D(2026, 3, 10))
    assert result.changes == () and result.counted_days == 0
    assert "nothing to compare yet" in result.lines()[-1]


def test_a_baseline_with_the_form_is_flagged() -> None:
    entries = [new_entry("2026-03-02", None, {"pain": 6}, {"malate": 100}, today=TODAY)]
    result = compare_trial(plan(), entries, D(2026, 4, 12))
    assert result.baseline_with_form == 1
    assert any("not a clean 'before'" in line for line in result.lines())


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"baseline_end": "2026-02-27"}, "must not end before it starts"),
        ({"start": "2026-03-14"}, "after the baseline has ended"),
        ({"review": "2026-03-15"}, "after the start date"),
        ({"baseline_start": "2025-01-01"}, "at most 365 days"),
        ({"review": "2028-04-12"}, "at most 730 days"),
        ({"form": "Malate!"}, "not a form id"),
        ({"dose_mg": 0}, "above 0"),
        ({"dose_mg": 6000}, "at most 5000"),
        ({"baseline_start": "1899-12-01"}, "before 1900"),
        ({"review": "2026-02-31"}, "real date"),
        ({"reviewed_on": "2026-03-10"}, "before the trial starts"),
        ({"reviewed_on": "2026-11-24"}, "in the future"),
        (
            {
                "baseline_start": "2028-01-01",
                "baseline_end": "2028-01-10",
                "start": "2028-01-11",
                "review": "2028-02-11",
            },
            "within a year",
        ),
    ],
)
def test_bad_plans_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message):
        plan(**changes)


def test_validate_and_json_round_trip() -> None:
    p = plan(note="evening dose", reviewed_on="2026-04-12")
    assert validate_trial(p, TODAY) == p
    assert trial_from_dict(trial_to_dict(p), TODAY) == p
    with pytest.raises(InputError, match="missing"):
        trial_from_dict({"form": "malate"}, TODAY)
