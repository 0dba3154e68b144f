"""Every item model and its proxy, checked by qtmodeltester with the real content."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from mgdesk.store.content_db import ContentDB
from mgdesk.ui.models import (
    FIT_MARK,
    ID_ROLE,
    ROW_MARK,
    SORT_ROLE,
    VISIT_MARK,
    BibliographyModel,
    ChosenMedicine,
    ChosenMedicinesModel,
    FormTableModel,
    IntakeTableModel,
    SymptomListModel,
    UpperLimitTableModel,
    make_proxy,
)
from mgdesk.ui.search_panel import SearchResultsModel


def test_symptom_list_model(qtmodeltester: ModelTester, content: ContentDB) -> None:
    model = SymptomListModel(content.symptoms)
    qtmodeltester.check(model)
    first = content.symptoms[0]
    model.set_in_visit({first.id: 7})
    qtmodeltester.check(model)
    text = model.index(0, 0).data()
    assert text.startswith(VISIT_MARK) and f"grade {first.grade}" in text
    assert "in your visit" in model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    proxy = make_proxy(model)
    proxy.setFilterFixedString("fog")
    qtmodeltester.check(proxy)
    assert [proxy.index(r, 0).data(ID_ROLE) for r in range(proxy.rowCount())] == ["brain-fog"]


def test_form_table_model_marks_fits_without_colour(
    qtmodeltester: ModelTester, content: ContentDB
) -> None:
    names = {s.id: s.name for s in content.symptoms}
    model = FormTableModel(content.forms, names)
    qtmodeltester.check(model)
    model.set_fits({"citrate": ("pain",)})
    model.set_in_visit(["glycinate"])
    qtmodeltester.check(model)
    row = model.row_of("citrate")
    name = model.index(row, FormTableModel.NAME)
    assert name.data().startswith(FIT_MARK)
    assert name.data(Qt.ItemDataRole.FontRole).bold()
    assert "Suggested for" in name.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(model.row_of("glycinate"), 0).data().startswith(VISIT_MARK)
    proxy = make_proxy(model)
    qtmodeltester.check(proxy)
    proxy.sort(FormTableModel.ELEMENTAL, Qt.SortOrder.DescendingOrder)
    values = [
        proxy.index(r, FormTableModel.ELEMENTAL).data(SORT_ROLE) for r in range(proxy.rowCount())
    ]
    assert values == sorted(values, reverse=True)


def test_dosage_models_mark_one_row(qtmodeltester: ModelTester, content: ContentDB) -> None:
    intake = IntakeTableModel(content.dosage.stages)
    limits = UpperLimitTableModel(content.dosage.limits)
    for model in (intake, limits):
        qtmodeltester.check(model)
        model.set_marked_row(1)
        qtmodeltester.check(model)
        assert model.index(1, 0).data().startswith(ROW_MARK)
        assert model.index(1, 0).data(Qt.ItemDataRole.FontRole).bold()
        assert not str(model.index(0, 0).data()).startswith(ROW_MARK)
        qtmodeltester.check(make_proxy(model))


def test_bibliography_model_holds_every_study_and_source(
    qtmodeltester: ModelTester, content: ContentDB
) -> None:
    model = BibliographyModel(content.studies, content.sources)
    qtmodeltester.check(model)
    assert model.rowCount() == len(content.studies) + len(content.sources)
    study = content.studies[0]
    row = model.row_of(study.id)
    assert model.index(row, BibliographyModel.GRADE).data() == study.grade
    qtmodeltester.check(make_proxy(model))


def test_chosen_medicines_model(qtmodeltester: ModelTester) -> None:
    model = ChosenMedicinesModel()
    qtmodeltester.check(model)
    model.set_rows([ChosenMedicine("Fosamax", "alendronate"), ChosenMedicine("x", "unknown")])
    qtmodeltester.check(model)
    assert model.names() == ["Fosamax", "x"]
    qtmodeltester.check(make_proxy(model))


def test_search_results_model_groups_by_kind(
    qtmodeltester: ModelTester, content: ContentDB
) -> None:
    model = SearchResultsModel()
    qtmodeltester.check(model)
    model.set_hits(content.search("magnesium", 30).hits)
    qtmodeltester.check(model)
    assert model.rowCount() >= 2
    kinds = [model.index(r, 0).data(Qt.ItemDataRole.UserRole + 10) for r in range(model.rowCount())]
    assert len(kinds) == len(set(kinds))
    first = model.first_hit_index()
    assert model.hit(first) is not None
    assert model.hit(model.index(0, 0)) is None
    assert model.hit(QModelIndex()) is None
    model.set_hits(())
    qtmodeltester.check(model)
    assert model.rowCount() == 0
