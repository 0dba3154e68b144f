"""Finding glossary words in a text, so the window and the handout explain every medical word.

The terms live in `db/content/glossary.toml`. `WATCH` is the curated list of medical and study
words a patient may not know: when a text uses one, some glossary term must match it, or the
build fails. It lives in code rather than in the glossary file, so that a word cannot leave
both the watch list and the glossary in one edit without a reviewed code change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

WATCH = (
    "absorption",
    "AI",
    "antacid",
    "ATP",
    "bisphosphonate",
    "blinded",
    "cardiac arrest",
    "case history",
    "case stories",
    "case-control",
    "celiac disease",
    "chelate",
    "control group",
    "controls",
    "Crohn's disease",
    "crossover",
    "cross-sectional",
    "deficiency",
    "dialysis",
    "diuretic",
    "double-blind",
    "EGF-receptor",
    "elemental",
    "FDA",
    "fibro fog",
    "glutamate",
    "glycine",
    "IBS",
    "insulin resistance",
    "intravenous",
    "laxative",
    "malabsorption",
    "malic acid",
    "meta-analysis",
    "NMDA",
    "ODS",
    "open-label",
    "PCr",
    "phosphocreatine",
    "pilot",
    "placebo",
    "PPI",
    "randomised",
    "randomized",
    "RDA",
    "receptor",
    "regional enteritis",
    "serum",
    "single-blind",
    "subgroup",
    "supplemental",
    "symptom score",
    "tender point",
    "upper limit",
)


@dataclass(frozen=True)
class GlossaryTerm:
    """One medical word, the forms it takes in text, and a plain definition with its sources."""

    id: str
    term: str
    matches: tuple[str, ...]
    definition: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Mark:
    """Where a glossary word stands in a text: [start, end) and the term that explains it."""

    start: int
    end: int
    term: str


def _is_abbreviation(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return len(letters) > 1 and sum(c.isupper() for c in letters) > 1


@lru_cache(maxsize=512)
def pattern(form: str) -> re.Pattern[str]:
    """The form as a whole word, plural allowed; abbreviations (ATP, AI) match case exactly."""
    flags = 0 if _is_abbreviation(form) else re.IGNORECASE
    escaped = re.escape(form).replace("'", "['’]")
    return re.compile(rf"(?<![\w-]){escaped}(?:s|es)?(?![\w])", flags)


def find(text: str, terms: Sequence[GlossaryTerm]) -> list[Mark]:
    """Every glossary word in `text`, longest match first, never overlapping, in text order."""
    candidates = []
    for term in terms:
        for form in term.matches:
            for m in pattern(form).finditer(text):
                candidates.append(Mark(m.start(), m.end(), term.id))
    candidates.sort(key=lambda m: (-(m.end - m.start), m.start))
    taken: list[Mark] = []
    for mark in candidates:
        if all(mark.end <= t.start or mark.start >= t.end for t in taken):
            taken.append(mark)
    return sorted(taken, key=lambda m: m.start)


def used_terms(texts: Iterable[str], terms: Sequence[GlossaryTerm]) -> list[str]:
    """The ids of the terms the texts use, in glossary order (what a handout's glossary lists)."""
    found: set[str] = set()
    for text in texts:
        found.update(m.term for m in find(text, terms))
    return [t.id for t in terms if t.id in found]


def watched_words(text: str) -> list[str]:
    """The watch-list words that occur in `text`."""
    return [word for word in WATCH if pattern(word).search(text)]


def covers(term: GlossaryTerm, word: str) -> bool:
    """True when the term explains the watch word (one of its forms is that word)."""
    return any(form.casefold() == word.casefold() for form in term.matches)
