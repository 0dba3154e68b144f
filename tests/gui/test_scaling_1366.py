"""Every tab at 200 % text in a 1366x768 window (a common laptop screen): no clipped text.

MGDESK_SHOTS=folder, when set, saves each tab's screenshot there to be looked at.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.exceptions import TimeoutError as WaitTimeout
from pytestqt.qtbot import QtBot

from mgdesk.ui.main_window import TAB_TITLES, MainWindow
from tests.gui.test_window import _clipped


def test_every_tab_at_200_percent_in_1366_by_768(qtbot: QtBot, loaded_window: MainWindow) -> None:
    window = loaded_window
    window.resize(1366, 768)
    window.tab("symptoms")
    window._appearance.set_text_scale(200)  # noqa: SLF001 - the View menu's own setter
    shots = os.environ.get("MGDESK_SHOTS")
    for key in TAB_TITLES:
        window.show_tab(key)
        page = window.tabs.currentWidget()
        # The application font reaches the widgets through posted events: wait for it, or
        # the page is checked at its old size.
        size = QApplication.font().pointSizeF()
        qtbot.waitUntil(lambda p=page, s=size: p.font().pointSizeF() == s)
        with contextlib.suppress(WaitTimeout):
            qtbot.waitUntil(lambda p=page: not _clipped(p), timeout=3000)
        if shots:
            window.grab().save(str(Path(shots) / f"{key}-200.png"))
        assert not _clipped(page), (key, _clipped(page))
