"""`mgdesk handout`: the visit handout as a PDF, from a visit.json, from flags, or both.

Flags override the file's single values (name, date, age, sex, notes) and add to its lists
(symptoms, forms, medicines, conditions, questions). Everything is checked before anything is
written: bad input exits 2 and leaves no file; a target that cannot be written exits 1 and
leaves an older file whole, because the PDF goes to a temporary file that is renamed into
place. The PDF itself comes from `report.handout.write_handout`, the same function the window
calls, so both print the same document for the same visit. This path imports no Qt, and no
SQLAlchemy unless the visit has a journal range with its "journal" section ticked: then the
"Since my last visit" section is read from the user DB, and when that cannot be done the
handout is still made, without the section, and one line on stderr says why.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mgdesk.commands.input_files import read_visit_file
from mgdesk.commands.output import output_target
from mgdesk.domain.catalog import resolve_visit
from mgdesk.domain.dosage import make_person
from mgdesk.domain.errors import InputError
from mgdesk.domain.paper import default_page_size
from mgdesk.domain.visit import MAX_NOTES, MAX_QUESTION, MAX_TEXT, VisitPlan
from mgdesk.store.content_db import ContentDB

if TYPE_CHECKING:
    from mgdesk.domain.journal_report import JournalReport

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# How a value given by flag is written into each list of visit.json.
_ENTRY: dict[str, Callable[[str], Any]] = {
    "symptoms": lambda ident: {"id": ident, "rating": None},
    "forms": lambda ident: ident,
    "conditions": lambda ident: ident,
    "medicines": lambda name: {"name": name, "times": []},
}


def run(args: argparse.Namespace) -> int:
    content = ContentDB.open_default()
    plan = build_plan(args, content)
    page_size = args.page_size or default_page_size()
    target = output_target(args.output, "visit.pdf")
    journal = journal_report(plan)

    from mgdesk.report.handout import write_handout
    from mgdesk.store.files import atomic_writer

    try:
        with atomic_writer(target) as stream:
            pages = write_handout(
                plan,
                content,
                stream,
                page_size=page_size,
                journal=journal,
                large_print=args.large_print,
            )
    except OSError as exc:
        raise RuntimeError(f"cannot write {target}: {_reason(exc)}") from None
    print(f"wrote {pages} page{'' if pages == 1 else 's'} to {target}")
    return 0


# ----- the journal


def journal_report(plan: VisitPlan) -> JournalReport | None:
    """The "Since my last visit" report from the user DB, or None (with one line on stderr
    saying why) when the visit asks for it but there is nothing to show or it cannot be read.

    A missing user DB is not created: a handout only reads.
    """
    if plan.journal is None or not plan.includes("journal"):
        return None
    from mgdesk import paths
    from mgdesk.store.journal_report import load_journal_report
    from mgdesk.store.user_db import UserDBError, open_user_db

    start, end = plan.journal.start.isoformat(), plan.journal.end.isoformat()
    left_out = 'the handout has no "Since my last visit" section'
    if not paths.user_db_path().is_file():
        _note(f"{left_out}: there is no saved journal yet")
        return None
    try:
        db = open_user_db()
    except UserDBError as exc:
        _note(f"{left_out}: your saved data cannot be used ({exc})")
        return None
    except OSError as exc:
        _note(f"{left_out}: your data folder cannot be used ({_reason(exc)})")
        return None
    try:
        report = load_journal_report(db, plan)
    except UserDBError as exc:
        _note(f"{left_out}: your journal could not be read ({exc})")
        return None
    finally:
        db.close()
    if report is None:
        _note(f"{left_out}: the journal has no entries or pain maps from {start} to {end}")
    return report


def _note(text: str) -> None:
    print(f"mgdesk: note: {text}", file=sys.stderr)


# ----- the visit


def build_plan(args: argparse.Namespace, content: ContentDB) -> VisitPlan:
    """The VisitPlan of `--from` (if given) with the flags applied, checked and resolved."""
    if args.from_file is not None:
        document = read_visit_file(args.from_file, content).to_dict()
    else:
        document = VisitPlan().to_dict()
    if args.name is not None:
        document["name"] = _flag_text(args.name, "--name", MAX_TEXT)
    if args.date is not None:
        document["date"] = _flag_date(args.date)
    if args.notes is not None:
        document["notes"] = _flag_text(args.notes, "--notes", MAX_NOTES, allow_empty=True)
    _apply_person(document, args, content)
    added: list[tuple[str, list[str], str, Callable[[str], str]]] = [
        ("symptoms", args.symptom, "--symptom", lambda t: content.resolve_symptom(t).id),
        ("forms", args.form, "--form", lambda t: content.resolve_form(t).id),
        ("conditions", args.condition, "--condition",
         lambda t: content.condition_index.resolve(t).id),
        ("medicines", args.med, "--med", lambda t: _flag_text(t, "--med", MAX_TEXT)),
    ]  # fmt: skip
    for key, values, flag, resolve in added:
        _add(document[key], values, flag, resolve, _ENTRY[key])
    for text in args.question:
        question = _flag_text(text, "--question", MAX_QUESTION)
        document["questions"].append({"text": question, "checked": True, "origin": "own"})
    plan = resolve_visit(VisitPlan.from_dict(document), content)
    try:
        _check_person(plan, content)
    except InputError as exc:
        flags = (args.age, args.months, args.sex)
        if (
            args.from_file is not None
            and all(f is None for f in flags)
            and not (args.pregnant or args.lactating)
        ):
            raise InputError(f"{args.from_file}: {exc}") from None  # the file's own mistake
        raise
    return plan


def _apply_person(document: dict[str, Any], args: argparse.Namespace, content: ContentDB) -> None:
    if args.sex is not None:
        sex = args.sex.strip().casefold()
        if sex not in ("female", "male"):
            raise InputError(f"--sex must be female or male, not {args.sex[:20]!r}")
        document["sex"] = sex
    if args.months is not None and args.age is None:
        raise InputError("--months goes with --age (months 0-11 on top of whole years)")
    if args.age is not None:
        if document["sex"] is None:
            raise InputError("--age needs --sex female|male: the intake table lists intakes by sex")
        person = make_person(
            content.dosage, args.age, args.months, document["sex"], args.pregnant, args.lactating
        )
        document["age"] = person.age_years
        document["months"] = person.months if args.months is not None else None
    if args.pregnant:
        document["pregnant"], document["lactating"] = True, False
    if args.lactating:
        document["pregnant"], document["lactating"] = False, True


def _check_person(plan: VisitPlan, content: ContentDB) -> None:
    """The combination as a whole (a file may say pregnant, a flag male): the table's rules."""
    if plan.age is not None and plan.sex is not None:
        make_person(content.dosage, plan.age, plan.months, plan.sex, plan.pregnant, plan.lactating)
    elif (plan.pregnant or plan.lactating) and plan.sex == "male":
        which = "pregnancy" if plan.pregnant else "breastfeeding"
        raise InputError(f"{which} values apply to females only")


def _add(
    entries: list[Any],
    values: list[str],
    flag: str,
    resolve: Callable[[str], str],
    entry: Callable[[str], Any],
) -> None:
    """Append flag values to one list of the visit, skipping what it already holds."""
    present = {_key(_ident(item)) for item in entries}
    for value in values:
        if not value.strip():
            raise InputError(f"{flag} must not be empty")
        try:
            resolved = resolve(value)
        except InputError as exc:
            raise InputError(f"{flag}: {exc}") from None
        if _key(resolved) not in present:
            present.add(_key(resolved))
            entries.append(entry(resolved))


def _ident(entry: Any) -> str:
    """What an entry of a visit.json list is known by: itself, its "id" or its "name"."""
    if isinstance(entry, dict):
        return str(entry.get("id", entry.get("name", "")))
    return str(entry)


def _key(value: object) -> str:
    return str(value).casefold()


def _flag_text(value: str, flag: str, limit: int, *, allow_empty: bool = False) -> str:
    if len(value) > limit:
        raise InputError(f"{flag} is too long: at most {limit:,} characters")
    if not allow_empty and not value.strip():
        raise InputError(f"{flag} must not be empty")
    return value


def _flag_date(value: str) -> str:
    text = value.strip()
    if not _DATE.fullmatch(text):
        raise InputError(f"--date must be a date written YYYY-MM-DD, not {value[:20]!r}")
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise InputError(f"--date: {text} is not a real date") from None


# ----- where and how big


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).rstrip(".").lower()
