"""`mgdesk visit save|list|show|export|delete`: saved visits in the user DB."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from mgdesk.commands.input_files import read_visit_file
from mgdesk.commands.output import print_json
from mgdesk.domain.errors import InputError
from mgdesk.store.files import write_atomic
from mgdesk.store.user_db import open_user_db
from mgdesk.store.visits import VisitStore


def _visit_id(text: str) -> int:
    digits = text.strip()  # str.strip() also takes control characters int() refuses (\x1f)
    if not re.fullmatch(r"[0-9]{1,9}", digits) or int(digits) < 1:
        raise InputError(
            f"a visit id is a whole number from 1 up (see 'mgdesk visit list'), not {text[:20]!r}"
        )
    return int(digits)


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
