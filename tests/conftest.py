"""Test-wide set-up: offscreen Qt, a private data folder per test, and no network at all.

QT_QPA_PLATFORM is set before anything imports Qt. Every test gets its own MGDESK_DATA_DIR and
HOME under tmp_path, so no test can touch the real user's data; any attempt to open a socket
fails the test (mgdesk is offline by design, and this proves it).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("MGDESK_DEBUG", None)

from mgdesk.store.content_db import ContentDB, ensure_built  # noqa: E402


class _NoNetwork(socket.socket):
    def __init__(self, *args: object, **kwargs: object) -> None:
        raise AssertionError("mgdesk must not open a socket (it works offline)")


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "socket", _NoNetwork)
    monkeypatch.setattr(socket, "create_connection", _NoNetwork)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private user data folder for this test (MGDESK_DATA_DIR) and a fake home."""
    folder = tmp_path / "data"
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("MGDESK_DATA_DIR", str(folder))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    return folder


@pytest.fixture(scope="session")
def content_db_path() -> Path:
    """The compiled content DB, rebuilt first if the TOML changed."""
    return ensure_built()


@pytest.fixture(scope="session")
def content(content_db_path: Path) -> Iterator[ContentDB]:
    """The real reference content, compiled from db/content (read-only, shared)."""
    db = ContentDB(content_db_path)
    yield db
    db.close()
