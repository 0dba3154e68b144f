"""The glossary's two refusals: a term no text uses, and a medical word used but never defined.

Both look at every text a patient can see: the graded patient texts, the study cards' technical
fields (design, size, population, outcome, caveat), the names of symptoms, forms, groups and
conditions, and the dosage table's RDA/AI labels. A
definition must itself be plain (grade 8 or below), or it explains nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mgdesk.domain.glossary import covers, find, watched_words
from mgdesk.store import readability
from mgdesk.store.content_problem import Problem

if TYPE_CHECKING:
    from mgdesk.store.content_load import Content

DEFINITION_LIMIT = 8.0


def glossary_texts(content: Content) -> Iterator[readability.Text]:
    """Every text the glossary must explain, with the key a build error names."""
    yield from readability.patient_texts(content)
    named: list[tuple[str, str, list[tuple[str, str]]]] = [
        ("symptoms", "symptom", [(s.id, s.name) for s in content.symptoms]),
        ("forms", "form", [(f.id, f.name) for f in content.forms]),
        ("interactions", "group", [(g.id, g.name) for g in content.groups]),
        ("conditions", "condition", [(c.id, c.name) for c in content.conditions]),
    ]
    for file, kind, items in named:
        for i, (ident, name) in enumerate(items):
            yield readability.Text(file, f"{kind}[{i}] {ident}.name", name)
    for i, st in enumerate(content.studies):
        where = f"study[{i}] {st.id}"
        for name in ("design", "size", "population", "outcome", "caveat"):
            yield readability.Text("studies", f"{where}.{name}", getattr(st, name))
    for i, stage in enumerate(content.dosage.stages):
        yield readability.Text("dosage", f"life_stage[{i}].kind", stage.kind)


def check(content: Content) -> list[Problem]:
    terms = content.glossary
    problems: list[Problem] = []
    used: set[str] = set()
    for text in glossary_texts(content):
        used.update(m.term for m in find(text.text, terms))
        for word in watched_words(text.text):
            if not any(covers(t, word) for t in terms):
                problems.append(
                    Problem(
                        text.file,
                        text.key,
                        f"uses the medical word {word!r}, which glossary.toml does not define",
                    )
                )
    for i, term in enumerate(terms):
        where = f"term[{i}] {term.id}"
        if term.id not in used:
            problems.append(Problem("glossary", where, f"{term.term!r} is used in no text"))
        value = readability.grade(term.definition)
        if value > DEFINITION_LIMIT:
            problems.append(
                Problem(
                    "glossary",
                    f"{where}.definition",
                    f"reads at grade {value:.1f}; a definition must be at grade "
                    f"{DEFINITION_LIMIT:g} or below",
                )
            )
    return problems
