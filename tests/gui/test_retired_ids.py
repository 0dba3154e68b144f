"""A journal entry naming a symptom the content no longer has keeps its rating and says so."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from mgdesk.domain.journal import new_entry
from mgdesk.domain.retired import NO_LONGER, shown_name
from mgdesk.ui.journal.models import EntryTableModel

TODAY = dt.date(2025, 7, 1)


def test_a_retired_symptom_column_is_kept_and_named_as_no_longer_in_the_reference() -> None:
    model = EntryTableModel({"pain": "Pain"}, {})
    entry = new_entry("2025-06-01", "08:00", {"pain": 5, "retired-thing": 4}, today=TODAY)
    model.set_entries([entry.with_id(1)], ["pain"])
    column = model.symptom_columns().index("retired-thing") + 2
    header = model.headerData(column, Qt.Orientation.Horizontal)
    assert header == f"retired-thing ({NO_LONGER})"
    assert model.index(0, column).data() == "4"
    spoken = model.index(0, column).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken == f"retired-thing ({NO_LONGER}): 4 of 10"


def test_shown_name_prefers_the_content_name() -> None:
    assert shown_name({"sleep": "Sleep"}, "sleep") == "Sleep"
    assert shown_name({}, "sleep") == f"sleep ({NO_LONGER})"
