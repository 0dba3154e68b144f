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
import sqlite3
from dataclasses import dataclass
from functools import cached_property

from mgdesk.store.search_text import content_words, sentence_words, stem

MAX_QUERY = 200
MAX_TERMS = 8
SNIPPET_CHARS = 170
LEAD_SENTENCES = 2  # the sentences that say what an item is, for a hit on its name
_KIND_ORDER = ("symptom", "topic", "form", "interaction", "condition", "medicine", "study")


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


class _Query:
    """The query's words and what meets each: a word equal to it or to its stem, or, for the
    last word (the one being typed), any word that starts with it or its stem."""

    def __init__(self, words_: list[str]) -> None:
        self.words = words_
        last = len(words_) - 1
        self._exact = [{w, stem(w)} for w in words_]
        self._prefix = [(w, stem(w)) if i == last else () for i, w in enumerate(words_)]

    def meets(self, token: str, stemmed: str) -> int:
        """Which query word a text word (and its stem) meets, by index, or -1."""
        for i, exact in enumerate(self._exact):
            prefix = self._prefix[i]
            if token in exact or stemmed in exact or (prefix and token.startswith(prefix)):
                return i
        return -1

    def missing_from(self, tokens: frozenset[str]) -> int:
        """How many query words none of `tokens` (indexed words and stems) meets."""
        missing = 0
        for i, exact in enumerate(self._exact):
            prefix = self._prefix[i]
            if exact.isdisjoint(tokens) and not (
                prefix and any(t.startswith(prefix) for t in tokens)
            ):
                missing += 1
        return missing


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
Words = tuple[tuple[int, int, str, str], ...]  # start, end, folded word, its stem


def _sentence_words(sentence: str, stems: str) -> Words:
    spans = sentence_words(sentence)
    return tuple((a, b, w, st) for (a, b, w), st in zip(spans, stems.split(), strict=False))


@dataclass
class _Target:
    """What ranking and snippets need of one indexed item, read once and kept."""

    kind: str
    id: str
    title: str
    phrases: frozenset[str]
    named: frozenset[str]
    sentences_json: str
    _sentences: tuple[tuple[str, Words], ...] | None = None

    @property
    def sentences(self) -> tuple[tuple[str, Words], ...]:
        """The readable sentences with their words, cut into words on first use."""
        if self._sentences is None:
            texts = json.loads(self.sentences_json)
            self._sentences = tuple((t, _sentence_words(t, st)) for t, st in texts)
        return self._sentences


def snippet_of(
    sentences: tuple[tuple[str, Words], ...], query: _Query, by_name: bool = False
) -> tuple[str, Marks]:
    """The sentence holding most query words (the first sentence when none does), cut to a
    readable length around the first match, and where the matched words are. An item found
    by its name or a lay term (`by_name`) is shown by its opening sentences, what it is,
    rather than by a remark deep in its text that happens to hold the word."""
    best: str = ""
    best_marks: Marks = ()
    best_count = -1
    for sentence, found in sentences[:LEAD_SENTENCES] if by_name else sentences:
        marks = []
        met = set()
        for start, end, token, stemmed in found:
            which = query.meets(token, stemmed)
            if which >= 0:
                marks.append((start, end))
                met.add(which)
        if len(met) > best_count:
            best, best_marks, best_count = sentence, tuple(marks), len(met)
            if best_count == len(query.words):
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
        starts = (word, stem(word))
        return any(t.startswith(starts) for t, _ in self._vocabulary.get(word[0], ()))

    def _completion(self, word: str) -> str:
        """The commonest word that starts with `word` (the word itself if the content has it)."""
        found = [(docs, t) for t, docs in self._vocabulary.get(word[0], ()) if t.startswith(word)]
        if not found or any(t == word for _, t in found):
            return word
        return max(found)[1]

    @cached_property
    def _targets(self) -> dict[int, _Target]:
        """Every indexed item by rowid, read on the first search (a few milliseconds)."""
        rows = self._db.execute(
            "SELECT rowid, kind, id, title, sentences, phrases, name, lay FROM search"
        )
        return {
            row[0]: _Target(
                row[1],
                row[2],
                row[3],
                frozenset(row[5].split("|")),
                frozenset(f"{row[6]} {row[7]}".split()),
                row[4],
            )
            for row in rows
        }

    def _run(self, words_: list[str], limit: int, any_word: bool = False) -> list[SearchHit]:
        found = self._db.execute(
            "SELECT rowid, bm25(search, 0, 0, 0, 0, 0, 10.0, 6.0, 1.0) FROM search "
            "WHERE search MATCH ? ORDER BY 2 LIMIT ?",
            (_fts_query(words_, any_word), limit * 2 + 10),
        ).fetchall()
        stems = " ".join(stem(w) for w in words_)
        query = _Query(words_)
        targets = self._targets

        named: set[int] = set()

        def order(row: tuple[int, float]) -> tuple[int, int, int, float]:
            """The title or a lay term that is the query first; then by how many query words
            miss the title and lay terms (found in body text only, or not at all); among hits
            on names the kinds keep reading order, elsewhere relevance decides, studies last."""
            target = targets[row[0]]
            missing = query.missing_from(target.named)
            if missing == 0:
                named.add(row[0])
            kind = kind_rank(target.kind) if missing == 0 else int(target.kind == "study")
            return (0 if stems in target.phrases else 1, missing, kind, row[1])

        hits = []
        for rowid, _ in sorted(found, key=order)[:limit]:
            target = targets[rowid]
            snippet, marks = snippet_of(target.sentences, query, rowid in named)
            hits.append(SearchHit(target.kind, target.id, target.title, snippet, marks))
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
