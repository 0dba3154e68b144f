"""Elemental/compound conversion and tablet counts."""

from __future__ import annotations

import pytest

from mgdesk.domain.conversion import (
    check_mg,
    compound_from_elemental,
    elemental_from_compound,
    tablets_for,
)
from mgdesk.domain.errors import InputError


def test_glycinate_example_from_facts() -> None:
    # facts.md: 200 mg elemental as bisglycinate is about 1,419 mg of compound (14.1 %)
    assert round(compound_from_elemental(200, 14.1)) == 1418


def test_oxide_example_from_facts() -> None:
    # facts.md: 500 mg MgO carries about 302 mg magnesium
    assert round(elemental_from_compound(500, 60.3)) == 302


def test_round_trip() -> None:
    assert elemental_from_compound(compound_from_elemental(123.0, 11.3), 11.3) == pytest.approx(123)


@pytest.mark.parametrize("bad", [0, -5, "x", "", float("inf"), float("nan"), 1e9, True, None])
def test_bad_amounts(bad: object) -> None:
    with pytest.raises(InputError):
        check_mg(bad)


def test_amount_text_with_thousands_separator() -> None:
    assert check_mg("1,000") == 1000.0


@pytest.mark.parametrize("percent", [0, -1, 101])
def test_bad_percent(percent: float) -> None:
    with pytest.raises(InputError):
        compound_from_elemental(100, percent)


@pytest.mark.parametrize(
    ("target", "size", "tablets", "total"),
    [(300, 100, 3, 300), (300, 120, 3, 360), (350, 200, 2, 400), (50, 200, 1, 200)],
)
def test_tablets_round_up(target: float, size: int, tablets: int, total: int) -> None:
    count = tablets_for(target, size)
    assert (count.tablets, count.total_mg) == (tablets, total)
