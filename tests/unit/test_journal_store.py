"""The journal store: entries, undo, ranges, series, pain maps, plans, files, and migration 0002."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from mgdesk import paths
from mgdesk.domain.errors import InputError
from mgdesk.domain.journal import JournalEntry, build_series, new_entry
from mgdesk.domain.painmap import new_pain_map
from mgdesk.domain.trial import Phase, new_trial, status
from mgdesk.domain.visit import VisitPlan
from mgdesk.store import user_db
from mgdesk.store.journal import ImportResult, JournalStore
from mgdesk.store.user_db import UserDB, backups, open_user_db
from mgdesk.store.visits import VisitStore

D = dt.date


@pytest.fixture
def db(data_dir: Path) -> Iterator[UserDB]:
    opened = open_user_db()
    yield opened
    opened.close()


@pytest.fixture
def store(db: UserDB) -> JournalStore:
    return JournalStore(db)


def e(day: str, time: str | None, ratings: dict[str, int], doses=None, note="") -> JournalEntry:
    return new_entry(day, time, ratings, doses or {}, note)


def _rows(db: UserDB, table: str) -> int:
    connection = sqlite3.connect(db.path)
    try:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        connection.close()


# ----- entries


def test_add_get_update(store: JournalStore) -> None:
    saved = store.add(e("2025-06-01", "08:30", {"pain": 7, "fatigue": 5}, {"malate": 200}, "hi"))
    assert saved.id is not None
    assert store.get(saved.id) == saved
    changed = e("2025-06-01", "09:00", {"pain": 4}, {"glycinate": 150, "malate": 100}, "edited")
    updated = store.update(changed.with_id(saved.id))
    assert store.get(saved.id) == updated
    assert updated.ratings[0].symptom == "pain" and len(updated.doses) == 2
    assert store.count() == 1


def test_several_entries_a_day_in_time_order(store: JournalStore) -> None:
    evening = store.add(e("2025-06-01", "21:00", {"pain": 6}))
    morning = store.add(e("2025-06-01", "07:00", {"pain": 4}))
    untimed = store.add(e("2025-06-01", None, {"pain": 5}))
    noon = store.add(e("2025-06-01", "12:00", {"pain": 5}))
    assert [x.id for x in store.entries()] == [morning.id, untimed.id, noon.id, evening.id]


def test_delete_returns_the_entry_and_restore_undoes_it(db: UserDB, store: JournalStore) -> None:
    first = store.add(e("2025-06-01", "08:00", {"pain": 7}, {"malate": 200}, "note"))
    second = store.add(e("2025-06-02", "08:00", {"pain": 6}))
    removed = store.delete(first.id or 0)
    assert removed == first
    assert [x.id for x in store.entries()] == [second.id]
    assert (_rows(db, "journal_rating"), _rows(db, "journal_dose")) == (1, 0)  # cascaded
    third = store.add(e("2025-06-03", "08:00", {"pain": 5}))
    assert third.id not in (first.id, second.id)  # ids are never reused
    assert store.restore(removed) == first
    assert store.get(first.id or 0) == first
    with pytest.raises(InputError, match="exists already"):
        store.restore(removed)


def test_missing_ids_are_clear_errors(store: JournalStore) -> None:
    for call in (store.get, store.delete, store.get_pain_map, store.get_trial):
        with pytest.raises(InputError, match="no .* with id 404"):
            call(404)
    with pytest.raises(InputError, match="with an id"):
        store.update(e("2025-06-01", None, {"pain": 1}))
    with pytest.raises(InputError, match="no journal entry"):
        store.update(e("2025-06-01", None, {"pain": 1}).with_id(404))


def test_bad_values_change_nothing(db: UserDB, store: JournalStore) -> None:
    kept = store.add(e("2025-06-01", "08:00", {"pain": 7}))
    future = JournalEntry(dt.date.today() + dt.timedelta(days=1), None, kept.ratings)
    with pytest.raises(InputError, match="in the future"):
        store.add(future)
    bad = JournalEntry(kept.date, None, (type(kept.ratings[0])("pain", 11),))
    with pytest.raises(InputError, match="from 0 to 10"):
        store.add(bad)
    with pytest.raises(InputError, match="from 0 to 10"):
        store.update(bad.with_id(kept.id))
    assert store.entries() == [kept]
    assert _rows(db, "journal_rating") == 1


def test_date_ranges_include_both_ends(store: JournalStore) -> None:
    for day in ("2025-05-31", "2025-06-01", "2025-06-15", "2025-06-30", "2025-07-01"):
        store.add(e(day, None, {"pain": 1}))
    got = store.entries(D(2025, 6, 1), D(2025, 6, 30))
    assert [x.date.isoformat() for x in got] == ["2025-06-01", "2025-06-15", "2025-06-30"]
    assert len(store.entries(start=D(2025, 6, 16))) == 2
    assert len(store.entries(end=D(2025, 6, 1))) == 2
    assert store.date_span() == (D(2025, 5, 31), D(2025, 7, 1))
    with pytest.raises(InputError, match="must not be before"):
        store.entries(D(2025, 7, 1), D(2025, 6, 1))


def test_series_match_the_data(store: JournalStore) -> None:
    data = [
        ("2025-06-01", "08:00", {"pain": 7, "sleep": 3}, {}),
        ("2025-06-01", "20:00", {"pain": 6}, {"malate": 200}),
        ("2025-06-02", "08:00", {"pain": 5, "sleep": 4}, {"malate": 200, "glycinate": 100}),
    ]
    ids = [store.add(e(day, t, r, d)).id for day, t, r, d in data]
    series = store.series()
    assert series.symptom_ids() == ["pain", "sleep"]
    assert [(p.when, p.value, p.entry_id) for p in series.symptoms["pain"]] == [
        (dt.datetime(2025, 6, 1, 8), 7, ids[0]),
        (dt.datetime(2025, 6, 1, 20), 6, ids[1]),
        (dt.datetime(2025, 6, 2, 8), 5, ids[2]),
    ]
    assert [p.value for p in series.symptoms["sleep"]] == [3, 4]
    assert [(m.form, m.mg, m.entry_id) for m in series.doses] == [
        ("malate", 200.0, ids[1]),
        ("glycinate", 100.0, ids[2]),
        ("malate", 200.0, ids[2]),
    ]
    assert list(store.series(D(2025, 6, 2), D(2025, 6, 2)).symptoms["pain"])[0].value == 5
    assert store.forms_taken() == ["malate", "glycinate"]


def test_before_after_from_the_store(store: JournalStore) -> None:
    for day in range(1, 11):
        store.add(e(f"2025-06-{day:02d}", "08:00", {"pain": 8}))
    for day in range(11, 21):
        store.add(e(f"2025-06-{day:02d}", "08:00", {"pain": 6}, {"malate": 300}))
    result = store.before_after("malate")
    assert result.started is not None and result.started.date == D(2025, 6, 11)
    assert result.changes[0].change == -2.0


# ----- pain maps


def test_pain_maps_are_dated_listed_and_compared(store: JournalStore) -> None:
    first = store.add_pain_map(
        new_pain_map("2025-03-01", ["neck", "hip-left"], {"fatigue": 3}, True, "before")
    )
    second = store.add_pain_map(new_pain_map("2025-06-01", ["neck"], {"fatigue": 1}))
    assert first.id is not None and second.id is not None
    assert store.get_pain_map(first.id) == first
    assert store.pain_maps() == [first, second]
    assert store.pain_maps(start=D(2025, 4, 1)) == [second]
    assert store.latest_pain_map() == second
    change = store.compare_pain_maps(second.id, first.id)
    assert (change.older.id, change.wpi_change, change.sss_change) == (first.id, -1, -2)
    updated = store.update_pain_map(
        new_pain_map("2025-06-02", ["neck", "chest"], {"depression": 1}, map_id=second.id)
    )
    assert store.get_pain_map(second.id) == updated
    removed = store.delete_pain_map(second.id)
    assert store.latest_pain_map() == first
    store.restore_pain_map(removed)
    assert store.latest_pain_map() == updated


def test_an_empty_store_has_no_latest_map(store: JournalStore) -> None:
    assert store.latest_pain_map() is None and store.pain_maps() == []


# ----- try-it plans


def test_trials_with_their_phase_and_review(store: JournalStore) -> None:
    plan = store.add_trial(
        new_trial("2025-03-01", "2025-03-14", "2025-03-15", "2025-04-12", "malate", 200)
    )
    assert plan.id is not None
    assert store.get_trial(plan.id) == plan and store.current_trial() == plan
    for day in range(1, 15):
        store.add(e(f"2025-03-{day:02d}", "08:00", {"pain": 7}))
    for day in range(15, 32):
        store.add(e(f"2025-03-{day:02d}", "08:00", {"pain": 5}, {"malate": 200}))
    review = store.trial_review(plan.id, D(2025, 4, 12))
    assert (review.baseline_entries, review.trial_entries, review.dose_days) == (14, 17, 17)
    assert review.changes[0].change == -2.0
    assert status(plan, D(2025, 3, 20)).phase is Phase.TRIAL
    done = store.mark_reviewed(plan.id, D(2025, 4, 12))
    assert status(done).phase is Phase.FINISHED
    assert store.current_trial() is None
    removed = store.delete_trial(plan.id)
    assert store.trials() == []
    store.restore_trial(removed)
    assert store.trials() == [done]


# ----- import and export


def _journal(store: JournalStore) -> None:
    store.add(e("2025-01-01", None, {"pain": 3}, {}, 'comma, "quotes"\nsecond line'))
    store.add(e("2025-01-01", "07:05", {"pain": 0, "brain-fog": 10}, {"malate": 187.5}))
    store.add(e("2025-01-01", "07:05", {"pain": 1}))
    store.add(e("2025-01-02", "23:59", {"sleep": 4}, {"glycinate": 0.25, "malate": 5000}, "Ü ✓"))


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_export_import_round_trip_exactly(
    kind: str, store: JournalStore, tmp_path: Path, monkeypatch
) -> None:
    _journal(store)
    exported = store.export_csv() if kind == "csv" else store.export_json()
    before = store.entries()
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "other"))
    other_db = open_user_db()
    other = JournalStore(other_db)
    load = other.import_csv if kind == "csv" else other.import_json
    assert load(exported) == ImportResult(4, 0)
    again = other.export_csv() if kind == "csv" else other.export_json()
    assert again == exported
    assert [x.with_id(None) for x in other.entries()] == [x.with_id(None) for x in before]
    # importing the same file again doubles nothing
    assert load(exported) == ImportResult(0, 4)
    assert other.count() == 4
    other_db.close()


def test_import_skips_duplicates_but_keeps_new_entries(store: JournalStore) -> None:
    store.add(e("2025-01-01", "08:00", {"pain": 3}))
    text = (
        "date,time,rate:pain,note\r\n"
        "2025-01-01,08:00,3,\r\n"  # the same as the saved entry
        "2025-01-01,08:00,4,\r\n"  # same moment, other content: kept
        "2025-01-02,,5,x\r\n"
        "2025-01-02,,5,x\r\n"  # repeated in the file
    )
    assert store.import_csv(text) == ImportResult(2, 2)
    assert store.count() == 3


def test_a_bad_import_changes_nothing(db: UserDB, store: JournalStore) -> None:
    _journal(store)
    before = store.export_json()
    text = "date,time,rate:pain\n2025-02-01,,3\n2025-02-02,,4\n2025-02-03,,eleven\n"
    with pytest.raises(InputError, match="line 4"):
        store.import_csv(text)
    assert store.export_json() == before


def test_a_failure_half_way_through_an_import_rolls_back(store: JournalStore, monkeypatch) -> None:
    _journal(store)
    before = store.export_json()
    real = JournalStore._insert
    calls = []

    def failing(self, session, entry):
        calls.append(entry)
        if len(calls) == 2:
            raise OSError("disk full")
        return real(self, session, entry)

    monkeypatch.setattr(JournalStore, "_insert", failing)
    with pytest.raises(OSError, match="disk full"):
        store.import_csv("date,rate:pain\n2025-02-01,3\n2025-02-02,4\n")
    monkeypatch.undo()
    assert len(calls) == 2
    assert store.export_json() == before


def test_import_checks_known_ids(store: JournalStore) -> None:
    with pytest.raises(InputError, match="unknown symptom 'mood'"):
        store.import_json(
            '{"version": 1, "entries": [{"date": "2025-01-01", "ratings": {"mood": 3}}]}',
            symptoms={"pain"},
        )
    assert store.count() == 0


# ----- schema


def test_models_match_the_migration(db: UserDB) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from mgdesk.store.models import Base

    mine = {"journal_entry", "journal_rating", "journal_dose", "pain_map", "trial_plan"}
    with db.engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert [d for d in diffs if any(table in repr(d) for table in mine)] == []


def test_foreign_keys_are_enforced(db: UserDB) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO journal_rating (entry_id, symptom, value) VALUES (999, 'pain', 3)"
        )


def test_the_fingerprint_changes_with_every_kind_of_write(store: JournalStore) -> None:
    seen = {store.fingerprint()}
    first = store.add(e("2025-10-02", "08:00", {"pain": 4}))
    seen.add(store.fingerprint())
    second = store.add(e("2025-10-03", "08:00", {"pain": 5}))
    seen.add(store.fingerprint())
    store.update(replace(first, note="slept badly"))
    seen.add(store.fingerprint())
    store.delete(second.id or 0)
    seen.add(store.fingerprint())
    assert len(seen) == 5
    assert store.fingerprint() == store.fingerprint()  # reading changes nothing


def test_migration_from_0001_keeps_existing_visits(data_dir: Path) -> None:
    from alembic import command
    from alembic.config import Config

    data_dir.mkdir(mode=0o700)
    path = data_dir / paths.USER_DB_NAME
    config = Config()
    config.set_main_option("script_location", str(paths.migrations_dir()))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    command.upgrade(config, "0001")
    assert user_db.inspect(path) == "0001"
    # Written as that version wrote it (today's ORM knows columns 0001 does not have).
    with sqlite3.connect(path) as old:
        visit_id = old.execute(
            "INSERT INTO visit (name, visit_date, created, updated, document, is_draft) "
            "VALUES (?, ?, ?, ?, ?, 0)",
            (
                "Dr Ames",
                "2025-10-01",
                "2025-10-01T09:00:00",
                "2025-10-01T09:00:00",
                VisitPlan(name="Dr Ames", date="2025-10-01").to_json(),
            ),
        ).lastrowid
    old.close()
    assert visit_id is not None

    db = open_user_db()
    try:
        assert user_db.inspect(path) == user_db.head_revision() >= "0002"
        assert VisitStore(db).get(visit_id).plan.name == "Dr Ames"
        assert any("before-migration" in b.name for b in backups(data_dir))
        saved = JournalStore(db).add(e("2025-10-02", "08:00", {"pain": 4}))
        assert JournalStore(db).get(saved.id or 0) == saved
    finally:
        db.close()


def test_the_fast_series_equals_the_domain_series(store: JournalStore) -> None:
    times = [None, "00:00", "12:00", "11:59", "12:01", "23:59"]
    for day in range(1, 6):
        for n, at in enumerate(times):
            ratings = {
                s: (day * n + i) % 11 for i, s in enumerate(("pain", "sleep", "ibs")[: n % 3 + 1])
            }
            doses = {"malate": 100 + n, "oxide": 50} if n % 2 else {}
            store.add(e(f"2025-06-0{day}", at, ratings, doses))
    for start, end in ((None, None), (D(2025, 6, 2), D(2025, 6, 4)), (D(2025, 7, 1), None)):
        assert store.series(start, end) == build_series(store.entries(start, end))
