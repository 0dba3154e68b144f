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
    def _vocabulary(self) -> dict[str, list[tuple[str, int]]]:
        """Indexed terms with their document counts, by first letter, for "did you mean"."""
        by_letter: dict[str, list[tuple[str, int]]] = {}
        for term, docs in self._db.execute("SELECT term, doc FROM search_vocab"):
            by_letter.setdefault(term[0], []).append((term, docs))
        return by_letter

    def _terms_from(self, letter: str) -> list[str]:
        return [t for t, _ in self._vocabulary.get(letter, ())]

    def _has_prefix(self, word: str) -> bool:
        return any(t.startswith(word) for t in self._terms_from(word[0]))

    def _completion(self, word: str) -> str:
        """The commonest indexed term that starts with `word` (the word itself if indexed)."""
        found = [(docs, t) for t, docs in self._vocabulary.get(word[0], ()) if t.startswith(word)]
        if not found or any(t == word for _, t in found):
            return word
        return max(found)[1]

    def _run(self, words: list[str], limit: int, any_word: bool = False) -> list[SearchHit]:
        joiner = " OR " if any_word else " "
        match = joiner.join(f'"{w}"*' for w in words)
        rows = self._db.execute(
            "SELECT kind, id, title, snippet(search, 3, '', '', '…', 12), "
            "bm25(search, 0, 0, 8.0, 1.0) FROM search WHERE search MATCH ? "
            "ORDER BY 5 LIMIT ?",
            (match, limit * 4),
        ).fetchall()
        wanted = " ".join(words)

        def title_level(title: str) -> int:
            """0: the title is the query; 1: every word starts a title word; 2: elsewhere."""
            title_words = terms(title)
            if " ".join(title_words) == wanted:
                return 0
            if all(any(t.startswith(w) for t in title_words) for w in words):
                return 1
            return 2

        def order(row: tuple[str, str, str, str, float]) -> tuple[int, int, float]:
            level = title_level(row[2])
            # Among title matches the kinds keep reading order; elsewhere relevance decides.
            return (level, kind_rank(row[0]) if level < 2 else 0, row[4])

        ranked = sorted(rows, key=order)
        return [
            SearchHit(kind, ident, title, snippet) for kind, ident, title, snippet, _ in ranked
        ][:limit]

    def _corrected(self, words: list[str]) -> list[str]:
        fixed = []
        for word in words:
            if self._has_prefix(word):
                fixed.append(word)
                continue
            pool = self._terms_from(word[0])
            close = difflib.get_close_matches(word, pool, n=1, cutoff=0.75)
            if not close:
                pool = [t for ts in self._vocabulary.values() for t, _ in ts]
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
                shown = " ".join(self._completion(w) for w in fixed)
                return SearchResult(query, tuple(hits), shown)
        return SearchResult(query, tuple(self._run(words, limit, any_word=True)))


def kind_rank(kind: str) -> int:
    """Reading order of the kinds, for grouping results in the window."""
    return _KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER)
