"""`mgdesk content`: what reference content is in use, and signed packs to update it offline.

Every refusal is a `PackError` (exit 2, one line) raised before anything is written, so the
content in use stays as it was, byte for byte.
"""

from __future__ import annotations

import argparse
import datetime
import tempfile
from pathlib import Path
from typing import Any

from mgdesk import paths
from mgdesk.commands.output import print_json
from mgdesk.domain.content_diff import Change, diff
from mgdesk.domain.errors import InputError
from mgdesk.store import content_install
from mgdesk.store.content_db import ContentDB, select_db
from mgdesk.store.content_keys import trusted_keys
from mgdesk.store.content_pack import (
    Pack,
    PackError,
    load_private_key,
    make_pack,
    read_records,
    sources_blob,
    verify_file,
    version_tuple,
)


def in_use() -> dict[str, Any]:
    """The content the app would read now: version, date, where it comes from, key id."""
    path, installed = select_db()
    content = ContentDB(path)
    try:
        meta = content.meta
    finally:
        content.close()
    return {
        "content_version": meta.content_version,
        "review_date": meta.review_date,
        "origin": "bundled" if installed is None else "installed",
        "release_date": None if installed is None else installed.release_date,
        "key_id": None if installed is None else installed.key_id,
        "path": str(path),
    }


def checked_pack(file: Path) -> tuple[Pack, list[Change], dict[str, Any], Path, Any]:
    """Verify `file` completely and compare it with the content in use (newer only)."""
    pack, db_path, work = verify_file(file)
    try:
        current = in_use()
        if version_tuple(pack.manifest.content_version) <= version_tuple(
            current["content_version"]
        ):
            raise PackError(
                f"the pack holds content {pack.manifest.content_version}, not newer than "
                f"{current['content_version']} in use (use 'mgdesk content rollback' to go back)"
            )
        changes = diff(read_records(Path(current["path"])), read_records(db_path))
    except BaseException:
        work.cleanup()
        raise
    return pack, changes, current, db_path, work


def _summary(pack: Pack, changes: list[Change], current: dict[str, Any]) -> dict[str, Any]:
    m = pack.manifest
    return {
        "file_ok": True,
        "content_version": m.content_version,
        "release_date": m.release_date,
        "min_mgdesk_version": m.min_mgdesk_version,
        "content_schema": m.content_schema,
        "key_id": pack.signer.key_id,
        "key_origin": pack.signer.origin,
        "changelog": m.changelog,
        "replaces": current["content_version"],
        "changes": [c.as_json() for c in changes],
    }


def _print_summary(summary: dict[str, Any]) -> None:
    print(
        f"content {summary['content_version']} ({summary['release_date']}), signed by trusted "
        f"key {summary['key_id']} ({summary['key_origin']}); replaces {summary['replaces']}"
    )
    if summary["changelog"]:
        print(summary["changelog"])
    print(f"{len(summary['changes'])} changes:")
    for change in summary["changes"]:
        print(f"  {change['change']}: {change['kind']} {change['title']} ({change['id']}): "
              f"{change['detail']}")


def status(args: argparse.Namespace) -> int:
    document = in_use()
    document["installed"] = [
        {"content_version": i.version, "release_date": i.release_date, "key_id": i.key_id}
        for i in content_install.read_state()
    ]
    document["trusted_keys"] = [
        {"key_id": k.key_id, "origin": k.origin, "path": str(k.path)} for k in trusted_keys()
    ]
    if args.json:
        print_json(document)
        return 0
    key = f", key {document['key_id']}" if document["key_id"] else ""
    print(
        f"content in use: {document['content_version']} ({document['origin']}{key}), "
        f"reviewed {document['review_date']}"
    )
    for item in document["installed"]:
        print(f"installed pack: {item['content_version']} ({item['release_date']})")
    if not document["trusted_keys"]:
        print("trusted keys: none (no pack can be installed)")
    for k in document["trusted_keys"]:
        print(f"trusted key: {k['key_id']} ({k['origin']}, {k['path']})")
    return 0


def verify(args: argparse.Namespace) -> int:
    pack, changes, current, _, work = checked_pack(Path(args.file))
    work.cleanup()
    summary = _summary(pack, changes, current)
    if args.json:
        print_json(summary)
    else:
        _print_summary(summary)
    return 0


def install(args: argparse.Namespace) -> int:
    pack, changes, current, db_path, work = checked_pack(Path(args.file))
    try:
        m = pack.manifest
        content_install.install_files(
            m.content_version,
            m.release_date,
            pack.signer.key_id,
            m.changelog,
            db_path.read_bytes(),
            pack.raw,
        )
    finally:
        work.cleanup()
    print(f"installed content {m.content_version} (was {current['content_version']}), "
          f"{len(changes)} changes")
    return 0


def rollback(args: argparse.Namespace) -> int:
    if not content_install.read_state():
        raise InputError("nothing to roll back: the bundled content is in use")
    content_install.rollback()
    now = in_use()
    print(f"content in use: {now['content_version']} ({now['origin']})")
    return 0


def pack(args: argparse.Namespace) -> int:
    from mgdesk.store.content_build import build
    from mgdesk.store.content_load import ContentError

    source = Path(args.source) if args.source else paths.content_source_dir()
    if source is None or not source.is_dir():
        raise InputError("no content source folder: give --source DIR (the db/content folder)")
    key = load_private_key(Path(args.key))
    with tempfile.TemporaryDirectory(prefix="mgdesk-pack-") as work:
        try:
            content = build(source, Path(work) / "content.sqlite")
        except ContentError as exc:
            raise InputError(f"the content fails validation: {exc}") from None
        data = make_pack(
            key,
            (Path(work) / "content.sqlite").read_bytes(),
            sources_blob(source),
            content.meta.content_version,
            args.release_date or datetime.date.today().isoformat(),
            args.changelog or f"Reference content {content.meta.content_version}.",
        )
    from mgdesk.store.files import write_atomic

    write_atomic(Path(args.output), data)
    print(f"wrote {args.output}: content {content.meta.content_version}")
    return 0


def run(args: argparse.Namespace) -> int:
    actions = {"status": status, "verify": verify, "install": install, "rollback": rollback,
               "pack": pack}
    return actions[args.action](args)
