"""Search-as-you-type over all content, in patients' words: word forms, lay terms, topics.

Any text is a safe query: only runs of letters and digits reach FTS5, each quoted, so no
operator or quote in the user's text can change the query's meaning. Each word matches as a
prefix ("glycin" finds glycinate), as written or by its stem ("cramping" meets "cramps"). Hits
on a title or a lay term rank above hits in body text; symptoms and topics come first among
those. When nothing matches, each unknown word is replaced by the closest word the content
holds (never a stem) and that query is offered as "did you mean".
"""

from __future__ import annotations

import difflib
import json
import re
import sqlite3
from dataclasses import dataclass
from functools import cached_property

from mgdesk.store.search_text import content_words, stem, words

MAX_QUERY = 200
MAX_TERMS = 8
SNIPPET_CHARS = 170
_KIND_ORDER = ("symptom", "topic", "form", "interaction", "condition", "medicine", "study")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD_SPAN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)


@dataclass(frozen=True)
class SearchHit:
    """One item found: what kind, which id, its title, and a readable sentence from it with
    the matched words' spans (`marks`, start and end offsets into `snippet`)."""

    kind: str
    id: str
    title: str
    snippet: str
    marks: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class SearchResult:
    """Ranked hits, and the corrected query when the typed one found nothing."""

    query: str
    hits: tuple[SearchHit, ...]
    did_you_mean: str | None = None


def terms(query: str) -> list[str]:
    """The words of a query that say what it is about, folded the way the index folds them."""
    return content_words(query[:MAX_QUERY])[:MAX_TERMS]


def _matches(token: str, word: str, prefix: bool = True) -> bool:
    """Does an indexed word meet a query word, as written or by its stem (as a prefix of the
    indexed word when `prefix`: the word being typed)?"""
    if prefix:
        return token.startswith(word) or token.startswith(stem(word))
    return token in (word, stem(word))


def _fts_query(words_: list[str], any_word: bool) -> str:
    """Every word as written or by its stem; only the last one, still being typed, as a
    prefix ("tingly hands" must not find "handout", "glycin" must find glycinate)."""
    parts = []
    for i, word in enumerate(words_):
        star = "*" if i == len(words_) - 1 else ""
        forms = dict.fromkeys((word, stem(word)))
        parts.append("(" + " OR ".join(f'"{f}"{star}' for f in forms) + ")")
    return (" OR " if any_word else " AND ").join(parts)


Marks = tuple[tuple[int, int], ...]


def snippet_of(sentences: list[str], query_words: list[str]) -> tuple[str, Marks]:
    """The sentence holding most query words (the first sentence when none does), cut to a
    readable length around the first match, and where the matched words are."""
    best: str = ""
    best_marks: Marks = ()
    best_count = -1
    for text in sentences:
        for sentence in _SENTENCE_END.split(text.strip()):
            marks = tuple(
                (m.start(), m.end())
                for m in _WORD_SPAN.finditer(sentence)
                if any(_matches(w, q) for w in words(m.group()) for q in query_words)
            )
            count = len({sentence[a:b].casefold() for a, b in marks})
            if count > best_count:
                best, best_marks, best_count = sentence, marks, count
        if best_count == len(query_words):
            break
    best = best[:1].upper() + best[1:]  # a sentence led by a group name ("loop diuretics")
    if len(best) <= SNIPPET_CHARS:
        return best, best_marks
    start = 0
    if best_marks and best_marks[0][1] > SNIPPET_CHARS - 20:
        start = best.rfind(" ", 0, best_marks[0][0] - 40) + 1
    end = best.rfind(" ", start, start + SNIPPET_CHARS)
    end = end if end > start else start + SNIPPET_CHARS
    head = "…" if start else ""
    shift = len(head) - start
    cut = head + best[start:end].rstrip(",;:") + "…"
    kept = tuple((a + shift, b + shift) for a, b in best_marks if a >= start and b <= end)
    return cut, kept


class Searcher:
    """Runs queries against the FTS5 index of one open content DB."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    @cached_property
    def _vocabulary(self) -> dict[str, list[tuple[str, int]]]:
        """Words as written in the content with their target counts, by first letter."""
        by_letter: dict[str, list[tuple[str, int]]] = {}
        for word, docs in self._db.execute("SELECT word, docs FROM search_word"):
            by_letter.setdefault(word[0], []).append((word, docs))
        return by_letter

    def _known(self, word: str) -> bool:
        """A word the content holds, or the start of one, as written or by its stem."""
        pool = self._vocabulary.get(word[0], ())
        return any(_matches(t, word) for t, _ in pool)

    def _completion(self, word: str) -> str:
        """The commonest word that starts with `word` (the word itself if the content has it)."""
        found = [(docs, t) for t, docs in self._vocabulary.get(word[0], ()) if t.startswith(word)]
        if not found or any(t == word for _, t in found):
            return word
        return max(found)[1]

    def _run(self, words_: list[str], limit: int, any_word: bool = False) -> list[SearchHit]:
        rows = self._db.execute(
            "SELECT kind, id, title, sentences, phrases, name, lay, "
            "bm25(search, 0, 0, 0, 0, 0, 10.0, 6.0, 1.0) FROM search WHERE search MATCH ? "
            "ORDER BY 8 LIMIT ?",
            (_fts_query(words_, any_word), limit * 4),
        ).fetchall()
        wanted = " ".join(words_)
        stems = " ".join(stem(w) for w in words_)

        last = len(words_) - 1

        def order(row: tuple[str, ...]) -> tuple[int, int, int, float]:
            """The title or a lay term that is the query first; then by how many query words
            miss the title and lay terms (found in body text only, or not at all); among hits
            on names the kinds keep reading order, elsewhere relevance decides, studies last."""
            phrases = row[4].split("|")
            exact = wanted in phrases or any(
                " ".join(map(stem, p.split())) == stems for p in phrases
            )
            named = f"{row[5]} {row[6]}".split()
            missing = sum(
                not any(_matches(t, w, i == last) for t in named) for i, w in enumerate(words_)
            )
            kind = kind_rank(row[0]) if missing == 0 else int(row[0] == "study")
            return (0 if exact else 1, missing, kind, float(row[7]))

        hits = []
        for row in sorted(rows, key=order)[:limit]:
            snippet, marks = snippet_of(json.loads(row[3]), words_)
            hits.append(SearchHit(row[0], row[1], row[2], snippet, marks))
        return hits

    def _corrected(self, words_: list[str]) -> list[str]:
        """Each unknown word replaced by the closest word the content holds that starts with the
        same letter (a typo rarely changes the first letter), or left as it is."""
        fixed = []
        for word in words_:
            if len(word) < 3 or self._known(word):
                fixed.append(word)
                continue
            pool = [t for t, _ in self._vocabulary.get(word[0], ()) if len(t) > 2]
            close = difflib.get_close_matches(word, pool, n=1, cutoff=0.75)
            fixed.append(close[0] if close else word)
        return fixed

    def search(self, query: str, limit: int = 20) -> SearchResult:
        limit = max(1, min(int(limit), 200))
        words_ = terms(query)
        if not words_:
            return SearchResult(query, ())
        hits = self._run(words_, limit)
        if hits:
            return SearchResult(query, tuple(hits))
        fixed = self._corrected(words_)
        if fixed != words_:
            hits = self._run(fixed, limit)
            if hits:
                shown = " ".join(self._completion(w) for w in fixed)
                return SearchResult(query, tuple(hits), shown)
        return SearchResult(query, tuple(self._run(words_, limit, any_word=True)))


def kind_rank(kind: str) -> int:
    """Reading order of the kinds, for ranking and for grouping results in the window."""
    return _KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER)
