"""The journal's chart said in words: per symptom and per form, what the range holds.

A chart is no use to someone who cannot see it, and a doctor reads a sentence faster than a
line; these sentences sit beside the chart and say the same things: how many ratings, the
average, the lowest and highest, the latest; how often each form was recorded and at what dose.
They describe the diary; they do not judge it (the before/after comparison, with its caution,
does that in `journal.before_after`).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mgdesk.domain.journal import DoseMarker, JournalSeries, SeriesPoint, format_mg

RANGE_DAYS = {"30": 30, "90": 90}
"""The fixed ranges the journal offers, in days up to and including today."""


def range_bounds(choice: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """First and last day of a named range ("30", "90", "all"); None is open-ended."""
    if choice == "all":
        return None, None
    days = RANGE_DAYS.get(choice)
    if days is None:
        raise ValueError(f"unknown journal range {choice!r}")
    return today - dt.timedelta(days=days - 1), today


@dataclass(frozen=True)
class SymptomTrend:
    """One symptom's ratings over a range, in numbers a sentence can carry."""

    symptom: str
    count: int
    mean: float
    low: int
    high: int
    first: SeriesPoint
    latest: SeriesPoint

    def sentence(self, name: str) -> str:
        span = (
            f"on {self.first.when.date().isoformat()}"
            if self.first.when.date() == self.latest.when.date()
            else f"from {self.first.when.date().isoformat()} to "
            f"{self.latest.when.date().isoformat()}"
        )
        ratings = "1 rating" if self.count == 1 else f"{self.count} ratings"
        return (
            f"{name}: {ratings} {span}, {self.mean:.1f} on average (lowest {self.low}, "
            f"highest {self.high}); the latest was {self.latest.value} on "
            f"{self.latest.when.date().isoformat()}."
        )


def symptom_trends(series: JournalSeries, order: Sequence[str] = ()) -> list[SymptomTrend]:
    """A trend per symptom with ratings, those in `order` first (in that order), then by id."""
    ranked = {symptom: i for i, symptom in enumerate(order)}
    ids = sorted(series.symptoms, key=lambda s: (ranked.get(s, len(ranked)), s))
    trends = []
    for symptom in ids:
        points = series.symptoms[symptom]
        if not points:
            continue
        values = [p.value for p in points]
        trends.append(
            SymptomTrend(
                symptom,
                len(values),
                statistics.fmean(values),
                min(values),
                max(values),
                points[0],
                points[-1],
            )
        )
    return trends


@dataclass(frozen=True)
class DoseTotal:
    """How often one form was recorded over a range, and the dose most often written down."""

    form: str
    entries: int
    days: int
    usual_mg: float
    first: dt.date
    latest: dt.date

    def sentence(self, name: str) -> str:
        days = "1 day" if self.days == 1 else f"{self.days} days"
        entries = "" if self.entries == self.days else f" ({self.entries} entries)"
        return (
            f"{name}: recorded on {days}{entries} from {self.first.isoformat()} to "
            f"{self.latest.isoformat()}, most often {format_mg(self.usual_mg)} mg."
        )


def dose_totals(markers: Iterable[DoseMarker]) -> list[DoseTotal]:
    """One total per form, in the order the forms were first recorded."""
    by_form: dict[str, list[DoseMarker]] = {}
    for marker in sorted(markers, key=lambda m: m.when):
        by_form.setdefault(marker.form, []).append(marker)
    totals = []
    for form, found in by_form.items():
        counts = Counter(m.mg for m in found)
        usual = max(counts, key=lambda mg: (counts[mg], -mg))
        totals.append(
            DoseTotal(
                form,
                len(found),
                len({m.when.date() for m in found}),
                usual,
                found[0].when.date(),
                found[-1].when.date(),
            )
        )
    return totals


def range_sentence(
    start: dt.date | None, end: dt.date | None, span: tuple[dt.date, dt.date] | None
) -> str:
    """Which days the chart covers, in words ("from 2026-01-02 to 2026-01-31")."""
    if start is None and end is None:
        if span is None:
            return "All entries (none yet)."
        return f"All entries, from {span[0].isoformat()} to {span[1].isoformat()}."
    first = start.isoformat() if start else "the first entry"
    last = end.isoformat() if end else "the last entry"
    return f"From {first} to {last}."
