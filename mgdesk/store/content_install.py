"""Installed content packs in the data folder: install, roll back, and pick the DB at start-up.

Layout under `<data>/content/`: each installed version keeps its verified pack
(`<version>.mgpack`) and the DB unpacked from it (`<version>.sqlite`); `state.json` lists them
in the order installed, the last one in use. Every file is written to a temporary name, fsynced
and renamed. Start-up does not re-check signatures: it compares the DB's size and modification
stamp with those recorded at install (a `stat`); only when the time differs (a copied or
restored folder) is the DB's SHA-256 compared with the one recorded. A changed or unreadable
DB sets the pack aside under `damaged/` with one message, so the bundled content is used and
the app opens.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from mgdesk import paths
from mgdesk.store.content_meta import meta_value

CONTENT_DIR = "content"
_VERSION = re.compile(r"\d{1,6}(\.\d{1,6}){0,3}")
STATE_NAME = "state.json"


@dataclass(frozen=True)
class Installed:
    version: str
    release_date: str
    key_id: str
    changelog: str
    size: int
    mtime_ns: int
    db_sha256: str

    @property
    def db_name(self) -> str:
        return f"{self.version}.sqlite"

    @property
    def pack_name(self) -> str:
        return f"{self.version}.mgpack"


def version_tuple(text: str) -> tuple[int, ...]:
    """A content or app version ("2026.11.1") as numbers; ValueError for anything else."""
    if not isinstance(text, str) or not _VERSION.fullmatch(text):
        raise ValueError(f"not a version number: {str(text)[:40]!r}")
    return tuple(int(part) for part in text.split("."))


def content_dir() -> Path:
    return paths.data_dir() / CONTENT_DIR


def read_state() -> list[Installed]:
    """The installed packs, oldest first; an unreadable state file counts as none."""
    try:
        data = json.loads((content_dir() / STATE_NAME).read_text(encoding="utf-8"))
        return [Installed(**item) for item in data["installed"]]
    except (OSError, ValueError, TypeError, KeyError):
        return []


def _write_atomic(target: Path, data: bytes) -> None:
    handle, temp_name = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    if hasattr(os, "O_DIRECTORY"):
        folder = os.open(target.parent, os.O_DIRECTORY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def _write_state(installed: list[Installed]) -> None:
    document = {"installed": [vars(item) for item in installed]}
    _write_atomic(content_dir() / STATE_NAME, json.dumps(document, indent=2).encode())


def install_files(
    version: str, release_date: str, key: str, changelog: str, db: bytes, pack: bytes
) -> Installed:
    """Write a verified pack and its DB, then make it the one in use (previous ones kept)."""
    folder = paths.ensure_private_dir(content_dir())
    _write_atomic(folder / f"{version}.mgpack", pack)
    _write_atomic(folder / f"{version}.sqlite", db)
    stat = (folder / f"{version}.sqlite").stat()
    digest = hashlib.sha256(db).hexdigest()
    entry = Installed(version, release_date, key, changelog, stat.st_size, stat.st_mtime_ns, digest)
    kept = [item for item in read_state() if item.version != version]
    _write_state([*kept, entry])
    return entry


def rollback() -> Installed | None:
    """Stop using the newest installed pack and remove it; the one in use after, or None."""
    installed = read_state()
    if not installed:
        return None
    last = installed.pop()
    _write_state(installed)
    for name in (last.db_name, last.pack_name):
        (content_dir() / name).unlink(missing_ok=True)
    return installed[-1] if installed else None


def _set_aside(entry: Installed, reason: str) -> None:
    """Move a damaged pack out of the way, forget it, and say so once."""
    folder = content_dir()
    damaged = paths.ensure_private_dir(folder / "damaged")
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for name in (entry.db_name, entry.pack_name):
        if (folder / name).exists():
            shutil.move(str(folder / name), str(damaged / f"{stamp}-{name}"))
    _write_state([item for item in read_state() if item.version != entry.version])
    print(
        f"mgdesk: installed content {entry.version} {reason}; it was moved to {damaged} "
        "and the bundled content is used",
        file=sys.stderr,
    )


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def bundled_version(bundled: Path) -> str | None:
    try:
        return meta_value(bundled, "content_version")
    except sqlite3.Error:
        return None


def active_pack(bundled: Path) -> tuple[Installed, Path] | None:
    """The installed pack to use instead of `bundled`, or None (cheap: a stat or two)."""
    if not (content_dir() / STATE_NAME).is_file():
        return None
    installed = read_state()
    if not installed:
        return None
    entry = installed[-1]
    db_path = content_dir() / entry.db_name
    try:
        stat = db_path.stat()
    except OSError:
        _set_aside(entry, "is missing its database")
        return None
    if (stat.st_size, stat.st_mtime_ns) != (entry.size, entry.mtime_ns):
        # Copied or restored files get a new time: the digest (a few ms) decides.
        if stat.st_size != entry.size or _digest(db_path) != entry.db_sha256:
            _set_aside(entry, "was changed on disk since it was installed")
            return None
        entry = replace(entry, mtime_ns=stat.st_mtime_ns)
        _write_state([*installed[:-1], entry])
    shipped = bundled_version(bundled)
    try:
        if shipped is not None and version_tuple(shipped) >= version_tuple(entry.version):
            return None  # this mgdesk ships newer content than the pack
    except ValueError:
        return None
    return entry, db_path


def set_aside_unreadable(path: Path) -> None:
    """Called when the chosen installed DB cannot be opened after all."""
    for entry in read_state():
        if content_dir() / entry.db_name == path:
            _set_aside(entry, "cannot be read")
