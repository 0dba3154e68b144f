"""The shipped reference content: complete where users look, and true to facts.md.

Counts per kind, the fixed ids and names of DESIGN.md, spot checks of key numbers against
facts.md, and the errors facts.md found in the source articles kept out of what users read.
"""

from __future__ import annotations

import re

import pytest

from mgdesk.store.content_db import ContentDB

SYMPTOM_IDS = {
    "pain",
    "muscle-pain",
    "fatigue",
    "brain-fog",
    "depression",
    "anxiety",
    "sleep",
    "migraine",
    "ibs",
}
FORM_IDS = {
    "malate",
    "glycinate",
    "citrate",
    "threonate",
    "oxide",
    "chloride",
    "sulfate",
    "hydroxide",
    "taurate",
    "lactate",
}
GROUP_NAMES = {
    "bisphosphonates",
    "tetracycline antibiotics",
    "fluoroquinolone antibiotics",
    "loop diuretics",
    "thiazide diuretics",
    "potassium-sparing diuretics",
    "proton pump inhibitors",
    "thyroid hormones",
    "gabapentinoids",
    "antidepressants",
    "anti-anxiety medicines",
    "sleep medicines",
    "muscle relaxants",
    "pain medicines",
}


def reader_texts(content: ContentDB) -> list[tuple[str, str]]:
    """(where, text) for every text a user reads as a claim (not caveats about the seeds)."""
    texts = []
    for s in content.symptoms:
        texts += [(f"symptom {s.id}", t) for t in (s.summary, s.consumer, s.clinician, s.mechanism)]
        texts += [(f"symptom {s.id} form {f.form}", f.why) for f in s.forms]
    for f in content.forms:
        texts += [(f"form {f.id}", t) for t in (f.absorption, f.gi_tolerance, f.cautions)]
    for g in content.groups:
        texts += [(f"group {g.id}", t) for t in (g.mechanism, g.consumer, g.clinician)]
    for c in content.conditions:
        texts += [(f"condition {c.id}", t) for t in (c.meaning, c.advice)]
    for st in content.studies:
        texts += [(f"study {st.id}", st.outcome)]
    return texts


def test_counts_per_kind(content: ContentDB) -> None:
    assert len(content.studies) >= 15
    assert {s.id for s in content.symptoms} >= SYMPTOM_IDS
    assert {f.id for f in content.forms} >= FORM_IDS
    assert len(content.medicines) >= 80
    assert {g.name for g in content.groups} >= GROUP_NAMES
    assert {"kidney-disease", "ibs"} <= {c.id for c in content.conditions}
    assert {"antacid", "laxative", "multivitamin"} <= {p.kind for p in content.products}
    assert content.questions


def test_meta_has_version_review_date_and_the_grade_scale(content: ContentDB) -> None:
    assert content.meta.content_version
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", content.meta.review_date)
    assert [g.letter for g in content.meta.grades] == ["A", "B", "C", "D"]


def test_every_study_has_a_grade_and_a_citation(content: ContentDB) -> None:
    for study in content.studies:
        assert study.grade in "ABCD" and len(study.grade) == 1
        assert len(study.citation) > 10 and study.year > 1900


def test_every_cited_id_resolves(content: ContentDB) -> None:
    cited = [i for s in content.symptoms for i in (*s.sources, *s.studies)]
    cited += [i for f in content.forms for i in (*f.sources, *f.elemental_sources, *f.studies)]
    cited += [i for g in content.groups for i in g.sources]
    cited += [i for c in content.conditions for i in c.sources]
    assert cited
    assert [i for i in cited if content.citation(i) is None] == []


def test_no_claim_is_graded_above_c_without_fibromyalgia_trials(content: ContentDB) -> None:
    # facts.md 4.1: the evidence for magnesium in fibromyalgia is weak (grade C overall).
    assert all(s.grade in "CD" for s in content.symptoms)
    assert all(f.grade in "CD" for f in content.forms)


@pytest.mark.parametrize(
    ("form", "percent"),
    [
        ("oxide", 60.3),
        ("glycinate", 14.1),
        ("malate", 15.5),
        ("threonate", 8.3),
        ("chloride", 12.0),
        ("sulfate", 9.9),
        ("hydroxide", 41.7),
        ("taurate", 8.9),
        ("lactate", 12.0),
    ],
)
def test_elemental_percent_matches_facts(content: ContentDB, form: str, percent: float) -> None:
    assert content.form(form).elemental_percent == pytest.approx(percent, abs=0.05)


def test_citrate_percent_is_one_of_the_real_salts(content: ContentDB) -> None:
    # facts.md 2: 11.3 % (1:1 hydrogen citrate), 16.2 % anhydrous or 11.9 % nonahydrate dicitrate
    assert content.form("citrate").elemental_percent in (11.3, 11.9, 16.2)


@pytest.mark.parametrize(
    ("name", "before", "after"),
    [
        ("bisphosphonates", 4, 4),
        ("tetracycline antibiotics", 3, 6),
        ("fluoroquinolone antibiotics", 3, 6),
        ("thyroid hormones", 4, 4),
        ("gabapentinoids", 0, 2),
    ],
)
def test_spacing_hours_are_the_cautious_ones(
    content: ContentDB, name: str, before: int, after: int
) -> None:
    (group,) = [g for g in content.groups if g.name == name]
    assert (group.before_hours, group.after_hours) == (before, after)
    assert f"{after} hours" in group.consumer


def test_classes_without_known_interactions_say_so(content: ContentDB) -> None:
    for name in (
        "antidepressants",
        "anti-anxiety medicines",
        "sleep medicines",
        "muscle relaxants",
    ):
        (group,) = [g for g in content.groups if g.name == name]
        assert group.severity == "none known" and group.effect == "none known"
        assert group.before_hours is None and group.after_hours is None


def test_the_2013_trial_is_citrate_300_without_placebo(content: ContentDB) -> None:
    bagis = content.study("bagis-2013")
    assert bagis.form == "citrate" and "300" in bagis.dose
    assert bagis.fibromyalgia and "placebo" in (bagis.design + bagis.caveat).lower()


def test_study_facts_that_the_articles_got_wrong(content: ContentDB) -> None:
    assert content.study("rajizadeh-2017").form == "oxide"
    assert not content.study("liu-2016").fibromyalgia
    assert "1.16" in content.study("tarleton-2015").outcome
    assert content.study("peikert-1996").grade == "B"
    assert content.study("eby-2006").grade == "D"
    assert "open" in content.study("tarleton-2017").design.lower()


FORBIDDEN = [
    (r"malate[^.]{0,40}2[,.]?400\s*mg", "the 2013 trial was citrate 300 mg, not malate 2400"),
    (r"\b22\s?% (higher|greater|more)", "the overall figure is 16 %; 22 % is under-65s only"),
    (
        r"revers\w*[^.]{0,30}brain age|(9(\.4)?|nine) years younger",
        "the 9.4-year 'brain age' is a derived estimate, not a finding",
    ),
    (r"2\s?[-–]\s?4\s?%", "prevalence is about 2 % (pooled 1.78 %), not 2-4 % worldwide"),
    (r"as effective as (an )?antidepressant", "rests on one 23-patient trial"),
    (r"glycinate is (better|more (easily|readily|completely)) absorbed", "no source says so"),
]


@pytest.mark.parametrize(("pattern", "why"), FORBIDDEN)
def test_source_article_errors_are_not_in_the_content(
    content: ContentDB, pattern: str, why: str
) -> None:
    offending = [
        where for where, text in reader_texts(content) if re.search(pattern, text, re.IGNORECASE)
    ]
    assert offending == [], why


def test_symptom_texts_say_when_no_study_was_in_fibromyalgia(content: ContentDB) -> None:
    for symptom in content.symptoms:
        if not symptom.fm_evidence:
            text = f"{symptom.consumer} {symptom.clinician}".lower()
            assert "fibromyalgia" in text and re.search(r"\bno\b|not|none", text), symptom.id


def test_products_convert_with_their_form(content: ContentDB) -> None:
    for product in content.products:
        if product.compound_mg:
            expected = product.compound_mg * content.form(product.form).elemental_percent / 100
            assert product.elemental_mg == pytest.approx(expected, rel=0.02), product.id


def test_search_snippets_are_text_never_a_template(content: ContentDB) -> None:
    """Advice written as "Take {name} ..." is indexed with its slot filled (#22 point 6)."""
    queries = {"take", "hours", "apart", "absorbed", "medicine", "magnesium"}
    queries |= {group.name for group in content.groups}
    for query in sorted(queries):
        for hit in content.search(query, limit=50).hits:
            assert "{" not in hit.snippet and "}" not in hit.snippet, (query, hit)
