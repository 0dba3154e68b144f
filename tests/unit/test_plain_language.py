"""Plain language is held by the build: reading grades, key points, and nothing lost on rewrite."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from mgdesk import paths
from mgdesk.store import readability
from mgdesk.store.content_build import build
from mgdesk.store.content_load import ContentError, load_content

SOURCE = paths.content_source_dir()
assert SOURCE is not None
# The patient texts as they stood before the plain-language rewrite (issue 20), keyed as the
# build names them; generated once from the TOML of that time and never regenerated.
BEFORE = json.loads((Path(__file__).parent / "data" / "plain_before.json").read_text("utf-8"))
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Hedges that say how far a claim goes; a rewrite that drops one claims more than its source.
HEDGES = ("may", "might", "probably", "small", "in women", "placebo", "subgroup", "open-label")
HARD = (
    "Notwithstanding considerable methodological heterogeneity, contemporaneous investigations "
    "demonstrated statistically indistinguishable physiological characteristics regarding "
    "intracellular magnesium concentrations among fibromyalgia populations."
)


@pytest.fixture(scope="module")
def current() -> dict[str, str]:
    return {t.key: t.text for t in readability.patient_texts(load_content(SOURCE))}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(SOURCE, target)
    return target


def replace_field(folder: Path, name: str, ident: str, key: str, value: str) -> None:
    """Set `key` of the entry with id `ident` in `name`.toml, leaving every other line alone."""
    path = folder / f"{name}.toml"
    lines = path.read_text("utf-8").split("\n")
    inside = False
    for i, line in enumerate(lines):
        if line.startswith("id = "):
            inside = line == f'id = "{ident}"'
        elif inside and line.startswith(f"{key} = "):
            lines[i] = f"{key} = {json.dumps(value)}"
            path.write_text("\n".join(lines), "utf-8")
            return
    raise AssertionError(f"{ident}.{key} not found in {name}.toml")


def problems(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    return [str(p) for p in caught.value.problems]


def test_every_old_text_is_still_there(current: dict[str, str]) -> None:
    assert set(BEFORE) <= set(current)


@pytest.mark.parametrize("key", sorted(BEFORE))
def test_rewrite_keeps_every_number(key: str, current: dict[str, str]) -> None:
    lost = set(NUMBER.findall(BEFORE[key])) - set(NUMBER.findall(current[key]))
    assert not lost, f"{key} lost {sorted(lost)}: {current[key]}"


@pytest.mark.parametrize("key", sorted(BEFORE))
def test_rewrite_keeps_every_hedge(key: str, current: dict[str, str]) -> None:
    for hedge in HEDGES:
        if re.search(rf"\b{hedge}\b", BEFORE[key], re.IGNORECASE):
            assert re.search(rf"\b{hedge}\b", current[key], re.IGNORECASE), (key, hedge)


def test_the_real_content_meets_every_limit() -> None:
    rows = readability.report(load_content(SOURCE))
    assert {r.file for r in rows} >= {"symptoms", "forms", "interactions", "conditions"}
    for row in rows:
        assert row.median <= readability.MEDIAN_LIMIT, row
        assert row.maximum <= readability.TEXT_LIMIT, row
        if row.key_points_max is not None:
            assert row.key_points_max <= readability.KEY_POINTS_LIMIT, row


def test_every_item_has_key_points_and_every_study_a_plain_summary() -> None:
    content = load_content(SOURCE)
    items = [*content.symptoms, *content.forms, *content.groups, *content.conditions]
    assert all(i.key_points and i.key_point_sources for i in items)
    assert all(set(i.key_point_sources) <= set(i.sources) for i in items)
    assert all(s.plain for s in content.studies)


def test_grade_reads_templates_as_words() -> None:
    assert readability.grade("Take {name} with food.") == readability.grade(
        "Take the medicine with food."
    )


def test_a_harder_text_fails_the_build_naming_file_and_key(folder: Path, tmp_path: Path) -> None:
    replace_field(folder, "symptoms", "pain", "consumer", HARD)
    found = problems(folder)
    assert any(
        p.startswith("symptoms.toml: symptom[0] pain.consumer: reads at grade") for p in found
    ), found
    target = tmp_path / "out" / "content.sqlite"
    with pytest.raises(ContentError):
        build(folder, target)
    assert not target.exists()


def test_interaction_advice_is_graded_with_its_template(folder: Path) -> None:
    replace_field(folder, "interactions", "antidepressants", "consumer", f"{{name}}: {HARD}")
    found = problems(folder)
    assert any("group[9] antidepressants.consumer: reads at grade" in p for p in found), found


def test_a_file_whose_median_rises_fails_the_build(folder: Path) -> None:
    path = folder / "questions.toml"
    text = re.sub(
        r'^text = ".*"$', f"text = {json.dumps(HARD[:-1] + '?')}", path.read_text(), flags=re.M
    )
    path.write_text(text, "utf-8")
    found = problems(folder)
    assert any(p.startswith("questions.toml: median reading grade") for p in found), found


def test_hard_key_points_fail(folder: Path) -> None:
    replace_field(
        folder,
        "forms",
        "oxide",
        "key_points",
        "Magnesium oxide demonstrates comparatively diminished gastrointestinal bioavailability.",
    )
    found = problems(folder)
    assert any("form[4] oxide.key_points: key points read at grade" in p for p in found), found


def test_key_point_sources_outside_the_item_are_refused(folder: Path) -> None:
    path = folder / "conditions.toml"
    text = path.read_text("utf-8").replace(
        'key_point_sources = ["ods-hp"]\naliases = ["older adult"',
        'key_point_sources = ["peikert-1996"]\naliases = ["older adult"',
    )
    path.write_text(text, "utf-8")
    found = problems(folder)
    assert any(
        "key_point_sources: 'peikert-1996' is not among this item's sources" in p for p in found
    ), found


def test_more_than_three_key_points_fail(folder: Path) -> None:
    replace_field(folder, "symptoms", "sleep", "key_points", "One. Two. Three. Four.")
    found = problems(folder)
    assert any("symptom[6].key_points: at most three sentences, not 4" in p for p in found), found


def test_missing_key_points_fail(folder: Path) -> None:
    path = folder / "interactions.toml"
    lines = [
        line for line in path.read_text("utf-8").split("\n") if not line.startswith("key_points = ")
    ]
    path.write_text("\n".join(lines), "utf-8")
    found = problems(folder)
    assert any("group[0].key_points: is missing" in p for p in found), found


def test_a_study_without_a_plain_summary_fails(folder: Path) -> None:
    path = folder / "studies.toml"
    text = path.read_text("utf-8")
    path.write_text(re.sub(r"^plain = .*\n", "", text, count=1, flags=re.M), "utf-8")
    found = problems(folder)
    assert any("study[0].plain: is missing" in p for p in found), found
