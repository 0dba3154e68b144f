"""Floor baseline: the bare window plus only what any first tab with real content needs.

On top of bare_window.py: the `Qt` namespace (its ~100 enums are made on first use), a list of
nine names and a rich-text pane holding the HTML of mgdesk's first symptom page, read from the
file given with `--html`. No mgdesk code runs. mgdesk's first paint cannot be cheaper than
this, so its distance from the bare window is the price of showing content at all, and its
distance to mgdesk is what mgdesk itself adds (menus, search, settings, its own modules).
"""

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QTextBrowser,
)


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


def main() -> int:
    html_file = sys.argv[sys.argv.index("--html") + 1]
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    tabs = QTabWidget()
    first = QSplitter(Qt.Orientation.Horizontal)
    names = QListWidget()
    names.addItems([f"Symptom {number}" for number in range(1, 10)])
    pane = QTextBrowser()
    with open(html_file, encoding="utf-8") as source:
        pane.setHtml(source.read())
    first.addWidget(names)
    first.addWidget(pane)
    tabs.addTab(first, "Symptoms")
    for name in ("Forms", "Dosage", "Interactions", "My visit"):
        tabs.addTab(QLabel(name), name)
    window.setCentralWidget(tabs)
    probe = QuitAfterPaint()
    if "--quit-after-paint" in sys.argv:
        window.installEventFilter(probe)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
