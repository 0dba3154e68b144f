"""Elemental/compound conversion and tablet counts."""

from __future__ import annotations

import tomllib
from pathlib import Path

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


# ----- never rounded past the upper limit (#22, point 2)

FORMS_TOML = Path(__file__).resolve().parents[2] / "db" / "content" / "forms.toml"
SHIPPED = [
    (form["id"], size)
    for form in tomllib.loads(FORMS_TOML.read_text(encoding="utf-8"))["form"]
    for size in form.get("tablet_elemental_mg", [])
]
LIMITS = (65, 110, 350)  # the supplemental upper limits of the NIH table's rows


def test_every_shipped_form_with_tablets_is_covered() -> None:
    assert len(SHIPPED) >= 5 and {size for _, size in SHIPPED} >= {49, 62, 100, 120, 250}


@pytest.mark.parametrize(("form", "size"), SHIPPED, ids=[f"{f}-{s}" for f, s in SHIPPED])
def test_a_target_within_the_limit_never_becomes_a_count_above_it(form: str, size: int) -> None:
    for limit in LIMITS:
        for target in range(1, limit + 1):
            count = tablets_for(target, size, limit)
            assert count.total_mg <= limit, (form, size, limit, target)
            assert count.total_mg == count.tablets * size
            if count.rounded_down:
                # only when one more tablet would pass the limit, and the rest is said
                assert (count.tablets + 1) * size > limit and count.total_mg < target
                assert "doctor" in count.describe(target, limit)
                assert f"{count.total_mg} mg" in count.describe(target, limit)
            else:
                assert count.total_mg >= target  # the fewest whole tablets that reach it


def test_350_mg_with_120_mg_tablets_is_two_tablets_and_says_so() -> None:
    count = tablets_for(350, 120, 350)
    assert (count.tablets, count.total_mg, count.rounded_down) == (2, 240, True)
    text = count.describe(350, 350)
    assert "2 tablets of 120 mg = 240 mg" in text and "110 mg under" in text
    assert "360" in text and "doctor" in text


def test_a_tablet_larger_than_the_limit_gives_no_count() -> None:
    count = tablets_for(50, 250, 65)
    assert (count.tablets, count.total_mg, count.rounded_down) == (0, 0, True)
    assert "above the upper limit" in count.describe(50, 65)


def test_a_target_above_the_limit_the_user_chose_still_rounds_up() -> None:
    count = tablets_for(400, 120, 350)
    assert (count.tablets, count.total_mg, count.rounded_down) == (4, 480, False)
