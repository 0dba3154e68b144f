"""The pain map: the ACR 2016 self-report (WPI areas, SSS items) and what its scores say.

Source: facts.md §3 (Wolfe et al. 2010, 2011, 2016). The Widespread Pain Index (WPI, 0-19)
counts the areas with pain in the past week; the Symptom Severity Scale (SSS, 0-12) adds fatigue,
waking unrefreshed and cognitive symptoms (0-3 each, past week) and headaches, pain or cramps in
the lower abdomen and depression (0 or 1 each, previous 6 months); FS = WPI + SSS (0-31).
Generalized pain is pain in at least 4 of the 5 regions, where jaw, chest and abdomen do not
count. The 2016 score thresholds: (WPI >= 7 and SSS >= 5) or (WPI 4-6 and SSS >= 9).

Every result is a self-report to discuss with a doctor, never a diagnosis: the criteria's authors
say they are not for self-diagnosis. Severity bands for FS are deliberately not used (their
cut-offs are unverified).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from mgdesk.domain.errors import InputError
from mgdesk.domain.journal import MAX_NOTE, check_date, clean_text, parse_date
from mgdesk.domain.text import NOT_A_DIAGNOSIS

SOURCE = "Wolfe F, et al. 2016 Revisions to the 2010/2011 fibromyalgia diagnostic criteria"


@dataclass(frozen=True)
class RegionGroup:
    """One of the five body regions of the 2016 generalized-pain rule."""

    id: str
    label: str


@dataclass(frozen=True)
class Area:
    """One of the 19 WPI areas."""

    id: str
    label: str
    group: str
    counts_for_generalized: bool = True


GROUPS: tuple[RegionGroup, ...] = (
    RegionGroup("left-upper", "Left upper region"),
    RegionGroup("right-upper", "Right upper region"),
    RegionGroup("left-lower", "Left lower region"),
    RegionGroup("right-lower", "Right lower region"),
    RegionGroup("axial", "Axial region (neck, back, chest, abdomen)"),
)

AREAS: tuple[Area, ...] = (
    Area("jaw-left", "Jaw, left", "left-upper", counts_for_generalized=False),
    Area("shoulder-left", "Shoulder girdle, left", "left-upper"),
    Area("upper-arm-left", "Upper arm, left", "left-upper"),
    Area("lower-arm-left", "Lower arm, left", "left-upper"),
    Area("jaw-right", "Jaw, right", "right-upper", counts_for_generalized=False),
    Area("shoulder-right", "Shoulder girdle, right", "right-upper"),
    Area("upper-arm-right", "Upper arm, right", "right-upper"),
    Area("lower-arm-right", "Lower arm, right", "right-upper"),
    Area("hip-left", "Hip (buttock, trochanter), left", "left-lower"),
    Area("upper-leg-left", "Upper leg, left", "left-lower"),
    Area("lower-leg-left", "Lower leg, left", "left-lower"),
    Area("hip-right", "Hip (buttock, trochanter), right", "right-lower"),
    Area("upper-leg-right", "Upper leg, right", "right-lower"),
    Area("lower-leg-right", "Lower leg, right", "right-lower"),
    Area("neck", "Neck", "axial"),
    Area("upper-back", "Upper back", "axial"),
    Area("lower-back", "Lower back", "axial"),
    Area("chest", "Chest", "axial", counts_for_generalized=False),
    Area("abdomen", "Abdomen", "axial", counts_for_generalized=False),
)
AREA_IDS: tuple[str, ...] = tuple(a.id for a in AREAS)
_AREA = {a.id: a for a in AREAS}

WPI_QUESTION = "Where have you had pain or tenderness during the past week?"
WPI_NOTE = "The pain index does not include wrists, ankles or feet."


@dataclass(frozen=True)
class SeverityItem:
    """One SSS item: 0-3 severity over the past week, or present (1) / absent (0) in 6 months."""

    id: str
    label: str
    maximum: int
    period: str


SSS_ITEMS: tuple[SeverityItem, ...] = (
    SeverityItem("fatigue", "Fatigue", 3, "past week"),
    SeverityItem("waking-unrefreshed", "Waking unrefreshed", 3, "past week"),
    SeverityItem("cognitive", "Cognitive symptoms (memory, concentration)", 3, "past week"),
    SeverityItem("headaches", "Headaches", 1, "previous 6 months"),
    SeverityItem("lower-abdominal", "Pain or cramps in the lower abdomen", 1, "previous 6 months"),
    SeverityItem("depression", "Depression", 1, "previous 6 months"),
)
SSS_IDS: tuple[str, ...] = tuple(i.id for i in SSS_ITEMS)
_ITEM = {i.id: i for i in SSS_ITEMS}
SEVERITY_ANCHORS: tuple[str, ...] = (
    "0 = no problem",
    "1 = slight or mild problems, generally mild or intermittent",
    "2 = moderate, considerable problems, often present and/or at a moderate level",
    "3 = severe: pervasive, continuous, life-disturbing problems",
)
DURATION_QUESTION = "Have these symptoms been present at a similar level for at least 3 months?"
CLINICIAN_JUDGES = (
    "These are the numbers of a questionnaire you filled in yourself. Only a clinician, with an "
    "examination and your history, can judge what they mean for you."
)


@dataclass(frozen=True)
class PainMap:
    """One dated self-report: the painful areas and the SSS answers (`id` None until saved)."""

    date: dt.date
    areas: frozenset[str]
    severity: Mapping[str, int]
    """Every SSS item id -> its score (0-3 or 0-1)."""
    three_months: bool | None = None
    """The answer to DURATION_QUESTION, None when not answered."""
    note: str = ""
    id: int | None = None

    def with_id(self, map_id: int | None) -> PainMap:
        return replace(self, id=map_id)

    def item(self, item_id: str) -> int:
        return self.severity.get(item_id, 0)


def new_pain_map(
    date: dt.date | str,
    areas: Iterable[str],
    severity: Mapping[str, int | bool] | None = None,
    three_months: bool | None = None,
    note: str = "",
    *,
    map_id: int | None = None,
    today: dt.date | None = None,
) -> PainMap:
    """A checked pain map; items missing from `severity` are 0 (no problem / absent)."""
    day = parse_date(date, today=today)
    if isinstance(areas, str):
        raise InputError("areas must be a list of area ids")
    chosen = list(areas)
    for area in chosen:
        if area not in _AREA:
            shown = repr(area[:40]) if isinstance(area, str) else type(area).__name__
            raise InputError(f"unknown pain area {shown}; known: {', '.join(AREA_IDS)}")
    scores: dict[str, int] = {}
    given = dict(severity or {})
    for key in given:
        if key not in _ITEM:
            shown = repr(key[:40]) if isinstance(key, str) else type(key).__name__
            raise InputError(f"unknown symptom-severity item {shown}; known: {', '.join(SSS_IDS)}")
    for item in SSS_ITEMS:
        value = given.get(item.id, 0)
        if isinstance(value, bool):
            value = int(value)
        if not isinstance(value, int) or not 0 <= value <= item.maximum:
            raise InputError(f"{item.label} must be a whole number from 0 to {item.maximum}")
        scores[item.id] = value
    if three_months is not None and not isinstance(three_months, bool):
        raise InputError("the 3-months answer must be yes, no or not answered")
    return PainMap(
        day,
        frozenset(chosen),
        scores,
        three_months,
        clean_text(note, "the note", MAX_NOTE),
        map_id,
    )


def validate_pain_map(pain_map: PainMap, today: dt.date | None = None) -> PainMap:
    if not isinstance(pain_map, PainMap):
        raise InputError("not a pain map")
    if not isinstance(pain_map.date, dt.date):
        raise InputError("a pain map needs a date")
    check_date(pain_map.date, today=today)
    return new_pain_map(
        pain_map.date,
        sorted(pain_map.areas),
        pain_map.severity,
        pain_map.three_months,
        pain_map.note,
        map_id=pain_map.id,
        today=today,
    )


# ----- scoring


@dataclass(frozen=True)
class PainScore:
    """The computed self-report scores of one pain map."""

    wpi: int
    sss: int
    regions: tuple[str, ...]
    """Region groups with pain in an area that counts for generalized pain, in GROUPS order."""
    generalized_pain: bool
    thresholds_met: bool
    three_months: bool | None

    @property
    def fs(self) -> int:
        """The fibromyalgia symptom (polysymptomatic distress) scale, WPI + SSS, 0-31."""
        return self.wpi + self.sss

    def lines(self) -> list[str]:
        """The result in plain words, always ending with the not-a-diagnosis line."""
        regions = len(self.regions)
        out = [
            f"Widespread Pain Index (WPI): {self.wpi} of 19 areas.",
            f"Symptom Severity Scale (SSS): {self.sss} of 12.",
            f"Total (WPI + SSS, the fibromyalgia symptom scale): {self.fs} of 31.",
            (
                f"Pain in {regions} of 5 body regions (jaw, chest and abdomen not counted): "
                + (
                    "this meets the 2016 description of generalized pain (at least 4 regions)."
                    if self.generalized_pain
                    else "below the 4 regions of the 2016 description of generalized pain."
                )
            ),
            (
                "The scores are in the range the 2016 criteria describe "
                "(WPI 7 or more with SSS 5 or more, or WPI 4-6 with SSS 9 or more)."
                if self.thresholds_met
                else "The scores are not in the range the 2016 criteria describe "
                "(WPI 7 or more with SSS 5 or more, or WPI 4-6 with SSS 9 or more)."
            ),
        ]
        if self.three_months is not None:
            out.append(
                "You said the symptoms have been at a similar level for at least 3 months."
                if self.three_months
                else "You said the symptoms have not been at a similar level for 3 months."
            )
        out.append(NOT_A_DIAGNOSIS)
        return out


def wpi(areas: Iterable[str]) -> int:
    return len({a for a in areas if a in _AREA})


def sss(severity: Mapping[str, int]) -> int:
    return sum(min(max(int(severity.get(i.id, 0)), 0), i.maximum) for i in SSS_ITEMS)


def pain_regions(areas: Iterable[str]) -> tuple[str, ...]:
    """Region groups with pain, counting only areas that count for generalized pain."""
    hit = {_AREA[a].group for a in areas if a in _AREA and _AREA[a].counts_for_generalized}
    return tuple(g.id for g in GROUPS if g.id in hit)


def thresholds_met(wpi_score: int, sss_score: int) -> bool:
    """The 2016 score rule: (WPI >= 7 and SSS >= 5) or (WPI 4-6 and SSS >= 9)."""
    return (wpi_score >= 7 and sss_score >= 5) or (4 <= wpi_score <= 6 and sss_score >= 9)


def score(pain_map: PainMap) -> PainScore:
    w, s = wpi(pain_map.areas), sss(pain_map.severity)
    regions = pain_regions(pain_map.areas)
    return PainScore(w, s, regions, len(regions) >= 4, thresholds_met(w, s), pain_map.three_months)


# ----- over time


@dataclass(frozen=True)
class PainMapChange:
    """Two pain maps side by side: older first."""

    older: PainMap
    newer: PainMap
    older_score: PainScore
    newer_score: PainScore
    areas_added: tuple[str, ...]
    areas_removed: tuple[str, ...]

    @property
    def wpi_change(self) -> int:
        return self.newer_score.wpi - self.older_score.wpi

    @property
    def sss_change(self) -> int:
        return self.newer_score.sss - self.older_score.sss

    @property
    def fs_change(self) -> int:
        return self.newer_score.fs - self.older_score.fs

    def lines(self) -> list[str]:
        a, b = self.older.date.isoformat(), self.newer.date.isoformat()
        out = [f"From {a} to {b}:"]
        for label, old, new in (
            ("WPI", self.older_score.wpi, self.newer_score.wpi),
            ("SSS", self.older_score.sss, self.newer_score.sss),
            ("Total (FS)", self.older_score.fs, self.newer_score.fs),
        ):
            delta = new - old
            how = "no change" if delta == 0 else f"{abs(delta)} {'up' if delta > 0 else 'down'}"
            out.append(f"{label}: {old} then {new} ({how}).")
        if self.areas_added:
            out.append("New painful areas: " + ", ".join(area_label(a) for a in self.areas_added))
        if self.areas_removed:
            out.append("No longer painful: " + ", ".join(area_label(a) for a in self.areas_removed))
        out.append(NOT_A_DIAGNOSIS)
        return out


def compare_maps(first: PainMap, second: PainMap) -> PainMapChange:
    """Compare two pain maps; whichever is older (by date, then id) comes first."""
    older, newer = sorted((first, second), key=lambda m: (m.date, m.id or 0))
    return PainMapChange(
        older,
        newer,
        score(older),
        score(newer),
        tuple(a for a in AREA_IDS if a in newer.areas and a not in older.areas),
        tuple(a for a in AREA_IDS if a in older.areas and a not in newer.areas),
    )


def area_label(area_id: str) -> str:
    return _AREA[area_id].label if area_id in _AREA else area_id


def areas_in(group_id: str) -> tuple[Area, ...]:
    return tuple(a for a in AREAS if a.group == group_id)


# ----- as JSON (for the whole-data export)


def pain_map_to_dict(pain_map: PainMap) -> dict[str, Any]:
    return {
        "date": pain_map.date.isoformat(),
        "areas": [a for a in AREA_IDS if a in pain_map.areas],
        "severity": {i: pain_map.item(i) for i in SSS_IDS},
        "three_months": pain_map.three_months,
        "note": pain_map.note,
    }


def pain_map_from_dict(obj: object, today: dt.date | None = None) -> PainMap:
    keys = ("date", "areas", "severity", "three_months", "note")
    if not isinstance(obj, dict):
        raise InputError("a pain map must be a JSON object")
    unknown = [k for k in obj if k not in keys]
    if unknown:
        raise InputError(f"pain map: unknown key {str(unknown[0])[:40]!r}")
    areas = obj.get("areas", [])
    severity = obj.get("severity", {})
    if not isinstance(areas, list):
        raise InputError("pain map: areas must be a list of area ids")
    if not isinstance(severity, dict):
        raise InputError("pain map: severity must be an object of item: score")
    return new_pain_map(
        obj.get("date", ""),
        areas,
        severity,
        obj.get("three_months"),
        obj.get("note", ""),
        today=today,
    )
