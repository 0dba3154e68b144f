"""Journal latency on a temporary user DB: adding one entry, and a year of entries' chart series.

A year is 365 days x 3 entries x 4 symptom ratings (with a dose in the morning). Each figure is
the median of several runs; the goal is one frame (16 ms) for both, so the journal tab can save
and redraw without a visible pause. Wall time is what the user feels; CPU time (this process
only) is printed beside it because on a busy machine other processes inflate wall time. A bare
baseline, plain sqlite3 fetching the same rows, shows how much of the time is SQLite itself.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Row  # noqa: E402

from mgdesk.domain.journal import build_series, new_entry  # noqa: E402
from mgdesk.store.journal import JournalStore  # noqa: E402
from mgdesk.store.user_db import open_user_db  # noqa: E402

FRAME_MS = 16.0
SYMPTOMS = ("pain", "fatigue", "sleep", "brain-fog")
TIMES = ("08:00", "14:00", "21:00")
FIRST_DAY = dt.date(2025, 1, 1)


def _median_ms(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds of `runs` calls."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def _bare(path: Path) -> Callable[[], object]:
    connection = sqlite3.connect(path)

    def fetch() -> object:
        return connection.execute(
            "SELECT e.id, e.entry_date, e.entry_time, r.symptom, r.value FROM journal_entry e "
            "JOIN journal_rating r ON r.entry_id = e.id"
        ).fetchall()

    return fetch


def _year(store: JournalStore) -> None:
    entries = []
    for day in range(365):
        date = FIRST_DAY + dt.timedelta(days=day)
        for n, at in enumerate(TIMES):
            ratings = {s: (day + n + i) % 11 for i, s in enumerate(SYMPTOMS)}
            doses = {"malate": 200} if n == 0 else {}
            entries.append(new_entry(date, at, ratings, doses, today=dt.date(2026, 1, 1)))
    store.import_entries(entries, today=dt.date(2026, 1, 1))


def measure() -> dict[str, float]:
    year_end = dt.date(2025, 12, 31)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["MGDESK_DATA_DIR"] = folder
        db = open_user_db()
        try:
            store = JournalStore(db)
            _year(store)
            one = new_entry("2026-01-02", "22:00", {"pain": 5, "sleep": 6}, {"glycinate": 100})
            store.add(one)  # warm up
            add = _median_ms(lambda: store.add(one), 50)
            entries = store.entries(FIRST_DAY, year_end)
            store.series(FIRST_DAY, year_end)  # warm up
            series = _median_ms(lambda: store.series(FIRST_DAY, year_end), 21)
            pure = _median_ms(lambda: build_series(entries), 21)
            bare = _median_ms(_bare(db.path), 21)
            points = sum(len(v) for v in store.series(FIRST_DAY, year_end).symptoms.values())
        finally:
            db.close()
    return {
        "entries": len(entries),
        "points": points,
        "add_ms": add[0],
        "add_cpu_ms": add[1],
        "series_ms": series[0],
        "series_cpu_ms": series[1],
        "series_pure_ms": pure[0],
        "bare_ms": bare[0],
    }


def rows() -> list[Row]:
    """The journal lines of `make bench`'s table: a year's chart series, and one entry added."""
    r = measure()
    return [
        Row(
            f"journal series, one year ({r['entries']:.0f} entries)",
            f"{r['series_ms']:.1f} ms",
            f"{r['bare_ms']:.1f} ms (sqlite3 fetch)",
            r["series_ms"] / r["bare_ms"],
            f"<= {FRAME_MS:.0f} ms",
            r["series_ms"] <= FRAME_MS,
        ),
        Row(
            "journal entry added",
            f"{r['add_ms']:.2f} ms",
            "",
            None,
            f"<= {FRAME_MS:.0f} ms",
            r["add_ms"] <= FRAME_MS,
        ),
    ]


def main() -> int:
    r = measure()
    print(
        f"journal add: median {r['add_ms']:.2f} ms wall, {r['add_cpu_ms']:.2f} ms CPU "
        f"(goal <= {FRAME_MS:.0f} ms)"
    )
    print(
        f"journal series, one year ({r['entries']:.0f} entries, {r['points']:.0f} ratings): "
        f"median {r['series_ms']:.2f} ms wall, {r['series_cpu_ms']:.2f} ms CPU "
        f"(goal <= {FRAME_MS:.0f} ms); from entries already loaded {r['series_pure_ms']:.2f} ms; "
        f"bare sqlite3 fetch of the same rows {r['bare_ms']:.2f} ms"
    )
    return 0 if r["add_ms"] <= FRAME_MS and r["series_ms"] <= FRAME_MS else 1


if __name__ == "__main__":
    sys.exit(main())
