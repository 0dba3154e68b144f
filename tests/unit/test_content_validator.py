"""The content validator refuses each kind of broken content, naming the file and the key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mgdesk import paths
from mgdesk.store.content_build import build, is_stale
from mgdesk.store.content_load import ContentError, load_content

SOURCE = paths.content_source_dir()
assert SOURCE is not None


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(SOURCE, target)
    return target


def append(folder: Path, name: str, text: str) -> None:
    with (folder / f"{name}.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n" + text.strip() + "\n")


def problems(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    return [str(p) for p in caught.value.problems]


def one_of(found: list[str], *needles: str) -> None:
    assert any(all(n in p for n in needles) for p in found), found


def test_the_real_content_is_valid() -> None:
    content = load_content(SOURCE)
    assert content.symptoms and content.forms and content.medicines


def test_unknown_group_id(folder: Path) -> None:
    append(
        folder,
        "medicines",
        '[[medicine]]\ngeneric = "testomycin"\nbrands = ["Testo"]\ngroup = "no-such-group"',
    )
    one_of(problems(folder), "medicines.toml", ".group", "unknown group id 'no-such-group'")


def test_unknown_study_in_a_claim(folder: Path) -> None:
    append(
        folder,
        "conditions",
        '[[condition]]\nid = "test-cond"\nname = "Test condition"\n'
        'meaning = "m"\nseverity = "low"\nadvice = "a"\nsources = ["no-such-study"]',
    )
    one_of(problems(folder), "conditions.toml", "sources", "unknown source id 'no-such-study'")


def test_claim_without_a_source(folder: Path) -> None:
    append(
        folder,
        "conditions",
        '[[condition]]\nid = "test-cond"\nname = "Test condition"\n'
        'meaning = "m"\nseverity = "low"\nadvice = "a"\nsources = []',
    )
    one_of(problems(folder), "conditions.toml", "sources", "needs at least one source")


def test_study_without_a_grade(folder: Path) -> None:
    append(
        folder,
        "studies",
        '[[study]]\nid = "nograde-2020"\ncitation = "X. Y."\nyear = 2020\n'
        'design = "RCT"\nsize = "10"\npopulation = "adults"\nfibromyalgia = false\n'
        'form = ""\ndose = ""\nduration = ""\noutcome = "o"\nfunding = ""',
    )
    one_of(problems(folder), "studies.toml", ".grade", "is missing")


def test_bad_grade_letter(folder: Path) -> None:
    append(
        folder,
        "studies",
        '[[study]]\nid = "badgrade-2020"\ncitation = "X. Y."\nyear = 2020\n'
        'design = "RCT"\nsize = "10"\npopulation = "adults"\nfibromyalgia = false\n'
        'form = ""\ndose = ""\nduration = ""\noutcome = "o"\nfunding = ""\ngrade = "B-"',
    )
    one_of(problems(folder), "studies.toml", "not an evidence grade")


def test_duplicate_brand(folder: Path) -> None:
    append(
        folder,
        "medicines",
        '[[medicine]]\ngeneric = "testomycin"\nbrands = ["FOSAMAX"]\ngroup = "bisphosphonates"',
    )
    one_of(problems(folder), "medicines.toml", "FOSAMAX", "duplicate medicine name or brand")


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        ("from_months = 48", "from_months = 50", "gap"),
        ("from_months = 48", "from_months = 40", "overlap"),
    ],
)
def test_dosage_gap_or_overlap(folder: Path, old: str, new: str, kind: str) -> None:
    path = folder / "dosage.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    one_of(problems(folder), "dosage.toml", "life_stage[", f"{kind} in ages")


def test_spacing_must_be_the_most_cautious(folder: Path) -> None:
    append(
        folder,
        "interactions",
        """
[[group]]
id = "test-group"
name = "test group"
mechanism = "m"
severity = "high"
likelihood = "l"
effect = "absorption"
consumer = "Take {name} 2 hours apart from magnesium."
clinician = "c"
sources = ["bagis-2013"]
before_hours = 2
after_hours = 2
[[group.spacing]]
source = "bagis-2013"
before_hours = 4
after_hours = 2
""",
    )
    one_of(problems(folder), "interactions.toml", "before_hours", "most cautious cited figure")


def test_advice_must_say_the_hours(folder: Path) -> None:
    append(
        folder,
        "interactions",
        """
[[group]]
id = "test-group"
name = "test group"
mechanism = "m"
severity = "high"
likelihood = "l"
effect = "absorption"
consumer = "Take {name} apart from magnesium."
clinician = "c"
sources = ["bagis-2013"]
before_hours = 3
[[group.spacing]]
source = "bagis-2013"
before_hours = 3
""",
    )
    one_of(problems(folder), "interactions.toml", "consumer", "number of hours")


def test_symptom_grade_no_stronger_than_its_evidence(folder: Path) -> None:
    path = folder / "symptoms.toml"
    text = path.read_text(encoding="utf-8")
    marker = 'id = "sleep"'
    assert marker in text
    head, tail = text.split(marker, 1)
    before_grade, after_grade = tail.split("grade = ", 1)
    tail = before_grade + 'grade = "A"' + after_grade[3:]
    path.write_text(head + marker + tail, encoding="utf-8")
    one_of(problems(folder), "symptoms.toml", "sleep", "stronger than its evidence allows")


def test_misspelt_key(folder: Path) -> None:
    append(
        folder,
        "conditions",
        '[[condition]]\nid = "test-cond"\nname = "Test condition"\n'
        'meaning = "m"\nseverity = "low"\nadvice = "a"\nsources = ["bagis-2013"]\n'
        'soruces = ["bagis-2013"]',
    )
    one_of(problems(folder), "conditions.toml", "soruces", "not a known key")


def test_invalid_toml(folder: Path) -> None:
    append(folder, "forms", "[[form]\nid = ")
    one_of(problems(folder), "forms.toml", "not valid TOML")


def test_missing_file(folder: Path) -> None:
    (folder / "questions.toml").unlink()
    one_of(problems(folder), "questions.toml", "file is missing")


def test_build_writes_nothing_from_broken_content(folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "content.sqlite"
    build(folder, target)
    before = target.read_bytes()
    append(folder, "medicines", '[[medicine]]\ngeneric = "x"\nbrands = []\ngroup = "nope"')
    with pytest.raises(ContentError):
        build(folder, target)
    assert target.read_bytes() == before
    assert [p.name for p in target.parent.iterdir()] == ["content.sqlite"]


def test_stale_when_toml_is_newer(folder: Path, tmp_path: Path) -> None:
    import os
    import time

    target = tmp_path / "content.sqlite"
    assert is_stale(folder, target)
    build(folder, target)
    assert not is_stale(folder, target)
    later = time.time() + 5
    os.utime(folder / "forms.toml", (later, later))
    assert is_stale(folder, target)
