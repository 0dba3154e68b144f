"""The Forms tab: sort by clicking headers, filter, select a form, add it, follow a symptom."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QStyle
from pytestqt.qtbot import QtBot

from mgdesk.store.content_db import ContentDB
from mgdesk.ui.forms.tab import FormsTab
from mgdesk.ui.main_window import MainWindow
from mgdesk.ui.models import FIT_MARK, ID_ROLE, FormTableModel
from mgdesk.ui.symptoms.tab import SymptomsTab
from mgdesk.ui.visit_session import VisitSession


def _tab(window: MainWindow) -> FormsTab:
    tab = window.show_tab("forms")
    assert isinstance(tab, FormsTab)
    return tab


def _column(tab: FormsTab, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> list[object]:
    return [tab.proxy.index(r, column).data(role) for r in range(tab.proxy.rowCount())]


def _click_header(qtbot, tab: FormsTab, column: int) -> None:
    header = tab.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def test_the_table_compares_every_form(window: MainWindow, content: ContentDB) -> None:
    tab = _tab(window)
    assert tab.proxy.rowCount() == len(content.forms)
    headers = [
        tab.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(tab.proxy.columnCount())
    ]
    assert headers == list(FormTableModel.HEADERS)
    citrate = content.form("citrate")
    row = _column(tab, 0, ID_ROLE).index("citrate")
    assert (
        tab.proxy.index(row, FormTableModel.ELEMENTAL).data() == f"{citrate.elemental_percent:g} %"
    )
    assert tab.proxy.index(row, FormTableModel.GRADE).data() == citrate.grade
    assert tab.proxy.index(row, FormTableModel.LAXATIVE).data() == citrate.laxative.capitalize()
    for symptom_id in citrate.suggested_for:
        assert (
            content.symptom(symptom_id).name in tab.proxy.index(row, FormTableModel.BEST_FOR).data()
        )


def test_clicking_headers_sorts(qtbot: QtBot, window: MainWindow) -> None:
    tab = _tab(window)
    _click_header(qtbot, tab, FormTableModel.ELEMENTAL)
    first = _column(tab, FormTableModel.ELEMENTAL, Qt.ItemDataRole.UserRole + 1)
    assert first in (sorted(first), sorted(first, reverse=True))
    _click_header(qtbot, tab, FormTableModel.ELEMENTAL)
    second = _column(tab, FormTableModel.ELEMENTAL, Qt.ItemDataRole.UserRole + 1)
    assert second == list(reversed(first))
    _click_header(qtbot, tab, FormTableModel.GRADE)
    grades = _column(tab, FormTableModel.GRADE)
    assert grades in (sorted(grades), sorted(grades, reverse=True))


def test_filter_by_name_or_symptom(qtbot: QtBot, window: MainWindow, content: ContentDB) -> None:
    tab = _tab(window)
    qtbot.keyClicks(tab.filter, "glycin")
    assert _column(tab, 0, ID_ROLE) == ["glycinate"]
    tab.filter.clear()
    qtbot.keyClicks(tab.filter, "brain fog")
    expected = {f.id for f in content.forms if "brain-fog" in f.suggested_for}
    assert set(_column(tab, 0, ID_ROLE)) == expected


def test_selecting_a_row_shows_the_form_and_it_can_be_added(
    qtbot: QtBot, window: MainWindow, content: ContentDB, visit: VisitSession
) -> None:
    tab = _tab(window)
    row = _column(tab, 0, ID_ROLE).index("oxide")
    rect = tab.table.visualRect(tab.proxy.index(row, 0))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    oxide = content.form("oxide")
    text = tab.detail.toPlainText()
    assert oxide.name in text and oxide.compound in text and oxide.cautions in text
    assert f"Evidence {oxide.grade}" in text
    for study_id in oxide.studies:
        assert f"Grade {content.study(study_id).grade}" in text
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert visit.plan.forms == ("oxide",)
    assert tab.proxy.index(row, 0).data().startswith("✓")
    assert not tab.add_button.isEnabled()
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert visit.plan.forms == ()


def test_a_symptom_link_opens_the_symptoms_tab(
    qtbot: QtBot, window: MainWindow, content: ContentDB
) -> None:
    tab = _tab(window)
    tab.show_form("glycinate")
    tab.detail.setFocus()
    for _ in range(40):  # past the glossary links, which come first in the text
        qtbot.keyClick(tab.detail, Qt.Key.Key_Tab)
        if tab.detail.textCursor().charFormat().anchorHref().startswith("symptom:"):
            break
    qtbot.keyClick(tab.detail, Qt.Key.Key_Return)
    assert window.tabs.current_key() == "symptoms"
    symptoms = window.tab("symptoms")
    assert isinstance(symptoms, SymptomsTab)
    current = symptoms.current_symptom
    assert current is not None and current.id == content.form("glycinate").suggested_for[0]


def test_forms_fitting_the_selected_symptom_are_bold_and_starred(
    window: MainWindow, content: ContentDB
) -> None:
    symptoms = window.tab("symptoms")
    assert isinstance(symptoms, SymptomsTab)
    symptoms.show_symptom("migraine")
    tab = _tab(window)
    expected = {f.form for f in content.symptom("migraine").forms}
    for row, form_id in enumerate(_column(tab, 0, ID_ROLE)):
        index = tab.proxy.index(row, FormTableModel.NAME)
        fits = form_id in expected
        assert str(index.data()).startswith(FIT_MARK) == fits
        font = index.data(Qt.ItemDataRole.FontRole)
        assert (font is not None and font.bold()) == fits
    assert content.symptom("migraine").name in tab.fit_note.text()


def test_the_symptoms_in_the_visit_mark_their_forms_in_words(
    window: MainWindow, content: ContentDB, visit: VisitSession
) -> None:
    symptoms = window.tab("symptoms")
    assert isinstance(symptoms, SymptomsTab)
    symptoms.list.clearSelection()  # only the visit's symptoms count here
    visit.set_symptom("sleep", 6)
    tab = _tab(window)
    expected = {f.form for f in content.symptom("sleep").forms}
    assert expected
    name = content.symptom("sleep").name
    for row, form_id in enumerate(_column(tab, 0, ID_ROLE)):
        mark = tab.proxy.index(row, FormTableModel.NAME).data()
        words = tab.proxy.index(row, FormTableModel.FOR_YOU).data()
        assert str(mark).startswith(FIT_MARK) == (form_id in expected)
        assert (name in str(words)) == (form_id in expected)
    assert name in tab.fit_note.text()
    visit.remove_symptom("sleep")
    assert not any(str(m).startswith(FIT_MARK) for m in _column(tab, FormTableModel.NAME))


def _cell_fits(tab: FormsTab, row: int, column: int) -> bool:
    """The cell's text, wrapped at the column's width, fits inside the row's height."""
    table = tab.table
    text = str(tab.proxy.index(row, column).data())
    font = tab.proxy.index(row, column).data(Qt.ItemDataRole.FontRole) or table.font()
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
    width = table.columnWidth(column) - 2 * margin  # as the item delegate lays text out
    needed = QFontMetrics(font).boundingRect(
        QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), text
    )
    return needed.width() <= width and needed.height() <= table.rowHeight(row)


@pytest.mark.parametrize("scale", [100, 150])
def test_the_table_fits_its_text_and_the_width(
    window: MainWindow, visit: VisitSession, scale: int
) -> None:
    visit.set_symptom("pain", 7)
    window.resize(1280, 800)
    while window._appearance.text_scale < scale:
        window.zoom_in_action.trigger()
    tab = _tab(window)
    QApplication.processEvents()
    QApplication.processEvents()
    table = tab.table
    header = table.horizontalHeader()
    assert abs(header.length() - table.viewport().width()) <= 2  # no blank third, no scroll bar
    for row in range(tab.proxy.rowCount()):
        assert "…" not in str(tab.proxy.index(row, FormTableModel.ABSORPTION).data())
        for column in range(tab.proxy.columnCount()):
            assert _cell_fits(tab, row, column), (row, column, scale)
    metrics = header.fontMetrics()
    for column in range(tab.proxy.columnCount()):
        title = str(tab.proxy.headerData(column, Qt.Orientation.Horizontal))
        assert metrics.horizontalAdvance(title) <= header.sectionSize(column), title
