"""The lay-terms table is reviewed content: the build refuses a term or topic that points wrong."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mgdesk import paths
from mgdesk.store.content_load import ContentError, load_content

SOURCE = paths.content_source_dir()
assert SOURCE is not None


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(SOURCE, target)
    return target


def problems_after(folder: Path, text: str) -> list[str]:
    with (folder / "lay_terms.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n" + text.strip() + "\n")
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    return [str(p) for p in caught.value.problems]


def test_the_real_lay_terms_load_and_every_topic_is_a_target() -> None:
    content = load_content(SOURCE)
    assert content.lay_terms and content.topics
    assert {t.id for t in content.topics} >= {
        "dosage-rda",
        "dosage-upper-limit",
        "dosage-pregnancy",
        "dosage-lactation",
        "dosage-children",
        "dosage-older-age",
        "converter",
        "plan",
        "journal",
        "pain-map",
        "handout",
    }


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("symptoms", "symptom"),
        ("forms", "form"),
        ("groups", "group"),
        ("conditions", "condition"),
        ("topics", "topic"),
    ],
)
def test_an_unknown_id_names_the_file_and_key(folder: Path, key: str, kind: str) -> None:
    found = problems_after(folder, f'[[term]]\nwords = ["test word"]\n{key} = ["no-such-id"]')
    assert any(
        p.startswith("lay_terms.toml: term[") and f".{key}: unknown {kind} id 'no-such-id'" in p
        for p in found
    ), found


def test_a_term_that_points_at_nothing(folder: Path) -> None:
    found = problems_after(folder, '[[term]]\nwords = ["lonely word"]')
    assert any("lay_terms.toml" in p and "points at nothing" in p for p in found), found


def test_a_misspelt_key_in_a_term(folder: Path) -> None:
    found = problems_after(folder, '[[term]]\nwords = ["x"]\nsymptom = ["sleep"]')
    assert any("lay_terms.toml" in p and "symptom: is not a known key" in p for p in found), found


def test_a_topic_on_an_unknown_tab(folder: Path) -> None:
    found = problems_after(
        folder,
        '[[topic]]\nid = "test-topic"\ntitle = "T"\ntab = "settings"\nfocus = "x"\n'
        'text = "A sentence."\nterms = ["t"]',
    )
    assert any("lay_terms.toml" in p and ".tab: 'settings' is not one of" in p for p in found)


def test_a_duplicate_topic_id(folder: Path) -> None:
    found = problems_after(
        folder,
        '[[topic]]\nid = "plan"\ntitle = "T"\ntab = "plan"\nfocus = "x"\n'
        'text = "A sentence."\nterms = ["t"]',
    )
    assert any("lay_terms.toml" in p and "duplicate topic id" in p for p in found), found
