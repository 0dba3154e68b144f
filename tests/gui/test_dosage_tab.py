"""The Dosage tab: live results, the user's rows, the converter, and every bad entry."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from mgdesk.domain.upper_limit import SUPERVISION_NOTE
from mgdesk.store.content_db import ContentDB
from mgdesk.ui.dosage.tab import DosageTab
from mgdesk.ui.main_window import MainWindow
from mgdesk.ui.models import ROW_MARK
from mgdesk.ui.visit_session import VisitSession


@pytest.fixture
def tab(window: MainWindow) -> DosageTab:
    widget = window.show_tab("dosage")
    assert isinstance(widget, DosageTab)
    return widget


def _marked(model: object) -> list[str]:
    rows = model.rowCount()  # type: ignore[attr-defined]
    return [
        str(model.index(r, 0).data())  # type: ignore[attr-defined]
        for r in range(rows)
        if str(model.index(r, 0).data()).startswith(ROW_MARK)  # type: ignore[attr-defined]
    ]


def test_a_woman_of_42_gets_her_rda_and_limit(
    qtbot: QtBot, tab: DosageTab, visit: VisitSession
) -> None:
    qtbot.keyClicks(tab.age, "42")
    qtbot.mouseClick(tab.female, Qt.MouseButton.LeftButton)
    assert "320 mg" in tab.intake.text()
    assert "Recommended Dietary Allowance (RDA)" in tab.intake.text()
    assert "350 mg a day" in tab.limit.text()
    assert "supplements and medicines" in tab.limit_meaning.text()
    assert "not from food" in tab.limit_meaning.text()
    assert _marked(tab.intake_model) == [f"{ROW_MARK} 31–50 years"]
    assert _marked(tab.limit_model) == [f"{ROW_MARK} 19+ years"]
    plan = visit.plan
    assert (plan.age, plan.months, plan.sex, plan.pregnant, plan.lactating) == (
        42,
        None,
        "female",
        False,
        False,
    )


def test_babies_need_months_and_get_an_adequate_intake(
    qtbot: QtBot, tab: DosageTab, visit: VisitSession
) -> None:
    assert not tab.months.isEnabled()
    qtbot.keyClicks(tab.age, "0")
    assert tab.months.isEnabled()
    qtbot.mouseClick(tab.male, Qt.MouseButton.LeftButton)
    tab.months.setValue(9)
    assert "75 mg" in tab.intake.text() and "Adequate Intake (AI)" in tab.intake.text()
    assert "not established" in tab.limit.text()
    assert (visit.plan.age, visit.plan.months) == (0, 9)
    qtbot.keyClicks(tab.age, "5")  # "05" is five years: months no longer apply
    assert not tab.months.isEnabled()


def test_pregnancy_is_offered_only_where_the_table_covers_it(
    qtbot: QtBot, tab: DosageTab, visit: VisitSession
) -> None:
    qtbot.keyClicks(tab.age, "30")
    qtbot.mouseClick(tab.male, Qt.MouseButton.LeftButton)
    assert not tab.pregnant.isEnabled()
    assert "females only" in tab.state_note.text()
    qtbot.mouseClick(tab.female, Qt.MouseButton.LeftButton)
    assert tab.pregnant.isEnabled()
    qtbot.mouseClick(tab.pregnant, Qt.MouseButton.LeftButton)
    assert "350 mg" in tab.intake.text()
    assert visit.plan.pregnant
    tab.age.clear()
    qtbot.keyClicks(tab.age, "60")
    assert not tab.pregnant.isEnabled() and tab.neither.isChecked()
    assert "ages 14–50 only" in tab.state_note.text()
    assert not visit.plan.pregnant


@pytest.mark.parametrize(
    "typed",
    ["abc", "-1", "200", "x" * 10_000, "４２", "😀", "4.5", " ", "1e3"],
    ids=[
        "letters",
        "negative",
        "too-old",
        "10k-chars",
        "fullwidth",
        "emoji",
        "fraction",
        "blank",
        "exponent",
    ],
)
def test_bad_ages_show_a_message_and_change_nothing(
    qtbot: QtBot, tab: DosageTab, visit: VisitSession, typed: str
) -> None:
    qtbot.keyClicks(tab.age, "42")
    qtbot.mouseClick(tab.female, Qt.MouseButton.LeftButton)
    before = visit.plan
    tab.age.clear()
    tab.age.setText(typed)
    assert tab.message.text()
    if typed.strip():
        assert tab.message.text().startswith("⚠")
        assert "age" in tab.message.text()
    assert tab.intake.text() == ""
    assert _marked(tab.intake_model) == []
    assert visit.plan == before


@pytest.mark.parametrize("typed", ["0", "-5", "x", "1e400", "🙂", "9" * 10_000])
def test_bad_converter_amounts_show_a_message(qtbot: QtBot, tab: DosageTab, typed: str) -> None:
    tab.elemental.setText(typed)
    assert tab.converted.text().startswith("⚠")
    assert "elemental magnesium" in tab.converted.text()


def test_converter_gives_compound_mg_and_tablets(
    qtbot: QtBot, tab: DosageTab, content: ContentDB
) -> None:
    index = tab.form_choice.findData("citrate")
    tab.form_choice.setCurrentIndex(index)
    citrate = content.form("citrate")
    qtbot.keyClicks(tab.elemental, "200")
    compound = 200 * 100 / citrate.elemental_percent
    assert (
        f"{compound:,.0f} mg" in tab.converted.text()
        or f"{compound:,.1f} mg" in tab.converted.text()
    )
    tab.tablet.setEditText("")
    qtbot.keyClicks(tab.tablet.lineEdit(), "150")
    assert "2 tablet(s) of 150 mg = 300 mg" in tab.tablets.text()
    tab.tablet.setEditText("0")
    assert tab.tablets.text().startswith("⚠")
    tab.tablet.setEditText("62.5")
    assert "whole number" in tab.tablets.text()


def test_above_the_upper_limit_is_said_plainly(qtbot: QtBot, tab: DosageTab) -> None:
    qtbot.keyClicks(tab.elemental, "400")
    assert "age and sex" in tab.compared.text()
    qtbot.keyClicks(tab.age, "45")
    qtbot.mouseClick(tab.male, Qt.MouseButton.LeftButton)
    assert "above the upper limit of 350 mg" in tab.compared.text()
    assert SUPERVISION_NOTE in tab.compared.text()
    tab.elemental.setText("300")
    assert "within the upper limit" in tab.compared.text()


def test_the_converter_never_rounds_past_the_upper_limit(qtbot: QtBot, tab: DosageTab) -> None:
    """#22: 350 mg with 120 mg tablets is 2 tablets (240 mg), not 3 (360 mg, above the limit)."""
    qtbot.keyClicks(tab.age, "45")
    qtbot.mouseClick(tab.female, Qt.MouseButton.LeftButton)
    tab.form_choice.setCurrentIndex(tab.form_choice.findData("glycinate"))
    qtbot.keyClicks(tab.elemental, "350")
    tab.tablet.setEditText("120")
    text = tab.tablets.text()
    assert "2 tablets of 120 mg = 240 mg" in text and "rounded down" in text
    assert "110 mg under" in text and "doctor" in text
    assert "360 mg a day" not in tab.compared.text()
    assert "within the upper limit" in tab.compared.text()
    assert not tab.compared.text().startswith("⚠")
