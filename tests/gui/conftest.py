"""GUI test set-up: a fresh window, visit and settings per test; the application reset after.

The top-level conftest already gives every test its own data folder and home. Here each test
gets its own `Settings` (an INI file in that folder), `VisitSession` and `MainWindow`; the
first-run notice and the error dialog are replaced, and the shared QApplication's theme and
font are put back afterwards so no test leaks its appearance into the next.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from mgdesk.store.content_db import ContentDB
from mgdesk.ui.main_window import MainWindow
from mgdesk.ui.settings import Settings
from mgdesk.ui.theme import Appearance
from mgdesk.ui.visit_session import VisitSession

# The offscreen platform plugin warns that it cannot do what only a window manager does: pass
# size hints on (once per shown window), raise a window or grab the keyboard (when a popup
# such as the medicine completer opens). These say nothing about mgdesk; every other Qt
# warning still fails the test.
OFFSCREEN_LIMITS = (
    r"This plugin does not support (propagateSizeHints\(\)|raise\(\)|grabbing the keyboard)"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS))


@pytest.fixture(autouse=True)
def _reset_application(qapp: QApplication) -> Iterator[None]:
    """Put the shared application's look back as it was after each test."""
    font = QFont(qapp.font())
    palette = qapp.palette()
    yield
    qapp.setStyleSheet("")
    qapp.setFont(font)
    qapp.setPalette(palette)


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def appearance(qapp: QApplication, settings: Settings) -> Appearance:
    appearance = Appearance(qapp, settings)
    appearance.apply()
    return appearance


@pytest.fixture
def visit() -> VisitSession:
    return VisitSession()


MakeWindow = Callable[..., MainWindow]


@pytest.fixture
def make_window(qtbot, content: ContentDB, visit: VisitSession, qapp: QApplication) -> MakeWindow:  # type: ignore[no-untyped-def]
    """Build a shown main window; `settings` may be given to simulate a restart."""

    def make(settings: Settings | None = None, show: bool = True) -> MainWindow:
        own_settings = settings or Settings()
        appearance = Appearance(qapp, own_settings)
        appearance.apply()
        window = MainWindow(content, visit, own_settings, appearance)
        window.confirm_first_run_notice = lambda: True  # type: ignore[method-assign]
        qtbot.addWidget(window)
        if show:
            with qtbot.waitSignal(window.first_painted):
                window.show()
        return window

    return make


@pytest.fixture
def window(make_window: MakeWindow) -> MainWindow:
    return make_window()


@pytest.fixture
def loaded_window(qtbot, window: MainWindow) -> MainWindow:  # type: ignore[no-untyped-def]
    """A window whose every tab is built."""
    with qtbot.waitSignal(window.loaded):
        window.load_remaining_tabs()
    return window


def widgets_of(root: QWidget) -> list[QWidget]:
    return [root, *root.findChildren(QWidget)]


def send_font_change(widget: QWidget) -> None:
    QApplication.sendEvent(widget, QEvent(QEvent.Type.FontChange))
