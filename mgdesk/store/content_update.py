"""One content update from a pack file: check it fully, say what it changes, then install it.

Shared by `mgdesk content` and the window's File > Update reference content... so both refuse
the same packs with the same one-line reasons and list the same changes.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mgdesk.domain.content_diff import Change, diff
from mgdesk.store import content_install
from mgdesk.store.content_db import ContentDB, select_db
from mgdesk.store.content_pack import Pack, PackError, read_records, verify_file, version_tuple


def in_use() -> dict[str, Any]:
    """The content the app reads now: version, date, where it comes from, key id."""
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


@dataclass
class CheckedPack:
    """A pack that passed every check, with what it changes; `close()` removes its work files."""

    pack: Pack
    changes: list[Change]
    current: dict[str, Any]
    db_path: Path
    work: tempfile.TemporaryDirectory[str]

    def close(self) -> None:
        self.work.cleanup()

    def summary(self) -> dict[str, Any]:
        m = self.pack.manifest
        return {
            "content_version": m.content_version,
            "release_date": m.release_date,
            "min_mgdesk_version": m.min_mgdesk_version,
            "content_schema": m.content_schema,
            "key_id": self.pack.signer.key_id,
            "key_origin": self.pack.signer.origin,
            "changelog": m.changelog,
            "replaces": self.current["content_version"],
            "changes": [c.as_json() for c in self.changes],
        }

    def install(self) -> content_install.Installed:
        m = self.pack.manifest
        return content_install.install_files(
            m.content_version,
            m.release_date,
            self.pack.signer.key_id,
            m.changelog,
            self.db_path.read_bytes(),
            self.pack.raw,
        )


def check(file: Path) -> CheckedPack:
    """Verify `file` completely and compare it with the content in use (newer only)."""
    pack, db_path, work = verify_file(file)
    try:
        current = in_use()
        new, old = pack.manifest.content_version, current["content_version"]
        if version_tuple(new) <= version_tuple(old):
            raise PackError(
                f"the pack holds content {new}, not newer than {old} in use "
                "(use 'mgdesk content rollback' to go back)"
            )
        changes = diff(read_records(Path(current["path"])), read_records(db_path))
    except BaseException:
        work.cleanup()
        raise
    return CheckedPack(pack, changes, current, db_path, work)
