"""The user DB: created by migration, backed up first, newer or damaged files never written."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest

from mgdesk.domain.errors import InputError
from mgdesk.domain.visit import VisitPlan
from mgdesk.store import user_db
from mgdesk.store.user_db import (
    UserDBCorrupt,
    UserDBTooNew,
    backups,
    daily_backup,
    head_revision,
    known_revisions,
    open_user_db,
)
from mgdesk.store.visits import VisitStore


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_revision_files_match_their_ids() -> None:
    folder = Path(user_db.paths.migrations_dir()) / "versions"
    for revision in known_revisions():
        (script,) = folder.glob(f"{revision}_*.py")
        assert f'revision = "{revision}"' in script.read_text()


def test_new_database_is_migrated_private_and_in_wal(data_dir: Path) -> None:
    db = open_user_db()
    try:
        assert db.path == data_dir / "user.sqlite"
        assert user_db.inspect(db.path) == head_revision()
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert _mode(data_dir) == 0o700
        assert _mode(db.path) == 0o600
        assert not (data_dir / "user.sqlite.migrating").exists()
    finally:
        db.close()


def test_reopening_a_current_database_does_not_migrate(data_dir: Path, monkeypatch) -> None:
    open_user_db().close()
    monkeypatch.setattr(user_db, "_run_migrations", lambda path: pytest.fail("migrated again"))
    open_user_db().close()


def test_an_older_database_is_backed_up_then_migrated(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    old = data_dir / "user.sqlite"
    connection = sqlite3.connect(old)
    connection.execute("CREATE TABLE keepme (x)")
    connection.execute("INSERT INTO keepme VALUES (42)")
    connection.commit()
    connection.close()
    db = open_user_db()
    db.close()
    saved = backups(data_dir)
    assert len(saved) == 1 and "before-migration" in saved[0].name
    assert sqlite3.connect(saved[0]).execute("SELECT x FROM keepme").fetchone() == (42,)
    assert sqlite3.connect(old).execute("SELECT x FROM keepme").fetchone() == (42,)
    assert _mode(saved[0]) == 0o600


def test_a_newer_database_is_refused_and_left_untouched(data_dir: Path) -> None:
    open_user_db().close()
    path = data_dir / "user.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    before = _digest(path)
    with pytest.raises(UserDBTooNew, match="newer version of mgdesk"):
        open_user_db()
    assert _digest(path) == before


def test_a_corrupt_database_is_moved_aside_and_the_backup_named(data_dir: Path) -> None:
    db = open_user_db()
    VisitStore(db).add(VisitPlan(name="kept"))
    db.close()
    backup = user_db.make_backup(data_dir / "user.sqlite", "manual")
    path = data_dir / "user.sqlite"
    damaged = b"this is not a database at all" * 100
    path.write_bytes(damaged)
    with pytest.raises(UserDBCorrupt) as caught:
        open_user_db()
    assert not path.exists()
    assert caught.value.moved_to.read_bytes() == damaged
    assert caught.value.backup == backup
    assert str(backup) in str(caught.value)


def test_failed_migration_leaves_the_old_file_whole(data_dir: Path, monkeypatch) -> None:
    data_dir.mkdir(mode=0o700)
    path = data_dir / "user.sqlite"
    sqlite3.connect(path).execute("CREATE TABLE visit (x)").connection.commit()
    before = _digest(path)
    with pytest.raises(user_db.UserDBError, match="could not update"):
        open_user_db()
    assert _digest(path) == before
    assert not (data_dir / "user.sqlite.migrating").exists()


def test_daily_backups_keep_the_last_seven(data_dir: Path) -> None:
    db = open_user_db()
    db.close()
    start = dt.date(2026, 1, 1)
    for day in range(10):
        daily_backup(db.path, start + dt.timedelta(days=day))
    assert daily_backup(db.path, start + dt.timedelta(days=9)) is None
    kept = sorted(p.name for p in (data_dir / "backups").glob("user-daily-*"))
    assert kept == [f"user-daily-2026-01-{d:02d}.sqlite" for d in range(4, 11)]


def test_visit_store_round_trip_and_undo(data_dir: Path) -> None:
    db = open_user_db()
    store = VisitStore(db)
    first = store.add(VisitPlan(name="First", date="2026-12-01"))
    second = store.add(VisitPlan(name="Second"))
    assert [v.id for v in store.list()] == [second, first]
    store.update(first, VisitPlan(name="First, renamed"))
    assert store.list()[0].name == "First, renamed"
    removed = store.delete(first)
    assert [v.id for v in store.list()] == [second]
    store.restore(removed)
    assert store.get(first).plan.name == "First, renamed"
    with pytest.raises(InputError, match="no saved visit with id 999"):
        store.get(999)
    db.close()


def test_the_draft_is_separate_from_saved_visits(data_dir: Path) -> None:
    db = open_user_db()
    store = VisitStore(db)
    assert store.load_draft() is None
    store.save_draft(VisitPlan(notes="typing"))
    store.save_draft(VisitPlan(notes="typing more"))
    assert store.load_draft() == VisitPlan(notes="typing more")
    assert store.list() == []
    db.close()
    reopened = open_user_db()
    assert VisitStore(reopened).load_draft() == VisitPlan(notes="typing more")
    reopened.close()


def test_the_draft_names_the_saved_visit_it_edits_until_that_one_is_deleted(
    data_dir: Path,
) -> None:
    db = open_user_db()
    store = VisitStore(db)
    saved = store.add(VisitPlan(name="Dr Ames", date="2026-12-01"))
    store.save_draft(VisitPlan(name="Dr Ames", date="2026-12-01", notes="edited"), saved)
    db.close()
    reopened = VisitStore(db := open_user_db())
    assert reopened.draft_of() == saved
    reopened.delete(saved)
    assert reopened.draft_of() is None
    reopened.save_draft(VisitPlan(notes="a new visit"))
    assert reopened.draft_of() is None
    db.close()


def test_a_deleted_visit_id_is_never_given_to_a_new_visit(data_dir: Path) -> None:
    db = open_user_db()
    store = VisitStore(db)
    kept = store.add(VisitPlan(name="Kept"))
    newest = store.add(VisitPlan(name="Newest"))
    store.save_draft(VisitPlan(name="Newest", notes="edited"), newest)
    store.delete(newest)
    added = store.add(VisitPlan(name="Unrelated"))
    assert added not in (kept, newest)
    assert store.draft_of() is None  # the draft does not fall onto the unrelated visit
    db.close()


def test_a_file_where_the_data_folder_should_be_is_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    with pytest.raises(OSError):
        open_user_db(blocker)
    assert blocker.read_text() == "not a folder"


def test_restore_from_backup_keeps_the_current_file(data_dir: Path) -> None:
    db = open_user_db()
    store = VisitStore(db)
    store.add(VisitPlan(name="before backup"))
    db.close()
    backup = user_db.make_backup(data_dir / "user.sqlite", "manual")
    db = open_user_db()
    VisitStore(db).add(VisitPlan(name="after backup"))
    db.close()
    kept = user_db.restore_backup(backup)
    assert kept is not None and kept.exists()
    db = open_user_db()
    assert [v.name for v in VisitStore(db).list()] == ["before backup"]
    db.close()
    assert sqlite3.connect(kept).execute("SELECT count(*) FROM visit").fetchone() == (2,)


def test_restore_refuses_a_damaged_backup(data_dir: Path, tmp_path: Path) -> None:
    db = open_user_db()
    VisitStore(db).add(VisitPlan(name="precious"))
    db.close()
    before = _digest(data_dir / "user.sqlite")
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"nope" * 500)
    with pytest.raises(user_db.UserDBError, match="not a sound mgdesk backup"):
        user_db.restore_backup(bad)
    assert _digest(data_dir / "user.sqlite") == before
