"""Medicine and condition matching: forgiving of case and punctuation, never guessing."""

from __future__ import annotations

import pytest

from mgdesk.domain.content import Condition, InteractionGroup, Medicine
from mgdesk.domain.errors import InputError
from mgdesk.domain.interactions import ConditionIndex, MedicineIndex
from mgdesk.domain.names import normalise

GROUP = InteractionGroup(
    id="bisphosphonates",
    name="bisphosphonates",
    mechanism="binds",
    severity="high",
    likelihood="likely",
    effect="absorption",
    consumer="Take {name} at least 4 hours before or 4 hours after magnesium.",
    clinician="Separate {name} from magnesium by 4 hours.",
    sources=("ods",),
    before_hours=4,
    after_hours=4,
)
INDEX = MedicineIndex(
    [Medicine("alendronate", ("Fosamax", "Binosto"), ("alendronic acid",), "bisphosphonates")],
    [GROUP],
)


@pytest.mark.parametrize(
    "name", ["Fosamax", "FOSAMAX", " fosamax ", "alendronate", "Alendronic-Acid", "alendronic acid"]
)
def test_generic_brand_alias_case_and_punctuation(name: str) -> None:
    result = INDEX.check(name)
    assert result.generic == "alendronate"
    assert result.group == "bisphosphonates"
    assert result.before_hours == 4 and result.after_hours == 4


def test_advice_uses_the_name_the_user_typed() -> None:
    assert INDEX.check("Fosamax").advice == (
        "Take Fosamax at least 4 hours before or 4 hours after magnesium."
    )


def test_unknown_name_is_reported_with_suggestions_not_guessed() -> None:
    result = INDEX.check("Fosamx")
    assert not result.known
    assert result.generic is None and result.group is None
    assert result.severity == "unknown"
    assert "Fosamax" in result.suggestions
    assert "not in mgdesk's list" in result.advice


def test_unrelated_unknown_name_has_no_suggestions() -> None:
    assert INDEX.check("zzzzqqq").suggestions == ()


@pytest.mark.parametrize("bad", ["", "   ", "x" * 201])
def test_bad_names(bad: str) -> None:
    with pytest.raises(InputError):
        INDEX.check(bad)


def test_normalise_folds_accents_and_punctuation() -> None:
    assert normalise("L-Thyroxíne ") == normalise("lthyroxine")


def test_condition_resolution_and_unknown() -> None:
    index = ConditionIndex(
        [Condition("kidney-disease", "Kidney disease", ("CKD",), "m", "high", "a", ("s",))]
    )
    assert index.resolve("ckd").id == "kidney-disease"
    assert index.resolve("Kidney Disease").id == "kidney-disease"
    with pytest.raises(InputError, match="Did you mean: Kidney disease"):
        index.resolve("kidney diseas")
