"""The upper-limit comparison the Dosage tab shows: above, at, below, and no limit at all."""

from __future__ import annotations

from mgdesk.domain.dosage import DoseResult
from mgdesk.domain.upper_limit import SUPERVISION_NOTE, check_against_limit


def _result(limit: int | None) -> DoseResult:
    return DoseResult("31–50 years", "female", 320, "RDA", limit, "")


def test_above_the_limit_says_so_and_mentions_supervision() -> None:
    check = check_against_limit(400, _result(350))
    assert check.above
    assert "above the upper limit of 350 mg" in check.message
    assert SUPERVISION_NOTE in check.message


def test_at_the_limit_is_within_it() -> None:
    check = check_against_limit(350, _result(350))
    assert not check.above
    assert "within the upper limit" in check.message


def test_fractions_are_shown_with_one_decimal() -> None:
    assert "350.5 mg" in check_against_limit(350.5, _result(350)).message


def test_no_limit_for_babies_asks_a_doctor() -> None:
    check = check_against_limit(10, _result(None))
    assert not check.above
    assert check.limit_mg is None
    assert "ask a doctor" in check.message
