"""The real mgdesk window, run as a child process that a test steers one line at a time.

The AT-SPI tests read this window from outside, as a screen reader does; this script only
puts the window in the state to be read (a tab on screen, a dialog open) and answers "ok"
on stdout once Qt has processed the change. Commands on stdin, one a line:

    seed           load a visit with symptoms, medicines and a product above the upper limit
    tab KEY        show a tab (symptoms, forms, dosage, interactions, plan, journal, visit)
    dialog NAME    open a dialog (about, sources, shortcuts, restore, or an extra one a
                   test registers through DIALOG_HOOKS, e.g. the update dialog)
    close          close every open dialog
    quit           close the window and exit

MGDESK_A11Y_BLANK=TEXT, when set, strips the name (text and accessible name) from the first
push button whose text or accessible name contains TEXT: the test that proves the checker
notices a control that has lost its name.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

from mgdesk.domain.visit import VisitPlan
from mgdesk.ui import app as app_module
from mgdesk.ui.main_window import MainWindow
from mgdesk.ui.user_data import UserData
from mgdesk.ui.visit_session import VisitSession

BLANK_ENV = "MGDESK_A11Y_BLANK"
# 2 x 400 mg of elemental magnesium is above the adult upper limit for supplements (350 mg).
SEED_VISIT = {
    "version": 1,
    "age": 40,
    "sex": "female",
    "symptoms": [{"id": "sleep", "rating": 7}, "pain"],
    "forms": ["glycinate"],
    "medicines": ["Fosamax", "Lasix"],
    "products": ["Magnesium (as citrate) 400 mg, 2 tablets"],
    "questions": ["Is this dose safe with my kidneys?"],
}

# Dialogs other issues add (the update dialog) register here: name -> how to open it.
DIALOG_HOOKS: dict[str, Callable[[MainWindow], QDialog]] = {
    "about": lambda w: w.show_about(),
    "sources": lambda w: w.show_sources(),
    "shortcuts": lambda w: w.show_shortcuts(),
    "restore": lambda w: w.show_restore(),
}


class _Commands(QObject):
    """Lines from stdin, handed to the GUI thread."""

    line = Signal(str)


def _blank_one_button(window: MainWindow, text: str) -> None:
    for button in window.findChildren(QPushButton):
        if text in button.text() or text in button.accessibleName():
            button.setText("")
            button.setAccessibleName("")
            button.setToolTip("")
            return


def _reply(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def main() -> int:
    app = app_module._init_application()
    settings, appearance = app_module._init_settings(app)
    content = app_module._init_content()
    visit = VisitSession()
    window = MainWindow(content, visit, settings, appearance, UserData())
    open_dialogs: list[QDialog] = []

    def handle(line: str) -> None:
        verb, _, arg = line.strip().partition(" ")
        if verb == "seed":
            visit.load(VisitPlan.from_dict(SEED_VISIT))
        elif verb == "tab":
            window.show_tab(arg)
            blank = os.environ.get(BLANK_ENV)
            if blank:
                _blank_one_button(window, blank)
        elif verb == "dialog":
            open_dialogs.append(DIALOG_HOOKS[arg](window))
        elif verb == "close":
            for dialog in open_dialogs:
                dialog.close()
            open_dialogs.clear()
        elif verb == "quit":
            window.close()
            app.quit()
            return
        # Answer after Qt has laid out and announced the change.
        QTimer.singleShot(300, lambda: _reply("ok"))

    commands = _Commands()
    commands.line.connect(handle)

    def read_stdin() -> None:
        for raw in sys.stdin:
            commands.line.emit(raw)

    def ready() -> None:
        _reply("ok")
        threading.Thread(target=read_stdin, daemon=True).start()

    window.loaded.connect(lambda: QTimer.singleShot(300, ready))
    window.first_painted.connect(window.load_remaining_tabs)
    window.show()
    code = app.exec()
    window.user_data.close()
    content.close()
    return int(code)


if __name__ == "__main__":
    QApplication.setApplicationName("mgdesk")
    sys.exit(main())
