"""The Symptoms tab as a user drives it: filter, select, read, rate, add, follow a form."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from mgdesk.domain.visit import SymptomChoice
from mgdesk.store.content_db import ContentDB
from mgdesk.ui.forms.tab import FormsTab
from mgdesk.ui.main_window import MainWindow
from mgdesk.ui.models import ID_ROLE
from mgdesk.ui.symptoms.tab import SymptomsTab
from mgdesk.ui.visit_session import VisitSession


def _tab(window: MainWindow) -> SymptomsTab:
    tab = window.show_tab("symptoms")
    assert isinstance(tab, SymptomsTab)
    return tab


def _shown_ids(tab: SymptomsTab) -> list[str]:
    return [str(tab.proxy.index(r, 0).data(ID_ROLE)) for r in range(tab.proxy.rowCount())]


def test_the_list_filters_as_you_type(qtbot: QtBot, window: MainWindow, content: ContentDB) -> None:
    tab = _tab(window)
    assert _shown_ids(tab) == [s.id for s in content.symptoms]
    qtbot.keyClicks(tab.filter, "sleep")
    assert _shown_ids(tab) == ["sleep"]
    tab.filter.clear()
    qtbot.keyClicks(tab.filter, "TENDER")  # an alias of widespread pain, any case
    assert _shown_ids(tab) == ["pain"]
    tab.filter.clear()
    qtbot.keyClicks(tab.filter, "zzz no such symptom")
    assert _shown_ids(tab) == []


def test_selecting_a_symptom_shows_it_in_full(
    qtbot: QtBot, window: MainWindow, content: ContentDB
) -> None:
    tab = _tab(window)
    row = [s.id for s in content.symptoms].index("sleep")
    rect = tab.list.visualRect(tab.proxy.index(row, 0))
    qtbot.mouseClick(tab.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    sleep = content.symptom("sleep")
    assert tab.current_symptom == sleep
    text = tab.detail.toPlainText()
    assert sleep.name in text
    assert sleep.summary in text
    assert sleep.consumer in text
    assert "Mechanism (certainty:" in text
    assert f"Evidence {sleep.grade}" in text  # the badge says its letter, not only a colour
    for study_id in sleep.studies:
        study = content.study(study_id)
        assert f"Grade {study.grade}" in text
        assert study.design in text and study.size in text
        if study.caveat:
            assert study.caveat in text
    for suggestion in sleep.forms:
        assert content.form(suggestion.form).name in text
        assert suggestion.why in text
    assert "Sources" in text
    if not sleep.fm_evidence:
        assert "No study of this symptom was in people with fibromyalgia." in text


def test_add_to_visit_with_a_rating_then_update_and_remove(
    qtbot: QtBot, window: MainWindow, visit: VisitSession
) -> None:
    tab = _tab(window)
    assert tab.show_symptom("fatigue")
    tab.rating.setFocus()
    tab.rating.selectAll()
    qtbot.keyClicks(tab.rating, "7")
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert visit.plan.symptoms == (SymptomChoice("fatigue", 7),)
    assert "rated 7/10" in tab.visit_state.text()
    assert "My visit: 1 symptom" in window.visit_summary.text()

    tab.rating.selectAll()
    qtbot.keyClicks(tab.rating, "3")
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert visit.plan.symptoms == (SymptomChoice("fatigue", 3),)

    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert visit.plan.symptoms == ()
    assert not tab.remove_button.isEnabled()


def test_a_symptom_can_be_added_unrated(
    qtbot: QtBot, window: MainWindow, visit: VisitSession
) -> None:
    tab = _tab(window)
    tab.show_symptom("sleep")
    assert tab.rating.text() == "not rated"
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert visit.plan.symptoms == (SymptomChoice("sleep", None),)


def test_a_suggested_form_opens_in_the_forms_tab_by_keyboard(
    qtbot: QtBot, window: MainWindow, content: ContentDB
) -> None:
    tab = _tab(window)
    tab.show_symptom("sleep")
    wanted = content.symptom("sleep").forms[0].form
    tab.detail.setFocus()
    for _ in range(40):  # past the glossary links, to the first form link
        qtbot.keyClick(tab.detail, Qt.Key.Key_Tab)
        if tab.detail.textCursor().charFormat().anchorHref().startswith("form:"):
            break
    qtbot.keyClick(tab.detail, Qt.Key.Key_Return)
    assert window.tabs.current_key() == "forms"
    forms = window.tab("forms")
    assert isinstance(forms, FormsTab)
    assert forms.current_form is not None and forms.current_form.id == wanted


def test_selecting_several_symptoms_marks_their_forms(
    qtbot: QtBot, window: MainWindow, content: ContentDB
) -> None:
    tab = _tab(window)
    ids = [s.id for s in content.symptoms]
    selection = tab.list.selectionModel()
    selection.clearSelection()
    for symptom_id in ("sleep", "brain-fog"):
        index = tab.proxy.index(ids.index(symptom_id), 0)
        selection.select(index, QItemSelectionModel.SelectionFlag.Select)
    forms = window.tab("forms")
    assert isinstance(forms, FormsTab)
    expected = {f.form for sid in ("sleep", "brain-fog") for f in content.symptom(sid).forms}
    marked = {f.id for f in content.forms if forms.model.fits(f.id)}
    assert marked == expected
    assert "Sleep problems" in forms.fit_note.text()


def test_the_symptom_shown_stays_highlighted_through_filtering(
    qtbot: QtBot, window: MainWindow
) -> None:
    tab = _tab(window)
    tab.show_symptom("fatigue")
    assert tab.selected_ids() == ["fatigue"]
    qtbot.keyClicks(tab.filter, "slee")  # hides fatigue: the one left is shown and highlighted
    assert tab.current_symptom is not None and tab.current_symptom.id == "sleep"
    assert tab.selected_ids() == ["sleep"]
    tab.filter.clear()  # every row back: the one shown is still the highlighted one
    assert tab.current_symptom.id == "sleep" and tab.selected_ids() == ["sleep"]
    current = tab.list.currentIndex()
    assert current.data(ID_ROLE) == "sleep"
    assert tab.list.selectionModel().isSelected(current)


def test_a_study_card_says_once_who_was_studied(window: MainWindow, content: ContentDB) -> None:
    tab = _tab(window)
    tab.show_symptom("pain")
    text = tab.detail.toPlainText()
    assert "fibromyalgia. People with fibromyalgia" not in text
    for study_id in content.symptom("pain").studies:
        study = content.study(study_id)
        if study.fibromyalgia and "fibromyalgia" in study.population.lower():
            assert study.population in text
