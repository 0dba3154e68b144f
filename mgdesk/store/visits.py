"""Saved visits and the working draft: one short session per user action, plain records out.

Reads (the draft, the list, one visit) are plain SQL on a short sqlite3 connection, so the
window reads them at start-up without importing the ORM; writes go through the ORM session.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mgdesk.domain.errors import InputError
from mgdesk.domain.visit import VisitPlan
from mgdesk.store.user_db import UserDB, UserDBError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mgdesk.store.models import Visit

_VISIT_SQL = "SELECT id, document, created, updated, is_draft FROM visit WHERE id = ?"
_LIST_SQL = (
    "SELECT id, name, visit_date, updated FROM visit WHERE is_draft = 0 "
    "ORDER BY updated DESC, id DESC"
)
_DRAFT_SQL = "SELECT id, document FROM visit WHERE is_draft = 1 ORDER BY id LIMIT 1"
# The saved visit the draft edits, only while that visit still exists.
_DRAFT_OF_SQL = (
    "SELECT saved.id FROM visit AS draft JOIN visit AS saved ON saved.id = draft.draft_of "
    "WHERE draft.is_draft = 1 AND saved.is_draft = 0 ORDER BY draft.id LIMIT 1"
)


@dataclass(frozen=True)
class VisitSummary:
    """What a list of visits shows."""

    id: int
    name: str
    date: str
    updated: str


@dataclass(frozen=True)
class SavedVisit:
    """A whole saved visit; deleting returns one so that undo can put it back as it was."""

    id: int
    plan: VisitPlan
    created: str
    updated: str
    is_draft: bool = False


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _plan(visit_id: int, document: str) -> VisitPlan:
    try:
        return VisitPlan.from_json(document)
    except InputError as exc:
        raise UserDBError(f"saved visit {visit_id} cannot be read: {exc}") from exc


def _saved(connection: sqlite3.Connection, visit_id: int) -> SavedVisit:
    """A saved visit (never the draft) read with plain SQL; InputError when there is none."""
    row = connection.execute(_VISIT_SQL, (visit_id,)).fetchone()
    if row is None or row[4]:
        raise InputError(f"there is no saved visit with id {visit_id}")
    found_id, document, created, updated, is_draft = row
    return SavedVisit(found_id, _plan(found_id, document), created, updated, bool(is_draft))


class VisitStore:
    """Visits in the user DB."""

    def __init__(self, db: UserDB) -> None:
        self._db = db

    def add(self, plan: VisitPlan) -> int:
        from mgdesk.store.models import Visit

        now = _now()
        row = Visit(
            name=plan.name,
            visit_date=plan.date,
            created=now,
            updated=now,
            document=plan.to_json(),
            is_draft=False,
        )
        with self._db.sessions.begin() as session:
            session.add(row)
            session.flush()
            return row.id

    def update(self, visit_id: int, plan: VisitPlan) -> None:
        with self._db.sessions.begin() as session:
            row = self._row(session, visit_id)
            row.name, row.visit_date = plan.name, plan.date
            row.document, row.updated = plan.to_json(), _now()

    def get(self, visit_id: int) -> SavedVisit:
        with self._db.reading() as connection:
            return _saved(connection, visit_id)

    def list(self) -> list[VisitSummary]:
        """Saved visits (not the draft), newest first."""
        with self._db.reading() as connection:
            return [VisitSummary(*row) for row in connection.execute(_LIST_SQL)]

    def delete(self, visit_id: int) -> SavedVisit:
        """Delete a saved visit; a draft that was an edit of it becomes a new visit."""
        from sqlalchemy import update

        from mgdesk.store.models import Visit

        with self._db.sessions.begin() as session:
            row = self._row(session, visit_id)
            saved = SavedVisit(
                row.id, _plan(row.id, row.document), row.created, row.updated, row.is_draft
            )
            session.delete(row)
            session.execute(
                update(Visit)
                .where(Visit.is_draft.is_(True), Visit.draft_of == visit_id)
                .values(draft_of=None)
            )
            return saved

    def restore(self, saved: SavedVisit) -> None:
        """Put a deleted visit back with its id and dates (undo)."""
        from mgdesk.store.models import Visit

        with self._db.sessions.begin() as session:
            session.add(
                Visit(
                    id=saved.id,
                    name=saved.plan.name,
                    visit_date=saved.plan.date,
                    created=saved.created,
                    updated=saved.updated,
                    document=saved.plan.to_json(),
                    is_draft=saved.is_draft,
                )
            )

    def save_draft(self, plan: VisitPlan, draft_of: int | None = None) -> None:
        """Keep the visit being edited, so a crash or power cut loses nothing; `draft_of` is
        the saved visit it is an edit of, so that Save after a restart updates that one."""
        from sqlalchemy import select

        from mgdesk.store.models import Visit

        with self._db.sessions.begin() as session:
            row = session.scalars(select(Visit).where(Visit.is_draft.is_(True))).first()
            now = _now()
            if row is None:
                row = Visit(created=now, is_draft=True)
                session.add(row)
            row.name, row.visit_date = plan.name, plan.date
            row.document, row.updated = plan.to_json(), now
            row.draft_of = draft_of

    def load_draft(self) -> VisitPlan | None:
        with self._db.reading() as connection:
            row = connection.execute(_DRAFT_SQL).fetchone()
        return None if row is None else _plan(*row)

    def draft_of(self) -> int | None:
        """The saved visit the draft is an edit of (None when new, or when it was deleted)."""
        with self._db.reading() as connection:
            row = connection.execute(_DRAFT_OF_SQL).fetchone()
        return None if row is None else int(row[0])

    @staticmethod
    def _row(session: Session, visit_id: int) -> Visit:
        from mgdesk.store.models import Visit

        row = session.get(Visit, visit_id)
        if row is None or row.is_draft:
            raise InputError(f"there is no saved visit with id {visit_id}")
        return row
