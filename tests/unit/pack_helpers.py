"""Throwaway keys and test packs: a copy of db/content with chosen edits, signed."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from mgdesk import paths
from mgdesk.store.content_build import build
from mgdesk.store.content_pack import make_pack, sources_blob

NEW_VERSION = "2026.12.1"
ADVICE_WORD = "pillbox"
GRADE_STUDY = "bagis-2013"


def new_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def trust(key: Ed25519PrivateKey, data_dir: Path, name: str = "test.pub") -> Path:
    """Place the public half in the data folder's keys/, as a user would."""
    folder = data_dir / "keys"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    target.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return target


def write_private(key: Ed25519PrivateKey, target: Path) -> Path:
    target.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return target


def edited_source(folder: Path, version: str = NEW_VERSION, two_changes: bool = True) -> Path:
    """db/content copied to `folder`, with a new version and (by default) the two test edits:
    one advice text (bisphosphonates) and one study grade (bagis-2013, C to D)."""
    source = paths.content_source_dir()
    assert source is not None
    shutil.copytree(source, folder)
    meta = folder / "meta.toml"
    text = meta.read_text(encoding="utf-8")
    old_version = text.split('content_version = "', 1)[1].split('"', 1)[0]
    meta.write_text(text.replace(old_version, version, 1), encoding="utf-8")
    if two_changes:
        inter = folder / "interactions.toml"
        text = inter.read_text(encoding="utf-8")
        anchor = 'consumer = "Take {name} at least 4 hours before'
        assert anchor in text
        inter.write_text(
            text.replace(
                anchor,
                f'consumer = "A {ADVICE_WORD} helps. Take {{name}} at least 4 hours before',
                1,
            ),
            encoding="utf-8",
        )
        studies = folder / "studies.toml"
        text = studies.read_text(encoding="utf-8")
        start = text.index(f'id = "{GRADE_STUDY}"')
        at = text.index('grade = "C"', start)
        studies.write_text(text[:at] + 'grade = "D"' + text[at + 11 :], encoding="utf-8")
    return folder


def pack_bytes(key: Ed25519PrivateKey, source: Path, **manifest: object) -> bytes:
    """A pack of `source` as `mgdesk content pack` makes it; `manifest` overrides fields."""
    with tempfile.TemporaryDirectory() as work:
        content = build(source, Path(work) / "content.sqlite")
        db = (Path(work) / "content.sqlite").read_bytes()
    fields: dict[str, object] = {
        "content_version": content.meta.content_version,
        "release_date": "2026-12-01",
        "changelog": "Test pack.",
    }
    fields.update(manifest)
    return make_pack(key, db, sources_blob(source), **fields)  # type: ignore[arg-type]
