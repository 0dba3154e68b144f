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

from mgdesk.domain.interactions import with_any_medicine

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
    kind UNINDEXED, id UNINDEXED, title, body,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4'
);
CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search, 'row');
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
    rows += [("dosage", "dosage", content.dosage)]
    rows += [("glossary", t.id, t) for t in content.glossary]
    return rows


def _search_rows(content: Content) -> list[tuple[str, str, str, str]]:
    """(kind, id, title, body): what each item can be found by.

    Key points lead each body, so a hit on the title alone shows them as its snippet.
    """
    symptom_names = {s.id: s.name for s in content.symptoms}
    group_names = {g.id: g.name for g in content.groups}
    rows = []
    for s in content.symptoms:
        body = " ".join((s.key_points, *s.aliases, s.summary, s.consumer, s.mechanism))
        rows.append(("symptom", s.id, s.name, body))
    for f in content.forms:
        suits = " ".join(symptom_names.get(i, "") for i in f.suggested_for)
        body = " ".join(
            (f.key_points, *f.aliases, f.compound, suits, f.absorption, f.gi_tolerance, f.cautions)
        )
        rows.append(("form", f.id, f.name, body))
    for m in content.medicines:
        group = group_names.get(m.group, "")
        rows.append(("medicine", m.generic, m.generic, " ".join((*m.brands, *m.aliases, group))))
    for g in content.groups:
        body = f"{g.key_points} {g.mechanism} {with_any_medicine(g.consumer)}"
        rows.append(("interaction", g.id, g.name, body))
    for c in content.conditions:
        body = " ".join((c.key_points, *c.aliases, c.meaning, c.advice))
        rows.append(("condition", c.id, c.name, body))
    for st in content.studies:
        body = " ".join((st.citation, st.design, st.population, st.dose, st.outcome))
        rows.append(("study", st.id, st.short_name, body))
    return rows


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
            connection.executemany("INSERT INTO search VALUES (?, ?, ?, ?)", _search_rows(content))
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
        connection = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
        try:
            row = connection.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return True
    return row is None or row[0] != str(FORMAT)


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
