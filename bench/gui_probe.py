"""Run in a child process by bench/responsive.py: the real window, with a probe in its event loop.

The probe is a zero-interval timer: it fires at every turn of the event loop, so the gap between
two firings is the longest the loop was kept from answering the user (a stall). It records the
longest gap from the first paint until every tab is loaded and the window is idle, then during
each core action, one after another: switching every tab, typing a search, adding a journal
entry, refreshing the handout preview. Then, with the data folder's DB (see bench/user_data.py),
it times what grows with years of use: the Journal tab shown, its chart redrawn for all entries,
the saved visits listed, the plan recomputed. Prints one JSON object on stdout.

    python bench/gui_probe.py   (MGDESK_DATA_DIR names the data folder; offscreen Qt)
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QObject, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from mgdesk.domain.journal import new_entry  # noqa: E402
from mgdesk.ui import app as launcher  # noqa: E402

IDLE_MS = 400  # quiet this long after a step: its deferred work (timers, renders) has run


class LoopProbe(QObject):
    """The longest gap between two turns of the event loop, per named phase."""

    def __init__(self) -> None:
        super().__init__()
        self.gaps: dict[str, float] = {}
        self._phase = ""
        self._last = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)

    def start(self, phase: str) -> None:
        self._phase = phase
        self.gaps.setdefault(phase, 0.0)
        self._last = time.perf_counter()
        if not self._timer.isActive():
            self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = (now - self._last) * 1000
        if gap > self.gaps.get(self._phase, 0.0):
            self.gaps[self._phase] = gap
        self._last = now


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def main() -> int:
    app = launcher._init_application()
    settings, appearance = launcher._init_settings(app)
    content = launcher._init_content()
    window = launcher._init_window(content, settings, appearance)
    window.resize(1280, 800)
    probe = LoopProbe()
    report: dict[str, object] = {}
    steps: list[tuple[str, Callable[[], None]]] = []

    def next_step() -> None:
        if not steps:
            report["gaps_ms"] = {k: round(v, 1) for k, v in probe.gaps.items()}
            app.quit()
            return
        name, action = steps.pop(0)
        probe.start(name)
        action()
        QTimer.singleShot(IDLE_MS, next_step)

    def switch_tabs() -> None:
        keys = window.tabs.tab_keys()
        for delay, key in enumerate([*keys, keys[0]]):
            QTimer.singleShot(delay * 50, lambda k=key: window.show_tab(k))

    def type_search() -> None:
        window.search_field.setFocus()
        for delay, letter in enumerate("magnesium glycinate"):
            QTimer.singleShot(delay * 30, lambda c=letter: QTest.keyClicks(window.search_field, c))

    def add_entry() -> None:
        window.show_tab("journal")
        diary = window.tab("journal").diary
        day = dt.date.today()
        diary._save(new_entry(day, "21:00", {"pain": 4, "sleep": 6}, {"glycinate": 200}))

    def refresh_preview() -> None:
        tab = window.show_tab("visit")
        window._visit.set_symptom("sleep", 5)
        tab.output.request_preview(now=True)

    def scale_figures() -> None:
        journal = window.tab("journal")
        diary = journal.diary
        window.show_tab("symptoms")
        report["journal_shown_ms"] = round(
            _timed(lambda: (window.show_tab("journal"), window.repaint())), 1
        )
        all_entries = diary.range_choice.findData("all")
        report["chart_all_ms"] = round(
            _timed(lambda: (diary.range_choice.setCurrentIndex(all_entries), window.repaint())), 1
        )
        visit_tab = window.show_tab("visit")
        report["visit_list_ms"] = round(_timed(visit_tab.saved.refresh), 1)
        report["saved_visits"] = visit_tab.saved.saved_model.rowCount()
        plan_tab = window.show_tab("plan")
        report["plan_ms"] = round(
            _timed(lambda: (window._visit.set_symptom("fatigue", 6), plan_tab.repaint())), 1
        )
        report["journal_entries"] = len(diary._entries)

    steps += [
        ("switch tabs", switch_tabs),
        ("type a search", type_search),
        ("add a journal entry", add_entry),
        ("refresh the preview", refresh_preview),
        ("scale figures", scale_figures),
    ]

    def on_loaded() -> None:
        report["loaded_s"] = round(time.perf_counter() - started, 3)
        QTimer.singleShot(IDLE_MS, next_step)  # the load phase goes on until idle

    def on_painted() -> None:
        probe.start("after first paint until loaded")
        window.load_remaining_tabs()

    window.first_painted.connect(on_painted)
    window.loaded.connect(on_loaded)
    started = time.perf_counter()
    window.show()
    code = app.exec()
    print(json.dumps(report))
    window.hide()
    window.deleteLater()
    window.user_data.close()
    content.close()
    return code


if __name__ == "__main__":
    QApplication.setApplicationName("mgdesk")
    sys.exit(main())
