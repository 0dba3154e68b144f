"""Compile validated content into the read-only `content.sqlite` the app reads.

The file is written beside its final name and renamed into place, so a reader never sees a
half-built database. Records are stored as JSON per kind (the app keeps them in memory; the
content is small), plus an FTS5 index for search. Run as
`python -m mgdesk.store.content_build [--check] [--out PATH]`.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mgdesk.store.content_meta import meta_value
from mgdesk.store.search_text import (
    content_words,
    index_text,
    sentence_words,
    sentences,
    stem,
    words,
)

if TYPE_CHECKING:
    from mgdesk.store.content_load import Content

# Bump when the layout of content.sqlite changes, so stale builds are rebuilt.
FORMAT = 3

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE record (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    ord INTEGER NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (kind, id)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE search USING fts5(
    kind UNINDEXED, id UNINDEXED, title UNINDEXED, sentences UNINDEXED, phrases UNINDEXED,
    name, lay, body,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4'
);
CREATE TABLE search_word (word TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;
"""


def _records(content: Content) -> list[tuple[str, str, Any]]:
    """(kind, id, record) for every record; the kind names what the reader rebuilds."""
    rows: list[tuple[str, str, Any]] = [("meta", "meta", content.meta)]
    rows += [("source", s.id, s) for s in content.sources]
    rows += [("study", s.id, s) for s in content.studies]
    rows += [("symptom", s.id, s) for s in content.symptoms]
    rows += [("form", f.id, f) for f in content.forms]
    rows += [("group", g.id, g) for g in content.groups]
    rows += [("medicine", m.generic, m) for m in content.medicines]
    rows += [("condition", c.id, c) for c in content.conditions]
    rows += [("product", p.id, p) for p in content.products]
    rows += [("question", q.id, q) for q in content.questions]
    rows += [("topic", t.id, t) for t in content.topics]
    rows += [("dosage", "dosage", content.dosage)]
    rows += [("glossary", t.id, t) for t in content.glossary]
    return rows


@dataclasses.dataclass
class _Findable:
    """One search target: its title, the words people call it, its text, and its readable
    sentences, the ones that say what it is first (snippets are taken from these)."""

    kind: str
    id: str
    title: str
    lay: list[str]
    body: list[str]
    sentences: list[str]


def _preferred(record: object, *fields: str) -> list[str]:
    """The record's readable texts, a short `key_points` first wherever the content has one."""
    texts = [getattr(record, "key_points", "")]
    texts += [getattr(record, name) for name in fields]
    return [t for t in texts if isinstance(t, str) and t.strip()]


def _rendered(template: str, name: str) -> str:
    """Advice written for "{name}" as the user reads it, never the template itself."""
    return template.replace("your {name}", "your medicine").replace("{name}", name)


def _findables(content: Content) -> list[_Findable]:
    """Every search target with what it can be found by; lay terms join their targets."""
    symptom_names = {s.id: s.name for s in content.symptoms}
    groups = {g.id: g for g in content.groups}
    found: list[_Findable] = []
    for s in content.symptoms:
        texts = _preferred(s, "summary", "consumer")
        found.append(
            _Findable("symptom", s.id, s.name, list(s.aliases), [*texts, s.mechanism], texts)
        )
    for f in content.forms:
        suits = [symptom_names.get(i, "") for i in f.suggested_for]
        texts = _preferred(f, "absorption", "gi_tolerance", "cautions")
        found.append(
            _Findable("form", f.id, f.name, list(f.aliases), [f.compound, *suits, *texts], texts)
        )
    for m in content.medicines:
        group = groups.get(m.group)
        advice = [_rendered(group.consumer, m.generic)] if group else []
        lay = [*m.brands, *m.aliases, group.name if group else ""]
        found.append(_Findable("medicine", m.generic, m.generic, lay, advice, advice))
    for g in content.groups:
        # The advice is written for one medicine ("{name} makes ..."), so a group's own hit
        # reads it for "this medicine"; its title names the group.
        texts = [_rendered(t, "this medicine") for t in _preferred(g, "consumer", "mechanism")]
        found.append(_Findable("interaction", g.id, g.name, [], texts, texts))
    for c in content.conditions:
        texts = _preferred(c, "meaning", "advice")
        found.append(_Findable("condition", c.id, c.name, list(c.aliases), texts, texts))
    for t in content.topics:
        found.append(_Findable("topic", t.id, t.title, list(t.terms), [t.text], [t.text]))
    for st in content.studies:
        texts = [st.outcome, st.population]
        body = [st.citation, st.design, st.population, st.dose, st.outcome]
        found.append(_Findable("study", st.id, st.short_name, [], body, texts))
    by_key = {(f.kind, f.id): f for f in found}
    lay_kinds = (
        ("symptom", "symptoms"),
        ("form", "forms"),
        ("interaction", "groups"),
        ("condition", "conditions"),
        ("topic", "topics"),
    )
    for term in content.lay_terms:
        for kind, key in lay_kinds:
            for ident in getattr(term, key):
                by_key[(kind, ident)].lay.extend(term.words)
    return found


def _sentences_with_stems(texts: list[str]) -> list[list[str]]:
    """[sentence, the stems of its words], so a search need not stem text to mark a snippet."""
    return [
        [sentence, " ".join(stem(word) for _, _, word in sentence_words(sentence))]
        for text in texts
        for sentence in sentences(text)
    ]


def _search_rows(content: Content) -> list[tuple[str, ...]]:
    """(kind, id, title, sentences, phrases, name, lay, body) as the FTS table holds them;
    `phrases` are the title and lay terms as stems, to tell a query that is one of them."""
    rows: list[tuple[str, ...]] = []
    for f in _findables(content):
        phrases = [" ".join(map(stem, content_words(p))) for p in (f.title, *f.lay) if p]
        rows.append(
            (
                f.kind,
                f.id,
                f.title,
                json.dumps(_sentences_with_stems(f.sentences), ensure_ascii=False),
                "|".join(dict.fromkeys(p for p in phrases if p)),
                index_text(f.title),
                index_text(" ; ".join(f.lay)),
                index_text(" ".join(f.body)),
            )
        )
    return rows


def _word_counts(content: Content) -> list[tuple[str, int]]:
    """Each word as written (never a stem) with how many targets hold it: "did you mean"
    proposes only these, so it never offers a non-word."""
    counts: dict[str, int] = {}
    for f in _findables(content):
        for word in set(words(" ".join((f.title, *f.lay, *f.body)))):
            if len(word) > 1 and not word.isdigit():
                counts[word] = counts.get(word, 0) + 1
    return sorted(counts.items())


def write_database(content: Content, target: Path) -> None:
    """Write `content` to `target` atomically (temporary file, then rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".content-", suffix=".sqlite", dir=target.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        connection = sqlite3.connect(temp)
        try:
            connection.executescript(_SCHEMA)
            meta = {
                "format": str(FORMAT),
                "content_version": content.meta.content_version,
                "review_date": content.meta.review_date,
            }
            connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            connection.executemany(
                "INSERT INTO record VALUES (?, ?, ?, ?)",
                [
                    (kind, ident, order, json.dumps(dataclasses.asdict(item), ensure_ascii=False))
                    for order, (kind, ident, item) in enumerate(_records(content))
                ],
            )
            connection.executemany(
                "INSERT INTO search VALUES (?, ?, ?, ?, ?, ?, ?, ?)", _search_rows(content)
            )
            connection.executemany("INSERT INTO search_word VALUES (?, ?)", _word_counts(content))
            connection.execute("INSERT INTO search(search) VALUES ('optimize')")
            connection.commit()
        finally:
            connection.close()
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def build(source: Path, target: Path) -> Content:
    """Validate the TOML in `source` and, only if it is sound, write `target`."""
    from mgdesk.store.content_load import load_content

    content = load_content(source)
    write_database(content, target)
    return content


def is_stale(source: Path, target: Path) -> bool:
    """True when the DB is missing, of an older layout, or older than any TOML file."""
    if not target.is_file():
        return True
    newest = max((p.stat().st_mtime for p in source.glob("*.toml")), default=0.0)
    if newest > target.stat().st_mtime:
        return True
    try:
        return meta_value(target, "format") != str(FORMAT)
    except sqlite3.Error:
        return True


def main(argv: list[str] | None = None) -> int:
    from mgdesk import paths
    from mgdesk.store.content_load import ContentError, load_content

    parser = argparse.ArgumentParser(prog="python -m mgdesk.store.content_build")
    parser.add_argument("--source", type=Path, default=paths.content_source_dir())
    parser.add_argument("--out", type=Path, default=paths.content_db_path())
    parser.add_argument("--check", action="store_true", help="validate only, write nothing")
    parser.add_argument("--if-stale", action="store_true", help="build only when out of date")
    args = parser.parse_args(argv)
    if args.source is None:
        print("no content source folder (db/content) next to this package", file=sys.stderr)
        return 2
    try:
        if args.check:
            content = load_content(args.source)
            print(
                f"content ok: {len(content.symptoms)} symptoms, {len(content.forms)} forms, "
                f"{len(content.studies)} studies, {len(content.medicines)} medicines, "
                f"{len(content.groups)} interaction groups, {len(content.conditions)} conditions"
            )
            return 0
        if args.if_stale and not is_stale(args.source, args.out):
            return 0
        build(args.source, args.out)
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"built {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
