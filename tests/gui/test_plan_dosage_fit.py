"""The Dosage and My plan tables at 100 % and 150 % text in a 1280x800 window: every column
shown whole (no Pregnancy column behind a scroll bar), the long "why" column given the width,
timeline labels off the hatched bands; pictures saved to look at (#22, point 7)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mgdesk.domain.visit import ProductChoice
from mgdesk.ui.dosage.tab import DosageTab
from mgdesk.ui.main_window import MainWindow
from mgdesk.ui.plan.models import RankedFormsModel
from mgdesk.ui.plan.tab import PlanTab
from mgdesk.ui.visit_session import VisitSession
from mgdesk.ui.widgets import FittedTable


def _zoom(window: MainWindow, scale: int) -> None:
    window.resize(1280, 800)
    while window._appearance.text_scale < scale:
        window.zoom_in_action.trigger()


def _save(window: MainWindow, tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.png"
    assert window.grab().save(str(path))
    target = os.environ.get("MGDESK_SHOTS_DIR")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(target) / path.name)


def _fits_across(view: FittedTable) -> bool:
    return view.horizontalHeader().length() <= view.viewport().width() + 1


@pytest.mark.parametrize("scale", [100, 150])
def test_dosage_tables_show_every_column_whole(
    loaded_window: MainWindow, visit: VisitSession, tmp_path: Path, scale: int
) -> None:
    window = loaded_window
    _zoom(window, scale)
    visit.set_person(42, None, "female", False, False)
    tab = window.show_tab("dosage")
    assert isinstance(tab, DosageTab)
    QApplication.processEvents()
    _save(window, tmp_path, f"dosage-{scale}")
    for view in (tab.intake_table, tab.limit_table):
        header = view.horizontalHeader()
        assert _fits_across(view), (scale, header.length(), view.viewport().width())
        for column in range(view.model().columnCount()):
            wanted = max(view.sizeHintForColumn(column), header.sectionSizeHint(column))
            assert header.sectionSize(column) >= wanted, (scale, column)
    headers = [
        tab.intake_table.model().headerData(c, Qt.Orientation.Horizontal)
        for c in range(tab.intake_table.model().columnCount())
    ]
    assert "Pregnancy" in headers
    left = tab.splitter.widget(0)
    assert left.horizontalScrollBar().maximum() == 0  # the left pane's text wraps, uncut


@pytest.mark.parametrize("scale", [100, 150])
def test_my_plan_gives_the_why_column_the_room(
    loaded_window: MainWindow, visit: VisitSession, tmp_path: Path, scale: int
) -> None:
    window = loaded_window
    _zoom(window, scale)
    visit.set_person(42, None, "female", False, False)
    for symptom, rating in (("pain", 7), ("sleep", 6), ("fatigue", 5)):
        visit.set_symptom(symptom, rating)
    visit.set_medicines(["Fosamax", "levothyroxine"])
    visit.set_medicine_times("Fosamax", ("07:00",))
    visit.set_medicine_times("levothyroxine", ("06:30",))
    visit.set_products([ProductChoice("Magnesium (as glycinate) 200 mg")])
    visit.set_plan_choice(target_mg=350.0)
    tab = window.show_tab("plan")
    assert isinstance(tab, PlanTab)
    QApplication.processEvents()
    _save(window, tmp_path, f"plan-{scale}")
    for view in (tab.products_table, tab.forms_table, tab.medicines_table, tab.timetable):
        assert _fits_across(view), (view.accessibleName(), scale)
    forms = tab.forms_table
    why = forms.columnWidth(RankedFormsModel.WHY)
    for column in range(forms.model().columnCount()):
        assert why >= forms.columnWidth(column), column
    assert why >= 1.5 * forms.columnWidth(RankedFormsModel.GRADE)
    # What a narrow cell cannot show whole, its tooltip does.
    model = forms.model()
    for row in range(model.rowCount()):
        for column in (RankedFormsModel.WHY, RankedFormsModel.GRADE):
            shown = model.index(row, column).data()
            assert model.index(row, column).data(Qt.ItemDataRole.ToolTipRole) == shown


@pytest.mark.parametrize("scale", [100, 150])
def test_timeline_labels_keep_off_the_hatched_bands(
    loaded_window: MainWindow, visit: VisitSession, tmp_path: Path, scale: int
) -> None:
    window = loaded_window
    _zoom(window, scale)
    visit.set_medicines(["Fosamax", "levothyroxine", "doxycycline"])
    visit.set_medicine_times("Fosamax", ("07:00",))
    visit.set_medicine_times("levothyroxine", ("06:30",))
    visit.set_medicine_times("doxycycline", ("13:00",))
    visit.set_products([ProductChoice("Magnesium (as glycinate) 200 mg")])
    tab = window.show_tab("plan")
    assert isinstance(tab, PlanTab)
    QApplication.processEvents()
    timeline = tab.timeline
    path = tmp_path / f"timeline-{scale}.png"
    assert timeline.grab().save(str(path))
    assert len(timeline.drawn_bands) >= 3 and timeline.drawn_labels
    for label in timeline.drawn_labels:
        for band in timeline.drawn_bands:
            assert not label.intersects(band), (label, band)
        assert label.left() >= 0 and label.right() <= timeline.width() + 1
