"""The main window: tabs, disclaimer, menus, dialogs, keyboard use, settings across restarts."""

from __future__ import annotations

import contextlib
import os
import stat

import pytest
from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QSplitter,
    QTabBar,
    QWidget,
)
from pytestqt.exceptions import TimeoutError as WaitTimeout
from pytestqt.qtbot import QtBot

from mgdesk import __version__
from mgdesk.domain.text import DISCLAIMER
from mgdesk.store.content_db import ContentDB
from mgdesk.ui import settings as keys
from mgdesk.ui.main_window import TAB_TITLES, MainWindow
from mgdesk.ui.settings import Settings
from mgdesk.ui.symptoms.tab import SymptomsTab
from mgdesk.ui.tab_host import TabPage, TabSpec
from mgdesk.ui.visit_session import VisitSession

from .conftest import MakeWindow, widgets_of


def test_tabs_in_order_and_only_the_first_is_built_at_start(window: MainWindow) -> None:
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == list(TAB_TITLES.values())
    assert window.tabs.current_key() == "symptoms"
    assert list(window.tabs.built()) == ["symptoms"]
    # A screen reader names every section the tab bar holds.
    assert window.tabs.tabBar().accessibleName() == "Sections: " + ", ".join(titles)


def test_every_tab_loads_in_the_background(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.loaded):
        window.load_remaining_tabs()
    assert set(window.tabs.built()) == set(TAB_TITLES)
    assert "every tab is loaded" in window.statusBar().currentMessage()


def test_a_later_tab_slots_in(window: MainWindow) -> None:
    window.tabs.add_spec(TabSpec("later", "Later", lambda: QLabel("made on demand")))
    assert window.tabs.tab_keys()[-1] == "later"
    assert not window.tabs.is_built("later")
    widget = window.show_tab("later")
    assert isinstance(widget, QLabel) and window.tabs.current_key() == "later"
    assert window.tabs.tabBar().accessibleName().endswith(", My visit, Later")


def test_the_disclaimer_is_on_every_tab_word_for_word(loaded_window: MainWindow) -> None:
    for index in range(loaded_window.tabs.count()):
        loaded_window.tabs.setCurrentIndex(index)
        page = loaded_window.tabs.widget(index)
        assert isinstance(page, TabPage)
        assert page.disclaimer.text() == DISCLAIMER
        assert page.disclaimer.isVisible()


def test_every_focusable_control_has_an_accessible_name(loaded_window: MainWindow) -> None:
    assert loaded_window.search_panel is not None  # made on first use; include it
    missing = []
    for widget in widgets_of(loaded_window):
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        parent = widget.parentWidget()
        # Sub-widgets Qt builds inside a spin box or combo box speak for their owner.
        if isinstance(parent, QAbstractSpinBox | QComboBox):
            continue
        if not widget.accessibleName().strip():
            chain = []
            node: QWidget | None = widget
            while node is not None:
                chain.append(type(node).__name__)
                node = node.parentWidget()
            missing.append(" < ".join(chain))
    assert not missing, missing


def test_keyboard_only_across_the_tabs(qtbot: QtBot, loaded_window: MainWindow) -> None:
    window = loaded_window
    window.activateWindow()
    for number, key in enumerate(TAB_TITLES, start=1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.tabs.current_key() == key
    window.show_tab("symptoms")
    tab = window.tab("symptoms")
    assert isinstance(tab, SymptomsTab)
    tab.filter.setFocus()
    # Tab walks from the filter through the list and the page to "Add to my visit".
    reached = []
    for _ in range(60):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
        if QApplication.focusWidget() is tab.add_button:
            break
    assert tab.list in reached and tab.add_button in reached
    # Ctrl+Tab moves to the next tab from anywhere inside the tabs.
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.current_key() == "forms"


def test_menus_have_no_dead_items(window: MainWindow) -> None:
    dead = []
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        assert menu is not None
        for action in menu.actions():
            if action.isSeparator() or action.menu() is not None:
                continue
            if action.receivers("2triggered(bool)") == 0:
                dead.append(action.text())
    assert not dead, dead
    names = [a.text() for a in window.menuBar().actions()]
    assert names == ["&File", "&View", "&Help"]


def test_quit_is_ctrl_q_and_saves_settings(
    qtbot: QtBot, window: MainWindow, settings: Settings
) -> None:
    assert "Ctrl+Q" in [s.toString() for s in window.quit_action.shortcuts()]
    window.show_tab("dosage")
    window.quit_action.trigger()
    assert not window.isVisible()
    assert Settings().get(keys.LAST_TAB) == "dosage"


def test_geometry_tab_and_splitters_are_restored_after_a_restart(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    first = make_window()
    # Smaller than the offscreen screen (800x600), so that nothing is clamped to fit it.
    first.resize(QSize(760, 560))
    first.show_tab("forms")
    splitter = first.tab("forms").findChild(QSplitter, "forms")
    assert splitter is not None
    splitter.setSizes([100, 500])
    sizes = splitter.sizes()
    first.close()

    second = make_window(Settings())
    assert second.tabs.current_key() == "forms"
    assert second.size() == first.size()
    restored = second.tab("forms").findChild(QSplitter, "forms")
    assert restored is not None and restored.sizes() == sizes


def test_text_size_and_theme_are_restored_after_a_restart(make_window: MakeWindow) -> None:
    first = make_window()
    first.zoom_in_action.trigger()
    first.zoom_in_action.trigger()
    first.theme_actions["dark"].trigger()
    first.close()

    stored = Settings()
    assert stored.get(keys.TEXT_SCALE) == keys.TEXT_SCALES[2]
    assert stored.get(keys.THEME) == "dark"
    second = make_window(stored)
    assert second.theme_actions["dark"].isChecked()
    window_colour = QApplication.palette().color(QPalette.ColorRole.Window)
    assert window_colour.lightness() < 80
    base = QApplication.instance().property("mgdesk_base_font").pointSizeF()
    assert QApplication.font().pointSizeF() == pytest.approx(base * keys.TEXT_SCALES[2] / 100)


def test_broken_settings_fall_back_to_defaults(make_window: MakeWindow) -> None:
    stored = Settings()
    path = stored.path
    path.write_text(
        "[window]\nlast_tab=nowhere\ngeometry=garbage\n[view]\ntext_scale=9999\ntheme=pink\n"
        "hyperlegible_font=perhaps\n",
        encoding="utf-8",
    )
    fresh = Settings()
    assert fresh.get(keys.TEXT_SCALE) == 100
    assert fresh.get(keys.THEME) == "system"
    assert fresh.get(keys.HYPERLEGIBLE_FONT) is False
    assert fresh.get(keys.WINDOW_GEOMETRY) == QByteArray()
    window = make_window(fresh)
    assert window.tabs.current_key() == "symptoms"
    with pytest.raises(TypeError):
        fresh.set(keys.TEXT_SCALE, "big")  # type: ignore[arg-type]


def _clipped(page: QWidget) -> list[str]:
    """Visible text and controls smaller than they need to be."""
    clipped = []
    for widget in widgets_of(page):
        if not widget.isVisible() or not isinstance(
            widget, QLabel | QAbstractButton | QLineEdit | QComboBox | QAbstractSpinBox
        ):
            continue
        if isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox):
            continue  # drawn by its owner
        hint = widget.minimumSizeHint()
        if isinstance(widget, QLabel) and widget.wordWrap():
            if widget.height() < widget.heightForWidth(widget.width()):
                clipped.append(widget.text()[:40])
        elif widget.height() < hint.height() or widget.width() < hint.width():
            clipped.append(f"{type(widget).__name__}: {widget.accessibleName()}")
    return clipped


def test_text_size_shortcuts_and_200_percent_without_clipping(
    qtbot: QtBot, loaded_window: MainWindow
) -> None:
    window = loaded_window
    window.activateWindow()
    base = QApplication.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSizeF() > base
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSizeF() == pytest.approx(base)
    for _ in range(10):
        qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSizeF() == pytest.approx(base * 2)
    assert not window.zoom_in_action.isEnabled()
    for key in TAB_TITLES:
        window.show_tab(key)
        page = window.tabs.currentWidget()
        # Layouts settle over a few turns of the event loop; wait until they have.
        with contextlib.suppress(WaitTimeout):
            qtbot.waitUntil(lambda p=page: not _clipped(p), timeout=3000)
        assert not _clipped(page), (key, _clipped(page))
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSizeF() == pytest.approx(base)


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast", "system"])
def test_themes(window: MainWindow, theme: str) -> None:
    window.theme_actions[theme].trigger()
    palette = QApplication.palette()
    window_colour = palette.color(QPalette.ColorRole.Window)
    text_colour = palette.color(QPalette.ColorRole.WindowText)
    if theme == "high-contrast":
        assert window_colour.name() == "#000000" and text_colour.name() == "#ffffff"
    if theme == "dark":
        assert window_colour.lightness() < 80
    if theme in ("light", "system"):  # offscreen reports no dark preference
        assert window_colour.lightness() > 200
    assert abs(window_colour.lightness() - text_colour.lightness()) > 150


def test_hyperlegible_font(window: MainWindow) -> None:
    assert window.font_action.isEnabled()
    window.font_action.trigger()
    assert "Atkinson Hyperlegible" in QApplication.font().families()
    window.font_action.trigger()
    assert "Atkinson Hyperlegible" not in QApplication.font().families()


def test_first_run_notice_until_acknowledged(window: MainWindow) -> None:
    answers = [False, True]
    shown = []

    def confirm() -> bool:
        shown.append(True)
        return answers.pop(0)

    window.confirm_first_run_notice = confirm  # type: ignore[method-assign]
    window.maybe_show_first_run_notice()
    window.maybe_show_first_run_notice()
    window.maybe_show_first_run_notice()
    assert len(shown) == 2
    assert Settings().get(keys.FIRST_RUN_ACKNOWLEDGED)


def test_about_names_versions_and_licences(window: MainWindow, content: ContentDB) -> None:
    dialog = window.show_about()
    text = dialog.versions.text() + "\n" + dialog.licences.text()
    assert __version__ in " ".join(w.text() for w in dialog.findChildren(QLabel))
    assert content.meta.content_version in text and content.meta.review_date in text
    for name, licence in (
        ("PySide6", "LGPLv3"),
        ("SQLAlchemy", "MIT"),
        ("Alembic", "MIT"),
        ("reportlab", "BSD"),
        ("Noto Sans", "Open Font License"),
    ):
        line = next(line for line in text.splitlines() if name in line)
        assert licence in line
    dialog.close()


def test_sources_lists_every_study_with_its_grade(
    qtbot: QtBot, window: MainWindow, content: ContentDB
) -> None:
    window.sources_action.trigger()
    dialog = window.show_sources()
    assert dialog.proxy.rowCount() == len(content.studies) + len(content.sources)
    qtbot.keyClicks(dialog.filter, content.studies[0].id.split("-")[0])
    assert 0 < dialog.proxy.rowCount() < len(content.studies) + len(content.sources)
    dialog.table.selectRow(0)
    assert "Grade" in dialog.detail.text()
    assert DISCLAIMER in [label.text() for label in dialog.findChildren(QLabel)]
    dialog.close()


def test_shortcuts_dialog_lists_the_actions(window: MainWindow) -> None:
    window.shortcuts_action.trigger()
    dialog = window.show_shortcuts()
    keys_text = " ".join(k for k, _ in dialog.rows)
    for shortcut in ("Ctrl+K", "Ctrl+F", "Ctrl+Q", "Ctrl+=", "Ctrl+-", "Ctrl+0", "F1"):
        assert shortcut in keys_text
    dialog.close()


def test_the_status_bar_says_what_happens(
    qtbot: QtBot, window: MainWindow, visit: VisitSession
) -> None:
    tab = window.tab("symptoms")
    assert isinstance(tab, SymptomsTab)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert "is in your visit" in window.statusBar().currentMessage()
    assert window.visit_summary.text().startswith("My visit: 1 symptom")


def test_my_visit_lists_what_the_tabs_added(window: MainWindow, visit: VisitSession) -> None:
    from mgdesk.ui.visit.tab import VisitTab

    visit.set_symptom("sleep", 6)
    visit.add_form("glycinate")
    visit.set_person(40, None, "female", False, False)
    visit.set_medicines(["Fosamax"])
    visit.set_conditions(["kidney-disease"])
    tab = window.show_tab("visit")
    assert isinstance(tab, VisitTab)
    assert (tab.age.text(), tab.sex.currentText()) == ("40", "female")
    assert tab.symptoms_model.index(0, 1).data() == "6 / 10"
    assert tab.forms_model.stringList() == ["Magnesium glycinate"]
    for expected in ("Fosamax", "Kidney disease"):
        assert expected in tab.medicines_text.text()


def test_tab_bar_and_toolbar_are_named(window: MainWindow) -> None:
    bar = window.tabs.findChild(QTabBar)
    assert bar is not None
    named = [w for w in (window.toolbar, window.search_field) if w.accessibleName()]
    assert len(named) == 2
    assert all(isinstance(a, QAction) for a in window.actions_with_shortcuts)
    assert isinstance(window.centralWidget(), QWidget)


@pytest.mark.parametrize("typed", ["x" * 10_000, "😀🙂", "名前", "\x00\x1b[31m", "(.*)+$", ""])
def test_any_text_in_the_filters_is_safe(loaded_window: MainWindow, typed: str) -> None:
    symptoms = loaded_window.tab("symptoms")
    assert isinstance(symptoms, SymptomsTab)
    symptoms.filter.setText(typed)
    assert symptoms.proxy.rowCount() == (len(symptoms.model._symptoms) if not typed else 0)
    forms = loaded_window.tab("forms")
    forms.filter.setText(typed)  # type: ignore[attr-defined]
    dialog = loaded_window.show_sources()
    dialog.filter.setText(typed)
    dialog.close()


@pytest.mark.parametrize("key", ["plan", "journal", "visit"])
def test_every_tab_can_be_the_one_remembered(make_window: MakeWindow, key: str) -> None:
    first = make_window()
    first.show_tab(key)
    first.close()
    assert Settings().get(keys.LAST_TAB) == key
    assert make_window().tabs.current_key() == key


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_settings_file_is_private_like_the_rest_of_the_user_data(
    window: MainWindow, settings: Settings
) -> None:
    window.show_tab("dosage")
    window.quit_action.trigger()  # saves the settings
    path = Settings().path
    assert path.is_file() and path.stat().st_size > 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    os.chmod(path, 0o644)  # a file left by an older mgdesk is tightened when next opened
    reopened = Settings()
    reopened.set(keys.THEME, "dark")
    reopened.sync()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
