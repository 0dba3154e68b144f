"""VisitPlan JSON: round trip, plain strings or objects, and each kind of bad document."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from mgdesk.domain.errors import InputError
from mgdesk.domain.visit import SECTION_IDS, VisitPlan

FULL = {
    "version": 1,
    "name": "Zoë Ångström-Nguyễn",
    "date": "2026-12-01",
    "clinician": "Dr Rao",
    "age": 42,
    "months": None,
    "sex": "female",
    "pregnant": False,
    "lactating": False,
    "symptoms": [{"id": "sleep", "rating": 7}, "fatigue"],
    "forms": ["glycinate"],
    "medicines": [{"name": "Fosamax", "times": ["07:00"]}, "Lasix"],
    "conditions": ["kidney-disease"],
    "products": ["Magnesium (as glycinate) 200 mg, 2 tablets"],
    "questions": ["Which form and dose?", {"text": "Check my kidneys?", "checked": False}],
    "notes": "Line one\nline two",
    "sections": ["summary", "questions"],
    "plan": {"form": "glycinate", "target_mg": 300, "doses_per_day": 2},
    "journal": {"from": "2026-09-01", "to": "2026-11-30"},
}


def test_round_trip_is_exact() -> None:
    plan = VisitPlan.from_dict(FULL)
    again = VisitPlan.from_json(plan.to_json())
    assert again == plan
    assert again.to_dict() == plan.to_dict()


def test_plain_strings_become_objects() -> None:
    plan = VisitPlan.from_dict(FULL)
    assert plan.symptoms[1].id == "fatigue" and plan.symptoms[1].rating is None
    assert plan.medicines[1].name == "Lasix" and plan.medicines[1].times == ()
    assert plan.questions[1].checked is False
    assert plan.journal is not None and plan.journal.start == dt.date(2026, 9, 1)


def test_empty_document_is_an_empty_visit_with_every_section() -> None:
    plan = VisitPlan.from_dict({})
    assert plan.sections == SECTION_IDS
    assert plan.journal_range(dt.date(2026, 11, 23)).start == dt.date(2026, 8, 26)


def _with(**changes: object) -> dict[str, object]:
    return {**FULL, **changes}


@pytest.mark.parametrize(
    ("document", "needle"),
    [
        ([], "must be a JSON object"),
        (_with(colour="red"), "unknown key 'colour'"),
        (_with(version=2), "version"),
        (_with(version=True), "version"),
        (_with(name=5), "name must be text"),
        (_with(name="x" * 201), "name is too long"),
        (_with(date="01/12/2026"), "date must be a date"),
        (_with(date="2026-02-30"), "not a real date"),
        (_with(age=-1), "age must be"),
        (_with(age=121), "age must be"),
        (_with(age="42"), "age must be"),
        (_with(age=4.5), "age must be"),
        (_with(months=12), "months must be"),
        (_with(sex="x"), "sex must be"),
        (_with(pregnant="yes"), "pregnant must be true or false"),
        (_with(symptoms="sleep"), "symptoms must be a list"),
        (_with(symptoms=[{"id": "sleep", "rating": 11}]), r"symptoms\[0\].rating"),
        (_with(symptoms=[{"rating": 3}]), r"symptoms\[0\]: an \"id\" is required"),
        (_with(symptoms=[{"id": "sleep", "mood": 3}]), "unknown key 'mood'"),
        (_with(symptoms=["sleep", "Sleep"]), "listed twice"),
        (_with(symptoms=[""]), "must not be empty"),
        (_with(symptoms=[5]), "text or an object"),
        (_with(medicines=[{"name": "Lasix", "times": ["25:00"]}]), "times"),
        (_with(medicines=[{"name": "Lasix", "times": "07:00"}]), "times"),
        (_with(products=[{"label": "x", "per_day": 0}]), "per_day"),
        (_with(questions=["x" * 1001]), "too long"),
        (_with(notes="x" * 20_001), "notes is too long"),
        (_with(sections=["summary", "gossip"]), "unknown section"),
        (_with(plan={"form": "glycinate", "target_mg": -3}), "plan.target_mg"),
        (_with(plan={"form": "glycinate", "dose": 3}), "unknown key 'dose'"),
        (_with(journal={"from": "2026-09-01"}), "both"),
        (_with(journal={"from": "2026-09-02", "to": "2026-09-01"}), "not be before"),
        (_with(symptoms=["a"] * 201), "too many"),
    ],
)
def test_bad_documents_name_the_field(document: object, needle: str) -> None:
    with pytest.raises(InputError, match=needle):
        VisitPlan.from_dict(document)


@pytest.mark.parametrize("text", ["", "{", "[1,", "nul", '{"a": NaN', "[" * 100_000])
def test_not_json_at_all(text: str) -> None:
    with pytest.raises(InputError):
        VisitPlan.from_json(text)


def test_control_characters_are_dropped_from_one_line_fields() -> None:
    plan = VisitPlan.from_dict({"name": "Ann\x00\x1b[31m Lee", "notes": "a\nb\x07"})
    assert plan.name == "Ann[31m Lee"
    assert plan.notes == "a\nb"


def test_with_changes_checks_the_result() -> None:
    plan = VisitPlan()
    with pytest.raises(InputError):
        plan.with_changes(age=500)
    assert plan.with_changes(age=40).age == 40


def test_json_is_utf8_readable() -> None:
    text = VisitPlan.from_dict(FULL).to_json()
    assert "Zoë Ångström-Nguyễn" in text
    assert json.loads(text)["version"] == 1
