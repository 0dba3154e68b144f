"""Search quality on a set of queries with known answers: success@3 and mean reciprocal rank.

Shared by the test that holds search to its goal and by `make bench`, which prints both.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from mgdesk.store.search import SearchResult

TOP = 3


class Searchable(Protocol):
    def search(self, query: str, limit: int = 20) -> SearchResult: ...


@dataclass(frozen=True)
class Quality:
    """How well a query set was answered; `missed` lists the queries not in the top 3."""

    queries: int
    success_at_3: float
    mrr: float
    missed: tuple[str, ...]


def read_queries(path: Path) -> list[tuple[str, frozenset[str]]]:
    """(query, "kind:id" answers of which one must be in the top 3), comments skipped."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        query, expected = line.split("\t")
        rows.append((query, frozenset(expected.split(","))))
    return rows


def rank_of(content: Searchable, query: str, expected: frozenset[str]) -> int | None:
    """1-based rank of the first expected hit in the top 10, or None."""
    hits = content.search(query, 10).hits
    return next((i + 1 for i, h in enumerate(hits) if f"{h.kind}:{h.id}" in expected), None)


def evaluate(content: Searchable, rows: list[tuple[str, frozenset[str]]]) -> Quality:
    ranks = [rank_of(content, query, expected) for query, expected in rows]
    missed = tuple(q for (q, _), r in zip(rows, ranks, strict=True) if r is None or r > TOP)
    return Quality(
        queries=len(rows),
        success_at_3=1 - len(missed) / len(rows),
        mrr=sum(1 / r for r in ranks if r) / len(rows),
        missed=missed,
    )
