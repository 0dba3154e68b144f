"""The Ed25519 public keys mgdesk trusts to sign content packs, and nothing else.

Two places only: the keys shipped in `resources/keys/*.pub` and the keys the user places in
`keys/` in the data folder (an explicit local act). A pack never adds a key.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from mgdesk import paths

USER_KEYS_DIR = "keys"
_MAX_KEY_FILE = 4096


@dataclass(frozen=True)
class TrustedKey:
    key_id: str
    origin: str  # "shipped" or "user"
    path: Path
    key: Ed25519PublicKey


def key_id(key: Ed25519PublicKey) -> str:
    """The first 16 hex digits of the SHA-256 of the raw public key: short enough to read."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def load_public_key(path: Path) -> Ed25519PublicKey:
    """An Ed25519 public key from a PEM file; ValueError when it is anything else."""
    if path.stat().st_size > _MAX_KEY_FILE:
        raise ValueError(f"{path.name} is too large to be a public key")
    key = serialization.load_pem_public_key(path.read_bytes())
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError(f"{path.name} is not an Ed25519 public key")
    return key


def user_keys_dir() -> Path:
    return paths.data_dir() / USER_KEYS_DIR


def trusted_keys() -> list[TrustedKey]:
    """Every usable trusted key; a file that is not an Ed25519 public key is skipped."""
    found: list[TrustedKey] = []
    for origin, folder in (("shipped", paths.resource("keys")), ("user", user_keys_dir())):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.pub")):
            try:
                key = load_public_key(path)
            except (ValueError, OSError):
                continue
            found.append(TrustedKey(key_id(key), origin, path, key))
    return found
