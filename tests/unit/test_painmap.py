"""The pain map against facts.md §3: 19 areas in 5 regions, SSS 0-12, FS 0-31, the 2016 rules."""

from __future__ import annotations

import datetime as dt

import pytest

from mgdesk.domain.errors import InputError
from mgdesk.domain.painmap import (
    AREA_IDS,
    AREAS,
    GROUPS,
    SSS_IDS,
    PainMap,
    compare_maps,
    new_pain_map,
    pain_map_from_dict,
    pain_map_to_dict,
    score,
    thresholds_met,
    validate_pain_map,
)
from mgdesk.domain.text import NOT_A_DIAGNOSIS

TODAY = dt.date(2026, 11, 23)
EXCLUDED = {"jaw-left", "jaw-right", "chest", "abdomen"}
ALL_SEVERE = {
    "fatigue": 3,
    "waking-unrefreshed": 3,
    "cognitive": 3,
    "headaches": 1,
    "lower-abdominal": 1,
    "depression": 1,
}


def pain_map(areas: list[str], severity: dict[str, int] | None = None, day: str = "2026-11-01"):
    return new_pain_map(day, areas, severity, today=TODAY)


def test_the_index_has_19_areas_in_the_5_regions_of_facts_md() -> None:
    assert len(AREAS) == 19 and len(set(AREA_IDS)) == 19
    per_group = {g.id: [a.id for a in AREAS if a.group == g.id] for g in GROUPS}
    assert [len(v) for v in per_group.values()] == [4, 4, 3, 3, 5]
    assert per_group["axial"] == ["neck", "upper-back", "lower-back", "chest", "abdomen"]
    assert {a.id for a in AREAS if not a.counts_for_generalized} == EXCLUDED
    assert "shoulder-left" in AREA_IDS and "jaw-left" in AREA_IDS
    assert SSS_IDS == (
        "fatigue",
        "waking-unrefreshed",
        "cognitive",
        "headaches",
        "lower-abdominal",
        "depression",
    )


@pytest.mark.parametrize("area", [a for a in AREAS], ids=lambda a: a.id)
def test_each_area_alone(area) -> None:
    result = score(pain_map([area.id]))
    assert (result.wpi, result.sss, result.fs) == (1, 0, 1)
    assert result.regions == (() if area.id in EXCLUDED else (area.group,))
    assert not result.generalized_pain and not result.thresholds_met


def test_nothing_selected() -> None:
    result = score(pain_map([]))
    assert (result.wpi, result.sss, result.fs, result.regions) == (0, 0, 0, ())
    assert not result.generalized_pain and not result.thresholds_met


def test_everything_selected() -> None:
    result = score(pain_map(list(AREA_IDS), ALL_SEVERE))
    assert (result.wpi, result.sss, result.fs) == (19, 12, 31)
    assert result.regions == tuple(g.id for g in GROUPS)
    assert result.generalized_pain and result.thresholds_met


def test_the_sss_adds_three_0_3_items_and_three_0_1_items() -> None:
    assert score(pain_map([], {"fatigue": 2, "cognitive": 1, "depression": 1})).sss == 4
    assert score(pain_map([], {"headaches": True})).sss == 1


@pytest.mark.parametrize(
    ("areas", "regions", "generalized"),
    [
        # four limb regions: generalized
        (["shoulder-left", "shoulder-right", "hip-left", "hip-right"], 4, True),
        # jaw, chest and abdomen do not make a region count
        (["jaw-left", "jaw-right", "chest", "abdomen", "hip-left", "hip-right"], 2, False),
        (["jaw-left", "jaw-right", "hip-left", "hip-right", "neck"], 3, False),
        (["jaw-left", "shoulder-right", "hip-left", "hip-right", "abdomen"], 3, False),
        (["upper-arm-left", "lower-arm-right", "lower-leg-left", "neck"], 4, True),
        (["upper-arm-left", "lower-arm-right", "lower-leg-left", "lower-back", "chest"], 4, True),
        # many areas, but in three regions only
        (
            ["neck", "upper-back", "lower-back", "chest", "abdomen", "hip-left", "hip-right"],
            3,
            False,
        ),
    ],
)
def test_generalized_pain_rule(areas: list[str], regions: int, generalized: bool) -> None:
    result = score(pain_map(areas))
    assert len(result.regions) == regions
    assert result.generalized_pain is generalized


@pytest.mark.parametrize(
    ("wpi", "sss", "met"),
    [
        (7, 5, True),
        (19, 5, True),
        (7, 4, False),
        (6, 9, True),
        (4, 9, True),
        (4, 8, False),
        (3, 12, False),  # the 2010/2011 band 3-6 became 4-6 in 2016
        (0, 12, False),
    ],
)
def test_2016_score_thresholds(wpi: int, sss: int, met: bool) -> None:
    assert thresholds_met(wpi, sss) is met


def test_the_wording_is_a_self_report_not_a_diagnosis() -> None:
    areas = [
        "shoulder-left",
        "shoulder-right",
        "hip-left",
        "hip-right",
        "neck",
        "upper-back",
        "lower-back",
    ]
    result = score(new_pain_map("2026-11-01", areas, ALL_SEVERE, True, today=TODAY))
    lines = result.lines()
    assert lines[-1] == NOT_A_DIAGNOSIS
    text = " ".join(lines).lower()
    assert "diagnosed" not in text and "you have fibromyalgia" not in text
    assert "meets the 2016 description of generalized pain" in text
    assert "3 months" in text
    # no unverified severity bands
    for band in ("mild", "moderate", "severe"):
        assert band not in text


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"areas": ["elbow"]}, "unknown pain area 'elbow'"),
        ({"areas": "neck"}, "list of area ids"),
        ({"severity": {"fatigue": 4}}, "from 0 to 3"),
        ({"severity": {"headaches": 2}}, "from 0 to 1"),
        ({"severity": {"fatigue": -1}}, "from 0 to 3"),
        ({"severity": {"mood": 1}}, "unknown symptom-severity item"),
        ({"date": "2026-11-24"}, "in the future"),
        ({"note": "x" * 2001}, "at most 2000"),
    ],
)
def test_bad_pain_maps_are_refused(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {"date": "2026-11-01", "areas": [], "severity": {}}
    args.update(kwargs)
    with pytest.raises(InputError, match=message):
        new_pain_map(**args, today=TODAY)  # type: ignore[arg-type]


def test_validate_rechecks_a_hand_built_map() -> None:
    bad = PainMap(dt.date(2026, 1, 1), frozenset({"knee"}), {})
    with pytest.raises(InputError, match="unknown pain area"):
        validate_pain_map(bad, TODAY)


def test_compare_two_maps_over_time() -> None:
    older = pain_map(["neck", "hip-left", "chest"], {"fatigue": 3}, "2026-09-01")
    newer = pain_map(["neck", "shoulder-left"], {"fatigue": 1}, "2026-11-01")
    change = compare_maps(newer, older)  # order given does not matter
    assert change.older == older
    assert (change.wpi_change, change.sss_change, change.fs_change) == (-1, -2, -3)
    assert change.areas_added == ("shoulder-left",)
    assert change.areas_removed == ("hip-left", "chest")
    lines = change.lines()
    assert lines[0] == "From 2026-09-01 to 2026-11-01:"
    assert "WPI: 3 then 2 (1 down)." in lines
    assert lines[-1] == NOT_A_DIAGNOSIS


def test_json_round_trip() -> None:
    original = new_pain_map(
        "2026-11-01", ["neck", "jaw-left"], {"fatigue": 2}, False, "n", today=TODAY
    )
    assert pain_map_from_dict(pain_map_to_dict(original), TODAY) == original
