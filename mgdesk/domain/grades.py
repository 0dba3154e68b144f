"""The A-D evidence scale, ordered so that "no stronger than" is a comparison."""

from collections.abc import Iterable

GRADES = ("A", "B", "C", "D")


def is_grade(value: object) -> bool:
    """True for one of the four letters; anything else is not a grade."""
    return isinstance(value, str) and value in GRADES


def rank(grade: str) -> int:
    """0 for the strongest (A) to 3 for the weakest (D)."""
    return GRADES.index(grade)


def strongest(grades: Iterable[str]) -> str | None:
    """The best grade among several, or None when there are none."""
    ordered = sorted(grades, key=rank)
    return ordered[0] if ordered else None


def weaker_of(a: str, b: str) -> str:
    """The weaker of two grades: used to cap a claim at what its evidence allows."""
    return a if rank(a) >= rank(b) else b
