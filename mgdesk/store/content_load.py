"""Read `db/content/*.toml` into plain records, checking every rule the content model implies.

Nothing is written here: the loader returns the records and a list of problems, each naming
the file and the key, so that `content_build` can refuse to write a database from content
that cites an unknown study, claims without a source or leaves a gap in the dosage table.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mgdesk.domain.content import (
    PUBLISHER_KINDS,
    Condition,
    ContentMeta,
    Form,
    FormSuggestion,
    GradeDefinition,
    InteractionGroup,
    LayTerm,
    Medicine,
    Product,
    Question,
    Source,
    Study,
    Symptom,
    Topic,
)
from mgdesk.domain.dosage import DosageTable, LifeStage, UpperLimit
from mgdesk.domain.glossary import GlossaryTerm
from mgdesk.domain.grades import GRADES, is_grade, rank, strongest, weaker_of
from mgdesk.domain.names import normalise
from mgdesk.store.content_problem import Problem

FILES = (
    "meta",
    "sources",
    "studies",
    "symptoms",
    "forms",
    "dosage",
    "interactions",
    "medicines",
    "conditions",
    "products",
    "questions",
    "glossary",
    "lay_terms",
)
# The window's tabs a topic can open (keys of the main window's tab host).
TOPIC_TABS = ("symptoms", "forms", "dosage", "interactions", "plan", "journal", "visit")
SEVERITIES = ("high", "moderate", "low", "none known")
EFFECTS = ("absorption", "depletion", "retention", "none known")
CERTAINTIES = ("shown", "thought", "hypothesis")
LAXATIVE = ("low", "moderate", "high", "unknown")
PRODUCT_KINDS = ("antacid", "laxative", "multivitamin", "supplement")
MGDESK_PUBLISHER = "mgdesk content team"
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
PMID_PATTERN = re.compile(r"^[1-9][0-9]{0,8}$")
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Studies in other populations can support a fibromyalgia claim at most this well.
NON_FM_CAP = "C"


@dataclass
class Content:
    """Every record of the reference content, validated."""

    meta: ContentMeta
    sources: list[Source] = field(default_factory=list)
    studies: list[Study] = field(default_factory=list)
    symptoms: list[Symptom] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)
    dosage: DosageTable = field(default_factory=lambda: DosageTable((), ()))
    groups: list[InteractionGroup] = field(default_factory=list)
    medicines: list[Medicine] = field(default_factory=list)
    conditions: list[Condition] = field(default_factory=list)
    products: list[Product] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    glossary: list[GlossaryTerm] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    lay_terms: list[LayTerm] = field(default_factory=list)


class ContentError(Exception):
    """The content does not validate; `problems` lists every defect found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "\n".join(str(p) for p in problems[:50])
        more = f"\n... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} problem(s) in the content:\n{shown}{more}")


class _Entry:
    """Typed access to one TOML table that records a problem instead of raising."""

    def __init__(self, loader: _Loader, file: str, where: str, data: dict[str, Any]) -> None:
        self._loader = loader
        self.file = file
        self.where = where
        self.data = data
        self._used: set[str] = set()

    def problem(self, key: str, message: str) -> None:
        self._loader.problem(self.file, f"{self.where}.{key}" if key else self.where, message)

    def _get(self, key: str, required: bool) -> Any:
        self._used.add(key)
        if key not in self.data:
            if required:
                self.problem(key, "is missing")
            return None
        return self.data[key]

    def text(self, key: str, required: bool = True, allow_empty: bool = False) -> str:
        value = self._get(key, required)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.problem(key, "must be text")
            return ""
        if required and not allow_empty and not value.strip():
            self.problem(key, "must not be empty")
        return " ".join(value.split()) if "\n" not in value.strip() else value.strip()

    def ident(self, key: str = "id") -> str:
        value = self.text(key)
        if value and not ID_PATTERN.match(value):
            self.problem(key, f"{value!r} is not an id (lowercase a-z, 0-9 and hyphens)")
        return value

    def integer(self, key: str, required: bool = True) -> int | None:
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(key, "must be a whole number")
            return None
        return value

    def number(self, key: str, required: bool = True) -> float | None:
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(key, "must be a number")
            return None
        return float(value)

    def flag(self, key: str) -> bool:
        value = self._get(key, True)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.problem(key, "must be true or false")
            return False
        return value

    def texts(self, key: str, required: bool = True) -> tuple[str, ...]:
        value = self._get(key, required)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(key, "must be a list of text")
            return ()
        return tuple(v.strip() for v in value)

    def ints(self, key: str) -> tuple[int, ...]:
        value = self._get(key, True)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in value
        ):
            self.problem(key, "must be a list of positive whole numbers")
            return ()
        return tuple(value)

    def choice(self, key: str, allowed: tuple[str, ...]) -> str:
        value = self.text(key)
        if value and value not in allowed:
            self.problem(key, f"{value!r} is not one of: {', '.join(allowed)}")
        return value

    def grade(self, key: str = "grade") -> str:
        value = self._get(key, True)
        if value is None:
            return "D"
        if not is_grade(value):
            self.problem(key, f"{value!r} is not an evidence grade (one letter, A-D)")
            return "D"
        return str(value)

    def sources(self, key: str = "sources") -> tuple[str, ...]:
        ids = self.texts(key)
        if "sources" in key and not ids:
            self.problem(key, "a claim needs at least one source")
        self._loader.refer(self, key, ids, "source")
        return ids

    def tables(self, key: str) -> list[_Entry]:
        value = self._get(key, False)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(key, "must be a list of tables")
            return []
        return [
            _Entry(self._loader, self.file, f"{self.where}.{key}[{i}]", v)
            for i, v in enumerate(value)
        ]

    def finish(self) -> None:
        for key in sorted(set(self.data) - self._used):
            self.problem(key, "is not a known key (spelling?)")


class _Loader:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problems: list[Problem] = []
        self._references: list[tuple[_Entry, str, tuple[str, ...], str]] = []

    def problem(self, file: str, key: str, message: str) -> None:
        self.problems.append(Problem(file, key, message))

    def refer(self, entry: _Entry, key: str, ids: Iterable[str], kind: str) -> None:
        """Remember a reference to check once every file is read."""
        self._references.append((entry, key, tuple(ids), kind))

    def read(self, name: str) -> dict[str, Any]:
        path = self.folder / f"{name}.toml"
        if not path.is_file():
            self.problem(name, "", "file is missing")
            return {}
        try:
            with path.open("rb") as handle:
                return tomllib.load(handle)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            self.problem(name, "", f"not valid TOML ({exc})")
            return {}

    def entries(self, name: str, key: str) -> list[_Entry]:
        data = self.read(name)
        rows = data.get(key, [])
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            self.problem(name, key, f"must be a list of [[{key}]] tables")
            return []
        return [_Entry(self, name, f"{key}[{i}]", row) for i, row in enumerate(rows)]

    def check_references(self, known: dict[str, set[str]]) -> None:
        for entry, key, ids, kind in self._references:
            pool = known[kind]
            for ident in ids:
                if ident not in pool:
                    entry.problem(key, f"unknown {kind} id {ident!r}")


def _unique(loader: _Loader, file: str, items: list[tuple[str, str]], what: str) -> None:
    """Report every repeated key; `items` pairs a comparison key with where it stands."""
    seen: dict[str, str] = {}
    for key, where in items:
        if not key:
            continue
        if key in seen:
            loader.problem(file, where, f"duplicate {what} (also at {seen[key]})")
        else:
            seen[key] = where


def load_content(folder: Path) -> Content:
    """Read and validate the content; raise ContentError listing every problem found."""
    loader = _Loader(folder)
    content = Content(meta=_meta(loader))
    content.sources = _sources(loader)
    content.studies = [_study(e) for e in loader.entries("studies", "study")]
    content.symptoms = [_symptom(e) for e in loader.entries("symptoms", "symptom")]
    content.forms = [_form(e) for e in loader.entries("forms", "form")]
    content.dosage = _dosage(loader)
    content.groups = [_group(e) for e in loader.entries("interactions", "group")]
    content.medicines = [_medicine(e) for e in loader.entries("medicines", "medicine")]
    content.conditions = [_condition(e) for e in loader.entries("conditions", "condition")]
    content.products = [_product(e) for e in loader.entries("products", "product")]
    content.questions = [_question(e) for e in loader.entries("questions", "question")]
    content.glossary = [_term(e) for e in loader.entries("glossary", "term")]
    content.topics = [_topic(e) for e in loader.entries("lay_terms", "topic")]
    content.lay_terms = [_lay_term(e) for e in loader.entries("lay_terms", "term")]

    _unique(loader, "sources", [(s.id, s.id) for s in content.sources], "source id")
    _unique(loader, "studies", [(s.id, s.id) for s in content.studies], "study id")
    overlap = {s.id for s in content.sources} & {s.id for s in content.studies}
    for ident in sorted(overlap):
        loader.problem("studies", ident, "id is used by a source too")
    _unique(loader, "symptoms", [(s.id, s.id) for s in content.symptoms], "symptom id")
    _unique(loader, "symptoms", [(normalise(s.name), s.id) for s in content.symptoms], "name")
    _unique(loader, "forms", [(f.id, f.id) for f in content.forms], "form id")
    _unique(loader, "forms", [(normalise(f.name), f.id) for f in content.forms], "name")
    _unique(loader, "interactions", [(g.id, g.id) for g in content.groups], "group id")
    _unique(loader, "interactions", [(g.name, g.id) for g in content.groups], "group name")
    _unique(loader, "conditions", [(c.id, c.id) for c in content.conditions], "condition id")
    _unique(loader, "products", [(p.id, p.id) for p in content.products], "product id")
    _unique(loader, "questions", [(q.id, q.id) for q in content.questions], "question id")
    _unique(loader, "glossary", [(t.id, t.id) for t in content.glossary], "term id")
    _unique(
        loader,
        "glossary",
        [(m.casefold(), f"{t.id}.matches {m!r}") for t in content.glossary for m in t.matches],
        "form (each word is explained by one term)",
    )
    _unique(loader, "lay_terms", [(t.id, t.id) for t in content.topics], "topic id")
    _unique(
        loader,
        "medicines",
        [
            (normalise(name), f"medicine[{i}] {name!r}")
            for i, m in enumerate(content.medicines)
            for name in (m.generic, *m.brands, *m.aliases)
        ],
        "medicine name or brand",
    )

    known = {
        "source": {s.id for s in content.sources} | {s.id for s in content.studies},
        "study": {s.id for s in content.studies},
        "form": {f.id for f in content.forms},
        "symptom": {s.id for s in content.symptoms},
        "group": {g.id for g in content.groups},
        "condition": {c.id for c in content.conditions},
        "topic": {t.id for t in content.topics},
    }
    loader.check_references(known)
    _check_grades(loader, content)
    content.forms = _with_suggested_for(content)
    if not loader.problems:
        from mgdesk.store import glossary_check, readability

        loader.problems += readability.check(content)
        loader.problems += glossary_check.check(content)
    if loader.problems:
        raise ContentError(loader.problems)
    return content


# ----- one reader per kind


def _meta(loader: _Loader) -> ContentMeta:
    data = loader.read("meta")
    entry = _Entry(loader, "meta", "meta", data)
    version = entry.text("content_version")
    review = entry.text("review_date")
    if review and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", review):
        entry.problem("review_date", "must be a date YYYY-MM-DD")
    grades = []
    for table in entry.tables("grade"):
        grades.append(
            GradeDefinition(table.text("letter"), table.text("label"), table.text("meaning"))
        )
        table.finish()
    if tuple(g.letter for g in grades) != GRADES:
        entry.problem("grade", "must define the grades A, B, C and D, in that order")
    entry.finish()
    return ContentMeta(version, review, tuple(grades))


def _sources(loader: _Loader) -> list[Source]:
    """Every source, each checked against the kinds allowed and the hosts denied.

    The deny-list is data (`denied_hosts` at the top of sources.toml): mirrors, vendors and
    encyclopedias that a clinician would discount, named once and reviewed like the sources.
    """
    data = loader.read("sources")
    top = _Entry(loader, "sources", "sources", data)
    denied = tuple(h.lower().lstrip(".") for h in top.texts("denied_hosts"))
    top._used.add("source")
    top.finish()
    rows = data.get("source", [])
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        loader.problem("sources", "source", "must be a list of [[source]] tables")
        return []
    return [
        _source(_Entry(loader, "sources", f"source[{i}]", row), denied)
        for i, row in enumerate(rows)
    ]


def denied_host(url: str, denied: Iterable[str]) -> str:
    """The denied host `url` points at (the host itself or a subdomain of it), or ""."""
    host = (urlsplit(url.strip()).hostname or "").lower()
    for name in denied:
        if host == name or host.endswith("." + name):
            return name
    return ""


def _identifiers(e: _Entry) -> tuple[str, str]:
    """The DOI and PMID of a source or study, checked for shape so that a reader can look them
    up: a DOI starts with "10." (no "doi:" prefix, no URL), a PMID is digits only."""
    doi = e.text("doi", required=False)
    pmid = e.text("pmid", required=False)
    if doi and not DOI_PATTERN.match(doi):
        e.problem("doi", f"{doi!r} is not a DOI (10.NNNN/..., without 'doi:' or a URL)")
    if pmid and not PMID_PATTERN.match(pmid):
        e.problem("pmid", f"{pmid!r} is not a PubMed id (digits only)")
    return doi, pmid


def _source(e: _Entry, denied: tuple[str, ...]) -> Source:
    ident = e.ident()
    kind = e.choice("publisher_kind", tuple(PUBLISHER_KINDS))
    url = e.text("url", required=False)
    publisher = e.text("publisher")
    doi, pmid = _identifiers(e)
    if url:
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
            e.problem("url", f"{url!r} is not a web address")
        host = denied_host(url, denied)
        if host:
            e.problem(
                "url",
                f"{host} is a mirror, vendor or encyclopedia, not a primary source: "
                "cite the publisher's own page, or give the DOI or PMID",
            )
    if kind == "mgdesk" and (url or publisher != MGDESK_PUBLISHER):
        e.problem(
            "publisher_kind",
            f"'mgdesk' is for the project's own calculations and rules: publisher "
            f"{MGDESK_PUBLISHER!r} and no url",
        )
    source = Source(
        id=ident,
        title=e.text("title"),
        publisher=publisher,
        year=e.integer("year") or 0,
        url=url,
        note=e.text("note", required=False),
        publisher_kind=kind,
        doi=doi,
        pmid=pmid,
    )
    e.finish()
    return source


def _study(e: _Entry) -> Study:
    form = e.text("form", allow_empty=True)
    if form:
        e._loader.refer(e, "form", (form,), "form")
    doi, pmid = _identifiers(e)
    study = Study(
        id=e.ident(),
        citation=e.text("citation"),
        year=e.integer("year") or 0,
        design=e.text("design"),
        size=e.text("size"),
        population=e.text("population"),
        fibromyalgia=e.flag("fibromyalgia"),
        form=form,
        dose=e.text("dose", allow_empty=True),
        duration=e.text("duration", allow_empty=True),
        outcome=e.text("outcome"),
        funding=e.text("funding", allow_empty=True),
        grade=e.grade(),
        pmid=pmid,
        doi=doi,
        caveat=e.text("caveat", required=False),
        short=e.text("short", required=False),
        plain=e.text("plain"),
    )
    e.finish()
    return study


def _symptom(e: _Entry) -> Symptom:
    studies = e.texts("studies")
    e._loader.refer(e, "studies", studies, "study")
    suggestions = []
    for table in e.tables("form"):
        form = table.text("form")
        e._loader.refer(table, "form", (form,), "form")
        suggestions.append(FormSuggestion(form, table.text("why"), table.sources()))
        table.finish()
    sources = e.sources()
    symptom = Symptom(
        id=e.ident(),
        name=e.text("name"),
        aliases=e.texts("aliases"),
        summary=e.text("summary"),
        consumer=e.text("consumer"),
        clinician=e.text("clinician"),
        mechanism=e.text("mechanism"),
        mechanism_certainty=e.choice("mechanism_certainty", CERTAINTIES),
        studies=studies,
        grade=e.grade(),
        fm_evidence=e.flag("fm_evidence"),
        sources=sources,
        forms=tuple(suggestions),
        **_key_points(e, sources),
    )
    e.finish()
    return symptom


def _form(e: _Entry) -> Form:
    studies = e.texts("studies")
    e._loader.refer(e, "studies", studies, "study")
    percent = e.number("elemental_percent") or 0.0
    if not 0 < percent < 100:
        e.problem("elemental_percent", "must be more than 0 and less than 100")
    sources = e.sources()
    form = Form(
        id=e.ident(),
        name=e.text("name"),
        aliases=e.texts("aliases"),
        compound=e.text("compound"),
        elemental_percent=percent,
        elemental_sources=e.sources("elemental_sources"),
        absorption=e.text("absorption"),
        absorption_sources=e.sources("absorption_sources"),
        gi_tolerance=e.text("gi_tolerance"),
        gi_sources=e.sources("gi_sources"),
        laxative=e.choice("laxative", LAXATIVE),
        tablet_elemental_mg=e.ints("tablet_elemental_mg"),
        cautions=e.text("cautions"),
        grade=e.grade(),
        studies=studies,
        sources=sources,
        **_key_points(e, sources),
    )
    e.finish()
    return form


def _key_points(e: _Entry, sources: tuple[str, ...]) -> dict[str, Any]:
    """The item's key points and their sources, which must be among the item's own sources.

    Key points summarise the item's claims, so they may cite nothing the item does not.
    """
    text = e.text("key_points")
    cited = e.texts("key_point_sources")
    if text and not cited:
        e.problem("key_point_sources", "key points need at least one source")
    for ident in cited:
        if ident not in sources:
            e.problem(
                "key_point_sources",
                f"{ident!r} is not among this item's sources; key points may cite only those",
            )
    sentences = [p for p in re.split(r"(?<=[.!?])\s+", text.strip()) if p]
    if len(sentences) > 3:
        e.problem("key_points", f"at most three sentences, not {len(sentences)}")
    return {"key_points": text, "key_point_sources": cited}


def _rows(
    loader: _Loader,
    data: dict[str, Any],
    key: str,
    build: Callable[[_Entry], Any],
) -> list[Any]:
    rows = data.get(key, [])
    if not isinstance(rows, list) or not rows:
        loader.problem("dosage", key, "needs at least one row")
        return []
    return [build(_Entry(loader, "dosage", f"{key}[{i}]", r)) for i, r in enumerate(rows)]


def _stage(e: _Entry) -> LifeStage:
    stage = LifeStage(
        label=e.text("label"),
        from_months=e.integer("from_months") or 0,
        to_months=e.integer("to_months", required=False),
        kind=e.choice("kind", ("AI", "RDA")),
        male=e.integer("male") or 0,
        female=e.integer("female") or 0,
        pregnancy=e.integer("pregnancy", required=False),
        lactation=e.integer("lactation", required=False),
    )
    if (stage.pregnancy is None) != (stage.lactation is None):
        e.problem("pregnancy", "give pregnancy and lactation together, or neither")
    e.finish()
    return stage


def _limit(e: _Entry) -> UpperLimit:
    limit = UpperLimit(
        label=e.text("label"),
        from_months=e.integer("from_months") or 0,
        to_months=e.integer("to_months", required=False),
        mg=e.integer("mg", required=False),
        note=e.text("note", required=False),
    )
    e.finish()
    return limit


def _check_coverage(loader: _Loader, key: str, rows: Sequence[LifeStage | UpperLimit]) -> None:
    """Rows must run from birth with no gap and no overlap, the last one open-ended."""
    expected = 0
    for index, row in enumerate(rows):
        where = f"{key}[{index}]"
        if row.from_months != expected:
            kind = "gap" if row.from_months > expected else "overlap"
            loader.problem(
                "dosage",
                where,
                f"{kind} in ages: starts at month {row.from_months}, "
                f"the row before ends at month {expected}",
            )
        last = index == len(rows) - 1
        if row.to_months is None:
            if not last:
                loader.problem("dosage", where, "only the last row may be open-ended")
            break
        if row.to_months <= row.from_months:
            loader.problem("dosage", where, "to_months must be after from_months")
        if last:
            loader.problem("dosage", where, "the last row must be open-ended (no to_months)")
        expected = row.to_months


def _dosage(loader: _Loader) -> DosageTable:
    data = loader.read("dosage")
    entry = _Entry(loader, "dosage", "dosage", data)
    sources = entry.sources()
    entry._used.update({"life_stage", "upper_limit"})
    entry.finish()
    stages: list[LifeStage] = _rows(loader, data, "life_stage", _stage)
    limits: list[UpperLimit] = _rows(loader, data, "upper_limit", _limit)
    _check_coverage(loader, "life_stage", stages)
    _check_coverage(loader, "upper_limit", limits)
    return DosageTable(tuple(stages), tuple(limits), sources)


def _hours_text(hours: float) -> str:
    return str(int(hours)) if float(hours).is_integer() else str(hours)


def _group(e: _Entry) -> InteractionGroup:
    before = e.number("before_hours", required=False)
    after = e.number("after_hours", required=False)
    spacing = e.tables("spacing")
    if (before is not None or after is not None) and not spacing:
        e.problem("spacing", "spacing hours need the [[group.spacing]] figures they come from")
    cited_before: list[float] = []
    cited_after: list[float] = []
    for table in spacing:
        source = table.text("source")
        e._loader.refer(table, "source", (source,), "source")
        b = table.number("before_hours", required=False)
        a = table.number("after_hours", required=False)
        cited_before += [b] if b is not None else []
        cited_after += [a] if a is not None else []
        table.finish()
    if spacing:
        if cited_before and before != max(cited_before):
            e.problem(
                "before_hours", f"must be the most cautious cited figure, {max(cited_before)}"
            )
        if cited_after and after != max(cited_after):
            e.problem("after_hours", f"must be the most cautious cited figure, {max(cited_after)}")
    sources = e.sources()
    group = InteractionGroup(
        id=e.ident(),
        name=e.text("name"),
        mechanism=e.text("mechanism"),
        severity=e.choice("severity", SEVERITIES),
        likelihood=e.text("likelihood"),
        effect=e.choice("effect", EFFECTS),
        consumer=e.text("consumer"),
        clinician=e.text("clinician"),
        sources=sources,
        before_hours=before,
        after_hours=after,
        **_key_points(e, sources),
    )
    for hours, key in ((before, "before_hours"), (after, "after_hours")):
        if hours and _hours_text(hours) not in group.consumer:
            e.problem("consumer", f"advice must say the number of hours ({key} = {hours})")
    e.finish()
    return group


def _medicine(e: _Entry) -> Medicine:
    group = e.text("group")
    e._loader.refer(e, "group", (group,), "group")
    medicine = Medicine(
        generic=e.text("generic"),
        brands=e.texts("brands"),
        aliases=e.texts("aliases", required=False),
        group=group,
    )
    e.finish()
    return medicine


def _condition(e: _Entry) -> Condition:
    sources = e.sources()
    condition = Condition(
        id=e.ident(),
        name=e.text("name"),
        aliases=e.texts("aliases", required=False),
        meaning=e.text("meaning"),
        severity=e.choice("severity", SEVERITIES),
        advice=e.text("advice"),
        sources=sources,
        **_key_points(e, sources),
    )
    e.finish()
    return condition


def _product(e: _Entry) -> Product:
    form = e.text("form")
    e._loader.refer(e, "form", (form,), "form")
    product = Product(
        id=e.ident(),
        name=e.text("name"),
        kind=e.choice("kind", PRODUCT_KINDS),
        form=form,
        unit=e.text("unit"),
        compound_mg=e.number("compound_mg") or 0.0,
        elemental_mg=e.number("elemental_mg") or 0.0,
        sources=e.sources(),
    )
    if product.elemental_mg <= 0:
        e.problem("elemental_mg", "must be more than 0")
    e.finish()
    return product


def _question(e: _Entry) -> Question:
    when = e.text("when")
    kind, _, ident = when.partition(":")
    if when in ("always", "form:any", "above-ul"):
        pass
    elif kind in ("group", "condition", "form", "symptom") and ident:
        e._loader.refer(e, "when", (ident,), kind)
    else:
        e.problem("when", f"{when!r} is not a trigger (always, group:ID, condition:ID, ...)")
    question = Question(id=e.ident(), text=e.text("text"), when=when)
    e.finish()
    return question


def _term(e: _Entry) -> GlossaryTerm:
    term = GlossaryTerm(
        id=e.ident(),
        term=e.text("term"),
        matches=e.texts("matches"),
        definition=e.text("definition"),
        sources=e.sources(),
    )
    if not term.matches:
        e.problem("matches", "needs at least one form to find the word by")
    e.finish()
    return term


# ----- rules across kinds


def _topic(e: _Entry) -> Topic:
    topic = Topic(
        id=e.ident(),
        title=e.text("title"),
        tab=e.choice("tab", TOPIC_TABS),
        focus=e.text("focus"),
        text=e.text("text"),
        terms=e.texts("terms"),
    )
    e.finish()
    return topic


_LAY_KINDS = (
    ("symptoms", "symptom"),
    ("forms", "form"),
    ("groups", "group"),
    ("conditions", "condition"),
    ("topics", "topic"),
)


def _lay_term(e: _Entry) -> LayTerm:
    """Lay words and what they stand for; a term that points nowhere is an error."""
    targets = {key: e.texts(key, required=False) for key, _ in _LAY_KINDS}
    for key, kind in _LAY_KINDS:
        e._loader.refer(e, key, targets[key], kind)
    if not any(targets.values()):
        e.problem("words", "points at nothing: name symptoms, forms, groups, conditions or topics")
    term = LayTerm(words=e.texts("words"), **targets)
    if not term.words:
        e.problem("words", "needs at least one word")
    e.finish()
    return term


def _grade_cap(study_ids: Iterable[str], studies: dict[str, Study]) -> str:
    """The strongest grade the evidence allows for fibromyalgia: D when there is none."""
    caps = []
    for ident in study_ids:
        study = studies.get(ident)
        if study is None:
            continue
        caps.append(study.grade if study.fibromyalgia else weaker_of(study.grade, NON_FM_CAP))
    return strongest(caps) or "D"


def _check_grades(loader: _Loader, content: Content) -> None:
    studies = {s.id: s for s in content.studies}
    for kind, items in (("symptoms", content.symptoms), ("forms", content.forms)):
        for item in items:
            cap = _grade_cap(item.studies, studies)
            if rank(item.grade) < rank(cap):
                loader.problem(
                    kind,
                    item.id,
                    f"grade {item.grade} is stronger than its evidence allows ({cap}: "
                    "the best fibromyalgia study, or C for studies in other populations)",
                )
    for symptom in content.symptoms:
        has_fm = any(studies[s].fibromyalgia for s in symptom.studies if s in studies)
        if symptom.fm_evidence != has_fm:
            loader.problem(
                "symptoms",
                f"{symptom.id}.fm_evidence",
                f"must be {str(has_fm).lower()}: it says whether any of its studies was in "
                "people with fibromyalgia",
            )


def _with_suggested_for(content: Content) -> list[Form]:
    """Fill each form's `suggested_for` from the symptoms, where the reasons are written."""
    by_form: dict[str, list[str]] = {}
    for symptom in content.symptoms:
        for suggestion in symptom.forms:
            by_form.setdefault(suggestion.form, []).append(symptom.id)
    return [
        Form(**{**form.__dict__, "suggested_for": tuple(by_form.get(form.id, []))})
        for form in content.forms
    ]
