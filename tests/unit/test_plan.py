"""My magnesium plan: totals against the upper limit, the form ranking and the timetable."""

from __future__ import annotations

from typing import Any

import pytest

from mgdesk.domain.content import Form, FormSuggestion, Symptom
from mgdesk.domain.errors import InputError
from mgdesk.domain.plan import (
    DAY_END,
    DAY_START,
    MIN_GAP_MINUTES,
    MagnesiumPlan,
    ScheduledMedicine,
    build_timetable,
    make_plan,
    parse_time,
    rank_forms,
)
from mgdesk.domain.text import PLAN_DRAFT
from mgdesk.domain.visit import VisitPlan

ADULT = {"age": 40, "sex": "female"}
TAKEN = ["Magnesium 300 mg"]  # a product taken, so the day has magnesium to place


def plan_for(content: Any, **fields: Any) -> MagnesiumPlan:
    return make_plan(VisitPlan.from_dict(fields), content)


def minutes(text: str) -> int:
    return parse_time(text)


def magnesium_times(plan: MagnesiumPlan) -> list[str]:
    return [row.time for row in plan.timetable if row.kind == "magnesium"]


def keeps_rules(minute: int, medicine: ScheduledMedicine) -> bool:
    """An independent check of the spacing rule, over yesterday, today and tomorrow."""
    for t in medicine.times:
        for day in (-1, 0, 1):
            taken = t + day * 24 * 60
            if taken == minute:
                return False
            ok_before = (
                medicine.before_hours is None or minute - taken >= medicine.before_hours * 60
            )
            ok_after = medicine.after_hours is None or taken - minute >= medicine.after_hours * 60
            before_side = minute > taken
            if before_side and not ok_before:
                return False
            if not before_side and not ok_after:
                return False
    return True


# ----- totals against the upper limit


@pytest.mark.parametrize(("mg", "above"), [(349, False), (350, False), (351, True)])
def test_total_at_the_boundary_of_the_upper_limit(content, mg: int, above: bool) -> None:  # type: ignore[no-untyped-def]
    plan = plan_for(content, **ADULT, products=[f"Magnesium {mg} mg"])
    assert plan.total_supplemental_mg == mg
    assert plan.upper_limit_mg == 350
    assert plan.above_upper_limit is above
    codes = [w.code for w in plan.warnings]
    assert ("above-upper-limit" in codes) is above


def test_every_product_adds_up_and_the_rda_is_context_only(content) -> None:  # type: ignore[no-untyped-def]
    plan = plan_for(
        content,
        **ADULT,
        products=[
            "Magnesium (as glycinate) 100 mg, 2 tablets",
            {"label": "Magnesium 50 mg", "per_day": 3},
        ],
    )
    assert [p.elemental_mg_per_day for p in plan.products] == [200, 150]
    assert plan.total_supplemental_mg == 350 and not plan.above_upper_limit
    assert plan.rda_mg == 320 and plan.rda_kind == "RDA"
    assert "320 mg a day (RDA) counts food and water too" in plan.explanation[0]


def test_above_the_limit_warns_without_blocking_and_says_a_doctor_may_advise_more(content) -> None:  # type: ignore[no-untyped-def]
    plan = plan_for(content, **ADULT, products=["Magnesium 500 mg"])
    warning = next(w for w in plan.warnings if w.code == "above-upper-limit")
    assert warning.level == "caution"
    assert "A doctor may still advise more" in warning.text
    assert "supervision" in warning.text
    assert plan.timetable  # the plan is still made


def test_kidney_disease_gets_the_strongest_caution_first(content) -> None:  # type: ignore[no-untyped-def]
    plan = plan_for(content, **ADULT, conditions=["kidney-disease"], products=["Magnesium 400 mg"])
    assert plan.warnings[0].code == "kidney-disease"
    assert plan.warnings[0].level == "strong"
    assert "doctor" in plan.warnings[0].text
    above = next(w for w in plan.warnings if w.code == "above-upper-limit")
    assert above.level == "strong" and "kidney disease" in above.text
    # by name, too, and even within the limit
    plan = plan_for(content, **ADULT, conditions=["CKD"])
    assert plan.warnings[0].code == "kidney-disease"


def test_missing_age_uses_the_adult_row_and_says_so(content) -> None:  # type: ignore[no-untyped-def]
    plan = plan_for(content, products=["Magnesium 351 mg"])
    assert plan.upper_limit_mg == 350 and plan.above_upper_limit
    assert plan.rda_mg is None
    warning = next(w for w in plan.warnings if w.code == "person-assumed")
    assert "Age not given" in warning.text and "adults" in warning.text


def test_missing_sex_keeps_the_age_row_without_an_rda(content) -> None:  # type: ignore[no-untyped-def]
    plan = plan_for(content, age=6)
    assert plan.upper_limit_mg == 110 and plan.rda_mg is None
    assert plan.target_mg is None  # no study dose is suggested for a child
    assert any("Sex not given" in w.text for w in plan.warnings)


def test_infants_get_no_dose_and_a_strong_warning(content) -> None:  # type: ignore[no-untyped-def]
    plan = plan_for(content, age=0, months=5, sex="male", medicines=["Fosamax"])
    assert plan.upper_limit_mg is None and plan.target_mg is None
    assert magnesium_times(plan) == []
    assert plan.warnings[0].code == "no-upper-limit"


def test_a_person_the_table_does_not_cover_is_bad_input(content) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="^age and sex: "):
        plan_for(content, age=40, sex="male", pregnant=True)


def test_a_bad_label_names_the_product(content) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match=r"^products\[1\]: product label 'Calcium 500 mg'"):
        plan_for(content, products=["Magnesium 100 mg", "Calcium 500 mg"])


# ----- the target


def test_a_user_target_wins_even_above_the_limit_with_a_warning(content) -> None:  # type: ignore[no-untyped-def]
    plan = plan_for(content, **ADULT, plan={"target_mg": 400, "doses_per_day": 2})
    assert plan.target_mg == 400 and plan.target_source == "user" and plan.dose_mg == 200
    assert any(w.code == "target-above-limit" for w in plan.warnings)


def test_the_target_never_exceeds_the_limit_unless_set(content) -> None:  # type: ignore[no-untyped-def]
    plan = plan_for(content, age=19, sex="female")
    assert plan.upper_limit_mg == 350 and plan.target_mg is None
    assert plan_for(content, age=19, sex="female", plan={"target_mg": 500}).target_mg == 500


def test_no_study_dose_is_suggested_for_a_child(content) -> None:  # type: ignore[no-untyped-def]
    """The fibromyalgia trial was in adult women: a child gets no suggested target at all."""
    plan = plan_for(content, age=3, sex="female")
    assert plan.upper_limit_mg == 65 and plan.target_mg is None
    assert plan_for(content, age=18, sex="male").target_mg is None
    chosen = plan_for(content, age=3, sex="female", plan={"target_mg": 50})
    assert chosen.target_mg == 50  # their own target, set with the child's doctor


# ----- the form chooser (hand-made records: exact scores)


def _form(ident: str, grade: str, laxative: str, tablets: tuple[int, ...] = ()) -> Form:
    return Form(
        id=ident,
        name=f"Magnesium {ident}",
        aliases=(),
        compound="",
        elemental_percent=10.0,
        elemental_sources=(),
        absorption="",
        absorption_sources=(),
        gi_tolerance=f"gut text of {ident}",
        gi_sources=(),
        laxative=laxative,
        tablet_elemental_mg=tablets,
        cautions="",
        grade=grade,
        studies=(),
        sources=(),
    )


def _symptom(ident: str, grade: str, *forms: str) -> Symptom:
    return Symptom(
        id=ident,
        name=ident.title(),
        aliases=(),
        summary="",
        consumer="",
        clinician="",
        mechanism="",
        mechanism_certainty="hypothesis",
        studies=(),
        grade=grade,
        fm_evidence=False,
        sources=(),
        forms=tuple(FormSuggestion(f, f"{f} for {ident}", ()) for f in forms),
    )


FORMS = [
    _form("alpha", "C", "moderate", (100, 120)),
    _form("beta", "D", "unknown", (50,)),
    _form("gamma", "D", "high"),
    _form("delta", "B", "unknown"),
]
SYMPTOMS = [_symptom("pain", "C", "alpha", "gamma"), _symptom("sleep", "D", "beta", "gamma")]


def _ranked(chosen: list[str], tolerance: str = "none") -> list[tuple[str, int]]:
    return [(f.id, f.score) for f in rank_forms(FORMS, SYMPTOMS, chosen, tolerance, 300, 350)]


def test_ranking_counts_fit_then_evidence() -> None:
    # gamma: 2 fits (20) + pain C (1) + sleep D (0) + form D (0); alpha: 10 + 1 + 1;
    # beta: 10 + 0 + 0; delta: form B only (2)
    assert _ranked(["pain", "sleep"]) == [("gamma", 21), ("alpha", 12), ("beta", 10), ("delta", 2)]


def test_diarrhoea_ranks_laxative_forms_lower() -> None:
    assert _ranked(["pain", "sleep"], "diarrhoea") == [
        ("beta", 10),
        ("alpha", 6),
        ("gamma", 6),
        ("delta", 2),
    ]
    notes = {f.id: f.tolerance_note for f in rank_forms(FORMS, SYMPTOMS, ["pain"], "diarrhoea")}
    assert "laxative" in notes["gamma"] and "diarrhea worse" in notes["alpha"]


def test_constipation_is_mentioned_neutrally_without_changing_the_rank() -> None:
    assert _ranked(["pain", "sleep"], "constipation") == _ranked(["pain", "sleep"])
    ranked = rank_forms(FORMS, SYMPTOMS, ["pain"], "constipation")
    alpha = next(f for f in ranked if f.id == "alpha")
    assert "may suit constipation" in alpha.tolerance_note


def test_each_ranked_form_says_why_with_tablets_and_grades() -> None:
    ranked = rank_forms(FORMS, SYMPTOMS, ["pain", "sleep"], "none", 300, 350, ["beta"])
    assert [f.rank for f in ranked] == [1, 2, 3, 4]
    gamma = ranked[0]
    assert [(s.symptom, s.why, s.grade) for s in gamma.symptoms] == [
        ("pain", "gamma for pain", "C"),
        ("sleep", "gamma for sleep", "D"),
    ]
    assert gamma.gi_tolerance == "gut text of gamma" and gamma.tablets == ()
    alpha = ranked[1]
    assert [
        (t.tablet_mg, t.tablets_per_day, t.total_mg, t.above_upper_limit) for t in alpha.tablets
    ] == [
        (100, 3, 300, False),
        (120, 2, 240, False),  # 3 would be 360 mg, above the limit: rounded down (#22)
    ]
    assert "rounded down" in alpha.tablet_note and "doctor" in alpha.tablet_note
    assert [f.id for f in ranked if f.chosen] == ["beta"]


def test_real_content_ranks_the_forms_suggested_for_the_symptoms_first(content) -> None:  # type: ignore[no-untyped-def]
    plan = plan_for(content, **ADULT, symptoms=["sleep"])
    assert plan.forms[0].id == "glycinate"
    assert plan.forms[0].symptoms[0].why
    assert sorted(f.id for f in plan.forms) == sorted(f.id for f in content.forms)
    suggested = {s.form for s in content.symptom("brain-fog").forms}
    plan = plan_for(content, **ADULT, symptoms=["Brain fog"])
    assert plan.forms[0].id in suggested


# ----- the timetable (real medicine names through the content)


def test_fosamax_and_levothyroxine_with_one_dose(content) -> None:  # type: ignore[no-untyped-def]
    medicines = [
        {"name": "Fosamax", "times": ["07:00"]},
        {"name": "levothyroxine", "times": ["06:30"]},
    ]
    plan = plan_for(content, **ADULT, medicines=medicines, products=TAKEN)
    assert [(r.time, r.kind) for r in plan.timetable] == [
        ("06:30", "medicine"),
        ("07:00", "medicine"),
        ("12:00", "magnesium"),
    ]
    why = plan.timetable[-1].why
    assert (
        "5 hours after Fosamax (07:00), which must be taken at least 4 hours before magnesium"
        in why
    )
    assert "levothyroxine (06:30)" in why
    assert plan.timetable[1].item == "Fosamax (alendronate)"


def test_sleep_puts_a_single_dose_in_the_evening_and_cites_the_content(content) -> None:  # type: ignore[no-untyped-def]
    plan = plan_for(
        content,
        **ADULT,
        symptoms=["sleep"],
        medicines=[{"name": "Fosamax", "times": ["07:00"]}],
        products=TAKEN,
    )
    assert magnesium_times(plan) == ["20:00"]
    row = next(r for r in plan.timetable if r.kind == "magnesium")
    assert "sleep" in row.why
    assert "13 hours after Fosamax (07:00), which must be taken at least 4 hours before" in row.why
    timing = next(s for s in plan.explanation if s.startswith("Sleep is among your symptoms"))
    assert "bedtime" in timing or "convenience only" in timing


def test_doxycycline_twice_a_day(content) -> None:  # type: ignore[no-untyped-def]
    doxy = {"name": "doxycycline", "times": ["08:00", "20:00"]}
    rule = ScheduledMedicine("doxycycline", "doxycycline", (480, 1200), False, 3, 6)
    one = plan_for(content, **ADULT, medicines=[doxy], products=TAKEN)
    assert magnesium_times(one) == ["12:00"]
    two = plan_for(content, **ADULT, medicines=[doxy], products=TAKEN, plan={"doses_per_day": 2})
    times = [minutes(t) for t in magnesium_times(two)]
    assert len(times) == 2 and times[1] - times[0] >= MIN_GAP_MINUTES
    assert all(keeps_rules(m, rule) for m in times)
    assert not two.conflicts


def test_gabapentin_three_times_a_day(content) -> None:  # type: ignore[no-untyped-def]
    gaba = {"name": "Neurontin", "times": ["08:00", "14:00", "20:00"]}
    plan = plan_for(content, **ADULT, medicines=[gaba], products=TAKEN, plan={"doses_per_day": 3})
    rule = ScheduledMedicine("gabapentin", "gabapentin", (480, 840, 1200), False, 0, 2)
    times = [minutes(t) for t in magnesium_times(plan)]
    assert len(times) == 3 and not plan.conflicts
    assert all(keeps_rules(m, rule) for m in times)
    assert all(b - a >= MIN_GAP_MINUTES for a, b in zip(times, times[1:], strict=False))
    assert all(DAY_START <= m <= DAY_END for m in times)
    assert all(r.mg == 100 for r in plan.timetable if r.kind == "magnesium")


def test_a_tetracycline_every_four_hours_leaves_no_time_and_says_so(content) -> None:  # type: ignore[no-untyped-def]
    times = ["00:00", "04:00", "08:00", "12:00", "16:00", "20:00"]
    plan = plan_for(
        content, **ADULT, medicines=[{"name": "tetracycline", "times": times}], products=TAKEN
    )
    assert magnesium_times(plan) == []
    assert len(plan.conflicts) == 1
    conflict = plan.conflicts[0]
    assert conflict.doses_not_placed == 1
    assert "No time between 06:00 and 23:00 keeps every spacing rule" in conflict.text
    assert "tetracycline" in conflict.rules[0]
    assert "at least 3 hours before or at least 6 hours after magnesium" in conflict.rules[0]
    assert len([r for r in plan.timetable if r.kind == "medicine"]) == 6


def test_a_medicine_without_a_time_gets_an_assumed_one(content) -> None:  # type: ignore[no-untyped-def]
    plan = plan_for(content, **ADULT, medicines=["Fosamax", "sertraline"])
    fosamax = next(r for r in plan.timetable if r.kind == "medicine")
    assert (fosamax.time, fosamax.assumed) == ("08:00", True)
    assert "set your usual time" in fosamax.why
    assert any(w.code == "assumed-time" for w in plan.warnings)
    assert len([r for r in plan.timetable if r.kind == "medicine"]) == 1  # sertraline: no rule


def test_unknown_and_magnesium_medicines_are_flagged(content) -> None:  # type: ignore[no-untyped-def]
    plan = plan_for(
        content,
        **ADULT,
        medicines=[{"name": "Foobarol", "times": ["09:00"]}, "Maalox"],
    )
    codes = [w.code for w in plan.warnings]
    assert "unknown-medicine" in codes and "magnesium-medicine" in codes
    row = next(r for r in plan.timetable if r.kind == "medicine")
    assert row.time == "09:00" and "pharmacist" in row.why


# ----- the timetable (hand-made medicines: exact placements)


def test_a_narrow_window_places_what_fits_and_names_the_clash() -> None:
    antibiotic = ScheduledMedicine("doxycycline", "doxycycline", (480, 960), False, 3, 6)
    rows, conflicts = build_timetable([antibiotic], 3, 100.0, timing="spread")
    times = [r.time for r in rows if r.kind == "magnesium"]
    assert len(times) == 2 and all(minutes(t) >= minutes("19:00") for t in times)
    assert conflicts[0].doses_not_placed == 1
    assert "Only 2 of the 3 magnesium doses fit" in conflicts[0].text
    assert "doxycycline at 08:00, 16:00" in conflicts[0].rules[0]


def test_a_late_dose_is_checked_against_the_next_mornings_medicine() -> None:
    early = ScheduledMedicine("tetracycline", "tetracycline", (minutes("02:00"),), False, 3, 6)
    rows, _ = build_timetable([early], 1, 300.0, timing="evening")
    (dose,) = [r for r in rows if r.kind == "magnesium"]
    assert minutes(dose.time) <= minutes("20:00")  # 20:00 is 6 hours before 02:00
    assert keeps_rules(minutes(dose.time), early)


def test_never_at_the_same_time_as_a_spaced_medicine() -> None:
    gaba = ScheduledMedicine("gabapentin", "gabapentin", (minutes("12:00"),), False, 0, 2)
    rows, _ = build_timetable([gaba], 1, 300.0, timing="midday")
    dose = next(r for r in rows if r.kind == "magnesium")
    assert dose.time != "12:00" and keeps_rules(minutes(dose.time), gaba)
    assert "The nearest time to 12:00" in dose.why


def test_rows_are_sorted_and_serialise_with_the_design_keys() -> None:
    meds = [
        ScheduledMedicine("B", "B", (minutes("21:00"),)),
        ScheduledMedicine("A", "A", (minutes("05:00"),), False, 4, 4),
    ]
    rows, conflicts = build_timetable(meds, 2, 150.0, timing="spread")
    assert [r.time for r in rows] == sorted(r.time for r in rows)
    assert not conflicts
    for row in rows:
        document = row.to_json()
        assert {"time", "item", "kind", "why"} <= set(document)
        assert document["kind"] in ("magnesium", "medicine")


def test_no_dose_placed_without_a_target() -> None:
    rows, conflicts = build_timetable([], 1, None)
    assert rows == () and conflicts == ()


# ----- the JSON document


def test_to_json_has_the_design_keys(content) -> None:  # type: ignore[no-untyped-def]
    plan = plan_for(content, **ADULT, products=["Magnesium 200 mg"], symptoms=["pain"])
    document = plan.to_json()
    for key in (
        "total_supplemental_mg",
        "upper_limit_mg",
        "above_upper_limit",
        "products",
        "forms",
        "timetable",
        "rda_mg",
        "warnings",
        "conflicts",
        "target_mg",
        "draft",
    ):
        assert key in document
    assert document["draft"] == PLAN_DRAFT == "A draft to agree with your doctor"
    assert document["above_upper_limit"] is False
    assert document["products"][0]["elemental_mg"] == 200
    assert document["forms"][0]["rank"] == 1


# ----- nothing invented: the plan shows what the patient takes (#22, point 1)


def magnesium_rows(plan: MagnesiumPlan) -> list[tuple[str, float | None]]:
    return [(row.item, row.mg) for row in plan.timetable if row.kind == "magnesium"]


def test_without_a_chosen_target_no_dose_is_shown_or_scheduled(content) -> None:  # type: ignore[no-untyped-def]
    plan = plan_for(content, **ADULT, symptoms=["pain", "sleep"])
    assert plan.target_mg is None and plan.dose_mg is None and plan.target_source == "none"
    assert magnesium_rows(plan) == []
    said = " ".join([*plan.explanation, *(w.text for w in plan.warnings)])
    assert "Bagis" not in said and "300 mg" not in said
    assert all(not f.tablets for f in plan.forms)


def test_the_timetable_places_the_products_the_patient_takes(content) -> None:  # type: ignore[no-untyped-def]
    plan = plan_for(
        content,
        **ADULT,
        products=["Magnesium (as glycinate) 200 mg"],
        medicines=[{"name": "Fosamax", "times": ["07:00"]}],
    )
    ((item, mg),) = magnesium_rows(plan)
    assert item.startswith("Magnesium (as glycinate) 200 mg") and mg == 200
    dose = next(r for r in plan.timetable if r.kind == "magnesium")
    assert keeps_rules(minutes(dose.time), plan_medicine(content, "Fosamax", "07:00"))


def plan_medicine(content: Any, name: str, time: str) -> ScheduledMedicine:
    from mgdesk.domain.plan import schedule_medicines
    from mgdesk.domain.visit import MedicineChoice

    return schedule_medicines([MedicineChoice(name, (time,))], content)[0][0]


def test_a_chosen_target_is_never_added_to_the_products(content) -> None:  # type: ignore[no-untyped-def]
    plan = plan_for(content, **ADULT, products=["Magnesium 200 mg"], plan={"target_mg": 300})
    assert plan.total_supplemental_mg == 200 and not plan.above_upper_limit
    assert plan.target_mg == 300 and plan.target_source == "user"
    said = " ".join([*plan.explanation, *(w.text for w in plan.warnings)])
    assert "500 mg" not in said
    assert [item.split(":")[0] for item, _ in magnesium_rows(plan)] == ["Magnesium 200 mg"]


def test_a_chosen_target_alone_is_placed_as_the_target(content) -> None:  # type: ignore[no-untyped-def]
    plan = plan_for(content, **ADULT, plan={"form": "glycinate", "target_mg": 300})
    ((item, mg),) = magnesium_rows(plan)
    assert "Magnesium glycinate" in item and "target" in item and mg == 300


def test_one_product_over_the_limit_gives_one_warning(content) -> None:  # type: ignore[no-untyped-def]
    for extra in ({}, {"plan": {"target_mg": 300}}):
        plan = plan_for(content, **ADULT, products=["Magnesium 400 mg"], **extra)
        about_limit = [w for w in plan.warnings if "upper limit" in w.text]
        assert [w.code for w in about_limit] == ["above-upper-limit"], plan.warnings


def test_tablets_for_a_target_at_the_limit_never_pass_it(content) -> None:  # type: ignore[no-untyped-def]
    """#22 point 2: "3 a day = 360 mg" and "lactate 8 a day" for a 350 mg target are gone."""
    plan = plan_for(content, **ADULT, plan={"target_mg": 350})
    options = [(f.id, t) for f in plan.forms for t in f.tablets]
    assert options and all(t.total_mg <= 350 and not t.above_upper_limit for _, t in options)
    glycinate = next(f for f in plan.forms if f.id == "glycinate")
    assert [(t.tablet_mg, t.tablets_per_day, t.total_mg) for t in glycinate.tablets] == [
        (100, 3, 300),
        (120, 2, 240),
    ]
    assert "rounded down" in glycinate.tablet_note and "doctor" in glycinate.tablet_note
