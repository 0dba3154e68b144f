"""Where mgdesk finds what it ships and where it keeps what the user owns.

One locator for read-only things (resources, migrations, the content DB) that works from a
source checkout, an installed wheel and a PyInstaller bundle; one place for the writable user
data folder. The data folder mirrors `QStandardPaths.AppDataLocation` in plain Python so that
the command line answers without loading Qt (a GUI test checks that both agree).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "mgdesk"
# The AppStream id, which is also the desktop entry's file name (DESIGN.md).
APP_ID = "io.github.mgdesk.MgDesk"
DATA_DIR_ENV = "MGDESK_DATA_DIR"
USER_DB_NAME = "user.sqlite"
CONTENT_DB_NAME = "content.sqlite"

_PACKAGE_DIR = Path(__file__).resolve().parent


def is_frozen() -> bool:
    """True inside a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def source_root() -> Path | None:
    """The checkout this package runs from, or None when installed or bundled."""
    root = _PACKAGE_DIR.parent
    if (root / "db" / "content").is_dir() and (root / "pyproject.toml").is_file():
        return root
    return None


def _shipped_root() -> Path:
    """The folder holding `resources/`, `db/migrations/` and the built content DB."""
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS"))  # noqa: B009 - only set by PyInstaller
    root = source_root()
    if root is not None:
        return root
    return _PACKAGE_DIR / "_shipped"


def resources_dir() -> Path:
    return _shipped_root() / "resources"


def resource(*parts: str) -> Path:
    """A file under `resources/` (icons, stylesheets, fonts)."""
    return resources_dir().joinpath(*parts)


def migrations_dir() -> Path:
    return _shipped_root() / "db" / "migrations"


def content_source_dir() -> Path | None:
    """The TOML content, present only in a checkout (installed copies carry the built DB)."""
    root = source_root()
    return None if root is None else root / "db" / "content"


def content_db_path() -> Path:
    """The compiled content DB: `build/` in a checkout, beside the resources elsewhere."""
    override = os.environ.get("MGDESK_CONTENT_DB")
    if override:
        return Path(override)
    root = source_root()
    if root is not None and not is_frozen():
        return root / "build" / CONTENT_DB_NAME
    return _shipped_root() / CONTENT_DB_NAME


def platform_data_dir() -> Path:
    """What `QStandardPaths.AppDataLocation` gives with an empty organisation name."""
    home = Path.home()
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
        return base / APP_NAME
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / APP_NAME
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".local" / "share"
    return base / APP_NAME


def data_dir() -> Path:
    """The user's data folder; `MGDESK_DATA_DIR` replaces it (tests, portable use)."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override).expanduser() if override else platform_data_dir()


def cache_dir() -> Path:
    """Where files that can be made again are kept (the handout's font tables): the platform's
    cache folder, or `cache/` in the data folder when `MGDESK_DATA_DIR` replaces it."""
    if os.environ.get(DATA_DIR_ENV):
        return data_dir() / "cache"
    home = Path.home()
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
        return base / APP_NAME / "Cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / APP_NAME
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".cache"
    return base / APP_NAME


def ensure_private_dir(path: Path) -> Path:
    """Create a folder readable by its owner only (health data: 0700)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path


def user_db_path() -> Path:
    return data_dir() / USER_DB_NAME
