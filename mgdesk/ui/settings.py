"""Every window setting, declared once with its type and default, and where they are kept.

Settings live in one INI file in the user data folder (so `MGDESK_DATA_DIR` isolates tests and
portable use, and nothing is written to the registry or beside the code). A value that cannot be
read as its declared type, or is not one of its allowed values, reads as the default.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from mgdesk import paths

T = TypeVar("T")

SETTINGS_FILE_NAME = "settings.ini"

THEMES = ("system", "light", "dark", "high-contrast")
THEME_LABELS = {
    "system": "Follow the system",
    "light": "Light",
    "dark": "Dark",
    "high-contrast": "High contrast",
}
TEXT_SCALES = (100, 115, 130, 150, 175, 200)
TAB_KEYS = ("symptoms", "forms", "dosage", "interactions", "plan", "journal", "visit")


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One setting: its key in the file, its type, its default and an optional check."""

    key: str
    type: type[T]
    default: T
    allowed: Callable[[T], bool] | None = None


WINDOW_GEOMETRY = Setting("window/geometry", QByteArray, QByteArray())
WINDOW_STATE = Setting("window/state", QByteArray, QByteArray())
LAST_TAB = Setting("window/last_tab", str, "symptoms", lambda v: v in TAB_KEYS)
TEXT_SCALE = Setting("view/text_scale", int, 100, lambda v: v in TEXT_SCALES)
THEME = Setting("view/theme", str, "system", lambda v: v in THEMES)
HYPERLEGIBLE_FONT = Setting("view/hyperlegible_font", bool, False)
FIRST_RUN_ACKNOWLEDGED = Setting("notice/first_run_acknowledged", bool, False)
JOURNAL_RANGES = ("30", "90", "all", "custom")
JOURNAL_SYMPTOMS = Setting(
    "journal/symptoms",
    str,
    "pain,fatigue,sleep",
    lambda v: bool(re.fullmatch(r"[a-z0-9-]+(,[a-z0-9-]+)*", v)),
)
"""The symptoms the user rates in the journal, as comma-separated content ids."""
JOURNAL_RANGE = Setting("journal/range", str, "90", lambda v: v in JOURNAL_RANGES)
SPLITTERS = {
    name: Setting(f"splitters/{name}", QByteArray, QByteArray())
    for name in ("symptoms", "forms", "dosage", "interactions", "journal")
}

ALL_SETTINGS: tuple[Setting[Any], ...] = (
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    LAST_TAB,
    TEXT_SCALE,
    THEME,
    HYPERLEGIBLE_FONT,
    FIRST_RUN_ACKNOWLEDGED,
    JOURNAL_SYMPTOMS,
    JOURNAL_RANGE,
    *SPLITTERS.values(),
)


def settings_path() -> Path:
    return paths.data_dir() / SETTINGS_FILE_NAME


def _convert(raw: object, kind: type[Any]) -> Any:
    """`raw` as `kind`, or raise ValueError; INI files hand back text for most values."""
    if kind is bool:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().casefold()
        if text in ("true", "1", "yes"):
            return True
        if text in ("false", "0", "no"):
            return False
        raise ValueError(raw)
    if kind is int:
        if isinstance(raw, bool):
            raise ValueError(raw)
        return int(str(raw).strip())
    if kind is str:
        if not isinstance(raw, str):
            raise ValueError(raw)
        return raw
    if kind is QByteArray:
        if isinstance(raw, QByteArray):
            return raw
        if isinstance(raw, bytes):
            return QByteArray(raw)
        raise ValueError(raw)
    raise TypeError(f"unsupported setting type {kind!r}")


def _ensure_private_file(path: Path) -> None:
    """The settings file made (or tightened to) 0600 before QSettings first writes it, like the
    rest of the user data: QSettings writes a new file with the umask's mode (0644), but each
    later write (through QSaveFile) keeps the mode the file already has. A folder that cannot
    be written is left to QSettings, which then keeps the settings for this run only."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)
    except OSError:
        return


class Settings:
    """Typed access to the declared settings, backed by one INI file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        paths.ensure_private_dir(self.path.parent)
        _ensure_private_file(self.path)
        self._qsettings = QSettings(str(self.path), QSettings.Format.IniFormat)

    def get(self, setting: Setting[T]) -> T:
        raw = self._qsettings.value(setting.key)
        if raw is None:
            return setting.default
        try:
            value: T = _convert(raw, setting.type)
        except (ValueError, TypeError):
            return setting.default
        if setting.allowed is not None and not setting.allowed(value):
            return setting.default
        return value

    def set(self, setting: Setting[T], value: T) -> None:
        if not isinstance(value, setting.type):
            raise TypeError(f"{setting.key} takes {setting.type.__name__}, not {value!r}")
        self._qsettings.setValue(setting.key, value)

    def sync(self) -> None:
        """Write to disk now (QSettings also writes on its own, later)."""
        self._qsettings.sync()
