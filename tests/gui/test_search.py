"""Global search, from the keystroke that focuses it to the item opened in its tab."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from mgdesk.ui.forms.tab import FormsTab
from mgdesk.ui.interactions.tab import InteractionsTab
from mgdesk.ui.main_window import MainWindow
from mgdesk.ui.search_panel import KIND_ROLE, MARKED_ROLE, SearchResultsModel
from mgdesk.ui.symptoms.tab import SymptomsTab


def _group_kinds(window: MainWindow) -> list[str]:
    model = window.search_panel.model
    return [str(model.index(r, 0).data(KIND_ROLE)) for r in range(model.rowCount())]


def test_ctrl_k_and_ctrl_f_focus_the_search_field(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    for key in (Qt.Key.Key_K, Qt.Key.Key_F):
        window.tabs.setFocus()
        qtbot.keyClick(window.tabs, key, Qt.KeyboardModifier.ControlModifier)
        assert QApplication.focusWidget() is window.search_field


def test_typing_searches_and_enter_opens_the_first_hit(qtbot: QtBot, window: MainWindow) -> None:
    window.search_field.setFocus()
    qtbot.keyClicks(window.search_field, "glycinate")
    panel = window.search_panel
    assert panel.isVisible()
    kinds = _group_kinds(window)
    assert "form" in kinds
    hits = window._content.search("glycinate", 30).hits
    assert kinds == list(dict.fromkeys(h.kind for h in hits)), (
        "groups in the order of their best hit"
    )
    assert "found" in panel.summary.text()
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert not panel.isVisible()
    opened = window.tabs.current_key()
    assert opened in ("symptoms", "forms")
    if opened == "forms":
        forms = window.tab("forms")
        assert isinstance(forms, FormsTab) and forms.current_form is not None


def test_down_then_enter_opens_the_chosen_hit(qtbot: QtBot, window: MainWindow) -> None:
    window.search_field.setFocus()
    qtbot.keyClicks(window.search_field, "glycin")
    panel = window.search_panel
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is panel.tree
    # Walk down to the first form hit, as a keyboard user would.
    for _ in range(20):
        hit = panel.model.hit(panel.tree.currentIndex())
        if hit is not None and hit.kind == "form":
            break
        qtbot.keyClick(panel.tree, Qt.Key.Key_Down)
    hit = panel.model.hit(panel.tree.currentIndex())
    assert hit is not None and hit.kind == "form"
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert window.tabs.current_key() == "forms"
    forms = window.tab("forms")
    assert isinstance(forms, FormsTab)
    assert forms.current_form is not None and forms.current_form.id == hit.id


def test_clicking_a_hit_opens_a_symptom(qtbot: QtBot, window: MainWindow) -> None:
    window.show_tab("dosage")
    window.search_field.setFocus()
    qtbot.keyClicks(window.search_field, "brain fog")
    panel = window.search_panel
    index = panel.model.first_hit_index()
    hit = panel.model.hit(index)
    assert hit is not None and hit.kind == "symptom" and hit.id == "brain-fog"
    rect = panel.tree.visualRect(index)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.tabs.current_key() == "symptoms"
    symptoms = window.tab("symptoms")
    assert isinstance(symptoms, SymptomsTab)
    assert symptoms.current_symptom is not None and symptoms.current_symptom.id == "brain-fog"


def test_a_medicine_hit_opens_the_interactions_tab_with_its_name(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.search_field.setFocus()
    qtbot.keyClicks(window.search_field, "Fosamax")
    panel = window.search_panel
    first = panel.model.hit(panel.model.first_hit_index())
    assert first is not None
    medicine_rows = [
        r
        for r in range(panel.model.rowCount())
        if panel.model.index(r, 0).data(KIND_ROLE) == "medicine"
    ]
    assert medicine_rows
    index = panel.model.index(0, 0, panel.model.index(medicine_rows[0], 0))
    panel.tree.setCurrentIndex(index)
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert window.tabs.current_key() == "interactions"
    inter = window.tab("interactions")
    assert isinstance(inter, InteractionsTab)
    assert inter.entry.text()
    assert "bisphosphonates" in inter.preview.text()


def test_a_misspelling_is_answered_with_did_you_mean(qtbot: QtBot, window: MainWindow) -> None:
    window.search_field.setFocus()
    qtbot.keyClicks(window.search_field, "magnesim glycinat")
    panel = window.search_panel
    assert panel.did_you_mean.isVisible()
    assert panel.model.hit_count() > 0
    qtbot.mouseClick(panel.did_you_mean, Qt.MouseButton.LeftButton)
    assert window.search_field.text() == panel.did_you_mean.text()


def test_escape_clears_and_any_text_is_safe(qtbot: QtBot, window: MainWindow) -> None:
    window.search_field.setFocus()
    for text in ('"*) OR 1=1 --', "😀" * 50, "x" * 10_000, "NEAR(a b)", "\x00\x01"):
        window.search_field.setText(text)
        assert window.search_panel.summary.text()
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    assert window.search_field.text() == ""
    assert not window.search_panel.isVisible()


def test_a_study_hit_opens_the_bibliography_on_it(
    qtbot: QtBot, window: MainWindow, content
) -> None:
    study = content.studies[0]
    window.open_item("study", study.id)
    dialog = window.show_sources()
    current = dialog.table.currentIndex()
    assert current.isValid()
    row = dialog.proxy.mapToSource(current).row()
    assert dialog.model.item_at(row).id == study.id
    assert study.citation in dialog.detail.text()
    dialog.close()


def test_every_topic_opens_its_tab_on_the_thing_it_names(
    qtbot: QtBot, window: MainWindow, content
) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    for topic in content.topics:
        window.show_tab("symptoms")
        window.open_item("topic", topic.id)
        assert window.tabs.current_key() == topic.tab, topic.id
        target = getattr(window.tab(topic.tab), topic.focus, None)
        assert isinstance(target, QWidget), (topic.id, topic.focus)
        assert target.isVisibleTo(window), topic.id
        focused = target.hasFocus() or target.isAncestorOf(QApplication.focusWidget())
        assert focused or not target.isEnabled(), topic.id


@pytest.mark.parametrize(
    ("query", "tab", "focus"),
    [
        ("pregnant", "dosage", "age"),
        ("upper limit", "dosage", "limit_table"),
        ("how much magnesium per day", "dosage", "intake_table"),
        ("print for my doctor", "visit", "name"),
        ("pain map", "journal", "pain_map"),
    ],
)
def test_typing_a_topic_and_enter_opens_it(
    qtbot: QtBot, window: MainWindow, query: str, tab: str, focus: str
) -> None:
    window.search_field.setFocus()
    qtbot.keyClicks(window.search_field, query)
    first = window.search_panel.model.hit(window.search_panel.model.first_hit_index())
    assert first is not None and first.kind == "topic"
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.tabs.current_key() == tab
    assert getattr(window.tab(tab), focus).isVisibleTo(window)


def test_the_snippet_column_marks_the_matched_words(qtbot: QtBot, window: MainWindow) -> None:
    window.search_field.setFocus()
    qtbot.keyClicks(window.search_field, "kidney problems")
    model = window.search_panel.model
    first = model.first_hit_index()
    snippet = model.index(first.row(), SearchResultsModel.SNIPPET, first.parent())
    html = str(snippet.data(MARKED_ROLE))
    assert "<b>" in html and "{" not in str(snippet.data())
