"""Key points first, and glossary words that explain themselves on hover and on keyboard focus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from mgdesk.store.content_db import ContentDB
from mgdesk.ui.forms.tab import FormsTab
from mgdesk.ui.glossary_marks import sentences
from mgdesk.ui.interactions.tab import InteractionsTab
from mgdesk.ui.main_window import MainWindow
from mgdesk.ui.rich import RichPane
from mgdesk.ui.symptoms.tab import SymptomsTab


def _flat(value: str) -> str:
    return " ".join(value.split())


def _before(pane: RichPane, first: str, then: str) -> None:
    shown = _flat(pane.toPlainText())
    assert _flat(first) in shown and _flat(then) in shown, shown[:400]
    assert shown.index(_flat(first)) < shown.index(_flat(then))


def test_symptom_key_points_come_before_the_detail(window: MainWindow, content: ContentDB) -> None:
    tab = window.show_tab("symptoms")
    assert isinstance(tab, SymptomsTab)
    tab.show_symptom("pain")
    symptom = content.symptom("pain")
    first = sentences(symptom.key_points)[0]
    _before(tab.detail, "Key points", first)
    _before(tab.detail, first, "How magnesium may act")
    _before(tab.detail, first, symptom.summary)


def test_form_key_points_come_before_the_detail(window: MainWindow, content: ContentDB) -> None:
    tab = window.show_tab("forms")
    assert isinstance(tab, FormsTab)
    tab.show_form("oxide")
    form = content.form("oxide")
    _before(tab.detail, sentences(form.key_points)[0], "Absorption")


def test_interaction_cards_lead_with_key_points(window: MainWindow, content: ContentDB) -> None:
    tab = window.show_tab("interactions")
    assert isinstance(tab, InteractionsTab)
    tab.entry.setText("Fosamax")
    tab.add_typed()
    group = content.group("bisphosphonates")
    _before(tab.results, sentences(group.key_points)[0], "What to do")


def test_condition_cards_lead_with_key_points(window: MainWindow, content: ContentDB) -> None:
    tab = window.show_tab("interactions")
    assert isinstance(tab, InteractionsTab)
    tab.condition_boxes["kidney-disease"].setChecked(True)
    condition = content.condition("kidney-disease")
    _before(tab.results, sentences(condition.key_points)[0], condition.advice.split(".")[0])


def _first_term_link(pane: RichPane) -> tuple[int, str, str]:
    """(position, href, tooltip) of the first glossary link in the pane's document."""
    cursor = QTextCursor(pane.document())
    for position in range(pane.document().characterCount()):
        cursor.setPosition(position)
        cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
        fmt = cursor.charFormat()
        if fmt.anchorHref().startswith("term:"):
            return position, fmt.anchorHref(), fmt.toolTip()
    raise AssertionError("no glossary link in the pane")


def test_glossary_words_carry_their_definition_as_a_tooltip(
    window: MainWindow, content: ContentDB
) -> None:
    tab = window.show_tab("symptoms")
    assert isinstance(tab, SymptomsTab)
    tab.show_symptom("pain")
    _, href, tooltip = _first_term_link(tab.detail)
    term = next(t for t in content.glossary if f"term:{t.id}" == href)
    assert tooltip == f"{term.term}: {term.definition}"


def test_each_term_is_marked_once_per_page(window: MainWindow, content: ContentDB) -> None:
    tab = window.show_tab("symptoms")
    assert isinstance(tab, SymptomsTab)
    tab.show_symptom("pain")
    html = tab.detail.toHtml()
    assert html.count('href="term:placebo"') == 1
    assert "placebo" in _flat(tab.detail.toPlainText()).split("placebo", 1)[1]


def test_keyboard_focus_on_a_term_shows_and_speaks_its_definition(
    qtbot: QtBot, window: MainWindow, content: ContentDB
) -> None:
    tab = window.show_tab("symptoms")
    assert isinstance(tab, SymptomsTab)
    tab.show_symptom("pain")
    tab.detail.setFocus()
    with qtbot.waitSignal(tab.detail.term_shown) as shown:
        qtbot.keyClick(tab.detail, Qt.Key.Key_Tab)
    term = next(t for t in content.glossary if t.id == shown.args[0])
    assert tab.detail.accessibleDescription() == f"{term.term}: {term.definition}"
    with qtbot.assertNotEmitted(tab.detail.link):
        qtbot.keyClick(tab.detail, Qt.Key.Key_Return)
    assert window.tabs.current_key() == "symptoms"
