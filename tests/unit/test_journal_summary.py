"""The journal's chart in words: trends per symptom, doses per form, and the named ranges."""

from __future__ import annotations

import datetime as dt

import pytest

from mgdesk.domain.journal import build_series, new_entry
from mgdesk.domain.journal_summary import (
    dose_totals,
    range_bounds,
    range_sentence,
    symptom_trends,
)

D = dt.date
TODAY = D(2026, 3, 31)


def _series():  # type: ignore[no-untyped-def]
    entries = [
        new_entry("2026-03-01", "08:00", {"pain": 7, "fatigue": 5}, {}, today=TODAY),
        new_entry("2026-03-01", "20:00", {"pain": 6}, {"malate": 200}, today=TODAY),
        new_entry("2026-03-02", None, {"pain": 4}, {"malate": 200, "citrate": 100}, today=TODAY),
        new_entry("2026-03-05", "09:30", {"pain": 5, "sleep": 3}, {"malate": 300}, today=TODAY),
    ]
    return build_series(e.with_id(i) for i, e in enumerate(entries, start=1))


def test_trends_per_symptom_in_the_tracked_order() -> None:
    trends = symptom_trends(_series(), order=("sleep", "pain"))
    assert [t.symptom for t in trends] == ["sleep", "pain", "fatigue"]
    pain = trends[1]
    assert (pain.count, pain.mean, pain.low, pain.high) == (4, 5.5, 4, 7)
    assert pain.sentence("Pain") == (
        "Pain: 4 ratings from 2026-03-01 to 2026-03-05, 5.5 on average (lowest 4, highest 7); "
        "the latest was 5 on 2026-03-05."
    )
    assert trends[0].sentence("Sleep").startswith("Sleep: 1 rating on 2026-03-05, 3.0 on average")


def test_doses_per_form_count_days_and_the_usual_dose() -> None:
    malate, citrate = dose_totals(_series().doses)
    assert (malate.form, malate.entries, malate.days, malate.usual_mg) == ("malate", 3, 3, 200)
    assert malate.sentence("Magnesium malate") == (
        "Magnesium malate: recorded on 3 days from 2026-03-01 to 2026-03-05, most often 200 mg."
    )
    assert citrate.sentence("Magnesium citrate").startswith("Magnesium citrate: recorded on 1 day")
    assert dose_totals([]) == []


def test_named_ranges_end_today() -> None:
    assert range_bounds("30", TODAY) == (D(2026, 3, 2), TODAY)
    assert range_bounds("90", TODAY) == (D(2026, 1, 1), TODAY)
    assert range_bounds("all", TODAY) == (None, None)
    with pytest.raises(ValueError):
        range_bounds("custom", TODAY)


def test_range_sentences() -> None:
    assert range_sentence(None, None, None) == "All entries (none yet)."
    span = (D(2026, 1, 1), D(2026, 2, 1))
    assert range_sentence(None, None, span) == "All entries, from 2026-01-01 to 2026-02-01."
    assert range_sentence(D(2026, 1, 5), TODAY, span) == "From 2026-01-05 to 2026-03-31."
