"""Name matching that forgives case, accents, spaces and punctuation but never guesses.

"L-Thyroxine", "l thyroxine" and "LTHYROXINE" are one name; "levothyroxin" is not, and gets
suggestions instead of a silent match.
"""

from __future__ import annotations

import difflib
import functools
import unicodedata


@functools.lru_cache(maxsize=4096)
def normalise(name: str) -> str:
    """The comparison key of a name: folded case, no accents, letters and digits only.

    Remembered: every change of a visit matches its names again, and the names are few."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))


def clean_label(text: str, limit: int = 200) -> str:
    """A name as typed, trimmed, with control characters dropped, for echoing back safely."""
    kept = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    return " ".join(kept.split())[:limit]


def suggestions(name: str, candidates: dict[str, str], limit: int = 3) -> list[str]:
    """Display names whose keys are close to `name`; `candidates` maps key -> display name."""
    key = normalise(name)
    if not key:
        return []
    close = difflib.get_close_matches(key, list(candidates), n=limit * 3, cutoff=0.72)
    seen: list[str] = []
    for match in close:
        shown = candidates[match]
        if shown not in seen:
            seen.append(shown)
    return seen[:limit]
