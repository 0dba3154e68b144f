"""The My visit tab: from chosen symptoms to a saved PDF, the question builder, the draft kept
across restarts, saved visits with undo, every kind of bad input, and an unusable user DB."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from mgdesk.domain.visit import VisitPlan
from mgdesk.store.content_db import ContentDB
from mgdesk.ui.main_window import MainWindow
from mgdesk.ui.settings import Settings
from mgdesk.ui.symptoms.tab import SymptomsTab
from mgdesk.ui.theme import Appearance
from mgdesk.ui.visit.keeper import NOT_KEPT, VisitKeeper
from mgdesk.ui.visit.tab import VisitTab
from mgdesk.ui.visit.views import selected_row
from mgdesk.ui.visit_session import VisitSession

KIDNEY_QUESTION = "Should my kidney function or blood magnesium be checked before I start?"
RENDER_TIMEOUT = 20_000


@pytest.fixture
def tab(qtbot: QtBot, window: MainWindow) -> VisitTab:
    qtbot.waitUntil(lambda: window.visit_keeper.is_started)  # the turn after the first paint
    widget = window.show_tab("visit")
    assert isinstance(widget, VisitTab)
    return widget


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _export(tab: VisitTab, target: Path) -> Path:
    tab.output.choose_export_path = lambda suggested: target  # type: ignore[method-assign]
    saved = tab.export_pdf()
    assert saved == target, tab.output.export_message.text()
    return target


def _keeper(window: MainWindow) -> VisitKeeper:
    return window.visit_keeper


def _select(view: object, row: int) -> None:
    model = view.model()  # type: ignore[attr-defined]
    view.setCurrentIndex(model.index(row, 0))  # type: ignore[attr-defined]


# ----- from symptoms to the PDF


def test_from_choosing_symptoms_to_a_saved_pdf(
    qtbot: QtBot, window: MainWindow, visit: VisitSession, content: ContentDB, tmp_path: Path
) -> None:
    symptoms = window.show_tab("symptoms")
    assert isinstance(symptoms, SymptomsTab)
    assert symptoms.show_symptom("sleep")
    symptoms.rating.setValue(6)
    qtbot.mouseClick(symptoms.add_button, Qt.MouseButton.LeftButton)
    visit.set_conditions(["kidney-disease"])
    visit.set_medicines(["Lasix"])

    tab = window.show_tab("visit")
    assert isinstance(tab, VisitTab)
    tab.name.insert("Zoë Ångström-Nguyễn")  # pasted: QtTest types ASCII only
    qtbot.keyClicks(tab.clinician, "Dr Okafor")
    assert visit.plan.name == "Zoë Ångström-Nguyễn"
    assert tab.symptoms_model.rowCount() == 1
    rating = tab.symptoms_model.index(0, tab.symptoms_model.RATING)
    assert rating.data() == "6 / 10"
    assert tab.symptoms_model.setData(rating, 8)
    assert visit.plan.symptoms[0].rating == 8
    assert "Furosemide" in tab.medicines_text.text() or "Lasix" in tab.medicines_text.text()

    suggested = [
        tab.questions.suggestions_model.suggestion_at(r).question.text
        for r in range(tab.questions.suggestions_model.rowCount())
    ]
    assert KIDNEY_QUESTION in suggested
    _select(tab.questions.suggestions_view, suggested.index(KIDNEY_QUESTION))
    qtbot.mouseClick(tab.questions.add_suggestion, Qt.MouseButton.LeftButton)
    assert [q.text for q in visit.plan.questions] == [KIDNEY_QUESTION]
    assert KIDNEY_QUESTION not in [
        tab.questions.suggestions_model.suggestion_at(r).question.text
        for r in range(tab.questions.suggestions_model.rowCount())
    ]
    qtbot.keyClicks(tab.questions.own_question, "Can I stop if it upsets my stomach?")
    qtbot.keyClick(tab.questions.own_question, Qt.Key.Key_Return)
    qtbot.keyClicks(tab.questions.own_question, "An unticked question about nothing?")
    qtbot.keyClick(tab.questions.own_question, Qt.Key.Key_Return)
    last = tab.questions.questions_model.index(2, 0)
    tab.questions.questions_model.setData(
        last, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert [q.checked for q in visit.plan.questions] == [True, True, False]

    with qtbot.waitSignal(tab.output.preview_ready, timeout=RENDER_TIMEOUT) as ready:
        tab.output.renderer.request(visit.plan, tab.output.current_page_size(), now=True)
    assert ready.args is not None and ready.args[0] == tab.output.document.pageCount() >= 2

    target = _export(tab, tmp_path / "visit.pdf")
    text = _flat(_pdf_text(target))
    assert "Zoë Ångström-Nguyễn" in text
    assert content.symptom("sleep").name in text
    assert "8/10" in text.replace(" ", "") or "8 / 10" in text
    assert _flat(KIDNEY_QUESTION) in text
    assert "Can I stop if it upsets my stomach?" in text
    assert "An unticked question about nothing?" not in text
    assert "Saved the handout" in tab.output.export_message.text()
    assert tab.output.viewer_button.isEnabled()


def test_the_preview_follows_the_visit_without_blocking(
    qtbot: QtBot, tab: VisitTab, visit: VisitSession
) -> None:
    with qtbot.waitSignal(tab.output.preview_ready, timeout=RENDER_TIMEOUT):
        visit.update(notes="first")
    first = tab.output.renderer.latest
    assert first is not None and first.plan.notes == "first"
    with qtbot.waitSignal(tab.output.preview_ready, timeout=RENDER_TIMEOUT):
        visit.update(notes="second")
        visit.update(notes="third")  # typing on: only the last one is shown
    latest = tab.output.renderer.latest
    assert latest is not None and latest.plan.notes == "third"
    assert tab.output.document.pageCount() == latest.pages
    with qtbot.waitSignal(tab.output.preview_ready, timeout=RENDER_TIMEOUT):
        tab.output.page_size.setCurrentIndex(tab.output.page_size.findData("a4"))
    assert tab.output.renderer.latest is not None and tab.output.renderer.latest.page_size == "a4"
    assert "A4" in tab.output.preview_status.text()


def test_unticked_sections_are_left_out_of_the_pdf(
    qtbot: QtBot, tab: VisitTab, visit: VisitSession, tmp_path: Path
) -> None:
    qtbot.keyClicks(tab.notes, "NOTE-MARKER slept four hours")
    visit.set_symptom("sleep", 5)
    assert "NOTE-MARKER" in _pdf_text(_export(tab, tmp_path / "with.pdf"))
    tab.section_boxes["notes"].click()
    assert not visit.plan.includes("notes")
    assert "NOTE-MARKER" not in _pdf_text(_export(tab, tmp_path / "without.pdf"))
    tab.section_boxes["symptoms"].setChecked(False)
    tab.section_boxes["summary"].setChecked(False)
    # The journal's box stays off until a range is chosen, so it is not in the sections either.
    assert visit.plan.sections == ("forms", "interactions", "plan", "questions", "references")
    assert "Sleep" not in _pdf_text(_export(tab, tmp_path / "bare.pdf"))


# ----- the question builder


def test_questions_are_ticked_edited_reordered_and_deleted_with_undo(
    qtbot: QtBot, tab: VisitTab, visit: VisitSession
) -> None:
    for text in ("first?", "second?", "third?"):
        qtbot.keyClicks(tab.questions.own_question, text)
        qtbot.mouseClick(tab.questions.add_own, Qt.MouseButton.LeftButton)
    assert [q.text for q in visit.plan.questions] == ["first?", "second?", "third?"]
    assert not tab.questions.add_own.isEnabled()  # nothing typed: nothing to add

    tab.questions.questions_view.setFocus()
    _select(tab.questions.questions_view, 0)
    qtbot.keyClick(tab.questions.questions_view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [q.text for q in visit.plan.questions] == ["second?", "first?", "third?"]
    assert tab.questions.questions_view.currentIndex().row() == 1
    qtbot.mouseClick(tab.questions.move_up, Qt.MouseButton.LeftButton)
    assert [q.text for q in visit.plan.questions] == ["first?", "second?", "third?"]
    assert not tab.questions.move_up.isEnabled()

    index = tab.questions.questions_model.index(1, 0)
    assert tab.questions.questions_model.setData(index, "second, reworded?")
    assert visit.plan.questions[1].text == "second, reworded?"
    assert tab.questions.questions_model.setData(index, "   ")
    assert visit.plan.questions[1].text == "second, reworded?"
    assert "must not be empty" in tab.questions.questions_message.text()

    _select(tab.questions.questions_view, 1)
    tab.questions.questions_view.setFocus()
    qtbot.keyClick(tab.questions.questions_view, Qt.Key.Key_Delete)
    assert [q.text for q in visit.plan.questions] == ["first?", "third?"]
    qtbot.keyClick(tab.questions.questions_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [q.text for q in visit.plan.questions] == ["first?", "second, reworded?", "third?"]


def test_add_all_suggestions_then_none_are_left(tab: VisitTab, visit: VisitSession) -> None:
    visit.add_form("glycinate")
    count = tab.questions.suggestions_model.rowCount()
    assert count >= 4
    tab.questions.add_all.click()
    assert len(visit.plan.questions) == count
    assert tab.questions.suggestions_model.rowCount() == 0
    assert not tab.questions.add_all.isEnabled()


# ----- the draft and saved visits


def _new_window(qtbot: QtBot, content: ContentDB, qapp: QApplication) -> MainWindow:
    settings = Settings()
    appearance = Appearance(qapp, settings)
    window = MainWindow(content, VisitSession(), settings, appearance)
    window.confirm_first_run_notice = lambda: True  # type: ignore[method-assign]
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.visit_keeper.started):
        window.show()
    return window


def test_the_draft_survives_closing_the_window_without_saving(
    qtbot: QtBot, window: MainWindow, content: ContentDB, qapp: QApplication
) -> None:
    qtbot.waitUntil(lambda: window.visit_keeper.is_started)
    tab = window.show_tab("visit")
    assert isinstance(tab, VisitTab)
    qtbot.keyClicks(tab.name, "Before the crash")
    qtbot.keyClicks(tab.notes, "typed but never saved")
    assert _keeper(window).draft_pending
    window.close()

    again = _new_window(qtbot, content, qapp)
    plan = again._visit.plan
    assert (plan.name, plan.notes) == ("Before the crash", "typed but never saved")
    reopened = again.show_tab("visit")
    assert isinstance(reopened, VisitTab)
    assert reopened.name.text() == "Before the crash"
    assert "Saved automatically" in reopened.notice.text()


def test_an_edited_saved_visit_is_still_that_visit_after_a_restart(
    qtbot: QtBot, window: MainWindow, content: ContentDB, qapp: QApplication
) -> None:
    qtbot.waitUntil(lambda: window.visit_keeper.is_started)
    tab = window.show_tab("visit")
    assert isinstance(tab, VisitTab)
    qtbot.keyClicks(tab.name, "Rita Okoro")
    window.save_visit_action.trigger()
    saved_id = _keeper(window).current_id
    assert saved_id is not None
    qtbot.keyClicks(tab.notes, "edited after saving")
    window.close()

    again = _new_window(qtbot, content, qapp)
    keeper = _keeper(again)
    assert keeper.current_id == saved_id
    assert keeper.is_modified
    reopened = again.show_tab("visit")
    assert isinstance(reopened, VisitTab)
    again.save_visit_action.trigger()
    assert [v.id for v in keeper.saved()] == [saved_id]  # updated, not copied
    store = again.user_data.visits()
    assert store is not None
    assert store.get(saved_id).plan.notes == "edited after saving"


def test_undoing_the_delete_of_the_open_visit_links_the_draft_to_it_again(
    qtbot: QtBot, window: MainWindow, content: ContentDB, qapp: QApplication
) -> None:
    qtbot.waitUntil(lambda: window.visit_keeper.is_started)
    tab = window.show_tab("visit")
    assert isinstance(tab, VisitTab)
    qtbot.keyClicks(tab.name, "Rita Okoro")
    window.save_visit_action.trigger()
    saved_id = _keeper(window).current_id
    qtbot.keyClicks(tab.notes, "edited after saving")  # no longer an unchanged copy
    _keeper(window).flush()
    _select(tab.saved.saved_view, 0)
    qtbot.mouseClick(tab.saved.delete_button, Qt.MouseButton.LeftButton)
    assert _keeper(window).current_id is None
    qtbot.mouseClick(tab.saved.undo_button, Qt.MouseButton.LeftButton)
    assert _keeper(window).current_id == saved_id
    window.close()  # no typing since the undo: only the link changed

    again = _new_window(qtbot, content, qapp)
    assert _keeper(again).current_id == saved_id and _keeper(again).is_modified
    again.save_visit_action.trigger()
    assert [v.id for v in _keeper(again).saved()] == [saved_id]  # not a copy


def test_the_draft_is_saved_after_a_pause_in_typing(
    qtbot: QtBot, tab: VisitTab, window: MainWindow
) -> None:
    keeper = _keeper(window)
    qtbot.keyClicks(tab.name, "pause")
    assert keeper.draft_pending
    qtbot.waitUntil(lambda: not keeper.draft_pending, timeout=5000)
    store = window.user_data.visits()
    assert store is not None
    draft = store.load_draft()
    assert draft is not None and draft.name == "pause"


def test_save_then_delete_a_visit_and_undo_brings_it_back(
    qtbot: QtBot, tab: VisitTab, window: MainWindow, visit: VisitSession
) -> None:
    qtbot.keyClicks(tab.name, "Rita Okoro")
    window.save_visit_action.trigger()
    assert tab.saved.saved_model.rowCount() == 1
    assert "open now" in tab.saved.saved_model.index(0, 0).data()
    assert "as saved" in tab.saved.current_label.text()

    _select(tab.saved.saved_view, 0)
    qtbot.mouseClick(tab.saved.delete_button, Qt.MouseButton.LeftButton)
    assert tab.saved.saved_model.rowCount() == 0
    assert "Undo" in tab.saved.saved_message.text()
    assert visit.plan.name == "Rita Okoro"  # the visit on screen stays
    qtbot.mouseClick(tab.saved.undo_button, Qt.MouseButton.LeftButton)
    assert tab.saved.saved_model.rowCount() == 1
    assert tab.saved.saved_model.summary_at(0).name == "Rita Okoro"
    assert _keeper(window).current_id == tab.saved.saved_model.summary_at(0).id


def test_rename_and_duplicate_a_saved_visit(
    qtbot: QtBot, tab: VisitTab, window: MainWindow, visit: VisitSession
) -> None:
    qtbot.keyClicks(tab.name, "GP")
    _keeper(window).save()
    _select(tab.saved.saved_view, 0)
    qtbot.mouseClick(tab.saved.duplicate_button, Qt.MouseButton.LeftButton)
    assert [tab.saved.saved_model.summary_at(r).name for r in range(2)] == ["GP", "GP"]
    assert "Copied" in tab.saved.saved_message.text()
    original = _keeper(window).current_id
    copy_row = next(r for r in range(2) if tab.saved.saved_model.summary_at(r).id != original)
    assert selected_row(tab.saved.saved_view) == copy_row  # the copy is chosen, to rename it

    index = tab.saved.saved_model.index(copy_row, 0)
    assert tab.saved.saved_model.setData(index, "Gina Park")
    names = sorted(tab.saved.saved_model.summary_at(r).name for r in range(2))
    assert names == ["GP", "Gina Park"]
    assert visit.plan.name == "GP"  # the open visit was not the one renamed

    bad = tab.saved.saved_model.index(
        tab.saved.saved_model.row_of(tab.saved.saved_model.summary_at(0).id), 0
    )
    tab.saved.saved_model.setData(bad, "x" * 10_000)
    assert "too long" in tab.saved.saved_message.text()
    assert sorted(tab.saved.saved_model.summary_at(r).name for r in range(2)) == names

    _keeper(window).undo_stack.undo()  # the rename
    assert sorted(tab.saved.saved_model.summary_at(r).name for r in range(2)) == ["GP", "GP"]
    _keeper(window).undo_stack.undo()  # the copy
    assert tab.saved.saved_model.rowCount() == 1

    open_row = tab.saved.saved_model.index(0, 0)
    assert tab.saved.saved_model.setData(open_row, "Gail Price")
    assert visit.plan.name == "Gail Price"  # renaming the open visit renames what prints


def test_new_visit_keeps_the_current_one_and_undo_brings_it_back(
    qtbot: QtBot, tab: VisitTab, window: MainWindow, visit: VisitSession
) -> None:
    visit.set_person(42, None, "female", False, False)
    qtbot.keyClicks(tab.name, "Maria Chen")
    visit.set_symptom("fatigue", 7)
    window.new_visit_action.trigger()
    assert visit.plan == VisitPlan(age=42, sex="female")
    assert tab.name.text() == ""
    assert (
        tab.saved.saved_model.rowCount() == 1
        and tab.saved.saved_model.summary_at(0).name == "Maria Chen"
    )
    assert "kept in your saved visits" in window.statusBar().currentMessage()

    _keeper(window).undo_stack.undo()
    assert visit.plan.name == "Maria Chen" and visit.plan.symptoms[0].id == "fatigue"
    assert tab.name.text() == "Maria Chen"

    _keeper(window).undo_stack.redo()
    _select(tab.saved.saved_view, 0)
    qtbot.mouseClick(tab.saved.open_button, Qt.MouseButton.LeftButton)
    assert visit.plan.name == "Maria Chen"
    assert "as saved" in tab.saved.current_label.text()


def test_open_from_the_file_menu_focuses_the_saved_visits(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.visit_keeper.is_started)
    window.open_visit_action.trigger()
    tab = window.tabs.content("visit")
    assert isinstance(tab, VisitTab)
    assert window.tabs.current_key() == "visit"
    assert tab.saved.saved_view.hasFocus() or QApplication.focusWidget() is tab.saved.saved_view
    assert "No saved visits yet" in tab.saved.saved_message.text()


# ----- the person is shared with the Dosage tab


def test_age_and_sex_are_the_dosage_tabs_fields(
    qtbot: QtBot, window: MainWindow, tab: VisitTab, visit: VisitSession
) -> None:
    qtbot.keyClicks(tab.age, "42")
    assert "female or male" in tab.message
    assert visit.plan.age is None
    tab.sex.setCurrentIndex(tab.sex.findData("female"))
    assert (visit.plan.age, visit.plan.sex) == (42, "female")
    assert tab.message == ""
    dosage = window.show_tab("dosage")
    assert dosage.age.text() == "42"  # type: ignore[attr-defined]
    assert dosage.female.isChecked()  # type: ignore[attr-defined]
    dosage.age.setText("55")  # type: ignore[attr-defined]
    assert tab.age.text() == "55"
    tab.age.setText("250")
    assert "age must be a whole number from 0 to" in tab.message
    assert visit.plan.age == 55


# ----- bad input: one message, nothing changed


def test_a_ten_thousand_character_name_is_refused(
    qtbot: QtBot, tab: VisitTab, visit: VisitSession
) -> None:
    qtbot.keyClicks(tab.name, "Kept")
    tab.name.setText("n" * 10_000)
    assert visit.plan.name == "Kept"
    assert tab.message.count("⚠") == 1
    assert "at most 200 characters" in tab.message
    tab.name.setText("Kept again")
    assert visit.plan.name == "Kept again" and tab.message == ""


def test_control_characters_are_refused(tab: VisitTab, visit: VisitSession) -> None:
    tab.clinician.setText("Dr\x00Evil")
    assert visit.plan.clinician == ""
    assert "control character (U+0000)" in tab.message
    tab.questions.own_question.setText("why\x07?")
    tab.questions.add_own_question()
    assert visit.plan.questions == ()
    assert "control character (U+0007)" in tab.questions.questions_message.text()


def test_a_date_out_of_range_is_refused(tab: VisitTab, visit: VisitSession) -> None:
    good = QDate.currentDate().addDays(14)
    tab.date.setDate(good)
    assert visit.plan.date == good.toString("yyyy-MM-dd")
    tab.date.setDate(QDate(1950, 1, 1))
    assert visit.plan.date == good.toString("yyyy-MM-dd")
    assert "within 10 years of today" in tab.message
    tab.clear_date.click()
    assert visit.plan.date == "" and tab.message == ""


def test_an_unwritable_target_says_so_and_keeps_the_earlier_file(
    qtbot: QtBot, tab: VisitTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "no-such-folder" / "visit.pdf"
    assert not tab.output.export_to(missing)
    assert "does not exist" in tab.output.export_message.text()
    assert not missing.parent.exists()

    earlier = tmp_path / "visit.pdf"
    earlier.write_bytes(b"%PDF-1.4 the earlier handout")

    def full_disk(*_args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("mgdesk.store.files.os.replace", full_disk)
    assert not tab.output.export_to(earlier)
    message = tab.output.export_message.text()
    assert message.count("⚠") == 1 and "No space left on device" in message
    assert "earlier file there is unchanged" in message
    assert earlier.read_bytes() == b"%PDF-1.4 the earlier handout"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
    assert not tab.output.viewer_button.isEnabled()


# ----- the user DB cannot be used


def test_an_unusable_user_db_still_lets_the_tab_work_and_says_nothing_is_kept(
    qtbot: QtBot,
    data_dir: Path,
    content: ContentDB,
    qapp: QApplication,
    tmp_path: Path,
) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "user.sqlite").write_bytes(b"this is not a database " * 200)
    window = _new_window(qtbot, content, qapp)
    tab = window.show_tab("visit")
    assert isinstance(tab, VisitTab)
    assert NOT_KEPT in tab.notice.text()
    qtbot.keyClicks(tab.name, "Only for today")
    assert window._visit.plan.name == "Only for today"
    assert not tab.saved.save_button.isEnabled()
    assert "cannot be used" in tab.saved.save_button.toolTip()
    window.save_visit_action.trigger()
    assert "cannot be saved" in window.statusBar().currentMessage()
    assert "Only for today" in _pdf_text(_export(tab, tmp_path / "today.pdf"))
    window.close()  # nothing to flush, nothing raised


# ----- print and the viewer


def test_print_goes_through_the_dialog_and_the_viewer_gets_the_file(
    qtbot: QtBot, tab: VisitTab, visit: VisitSession, tmp_path: Path
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    visit.update(name="Printed")
    printed = tmp_path / "printed.pdf"

    def to_file(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    tab.output.exec_print_dialog = to_file  # type: ignore[method-assign,assignment]
    assert tab.print_handout()
    assert (
        len(PdfReader(printed).pages) == tab.output.renderer.render_now(visit.plan, "letter").pages
    )

    tab.output.exec_print_dialog = lambda printer: False  # type: ignore[method-assign,assignment]
    assert not tab.print_handout()
    assert "canceled" in tab.output.export_message.text()

    opened: list[str] = []
    tab.output.open_url = lambda url: opened.append(url.toLocalFile()) or True  # type: ignore[method-assign,assignment,func-returns-value]
    assert not tab.output.viewer_button.isEnabled()
    target = _export(tab, tmp_path / "for-viewer.pdf")
    qtbot.mouseClick(tab.output.viewer_button, Qt.MouseButton.LeftButton)
    assert opened == [str(target)]


def test_the_tab_filled_in_looks_right(
    qtbot: QtBot, window: MainWindow, tab: VisitTab, visit: VisitSession
) -> None:
    visit.set_person(47, None, "female", False, False)
    visit.set_symptom("pain", 7)
    visit.set_symptom("sleep", 6)
    visit.add_form("glycinate")
    visit.set_medicines(["Lasix", "Fosamax"])
    visit.set_conditions(["kidney-disease"])
    tab.name.setText("Zoë Ångström-Nguyễn")
    tab.clinician.setText("Dr Okafor")
    tab.date.setDate(QDate.currentDate().addDays(10))
    tab.questions.add_all.click()
    tab.notes.setPlainText("Sleep worse since the winter.")
    window.resize(1400, 900)
    with qtbot.waitSignal(tab.output.preview_ready, timeout=RENDER_TIMEOUT):
        tab.output.renderer.request(visit.plan, tab.output.current_page_size(), now=True)
    qtbot.waitUntil(lambda: _drawn(tab.output.preview.viewport().grab().toImage()), timeout=10_000)
    window.grab().save("/tmp/visit-tab-shot.png")
    tab.left.ensureWidgetVisible(tab.questions.questions_view)
    window.grab().save("/tmp/visit-tab-questions.png")
    tab.left.ensureWidgetVisible(tab.saved.saved_view)
    window.grab().save("/tmp/visit-tab-saved.png")
    assert tab.output.document.pageCount() >= 2


def _drawn(image: QImage) -> bool:
    """Whether the preview shows ink (QPdfView paints its pages in the background)."""
    dark = image.scaled(80, 80).convertToFormat(QImage.Format.Format_Grayscale8)
    return any(dark.pixelColor(x, y).value() < 100 for x in range(80) for y in range(80))


def test_the_window_and_the_command_line_print_the_same_handout(
    qtbot: QtBot, tab: VisitTab, visit: VisitSession, tmp_path: Path
) -> None:
    from mgdesk.cli import main

    visit.set_person(47, None, "female", False, False)
    visit.set_symptom("fatigue", 4)
    visit.set_medicines(["Fosamax"])
    tab.name.setText("Zoë Ångström-Nguyễn")
    tab.questions.own_question.setText("Is 200 mg enough?")
    tab.questions.add_own_question()
    tab.output.page_size.setCurrentIndex(tab.output.page_size.findData("a4"))
    from_window = _export(tab, tmp_path / "window.pdf")
    visit_file = tmp_path / "visit.json"
    visit_file.write_text(visit.plan.to_json(), encoding="utf-8")
    from_cli = tmp_path / "cli.pdf"
    assert (
        main(["handout", "--from", str(visit_file), "--page-size", "a4", "-o", str(from_cli)]) == 0
    )
    assert _pdf_text(from_window) == _pdf_text(from_cli)


def test_the_user_db_is_not_opened_before_the_first_paint(
    qtbot: QtBot, content: ContentDB, qapp: QApplication
) -> None:
    settings = Settings()
    window = MainWindow(content, VisitSession(), settings, Appearance(qapp, settings))
    window.confirm_first_run_notice = lambda: True  # type: ignore[method-assign]
    qtbot.addWidget(window)
    window.show_tab("visit")  # even the My visit tab on screen at start-up waits for the paint
    assert not window.visit_keeper.is_started and window.user_data._db is None
    with qtbot.waitSignal(window.visit_keeper.started):
        window.show()
    assert window.user_data._db is not None


# ----- "Since my last visit": the journal in the window's handout


def test_ticking_the_journal_prints_since_my_last_visit(
    tab: VisitTab, visit: VisitSession, window: MainWindow, tmp_path: Path
) -> None:
    import datetime as dt

    from mgdesk.domain.journal import new_entry

    store = window.user_data.journal()
    assert store is not None
    today = dt.date.today()
    for days_ago, pain in ((20, 8), (10, 6), (2, 4)):
        day = today - dt.timedelta(days=days_ago)
        store.add(new_entry(day.isoformat(), "09:00", {"pain": pain}, {"glycinate": 200}))

    box = tab.section_boxes["journal"]
    assert not box.isChecked() and not tab.journal_from.isEnabled()  # no range yet: not printed
    box.setChecked(True)
    journal = visit.plan.journal
    assert journal is not None and journal.end == today
    assert (journal.end - journal.start).days == 89
    assert tab.journal_from.isEnabled()

    text = _flat(_pdf_text(_export(tab, tmp_path / "with-journal.pdf")))
    assert "Since my last visit" in text

    box.setChecked(False)
    assert "Since my last visit" not in _flat(_pdf_text(_export(tab, tmp_path / "without.pdf")))


def test_a_journal_range_backwards_is_refused(tab: VisitTab, visit: VisitSession) -> None:
    tab.section_boxes["journal"].setChecked(True)
    tab.journal_from.setDate(QDate(2026, 1, 1))
    good = visit.plan.journal
    assert good is not None and good.start.isoformat() == "2026-01-01"
    tab.journal_to.setDate(QDate(2025, 6, 1))
    assert "after its last day" in tab.message
    assert visit.plan.journal == good
