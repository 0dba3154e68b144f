"""The question builder and the checks on what a person types into a visit (pure domain)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from mgdesk.domain.errors import InputError
from mgdesk.domain.questions import add_questions, question_triggers, suggest_questions
from mgdesk.domain.visit import (
    MAX_TEXT,
    MedicineChoice,
    PlanChoice,
    ProductChoice,
    QuestionItem,
    SymptomChoice,
    VisitPlan,
)
from mgdesk.domain.visit_edit import (
    checked_date,
    checked_text,
    edited,
    fresh_visit,
    has_content,
    moved,
)
from mgdesk.store.content_db import ContentDB


def _ids(plan: VisitPlan, content: ContentDB) -> list[str]:
    return [s.question.id for s in suggest_questions(plan, content)]


def test_an_empty_visit_gets_only_the_general_questions(content: ContentDB) -> None:
    ids = _ids(VisitPlan(), content)
    assert ids == ["how-judge", "which-form-dose", "any-reason-not"]


def test_each_interaction_condition_and_form_brings_its_question_safety_first(
    content: ContentDB,
) -> None:
    plan = VisitPlan(
        medicines=(MedicineChoice("Fosamax"), MedicineChoice("Lasix")),
        conditions=("kidney-disease",),
        forms=("glycinate",),
        symptoms=(SymptomChoice("sleep", 7),),
    )
    ids = _ids(plan, content)
    assert ids.index("bisphosphonate-timing") < ids.index("kidney-check")
    assert ids.index("loop-diuretic-check") < ids.index("kidney-check")
    assert ids.index("kidney-check") < ids.index("form-label") < ids.index("how-judge")
    assert "epsom-by-mouth" not in ids  # only for the sulfate form
    texts = [s.question.text for s in suggest_questions(plan, content)]
    assert "Should my kidney function or blood magnesium be checked before I start?" in texts


def test_the_reason_names_what_the_user_chose(content: ContentDB) -> None:
    plan = VisitPlan(medicines=(MedicineChoice("Fosamax"),), conditions=("kidney-disease",))
    reasons = {s.question.id: s.reason for s in suggest_questions(plan, content)}
    assert reasons["bisphosphonate-timing"] == "you take Fosamax"
    assert reasons["kidney-check"] == "you ticked kidney disease"
    triggers = question_triggers(plan, content)
    assert "group:bisphosphonates" in triggers and "form:any" not in triggers


def test_an_unknown_medicine_brings_no_group_question(content: ContentDB) -> None:
    plan = VisitPlan(medicines=(MedicineChoice("Zzyzxamab"),))
    assert _ids(plan, content) == _ids(VisitPlan(), content)


def test_a_question_already_listed_is_not_suggested_again(content: ContentDB) -> None:
    how = next(q for q in content.questions if q.id == "how-judge")
    by_id = VisitPlan(questions=(QuestionItem("edited wording", True, "how-judge"),))
    by_text = VisitPlan(questions=(QuestionItem(how.text.upper(), False, "own"),))
    assert "how-judge" not in _ids(by_id, content)
    assert "how-judge" not in _ids(by_text, content)


def test_two_groups_with_one_wording_give_one_suggestion(content: ContentDB) -> None:
    plan = VisitPlan(medicines=(MedicineChoice("Lasix"), MedicineChoice("hydrochlorothiazide")))
    texts = [s.question.text for s in suggest_questions(plan, content)]
    assert len(texts) == len(set(texts))
    assert texts.count("Does my water tablet lower my magnesium, and should it be checked?") == 1


def test_products_above_the_upper_limit_bring_the_supervision_question(
    content: ContentDB,
) -> None:
    person = {"age": 42, "sex": "female"}
    above = VisitPlan(products=(ProductChoice("Magnesium (as glycinate) 500 mg"),), **person)
    below = VisitPlan(products=(ProductChoice("Magnesium (as glycinate) 100 mg"),), **person)
    unreadable = VisitPlan(products=(ProductChoice("a spoonful of something"),), **person)
    assert _ids(above, content)[0] == "above-upper-limit"
    assert "above-upper-limit" not in _ids(below, content)
    assert "above-upper-limit" not in _ids(unreadable, content)


def test_the_plan_form_counts_as_a_chosen_form(content: ContentDB) -> None:
    plan = VisitPlan(plan=PlanChoice(form="sulfate"))
    assert "epsom-by-mouth" in _ids(plan, content)


def test_a_suggestion_goes_on_the_list_ticked_with_its_origin(content: ContentDB) -> None:
    suggestion = suggest_questions(VisitPlan(), content)[0]
    item = suggestion.item
    assert (item.checked, item.origin) == (True, "how-judge")
    listed = add_questions((item,), [item, QuestionItem("Mine?")])
    assert [q.text for q in listed] == [item.text, "Mine?"]


# ----- what a person types


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("x" * 10_000, "too long: at most 200 characters (this has 10,000)"),
        ("Anna\x00Smith", "control character (U+0000)"),
        ("tab\there", "control character (U+0009)"),
        ("bell\x7f", "control character (U+007F)"),
    ],
)
def test_bad_typed_text_is_refused_with_its_reason(value: str, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        checked_text(value, "Name", MAX_TEXT)


def test_notes_may_have_line_breaks_and_tabs_and_unicode() -> None:
    text = "Zoë Ångström-Nguyễn\n\tslept badly"
    assert checked_text(text, "Notes", 20_000, multiline=True) == text


def test_the_appointment_date_must_be_within_ten_years() -> None:
    today = dt.date(2025, 3, 15)
    assert checked_date(dt.date(2025, 4, 1), today) == "2025-04-01"
    assert checked_date(dt.date(2016, 1, 1), today) == "2016-01-01"
    for bad in (dt.date(1900, 1, 1), dt.date(2036, 1, 1)):
        with pytest.raises(InputError, match="within 10 years of today"):
            checked_date(bad, today)
    checked_date(dt.date(2024, 2, 29), dt.date(2024, 2, 29))  # a leap day today still works


def test_only_real_content_counts_as_something_to_keep() -> None:
    person = VisitPlan(age=42, sex="female")
    assert not has_content(VisitPlan()) and not has_content(person)
    assert not has_content(VisitPlan(notes="   \n"))
    assert has_content(VisitPlan(notes="tired"))
    assert has_content(VisitPlan(symptoms=(SymptomChoice("sleep"),)))
    full = VisitPlan(name="Dr A", age=42, sex="female", pregnant=True, notes="x")
    assert fresh_visit(full) == VisitPlan(age=42, sex="female", pregnant=True)


def test_questions_move_within_the_list_and_edits_are_checked() -> None:
    items = (QuestionItem("a"), QuestionItem("b"), QuestionItem("c"))
    up, row = moved(items, 2, -1)
    assert [q.text for q in up] == ["a", "c", "b"] and row == 1
    top, row = moved(items, 0, -1)
    assert top == items and row == 0
    with pytest.raises(InputError):
        moved(items, 5, 1)
    changed = edited(items, 1, text="  b, better?  ", checked=False)
    assert changed[1] == QuestionItem("b, better?", False, "own")
    for bad in ("", "   ", "x" * 1001, "a\x1bb"):
        with pytest.raises(InputError):
            edited(items, 1, text=bad)
