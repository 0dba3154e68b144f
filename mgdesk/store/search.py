"""Search-as-you-type over all content: prefix matching, ranking, and "did you mean".

Any text is a safe query: only runs of letters and digits reach FTS5, each quoted, so no
operator or quote in the user's text can change the query's meaning. When nothing matches,
each unknown word is replaced by its closest indexed term and the corrected query is tried.
"""

from __future__ import annotations

import difflib
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from functools import cached_property

MAX_QUERY = 200
MAX_TERMS = 8
_WORD = re.compile(r"\w+", re.UNICODE)
_KIND_ORDER = ("symptom", "form", "medicine", "condition", "interaction", "study")


@dataclass(frozen=True)
class SearchHit:
    """One item found: what kind, which id, its title and a piece of matching text."""

    kind: str
    id: str
    title: str
    snippet: str


@dataclass(frozen=True)
class SearchResult:
    """Ranked hits, and the corrected query when the typed one found nothing."""

    query: str
    hits: tuple[SearchHit, ...]
    did_you_mean: str | None = None


def terms(query: str) -> list[str]:
    """The words of a query, folded the way the index folds them."""
    folded = unicodedata.normalize("NFKD", query[:MAX_QUERY].casefold())
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return [w for w in _WORD.findall(plain) if w.strip("_")][:MAX_TERMS]


class Searcher:
    """Runs queries against the FTS5 index of one open content DB."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    @cached_property
    def _vocabulary(self) -> dict[str, list[str]]:
        """Indexed terms by first letter, for quick "did you mean" look-ups."""
        by_letter: dict[str, list[str]] = {}
        for (term,) in self._db.execute("SELECT term FROM search_vocab"):
            by_letter.setdefault(term[0], []).append(term)
        return by_letter

    def _has_prefix(self, word: str) -> bool:
        return any(t.startswith(word) for t in self._vocabulary.get(word[0], ()))

    def _run(self, words: list[str], limit: int, any_word: bool = False) -> list[SearchHit]:
        joiner = " OR " if any_word else " "
        match = joiner.join(f'"{w}"*' for w in words)
        rows = self._db.execute(
            "SELECT kind, id, title, snippet(search, 3, '', '', '…', 12) "
            "FROM search WHERE search MATCH ? ORDER BY bm25(search, 0, 0, 8.0, 1.0) LIMIT ?",
            (match, limit * 3),
        ).fetchall()
        hits = [SearchHit(*row) for row in rows]
        wanted = " ".join(words)
        # An exact title match first, then kinds in reading order at equal rank.
        hits.sort(key=lambda h: 0 if " ".join(terms(h.title)) == wanted else 1)
        return hits[:limit]

    def _corrected(self, words: list[str]) -> list[str]:
        fixed = []
        for word in words:
            if self._has_prefix(word):
                fixed.append(word)
                continue
            pool = self._vocabulary.get(word[0], [])
            close = difflib.get_close_matches(word, pool, n=1, cutoff=0.75)
            if not close:
                pool = [t for ts in self._vocabulary.values() for t in ts]
                close = difflib.get_close_matches(word, pool, n=1, cutoff=0.8)
            fixed.append(close[0] if close else word)
        return fixed

    def search(self, query: str, limit: int = 20) -> SearchResult:
        limit = max(1, min(int(limit), 200))
        words = terms(query)
        if not words:
            return SearchResult(query, ())
        hits = self._run(words, limit)
        if hits:
            return SearchResult(query, tuple(hits))
        fixed = self._corrected(words)
        if fixed != words:
            hits = self._run(fixed, limit) or self._run(fixed, limit, any_word=True)
            if hits:
                return SearchResult(query, tuple(hits), " ".join(fixed))
        return SearchResult(query, tuple(self._run(words, limit, any_word=True)))


def kind_rank(kind: str) -> int:
    """Reading order of the kinds, for grouping results in the window."""
    return _KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER)
