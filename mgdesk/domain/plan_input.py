"""What the plan tab reads from the user before the plan is made: label bases, amounts, times.

The label reader (`labels`) must give every line one reading, so a compound name with a tablet
count ("Magnesium citrate 200 mg, 2 capsules") is read as the compound. On a supplement bottle
that is the one case where the figure may as well be the magnesium itself (US supplement labels
state elemental magnesium; drug-facts labels of liquids and powders state the compound), and
the two readings differ several-fold. So the window asks instead of counting silently: this
module says when to ask, turns an answer into a label line the reader counts that way, checks
the amount-a-day and the times of day typed into the plan, and gives the hours around each
medicine when magnesium is kept away (for the day's timeline). Pure: no Qt, no I/O.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from mgdesk.domain.content import Form, Product
from mgdesk.domain.errors import InputError
from mgdesk.domain.labels import LabelReading, mg_text, parse_label
from mgdesk.domain.plan import MINUTES_A_DAY, ScheduledMedicine, hhmm, parse_time

MIN_PER_DAY = 0.25
MAX_PER_DAY = 24.0
MAX_TIMES = 12
ELEMENTAL_MARK = " (elemental)"
_MEASURED = re.compile(r"(?:^|\s)(?:[0-9.]+\s*)?(?:mL|g)$")


@dataclass(frozen=True)
class BasisQuestion:
    """Two readings of one label line: the amount as the compound, or as magnesium itself."""

    label: str
    stated_mg: float
    form: str
    compound: LabelReading
    elemental: LabelReading
    elemental_label: str

    @property
    def text(self) -> str:
        return (
            f"Is the {mg_text(self.stated_mg)} on this label the weight of {self.form}, or the "
            "magnesium itself? Labels should state the magnesium itself, but not all do: "
            "check the Supplement Facts panel, or ask the maker or your pharmacist."
        )


def basis_question(
    reading: LabelReading,
    forms: Sequence[Form],
    products: Sequence[Product] = (),
    per_day: float = 1.0,
) -> BasisQuestion | None:
    """A question when a line read as a compound might as well state magnesium itself.

    Asked for a compound counted per tablet, capsule or serving; a figure per mL or per gram
    (liquids and powders such as milk of magnesia or Epsom salt) is the compound on their
    labels, so it is not asked. None when the line reads only one way.
    """
    if reading.basis != "compound" or reading.form is None:
        return None
    if _MEASURED.search(reading.serving):
        return None
    elemental_label = reading.label + ELEMENTAL_MARK
    try:
        elemental = parse_label(elemental_label, forms, products, per_day)
    except InputError:
        return None
    if elemental.basis != "elemental":
        return None
    form = next((f for f in forms if f.id == reading.form), None)
    name = form.name[:1].lower() + form.name[1:] if form is not None else reading.form
    return BasisQuestion(
        reading.label, reading.stated_mg, name, reading, elemental, elemental_label
    )


def parse_per_day(text: str) -> float:
    """How many units of a product a day: a number from 0.25 to 24 (ASCII digits, . or ,)."""
    value = text.strip().replace(",", ".") if isinstance(text, str) else ""
    if not value or len(value) > 12 or not re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", value):
        raise InputError(
            f"units a day must be a number from {MIN_PER_DAY:g} to {MAX_PER_DAY:g}, e.g. 2 or 0.5"
        )
    number = float(value)
    if not math.isfinite(number) or not MIN_PER_DAY <= number <= MAX_PER_DAY:
        raise InputError(
            f"units a day must be a number from {MIN_PER_DAY:g} to {MAX_PER_DAY:g}, not {value}"
        )
    return number


def parse_times(text: str) -> tuple[str, ...]:
    """Times of day typed as "07:00, 19:30": sorted, each once; () for an empty entry."""
    if not isinstance(text, str):
        raise InputError("times must be text such as 07:00, 19:30")
    if len(text) > 200:
        raise InputError("times: too long; give at most 12 times such as 07:00, 19:30")
    parts = [p for p in re.split(r"[\s,;]+", text.strip()) if p]
    if len(parts) > MAX_TIMES:
        raise InputError(f"times: at most {MAX_TIMES} times a day")
    minutes = sorted({parse_time(p, f"time {p[:8]!r}") for p in parts})
    return tuple(hhmm(m) for m in minutes)


@dataclass(frozen=True)
class KeepAway:
    """Minutes of the day (start < end, may run past midnight) when magnesium is kept away."""

    medicine: str
    start: int
    end: int
    taken: int


def keep_away_windows(medicines: Sequence[ScheduledMedicine]) -> tuple[KeepAway, ...]:
    """For each time of a spaced medicine, the span magnesium must avoid around it.

    A medicine taken at t that must come `before_hours` before magnesium keeps magnesium out
    of (t, t + before); one that must come `after_hours` after magnesium keeps it out of
    (t - after, t). A medicine with a rule but no figure on either side keeps only its own time.
    """
    windows: list[KeepAway] = []
    for medicine in medicines:
        if not medicine.spaced:
            continue
        before = int(round((medicine.before_hours or 0) * 60))
        after = int(round((medicine.after_hours or 0) * 60))
        for t in medicine.times:
            windows.append(KeepAway(medicine.name, t - after, t + before, t))
    return tuple(windows)


def describe_window(window: KeepAway) -> str:
    """ "No magnesium 03:00-11:00 (Fosamax at 07:00)": the words a band stands for."""
    return (
        f"No magnesium {hhmm(window.start % MINUTES_A_DAY)}-{hhmm(window.end % MINUTES_A_DAY)} "
        f"({window.medicine} at {hhmm(window.taken)})"
    )
