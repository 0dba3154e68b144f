"""The core tasks done with the keyboard alone: key presses into whatever has the focus.

No mouse, and no call on a widget to change it: each step is a key sent to the focused widget,
as a user with painful hands or a screen reader would work. Results are read from what the
window shows. The file picker is the My visit pane's replaceable hook (`choose_export_path`),
the only dialog a test cannot drive with keys.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from mgdesk.report import styles
from mgdesk.ui.main_window import MainWindow
from mgdesk.ui.visit_session import VisitSession
from tests.unit.test_report_access import text_sizes

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


def focused(window: MainWindow) -> QWidget:
    widget = QApplication.focusWidget()
    return widget if widget is not None else window


def press(window: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier = NONE) -> None:
    QTest.keyClick(focused(window), key, modifier)


def type_text(window: MainWindow, text: str) -> None:
    QTest.keyClicks(focused(window), text)


@pytest.fixture
def keyboard_window(qtbot: QtBot, loaded_window: MainWindow) -> MainWindow:
    loaded_window.activateWindow()
    qtbot.waitUntil(loaded_window.isActiveWindow)
    qtbot.waitUntil(lambda: loaded_window.visit_keeper.is_started)
    return loaded_window


def test_find_a_symptom_by_search_and_add_it_to_the_visit(
    qtbot: QtBot, keyboard_window: MainWindow, visit: VisitSession
) -> None:
    window = keyboard_window
    press(window, Qt.Key.Key_K, CTRL)
    type_text(window, "sleep")
    press(window, Qt.Key.Key_Down)
    press(window, Qt.Key.Key_Return)
    assert window.tabs.current_key() == "symptoms"
    press(window, Qt.Key.Key_A, ALT)  # "&Add to my visit" (a mnemonic animates the click)
    qtbot.waitUntil(lambda: "sleep" in [s.id for s in visit.plan.symptoms])


def test_look_up_the_dose_for_an_age(qtbot: QtBot, keyboard_window: MainWindow) -> None:
    window = keyboard_window
    press(window, Qt.Key.Key_3, CTRL)
    press(window, Qt.Key.Key_A, ALT)  # "&Age:"
    press(window, Qt.Key.Key_A, CTRL)
    type_text(window, "40")
    press(window, Qt.Key.Key_L, ALT)  # "Fema&le" (Alt+F is the File menu)
    tab = window.tab("dosage")
    qtbot.waitUntil(lambda: "320 mg" in tab.intake.accessibleName())  # type: ignore[attr-defined]
    assert "350 mg" in tab.limit.accessibleName()  # type: ignore[attr-defined]


def test_add_two_medicines_and_read_their_spacing(
    qtbot: QtBot, keyboard_window: MainWindow, visit: VisitSession
) -> None:
    window = keyboard_window
    press(window, Qt.Key.Key_4, CTRL)
    for count, name in enumerate(("Fosamax", "levothyroxine"), start=1):
        press(window, Qt.Key.Key_M, ALT)  # "&Medicine:"
        type_text(window, name)
        press(window, Qt.Key.Key_Escape)  # close the completer's list of names
        press(window, Qt.Key.Key_A, ALT)  # "&Add"
        qtbot.waitUntil(lambda count=count: len(visit.plan.medicines) == count)
    results = window.tab("interactions").results  # type: ignore[attr-defined]
    text = " ".join(results.accessibleName().split()) + results.toPlainText()
    assert "Fosamax" in text and "at least 4 hours" in text
    assert "levothyroxine" in text.casefold()


def test_add_a_product_in_my_plan_and_read_the_total(keyboard_window: MainWindow) -> None:
    window = keyboard_window
    press(window, Qt.Key.Key_5, CTRL)
    press(window, Qt.Key.Key_L, ALT)  # "&Label:"
    type_text(window, "Magnesium (as glycinate) 200 mg")
    press(window, Qt.Key.Key_Return)
    total = window.tab("plan").total_label.accessibleName()  # type: ignore[attr-defined]
    assert "Within the upper limit: 200 mg a day" in total, total


def test_add_a_journal_entry(qtbot: QtBot, keyboard_window: MainWindow) -> None:
    window = keyboard_window
    press(window, Qt.Key.Key_6, CTRL)
    form = window.tab("journal").diary.form  # type: ignore[attr-defined]
    press(window, Qt.Key.Key_W, ALT)  # "&When:"
    press(window, Qt.Key.Key_N, ALT)  # "&Now": today's date and time
    qtbot.waitUntil(lambda: bool(form.date.text()))
    ratings = set(form.rating_fields.values())
    for _ in range(12):  # Tab on to the first rating
        if focused(window) in ratings:
            break
        press(window, Qt.Key.Key_Tab)
    assert focused(window) in ratings
    type_text(window, "6")
    store = window.user_data.journal()
    assert store is not None
    before = store.count()
    press(window, Qt.Key.Key_A, ALT)  # "&Add entry"
    qtbot.waitUntil(lambda: store.count() == before + 1)


def test_export_the_handout_in_large_print(
    qtbot: QtBot, keyboard_window: MainWindow, tmp_path: Path
) -> None:
    window = keyboard_window
    target = tmp_path / "handout.pdf"
    press(window, Qt.Key.Key_7, CTRL)
    tab = window.tab("visit").output  # type: ignore[attr-defined]
    tab.choose_export_path = lambda suggested: target  # type: ignore[method-assign]
    press(window, Qt.Key.Key_G, ALT)  # "Lar&ge print"
    qtbot.waitUntil(tab.large_print.isChecked)  # type: ignore[attr-defined]
    press(window, Qt.Key.Key_E, CTRL)  # File > Export PDF
    assert target.is_file(), tab.export_message.text()  # type: ignore[attr-defined]
    sizes = text_sizes(PdfReader(target))
    assert max(sizes, key=lambda s: sizes[s]) >= styles.LARGE_PRINT_BODY, sizes


@pytest.mark.parametrize("opener", ["about", "sources", "shortcuts", "restore"])
def test_escape_closes_every_dialog(qtbot: QtBot, keyboard_window: MainWindow, opener: str) -> None:
    window = keyboard_window
    dialog: QDialog = getattr(window, f"show_{opener}")()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    press(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_every_menu_action_has_a_mnemonic_and_the_main_ones_a_shortcut(
    keyboard_window: MainWindow,
) -> None:
    window = keyboard_window
    missing = []

    def walk(actions: list[QAction], where: str) -> None:
        for action in actions:
            if action.isSeparator():
                continue
            if "&" not in action.text().replace("&&", ""):
                missing.append(f"{where} > {action.text()}")
            menu = action.menu()
            if menu is not None:
                walk(menu.actions(), f"{where} > {action.text()}")

    walk(window.menuBar().actions(), "menu bar")
    assert missing == []
    main = [window.export_pdf_action, window.print_action, window.search_action]
    main += [window.quit_action, window.shortcuts_action]
    assert all(action.shortcuts() for action in main)
    listed = window.show_shortcuts().rows
    for action in window.actions_with_shortcuts:
        assert action.text().replace("&", "") in [what for _keys, what in listed]


@pytest.mark.parametrize("key", ["symptoms", "forms", "dosage", "interactions", "plan", "visit"])
def test_tab_moves_through_each_tab_without_a_trap(keyboard_window: MainWindow, key: str) -> None:
    """Tab from the tab bar visits the page's controls and comes back round: no trap."""
    window = keyboard_window
    window.show_tab(key)
    bar = window.tabs.tabBar()
    bar.setFocus(Qt.FocusReason.TabFocusReason)
    seen: list[QWidget] = []
    for _ in range(120):
        press(window, Qt.Key.Key_Tab)
        widget = focused(window)
        if widget is bar:
            break
        seen.append(widget)
    else:
        pytest.fail(f"Tab never came back to the tab bar: stuck after {seen[-3:]}")
    page = window.tab(key)
    on_page = [w for w in seen if page.isAncestorOf(w)]
    assert len(set(on_page)) >= 3


@pytest.mark.parametrize(
    "key", ["symptoms", "forms", "dosage", "interactions", "plan", "journal", "visit"]
)
def test_mnemonics_on_each_tab_are_unique(keyboard_window: MainWindow, key: str) -> None:
    """Two controls with the same Alt+letter (or one that is a menu's) make Alt+letter only
    move the focus between them, so neither can be pressed from the keyboard in one go."""
    window = keyboard_window
    window.show_tab(key)
    letters: dict[str, list[str]] = {}
    for action in window.menuBar().actions():
        letters.setdefault(_mnemonic(action.text()), []).append(f"menu {action.text()}")
    for widget in window.findChildren(QWidget):
        text = getattr(widget, "text", None)
        if not callable(text) or not widget.isVisible():
            continue
        try:
            value = text()
        except TypeError:
            continue
        if isinstance(value, str) and _mnemonic(value):
            letters.setdefault(_mnemonic(value), []).append(value)
    clashes = {k: v for k, v in letters.items() if k and len(v) > 1}
    assert clashes == {}, sorted(clashes.items())


def _mnemonic(text: str) -> str:
    index = text.replace("&&", "").find("&")
    cleaned = text.replace("&&", "")
    return cleaned[index + 1].casefold() if 0 <= index < len(cleaned) - 1 else ""
