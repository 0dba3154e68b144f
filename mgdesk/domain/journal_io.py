"""The journal as CSV and JSON files: written so that export, import, export gives the same bytes.

JSON: `{"format": "mgdesk-journal", "version": 1, "entries": [...]}`, one entry per line, each
`{"date", "time" (null when none), "ratings": {symptom: 0..10}, "doses": {form: mg}, "note"}`.
CSV (one row per entry, for spreadsheets): `date,time,rate:<symptom>…,dose:<form>…,note`, an
empty cell meaning "not rated" or "not taken"; files are written UTF-8 with a BOM (so Excel reads
accents) and CRLF line ends, as RFC 4180 has it.

Parsing is all or nothing: the first bad row raises InputError naming its line, and no partial
result is returned. Ids of entries are not exported: they belong to one database.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Collection, Iterable
from typing import Any

from mgdesk.domain.errors import InputError
from mgdesk.domain.journal import (
    JournalEntry,
    format_mg,
    new_entry,
    parse_id,
    parse_mg,
    parse_rating,
    sort_key,
)

FORMAT = "mgdesk-journal"
VERSION = 1
CSV_ENCODING = "utf-8-sig"
JSON_ENCODING = "utf-8"
RATE_PREFIX = "rate:"
DOSE_PREFIX = "dose:"
ENTRY_KEYS = ("date", "time", "ratings", "doses", "note")
_WS = re.compile(r"[ \t\n\r]*")


# ----- one entry as a JSON object (also for a whole-data export elsewhere)


def entry_to_dict(entry: JournalEntry) -> dict[str, Any]:
    return {
        "date": entry.date.isoformat(),
        "time": entry.time_text or None,
        "ratings": {r.symptom: r.value for r in entry.ratings},
        "doses": {d.form: _json_mg(d.mg) for d in entry.doses},
        "note": entry.note,
    }


def entry_from_dict(
    obj: object,
    *,
    today: dt.date | None = None,
    symptoms: Collection[str] | None = None,
    forms: Collection[str] | None = None,
) -> JournalEntry:
    """An entry from its JSON object; `symptoms`/`forms`, when given, are the known ids."""
    if not isinstance(obj, dict):
        raise InputError("an entry must be a JSON object")
    unknown = [k for k in obj if k not in ENTRY_KEYS]
    if unknown:
        raise InputError(
            f"unknown key {str(unknown[0])[:40]!r} (an entry has: {', '.join(ENTRY_KEYS)})"
        )
    if "date" not in obj:
        raise InputError('an entry needs a "date"')
    ratings = obj.get("ratings")
    doses = obj.get("doses", {})
    if not isinstance(ratings, dict):
        raise InputError('"ratings" must be an object of symptom: 0..10, e.g. {"fatigue": 6}')
    if doses is None:
        doses = {}
    if not isinstance(doses, dict):
        raise InputError('"doses" must be an object of form: mg, e.g. {"malate": 200}')
    note = obj.get("note", "")
    entry = new_entry(
        obj["date"],
        obj.get("time"),
        list(ratings.items()),
        list(doses.items()),
        "" if note is None else note,
        today=today,
    )
    check_known(entry, symptoms, forms)
    return entry


def check_known(
    entry: JournalEntry,
    symptoms: Collection[str] | None,
    forms: Collection[str] | None,
) -> None:
    """Every symptom and form id is one the content knows (skipped when None)."""
    if symptoms is not None:
        for rating in entry.ratings:
            if rating.symptom not in symptoms:
                raise InputError(
                    f"unknown symptom {rating.symptom!r}; known: {', '.join(sorted(symptoms))}"
                )
    if forms is not None:
        for dose in entry.doses:
            if dose.form not in forms:
                raise InputError(f"unknown form {dose.form!r}; known: {', '.join(sorted(forms))}")


def _json_mg(mg: float) -> int | float:
    return int(mg) if float(mg).is_integer() else float(mg)


# ----- JSON


def to_json(entries: Iterable[JournalEntry]) -> str:
    """The journal as a JSON document, oldest entry first, one entry per line."""
    rows = [
        json.dumps(entry_to_dict(e), ensure_ascii=False, separators=(", ", ": "))
        for e in sorted(entries, key=sort_key)
    ]
    body = ",\n".join(f"    {row}" for row in rows)
    inner = f"[\n{body}\n  ]" if rows else "[]"
    return f'{{\n  "format": "{FORMAT}",\n  "version": {VERSION},\n  "entries": {inner}\n}}\n'


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise InputError(f"the key {key[:40]!r} appears twice in one object")
        result[key] = value
    return result


def _no_constants(name: str) -> None:
    raise InputError(f"{name} is not a number a journal can hold")


def parse_json(
    text: str,
    *,
    today: dt.date | None = None,
    symptoms: Collection[str] | None = None,
    forms: Collection[str] | None = None,
) -> list[JournalEntry]:
    """Every entry of a journal JSON document, or InputError naming the first bad line."""
    text = text.removeprefix("\ufeff")
    try:
        document = json.loads(
            text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constants
        )
    except json.JSONDecodeError as exc:
        raise InputError(f"line {exc.lineno}: not valid JSON ({exc.msg})") from None
    except InputError as exc:
        raise InputError(f"not a journal file: {exc}") from None
    except RecursionError:
        raise InputError("not a journal file: nested too deeply") from None
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        raise InputError('not a journal file: expected an object with an "entries" list')
    extra = [k for k in document if k not in ("format", "version", "entries")]
    if extra:
        raise InputError(f"not a journal file: unknown key {extra[0][:40]!r}")
    if document.get("format", FORMAT) != FORMAT:
        raise InputError(f'not a journal file: "format" must be "{FORMAT}"')
    version = document.get("version")
    if version != VERSION or isinstance(version, bool):
        raise InputError(f'not a journal file this mgdesk reads: "version" must be {VERSION}')
    starts = _entry_offsets(text)
    entries = []
    for index, obj in enumerate(document["entries"]):
        try:
            entries.append(entry_from_dict(obj, today=today, symptoms=symptoms, forms=forms))
        except InputError as exc:
            where = (
                f"line {text.count(chr(10), 0, starts[index]) + 1}"
                if index < len(starts)
                else f"entry {index + 1}"
            )
            raise InputError(f"{where} (entry {index + 1}): {exc}") from None
    return entries


def _entry_offsets(text: str) -> list[int]:
    """Where each element of the top-level "entries" list starts (text is valid JSON)."""
    decoder = json.JSONDecoder()

    def skip(i: int) -> int:
        match = _WS.match(text, i)
        return i if match is None else match.end()

    try:
        i = skip(0)
        if text[i : i + 1] != "{":
            return []
        i = skip(i + 1)
        while text[i : i + 1] == '"':
            key, i = decoder.raw_decode(text, i)
            i = skip(skip(i) + 1)  # past the colon
            if key == "entries" and text[i : i + 1] == "[":
                starts: list[int] = []
                i = skip(i + 1)
                while text[i : i + 1] not in ("]", ""):
                    starts.append(i)
                    _, i = decoder.raw_decode(text, i)
                    i = skip(i)
                    if text[i : i + 1] == ",":
                        i = skip(i + 1)
                return starts
            _, i = decoder.raw_decode(text, i)
            i = skip(i)
            if text[i : i + 1] == ",":
                i = skip(i + 1)
    except (ValueError, RecursionError):
        return []
    return []


# ----- CSV


def csv_columns(entries: Iterable[JournalEntry]) -> tuple[list[str], list[str]]:
    """The symptom ids and form ids that get a column, each sorted."""
    symptoms: set[str] = set()
    forms: set[str] = set()
    for entry in entries:
        symptoms.update(r.symptom for r in entry.ratings)
        forms.update(d.form for d in entry.doses)
    return sorted(symptoms), sorted(forms)


def to_csv(entries: Iterable[JournalEntry]) -> str:
    """The journal as CSV text (no BOM; write it with CSV_ENCODING), oldest first."""
    ordered = sorted(entries, key=sort_key)
    symptoms, forms = csv_columns(ordered)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            "date",
            "time",
            *(RATE_PREFIX + s for s in symptoms),
            *(DOSE_PREFIX + f for f in forms),
            "note",
        ]
    )
    for entry in ordered:
        ratings = {r.symptom: str(r.value) for r in entry.ratings}
        doses = {d.form: format_mg(d.mg) for d in entry.doses}
        writer.writerow(
            [
                entry.date.isoformat(),
                entry.time_text,
                *(ratings.get(s, "") for s in symptoms),
                *(doses.get(f, "") for f in forms),
                entry.note,
            ]
        )
    return out.getvalue()


def _csv_header(
    row: list[str],
    symptoms: Collection[str] | None,
    forms: Collection[str] | None,
) -> list[tuple[str, str]]:
    """(kind, id) per column: kind is date, time, note, rate or dose."""
    columns: list[tuple[str, str]] = []
    seen: set[str] = set()
    for cell in row:
        name = cell.strip().removeprefix("\ufeff").lower()
        if name in seen:
            raise InputError(f"the column {cell[:40]!r} appears twice")
        seen.add(name)
        if name in ("date", "time", "note"):
            columns.append((name, name))
            continue
        for kind, prefix, known in (("rate", RATE_PREFIX, symptoms), ("dose", DOSE_PREFIX, forms)):
            if name.startswith(prefix):
                what = "symptom" if kind == "rate" else "form"
                ident = parse_id(name[len(prefix) :].strip(), what)
                if known is not None and ident not in known:
                    raise InputError(
                        f"the column {cell[:40]!r} names an unknown {what}; "
                        f"known: {', '.join(sorted(known))}"
                    )
                columns.append((kind, ident))
                break
        else:
            raise InputError(
                f"unknown column {cell[:40]!r}; columns are date, time, note, "
                f"{RATE_PREFIX}<symptom> and {DOSE_PREFIX}<form>"
            )
    if "date" not in seen:
        raise InputError('the first line must be the header, with a "date" column')
    return columns


def parse_csv(
    text: str,
    *,
    today: dt.date | None = None,
    symptoms: Collection[str] | None = None,
    forms: Collection[str] | None = None,
) -> list[JournalEntry]:
    """Every row of a journal CSV, or InputError naming the line of the first bad row."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    entries: list[JournalEntry] = []
    columns: list[tuple[str, str]] | None = None
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError(f"line {line}: not valid CSV ({exc})") from None
        try:
            if columns is None:
                columns = _csv_header(row, symptoms, forms)
            elif any(cell.strip() for cell in row):
                entries.append(_csv_row(row, columns, today, symptoms, forms))
        except InputError as exc:
            raise InputError(f"line {line}: {exc}") from None
        line = reader.line_num + 1
    if columns is None:
        raise InputError("the file is empty (a journal CSV starts with its header line)")
    return entries


def _csv_row(
    row: list[str],
    columns: list[tuple[str, str]],
    today: dt.date | None,
    symptoms: Collection[str] | None,
    forms: Collection[str] | None,
) -> JournalEntry:
    if len(row) != len(columns):
        raise InputError(f"the row has {len(row)} cells but the header has {len(columns)}")
    fields = {"date": "", "time": "", "note": ""}
    ratings: list[tuple[str, str]] = []
    doses: list[tuple[str, str]] = []
    for (kind, ident), cell in zip(columns, row, strict=True):
        if kind in fields:
            fields[kind] = cell
        elif cell.strip():
            (ratings if kind == "rate" else doses).append((ident, cell))
    entry = new_entry(
        fields["date"],
        fields["time"].strip() or None,
        [(s, _rating_cell(s, v)) for s, v in ratings],
        [(f, _mg_cell(f, v)) for f, v in doses],
        fields["note"],
        today=today,
    )
    check_known(entry, symptoms, forms)
    return entry


def _rating_cell(symptom: str, value: str) -> int:
    return parse_rating(value, f"the rating of {symptom}")


def _mg_cell(form: str, value: str) -> float:
    return parse_mg(value, f"the dose of {form}")
