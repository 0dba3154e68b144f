"""The symptom journal's rules: what a valid entry is, chart series, and before/after averages.

An entry is a moment (a date, optionally a time) with 0-10 ratings of content symptoms (0 = none,
10 = the worst), the magnesium taken (form id and elemental mg) and a note. Entries are plain
frozen values: `new_entry` builds one from user input and says what is wrong in one line;
`validate_entry` re-checks one built elsewhere (the store calls it before every write). Reading
stored entries never re-validates, so one odd row can never hide the rest of the journal.

Ratings and doses are kept sorted by id, so two entries with the same content compare equal and
`entry_key` can spot duplicates on import.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import statistics
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import NamedTuple, TypeVar

from mgdesk.domain.errors import InputError

RATING_MIN = 0
RATING_MAX = 10
RATING_SCALE = "0 = none, 10 = the worst"
DOSE_MAX_MG = 5000
MAX_NOTE = 2000
MAX_RATINGS = 50
MAX_DOSES = 20
MAX_ID = 64
EARLIEST = dt.date(1900, 1, 1)
MIN_COMPARE_ENTRIES = 3
"""Fewer ratings than this on either side and a before/after average is not shown as a change."""

PLOT_TIME = dt.time(12, 0)
"""Where an entry without a time sits on a chart (the stored entry keeps no time)."""

# One heading for the comparison in the window and on the handout: it is made per form.
BEFORE_AFTER_HEADING = "Before and after starting each magnesium form"
DIARY_CAUTION = (
    "A diary is not a trial. A change may come from magnesium, but it may also come from "
    "expecting to feel better (placebo), from the natural ups and downs of fibromyalgia, from "
    "other changes at the same time, or simply from having started on a bad day (regression to "
    "the mean). Discuss it with your doctor."
)

T = TypeVar("T")

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_MG = re.compile(r"^\d{1,4}(\.\d{1,2})?$")


@dataclass(frozen=True)
class Rating:
    """One symptom's 0-10 rating in an entry."""

    symptom: str
    value: int


@dataclass(frozen=True)
class Dose:
    """Magnesium taken: a content form id and elemental mg."""

    form: str
    mg: float


@dataclass(frozen=True)
class JournalEntry:
    """One journal entry; `id` is None until the store has saved it."""

    date: dt.date
    time: dt.time | None
    ratings: tuple[Rating, ...]
    doses: tuple[Dose, ...] = ()
    note: str = ""
    id: int | None = None

    @cached_property
    def when(self) -> dt.datetime:
        """The moment for sorting and charts (midday when no time was given)."""
        return dt.datetime.combine(self.date, self.time or PLOT_TIME)

    @property
    def time_text(self) -> str:
        return "" if self.time is None else self.time.strftime("%H:%M")

    def rating(self, symptom: str) -> int | None:
        return next((r.value for r in self.ratings if r.symptom == symptom), None)

    def dose(self, form: str) -> float | None:
        return next((d.mg for d in self.doses if d.form == form), None)

    def with_id(self, entry_id: int | None) -> JournalEntry:
        return replace(self, id=entry_id)


EntryKey = tuple[str, str, tuple[tuple[str, int], ...], tuple[tuple[str, float], ...], str]


def entry_key(entry: JournalEntry) -> EntryKey:
    """What makes two entries the same: date, time and content (not the id)."""
    return (
        entry.date.isoformat(),
        entry.time_text,
        tuple((r.symptom, r.value) for r in entry.ratings),
        tuple((d.form, d.mg) for d in entry.doses),
        entry.note,
    )


def sort_key(entry: JournalEntry) -> tuple[dt.datetime, int]:
    """Oldest first by `when` (an entry without a time counts as midday), then by id."""
    return (entry.when, entry.id or 0)


# ----- parsing user input


def parse_date(value: object, where: str = "date", today: dt.date | None = None) -> dt.date:
    """A date written YYYY-MM-DD, from 1900-01-01 to `today` (the future is refused)."""
    if isinstance(value, dt.datetime):
        raise InputError(f"{where} must be a date, not a date and time")
    if isinstance(value, dt.date):
        day = value
    else:
        if not isinstance(value, str) or not _DATE.fullmatch(value.strip()):
            raise InputError(f"{where} must be a date written YYYY-MM-DD, e.g. 2026-11-23")
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise InputError(f"{where}: {value.strip()} is not a real date") from None
    check_date(day, where, today)
    return day


def check_date(day: dt.date, where: str = "date", today: dt.date | None = None) -> None:
    today = today or dt.date.today()
    if day < EARLIEST:
        raise InputError(f"{where} must not be before {EARLIEST.isoformat()}")
    if day > today:
        raise InputError(f"{where} {day.isoformat()} is in the future (today is {today})")


def parse_time(value: object, where: str = "time") -> dt.time | None:
    """A time of day written HH:MM (24-hour clock); None or "" for no time."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.time):
        if value.second or value.microsecond or value.tzinfo is not None:
            raise InputError(f"{where} must be whole minutes, HH:MM")
        return value
    if not isinstance(value, str) or not (match := _TIME.fullmatch(value.strip())):
        raise InputError(f"{where} must be a time written HH:MM from 00:00 to 23:59, e.g. 08:30")
    return dt.time(int(match.group(1)), int(match.group(2)))


def parse_rating(value: object, where: str = "rating") -> int:
    """A whole number from 0 to 10 (an int, or text such as "7")."""
    message = f"{where} must be a whole number from {RATING_MIN} to {RATING_MAX} ({RATING_SCALE})"
    if isinstance(value, bool):
        raise InputError(message)
    if isinstance(value, str):
        text = value.strip()
        if not text.isascii() or not text.isdigit() or len(text) > 2:
            raise InputError(message)
        value = int(text)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or not RATING_MIN <= value <= RATING_MAX:
        raise InputError(message)
    return value


def parse_mg(value: object, where: str = "dose") -> float:
    """Elemental mg above 0 and at most 5000, with at most two decimals."""
    message = (
        f"{where} must be the mg of magnesium, a number above 0 and at most {DOSE_MAX_MG} "
        "(at most two decimals)"
    )
    if isinstance(value, bool):
        raise InputError(message)
    if isinstance(value, str):
        text = value.strip()
        if not text.isascii() or not _MG.fullmatch(text):
            raise InputError(message)
        value = float(text)
    if isinstance(value, int):
        value = float(value)
    if not isinstance(value, float) or not math.isfinite(value):
        raise InputError(message)
    if not 0 < value <= DOSE_MAX_MG or round(value, 2) != value:
        raise InputError(message)
    return value


def parse_id(value: object, what: str) -> str:
    """A content id as stored (lower-case letters, digits and hyphens)."""
    if not isinstance(value, str) or not value or len(value) > MAX_ID or not _ID.fullmatch(value):
        shown = repr(value[:40]) if isinstance(value, str) else type(value).__name__
        raise InputError(f"{shown} is not a {what} id (lower-case letters, digits and hyphens)")
    return value


def clean_text(value: object, where: str, limit: int) -> str:
    """Free text: line breaks and tabs kept, other control characters refused, ends trimmed."""
    if not isinstance(value, str):
        raise InputError(f"{where} must be text")
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    for ch in text:
        if ch in "\n\t":
            continue
        if unicodedata.category(ch) in ("Cc", "Cs"):
            raise InputError(f"{where} contains a character that cannot be saved ({ch!r})")
    if len(text) > limit:
        raise InputError(f"{where} is {len(text)} characters long; at most {limit} are kept")
    return text


def split_rate_arg(text: str) -> tuple[str, int]:
    """`SYMPTOM=0..10` as typed on the command line: the symptom as written and the rating."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise InputError(f"--rate takes SYMPTOM=0..10, e.g. fatigue=6, not {_shown(text)}")
    return name.strip(), parse_rating(value, f"the rating of {_shown(name.strip())}")


def split_dose_arg(text: str) -> tuple[str, float]:
    """`FORM:MG` as typed on the command line: the form as written and the mg."""
    name, sep, value = text.rpartition(":")
    if not sep or not name.strip():
        raise InputError(f"--dose takes FORM:MG, e.g. malate:200, not {_shown(text)}")
    return name.strip(), parse_mg(value, f"the dose of {_shown(name.strip())}")


def _shown(text: str) -> str:
    kept = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    return repr(kept[:40] + ("…" if len(kept) > 40 else ""))


# ----- building and checking entries


def new_entry(
    date: dt.date | str,
    time: dt.time | str | None,
    ratings: Mapping[str, int] | Iterable[tuple[str, int]],
    doses: Mapping[str, float] | Iterable[tuple[str, float]] = (),
    note: str = "",
    *,
    entry_id: int | None = None,
    today: dt.date | None = None,
) -> JournalEntry:
    """A checked entry from user input; InputError names the first thing that is wrong."""
    day = parse_date(date, today=today)
    at = parse_time(time)
    rating_pairs = list(ratings.items() if isinstance(ratings, Mapping) else ratings)
    dose_pairs = list(doses.items() if isinstance(doses, Mapping) else doses)
    if not rating_pairs:
        raise InputError("an entry needs at least one symptom rating")
    if len(rating_pairs) > MAX_RATINGS:
        raise InputError(f"an entry holds at most {MAX_RATINGS} ratings")
    if len(dose_pairs) > MAX_DOSES:
        raise InputError(f"an entry holds at most {MAX_DOSES} doses")
    built_ratings = []
    for symptom, value in rating_pairs:
        sid = parse_id(symptom, "symptom")
        built_ratings.append(Rating(sid, parse_rating(value, f"the rating of {sid}")))
    built_doses = []
    for form, mg in dose_pairs:
        fid = parse_id(form, "form")
        built_doses.append(Dose(fid, parse_mg(mg, f"the dose of {fid}")))
    return JournalEntry(
        date=day,
        time=at,
        ratings=_sorted_unique(built_ratings, lambda r: r.symptom, "is rated twice"),
        doses=_sorted_unique(built_doses, lambda d: d.form, "is listed twice; add the mg together"),
        note=clean_text(note, "the note", MAX_NOTE),
        id=entry_id,
    )


def validate_entry(entry: JournalEntry, today: dt.date | None = None) -> JournalEntry:
    """The same entry, checked as `new_entry` checks input (for entries built elsewhere)."""
    if not isinstance(entry, JournalEntry):
        raise InputError("not a journal entry")
    if entry.id is not None and (isinstance(entry.id, bool) or not isinstance(entry.id, int)):
        raise InputError("an entry id is a whole number")
    return new_entry(
        entry.date,
        entry.time,
        [(r.symptom, r.value) for r in entry.ratings],
        [(d.form, d.mg) for d in entry.doses],
        entry.note,
        entry_id=entry.id,
        today=today,
    )


def _sorted_unique(items: list[T], key: Callable[[T], str], problem: str) -> tuple[T, ...]:
    seen: set[str] = set()
    for item in items:
        k = key(item)
        if k in seen:
            raise InputError(f"{k} {problem}")
        seen.add(k)
    return tuple(sorted(items, key=key))


# ----- chart series


class SeriesPoint(NamedTuple):
    """One rating on a symptom's line."""

    when: dt.datetime
    value: int
    entry_id: int | None


class DoseMarker(NamedTuple):
    """One dose on the chart's time axis."""

    when: dt.datetime
    form: str
    mg: float
    entry_id: int | None


@dataclass(frozen=True)
class JournalSeries:
    """Everything a chart needs: per symptom (date-time, rating), oldest first, and doses."""

    symptoms: Mapping[str, tuple[SeriesPoint, ...]] = field(default_factory=dict)
    doses: tuple[DoseMarker, ...] = ()

    def symptom_ids(self) -> list[str]:
        return sorted(self.symptoms)


def build_series(entries: Iterable[JournalEntry]) -> JournalSeries:
    points: dict[str, list[SeriesPoint]] = {}
    markers: list[DoseMarker] = []
    for entry in sorted(entries, key=sort_key):
        when = entry.when
        for rating in entry.ratings:
            points.setdefault(rating.symptom, []).append(SeriesPoint(when, rating.value, entry.id))
        for dose in entry.doses:
            markers.append(DoseMarker(when, dose.form, dose.mg, entry.id))
    return JournalSeries({k: tuple(v) for k, v in sorted(points.items())}, tuple(markers))


def daily_means(points: Iterable[SeriesPoint]) -> list[tuple[dt.date, float]]:
    """One average per day that has ratings, oldest first (a steadier line than every entry)."""
    by_day: dict[dt.date, list[int]] = {}
    for point in points:
        by_day.setdefault(point.when.date(), []).append(point.value)
    return [(day, statistics.fmean(values)) for day, values in sorted(by_day.items())]


# ----- before / after


@dataclass(frozen=True)
class SymptomChange:
    """A symptom's average rating over two periods (None where the period has no rating)."""

    symptom: str
    before_mean: float | None
    before_count: int
    after_mean: float | None
    after_count: int

    @property
    def enough(self) -> bool:
        return min(self.before_count, self.after_count) >= MIN_COMPARE_ENTRIES

    @property
    def change(self) -> float | None:
        """After minus before (negative = milder), only when both sides have enough ratings."""
        if not self.enough or self.before_mean is None or self.after_mean is None:
            return None
        return self.after_mean - self.before_mean

    def sentence(self, name: str, before: str, after: str) -> str:
        """Plain words, e.g. "Fatigue: 6.2 on average before …, 4.8 since: 1.4 points lower"."""
        if not self.enough:
            return (
                f"{name}: too few ratings to compare ({self.before_count} {before}, "
                f"{self.after_count} {after}; at least {MIN_COMPARE_ENTRIES} on each side)."
            )
        assert self.before_mean is not None and self.after_mean is not None
        delta = round(self.after_mean - self.before_mean, 1)
        if delta == 0:
            how = "about the same"
        else:
            how = f"{abs(delta):.1f} points {'lower' if delta < 0 else 'higher'}"
        return (
            f"{name}: {self.before_mean:.1f} on average {before} ({self.before_count} ratings), "
            f"{self.after_mean:.1f} {after} ({self.after_count} ratings): {how}."
        )


def compare_ratings(
    before: Iterable[JournalEntry], after: Iterable[JournalEntry]
) -> tuple[SymptomChange, ...]:
    """Average rating per symptom in two groups of entries, symptoms in id order."""
    sides: list[dict[str, list[int]]] = [{}, {}]
    for side, group in zip(sides, (before, after), strict=True):
        for entry in group:
            for rating in entry.ratings:
                side.setdefault(rating.symptom, []).append(rating.value)
    changes = []
    for symptom in sorted(set(sides[0]) | set(sides[1])):
        b, a = sides[0].get(symptom, []), sides[1].get(symptom, [])
        changes.append(
            SymptomChange(
                symptom,
                statistics.fmean(b) if b else None,
                len(b),
                statistics.fmean(a) if a else None,
                len(a),
            )
        )
    return tuple(changes)


@dataclass(frozen=True)
class BeforeAfter:
    """Average ratings before and after a form was started (its first dose in the journal)."""

    form: str
    started: JournalEntry | None
    changes: tuple[SymptomChange, ...]
    caution: str = DIARY_CAUTION

    def lines(
        self,
        symptom_names: Mapping[str, str] | None = None,
        form_name: str | None = None,
    ) -> list[str]:
        """The comparison in plain sentences, ending with the caution."""
        names = symptom_names or {}
        form = form_name or self.form
        if self.started is None:
            return [f"No journal entry records {form} yet, so there is nothing to compare."]
        when = self.started.date.isoformat()
        out = [
            f"You first recorded {form} on {when}. Ratings run from {RATING_SCALE}, "
            "so lower means milder."
        ]
        out += [
            c.sentence(names.get(c.symptom, c.symptom), f"before {when}", "since")
            for c in self.changes
        ]
        out.append(self.caution)
        return out


def before_after(entries: Iterable[JournalEntry], form: str) -> BeforeAfter:
    """Split the journal at the first entry with a dose of `form` and compare the averages.

    The starting entry counts as "after": its rating may well predate the dose, but magnesium
    takes weeks, so one entry either way changes little and the rule stays simple to explain.
    """
    ordered = sorted(entries, key=sort_key)
    start = next((i for i, e in enumerate(ordered) if e.dose(form) is not None), None)
    if start is None:
        return BeforeAfter(form, None, ())
    return BeforeAfter(form, ordered[start], compare_ratings(ordered[:start], ordered[start:]))


def forms_taken(entries: Iterable[JournalEntry]) -> list[str]:
    """Form ids that appear in any dose, in the order they were first taken."""
    seen: dict[str, None] = {}
    for entry in sorted(entries, key=sort_key):
        for dose in entry.doses:
            seen.setdefault(dose.form, None)
    return list(seen)


def format_mg(mg: float) -> str:
    """Mg as written in exports and messages: "200", "187.5"."""
    return str(int(mg)) if float(mg).is_integer() else repr(float(mg))


def in_range(
    entries: Sequence[JournalEntry], start: dt.date | None, end: dt.date | None
) -> list[JournalEntry]:
    """Entries dated from `start` to `end`, both included (None: open-ended)."""
    return [
        e for e in entries if (start is None or e.date >= start) and (end is None or e.date <= end)
    ]
