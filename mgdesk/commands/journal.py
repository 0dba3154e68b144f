"""`mgdesk journal add|export|import`: the symptom journal from the command line.

Input is checked completely (names resolved against the content, values against the journal's
rules) before the user DB is opened, so bad input changes nothing and exits 2 with one line.
Exports are written atomically; an import is validated as a whole and written in one
transaction, so a bad row (named by its line) leaves the journal as it was.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from pathlib import Path

from mgdesk.commands.input_files import read_user_text
from mgdesk.commands.output import output_target
from mgdesk.domain import journal_io
from mgdesk.domain.errors import InputError
from mgdesk.domain.journal import format_mg, new_entry, split_dose_arg, split_rate_arg
from mgdesk.store.content_db import ContentDB
from mgdesk.store.files import atomic_writer
from mgdesk.store.journal import JournalStore
from mgdesk.store.user_db import open_user_db

MAX_IMPORT_FILE = 20 * 1024 * 1024


def run(args: argparse.Namespace) -> int:
    if args.action == "add":
        return _add(args)
    if args.action == "export":
        return _export(args)
    return _import(args)


@contextlib.contextmanager
def _journal() -> Iterator[JournalStore]:
    db = open_user_db()
    try:
        yield JournalStore(db)
    finally:
        db.close()


def _add(args: argparse.Namespace) -> int:
    content = ContentDB.open_default()
    try:
        ratings = []
        for text in args.rate:
            name, value = split_rate_arg(text)
            ratings.append((content.resolve_symptom(name).id, value))
        doses = []
        for text in args.dose:
            name, mg = split_dose_arg(text)
            doses.append((content.resolve_form(name).id, mg))
    finally:
        content.close()
    entry = new_entry(args.date, args.time, ratings, doses, args.note or "")
    with _journal() as store:
        saved = store.add(entry)
    what = ", ".join(f"{r.symptom} {r.value}" for r in saved.ratings)
    taken = ", ".join(f"{d.form} {format_mg(d.mg)} mg" for d in saved.doses)
    when = f"{saved.date.isoformat()} {saved.time_text}".strip()
    print(f"added journal entry {saved.id} ({when}: {what}{'; ' + taken if taken else ''})")
    return 0


def _export(args: argparse.Namespace) -> int:
    target = output_target(args.output, f"journal.{args.format}")
    with _journal() as store:
        entries = store.entries()
    if args.format == "csv":
        data = journal_io.to_csv(entries).encode(journal_io.CSV_ENCODING)
    else:
        data = journal_io.to_json(entries).encode(journal_io.JSON_ENCODING)
    try:
        with atomic_writer(target) as stream:
            stream.write(data)
    except OSError as exc:  # name the file asked for, not the temporary one beside it
        raise OSError(exc.errno, exc.strerror or "cannot write", args.output) from None
    print(f"wrote {_entries(len(entries))} to {args.output}")
    return 0


def _format_of(name: str, given: str | None) -> str:
    if given:
        return given
    suffix = Path(name).suffix.lower()
    if suffix in (".csv", ".json"):
        return suffix[1:]
    raise InputError(f"{name}: say --format csv or --format json (the name does not end in either)")


def _import(args: argparse.Namespace) -> int:
    kind = _format_of(args.file, args.format)
    text = read_user_text(args.file, MAX_IMPORT_FILE, "a journal file")
    content = ContentDB.open_default()
    try:
        symptoms = {s.id for s in content.symptoms}
        forms = {f.id for f in content.forms}
    finally:
        content.close()
    parse = journal_io.parse_csv if kind == "csv" else journal_io.parse_json
    try:
        entries = parse(text, symptoms=symptoms, forms=forms)
    except InputError as exc:
        raise InputError(f"{args.file}: {exc}; nothing was imported") from None
    with _journal() as store:
        result = store.import_entries(entries)
    skipped = f", skipped {result.skipped} already in the journal" if result.skipped else ""
    print(f"imported {_entries(result.added)} from {args.file}{skipped}")
    return 0


def _entries(count: int) -> str:
    return f"{count} journal {'entry' if count == 1 else 'entries'}"
