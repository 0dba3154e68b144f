"""Speed a user feels after the first paint, and how it grows with years of use (#18).

Two kinds of figure, each at 1, 3 and 10 years of daily journal entries (bench/user_data.py:
8 symptoms, a dose and notes, 500 saved visits, a visit of 30 medicines and 20 products):

- from the real window (bench/gui_probe.py in a child process): the longest stall of the event
  loop from the first paint until every tab is loaded, and during the core actions; the Journal
  tab shown, its chart redrawn for all entries, the saved visits listed, the plan recomputed;
- from the command line (child processes, medians): start-up to first paint against an empty
  data folder, a handout with a one-year journal range against one without, and the CSV export
  and import of the whole journal.

    python bench/scale.py [--years 1,3,10] [--runs 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import startup  # noqa: E402
from common import Row  # noqa: E402
from user_data import LAST_DAY, big_visit, make_user_db  # noqa: E402

PROBE = Path(__file__).resolve().parent / "gui_probe.py"
YEARS = (1, 3, 10)
STALL_MS = 50.0
ACTION_MS = 100.0
STARTUP_RATIO = 1.1
HANDOUT_RATIO = 1.5
CSV_S = 2.0


def _env(folder: Path) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MGDESK_DATA_DIR": str(folder)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _seconds(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def probe(folder: Path) -> dict[str, object]:
    """One run of the window with its loop probe, on a copy of the folder's user DB (so that
    no run sees the settings or entries an earlier run left)."""
    with tempfile.TemporaryDirectory(prefix="mgdesk-probe-") as temp:
        if (folder / "user.sqlite").is_file():
            shutil.copyfile(folder / "user.sqlite", Path(temp) / "user.sqlite")
        out = subprocess.run(
            [sys.executable, str(PROBE)],
            env=_env(Path(temp)),
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def _median_probe(folder: Path, runs: int) -> dict[str, object]:
    """Medians of every figure over `runs` window runs (the gaps too, phase by phase)."""
    results = [probe(folder) for _ in range(runs)]
    merged: dict[str, object] = {}
    for key, value in results[0].items():
        if isinstance(value, dict):
            merged[key] = {p: statistics.median(r[key][p] for r in results) for p in value}
        else:
            merged[key] = statistics.median(r[key] for r in results)
    return merged


def cli_figures(folder: Path, empty: Path, runs: int) -> dict[str, float]:
    mgdesk = [sys.executable, "-m", "mgdesk"]
    env = _env(folder)
    paint = [*mgdesk, "gui", "--quit-after-paint"]
    startup.run_once(paint, env)
    startup.run_once(paint, _env(empty))
    with_db, without = [], []
    for _ in range(runs):
        with_db.append(startup.run_once(paint, env).paint_seconds or 0.0)
        without.append(startup.run_once(paint, _env(empty)).paint_seconds or 0.0)
    visit = big_visit().to_dict()
    plain = folder / "visit.json"
    plain.write_text(json.dumps(visit), encoding="utf-8")
    year = folder / "visit-journal.json"
    start = LAST_DAY.replace(year=LAST_DAY.year - 1).isoformat()
    sections = [*visit.get("sections", []), "journal"] if visit.get("sections") else None
    journal_visit = {**visit, "journal": {"from": start, "to": LAST_DAY.isoformat()}}
    if sections:
        journal_visit["sections"] = sections
    year.write_text(json.dumps(journal_visit), encoding="utf-8")
    pdf = folder / "out.pdf"
    handout_plain = [*mgdesk, "handout", "--from", str(plain), "-o", str(pdf)]
    handout_year = [*mgdesk, "handout", "--from", str(year), "-o", str(pdf)]
    _seconds(handout_plain, env)
    _seconds(handout_year, env)
    plain_s = [_seconds(handout_plain, env) for _ in range(runs)]
    year_s = [_seconds(handout_year, env) for _ in range(runs)]
    csv = folder / "journal.csv"
    export_s = _seconds([*mgdesk, "journal", "export", "--format", "csv", "-o", str(csv)], env)
    fresh = folder / "import"
    import_s = _seconds([*mgdesk, "journal", "import", str(csv)], _env(fresh))
    return {
        "startup_s": statistics.median(with_db),
        "startup_empty_s": statistics.median(without),
        "startup_ratio": statistics.median(with_db) / statistics.median(without),
        "handout_s": statistics.median(plain_s),
        "handout_year_s": statistics.median(year_s),
        "handout_ratio": statistics.median(year_s) / statistics.median(plain_s),
        "csv_export_s": export_s,
        "csv_import_s": import_s,
    }


def measure(years: tuple[int, ...] = YEARS, runs: int = 3) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="mgdesk-scale-") as temp:
        root = Path(temp)
        empty = root / "empty"
        empty.mkdir()
        report: dict[str, object] = {"empty": _median_probe(empty, runs)}
        for count in years:
            folder = root / f"years-{count}"
            make_user_db(folder, count)
            report[str(count)] = {
                "window": _median_probe(folder, runs),
                "cli": cli_figures(folder, empty, runs),
            }
    return report


def _row(name: str, value: float, unit: str, goal: float, baseline: str = "") -> Row:
    shown = f"{value:.0f} ms" if unit == "ms" else f"{value:.2f} {unit}"
    goal_text = f"<= {goal:.0f} ms" if unit == "ms" else f"<= {goal} {unit}"
    ratio = value if unit == "x" else None
    if unit == "x":
        shown, goal_text = "", f"<= {goal}x"
    return Row(name, shown, baseline, ratio, goal_text, value <= goal)


def rows() -> list[Row]:
    report = measure(runs=3)
    empty = report["empty"]
    table = [
        _row(f"stall after first paint, {phase} (no data)", gap, "ms", STALL_MS)
        for phase, gap in empty["gaps_ms"].items()  # type: ignore[union-attr]
        if phase != "scale figures"
    ]
    for count in YEARS:
        window = report[str(count)]["window"]  # type: ignore[index]
        cli = report[str(count)]["cli"]  # type: ignore[index]
        stalls = window["gaps_ms"]
        worst = max(v for k, v in stalls.items() if k != "scale figures")
        table += [
            _row(f"{count} y: longest stall after first paint", worst, "ms", STALL_MS),
            _row(f"{count} y: Journal tab shown", window["journal_shown_ms"], "ms", ACTION_MS),
            _row(f"{count} y: chart redrawn, all entries", window["chart_all_ms"], "ms", ACTION_MS),
            _row(f"{count} y: saved visits listed (500)", window["visit_list_ms"], "ms", ACTION_MS),
            _row(
                f"{count} y: plan recomputed (30 medicines, 20 products)",
                window["plan_ms"],
                "ms",
                ACTION_MS,
            ),  # fmt: skip
            _row(
                f"{count} y: start-up to first paint vs empty",
                cli["startup_ratio"],
                "x",
                STARTUP_RATIO,
                f"{cli['startup_s']:.3f} vs {cli['startup_empty_s']:.3f} s",
            ),
            _row(
                f"{count} y: handout with a 1-year journal vs none",
                cli["handout_ratio"],
                "x",
                HANDOUT_RATIO,
                f"{cli['handout_year_s']:.3f} vs {cli['handout_s']:.3f} s",
            ),
            _row(f"{count} y: journal CSV export", cli["csv_export_s"], "s", CSV_S),
            _row(f"{count} y: journal CSV import", cli["csv_import_s"], "s", CSV_S),
        ]
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", default="1,3,10", help="comma-separated (default 1,3,10)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each (default 3)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    years = tuple(int(y) for y in args.years.split(","))
    report = measure(years, max(1, args.runs))
    print(json.dumps(report, indent=2, default=float))
    return 0


if __name__ == "__main__":
    sys.exit(main())
