"""The window shows every DOI and PMID: in the Sources dialog and on the study cards."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from mgdesk.store.content_db import ContentDB
from mgdesk.ui.main_window import MainWindow
from mgdesk.ui.symptoms.tab import SymptomsTab


def _identifiers(item: object) -> list[str]:
    pmid = str(getattr(item, "pmid", ""))
    doi = str(getattr(item, "doi", ""))
    return [text for text in (f"PMID {pmid}" if pmid else "", f"doi:{doi}" if doi else "") if text]


def test_the_sources_dialog_shows_each_doi_pmid_and_publisher_kind(
    qtbot: QtBot, window: MainWindow, content: ContentDB
) -> None:
    dialog = window.show_sources()
    items = [*content.studies, *content.sources]
    with_ids = [item for item in items if _identifiers(item)]
    assert any(item in content.sources for item in with_ids)  # sources carry them too
    for item in with_ids:
        assert dialog.select(item.id)
        shown = dialog.detail.text()
        for ident in _identifiers(item):
            assert ident in shown, item.id
    iom = next(s for s in content.sources if s.id == "iom-1997")
    assert dialog.select(iom.id)
    assert "doi:10.17226/5776" in dialog.detail.text()
    assert "Publisher: Professional or expert body." in dialog.detail.text()
    dialog.close()


def test_the_study_cards_show_each_pmid_and_doi(window: MainWindow, content: ContentDB) -> None:
    tab = window.show_tab("symptoms")
    assert isinstance(tab, SymptomsTab)
    checked = 0
    for symptom in content.symptoms:
        assert tab.show_symptom(symptom.id)
        text = " ".join(tab.detail.toPlainText().split())
        for item in content.citations((*symptom.studies, *symptom.sources)):
            for ident in _identifiers(item):
                assert ident in text, (symptom.id, item.id)
                checked += 1
    assert checked > 10
