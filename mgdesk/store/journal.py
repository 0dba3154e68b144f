"""The journal, pain maps and try-it plans in the user DB: one short session per action.

Everything returned is a frozen domain value (JournalEntry, PainMap, TrialPlan, …), never an ORM
row, so the UI can hold them freely. Every write re-checks its value with the domain's rules
first, so a bad value raises InputError before the DB is touched. Deleting returns the deleted
value and `restore*` puts it back under the same id (ids are never reused), which is undo.
Everything is read with plain SQL on a sqlite3 connection (DESIGN: fast read paths may use
plain sqlite3; the ORM owns writes and the schema): a year's chart series loads within a frame,
and the window reads the journal at start-up without importing SQLAlchemy (slow to import), which
only the first write loads. Reads inside a write use the session's own connection.
Imports run in one transaction: a bad row or a failure leaves the journal exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Protocol, Self, TypeVar

from mgdesk.domain import journal_io
from mgdesk.domain.errors import InputError
from mgdesk.domain.journal import (
    PLOT_TIME,
    BeforeAfter,
    Dose,
    DoseMarker,
    JournalEntry,
    JournalSeries,
    Rating,
    SeriesPoint,
    before_after,
    entry_key,
    forms_taken,
    validate_entry,
)
from mgdesk.domain.painmap import (
    AREA_IDS,
    PainMap,
    PainMapChange,
    compare_maps,
    validate_pain_map,
)
from mgdesk.domain.trial import TrialComparison, TrialPlan, compare_trial, validate_trial
from mgdesk.store.user_db import UserDB, UserDBError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mgdesk.store.models import JournalEntryRow, PainMapRow, TrialPlanRow


@dataclass(frozen=True)
class ImportResult:
    """What an import did: entries added, and entries skipped as already in the journal."""

    added: int
    skipped: int


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _date(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        raise UserDBError(f"a saved {what} has an unreadable date ({text!r})") from None


def _restore_day(day: object) -> dt.date | None:
    """`today` for re-checking a value being put back: never refuse it for being 'future'."""
    if isinstance(day, dt.date) and not isinstance(day, dt.datetime):
        return max(day, dt.date.today())
    return None


def _check_range(start: dt.date | None, end: dt.date | None) -> None:
    if start is not None and end is not None and end < start:
        raise InputError("the end of a date range must not be before its start")


_MIDDAY = PLOT_TIME.strftime("%H:%M")
# Entries come back in `sort_key` order: date, time (none = midday), id ("HH:MM" sorts as time).
# Ratings and doses are matched to them in Python, which measured faster than a sorted join.
_ENTRIES_SQL = (
    "SELECT id, entry_date, entry_time, note FROM journal_entry WHERE {where} "
    f"ORDER BY entry_date, COALESCE(entry_time, '{_MIDDAY}'), id"
)
_RATINGS_SQL = (
    "SELECT entry_id, symptom, value FROM journal_rating "
    "WHERE entry_id IN (SELECT id FROM journal_entry WHERE {where}) ORDER BY entry_id, symptom"
)
_DOSES_SQL = (
    "SELECT entry_id, form, mg FROM journal_dose "
    "WHERE entry_id IN (SELECT id FROM journal_entry WHERE {where}) ORDER BY entry_id, form"
)
_ORDER = f"e.entry_date, COALESCE(e.entry_time, '{_MIDDAY}'), e.id"
_SERIES_SQL = (
    "SELECT e.id, e.entry_date, e.entry_time, r.symptom, r.value FROM journal_entry AS e "
    "JOIN journal_rating AS r ON r.entry_id = e.id WHERE e.entry_date BETWEEN ? AND ? "
    f"ORDER BY {_ORDER}, r.symptom"
)
_MARKERS_SQL = (
    "SELECT e.id, e.entry_date, e.entry_time, d.form, d.mg FROM journal_entry AS e "
    "JOIN journal_dose AS d ON d.entry_id = e.id WHERE e.entry_date BETWEEN ? AND ? "
    f"ORDER BY {_ORDER}, d.form"
)
_BY_DATE = "entry_date BETWEEN ? AND ?"
_BY_ID = "id = ?"
_PAIN_MAP_SQL = (
    "SELECT id, map_date, areas, fatigue, waking_unrefreshed, cognitive, headaches, "
    "lower_abdominal, depression, three_months, note FROM pain_map "
)
_PAIN_MAPS_SQL = _PAIN_MAP_SQL + "WHERE map_date BETWEEN ? AND ? ORDER BY map_date, id"
_LATEST_PAIN_MAP_SQL = _PAIN_MAP_SQL + "ORDER BY map_date DESC, id DESC LIMIT 1"
_TRIAL_SQL = (
    "SELECT id, baseline_start, baseline_end, start_date, review_date, form, dose_mg, note, "
    "reviewed_on FROM trial_plan "
)
_TRIALS_SQL = _TRIAL_SQL + "ORDER BY start_date DESC, id DESC"
_PainMapValues = tuple[int, str, str, int, int, int, int, int, int, int | None, str]
_TrialValues = tuple[int, str, str, str, str, str, float, str, str | None]

_Rows = tuple[
    list[tuple[int, str, str | None, str]],
    dict[int, list[tuple[str, int]]],
    dict[int, list[tuple[str, float]]],
]


def _bounds(start: dt.date | None, end: dt.date | None) -> tuple[str, str]:
    return (
        "0000-00-00" if start is None else start.isoformat(),
        "9999-99-99" if end is None else end.isoformat(),
    )


class JournalStore:
    """Journal entries, pain maps and try-it plans in one user DB."""

    def __init__(self, db: UserDB) -> None:
        self._db = db

    # ----- journal entries

    def add(self, entry: JournalEntry, today: dt.date | None = None) -> JournalEntry:
        """Save a new entry (any id it carries is ignored) and return it with its new id."""
        entry = validate_entry(entry, today).with_id(None)
        with self._db.sessions.begin() as session:
            return self._insert(session, entry)

    def update(self, entry: JournalEntry, today: dt.date | None = None) -> JournalEntry:
        """Replace a saved entry's date, time, ratings, doses and note (matched by its id)."""
        if entry.id is None:
            raise InputError("only a saved entry (with an id) can be updated")
        from sqlalchemy import delete

        from mgdesk.store.models import JournalDoseRow, JournalRatingRow

        entry_id = entry.id
        entry = validate_entry(entry, today)
        with self._db.sessions.begin() as session:
            row = self._entry_row(session, entry_id)
            row.entry_date, row.entry_time = entry.date.isoformat(), entry.time_text or None
            row.note, row.updated = entry.note, _now()
            session.execute(delete(JournalRatingRow).where(JournalRatingRow.entry_id == entry_id))
            session.execute(delete(JournalDoseRow).where(JournalDoseRow.entry_id == entry_id))
            session.expire(row, ["ratings", "doses"])
            self._add_children(session, entry_id, entry)
        return entry

    def get(self, entry_id: int) -> JournalEntry:
        with self._db.reading() as connection:
            found = self._load(connection, entry_id=entry_id)
        if not found:
            raise InputError(f"there is no journal entry with id {entry_id}")
        return found[0]

    def delete(self, entry_id: int) -> JournalEntry:
        """Delete an entry and return it whole, for undo (`restore`)."""
        from sqlalchemy import delete

        from mgdesk.store.models import JournalEntryRow

        with self._db.sessions.begin() as session:
            found = self._load(self._driver(session), entry_id=entry_id)
            if not found:
                raise InputError(f"there is no journal entry with id {entry_id}")
            session.execute(delete(JournalEntryRow).where(JournalEntryRow.id == entry_id))
        return found[0]

    def restore(self, entry: JournalEntry) -> JournalEntry:
        """Put a deleted entry back under its id (undo)."""
        if entry.id is None:
            raise InputError("only a deleted entry (with its id) can be restored")
        from sqlalchemy.exc import IntegrityError

        entry = validate_entry(entry, _restore_day(getattr(entry, "date", None)))
        try:
            with self._db.sessions.begin() as session:
                return self._insert(session, entry)
        except IntegrityError:
            raise InputError(f"journal entry {entry.id} exists already") from None

    def entries(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[JournalEntry]:
        """Entries dated from `start` to `end` (both included; None = open), oldest first."""
        _check_range(start, end)
        with self._db.reading() as connection:
            return self._load(connection, start, end)

    def count(self) -> int:
        with self._db.reading() as connection:
            row = connection.execute("SELECT COUNT(id) FROM journal_entry").fetchone()
        return int(row[0] or 0)

    def fingerprint(self) -> tuple[int, int, str]:
        """Changes whenever an entry is added, changed or deleted, by any program: lets a
        window that holds the entries tell that the command line wrote to the journal."""
        query = (
            "SELECT COUNT(id), COALESCE(MAX(id), 0), COALESCE(MAX(updated), '') FROM journal_entry"
        )
        with self._db.reading() as connection:
            count, last_id, last_change = connection.execute(query).fetchone()
        return int(count), int(last_id), str(last_change)

    def date_span(self) -> tuple[dt.date, dt.date] | None:
        """The first and last dates with entries, or None for an empty journal."""
        query = "SELECT MIN(entry_date), MAX(entry_date) FROM journal_entry"
        with self._db.reading() as connection:
            first, last = connection.execute(query).fetchone()
        if first is None or last is None:
            return None
        return _date(first, "journal entry"), _date(last, "journal entry")

    def series(self, start: dt.date | None = None, end: dt.date | None = None) -> JournalSeries:
        """Per symptom (date-time, rating) points and dose markers, for a chart.

        The same as `build_series(self.entries(start, end))`, read straight from SQL: a year
        of entries must redraw within a frame.
        """
        _check_range(start, end)
        with self._db.reading() as connection:
            return self._series(connection, start, end)

    def before_after(
        self, form: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> BeforeAfter:
        """Average ratings before and after the first entry with a dose of `form`."""
        return before_after(self.entries(start, end), form)

    def forms_taken(self) -> list[str]:
        return forms_taken(self.entries())

    # ----- import / export

    def export_json(self) -> str:
        return journal_io.to_json(self.entries())

    def export_csv(self) -> str:
        """CSV text; write it encoded as journal_io.CSV_ENCODING (UTF-8 with BOM)."""
        return journal_io.to_csv(self.entries())

    def import_json(
        self,
        text: str,
        symptoms: Collection[str] | None = None,
        forms: Collection[str] | None = None,
        today: dt.date | None = None,
    ) -> ImportResult:
        entries = journal_io.parse_json(text, today=today, symptoms=symptoms, forms=forms)
        return self.import_entries(entries, today)

    def import_csv(
        self,
        text: str,
        symptoms: Collection[str] | None = None,
        forms: Collection[str] | None = None,
        today: dt.date | None = None,
    ) -> ImportResult:
        entries = journal_io.parse_csv(text, today=today, symptoms=symptoms, forms=forms)
        return self.import_entries(entries, today)

    def import_entries(
        self, entries: Sequence[JournalEntry], today: dt.date | None = None
    ) -> ImportResult:
        """Add entries in one transaction, skipping any already in the journal (same date,
        time and content) or repeated in `entries`; all are checked before any is written."""
        checked = [validate_entry(e, today).with_id(None) for e in entries]
        if not checked:
            return ImportResult(0, 0)
        with self._db.sessions.begin() as session:
            return self.add_entries_in(session, checked)

    def add_entries_in(self, session: Session, entries: Sequence[JournalEntry]) -> ImportResult:
        """Add checked entries inside the caller's transaction, skipping duplicates.

        For imports that must be all or nothing across several kinds of data.
        """
        if not entries:
            return ImportResult(0, 0)
        first, last = min(e.date for e in entries), max(e.date for e in entries)
        existing = self._load(self._driver(session), first, last)
        seen = {entry_key(e) for e in existing}
        added = skipped = 0
        for entry in entries:
            key = entry_key(entry)
            if key in seen:
                skipped += 1
                continue
            seen.add(key)
            self._insert(session, entry.with_id(None))
            added += 1
        return ImportResult(added, skipped)

    def add_pain_map_in(self, session: Session, pain_map: PainMap) -> None:
        """Add a checked pain map inside the caller's transaction."""
        from mgdesk.store.models import PainMapRow

        row = PainMapRow(created=_now())
        self._fill_pain_map(row, pain_map.with_id(None))
        session.add(row)

    def add_trial_in(self, session: Session, plan: TrialPlan) -> None:
        """Add a checked try-it plan inside the caller's transaction."""
        from mgdesk.store.models import TrialPlanRow

        row = TrialPlanRow(created=_now())
        self._fill_trial(row, plan.with_id(None))
        session.add(row)

    # ----- pain maps

    def add_pain_map(self, pain_map: PainMap, today: dt.date | None = None) -> PainMap:
        return self._add(_PAIN_MAPS, validate_pain_map(pain_map, today))

    def update_pain_map(self, pain_map: PainMap, today: dt.date | None = None) -> PainMap:
        return self._update(_PAIN_MAPS, pain_map, validate_pain_map(pain_map, today))

    def get_pain_map(self, map_id: int) -> PainMap:
        with self._db.reading() as connection:
            return self._read(connection, _PAIN_MAPS, map_id)

    def pain_maps(self, start: dt.date | None = None, end: dt.date | None = None) -> list[PainMap]:
        """Pain maps dated from `start` to `end` (both included), oldest first."""
        _check_range(start, end)
        with self._db.reading() as connection:
            rows = connection.execute(_PAIN_MAPS_SQL, _bounds(start, end)).fetchall()
        return [self._pain_map(row) for row in rows]

    def latest_pain_map(self) -> PainMap | None:
        with self._db.reading() as connection:
            row = connection.execute(_LATEST_PAIN_MAP_SQL).fetchone()
        return None if row is None else self._pain_map(row)

    def delete_pain_map(self, map_id: int) -> PainMap:
        return self._delete(_PAIN_MAPS, map_id)

    def restore_pain_map(self, pain_map: PainMap) -> PainMap:
        day = _restore_day(getattr(pain_map, "date", None))
        return self._restore(_PAIN_MAPS, pain_map, lambda: validate_pain_map(pain_map, day))

    def compare_pain_maps(self, first_id: int, second_id: int) -> PainMapChange:
        """Two saved pain maps side by side, the older one first."""
        return compare_maps(self.get_pain_map(first_id), self.get_pain_map(second_id))

    # ----- try-it plans

    def add_trial(self, plan: TrialPlan, today: dt.date | None = None) -> TrialPlan:
        return self._add(_TRIALS, validate_trial(plan, today))

    def update_trial(self, plan: TrialPlan, today: dt.date | None = None) -> TrialPlan:
        return self._update(_TRIALS, plan, validate_trial(plan, today))

    def get_trial(self, plan_id: int) -> TrialPlan:
        with self._db.reading() as connection:
            return self._read(connection, _TRIALS, plan_id)

    def trials(self) -> list[TrialPlan]:
        """Every plan, the latest start first."""
        with self._db.reading() as connection:
            rows = connection.execute(_TRIALS_SQL).fetchall()
        return [self._trial(row) for row in rows]

    def current_trial(self) -> TrialPlan | None:
        """The plan not yet reviewed with the latest start (what the tab shows first)."""
        return next((p for p in self.trials() if p.reviewed_on is None), None)

    def mark_reviewed(self, plan_id: int, on: dt.date | None = None) -> TrialPlan:
        """Record that the review was done (the plan's phase becomes finished)."""
        plan = self.get_trial(plan_id)
        day = on or dt.date.today()
        return self.update_trial(
            TrialPlan(
                plan.baseline_start,
                plan.baseline_end,
                plan.start,
                plan.review,
                plan.form,
                plan.dose_mg,
                plan.note,
                day,
                plan.id,
            ),
        )

    def delete_trial(self, plan_id: int) -> TrialPlan:
        return self._delete(_TRIALS, plan_id)

    def restore_trial(self, plan: TrialPlan) -> TrialPlan:
        day = _restore_day(getattr(plan, "reviewed_on", None))
        return self._restore(_TRIALS, plan, lambda: validate_trial(plan, day))

    # ----- pain maps and try-it plans alike: one row per record, read with plain SQL

    def _add(self, kind: _Kind[R], record: R) -> R:
        record = record.with_id(None)
        with self._db.sessions.begin() as session:
            row = kind.row_class()(created=_now())
            kind.fill(row, record)
            session.add(row)
            session.flush()
            return record.with_id(row.id)

    def _update(self, kind: _Kind[R], given: R, record: R) -> R:
        if given.id is None:
            raise InputError(f"only a saved {kind.what} (with an id) can be updated")
        with self._db.sessions.begin() as session:
            kind.fill(self._row(session, kind, given.id), record)
        return record

    def _delete(self, kind: _Kind[R], record_id: int) -> R:
        with self._db.sessions.begin() as session:
            removed = self._read(self._driver(session), kind, record_id)
            session.delete(self._row(session, kind, record_id))
        return removed

    def _restore(self, kind: _Kind[R], given: R, validated: Callable[[], R]) -> R:
        """Put a deleted record back under its own id (undo)."""
        if given.id is None:
            raise InputError(f"only a deleted {kind.what} (with its id) can be restored")
        from sqlalchemy.exc import IntegrityError

        record = validated()
        try:
            with self._db.sessions.begin() as session:
                row = kind.row_class()(id=record.id, created=_now())
                kind.fill(row, record)
                session.add(row)
        except IntegrityError:
            raise InputError(f"{kind.what} {record.id} exists already") from None
        return record

    @staticmethod
    def _row(session: Session, kind: _Kind[R], record_id: int) -> Any:
        row = session.get(kind.row_class(), record_id)
        if row is None:
            raise InputError(f"there is no {kind.what} with id {record_id}")
        return row

    @staticmethod
    def _read(connection: sqlite3.Connection, kind: _Kind[R], record_id: int) -> R:
        row = connection.execute(kind.select + "WHERE id = ?", (record_id,)).fetchone()
        if row is None:
            raise InputError(f"there is no {kind.what} with id {record_id}")
        return kind.build(row)

    def trial_review(self, plan_id: int, today: dt.date | None = None) -> TrialComparison:
        """The plan's baseline against its trial so far, from the journal."""
        plan = self.get_trial(plan_id)
        return compare_trial(plan, self.entries(plan.baseline_start, plan.review), today)

    # ----- rows <-> values

    def _insert(self, session: Session, entry: JournalEntry) -> JournalEntry:
        from mgdesk.store.models import JournalEntryRow

        now = _now()
        row = JournalEntryRow(
            entry_date=entry.date.isoformat(),
            entry_time=entry.time_text or None,
            note=entry.note,
            created=now,
            updated=now,
        )
        if entry.id is not None:
            row.id = entry.id
        session.add(row)
        session.flush()
        self._add_children(session, row.id, entry)
        session.flush()
        return entry.with_id(row.id)

    @staticmethod
    def _add_children(session: Session, entry_id: int, entry: JournalEntry) -> None:
        from mgdesk.store.models import JournalDoseRow, JournalRatingRow

        session.add_all(
            [
                JournalRatingRow(entry_id=entry_id, symptom=r.symptom, value=r.value)
                for r in entry.ratings
            ]
        )
        session.add_all(
            [JournalDoseRow(entry_id=entry_id, form=d.form, mg=d.mg) for d in entry.doses]
        )

    @staticmethod
    def _driver(session: Session) -> sqlite3.Connection:
        """The session's own sqlite3 connection (same transaction and pragmas), for fast reads."""
        raw = session.connection().connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        return raw

    @staticmethod
    def _fetch(connection: sqlite3.Connection, where: str, params: tuple[object, ...]) -> _Rows:
        """Entry heads in `sort_key` order, and their ratings and doses by entry id (sorted)."""
        heads = connection.execute(_ENTRIES_SQL.format(where=where), params).fetchall()
        ratings: dict[int, list[tuple[str, int]]] = {}
        doses: dict[int, list[tuple[str, float]]] = {}
        if heads:
            sql = _RATINGS_SQL.format(where=where)
            for eid, symptom, value in connection.execute(sql, params).fetchall():
                if eid in ratings:
                    ratings[eid].append((symptom, value))
                else:
                    ratings[eid] = [(symptom, value)]
            sql = _DOSES_SQL.format(where=where)
            for eid, form, mg in connection.execute(sql, params).fetchall():
                doses.setdefault(eid, []).append((form, float(mg)))
        return heads, ratings, doses

    @classmethod
    def _load(
        cls,
        connection: sqlite3.Connection,
        start: dt.date | None = None,
        end: dt.date | None = None,
        entry_id: int | None = None,
    ) -> list[JournalEntry]:
        """Entries by date range (both ends included) or by id, in `sort_key` order."""
        if entry_id is not None:
            heads, ratings, doses = cls._fetch(connection, _BY_ID, (entry_id,))
        else:
            heads, ratings, doses = cls._fetch(connection, _BY_DATE, _bounds(start, end))
        try:
            return [
                JournalEntry(
                    date=dt.date.fromisoformat(day),
                    time=dt.time.fromisoformat(at) if at else None,
                    ratings=tuple(Rating(s, v) for s, v in ratings.get(eid, ())),
                    doses=tuple(Dose(f, mg) for f, mg in doses.get(eid, ())),
                    note=note,
                    id=eid,
                )
                for eid, day, at, note in heads
            ]
        except (TypeError, ValueError) as exc:
            raise UserDBError(f"a saved journal entry cannot be read ({exc})") from None

    @staticmethod
    def _series(
        connection: sqlite3.Connection, start: dt.date | None, end: dt.date | None
    ) -> JournalSeries:
        params = _bounds(start, end)
        points: dict[str, list[SeriesPoint]] = {}
        markers: list[DoseMarker] = []
        last: int | None = None
        when = dt.datetime.min
        try:
            for eid, day, at, symptom, value in connection.execute(_SERIES_SQL, params):
                if eid != last:
                    when, last = dt.datetime.fromisoformat(f"{day}T{at or _MIDDAY}"), eid
                line = points.get(symptom)
                if line is None:
                    line = points[symptom] = []
                line.append(SeriesPoint(when, value, eid))
            for eid, day, at, form, mg in connection.execute(_MARKERS_SQL, params):
                moment = dt.datetime.fromisoformat(f"{day}T{at or _MIDDAY}")
                markers.append(DoseMarker(moment, form, float(mg), eid))
        except (TypeError, ValueError) as exc:
            raise UserDBError(f"a saved journal entry cannot be read ({exc})") from None
        return JournalSeries({k: tuple(points[k]) for k in sorted(points)}, tuple(markers))

    @staticmethod
    def _entry_row(session: Session, entry_id: int) -> JournalEntryRow:
        from mgdesk.store.models import JournalEntryRow

        row = session.get(JournalEntryRow, entry_id)
        if row is None:
            raise InputError(f"there is no journal entry with id {entry_id}")
        return row

    @staticmethod
    def _fill_pain_map(row: PainMapRow, pain_map: PainMap) -> None:
        row.map_date = pain_map.date.isoformat()
        row.areas = ",".join(a for a in AREA_IDS if a in pain_map.areas)
        row.fatigue = pain_map.item("fatigue")
        row.waking_unrefreshed = pain_map.item("waking-unrefreshed")
        row.cognitive = pain_map.item("cognitive")
        row.headaches = bool(pain_map.item("headaches"))
        row.lower_abdominal = bool(pain_map.item("lower-abdominal"))
        row.depression = bool(pain_map.item("depression"))
        row.three_months = pain_map.three_months
        row.note = pain_map.note
        row.updated = _now()

    @staticmethod
    def _pain_map(row: _PainMapValues) -> PainMap:
        """A pain map from its `_PAIN_MAP_SQL` columns (booleans are stored as 0 and 1)."""
        (
            map_id,
            day,
            areas,
            fatigue,
            waking,
            cognitive,
            headaches,
            lower_abdominal,
            depression,
            three_months,
            note,
        ) = row
        return PainMap(
            date=_date(day, "pain map"),
            areas=frozenset(a for a in areas.split(",") if a),
            severity={
                "fatigue": fatigue,
                "waking-unrefreshed": waking,
                "cognitive": cognitive,
                "headaches": int(headaches),
                "lower-abdominal": int(lower_abdominal),
                "depression": int(depression),
            },
            three_months=None if three_months is None else bool(three_months),
            note=note,
            id=map_id,
        )

    @staticmethod
    def _fill_trial(row: TrialPlanRow, plan: TrialPlan) -> None:
        row.baseline_start = plan.baseline_start.isoformat()
        row.baseline_end = plan.baseline_end.isoformat()
        row.start_date = plan.start.isoformat()
        row.review_date = plan.review.isoformat()
        row.form = plan.form
        row.dose_mg = plan.dose_mg
        row.note = plan.note
        row.reviewed_on = _iso(plan.reviewed_on)
        row.updated = _now()

    @staticmethod
    def _trial(row: _TrialValues) -> TrialPlan:
        """A try-it plan from its `_TRIAL_SQL` columns."""
        plan_id, baseline_start, baseline_end, start, review, form, dose_mg, note, reviewed = row
        what = "try-it plan"
        return TrialPlan(
            baseline_start=_date(baseline_start, what),
            baseline_end=_date(baseline_end, what),
            start=_date(start, what),
            review=_date(review, what),
            form=form,
            dose_mg=float(dose_mg),
            note=note,
            reviewed_on=None if reviewed is None else _date(reviewed, what),
            id=plan_id,
        )


class _Saved(Protocol):
    """What a pain map and a try-it plan have in common for the store: an id."""

    @property
    def id(self) -> int | None: ...

    def with_id(self, new_id: int | None) -> Self: ...


R = TypeVar("R", bound=_Saved)


@dataclass(frozen=True)
class _Kind(Generic[R]):
    """One kind of record kept one row each: its table, how a row is read and written."""

    what: str  # as messages name it
    row_name: str  # the mapped class in mgdesk.store.models
    select: str  # its columns, as `build` reads them
    build: Callable[[Any], R]
    fill: Callable[[Any, R], None]

    def row_class(self) -> Any:
        from mgdesk.store import models

        return getattr(models, self.row_name)


_PAIN_MAPS = _Kind(
    "pain map", "PainMapRow", _PAIN_MAP_SQL, JournalStore._pain_map, JournalStore._fill_pain_map
)
_TRIALS = _Kind(
    "try-it plan", "TrialPlanRow", _TRIAL_SQL, JournalStore._trial, JournalStore._fill_trial
)
