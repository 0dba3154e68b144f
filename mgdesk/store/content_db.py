"""Read access to the compiled reference content, returning plain domain records.

The content DB is opened read-only with plain `sqlite3` (no ORM: it is on the start-up path and
never written). Records are decoded once per kind and kept, so the UI's `data()` calls never
touch SQL. From a checkout, a missing or stale DB is rebuilt from the TOML first.

The domain modules only some kinds need (the dosage table, the interaction indexes, name
matching, search) are imported when that kind is first read, so the window's first paint (the
Symptoms tab) does not pay for them.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from mgdesk import paths
from mgdesk.domain.content import (
    Condition,
    ContentMeta,
    Form,
    FormSuggestion,
    GradeDefinition,
    InteractionGroup,
    Medicine,
    Product,
    Question,
    Source,
    Study,
    Symptom,
    Topic,
)
from mgdesk.domain.errors import InputError
from mgdesk.domain.glossary import GlossaryTerm

if TYPE_CHECKING:
    from mgdesk.domain.dosage import DosageTable
    from mgdesk.domain.interactions import ConditionIndex, MedicineIndex
    from mgdesk.store.content_install import Installed
    from mgdesk.store.search import Searcher, SearchResult

T = TypeVar("T")


class ContentUnavailable(RuntimeError):
    """The content DB is missing or unreadable: a broken install, not bad user input."""


def _tuples(data: dict[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}


def _symptom(data: dict[str, Any]) -> Symptom:
    fields = _tuples(data)
    fields["forms"] = tuple(FormSuggestion(**_tuples(f)) for f in data["forms"])
    return Symptom(**fields)


def _meta(data: dict[str, Any]) -> ContentMeta:
    grades = tuple(GradeDefinition(**g) for g in data["grades"])
    return ContentMeta(data["content_version"], data["review_date"], grades)


def _dosage(data: dict[str, Any]) -> DosageTable:
    from mgdesk.domain.dosage import DosageTable, LifeStage, UpperLimit

    return DosageTable(
        tuple(LifeStage(**s) for s in data["stages"]),
        tuple(UpperLimit(**u) for u in data["limits"]),
        tuple(data["sources"]),
    )


def ensure_built() -> Path:
    """The content DB path, rebuilt first when running from a checkout and out of date."""
    target = paths.content_db_path()
    source = paths.content_source_dir()
    if source is not None and not paths.is_frozen():
        from mgdesk.store.content_build import build, is_stale

        if is_stale(source, target):
            build(source, target)
    return target


def select_db() -> tuple[Path, Installed | None]:
    """The DB to read: the newest sound installed pack, else the bundled one.

    `MGDESK_CONTENT_DB` names one DB outright and turns installed packs off.
    """
    bundled = ensure_built()
    if os.environ.get("MGDESK_CONTENT_DB"):
        return bundled, None
    from mgdesk.store.content_install import active_pack

    found = active_pack(bundled)
    return (bundled, None) if found is None else (found[1], found[0])


class ContentDB:
    """The reference content: symptoms, forms, studies, medicines, dosage tables, search."""

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise ContentUnavailable(f"the reference content is missing: {path}")
        try:
            self._db = sqlite3.connect(
                f"file:{path.as_posix()}?mode=ro&immutable=1", uri=True, check_same_thread=False
            )
            self._db.execute("SELECT count(*) FROM record").fetchone()
        except sqlite3.Error as exc:
            raise ContentUnavailable(
                f"the reference content cannot be read ({exc}): {path}"
            ) from None
        self.path = path

    @classmethod
    def open_default(cls) -> ContentDB:
        path, installed = select_db()
        try:
            return cls(path)
        except ContentUnavailable:
            if installed is None:
                raise
            from mgdesk.store.content_install import set_aside_unreadable

            set_aside_unreadable(path)
            return cls(ensure_built())

    def close(self) -> None:
        self._db.close()

    # ----- records

    def _load(self, kind: str, build: Callable[[dict[str, Any]], T]) -> list[T]:
        rows = self._db.execute(
            "SELECT json FROM record WHERE kind = ? ORDER BY ord", (kind,)
        ).fetchall()
        return [build(json.loads(row[0])) for row in rows]

    @cached_property
    def meta(self) -> ContentMeta:
        return self._load("meta", _meta)[0]

    @cached_property
    def dosage(self) -> DosageTable:
        return self._load("dosage", _dosage)[0]

    @cached_property
    def symptoms(self) -> list[Symptom]:
        return self._load("symptom", _symptom)

    @cached_property
    def forms(self) -> list[Form]:
        return self._load("form", lambda d: Form(**_tuples(d)))

    @cached_property
    def studies(self) -> list[Study]:
        return self._load("study", lambda d: Study(**d))

    @cached_property
    def sources(self) -> list[Source]:
        return self._load("source", lambda d: Source(**d))

    @cached_property
    def groups(self) -> list[InteractionGroup]:
        return self._load("group", lambda d: InteractionGroup(**_tuples(d)))

    @cached_property
    def medicines(self) -> list[Medicine]:
        return self._load("medicine", lambda d: Medicine(**_tuples(d)))

    @cached_property
    def conditions(self) -> list[Condition]:
        return self._load("condition", lambda d: Condition(**_tuples(d)))

    @cached_property
    def products(self) -> list[Product]:
        return self._load("product", lambda d: Product(**_tuples(d)))

    @cached_property
    def questions(self) -> list[Question]:
        return self._load("question", lambda d: Question(**d))

    @cached_property
    def glossary(self) -> list[GlossaryTerm]:
        """The medical words the texts use, each with a plain definition (glossary.toml)."""
        return self._load("glossary", lambda d: GlossaryTerm(**_tuples(d)))

    @cached_property
    def topics(self) -> list[Topic]:
        """Places in the window that search can open (the upper limit, the converter, ...)."""
        return self._load("topic", lambda d: Topic(**_tuples(d)))

    def topic(self, ident: str) -> Topic | None:
        return next((t for t in self.topics if t.id == ident), None)

    @cached_property
    def medicine_index(self) -> MedicineIndex:
        from mgdesk.domain.interactions import MedicineIndex

        return MedicineIndex(self.medicines, self.groups)

    @cached_property
    def condition_index(self) -> ConditionIndex:
        from mgdesk.domain.interactions import ConditionIndex

        return ConditionIndex(self.conditions)

    @cached_property
    def _citations(self) -> dict[str, Source | Study]:
        found: dict[str, Source | Study] = {s.id: s for s in self.sources}
        found.update({s.id: s for s in self.studies})
        return found

    # ----- look-ups by id or by name

    def symptom(self, ident: str) -> Symptom:
        return self._by_id(self.symptoms, ident, "symptom")

    def form(self, ident: str) -> Form:
        return self._by_id(self.forms, ident, "form")

    def study(self, ident: str) -> Study:
        return self._by_id(self.studies, ident, "study")

    def group(self, ident: str) -> InteractionGroup:
        return self._by_id(self.groups, ident, "interaction group")

    def condition(self, ident: str) -> Condition:
        return self._by_id(self.conditions, ident, "condition")

    def citation(self, ident: str) -> Source | Study | None:
        """The study or source behind an id in a `sources` list."""
        return self._citations.get(ident)

    def citations(self, ids: Iterable[str]) -> list[Source | Study]:
        return [c for c in (self.citation(i) for i in ids) if c is not None]

    @staticmethod
    def _by_id(items: list[T], ident: str, what: str) -> T:
        for item in items:
            if getattr(item, "id", None) == ident:
                return item
        raise KeyError(f"no {what} with id {ident!r}")

    def resolve_symptom(self, text: str) -> Symptom:
        """A symptom by id, name or alias, case-insensitively ("sleep", "Brain fog")."""
        return self._resolve(text, self.symptoms, lambda s: (s.id, s.name, *s.aliases), "symptom")

    def resolve_form(self, text: str) -> Form:
        """A form by id, name or alias ("glycinate", "magnesium glycinate")."""
        return self._resolve(
            text,
            self.forms,
            lambda f: (f.id, f.name, f"magnesium {f.id}", *f.aliases),
            "form",
        )

    @staticmethod
    def _resolve(text: str, items: list[T], names: Callable[[T], Iterable[str]], what: str) -> T:
        from mgdesk.domain.names import clean_label, normalise, suggestions

        if not isinstance(text, str) or not text.strip():
            raise InputError(f"a {what} name must not be empty")
        keys: dict[str, T] = {}
        shown: dict[str, str] = {}
        for item in items:
            all_names = list(names(item))
            for name in all_names:
                keys[normalise(name)] = item
                shown[normalise(name)] = all_names[1] if len(all_names) > 1 else all_names[0]
        found = keys.get(normalise(text[:200]))
        if found is not None:
            return found
        near = suggestions(text[:200], shown)
        hint = f" Did you mean: {', '.join(near)}?" if near else ""
        ids = ", ".join(str(getattr(i, "id", "")) for i in items)
        raise InputError(f"unknown {what} {clean_label(text, 60)!r}.{hint} Known: {ids}")

    # ----- search

    @cached_property
    def _searcher(self) -> Searcher:
        from mgdesk.store.search import Searcher

        return Searcher(self._db)

    def search(self, query: str, limit: int = 20) -> SearchResult:
        return self._searcher.search(query, limit)
