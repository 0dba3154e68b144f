"""The glossary: words found in text as a reader sees them, and the build's refusals."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from mgdesk import paths
from mgdesk.domain.glossary import WATCH, GlossaryTerm, find, used_terms, watched_words
from mgdesk.store.content_build import build
from mgdesk.store.content_db import ContentDB
from mgdesk.store.content_load import ContentError, load_content

SOURCE = paths.content_source_dir()
assert SOURCE is not None

TERMS = [
    GlossaryTerm("nmda", "NMDA receptor", ("NMDA receptor", "NMDA"), "A switch.", ("x",)),
    GlossaryTerm("receptor", "receptor", ("receptor",), "A lock.", ("x",)),
    GlossaryTerm("atp", "ATP", ("ATP",), "Energy.", ("x",)),
    GlossaryTerm("crohn", "Crohn's disease", ("Crohn's disease",), "Gut.", ("x",)),
    GlossaryTerm("placebo", "placebo", ("placebo",), "Dummy pill.", ("x",)),
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(SOURCE, target)
    return target


def problems(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    return [str(p) for p in caught.value.problems]


def drop_term(folder: Path, ident: str) -> None:
    path = folder / "glossary.toml"
    blocks = path.read_text("utf-8").split("\n[[term]]\n")
    kept = [b for b in blocks if not b.startswith(f'id = "{ident}"\n')]
    assert len(kept) == len(blocks) - 1
    path.write_text("\n[[term]]\n".join(kept), "utf-8")


def test_longest_form_wins_and_marks_never_overlap() -> None:
    text = "Magnesium blocks NMDA receptors; another receptor binds ATP."
    marks = find(text, TERMS)
    assert [(text[m.start : m.end], m.term) for m in marks] == [
        ("NMDA receptors", "nmda"),
        ("receptor", "receptor"),
        ("ATP", "atp"),
    ]


def test_abbreviations_match_case_exactly_words_do_not() -> None:
    assert find("atp and Placebo-controlled", TERMS)[0].term == "placebo"
    assert len(find("atp and Placebo-controlled", TERMS)) == 1


def test_whole_words_only_and_typographic_apostrophes() -> None:
    assert find("placebos", TERMS)[0].end == len("placebos")
    assert find("placeboish", TERMS) == []
    assert find("Crohn’s disease", TERMS)[0].term == "crohn"


def test_used_terms_keep_glossary_order() -> None:
    assert used_terms(["ATP, then placebo", "NMDA"], TERMS) == ["nmda", "atp", "placebo"]


def test_watched_words_are_found() -> None:
    assert "dialysis" in watched_words("People on dialysis were left out.")
    assert "blinded" not in watched_words("an unblinded study")


def test_the_real_glossary_loads_and_round_trips(tmp_path: Path) -> None:
    content = load_content(SOURCE)
    assert {"placebo", "elemental-magnesium", "nmda", "bisphosphonate", "randomized"} <= {
        t.id for t in content.glossary
    }
    target = tmp_path / "content.sqlite"
    build(SOURCE, target)
    db = ContentDB(target)
    try:
        assert db.glossary == content.glossary
    finally:
        db.close()


def test_every_watch_word_is_a_plain_word_or_abbreviation() -> None:
    assert len(set(WATCH)) == len(WATCH)
    assert all(re.fullmatch(r"[\w' -]+", w) for w in WATCH)


def test_a_term_used_nowhere_fails(folder: Path) -> None:
    with (folder / "glossary.toml").open("a", encoding="utf-8") as handle:
        handle.write(
            '\n[[term]]\nid = "bioavailability"\nterm = "bioavailability"\n'
            'matches = ["bioavailability"]\ndefinition = "How much of a pill the body can use."\n'
            'sources = ["ods-hp"]\n'
        )
    found = problems(folder)
    assert "glossary.toml: term[46] bioavailability: 'bioavailability' is used in no text" in found


def test_a_medical_word_without_a_definition_fails(folder: Path) -> None:
    drop_term(folder, "dialysis")
    found = problems(folder)
    assert (
        "conditions.toml: condition[0] kidney-disease.meaning: uses the medical word "
        "'dialysis', which glossary.toml does not define"
    ) in found


def test_a_new_medical_word_in_a_text_must_be_defined(folder: Path) -> None:
    path = folder / "questions.toml"
    text = path.read_text("utf-8")
    path.write_text(text.replace('text = "', 'text = "Is there a meta-analysis? ', 1), "utf-8")
    drop_term(folder, "meta-analysis")
    found = problems(folder)
    assert (
        "questions.toml: question[0] how-judge.text: uses the medical word "
        "'meta-analysis', which glossary.toml does not define"
    ) in found


def test_a_hard_definition_fails(folder: Path) -> None:
    path = folder / "glossary.toml"
    text = path.read_text("utf-8").replace(
        'definition = "A dummy pill with no active drug in it.',
        'definition = "A pharmacologically inert preparation administered indistinguishably.',
    )
    path.write_text(text, "utf-8")
    found = problems(folder)
    assert any(
        p.startswith("glossary.toml: term[5] placebo.definition: reads at grade") for p in found
    )


def test_one_form_belongs_to_one_term(folder: Path) -> None:
    path = folder / "glossary.toml"
    text = path.read_text("utf-8").replace(
        'matches = ["receptor"]', 'matches = ["receptor", "NMDA"]'
    )
    path.write_text(text, "utf-8")
    found = problems(folder)
    assert any("duplicate form" in p and "'NMDA'" in p for p in found), found


def test_a_definition_needs_known_sources(folder: Path) -> None:
    path = folder / "glossary.toml"
    text = path.read_text("utf-8").replace(
        'sources = ["littlejohn-2017"]', 'sources = ["no-such-source"]'
    )
    path.write_text(text, "utf-8")
    found = problems(folder)
    assert any("unknown source id 'no-such-source'" in p for p in found), found
