"""The last resort: an exception that escapes anywhere in the window is logged and shown.

Without this, an exception in a slot prints to a console the user never sees, and the window
carries on in an unknown state. The log holds the exception type and where it happened (file,
line, function) but never the message or any value: those may contain health data the user
typed. The dialog sits behind `show_dialog` so tests can replace it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from mgdesk import __version__, paths

LOG_NAME = "mgdesk-errors.log"
MAX_LOG_BYTES = 512 * 1024

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def log_path() -> Path:
    return paths.data_dir() / LOG_NAME


def describe(kind: type[BaseException], tb: TracebackType | None) -> str:
    """Type and stack of an exception, without its message or any values."""
    frames = traceback.extract_tb(tb)
    lines = [f"  {Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames]
    return "\n".join([f"{kind.__module__}.{kind.__qualname__}", *lines])


class ErrorReporter:
    """Installed as `sys.excepthook` while the window runs."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or log_path()
        self._previous: ExceptHook | None = None
        self.count = 0
        self._keepers: list[Callable[[], object]] = []

    def keep_data_with(self, save: Callable[[], object]) -> None:
        """Run `save` (e.g. write the visit draft now) whenever an exception escapes."""
        self._keepers.append(save)

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook = self._previous
            self._previous = None

    def handle(
        self,
        kind: type[BaseException],
        value: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        self.count += 1
        written = self.write_log(kind, tb)
        for save in self._keepers:
            # Whatever went wrong, what the user typed is written before anything else runs.
            with contextlib.suppress(Exception):
                save()
        where = f"\n\nDetails for a bug report were written to:\n{self.path}" if written else ""
        # If the dialog itself fails, the log is all that can be done.
        with contextlib.suppress(Exception):
            self.show_dialog(
                "Something went wrong",
                "mgdesk hit an unexpected problem and the last action may not have finished. "
                "Your visit is still open; you can keep working, or restart mgdesk if "
                f"something looks wrong.{where}",
            )

    def write_log(self, kind: type[BaseException], tb: TracebackType | None) -> bool:
        """Append one entry; False when the log cannot be written (never raises)."""
        try:
            paths.ensure_private_dir(self.path.parent)
            if self.path.exists() and self.path.stat().st_size > MAX_LOG_BYTES:
                self.path.replace(self.path.with_suffix(".log.old"))
            stamp = dt.datetime.now().isoformat(timespec="seconds")
            entry = f"{stamp} mgdesk {__version__}\n{describe(kind, tb)}\n\n"
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as handle:
                handle.write(entry)
        except OSError:
            return False
        return True

    def show_dialog(self, title: str, text: str) -> None:
        """A readable message; tests replace this."""
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is None:
            print(f"{title}: {text}", file=sys.stderr)
            return
        QMessageBox.critical(QApplication.activeWindow(), title, text)
