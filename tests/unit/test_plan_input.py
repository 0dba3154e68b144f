"""The plan tab's entries: when a label line is asked about, units a day, times, keep-away spans."""

from __future__ import annotations

from typing import Any

import pytest

from mgdesk.domain.errors import InputError
from mgdesk.domain.labels import parse_label
from mgdesk.domain.plan import ScheduledMedicine
from mgdesk.domain.plan_input import (
    basis_question,
    describe_window,
    keep_away_windows,
    parse_per_day,
    parse_times,
)


def question_for(content: Any, line: str, per_day: float = 1.0) -> Any:
    reading = parse_label(line, content.forms, content.products, per_day)
    return basis_question(reading, content.forms, content.products, per_day)


@pytest.mark.parametrize(
    "line, compound_mg, elemental_mg",
    [
        ("Magnesium citrate 200 mg", 32.4, 200.0),
        ("Magnesium citrate 200 mg, 2 capsules", 64.8, 400.0),
        ("Magnesium oxide 400 mg", 241.2, 400.0),
    ],
)
def test_a_compound_per_tablet_is_asked_about(
    content: Any, line: str, compound_mg: float, elemental_mg: float
) -> None:
    question = question_for(content, line)
    assert question is not None
    assert question.compound.elemental_mg_per_day == pytest.approx(compound_mg)
    assert question.elemental.elemental_mg_per_day == pytest.approx(elemental_mg)
    assert question.compound.basis == "compound" and question.elemental.basis == "elemental"
    # The answer is a label line the reader counts that way on its own (CLI, handout).
    again = parse_label(question.elemental_label, content.forms, content.products)
    assert again.elemental_mg_per_day == pytest.approx(elemental_mg)
    assert "or the magnesium itself" in question.text


@pytest.mark.parametrize(
    "line",
    [
        "Magnesium (as glycinate) 200 mg",
        "magnesium 250 mg",
        "magnesium hydroxide 400 mg per 5 mL, 10 mL",
        "magnesium citrate 1.745 g per 30 mL",
        "Milk of magnesia, 10 mL",
        "Epsom salt",
    ],
)
def test_lines_that_read_one_way_are_not_asked_about(content: Any, line: str) -> None:
    assert question_for(content, line) is None


def test_units_a_day() -> None:
    assert parse_per_day("2") == 2.0
    assert parse_per_day(" 0,5 ") == 0.5
    assert parse_per_day("24") == 24.0


@pytest.mark.parametrize("text", ["", " ", "0", "-1", "0.1", "25", "abc", "２", "1e3", "9" * 50])
def test_bad_units_a_day(text: str) -> None:
    with pytest.raises(InputError, match="units a day"):
        parse_per_day(text)


def test_times_are_sorted_and_unique() -> None:
    assert parse_times("19:30, 07:00; 07:00 12:15") == ("07:00", "12:15", "19:30")
    assert parse_times("   ") == ()


@pytest.mark.parametrize(
    "text", ["25:00", "7:00", "07:60", "abc", "０７:００", "07:00 " * 13, "x" * 500, "-07:00"]
)
def test_bad_times(text: str) -> None:
    with pytest.raises(InputError):
        parse_times(text)


def test_keep_away_windows_follow_each_side_of_the_rule() -> None:
    bisphosphonate = ScheduledMedicine("Fosamax", "Fosamax", (420,), False, 4, 4)
    gabapentin = ScheduledMedicine("gabapentin", "gabapentin", (1320,), False, None, 2)
    unspaced = ScheduledMedicine("omeprazole", "omeprazole", (480,))
    windows = keep_away_windows([bisphosphonate, gabapentin, unspaced])
    assert [(w.medicine, w.start, w.end) for w in windows] == [
        ("Fosamax", 180, 660),
        ("gabapentin", 1200, 1320),
    ]
    assert describe_window(windows[0]) == "No magnesium 03:00-11:00 (Fosamax at 07:00)"
