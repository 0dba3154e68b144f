"""Dosage look-up at every boundary of the NIH/IOM tables, and every way to ask wrongly."""

from __future__ import annotations

import pytest

from mgdesk.domain.dosage import DosageTable, lookup, make_person
from mgdesk.domain.errors import InputError

# (age years, months, sex, life stage, intake, kind, upper limit) straight from facts.md 1.1/1.2
BOUNDARIES = [
    (0, 0, "female", "Birth–6 months", 30, "AI", None),
    (0, 6, "male", "Birth–6 months", 30, "AI", None),
    (0, 7, "male", "7–12 months", 75, "AI", None),
    (0, 11, "female", "7–12 months", 75, "AI", None),
    (1, None, "male", "1–3 years", 80, "RDA", 65),
    (3, 11, "female", "1–3 years", 80, "RDA", 65),
    (4, None, "female", "4–8 years", 130, "RDA", 110),
    (8, None, "male", "4–8 years", 130, "RDA", 110),
    (9, None, "male", "9–13 years", 240, "RDA", 350),
    (13, None, "female", "9–13 years", 240, "RDA", 350),
    (14, None, "male", "14–18 years", 410, "RDA", 350),
    (14, None, "female", "14–18 years", 360, "RDA", 350),
    (18, None, "male", "14–18 years", 410, "RDA", 350),
    (19, None, "male", "19–30 years", 400, "RDA", 350),
    (19, None, "female", "19–30 years", 310, "RDA", 350),
    (30, None, "female", "19–30 years", 310, "RDA", 350),
    (31, None, "male", "31–50 years", 420, "RDA", 350),
    (31, None, "female", "31–50 years", 320, "RDA", 350),
    (50, None, "female", "31–50 years", 320, "RDA", 350),
    (51, None, "male", "51+ years", 420, "RDA", 350),
    (51, None, "female", "51+ years", 320, "RDA", 350),
    (120, None, "female", "51+ years", 320, "RDA", 350),
]


@pytest.fixture(scope="module")
def table(content) -> DosageTable:  # type: ignore[no-untyped-def]
    return content.dosage


@pytest.mark.parametrize(("age", "months", "sex", "stage", "intake", "kind", "ul"), BOUNDARIES)
def test_every_boundary_of_the_table(table, age, months, sex, stage, intake, kind, ul) -> None:
    result = lookup(table, make_person(table, age, months, sex))
    assert (result.life_stage, result.intake_mg, result.intake_kind) == (stage, intake, kind)
    assert result.supplement_ul_mg == ul


@pytest.mark.parametrize(
    ("age", "pregnant", "lactating", "intake"),
    [
        (14, True, False, 400),
        (18, False, True, 360),
        (19, True, False, 350),
        (30, False, True, 310),
        (31, True, False, 360),
        (50, False, True, 320),
    ],
)
def test_pregnancy_and_lactation(table, age, pregnant, lactating, intake) -> None:
    result = lookup(table, make_person(table, age, None, "female", pregnant, lactating))
    assert result.intake_mg == intake
    assert result.supplement_ul_mg == 350


@pytest.mark.parametrize(
    ("age", "months", "sex", "pregnant", "lactating", "needle"),
    [
        (-1, None, "female", False, False, "whole number from 0 to 120"),
        (121, None, "female", False, False, "whole number from 0 to 120"),
        ("abc", None, "female", False, False, "whole number"),
        ("", None, "female", False, False, "whole number"),
        (30.5, None, "female", False, False, "whole number"),
        (float("nan"), None, "female", False, False, "whole number"),
        ("٣٠", None, "female", False, False, "whole number"),
        (0, None, "female", False, False, "months"),
        (0, 12, "female", False, False, "months must be"),
        (0, -1, "female", False, False, "months must be"),
        (30, None, "other", False, False, "female' or 'male"),
        (30, None, "", False, False, "female' or 'male"),
        (30, None, "male", True, False, "females only"),
        (13, None, "female", True, False, "ages 14 to 50"),
        (51, None, "female", False, True, "ages 14 to 50"),
        (30, None, "female", True, True, "not both"),
    ],
)
def test_bad_input_is_explained(table, age, months, sex, pregnant, lactating, needle) -> None:
    with pytest.raises(InputError, match=needle):
        make_person(table, age, months, sex, pregnant, lactating)


def test_text_numbers_are_accepted_as_typed(table) -> None:
    person = make_person(table, " 42 ", "0", " Female ")
    assert (person.age_years, person.sex) == (42, "female")
