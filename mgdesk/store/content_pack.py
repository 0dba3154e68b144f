"""The signed `.mgpack` file: writing one, and refusing anything that is not a sound one.

The container is deliberately tiny so it can be parsed safely: an 8-byte magic, then exactly
four members in a fixed order, each a 2-byte name length, the name, a 4-byte size and the bytes.
A name that is a path (`..`, absolute), a name out of place, a size larger than the member may
ever be, or trailing bytes are refused before anything is read into memory. The manifest (JSON)
is signed with Ed25519; it holds the SHA-256 of the DB and of the TOML sources, so checking the
signature first (microseconds) rejects a doctored file before anything costly runs.

The pack carries the TOML sources as well as the built DB: the validation that guards the
build (`load_content`) runs on those sources, and the DB must hold exactly the records and
search rows the build makes from them, so a DB that did not come from validated content
cannot pass even when it is signed.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import re
import sqlite3
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from mgdesk import __version__
from mgdesk.domain.errors import InputError
from mgdesk.store.content_build import FORMAT
from mgdesk.store.content_install import version_tuple as parse_version
from mgdesk.store.content_keys import TrustedKey, key_id, trusted_keys

MAGIC = b"MGPACK\x00\x01"
PACK_FORMAT = 1
# Upper bounds, each many times what a real pack holds (the DB is ~0.5 MB, the TOML ~0.3 MB).
MEMBERS: tuple[tuple[str, int], ...] = (
    ("manifest.json", 256 * 1024),
    ("signature", 64),
    ("content.sqlite", 16 * 1024 * 1024),
    ("sources.json", 8 * 1024 * 1024),
)
MAX_PACK_BYTES = 8 + sum(2 + len(n) + 4 + size for n, size in MEMBERS)
MANIFEST_KEYS = frozenset(
    {
        "pack_format",
        "content_version",
        "release_date",
        "min_mgdesk_version",
        "content_schema",
        "db_sha256",
        "sources_sha256",
        "changelog",
        "key_id",
    }
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SOURCE_NAME = re.compile(r"[a-z][a-z0-9_-]{0,40}\.toml")


class PackError(InputError):
    """The file is not a pack mgdesk may use; the message says what is wrong, in one line."""


@dataclass(frozen=True)
class Manifest:
    content_version: str
    release_date: str
    min_mgdesk_version: str
    content_schema: int
    db_sha256: str
    sources_sha256: str
    changelog: str
    key_id: str

    def as_json(self) -> dict[str, Any]:
        return {
            "pack_format": PACK_FORMAT,
            "content_version": self.content_version,
            "release_date": self.release_date,
            "min_mgdesk_version": self.min_mgdesk_version,
            "content_schema": self.content_schema,
            "db_sha256": self.db_sha256,
            "sources_sha256": self.sources_sha256,
            "changelog": self.changelog,
            "key_id": self.key_id,
        }


@dataclass(frozen=True)
class Pack:
    """A pack whose signature, digests, schema and app version have been checked."""

    manifest: Manifest
    signer: TrustedKey
    db: bytes
    sources: dict[str, str]
    raw: bytes  # the whole file as verified: what install keeps, never a second read


def version_tuple(text: str) -> tuple[int, ...]:
    try:
        return parse_version(text)
    except ValueError as exc:
        raise PackError(str(exc)) from None


# ----- writing


def load_private_key(path: Path) -> Ed25519PrivateKey:
    """The release key (PEM, PKCS#8, unencrypted); InputError when it is anything else."""
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise InputError(f"cannot read the signing key {path}: {exc}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise InputError(f"{path} is not an Ed25519 private key")
    return key


def _member(name: str, data: bytes) -> bytes:
    encoded = name.encode()
    return struct.pack(">H", len(encoded)) + encoded + struct.pack(">I", len(data)) + data


def encode(manifest_bytes: bytes, signature: bytes, db: bytes, sources: bytes) -> bytes:
    """The container bytes; exposed so tests can build malformed packs precisely."""
    parts = (manifest_bytes, signature, db, sources)
    return MAGIC + b"".join(_member(n, d) for (n, _), d in zip(MEMBERS, parts, strict=True))


def sources_blob(folder: Path) -> bytes:
    files = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.toml"))}
    return json.dumps(files, ensure_ascii=False, sort_keys=True).encode()


def make_pack(
    key: Ed25519PrivateKey,
    db: bytes,
    sources: bytes,
    content_version: str,
    release_date: str,
    changelog: str,
    min_mgdesk_version: str = __version__,
    content_schema: int = FORMAT,
) -> bytes:
    """Sign a manifest over `db` and `sources` and return the whole pack."""
    manifest = Manifest(
        content_version=content_version,
        release_date=release_date,
        min_mgdesk_version=min_mgdesk_version,
        content_schema=content_schema,
        db_sha256=hashlib.sha256(db).hexdigest(),
        sources_sha256=hashlib.sha256(sources).hexdigest(),
        changelog=changelog,
        key_id=key_id(key.public_key()),
    )
    manifest_bytes = json.dumps(manifest.as_json(), ensure_ascii=False, sort_keys=True).encode()
    return encode(manifest_bytes, key.sign(manifest_bytes), db, sources)


# ----- reading


def _read_exact(stream: BinaryIO, size: int, what: str) -> bytes:
    data = stream.read(size)
    if len(data) != size:
        raise PackError(f"the pack is truncated (it ends inside {what})")
    return data


def read_pack_bytes(path: Path) -> bytes:
    """The file's bytes, refused by its size before any is read (and never more than the cap)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PackError(f"cannot read {path}: {exc.strerror or exc}") from None
    if size > MAX_PACK_BYTES:
        raise PackError(
            f"the file is {size:,} bytes, more than any content pack can be ({MAX_PACK_BYTES:,})"
        )
    with path.open("rb") as stream:
        raw = stream.read(MAX_PACK_BYTES + 1)
    if len(raw) > MAX_PACK_BYTES:
        raise PackError(f"the file is more than any content pack can be ({MAX_PACK_BYTES:,})")
    return raw


def read_members(raw: bytes) -> list[bytes]:
    """The four members' bytes, after checking the container's shape and every size first."""
    members: list[bytes] = []
    with io.BytesIO(raw) as stream:
        if _read_exact(stream, len(MAGIC), "its header") != MAGIC:
            raise PackError("not an mgdesk content pack (wrong header)")
        for expected, limit in MEMBERS:
            (name_length,) = struct.unpack(">H", _read_exact(stream, 2, "a member name"))
            if name_length > 64:
                raise PackError("a member name is too long")
            name = _read_exact(stream, name_length, "a member name").decode("utf-8", "replace")
            if ".." in name or name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
                raise PackError(f"member {name[:64]!r} is a path outside the pack")
            if name != expected:
                raise PackError(f"unknown or misplaced member {name[:64]!r} (expected {expected})")
            (member_size,) = struct.unpack(">I", _read_exact(stream, 4, f"the size of {name}"))
            if member_size > limit:
                raise PackError(f"member {name} claims {member_size:,} bytes, more than allowed")
            members.append(_read_exact(stream, member_size, name))
        if stream.read(1):
            raise PackError("the pack has bytes after its last member")
    return members


def _check_signature(manifest_bytes: bytes, signature: bytes) -> TrustedKey:
    keys = trusted_keys()
    for trusted in keys:
        try:
            trusted.key.verify(signature, manifest_bytes)
        except InvalidSignature:
            continue
        return trusted
    claimed = ""
    with contextlib.suppress(ValueError, AttributeError):
        claimed = str(json.loads(manifest_bytes).get("key_id", ""))[:32]
    if claimed and claimed not in {k.key_id for k in keys}:
        raise PackError(f"the pack is signed by a key this mgdesk does not trust ({claimed})")
    raise PackError("the signature does not match: the pack was changed after it was signed")


def _parse_manifest(manifest_bytes: bytes) -> Manifest:
    try:
        data = json.loads(manifest_bytes)
    except ValueError:
        raise PackError("the manifest is not valid JSON") from None
    if not isinstance(data, dict) or set(data) != MANIFEST_KEYS:
        raise PackError("the manifest does not have the expected fields")
    if data["pack_format"] != PACK_FORMAT:
        raise PackError(f"pack format {data['pack_format']!r} is not one this mgdesk reads")
    texts = MANIFEST_KEYS - {"pack_format", "content_schema"}
    if not all(isinstance(data[k], str) for k in texts) or type(data["content_schema"]) is not int:
        raise PackError("the manifest has a field of the wrong type")
    version_tuple(data["content_version"])
    version_tuple(data["min_mgdesk_version"])
    if not _DATE.fullmatch(data["release_date"]):
        raise PackError("the manifest's release date is not YYYY-MM-DD")
    data.pop("pack_format")
    return Manifest(**data)


def open_pack(path: Path) -> Pack:
    """Check the container, the signature, the digests, the schema and the app version."""
    raw = read_pack_bytes(path)
    manifest_bytes, signature, db, sources = read_members(raw)
    signer = _check_signature(manifest_bytes, signature)
    manifest = _parse_manifest(manifest_bytes)
    if manifest.key_id != signer.key_id:
        raise PackError("the manifest names a different key than the one that signed it")
    if hashlib.sha256(db).hexdigest() != manifest.db_sha256:
        raise PackError("the content DB does not match the digest in the manifest")
    if hashlib.sha256(sources).hexdigest() != manifest.sources_sha256:
        raise PackError("the content sources do not match the digest in the manifest")
    if manifest.content_schema > FORMAT:
        raise PackError(
            f"the pack's content schema ({manifest.content_schema}) is newer than this mgdesk "
            f"reads ({FORMAT}): update mgdesk first"
        )
    if manifest.content_schema != FORMAT:
        raise PackError(f"the pack's content schema ({manifest.content_schema}) is too old")
    if version_tuple(manifest.min_mgdesk_version) > version_tuple(__version__):
        raise PackError(
            f"the pack needs mgdesk {manifest.min_mgdesk_version} or newer (this is {__version__})"
        )
    return Pack(manifest, signer, db, _decode_sources(sources), raw)


def _decode_sources(blob: bytes) -> dict[str, str]:
    try:
        files = json.loads(blob)
    except ValueError:
        raise PackError("the content sources are not valid JSON") from None
    if not isinstance(files, dict) or not files:
        raise PackError("the content sources are empty")
    for name, text in files.items():
        if not isinstance(name, str) or not _SOURCE_NAME.fullmatch(name):
            raise PackError(f"content source {str(name)[:64]!r} is not a plain TOML file name")
        if not isinstance(text, str):
            raise PackError(f"content source {name} is not text")
    return files


def _rows(db: sqlite3.Connection) -> tuple[list[Any], list[Any], list[Any]]:
    return (
        db.execute("SELECT kind, id, ord, json FROM record ORDER BY kind, id").fetchall(),
        db.execute("SELECT kind, id, title, body FROM search ORDER BY kind, id").fetchall(),
        db.execute("SELECT key, value FROM meta ORDER BY key").fetchall(),
    )


def validate(pack: Pack, work: Path) -> Path:
    """Run the content build's validation on the pack's sources; return the pack's DB in `work`.

    The DB must hold exactly what the build makes from the validated sources, and its content
    version must be the manifest's.
    """
    from mgdesk.store.content_build import build
    from mgdesk.store.content_load import ContentError

    source = work / "source"
    source.mkdir()
    for name, text in pack.sources.items():
        (source / name).write_text(text, encoding="utf-8")
    try:
        content = build(source, work / "expected.sqlite")
    except ContentError as exc:
        first = str(exc).strip().splitlines()
        reason = first[-1] if first else str(exc)
        raise PackError(f"the pack's content fails validation: {reason}") from None
    if content.meta.content_version != pack.manifest.content_version:
        raise PackError("the content version inside the pack differs from its manifest")
    db_path = work / "content.sqlite"
    db_path.write_bytes(pack.db)
    try:
        with sqlite3.connect(f"file:{work / 'expected.sqlite'}?mode=ro", uri=True) as a:
            expected = _rows(a)
        packed_db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            packed = _rows(packed_db)
            if packed_db.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                raise PackError("the pack's content DB is damaged")
        finally:
            packed_db.close()
    except sqlite3.Error as exc:
        raise PackError(f"the pack's content DB cannot be read ({exc})") from None
    if packed != expected:
        raise PackError("the pack's content DB is not what its sources build to")
    return db_path


def verify_file(path: Path) -> tuple[Pack, Path, tempfile.TemporaryDirectory[str]]:
    """Every check; the caller owns (and must clean up) the returned work folder."""
    pack = open_pack(path)
    work = tempfile.TemporaryDirectory(prefix="mgdesk-pack-")
    try:
        return pack, validate(pack, Path(work.name)), work
    except BaseException:
        work.cleanup()
        raise


def read_records(db_path: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """Every record of a content DB as plain dicts, for comparing two versions."""
    found: dict[str, dict[str, dict[str, Any]]] = {}
    db = sqlite3.connect(f"file:{db_path.as_posix()}?mode=ro", uri=True)
    try:
        for kind, ident, text in db.execute("SELECT kind, id, json FROM record"):
            found.setdefault(kind, {})[ident] = json.loads(text)
    finally:
        db.close()
    return found
