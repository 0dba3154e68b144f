"""A known journal for the handout's "Since my last visit" tests: two months, one form started.

Thirty days before magnesium glycinate (pain 7 and 8 in turn, sleep 8), then thirty days on
300 mg a day (pain 5 and 4 in turn, sleep 6), so the before/after averages are known: pain 7.5
then 4.5, sleep 8.0 then 6.0. Two pain maps in the range (the later one is shown) and one entry
and one map before it (never shown). Dates are relative to today: the journal refuses the future.
"""

from __future__ import annotations

import datetime as dt

from mgdesk.domain.journal import new_entry
from mgdesk.domain.painmap import new_pain_map
from mgdesk.store.journal import JournalStore

TODAY = dt.date.today()
START = TODAY - dt.timedelta(days=70)
STARTED = START + dt.timedelta(days=30)
END = START + dt.timedelta(days=59)
RANGE = {"from": START.isoformat(), "to": END.isoformat()}
LATEST_AREAS = (
    "neck", "upper-back", "lower-back", "shoulder-left", "shoulder-right", "hip-left", "chest",
)  # fmt: skip
# WPI 7, SSS 2 + 2 + 1 + 1 = 6, total 13.
LATEST_SEVERITY = {"fatigue": 2, "waking-unrefreshed": 2, "cognitive": 1, "headaches": 1}


def seed_journal(store: JournalStore) -> None:
    store.add(new_entry(START - dt.timedelta(days=5), None, [("pain", 10)], [], "before range"))
    for day in range(60):
        date = START + dt.timedelta(days=day)
        on = date >= STARTED
        pain = (5 if day % 2 else 4) if on else (7 if day % 2 else 8)
        doses = [("glycinate", 300.0)] if on else []
        store.add(new_entry(date, "08:00", [("pain", pain), ("sleep", 6 if on else 8)], doses))
    store.add_pain_map(new_pain_map(START - dt.timedelta(days=3), ["neck"]))
    store.add_pain_map(
        new_pain_map(START + dt.timedelta(days=2), ["neck", "chest"], {"fatigue": 3})
    )
    store.add_pain_map(new_pain_map(END - dt.timedelta(days=1), LATEST_AREAS, LATEST_SEVERITY))
