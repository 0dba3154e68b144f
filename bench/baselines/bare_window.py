"""Bare baseline of DESIGN.md's start-up goals: a PySide6 window with five label tabs.

With `--quit-after-paint` it exits right after its first paint, as `mgdesk gui` does. Run from
source by bench/startup.py, and frozen by bench/bundle.py (the "bare PySide6 bundle").
"""

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget


class QuitAfterPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, painted)
        return False


def painted() -> None:
    """As `mgdesk gui --quit-after-paint`: the paint's time to MGDESK_PAINT_STAMP, then quit."""
    stamp = os.environ.get("MGDESK_PAINT_STAMP")
    if stamp:
        with open(stamp, "w", encoding="utf-8") as out:
            out.write(repr(time.time()))
    QApplication.quit()


def run(app: QApplication, tabs: QTabWidget) -> int:
    """Show `tabs` in a main window and run; with --quit-after-paint, quit after its paint."""
    window = QMainWindow()
    window.setCentralWidget(tabs)
    probe = QuitAfterPaint()
    if "--quit-after-paint" in sys.argv:
        window.installEventFilter(probe)
    window.show()
    return app.exec()


def main() -> int:
    app = QApplication(sys.argv[:1])
    tabs = QTabWidget()
    for name in ("Symptoms", "Forms", "Dosage", "Interactions", "My visit"):
        tabs.addTab(QLabel(name), name)
    return run(app, tabs)


if __name__ == "__main__":
    sys.exit(main())
