"""`mgdesk data export|import|backups|restore|erase`: the user owns their data."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from mgdesk import paths
from mgdesk.commands.input_files import read_user_text
from mgdesk.domain.catalog import resolve_visit
from mgdesk.domain.errors import InputError
from mgdesk.store.content_db import ContentDB
from mgdesk.store.files import write_atomic
from mgdesk.store.user_db import backups, open_user_db, restore_backup
from mgdesk.store.userdata import (
    MAX_EXPORT_BYTES,
    Everything,
    erase_everything,
    export_everything,
    import_everything,
    read_export,
)


def _checked(name: str) -> Everything:
    content = ContentDB.open_default()
    try:
        everything = read_export(
            read_user_text(name, MAX_EXPORT_BYTES, "an mgdesk export"),
            symptoms={s.id for s in content.symptoms},
            forms={f.id for f in content.forms},
        )
        visits = []
        for index, plan in enumerate(everything.visits):
            try:
                visits.append(resolve_visit(plan, content))
            except InputError as exc:
                raise InputError(f"visits[{index}]: {exc}") from None
    except InputError as exc:
        raise InputError(f"{name}: {exc}") from None
    return Everything(
        tuple(visits), everything.draft, everything.entries, everything.pain_maps, everything.trials
    )


def run(args: argparse.Namespace) -> int:
    if args.action == "export":
        document = export_everything(open_user_db())
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        write_atomic(Path(args.output), text.encode("utf-8"))
        print(
            f"wrote {len(document['visits'])} visits, {len(document['journal'])} journal "
            f"entries, {len(document['pain_maps'])} pain maps and {len(document['trials'])} "
            f"try-it plans to {args.output}"
        )
        return 0
    if args.action == "import":
        everything = _checked(args.file)
        summary = import_everything(open_user_db(), everything)
        print(
            f"added {summary.visits} visits, {summary.entries} journal entries "
            f"({summary.skipped_entries} already there), {summary.pain_maps} pain maps and "
            f"{summary.trials} try-it plans"
        )
        return 0
    if args.action == "backups":
        found = backups(paths.data_dir())
        if not found:
            print("No backups yet.")
        for path in found:
            print(path)
        return 0
    if args.action == "restore":
        if args.backup == "latest":
            found = backups(paths.data_dir())
            if not found:
                raise InputError("there is no backup to restore")
            chosen = found[0]
        else:
            chosen = Path(args.backup)
            if not chosen.is_file():
                raise InputError(f"{args.backup}: no such backup file")
        kept = restore_backup(chosen)
        print(f"restored {chosen}" + (f"; the file it replaced is kept as {kept}" if kept else ""))
        return 0
    if not args.yes:
        raise InputError(
            "erasing removes every visit, journal entry, pain map, plan and backup for good: "
            "run 'mgdesk data erase --yes' to confirm (export first to keep a copy)"
        )
    removed = erase_everything()
    print(f"erased {len(removed)} file(s) and folder(s) from {paths.data_dir()}")
    return 0
