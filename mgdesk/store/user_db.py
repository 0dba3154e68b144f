"""Opening the user's database safely: check, back up, migrate on a copy, refuse what we can't read.

The order on open is the point of this module:
1. a quick integrity check; a corrupt file is moved aside under a dated name, never written;
2. the schema revision is read with plain sqlite3; one from a newer mgdesk is refused untouched;
3. only when a migration is due is Alembic imported (it is slow to import): the DB is backed up,
   copied, migrated as the copy, and the copy renamed into place only when it succeeded;
4. one engine factory sets the pragmas (WAL, foreign keys, full sync) on every connection.

SQLAlchemy is imported only when the first write needs the engine: opening the DB and the
reads the window makes while it starts use plain sqlite3 (DESIGN: fast read paths may), since
importing the ORM alone takes longer than building every tab.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mgdesk import paths

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

BACKUP_DIR = "backups"
DAILY_BACKUPS_KEPT = 7
_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")


class UserDBError(RuntimeError):
    """The user DB cannot be used as it is; the message says what and what to do."""


class UserDBCorrupt(UserDBError):
    """The DB failed its integrity check and was moved aside (never deleted, never written)."""

    def __init__(self, moved_to: Path, backup: Path | None) -> None:
        self.moved_to = moved_to
        self.backup = backup
        offer = f"; the newest backup is {backup}" if backup else "; there is no backup yet"
        super().__init__(
            f"your data file was damaged and has been moved aside to {moved_to}{offer}"
        )


class UserDBTooNew(UserDBError):
    """The DB was written by a newer mgdesk; it is left exactly as it is."""

    def __init__(self, path: Path, revision: str) -> None:
        self.path = path
        self.revision = revision
        super().__init__(
            f"{path} was written by a newer version of mgdesk (schema {revision}); it was left "
            "untouched. Please update mgdesk to open it."
        )


def storage_errors() -> tuple[type[Exception], ...]:
    """What a store call raises when storage fails, for callers that report it and go on.

    SQLAlchemy's errors are included only once SQLAlchemy is loaded (nothing raises them
    before), so catching them never imports it.
    """
    errors: tuple[type[Exception], ...] = (UserDBError, sqlite3.Error)
    loaded = sys.modules.get("sqlalchemy.exc")
    if loaded is not None:
        errors += (loaded.SQLAlchemyError,)
    return errors


def known_revisions() -> list[str]:
    """Revision ids of the shipped migrations, oldest first (files are named NNNN_*.py)."""
    folder = paths.migrations_dir() / "versions"
    found = [m.group(1) for p in folder.glob("*.py") if (m := _REVISION_FILE.match(p.name))]
    return sorted(found)


def head_revision() -> str:
    return known_revisions()[-1]


def _now_stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def _private_file(path: Path) -> None:
    if os.name == "posix" and path.exists():
        os.chmod(path, 0o600)


def inspect(path: Path) -> str | None:
    """The schema revision of an existing DB (None when it has none yet).

    Raises sqlite3.DatabaseError when the file is not a sound SQLite database.
    """
    connection = sqlite3.connect(path)
    try:
        result = connection.execute("PRAGMA quick_check").fetchone()
        if result is None or result[0] != "ok":
            raise sqlite3.DatabaseError(f"integrity check failed: {result}")
        has_table = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        if not has_table:
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if row is None else str(row[0])
    finally:
        connection.close()


def backup_folder(folder: Path) -> Path:
    return paths.ensure_private_dir(folder / BACKUP_DIR)


def backups(folder: Path) -> list[Path]:
    """Every backup, newest first."""
    where = folder / BACKUP_DIR
    if not where.is_dir():
        return []
    return sorted(where.glob("user-*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)


_DAILY_NAME = re.compile(r"^user-daily-(\d{4}-\d{2}-\d{2})\.sqlite$")
_STAMPED_NAME = re.compile(r"^user-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})\d{2}-([\w-]+)\.sqlite$")
_REASONS = {"before-migration": "before an update"}


def backup_label(path: Path) -> str:
    """How a backup is named to a person: "Daily backup of 2026-11-23" rather than its file."""
    daily = _DAILY_NAME.match(path.name)
    if daily:
        return f"Daily backup of {daily.group(1)}"
    stamped = _STAMPED_NAME.match(path.name)
    if stamped:
        year, month, day, hour, minute, reason = stamped.groups()
        why = _REASONS.get(reason, reason.replace("-", " "))
        return f"Backup {why}, {year}-{month}-{day} {hour}:{minute}"
    return path.name


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup API (safe while WAL holds recent writes)."""
    target.unlink(missing_ok=True)
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    _private_file(target)


def make_backup(db_path: Path, reason: str) -> Path:
    """Copy the DB into `backups/` under a dated name and return the copy's path."""
    target = backup_folder(db_path.parent) / f"user-{_now_stamp()}-{reason}.sqlite"
    copy_database(db_path, target)
    return target


def daily_backup(db_path: Path, today: dt.date | None = None) -> Path | None:
    """At most one backup a day, keeping the last seven daily ones."""
    if not db_path.is_file():
        return None
    day = (today or dt.date.today()).isoformat()
    folder = backup_folder(db_path.parent)
    target = folder / f"user-daily-{day}.sqlite"
    if target.exists():
        return None
    copy_database(db_path, target)
    dailies = sorted(folder.glob("user-daily-*.sqlite"), reverse=True)
    for old in dailies[DAILY_BACKUPS_KEPT:]:
        old.unlink(missing_ok=True)
    return target


def move_aside(db_path: Path) -> Path:
    """Move a damaged DB (and its WAL files) to a dated name beside it."""
    stamp = _now_stamp()
    moved = db_path.with_name(f"user.corrupt-{stamp}.sqlite")
    os.replace(db_path, moved)
    for suffix in ("-wal", "-shm"):
        extra = db_path.with_name(db_path.name + suffix)
        if extra.exists():
            os.replace(extra, moved.with_name(moved.name + suffix))
    return moved


def _run_migrations(db_file: Path) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(paths.migrations_dir()))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{db_file}")
    command.upgrade(config, "head")


def migrate(db_path: Path) -> None:
    """Bring the DB to the head revision on a copy, renamed into place only on success."""
    work = db_path.with_name(db_path.name + ".migrating")
    work.unlink(missing_ok=True)
    if db_path.exists():
        make_backup(db_path, "before-migration")
        copy_database(db_path, work)
    try:
        _run_migrations(work)
        _private_file(work)
        for suffix in ("-wal", "-shm"):
            db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
        os.replace(work, db_path)
    except Exception as exc:
        work.unlink(missing_ok=True)
        raise UserDBError(f"could not update the data file's format: {exc}") from exc


def _set_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(db_path: Path) -> Engine:
    """The one engine factory: every connection gets the same pragmas."""
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///{db_path}")
    event.listen(engine, "connect", _set_pragmas)
    return engine


class UserDB:
    """An open, current user DB: `reading()` for plain-SQL reads, `sessions` for the ORM.

    The engine and the session factory are made on first use (a write), so a start-up that
    only reads never imports SQLAlchemy; both may also be given (tests, other engines).
    """

    def __init__(
        self,
        path: Path,
        engine: Engine | None = None,
        sessions: sessionmaker[Session] | None = None,
    ) -> None:
        self.path = path
        self._engine = engine
        self._sessions = sessions

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.path)
        return self._engine

    @property
    def sessions(self) -> sessionmaker[Session]:
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        return self._sessions

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A short-lived plain sqlite3 connection for reads (each SELECT sees what is committed)."""
        connection = sqlite3.connect(self.path)
        try:
            connection.execute("PRAGMA busy_timeout=5000")
            yield connection
        finally:
            connection.close()

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


def open_user_db(folder: Path | None = None) -> UserDB:
    """Open (creating or migrating as needed) the user DB in `folder` or the data folder."""
    folder = paths.ensure_private_dir(folder or paths.data_dir())
    db_path = folder / paths.USER_DB_NAME
    revision: str | None = None
    if db_path.exists():
        try:
            revision = inspect(db_path)
        except sqlite3.DatabaseError:
            newest = next(iter(backups(folder)), None)
            raise UserDBCorrupt(move_aside(db_path), newest) from None
        if revision is not None and revision not in known_revisions():
            raise UserDBTooNew(db_path, revision)
    if revision != head_revision():
        migrate(db_path)
    else:
        daily_backup(db_path)
    _private_file(db_path)
    return UserDB(db_path)


def restore_backup(backup: Path, folder: Path | None = None) -> Path | None:
    """Put a backup back as the user DB; the current file, if any, is kept aside first.

    The backup is checked before anything moves, copied beside the target and renamed into
    place, so a failure at any step leaves the current file where it was. Returns where the
    replaced file was kept (None when there was none).
    """
    folder = paths.ensure_private_dir(folder or paths.data_dir())
    db_path = folder / paths.USER_DB_NAME
    try:
        revision = inspect(backup)
    except sqlite3.DatabaseError:
        raise UserDBError(f"{backup} is not a sound mgdesk backup") from None
    if revision is not None and revision not in known_revisions():
        raise UserDBTooNew(backup, revision)
    staged = db_path.with_name(db_path.name + ".restoring")
    copy_database(backup, staged)
    kept: Path | None = None
    if db_path.exists():
        kept = folder / f"user.replaced-{_now_stamp()}.sqlite"
        copy_database(db_path, kept)
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    os.replace(staged, db_path)
    return kept
