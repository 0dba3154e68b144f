"""Everything the user keeps, as one JSON document: export, import (all or nothing), erase.

The user owns their data: they can take it all out, bring it back (checked as a whole first,
then written in one transaction, so a bad document changes nothing), or erase it for good.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mgdesk import paths
from mgdesk.domain.errors import InputError
from mgdesk.domain.journal import JournalEntry
from mgdesk.domain.journal_io import entry_from_dict, entry_to_dict
from mgdesk.domain.painmap import PainMap, pain_map_from_dict, pain_map_to_dict
from mgdesk.domain.trial import TrialPlan, trial_from_dict, trial_to_dict
from mgdesk.domain.visit import VisitPlan
from mgdesk.store.journal import JournalStore
from mgdesk.store.models import Visit
from mgdesk.store.user_db import BACKUP_DIR, UserDB
from mgdesk.store.visits import VisitStore

FORMAT = "mgdesk-export"
VERSION = 1
MAX_EXPORT_BYTES = 50 * 1024 * 1024
_KEYS = ("format", "version", "exported", "visits", "draft", "journal", "pain_maps", "trials")


@dataclass(frozen=True)
class Everything:
    """The checked content of an export, ready to be written."""

    visits: tuple[VisitPlan, ...]
    draft: VisitPlan | None
    entries: tuple[JournalEntry, ...]
    pain_maps: tuple[PainMap, ...]
    trials: tuple[TrialPlan, ...]


@dataclass(frozen=True)
class ImportSummary:
    """What an import added, and how many journal entries were already there."""

    visits: int
    entries: int
    skipped_entries: int
    pain_maps: int
    trials: int


def export_everything(db: UserDB) -> dict[str, Any]:
    """Every saved visit, the draft, the journal, pain maps and try-it plans."""
    visits = VisitStore(db)
    journal = JournalStore(db)
    saved = [visits.get(v.id) for v in reversed(visits.list())]
    draft = visits.load_draft()
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "visits": [s.plan.to_dict() for s in saved],
        "draft": None if draft is None else draft.to_dict(),
        "journal": [entry_to_dict(e) for e in journal.entries()],
        "pain_maps": [pain_map_to_dict(m) for m in journal.pain_maps()],
        "trials": [trial_to_dict(t) for t in journal.trials()],
    }


def _list(document: dict[str, Any], key: str) -> list[Any]:
    value = document.get(key, [])
    if not isinstance(value, list):
        raise InputError(f"{key} must be a list")
    return value


def read_export(
    text: str,
    symptoms: Collection[str],
    forms: Collection[str],
    today: dt.date | None = None,
) -> Everything:
    """Check a whole export; the first defect is an InputError naming where it is."""
    if len(text) > MAX_EXPORT_BYTES:
        raise InputError("the file is too large for an mgdesk export (over 50 MB)")
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise InputError("not an mgdesk export: the file is not valid JSON") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InputError(f'not an mgdesk export (expected "format": "{FORMAT}")')
    if document.get("version") != VERSION:
        raise InputError(
            f"this mgdesk reads export version {VERSION}, not {document.get('version')!r}"
        )
    unknown = sorted(str(k) for k in document if k not in _KEYS)
    if unknown:
        raise InputError(f"unknown key {unknown[0]!r} in the export")

    def each(key: str, parse: Any) -> tuple[Any, ...]:
        items = []
        for index, item in enumerate(_list(document, key)):
            try:
                items.append(parse(item))
            except InputError as exc:
                raise InputError(f"{key}[{index}]: {exc}") from None
        return tuple(items)

    draft_doc = document.get("draft")
    try:
        draft = None if draft_doc is None else VisitPlan.from_dict(draft_doc)
    except InputError as exc:
        raise InputError(f"draft: {exc}") from None
    return Everything(
        visits=each("visits", VisitPlan.from_dict),
        draft=draft,
        entries=each(
            "journal",
            lambda item: entry_from_dict(item, today=today, symptoms=symptoms, forms=forms),
        ),
        pain_maps=each("pain_maps", lambda item: pain_map_from_dict(item, today)),
        trials=each("trials", lambda item: trial_from_dict(item, today)),
    )


def import_everything(db: UserDB, everything: Everything) -> ImportSummary:
    """Add everything in one transaction: visits are added beside the existing ones."""
    journal = JournalStore(db)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")
    with db.sessions.begin() as session:
        for plan in everything.visits:
            session.add(
                Visit(
                    name=plan.name,
                    visit_date=plan.date,
                    created=now,
                    updated=now,
                    document=plan.to_json(),
                    is_draft=False,
                )
            )
        entries = journal.add_entries_in(session, everything.entries)
        for pain_map in everything.pain_maps:
            journal.add_pain_map_in(session, pain_map)
        for trial in everything.trials:
            journal.add_trial_in(session, trial)
    if everything.draft is not None and VisitStore(db).load_draft() is None:
        VisitStore(db).save_draft(everything.draft)
    return ImportSummary(
        visits=len(everything.visits),
        entries=entries.added,
        skipped_entries=entries.skipped,
        pain_maps=len(everything.pain_maps),
        trials=len(everything.trials),
    )


def erase_everything(folder: Path | None = None) -> list[Path]:
    """Remove the user DB, its WAL files, backups, set-aside copies and logs; return them."""
    folder = folder or paths.data_dir()
    if not folder.is_dir():
        return []
    removed: list[Path] = []
    for pattern in ("user.sqlite", "user.sqlite-*", "user.*.sqlite*", "*.log"):
        for path in sorted(folder.glob(pattern)):
            if path.is_file():
                path.unlink()
                removed.append(path)
    backups = folder / BACKUP_DIR
    if backups.is_dir():
        shutil.rmtree(backups)
        removed.append(backups)
    return removed
