"""The handout's substance as plain data: intake row, interactions, forms, numbering of sources."""

from __future__ import annotations

import datetime as dt

import pytest

from mgdesk.domain.catalog import resolve_visit
from mgdesk.domain.errors import InputError
from mgdesk.domain.visit import VisitPlan
from mgdesk.report.assemble import Citations, assemble, format_numbers, spacing_text


def plan_of(content, **fields) -> VisitPlan:
    return resolve_visit(VisitPlan.from_dict({"version": 1, **fields}), content)


def test_intake_reference_for_age_and_sex(content) -> None:
    data = assemble(plan_of(content, age=44, sex="female"), content)
    assert data.intake is not None
    dose = data.intake.dose
    assert (dose.life_stage, dose.intake_mg, dose.intake_kind) == ("31–50 years", 320, "RDA")
    assert dose.supplement_ul_mg == 350
    assert data.intake.sources == content.dosage.sources


@pytest.mark.parametrize("fields", [{}, {"age": 44}, {"sex": "female"}])
def test_no_intake_reference_without_both_age_and_sex(content, fields) -> None:
    assert assemble(plan_of(content, **fields), content).intake is None


def test_a_combination_the_table_does_not_cover_is_input_error(content) -> None:
    plan = VisitPlan.from_dict({"age": 70, "sex": "female", "pregnant": True})
    with pytest.raises(InputError, match="pregnancy"):
        assemble(plan, content)


def test_medicines_and_conditions_sorted_most_serious_first(content) -> None:
    plan = plan_of(
        content, medicines=["duloxetine", "Fosamax", "Notamedicine"], conditions=["kidney-disease"]
    )
    data = assemble(plan, content)
    assert [m.input for m in data.medicines] == ["Fosamax", "duloxetine", "Notamedicine"]
    assert data.medicines[-1].severity == "unknown"
    assert data.conditions[0].id == "kidney-disease"


def test_only_checked_questions_are_printed(content) -> None:
    plan = plan_of(
        content,
        questions=["First?", {"text": "Not this one", "checked": False}, {"text": "Third?"}],
    )
    assert assemble(plan, content).questions == ("First?", "Third?")


def test_forms_know_which_chosen_symptoms_they_suit(content) -> None:
    plan = plan_of(content, symptoms=["pain", "sleep"], forms=["citrate"])
    (entry,) = assemble(plan, content).forms
    pain = content.symptom("pain")
    assert (pain.name in entry.suggested_for) == any(f.form == "citrate" for f in pain.forms)


def test_the_plan_form_is_shown_with_the_forms_and_flagged_above_the_limit(content) -> None:
    plan = plan_of(content, age=44, sex="female", plan={"form": "glycinate", "target_mg": 400})
    data = assemble(plan, content)
    assert [e.form.id for e in data.forms] == ["glycinate"]
    assert data.plan is not None
    assert data.plan.above_upper_limit is True
    below = assemble(plan_of(content, age=44, sex="female", plan={"target_mg": 300}), content)
    assert below.plan is not None and below.plan.above_upper_limit is False


def test_the_plan_is_left_out_when_its_section_is_off(content) -> None:
    plan = plan_of(content, plan={"form": "glycinate", "target_mg": 300}, sections=["summary"])
    assert assemble(plan, content).plan is None


def test_generated_date_and_content_version(content) -> None:
    data = assemble(plan_of(content), content, dt.date(2030, 1, 2))
    assert data.generated == dt.date(2030, 1, 2)
    assert data.content_version == content.meta.content_version
    assert [g.letter for g in data.grades] == ["A", "B", "C", "D"]
    assert data.grade_label("C") == f"C ({content.meta.grades[2].label.lower()})"


def test_symptom_entries_carry_their_studies(content) -> None:
    data = assemble(plan_of(content, symptoms=[{"id": "sleep", "rating": 8}]), content)
    (entry,) = data.symptoms
    assert entry.rating == 8
    assert [s.id for s in entry.studies] == list(content.symptom("sleep").studies)


def test_spacing_text_comes_from_the_hours(content) -> None:
    fosamax = content.medicine_index.check("Fosamax")
    assert spacing_text(fosamax) == "at least 4 h before or 4 h after magnesium"
    assert spacing_text(fosamax, short=True) == "4 h before or 4 h after magnesium"
    doxy = content.medicine_index.check("doxycycline")
    assert spacing_text(doxy) == "at least 3 h before or 6 h after magnesium"
    assert spacing_text(content.medicine_index.check("gabapentin")) == (
        "at least 2 h after magnesium"
    )
    assert spacing_text(content.medicine_index.check("duloxetine")) == ""


def test_citations_number_in_order_of_first_use(content) -> None:
    ids = [s.id for s in content.studies[:4]]
    cites = Citations(content)
    assert cites.marker([ids[2], ids[0]]) == "[1–2]"
    assert cites.marker([ids[0], ids[3], "no-such-source"]) == "[2–3]"
    assert [(n, r.id) for n, r in cites.entries()] == [(1, ids[2]), (2, ids[0]), (3, ids[3])]


def test_citations_can_be_switched_off_and_copied(content) -> None:
    ids = [s.id for s in content.studies[:2]]
    cites = Citations(content)
    trial = cites.copy()
    trial.cite(ids)
    assert cites.entries() == []
    cites.adopt(trial)
    assert len(cites.entries()) == 2
    cites.enabled = False
    assert cites.marker(ids) == ""


@pytest.mark.parametrize(
    ("numbers", "text"),
    [([], ""), ([4], "[4]"), ([1, 2, 3, 5], "[1–3, 5]"), ([2, 4, 6, 7], "[2, 4, 6–7]")],
)
def test_format_numbers(numbers, text) -> None:
    assert format_numbers(numbers) == text
