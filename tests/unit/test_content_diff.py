"""The pure "what changed" comparison of two content versions."""

from __future__ import annotations

from mgdesk.domain.content_diff import diff


def _records(**kinds: dict[str, dict[str, object]]) -> dict[str, dict[str, dict[str, object]]]:
    return dict(kinds)


def test_added_removed_grade_spacing_and_text_changes_are_named() -> None:
    old = _records(
        study={"a": {"id": "a", "short_name": "A 2001", "grade": "C"}},
        symptom={"sleep": {"id": "sleep", "name": "Sleep", "consumer": "x", "grade": "C"}},
        group={"g": {"id": "g", "name": "G", "before_hours": 2, "after_hours": 2}},
    )
    new = _records(
        study={
            "a": {"id": "a", "short_name": "A 2001", "grade": "D"},
            "b": {"id": "b", "short_name": "B 2020", "grade": "C"},
        },
        symptom={"sleep": {"id": "sleep", "name": "Sleep", "consumer": "y", "grade": "C"}},
        group={"g": {"id": "g", "name": "G", "before_hours": 4, "after_hours": 2}},
    )
    found = {(c.kind, c.id, c.change, c.detail) for c in diff(old, new)}
    assert found == {
        ("study", "a", "grade", "grade C → D"),
        ("study", "b", "added", "added"),
        ("symptom", "sleep", "changed", "changed: advice for patients"),
        ("group", "g", "spacing", "before hours 2 → 4"),
    }
    assert {(c.kind, c.change) for c in diff(new, old)} >= {("study", "removed")}


def test_dosage_rows_are_compared_by_label_and_equal_content_has_no_changes() -> None:
    table = {"stages": [{"label": "31–50 years", "female": 320}], "limits": []}
    changed = {"stages": [{"label": "31–50 years", "female": 310}], "limits": []}
    old = _records(dosage={"dosage": table})
    assert diff(old, old) == []
    (change,) = diff(old, _records(dosage={"dosage": changed}))
    assert (change.kind, change.title, change.change) == ("dosage", "31–50 years", "changed")


def test_a_visit_naming_a_retired_symptom_prints_without_it_and_says_so(content) -> None:  # type: ignore[no-untyped-def]
    from mgdesk.domain.retired import NO_LONGER, without_retired
    from mgdesk.domain.visit import VisitPlan

    plan = VisitPlan.from_dict(
        {"version": 1, "symptoms": ["sleep", "retired-symptom"], "forms": ["gone-form"]}
    )
    printed = without_retired(plan, content)
    assert [s.id for s in printed.symptoms] == ["sleep"]
    assert printed.forms == ()
    assert NO_LONGER in printed.notes and "retired-symptom" in printed.notes
    assert "gone-form" in printed.notes
    assert [s.id for s in plan.symptoms] == ["sleep", "retired-symptom"]  # the visit is kept
    assert (
        without_retired(VisitPlan.from_dict({"version": 1, "symptoms": ["sleep"]}), content).notes
        == ""
    )
