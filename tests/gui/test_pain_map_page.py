"""The pain map page: the figure and the check boxes in step, live scores, save, compare, undo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from mgdesk.domain.painmap import AREA_IDS, CLINICIAN_JUDGES, PainMap
from mgdesk.domain.text import NOT_A_DIAGNOSIS
from mgdesk.store.journal import JournalStore
from mgdesk.store.user_db import UserDB, UserDBError, open_user_db
from mgdesk.ui.journal.pain_map_page import PainMapPage
from mgdesk.ui.user_data import UserData


def make_page(qtbot: QtBot, folder: Path, opener=None) -> PainMapPage:  # type: ignore[no-untyped-def]
    user_data = UserData(folder) if opener is None else UserData(folder, opener=opener)
    page = PainMapPage(user_data)
    qtbot.addWidget(page)
    page.resize(1000, 900)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def page(qtbot: QtBot, data_dir: Path) -> PainMapPage:
    return make_page(qtbot, data_dir)


def click_region(qtbot: QtBot, page: PainMapPage, area: str) -> None:
    qtbot.mouseClick(page.figure, Qt.MouseButton.LeftButton, pos=page.figure.region_point(area))


def checked_boxes(page: PainMapPage) -> set[str]:
    return {a for a, box in page.area_boxes.items() if box.isChecked()}


def test_every_region_has_a_labelled_box_and_a_clickable_place(page: PainMapPage) -> None:
    assert list(page.area_boxes) == list(AREA_IDS)
    for area in AREA_IDS:
        assert page.figure.area_at(page.figure.region_point(area).toPointF()) == area
        assert page.area_boxes[area].accessibleName().startswith("Pain or tenderness: ")


def test_clicking_the_figure_ticks_the_boxes_and_counts(qtbot: QtBot, page: PainMapPage) -> None:
    assert page.totals.text().startswith("WPI 0 of 19")
    click_region(qtbot, page, "neck")
    click_region(qtbot, page, "shoulder-left")
    click_region(qtbot, page, "lower-leg-right")
    assert checked_boxes(page) == {"neck", "shoulder-left", "lower-leg-right"}
    assert page.totals.text().startswith("WPI 3 of 19")
    click_region(qtbot, page, "neck")  # a second click takes the mark off
    assert checked_boxes(page) == {"shoulder-left", "lower-leg-right"}
    assert page.figure.marked == {"shoulder-left", "lower-leg-right"}
    assert page.totals.text().startswith("WPI 2 of 19")
    assert "Marked: Shoulder girdle, left; Lower leg, right." in (
        page.figure.accessibleDescription()
    )


def test_clicking_outside_every_region_changes_nothing(qtbot: QtBot, page: PainMapPage) -> None:
    qtbot.mouseClick(page.figure, Qt.MouseButton.LeftButton, pos=page.figure.rect().topLeft())
    assert page.figure.marked == frozenset() and checked_boxes(page) == set()


def test_the_keyboard_marks_through_the_boxes_and_the_figure_follows(
    qtbot: QtBot, page: PainMapPage
) -> None:
    box = page.area_boxes["upper-back"]
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked()
    assert page.figure.marked == {"upper-back"}
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert page.figure.marked == frozenset()


def test_the_figure_itself_works_with_arrows_and_space(qtbot: QtBot, page: PainMapPage) -> None:
    page.figure.setFocus()
    assert page.figure.focus_area == AREA_IDS[0]
    qtbot.keyClick(page.figure, Qt.Key.Key_Space)
    qtbot.keyClick(page.figure, Qt.Key.Key_Right)
    qtbot.keyClick(page.figure, Qt.Key.Key_Return)
    assert checked_boxes(page) == set(AREA_IDS[:2])
    qtbot.keyClick(page.figure, Qt.Key.Key_Left)
    qtbot.keyClick(page.figure, Qt.Key.Key_Left)
    assert page.figure.focus_area == AREA_IDS[-1]


def test_severity_choices_change_the_total(qtbot: QtBot, page: PainMapPage) -> None:
    for area in AREA_IDS[:7]:
        page.area_boxes[area].click()
    fatigue = page.severity["fatigue"]
    assert isinstance(fatigue, QComboBox)
    assert fatigue.itemText(3).startswith("3 = severe")
    fatigue.setCurrentIndex(3)
    page.severity["cognitive"].setCurrentIndex(1)  # type: ignore[union-attr]
    qtbot.mouseClick(page.severity["headaches"], Qt.MouseButton.LeftButton)
    assert page.totals.text() == "WPI 7 of 19 · SSS 5 of 12 · Total 12 of 31"
    text = page.score_text.text()
    assert "Symptom Severity Scale (SSS): 5 of 12." in text
    assert NOT_A_DIAGNOSIS in text
    assert page.judges.text() == CLINICIAN_JUDGES
    assert "you meet" not in text.casefold()
    qtbot.mouseClick(page.duration_yes, Qt.MouseButton.LeftButton)
    assert "at least 3 months" in page.score_text.text()


def test_save_reload_and_compare(qtbot: QtBot, data_dir: Path, page: PainMapPage) -> None:
    assert page.date.date().toPython() == dt.date.today()
    page.date.setDate(page.date.date().addDays(-30))
    click_region(qtbot, page, "neck")
    click_region(qtbot, page, "chest")
    qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)
    assert "Saved the pain map of" in page.message.text()
    page.date.setDate(page.date.date().addDays(30))
    click_region(qtbot, page, "chest")
    click_region(qtbot, page, "lower-back")
    page.severity["fatigue"].setCurrentIndex(2)  # type: ignore[union-attr]
    qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 2

    again = make_page(qtbot, data_dir)
    assert again.model.rowCount() == 2
    assert again.model.index(0, 0).data() == dt.date.today().isoformat()
    assert not again.compare.isEnabled()
    selection = again.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    selection.select(again.model.index(0, 0), flags)
    assert not again.compare.isEnabled() and again.delete.isEnabled()
    selection.select(again.model.index(1, 0), flags)
    assert again.compare.isEnabled() and not again.delete.isEnabled()
    qtbot.mouseClick(again.compare, Qt.MouseButton.LeftButton)
    text = again.comparison.text()
    assert "WPI: 2 then 2 (no change)." in text
    assert "SSS: 0 then 2 (2 up)." in text
    assert "New painful areas: Lower back" in text
    assert "No longer painful: Chest" in text


def test_delete_and_undo(qtbot: QtBot, data_dir: Path, page: PainMapPage) -> None:
    click_region(qtbot, page, "abdomen")
    qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)
    page.table.selectRow(0)
    assert not page.undo.isEnabled()
    qtbot.mouseClick(page.delete, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 0
    assert "Undo puts it back" in page.message.text()
    qtbot.mouseClick(page.undo, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 1
    assert not page.undo.isEnabled()
    db = open_user_db(data_dir)
    try:
        maps = JournalStore(db).pain_maps()
    finally:
        db.close()
    assert [sorted(m.areas) for m in maps] == [["abdomen"]]


def test_a_bad_value_is_refused_and_nothing_is_stored(
    qtbot: QtBot, data_dir: Path, page: PainMapPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A date in the future cannot be typed (the editor's maximum is today); were one to get
    through, the store's check answers with one message and saves nothing."""
    assert page.date.maximumDate().toPython() == dt.date.today()
    future = PainMap(dt.date.today() + dt.timedelta(days=3), frozenset(), {})
    monkeypatch.setattr(page, "current_map", lambda: future)
    qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)
    assert page.message.text().startswith("⚠ Not saved:")
    assert page.model.rowCount() == 0


def test_an_unusable_user_db_is_said_plainly(qtbot: QtBot, data_dir: Path) -> None:
    def broken(_folder: Path | None) -> UserDB:
        raise UserDBError("it was made by a newer mgdesk")

    page = make_page(qtbot, data_dir, opener=broken)
    assert page.problem.isVisible()
    assert "newer mgdesk" in page.problem.text()
    assert not page.save.isEnabled() and page.save.toolTip()
    click_region(qtbot, page, "neck")  # the form still scores
    assert page.totals.text().startswith("WPI 1 of 19")
