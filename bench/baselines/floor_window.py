"""Floor baseline: the bare window plus only what any first tab with real content needs.

On top of bare_window.py (whose quit-after-paint probe it shares): the `Qt` namespace (its
~100 enums are made on first use), a list of nine names and a rich-text pane holding the HTML
of mgdesk's first symptom page, read from the file given with `--html`. No mgdesk code runs.
mgdesk's first paint cannot be cheaper than this, so its distance from the bare window is the
price of showing content at all, and its distance to mgdesk is what mgdesk itself adds
(menus, search, settings, its own modules).
"""

import sys

from bare_window import run
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QSplitter,
    QTabWidget,
    QTextBrowser,
)


def main() -> int:
    html_file = sys.argv[sys.argv.index("--html") + 1]
    app = QApplication(sys.argv[:1])
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
    return run(app, tabs)


if __name__ == "__main__":
    sys.exit(main())
