"""The My plan tab driven through its widgets: products and their total, the question for a line
that reads two ways, the form chooser, the day's timetable, and every kind of bad entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QItemSelectionModel, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QLineEdit, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from mgdesk.domain.plan import make_plan, parse_time
from mgdesk.domain.text import PLAN_DRAFT
from mgdesk.domain.visit import MedicineChoice, ProductChoice, VisitPlan
from mgdesk.store.content_db import ContentDB
from mgdesk.ui.main_window import MainWindow
from mgdesk.ui.plan.models import MedicineTimesModel, ProductsModel
from mgdesk.ui.plan.tab import PlanTab
from mgdesk.ui.plan.timeline import DayTimeline
from mgdesk.ui.visit_session import VisitSession
from mgdesk.ui.widgets import ScrollPane

GLYCINATE = "Magnesium (as glycinate) 200 mg"
MILK_OF_MAGNESIA = "magnesium hydroxide 400 mg per 5 mL, 10 mL"
AMBIGUOUS = "Magnesium citrate 200 mg, 2 capsules"


@pytest.fixture
def tab(window: MainWindow) -> PlanTab:
    widget = window.show_tab("plan")
    assert isinstance(widget, PlanTab)
    return widget


def type_product(qtbot: QtBot, tab: PlanTab, label: str, per_day: str = "1") -> None:
    line = tab.label_entry.lineEdit()
    assert line is not None
    line.clear()
    qtbot.keyClicks(line, label)
    tab.per_day_entry.setText(per_day)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)


def shown_warnings(tab: PlanTab) -> dict[str, str]:
    return {label.objectName(): label.text() for label in tab.warning_labels}


def visible_messages(tab: PlanTab) -> list[str]:
    labels = (tab.product_message, tab.times_message)
    return [label.text() for label in labels if not label.isHidden()]


def adult(visit: VisitSession) -> None:
    visit.set_person(42, None, "female", False, False)


# ----- products and the total


def test_two_labels_give_the_domains_total_and_the_warning_above_the_limit(
    qtbot: QtBot, tab: PlanTab, visit: VisitSession, content: ContentDB
) -> None:
    adult(visit)
    type_product(qtbot, tab, GLYCINATE)
    assert [p.label for p in visit.plan.products] == [GLYCINATE]
    assert "Within the upper limit: 200 mg a day" in tab.total_label.text()
    type_product(qtbot, tab, MILK_OF_MAGNESIA)
    assert [p.label for p in visit.plan.products] == [GLYCINATE, MILK_OF_MAGNESIA]
    expected = make_plan(visit.plan, content)
    assert expected.total_supplemental_mg == pytest.approx(533.6)
    assert f"{expected.total_supplemental_mg:,.1f} mg a day" in tab.total_label.text()
    assert "Above the upper limit" in tab.total_label.text()
    assert "350 mg a day" in tab.total_label.text()
    warning = shown_warnings(tab)["warning-above-upper-limit"]
    assert warning.startswith("⚠ Caution:")
    assert "A doctor may still advise more" in warning
    # What mgdesk read from each label, beside it.
    model = tab.products_model
    assert model.index(0, ProductsModel.MG).data() == "200 mg a day"
    assert model.index(0, ProductsModel.HOW).data() == "Label states elemental magnesium"
    assert model.index(1, ProductsModel.MG).data() == "333.6 mg a day"
    assert "Compound converted at 41.7 %" in model.index(1, ProductsModel.HOW).data()
    assert "RDA" in tab.rda_label.text() and "320 mg" in tab.rda_label.text()
    assert tab.draft_label.text() == PLAN_DRAFT


def test_a_typical_product_is_picked_from_the_list(
    qtbot: QtBot, tab: PlanTab, visit: VisitSession
) -> None:
    index = tab.label_entry.findData("milk-of-magnesia")
    assert index >= 0
    tab.label_entry.setCurrentIndex(index)
    tab.per_day_entry.setText("2")
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert [(p.label, p.per_day) for p in visit.plan.products] == [("Milk of magnesia", 2.0)]
    assert tab.products_model.index(0, ProductsModel.MG).data() == "334 mg a day"


def test_the_ambiguous_label_asks_and_the_answer_changes_the_total(
    qtbot: QtBot, tab: PlanTab, visit: VisitSession
) -> None:
    adult(visit)
    type_product(qtbot, tab, AMBIGUOUS)
    assert not tab.question_box.isHidden()
    assert "or the magnesium itself" in tab.question_text.text()
    assert visit.plan.products == ()  # nothing is counted until the user answers
    assert "400 mg" in tab.as_elemental_button.text()
    assert "64.8 mg" in tab.as_compound_button.text()
    qtbot.mouseClick(tab.as_elemental_button, Qt.MouseButton.LeftButton)
    assert tab.question_box.isHidden()
    assert len(visit.plan.products) == 1
    assert "400 mg a day" in tab.total_label.text()
    assert "elemental" in tab.products_model.index(0, ProductsModel.HOW).data()

    type_product(qtbot, tab, AMBIGUOUS)
    qtbot.mouseClick(tab.as_compound_button, Qt.MouseButton.LeftButton)
    assert [p.label for p in visit.plan.products][1] == AMBIGUOUS
    assert "464.8 mg a day" in tab.total_label.text()

    type_product(qtbot, tab, AMBIGUOUS)
    qtbot.mouseClick(tab.question_cancel, Qt.MouseButton.LeftButton)
    assert tab.question_box.isHidden() and len(visit.plan.products) == 2


def test_kidney_disease_gives_the_stronger_caution(
    qtbot: QtBot, tab: PlanTab, visit: VisitSession
) -> None:
    adult(visit)
    type_product(qtbot, tab, MILK_OF_MAGNESIA, "1.5")
    assert shown_warnings(tab)["warning-above-upper-limit"].startswith("⚠ Caution:")
    visit.set_conditions(["kidney-disease"])
    warnings = shown_warnings(tab)
    above = warnings["warning-above-upper-limit"]
    assert above.startswith("⛔ Strong caution:")
    assert "With kidney disease, do not take more than the limit" in above
    assert warnings["warning-kidney-disease"].startswith("⛔ Strong caution:")
    # Words and a sign, not colour alone; and the total still says where it stands.
    assert "Above the upper limit" in tab.total_label.text()


def test_remove_and_undo(qtbot: QtBot, tab: PlanTab, visit: VisitSession) -> None:
    type_product(qtbot, tab, GLYCINATE)
    type_product(qtbot, tab, MILK_OF_MAGNESIA)
    assert not tab.remove_button.isEnabled() and not tab.undo_button.isEnabled()
    tab.products_table.selectionModel().select(
        tab.products_model.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert tab.remove_button.isEnabled()
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert [p.label for p in visit.plan.products] == [MILK_OF_MAGNESIA]
    assert tab.undo_button.isEnabled()
    qtbot.mouseClick(tab.undo_button, Qt.MouseButton.LeftButton)
    assert [p.label for p in visit.plan.products] == [GLYCINATE, MILK_OF_MAGNESIA]
    assert not tab.undo_button.isEnabled()


def test_units_a_day_and_the_label_are_edited_in_the_table(
    qtbot: QtBot, tab: PlanTab, visit: VisitSession
) -> None:
    type_product(qtbot, tab, GLYCINATE)
    model = tab.products_model
    assert model.setData(model.index(0, ProductsModel.PER_DAY), "2")
    assert visit.plan.products[0].per_day == 2.0
    assert model.index(0, ProductsModel.MG).data() == "400 mg a day"
    before = visit.plan
    assert not model.setData(model.index(0, ProductsModel.PER_DAY), "-2")
    assert not model.setData(model.index(0, ProductsModel.LABEL), "abc mg")
    assert visit.plan == before
    assert len(visible_messages(tab)) == 1


def test_a_label_from_a_file_that_cannot_be_read_is_shown_not_counted(
    tab: PlanTab, visit: VisitSession
) -> None:
    visit.load(VisitPlan.from_dict({"age": 42, "sex": "female", "products": [GLYCINATE, "Mag-Ox"]}))
    assert tab.products_model.rowCount() == 2
    assert tab.products_model.index(1, ProductsModel.MG).data().startswith("⚠")
    assert "200 mg a day" in tab.total_label.text()
    assert "1 product line is not counted" in tab.total_label.text()


@pytest.mark.parametrize(
    "label, per_day",
    [
        ("", "1"),
        ("   ", "1"),
        ("x" * 10_000, "1"),
        ("abc mg", "1"),
        (GLYCINATE, "-1"),
        (GLYCINATE, "0"),
        (GLYCINATE, "abc"),
        (GLYCINATE, "２"),
        (GLYCINATE, "25"),
        ("Magnesium (as glycinate) ٢٠٠ mg", "1"),
        ("Magnesium (as glycinate) -200 mg", "1"),
        ("Magnesium (as glycinate) 99999 mg", "1"),
        ("Vitamin C 500 mg", "1"),
    ],
    ids=[
        "empty",
        "blank",
        "10k-chars",
        "abc-mg",
        "negative-per-day",
        "zero-per-day",
        "letters-per-day",
        "fullwidth-per-day",
        "too-many-per-day",
        "arabic-digits",
        "negative-mg",
        "huge-mg",
        "not-magnesium",
    ],
)
def test_bad_product_entries_give_one_message_and_change_nothing(
    qtbot: QtBot, tab: PlanTab, visit: VisitSession, label: str, per_day: str
) -> None:
    type_product(qtbot, tab, GLYCINATE)
    before = visit.plan
    line = tab.label_entry.lineEdit()
    assert line is not None
    line.setText(label)
    tab.per_day_entry.setText(per_day)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert visit.plan == before
    messages = visible_messages(tab)
    assert len(messages) == 1 and messages[0].startswith("⚠")
    assert tab.question_box.isHidden()
    # The next good entry clears the message.
    type_product(qtbot, tab, GLYCINATE)
    assert visible_messages(tab) == []


# ----- the person


def test_missing_age_is_said_and_the_button_opens_the_dosage_tab(
    qtbot: QtBot, window: MainWindow, tab: PlanTab
) -> None:
    assert not tab.person_note.isHidden()
    assert "age and sex are not set" in tab.person_note.text()
    assert "adult upper limit" in tab.person_note.text()
    qtbot.mouseClick(tab.dosage_button, Qt.MouseButton.LeftButton)
    assert window.tabs.current_key() == "dosage"


def test_a_person_hides_the_note(tab: PlanTab, visit: VisitSession) -> None:
    adult(visit)
    assert tab.person_note.isHidden() and tab.dosage_button.isHidden()


# ----- the form chooser


def test_choosing_a_form_sets_the_visits_plan(
    qtbot: QtBot, tab: PlanTab, visit: VisitSession
) -> None:
    adult(visit)
    visit.set_symptom("sleep", 6)
    assert "Sleep" in tab.symptoms_note.text()
    assert not tab.use_form_button.isEnabled()
    row = tab.forms_model.row_of("glycinate")
    tab.forms_table.selectionModel().select(
        tab.forms_model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    qtbot.mouseClick(tab.use_form_button, Qt.MouseButton.LeftButton)
    assert visit.plan.plan is not None and visit.plan.plan.form == "glycinate"
    assert "Magnesium glycinate" in tab.chosen_label.text()
    chosen = tab.forms_model.index(tab.forms_model.row_of("glycinate"), 0).data()
    assert "✓" in chosen
    assert tab.clear_form_button.isEnabled()
    qtbot.mouseClick(tab.clear_form_button, Qt.MouseButton.LeftButton)
    assert visit.plan.plan is not None and visit.plan.plan.form == ""


def test_target_doses_and_tolerance_go_into_the_plan(tab: PlanTab, visit: VisitSession) -> None:
    adult(visit)
    assert tab.target.value() == 0 and tab.target.text() == "No target chosen"
    assert "does not choose an amount" in tab.target_note.text()
    tab.target.setValue(400)
    tab.doses.setValue(2)
    tab.tolerance.setCurrentIndex(tab.tolerance.findData("diarrhoea"))
    choice = visit.plan.plan
    assert choice is not None
    assert (choice.target_mg, choice.doses_per_day, choice.tolerance) == (400.0, 2, "diarrhoea")
    assert "400 mg" in tab.target_note.text() and "200 mg each" in tab.target_note.text()
    assert shown_warnings(tab)["warning-target-above-limit"].startswith("⚠ Caution:")
    ranked = [tab.forms_model.form_at(r) for r in range(tab.forms_model.rowCount())]
    high = [f for f in ranked if f.laxative == "high"]
    assert high and all("diarrhea" in f.tolerance_note for f in high)


# ----- the day


def _edit_times(qtbot: QtBot, tab: PlanTab, row: int, text: str) -> None:
    """Type times into the table's editor and commit them, as a user does."""
    view = tab.medicines_table
    index = tab.medicines_model.index(row, MedicineTimesModel.TIMES)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.viewport().findChild(QLineEdit)
    assert editor is not None
    editor.clear()
    if text.isascii() and len(text) < 100:
        qtbot.keyClicks(editor, text)
    else:  # QTest types only what a keyboard layout has, and 10 000 keys take long
        editor.setText(text)
    # What the delegate does on Return (the offscreen window is not active, so keys stay put).
    delegate = view.itemDelegateForIndex(index)
    delegate.commitData.emit(editor)
    delegate.closeEditor.emit(editor)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert view.state() != QAbstractItemView.State.EditingState


def test_fosamax_at_seven_keeps_magnesium_four_hours_away_and_says_why(
    qtbot: QtBot, tab: PlanTab, visit: VisitSession
) -> None:
    adult(visit)
    visit.set_products([ProductChoice(GLYCINATE)])
    visit.set_medicines(["Fosamax"])
    assert "not set (08:00 assumed)" in tab.medicines_model.index(0, 1).data()
    _edit_times(qtbot, tab, 0, "07:00")
    assert visit.plan.medicines == (MedicineChoice("Fosamax", ("07:00",)),)
    model = tab.timetable_model
    rows = [model.row_at(r) for r in range(model.rowCount())]
    doses = [r for r in rows if r.kind == "magnesium"]
    assert len(doses) == 1
    gap = abs(parse_time(doses[0].time) - parse_time("07:00"))
    assert gap >= 4 * 60
    assert "after Fosamax (07:00)" in doses[0].why
    assert "at least 4 hours before magnesium" in doses[0].why
    assert tab.conflicts_label.isHidden()
    # The timeline shows the same day, with the keep-away band named in words.
    assert [m.minute for m in tab.timeline.medicines] == [parse_time("07:00")]
    assert [m.minute for m in tab.timeline.magnesium] == [parse_time(doses[0].time)]
    assert "No magnesium 03:00-11:00 (Fosamax at 07:00)" in tab.timeline.toolTip()


def test_an_impossible_day_says_so(qtbot: QtBot, tab: PlanTab, visit: VisitSession) -> None:
    adult(visit)
    visit.set_products([ProductChoice(GLYCINATE)])
    visit.set_medicines(["tetracycline"])
    _edit_times(qtbot, tab, 0, "00:00, 04:00, 08:00, 12:00, 16:00, 20:00")
    assert not tab.conflicts_label.isHidden()
    assert "No time between 06:00 and 23:00 keeps every spacing rule" in (
        tab.conflicts_label.text()
    )
    assert tab.conflicts_label.text().startswith("⛔ Not placed:")
    model = tab.timetable_model
    assert all(model.row_at(r).kind == "medicine" for r in range(model.rowCount()))
    assert tab.timeline.magnesium == ()


@pytest.mark.parametrize(
    "typed",
    ["25:00", "7", "07:60", "abc", "０７:００", "07:00 " * 20, "x" * 10_000, "-07:00"],
    ids=["hour-25", "no-minutes", "minute-60", "letters", "fullwidth", "too-many", "10k", "minus"],
)
def test_bad_times_give_one_message_and_change_nothing(
    qtbot: QtBot, tab: PlanTab, visit: VisitSession, typed: str
) -> None:
    visit.set_medicines(["Fosamax"])
    _edit_times(qtbot, tab, 0, "07:00")
    before = visit.plan
    _edit_times(qtbot, tab, 0, typed)
    assert visit.plan == before
    messages = visible_messages(tab)
    assert len(messages) == 1 and "Fosamax" in messages[0]
    _edit_times(qtbot, tab, 0, "")
    assert visit.plan.medicines[0].times == ()
    assert visible_messages(tab) == []


def test_the_timeline_scales_with_the_font(qtbot: QtBot) -> None:
    timeline = DayTimeline()
    qtbot.addWidget(timeline)
    small = timeline.minimumSizeHint().height()
    font = QFont(timeline.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    timeline.setFont(font)
    assert timeline.minimumSizeHint().height() > 1.5 * small


# ----- the models, checked by qtmodeltester with real data


def test_the_plan_models(qtmodeltester: ModelTester, tab: PlanTab, visit: VisitSession) -> None:
    visit.load(
        VisitPlan.from_dict(
            {
                "age": 42,
                "sex": "female",
                "symptoms": ["sleep", "pain"],
                "products": [GLYCINATE, MILK_OF_MAGNESIA, "Mag-Ox"],
                "medicines": [{"name": "Fosamax", "times": ["07:00"]}, "omeprazole"],
                "plan": {"form": "glycinate", "doses_per_day": 2},
            }
        )
    )
    for model in (
        tab.products_model,
        tab.forms_model,
        tab.medicines_model,
        tab.timetable_model,
    ):
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)


# ----- pictures to look at


def _fill(visit: VisitSession) -> None:
    visit.load(
        VisitPlan.from_dict(
            {
                "age": 42,
                "sex": "female",
                "symptoms": ["sleep", "pain"],
                "medicines": [
                    {"name": "Fosamax", "times": ["07:00"]},
                    {"name": "gabapentin", "times": ["22:00"]},
                ],
                "conditions": ["kidney-disease"],
                "products": [GLYCINATE, MILK_OF_MAGNESIA],
                "plan": {"form": "glycinate", "doses_per_day": 2},
            }
        )
    )


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_picture_of_the_plan(
    tmp_path: Path, window: MainWindow, tab: PlanTab, visit: VisitSession, theme: str
) -> None:
    window.resize(1200, 900)
    window.theme_actions[theme].trigger()
    _fill(visit)
    QApplication.processEvents()
    pane = tab.findChild(ScrollPane)
    assert pane is not None
    inner = pane.widget()
    inner.resize(inner.width(), inner.sizeHint().height())
    QApplication.processEvents()
    path = tmp_path / f"plan-{theme}.png"
    assert inner.grab().save(str(path))
    assert tab.timeline.grab().save(str(tmp_path / f"timeline-{theme}.png"))
    assert path.stat().st_size > 20_000
    texts = [w.text() for w in inner.findChildren(QLabel) if isinstance(w, QWidget)]
    assert any("Strong caution" in t for t in texts)


def test_an_empty_plan_reads_cleanly(tab: PlanTab, visit: VisitSession) -> None:
    adult(visit)
    assert tab.total_label.text().startswith("No products counted yet. The upper limit")
    assert "No products listed" in shown_warnings(tab)["warning-no-products"]
    assert not tab.remove_button.isEnabled() and tab.remove_button.toolTip()


def test_nothing_chosen_shows_no_dose_and_the_day_holds_the_product(
    qtbot: QtBot, tab: PlanTab, visit: VisitSession
) -> None:
    """#22: with no target chosen the tab invents none; the day places what the patient takes."""
    adult(visit)
    model = tab.timetable_model
    assert all(model.row_at(r).kind != "magnesium" for r in range(model.rowCount()))
    assert tab.timeline.magnesium == ()
    type_product(qtbot, tab, GLYCINATE)
    doses = [model.row_at(r) for r in range(model.rowCount())]
    assert [(r.item.split(":")[0], r.mg) for r in doses if r.kind == "magnesium"] == [
        (GLYCINATE, 200)
    ]
    shown = " ".join(
        [tab.target.text(), tab.target_note.text(), tab.about.text(), *shown_warnings(tab).values()]
    )
    assert "Bagis" not in shown and "300 mg" not in shown and "500 mg" not in shown
