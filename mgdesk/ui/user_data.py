"""The user's database as the window sees it: opened on first use, never fatal, restorable.

The reference tabs need no user data, so the window must start and answer questions even when
`user.sqlite` is damaged, from a newer mgdesk, or on a read-only disk. This object opens the DB
only when a tab first asks for a store (after the first paint: SQLAlchemy and, when a
migration is due, Alembic are slow to import), turns every `UserDBError` into one readable
`problem` message, and puts a backup back on request. Tabs hold this object, not a store, so a
restore that swaps the file under them only needs `reopened` to reload.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from mgdesk import paths

if TYPE_CHECKING:
    from mgdesk.store.journal import JournalStore
    from mgdesk.store.user_db import UserDB
    from mgdesk.store.visits import VisitStore

Opener = Callable[[Path | None], "UserDB"]


def _default_opener(folder: Path | None) -> UserDB:
    from mgdesk.store.user_db import open_user_db

    return open_user_db(folder)


class UserData(QObject):
    """The user DB, opened lazily; `problem(message)` if unusable, `reopened()` after a restore."""

    problem = Signal(str)
    reopened = Signal()

    def __init__(
        self,
        folder: Path | None = None,
        opener: Opener = _default_opener,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._folder = folder
        self._opener = opener
        self._db: UserDB | None = None
        self._error: str | None = None
        self._corrupt_backup: Path | None = None

    @property
    def folder(self) -> Path:
        return self._folder or paths.data_dir()

    @property
    def error(self) -> str | None:
        """Why the user DB is unavailable (None while it is fine or not yet opened)."""
        return self._error

    @property
    def offered_backup(self) -> Path | None:
        """The newest backup, when the DB was found damaged and moved aside (to offer it)."""
        return self._corrupt_backup

    def db(self) -> UserDB | None:
        """The open DB, opening it on first call; None (and one `problem`) when it cannot be."""
        if self._db is not None:
            return self._db
        if self._error is not None:
            return None
        from mgdesk.store.user_db import UserDBCorrupt, UserDBError

        try:
            self._db = self._opener(self._folder)
        except UserDBCorrupt as error:
            self._corrupt_backup = error.backup
            self._fail(f"Your saved data could not be read: {error}.")
        except UserDBError as error:
            self._fail(f"Your saved data cannot be used: {error}")
        except OSError as error:
            self._fail(f"Your data folder cannot be used: {error.strerror or error}.")
        return self._db

    def _fail(self, message: str) -> None:
        self._error = message
        self.problem.emit(message)

    def visits(self) -> VisitStore | None:
        db = self.db()
        if db is None:
            return None
        from mgdesk.store.visits import VisitStore

        return VisitStore(db)

    def journal(self) -> JournalStore | None:
        db = self.db()
        if db is None:
            return None
        from mgdesk.store.journal import JournalStore

        return JournalStore(db)

    def backups(self) -> list[Path]:
        """Every backup of the user DB, newest first."""
        from mgdesk.store.user_db import backups

        return backups(self.folder)

    def restore(self, backup: Path) -> Path | None:
        """Put `backup` back as the user DB and reopen it; where the replaced file was kept.

        Raises UserDBError (nothing changed) when the backup is unsound or too new.
        """
        from mgdesk.store.user_db import restore_backup

        self.close()
        kept = restore_backup(backup, self._folder)
        self._error = None
        self._corrupt_backup = None
        self.db()
        self.reopened.emit()
        return kept

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
