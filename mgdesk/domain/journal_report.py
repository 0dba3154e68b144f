"""What the handout's "Since my last visit" section shows, as plain data.

Built from the journal entries and pain maps of the visit's journal range (VisitPlan.journal),
before any layout: the daily average of each symptom, the magnesium taken per form, the
before/after averages for each form started (with the diary caution) and the latest pain map
with its scores. Keeping it free of SQL and reportlab makes the numbers the doctor reads
testable as data; `store.journal_report.load_journal_report` fills it from the user DB.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from mgdesk.domain.journal import (
    DIARY_CAUTION,
    BeforeAfter,
    JournalEntry,
    before_after,
    build_series,
    daily_means,
    forms_taken,
    in_range,
)
from mgdesk.domain.painmap import PainMap, PainScore, score


@dataclass(frozen=True)
class DoseSummary:
    """One form of magnesium over the range: how much, on how many days."""

    form: str
    total_mg: float
    days: int
    doses: int

    @property
    def mg_per_day_taken(self) -> float:
        """The average on the days it was taken (not over the whole range)."""
        return self.total_mg / self.days if self.days else 0.0


@dataclass(frozen=True)
class JournalReport:
    """The journal range's trends, doses, comparisons and latest pain map."""

    start: dt.date
    end: dt.date
    entry_count: int
    trends: Mapping[str, tuple[tuple[dt.date, float], ...]]
    """Symptom id -> (day, average rating that day), oldest first; symptoms in id order."""
    doses: tuple[DoseSummary, ...]
    comparisons: tuple[BeforeAfter, ...]
    """One per form taken in the range, in the order they were first taken."""
    pain_map: PainMap | None
    pain_score: PainScore | None
    caution: str = DIARY_CAUTION

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def summarise_doses(entries: Iterable[JournalEntry]) -> tuple[DoseSummary, ...]:
    """Total mg, days and doses per form, in the order the forms were first taken."""
    entries = list(entries)
    totals: dict[str, float] = {}
    days: dict[str, set[dt.date]] = {}
    counts: dict[str, int] = {}
    for entry in entries:
        for dose in entry.doses:
            totals[dose.form] = totals.get(dose.form, 0.0) + dose.mg
            days.setdefault(dose.form, set()).add(entry.date)
            counts[dose.form] = counts.get(dose.form, 0) + 1
    return tuple(
        DoseSummary(form, totals[form], len(days[form]), counts[form])
        for form in forms_taken(entries)
    )


def build_journal_report(
    start: dt.date,
    end: dt.date,
    entries: Sequence[JournalEntry],
    pain_maps: Sequence[PainMap] = (),
) -> JournalReport | None:
    """The report for the range, or None when it holds no entry and no pain map.

    Entries and maps outside the range are ignored; the latest map in the range is the one
    shown (by date, then by id: the one saved last).
    """
    chosen = in_range(entries, start, end)
    maps = [m for m in pain_maps if start <= m.date <= end]
    if not chosen and not maps:
        return None
    series = build_series(chosen)
    trends = {
        symptom: tuple(daily_means(points)) for symptom, points in sorted(series.symptoms.items())
    }
    latest = max(maps, key=lambda m: (m.date, m.id or 0)) if maps else None
    return JournalReport(
        start=start,
        end=end,
        entry_count=len(chosen),
        trends=trends,
        doses=summarise_doses(chosen),
        comparisons=tuple(before_after(chosen, form) for form in forms_taken(chosen)),
        pain_map=latest,
        pain_score=None if latest is None else score(latest),
    )
