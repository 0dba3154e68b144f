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
from mgdesk.domain.errors import InputError
from mgdesk.store import content_install
from mgdesk.store.content_keys import trusted_keys
from mgdesk.store.content_pack import load_private_key, make_pack, sources_blob
from mgdesk.store.content_update import check, in_use


def _print_summary(summary: dict[str, Any]) -> None:
    print(
        f"content {summary['content_version']} ({summary['release_date']}), signed by trusted "
        f"key {summary['key_id']} ({summary['key_origin']}); replaces {summary['replaces']}"
    )
    if summary["changelog"]:
        print(summary["changelog"])
    print(f"{len(summary['changes'])} changes:")
    for change in summary["changes"]:
        print(
            f"  {change['change']}: {change['kind']} {change['title']} ({change['id']}): "
            f"{change['detail']}"
        )


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
    checked = check(Path(args.file))
    checked.close()
    summary = checked.summary()
    if args.json:
        print_json(summary)
    else:
        _print_summary(summary)
    return 0


def install(args: argparse.Namespace) -> int:
    checked = check(Path(args.file))
    try:
        checked.install()
    finally:
        checked.close()
    print(
        f"installed content {checked.pack.manifest.content_version} "
        f"(was {checked.current['content_version']}), {len(checked.changes)} changes"
    )
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
    actions = {
        "status": status,
        "verify": verify,
        "install": install,
        "rollback": rollback,
        "pack": pack,
    }
    return actions[args.action](args)
