"""The handout's journal report: built from a known journal, by the domain and by the store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from mgdesk.domain.journal import DIARY_CAUTION, new_entry
from mgdesk.domain.journal_report import build_journal_report, summarise_doses
from mgdesk.domain.visit import VisitPlan
from mgdesk.store.journal import JournalStore
from mgdesk.store.journal_report import load_journal_report
from mgdesk.store.user_db import UserDB, open_user_db
from tests.unit.journal_seed import END, LATEST_AREAS, RANGE, START, STARTED, seed_journal


@pytest.fixture
def db(data_dir: Path) -> Iterator[UserDB]:
    opened = open_user_db()
    seed_journal(JournalStore(opened))
    yield opened
    opened.close()


def plan_with(journal: dict[str, str] | None) -> VisitPlan:
    return VisitPlan.from_dict({"version": 1, "journal": journal})


def test_the_store_fills_the_report_for_the_visits_range(db: UserDB) -> None:
    report = load_journal_report(db, plan_with(RANGE))
    assert report is not None
    assert (report.start, report.end, report.days) == (START, END, 60)
    assert report.entry_count == 60  # the entry before the range is left out
    assert list(report.trends) == ["pain", "sleep"]
    assert report.trends["pain"][0] == (START, 8.0)
    assert len(report.trends["pain"]) == 60
    [dose] = report.doses
    assert (dose.form, dose.total_mg, dose.days, dose.doses) == ("glycinate", 9000.0, 30, 30)
    assert dose.mg_per_day_taken == 300.0
    [comparison] = report.comparisons
    assert comparison.started is not None and comparison.started.date == STARTED
    pain, sleep = comparison.changes
    assert (pain.before_mean, pain.after_mean) == (7.5, 4.5)
    assert (sleep.before_mean, sleep.after_mean) == (8.0, 6.0)
    assert report.caution == DIARY_CAUTION
    assert report.pain_map is not None and report.pain_map.areas == set(LATEST_AREAS)
    assert report.pain_score is not None
    assert (report.pain_score.wpi, report.pain_score.sss, report.pain_score.fs) == (7, 6, 13)


def test_no_range_or_an_empty_range_gives_no_report(db: UserDB) -> None:
    assert load_journal_report(db, plan_with(None)) is None
    long_ago = {"from": "2001-01-01", "to": "2001-12-31"}
    assert load_journal_report(db, plan_with(long_ago)) is None


def test_a_range_with_only_a_pain_map_still_reports_it(db: UserDB) -> None:
    day = (START - dt.timedelta(days=3)).isoformat()
    report = load_journal_report(db, plan_with({"from": day, "to": day}))
    assert report is not None
    assert report.entry_count == 0 and not report.trends and not report.doses
    assert report.pain_map is not None and report.pain_map.areas == {"neck"}


def test_doses_are_summed_per_form_in_the_order_first_taken() -> None:
    day = dt.date(2024, 3, 1)
    entries = [
        new_entry(day, "08:00", [("pain", 5)], [("citrate", 100.0)]),
        new_entry(day, "20:00", [("pain", 4)], [("citrate", 150.0), ("glycinate", 200.0)]),
        new_entry(day + dt.timedelta(days=2), None, [("pain", 3)], [("citrate", 100.0)]),
    ]
    citrate, glycinate = summarise_doses(entries)
    assert (citrate.form, citrate.total_mg, citrate.days, citrate.doses) == ("citrate", 350, 2, 3)
    assert citrate.mg_per_day_taken == 175.0
    assert (glycinate.total_mg, glycinate.days) == (200.0, 1)
    report = build_journal_report(day, day, entries)
    assert report is not None and report.entry_count == 2  # the third day is outside
