"""The Interactions tab: typed medicines with completion, ticked kinds and conditions, results."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QCheckBox
from pytestqt.qtbot import QtBot

from mgdesk.domain.checklist import category_groups
from mgdesk.domain.text import COVERAGE_NOTE
from mgdesk.domain.visit import MedicineChoice
from mgdesk.store.content_db import ContentDB
from mgdesk.ui.interactions.tab import InteractionsTab
from mgdesk.ui.main_window import MainWindow
from mgdesk.ui.visit_session import VisitSession


@pytest.fixture
def tab(window: MainWindow) -> InteractionsTab:
    widget = window.show_tab("interactions")
    assert isinstance(widget, InteractionsTab)
    return widget


def _tick(qtbot, box: QCheckBox) -> None:
    """Tick or untick as a keyboard user does: focus, then Space."""
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)


def _names(visit: VisitSession) -> list[str]:
    return [m.name for m in visit.plan.medicines]


def test_typing_completes_known_names(qtbot: QtBot, tab: InteractionsTab) -> None:
    qtbot.keyClicks(tab.entry, "fosa")
    completer = tab.completer
    found = [
        completer.completionModel().index(r, 0).data()
        for r in range(completer.completionModel().rowCount())
    ]
    assert "Fosamax" in found
    assert "Fosamax" in tab.preview.text() or "not in mgdesk's list" in tab.preview.text()


def test_adding_a_brand_name_shows_what_to_do(
    qtbot: QtBot, tab: InteractionsTab, visit: VisitSession
) -> None:
    qtbot.keyClicks(tab.entry, "Fosamax")
    assert "bisphosphonates" in tab.preview.text()
    qtbot.keyClick(tab.entry, Qt.Key.Key_Return)
    assert _names(visit) == ["Fosamax"]
    assert tab.entry.text() == ""
    assert tab.chosen_model.names() == ["Fosamax"]
    text = tab.results.toPlainText()
    assert "Fosamax (alendronate): bisphosphonates" in text
    assert "What to do" in text and "4 hours" in text
    assert "Why" in text and "Sources" in text


def test_results_are_grouped_by_severity(
    qtbot: QtBot, tab: InteractionsTab, visit: VisitSession
) -> None:
    for name in ("omeprazole", "Fosamx"):
        tab.entry.setText(name)
        qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    _tick(qtbot, tab.condition_boxes["kidney-disease"])
    _tick(qtbot, next(iter(tab.category_boxes.values())))
    text = tab.results.toPlainText()
    order = [text.find(h) for h in ("High: ask first", "Moderate", "None known", "Unknown")]
    assert all(position >= 0 for position in order), text[:400]
    assert order == sorted(order)
    assert visit.plan.conditions == ("kidney-disease",)


def test_coverage_note_is_stated(tab: InteractionsTab) -> None:
    notes = [w for w in tab.findChildren(type(tab.preview)) if w.objectName() == "coverage-note"]
    assert notes and notes[0].text() == COVERAGE_NOTE
    assert notes[0].isVisible()


def test_an_unknown_name_offers_suggestions_that_replace_it(
    qtbot: QtBot, tab: InteractionsTab, visit: VisitSession
) -> None:
    qtbot.keyClicks(tab.entry, "Fosamx")
    assert "not in mgdesk's list" in tab.preview.text()
    qtbot.keyClick(tab.entry, Qt.Key.Key_Return)
    assert _names(visit) == ["Fosamx"]
    text = tab.results.toPlainText()
    assert "Fosamx: unknown" in text and "Did you mean" in text and "Fosamax" in text
    tab.results.setFocus()
    qtbot.keyClick(tab.results, Qt.Key.Key_Tab)
    qtbot.keyClick(tab.results, Qt.Key.Key_Return)
    assert _names(visit) == ["Fosamax"]
    assert "unknown" not in tab.results.toPlainText().casefold().split("what they mean")[0]


def test_ticking_a_kind_of_medicine_goes_into_the_visit(
    qtbot: QtBot, tab: InteractionsTab, visit: VisitSession, content: ContentDB
) -> None:
    kinds = category_groups(content.groups)
    assert {g.name for g in kinds} >= {
        "antidepressants",
        "anti-anxiety medicines",
        "sleep medicines",
        "muscle relaxants",
        "pain medicines",
    }
    box = tab.category_boxes["sleep-medicines"]
    _tick(qtbot, box)
    assert _names(visit) == ["sleep medicines"]
    assert "None known" in tab.results.toPlainText()
    _tick(qtbot, box)
    assert _names(visit) == []


def test_remove_selected_medicines(qtbot: QtBot, tab: InteractionsTab, visit: VisitSession) -> None:
    for name in ("Fosamax", "omeprazole", "Synthroid"):
        tab.entry.setText(name)
        tab.add_typed()
    assert not tab.remove_button.isEnabled()
    index = tab.chosen_proxy.index(1, 0)
    tab.chosen.selectionModel().select(
        index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    )
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert _names(visit) == ["Fosamax", "Synthroid"]


def test_the_visit_drives_the_tab(tab: InteractionsTab, visit: VisitSession) -> None:
    visit.update(medicines=(MedicineChoice("Lasix"), MedicineChoice("antidepressants")))
    assert tab.chosen_model.names() == ["Lasix"]
    assert tab.category_boxes["antidepressants"].isChecked()
    assert "loop diuretics" in tab.results.toPlainText()


@pytest.mark.parametrize(
    "typed, message",
    [
        ("", "Type a medicine name first"),
        ("   ", "Type a medicine name first"),
        ("x" * 10_000, "at most 200 characters"),
        ("F" * 201, "at most 200 characters"),
    ],
    ids=["empty", "spaces", "10k-chars", "201-chars"],
)
def test_bad_names_are_refused_in_place(
    qtbot: QtBot, tab: InteractionsTab, visit: VisitSession, typed: str, message: str
) -> None:
    tab.entry.setText(typed)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert message in tab.preview.text()
    assert visit.plan.medicines == ()


@pytest.mark.parametrize("typed", ["😀💊", "ﬁbro\u0301", "a\x00b", "'; DROP TABLE--", "名前"])
def test_odd_names_are_kept_as_unknown(
    qtbot: QtBot, tab: InteractionsTab, visit: VisitSession, typed: str
) -> None:
    tab.entry.setText(typed)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert len(visit.plan.medicines) == 1
    assert "unknown" in tab.results.toPlainText()


def test_duplicates_are_not_added_twice(
    qtbot: QtBot, tab: InteractionsTab, visit: VisitSession
) -> None:
    for name in ("Fosamax", "FOSAMAX "):
        tab.entry.setText(name)
        qtbot.keyClick(tab.entry, Qt.Key.Key_Return)
    assert _names(visit) == ["Fosamax"]
    assert "already in your list" in tab.preview.text()
