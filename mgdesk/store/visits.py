"""Saved visits and the working draft: one short session per user action, plain records out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from mgdesk.domain.errors import InputError
from mgdesk.domain.visit import VisitPlan
from mgdesk.store.models import Visit
from mgdesk.store.user_db import UserDB, UserDBError


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


def _plan(row: Visit) -> VisitPlan:
    try:
        return VisitPlan.from_json(row.document)
    except InputError as exc:
        raise UserDBError(f"saved visit {row.id} cannot be read: {exc}") from exc


class VisitStore:
    """Visits in the user DB."""

    def __init__(self, db: UserDB) -> None:
        self._db = db

    def add(self, plan: VisitPlan) -> int:
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
        with self._db.sessions() as session:
            row = self._row(session, visit_id)
            return SavedVisit(row.id, _plan(row), row.created, row.updated, row.is_draft)

    def list(self) -> list[VisitSummary]:
        """Saved visits (not the draft), newest first."""
        query = (
            select(Visit.id, Visit.name, Visit.visit_date, Visit.updated)
            .where(Visit.is_draft.is_(False))
            .order_by(Visit.updated.desc(), Visit.id.desc())
        )
        with self._db.sessions() as session:
            return [VisitSummary(*row) for row in session.execute(query)]

    def delete(self, visit_id: int) -> SavedVisit:
        with self._db.sessions.begin() as session:
            row = self._row(session, visit_id)
            saved = SavedVisit(row.id, _plan(row), row.created, row.updated, row.is_draft)
            session.delete(row)
            return saved

    def restore(self, saved: SavedVisit) -> None:
        """Put a deleted visit back with its id and dates (undo)."""
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

    def save_draft(self, plan: VisitPlan) -> None:
        """Keep the visit being edited, so a crash or power cut loses nothing."""
        with self._db.sessions.begin() as session:
            row = session.scalars(select(Visit).where(Visit.is_draft.is_(True))).first()
            now = _now()
            if row is None:
                row = Visit(created=now, is_draft=True)
                session.add(row)
            row.name, row.visit_date = plan.name, plan.date
            row.document, row.updated = plan.to_json(), now

    def load_draft(self) -> VisitPlan | None:
        with self._db.sessions() as session:
            row = session.scalars(select(Visit).where(Visit.is_draft.is_(True))).first()
            return None if row is None else _plan(row)

    @staticmethod
    def _row(session: object, visit_id: int) -> Visit:
        from sqlalchemy.orm import Session

        assert isinstance(session, Session)
        row = session.get(Visit, visit_id)
        if row is None or row.is_draft:
            raise InputError(f"there is no saved visit with id {visit_id}")
        return row
