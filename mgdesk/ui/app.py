"""Start the window: a launcher whose start-up reads as four named steps.

1. **application**: the `QApplication`, named "mgdesk" with an empty organisation, so that
   `QStandardPaths.AppDataLocation` is the folder `mgdesk.paths` computes without Qt.
2. **settings**: the declared settings (one INI file in the data folder) and the appearance
   (theme, text size, font), applied before any widget exists so the first paint is right.
3. **content**: the read-only content DB, through plain `sqlite3` (no ORM on this path); a
   missing or unreadable one is a readable message and exit code 1, not a traceback.
4. **window**: the main window with only the tab on screen built; the other tabs are built
   after the first paint, so nothing slows the first paint that it does not show.

Then the last-resort error reporter is installed and the event loop runs. For the start-up
benchmarks, `quit_after_paint` exits right after the first paint and `quit_after_load` once
every tab's models hold their data and the window has painted; neither shows a dialog. With
MGDESK_PAINT_STAMP set to a file name, the wall-clock time of the first paint is written
there, so that a benchmark can tell the start-up from the exit.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from mgdesk import __version__, paths
from mgdesk.store.content_db import ContentDB, ContentUnavailable
from mgdesk.ui.collector import SETTLE_AFTER_MS, settle_after_first_paint
from mgdesk.ui.errors import ErrorReporter
from mgdesk.ui.main_window import MainWindow
from mgdesk.ui.settings import Settings
from mgdesk.ui.theme import FUSION_ARGUMENTS, Appearance, mark_fusion
from mgdesk.ui.user_data import UserData
from mgdesk.ui.visit_session import VisitSession

APP_NAME = paths.APP_NAME
PAINT_STAMP_ENV = "MGDESK_PAINT_STAMP"


def _init_application() -> QApplication:
    """The one QApplication, named so that QStandardPaths and mgdesk.paths agree."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication([*sys.argv[:1], *FUSION_ARGUMENTS])
        mark_fusion(app)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("")
    app.setApplicationDisplayName("mgdesk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(paths.APP_ID)  # Wayland matches the window to its .desktop file
    icon = paths.resource("icons", "mgdesk.svg")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def _init_settings(app: QApplication) -> tuple[Settings, Appearance]:
    settings = Settings()
    appearance = Appearance(app, settings)
    appearance.apply()
    return settings, appearance


def _init_content() -> ContentDB:
    return ContentDB.open_default()


def _init_window(content: ContentDB, settings: Settings, appearance: Appearance) -> MainWindow:
    return MainWindow(content, VisitSession(), settings, appearance, UserData())


class _QuietReporter(ErrorReporter):
    """In benchmark runs an escaped exception is one line on stderr, never a dialog."""

    def show_dialog(self, title: str, text: str) -> None:
        print(f"mgdesk: {title}: see {self.path}", file=sys.stderr)


def _content_missing(error: ContentUnavailable, interactive: bool) -> int:
    message = (
        "mgdesk cannot open its reference content, so it cannot start.\n\n"
        f"{error}\n\nReinstalling mgdesk should restore it."
    )
    print(f"mgdesk: failed: {error}", file=sys.stderr)
    if interactive:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "mgdesk cannot start", message)
    return 1


def run(quit_after_paint: bool = False, quit_after_load: bool = False) -> int:
    """Open the window and run until it closes; the process exit code."""
    benchmark = quit_after_paint or quit_after_load
    app = _init_application()
    settings, appearance = _init_settings(app)
    try:
        content = _init_content()
    except ContentUnavailable as error:
        return _content_missing(error, interactive=not benchmark)
    window = _init_window(content, settings, appearance)

    reporter = _QuietReporter() if benchmark else ErrorReporter()
    reporter.keep_data_with(window.visit_keeper.flush)
    reporter.install()
    stamp = os.environ.get(PAINT_STAMP_ENV)
    if stamp:
        window.first_painted.connect(lambda: Path(stamp).write_text(repr(time.time())))
    window.first_painted.connect(settle_after_first_paint)
    QTimer.singleShot(SETTLE_AFTER_MS, settle_after_first_paint)  # a window not painted yet
    if quit_after_paint:
        window.first_painted.connect(app.quit)
    else:
        window.first_painted.connect(window.load_remaining_tabs)
    if quit_after_load:

        def painted_and_quit() -> None:
            window.repaint()
            QTimer.singleShot(0, app.quit)

        window.loaded.connect(painted_and_quit)
    if not benchmark:
        window.first_painted.connect(window.maybe_show_first_run_notice)
        # Quitting without closing the window (e.g. the session ends) still remembers it.
        app.aboutToQuit.connect(window.save_settings)
        app.aboutToQuit.connect(window.visit_keeper.flush)
    window.show()
    try:
        code = app.exec()
    finally:
        reporter.uninstall()
        window.hide()
        window.deleteLater()
        window.user_data.close()
        content.close()
    if benchmark and reporter.count:
        return 1
    return int(code)
