"""Plan and journal wording at grade 8 or below: the sentences a patient reads in the My plan and
Journal tabs, and the plan and journal lines the handout prints, graded like the content texts.

The texts are read from the modules' source (every string and f-string, placeholders read as
"X"), so a sentence added later is graded too, with no list to keep up to date. Docstrings and
other bare string statements are for developers and are skipped; so is DESIGN.md's disclaimer,
whose wording is fixed there.
"""

from __future__ import annotations

import ast
import statistics
from pathlib import Path

import mgdesk
from mgdesk.domain.journal import DIARY_CAUTION
from mgdesk.domain.text import DISCLAIMER
from mgdesk.domain.trial import TRIAL_CAUTIONS
from mgdesk.store.readability import MEDIAN_LIMIT, MIN_WORDS, TEXT_LIMIT, grade, word_count

PACKAGE = Path(mgdesk.__file__).parent
MODULES = [
    *sorted((PACKAGE / "ui" / "plan").glob("*.py")),
    *sorted((PACKAGE / "ui" / "journal").glob("*.py")),
    *(PACKAGE / "domain" / f"{name}.py" for name in ("plan", "journal", "trial", "text")),
]
FIXED_WORDING = {DISCLAIMER}


def _texts(path: Path) -> list[tuple[str, str]]:
    """(where, text) for each string literal in `path` that a reader may see."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skip.add(id(node.value))  # a docstring or another bare string statement
        if isinstance(node, ast.JoinedStr):
            skip.update(id(part) for part in node.values)  # graded as the whole f-string
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.JoinedStr):
            text = "".join(
                str(part.value) if isinstance(part, ast.Constant) else "X" for part in node.values
            )
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        else:
            continue
        found.append((f"{path.relative_to(PACKAGE.parent)}:{node.lineno}", text))
    return found


def graded_texts() -> list[tuple[str, str, float]]:
    return [
        (where, text, grade(text))
        for path in MODULES
        for where, text in _texts(path)
        if word_count(text) >= MIN_WORDS and " ".join(text.split()) not in FIXED_WORDING
    ]


def test_the_collection_finds_the_plan_and_journal_cautions() -> None:
    texts = {text for _, text, _ in graded_texts()}
    assert len(texts) >= 50
    assert DIARY_CAUTION in texts
    assert set(TRIAL_CAUTIONS) <= texts
    assert DISCLAIMER not in texts


def test_plan_and_journal_wording_reads_at_grade_8_or_below() -> None:
    graded = graded_texts()
    median = statistics.median(value for _, _, value in graded)
    assert median <= MEDIAN_LIMIT, f"median grade {median:.1f} over {len(graded)} texts"
    hard = [
        f"{where} grade {value:.1f}: {text}" for where, text, value in graded if value > TEXT_LIMIT
    ]
    assert not hard, "\n".join(hard)
