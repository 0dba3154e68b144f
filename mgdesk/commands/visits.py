"""`mgdesk visit save|list|show|export|delete`: saved visits in the user DB."""

from __future__ import annotations

import argparse
from pathlib import Path

from mgdesk.commands.output import print_json
from mgdesk.domain.catalog import resolve_visit
from mgdesk.domain.errors import InputError
from mgdesk.domain.visit import VisitPlan
from mgdesk.store.content_db import ContentDB
from mgdesk.store.files import write_atomic
from mgdesk.store.user_db import open_user_db
from mgdesk.store.visits import VisitStore

MAX_VISIT_FILE = 5 * 1024 * 1024


def read_visit_file(name: str) -> VisitPlan:
    """A visit.json from disk, checked and with names resolved to content ids."""
    path = Path(name)
    try:
        if path.stat().st_size > MAX_VISIT_FILE:
            raise InputError(f"{name}: too large for a visit file (over 5 MB)")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder, not a visit file") from None
    except UnicodeDecodeError:
        raise InputError(f"{name}: not a text file (UTF-8 expected)") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror})") from None
    try:
        plan = VisitPlan.from_json(text)
        return resolve_visit(plan, ContentDB.open_default())
    except InputError as exc:
        raise InputError(f"{name}: {exc}") from None


def _visit_id(text: str) -> int:
    if not text.strip().isdigit() or len(text.strip()) > 9 or int(text) < 1:
        raise InputError(
            f"a visit id is a whole number from 1 up (see 'mgdesk visit list'), not {text[:20]!r}"
        )
    return int(text)


def run(args: argparse.Namespace) -> int:
    if args.action == "save":
        plan = read_visit_file(args.file)
        store = VisitStore(open_user_db())
        visit_id = store.add(plan)
        if args.json:
            print_json({"id": visit_id, "name": plan.name, "date": plan.date})
        else:
            print(f"saved visit {visit_id}")
        return 0
    if args.action == "list":
        visits = VisitStore(open_user_db()).list()
        if args.json:
            print_json(
                [{"id": v.id, "name": v.name, "date": v.date, "updated": v.updated} for v in visits]
            )
        elif not visits:
            print("No saved visits.")
        else:
            for v in visits:
                print(f"{v.id:>5}  {v.date or '(no date)':<10}  {v.name or '(no name)'}")
        return 0
    visit_id = _visit_id(args.id)
    store = VisitStore(open_user_db())
    if args.action == "show":
        saved = store.get(visit_id)
        if args.json:
            print_json(
                {
                    "id": saved.id,
                    "created": saved.created,
                    "updated": saved.updated,
                    "visit": saved.plan.to_dict(),
                }
            )
        else:
            plan = saved.plan
            print(f"Visit {saved.id}: {plan.name or '(no name)'}, {plan.date or '(no date)'}")
            print(f"  Symptoms: {', '.join(s.id for s in plan.symptoms) or '-'}")
            print(f"  Forms: {', '.join(plan.forms) or '-'}")
            print(f"  Medicines: {', '.join(m.name for m in plan.medicines) or '-'}")
            print(f"  Conditions: {', '.join(plan.conditions) or '-'}")
            print(f"  Questions: {len(plan.questions)}")
        return 0
    if args.action == "export":
        saved = store.get(visit_id)
        write_atomic(Path(args.output), saved.plan.to_json().encode("utf-8"))
        if args.json:
            print_json({"id": visit_id, "file": args.output})
        else:
            print(f"wrote visit {visit_id} to {args.output}")
        return 0
    removed = store.delete(visit_id)
    if args.json:
        print_json({"id": removed.id, "deleted": True})
    else:
        print(f"deleted visit {removed.id} ({removed.plan.name or 'no name'})")
    return 0
