"""Start-up benchmark: mgdesk's window against a bare five-tab PySide6 window.

Runs, in turn and several times each, as child processes with QT_QPA_PLATFORM=offscreen and a
temporary MGDESK_DATA_DIR:

- `mgdesk gui --quit-after-paint` (exits right after the first paint),
- `mgdesk gui --quit-after-load` (exits once every tab's models hold their data and painted),
- baselines/bare_window.py: QApplication, QMainWindow, a QTabWidget with five label tabs, quit
  after its first paint (DESIGN.md's bare window);
- baselines/floor_window.py: the bare window plus only what a first tab with real content
  needs (the Qt namespace, a nine-name list, a rich-text pane with mgdesk's first symptom
  page), no mgdesk code: the floor any first paint of this content stands on.

Prints the median wall-clock times, the ratios to the bare window (DESIGN.md's goals: first
paint <= 1.3x, all tabs loaded <= 2.0x), the floor's own ratio and mgdesk's over the floor
(what mgdesk itself adds), and the peak-memory ratio (maxrss of each child from os.wait4;
goal <= 1.5x). First paint is the time each child writes to MGDESK_PAINT_STAMP at its first
paint, so closing is not counted; "every tab loaded" is to the exit of a run that quits once
loaded, against the bare window's exit. Byte-code caching is left on (one warm-up run each),
as in an installed copy. `--check` exits 1 when a goal is missed; `--json` prints one JSON object.

    python bench/startup.py [--runs 7] [--json] [--check]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Row  # noqa: E402

GOALS = {"paint_ratio": 1.3, "load_ratio": 2.0, "memory_ratio": 1.5}
# #18: against the floors, what mgdesk adds over any window showing the same kinds of thing.
FLOOR_GOALS = {"paint_over_floor": 1.15, "load_over_tabs_floor": 1.3, "memory_over_tabs_floor": 1.3}

BASELINES = Path(__file__).resolve().parent / "baselines"
BARE_WINDOW = BASELINES / "bare_window.py"
FLOOR_WINDOW = BASELINES / "floor_window.py"
TABS_FLOOR_WINDOW = BASELINES / "tabs_floor_window.py"

# Prints the HTML of the Symptoms tab's pane as mgdesk's first paint shows it (for the floor).
_FIRST_PAGE = """
import sys
from mgdesk.ui import app as launcher
from mgdesk.ui.rich import RichPane
qt = launcher._init_application()
settings, appearance = launcher._init_settings(qt)
window = launcher._init_window(launcher._init_content(), settings, appearance)
sys.stdout.write(window.tab("symptoms").findChild(RichPane).toHtml())
"""


def write_first_page(folder: Path, python: str = sys.executable) -> Path:
    """The floor baseline's page: mgdesk's first symptom page as HTML, in `folder`."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MGDESK_DATA_DIR=str(folder / "page"))
    html = subprocess.run(
        [python, "-c", _FIRST_PAGE], env=env, capture_output=True, text=True, check=True
    ).stdout
    target = folder / "first_page.html"
    target.write_text(html, encoding="utf-8")
    return target


@dataclass(frozen=True)
class Run:
    seconds: float  # to the process's exit
    paint_seconds: float | None  # to its first paint (MGDESK_PAINT_STAMP), when it wrote one
    maxrss_kib: int


def run_once(command: list[str], env: dict[str, str]) -> Run:
    """One child process: wall time to its first paint and to its exit, and its peak memory.

    The first paint is read from the time the child writes to MGDESK_PAINT_STAMP (mgdesk and
    both baselines do), so what a program does when it closes is not counted as start-up.
    """
    with tempfile.TemporaryDirectory(prefix="mgdesk-stamp-") as folder:
        stamp = Path(folder) / "painted"
        child_env = {**env, "MGDESK_PAINT_STAMP": str(stamp)}
        wall_start, start = time.time(), time.perf_counter()
        process = subprocess.Popen(
            command, env=child_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        painted = float(stamp.read_text()) - wall_start if stamp.is_file() else None
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}:\n{stderr}")
    return Run(elapsed, painted, int(usage.ru_maxrss))


def measure(runs: int = 7) -> dict[str, float]:
    """Medians over `runs` alternating runs of mgdesk and the bare window, after a warm-up."""
    with tempfile.TemporaryDirectory(prefix="mgdesk-bench-") as temp:
        folder = Path(temp)
        page = write_first_page(folder)
        pdf = folder / "page.pdf"
        subprocess.run(
            [sys.executable, "-m", "mgdesk", "handout", "--symptom", "sleep", "-o", str(pdf)],
            env={**os.environ, "MGDESK_DATA_DIR": str(folder / "pdf")},
            check=True,
            capture_output=True,
        )
        env = dict(os.environ)
        env["QT_QPA_PLATFORM"] = "offscreen"
        env["MGDESK_DATA_DIR"] = str(folder / "data")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("MGDESK_DEBUG", None)
        commands = {
            "paint": [sys.executable, "-m", "mgdesk", "gui", "--quit-after-paint"],
            "load": [sys.executable, "-m", "mgdesk", "gui", "--quit-after-load"],
            "bare": [sys.executable, str(BARE_WINDOW), "--quit-after-paint"],
            "floor": [
                sys.executable,
                str(FLOOR_WINDOW),
                "--quit-after-paint",
                "--html",
                str(page),
            ],
            "tabs_floor": [
                sys.executable,
                str(TABS_FLOOR_WINDOW),
                "--quit-after-paint",
                "--pdf",
                str(pdf),
            ],
        }
        for command in commands.values():  # warm-up: byte code, font cache, content build
            run_once(command, env)
        results: dict[str, list[Run]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                results[name].append(run_once(command, env))

    def median_time(name: str) -> float:
        """To the process's exit (the "every tab loaded" runs quit once loaded)."""
        return statistics.median(r.seconds for r in results[name])

    def median_paint(name: str) -> float:
        painted = [r.paint_seconds for r in results[name] if r.paint_seconds is not None]
        if len(painted) != len(results[name]):
            raise SystemExit(f"{name}: no first-paint time written to MGDESK_PAINT_STAMP")
        return statistics.median(painted)

    def median_rss(name: str) -> float:
        return statistics.median(r.maxrss_kib for r in results[name])

    bare_paint, bare_exit = median_paint("bare"), median_time("bare")
    paint, floor = median_paint("paint"), median_paint("floor")
    bare_rss = median_rss("bare")
    app_rss = max(median_rss("paint"), median_rss("load"))
    return {
        "runs": runs,
        "bare_s": round(bare_paint, 4),
        "paint_s": round(paint, 4),
        "floor_s": round(floor, 4),
        "floor_ratio": round(floor / bare_paint, 3),
        "paint_over_floor": round(paint / floor, 3),
        "paint_ratio": round(paint / bare_paint, 3),
        "bare_exit_s": round(bare_exit, 4),
        "paint_exit_s": round(median_time("paint"), 4),
        "load_s": round(median_time("load"), 4),
        "load_ratio": round(median_time("load") / bare_exit, 3),
        "bare_maxrss_kib": int(bare_rss),
        "app_maxrss_kib": int(app_rss),
        "memory_ratio": round(app_rss / bare_rss, 3),
        "tabs_floor_exit_s": round(median_time("tabs_floor"), 4),
        "load_over_tabs_floor": round(median_time("load") / median_time("tabs_floor"), 3),
        "tabs_floor_maxrss_kib": int(median_rss("tabs_floor")),
        "memory_over_tabs_floor": round(app_rss / median_rss("tabs_floor"), 3),
    }


def goals_missed(report: dict[str, float]) -> list[str]:
    return [key for key, goal in GOALS.items() if report[key] > goal]


def rows() -> list[Row]:
    """The start-up and memory lines of `make bench`'s table."""
    report = measure(9)

    def line(name: str, key: str, ratio_key: str) -> Row:
        ratio, goal = report[ratio_key], GOALS[ratio_key]
        measured, bare = f"{report[key]:.3f} s", f"{report['bare_s']:.3f} s"
        return Row(name, measured, bare, ratio, f"<= {goal}x", ratio <= goal)

    memory = report["memory_ratio"]
    return [
        line("start-up to first paint", "paint_s", "paint_ratio"),
        Row(
            "first paint of the floor (no mgdesk code)",
            f"{report['floor_s']:.3f} s",
            f"{report['bare_s']:.3f} s",
            report["floor_ratio"],
            "(baseline)",
            None,
        ),
        Row(
            "start-up to first paint, over the floor",
            f"{report['paint_s']:.3f} s",
            f"{report['floor_s']:.3f} s (floor)",
            report["paint_over_floor"],
            "(what mgdesk adds)",
            None,
        ),
        Row(
            "start-up, every tab loaded (to exit)",
            f"{report['load_s']:.3f} s",
            f"{report['bare_exit_s']:.3f} s (to exit)",
            report["load_ratio"],
            f"<= {GOALS['load_ratio']}x",
            report["load_ratio"] <= GOALS["load_ratio"],
        ),
        Row(
            "peak memory (start-up)",
            f"{report['app_maxrss_kib'] / 1024:.0f} MiB",
            f"{report['bare_maxrss_kib'] / 1024:.0f} MiB",
            memory,
            f"<= {GOALS['memory_ratio']}x",
            memory <= GOALS["memory_ratio"],
        ),
        Row(
            "first paint over the floor (#18)",
            f"{report['paint_s']:.3f} s",
            f"{report['floor_s']:.3f} s (floor)",
            report["paint_over_floor"],
            f"<= {FLOOR_GOALS['paint_over_floor']}x",
            report["paint_over_floor"] <= FLOOR_GOALS["paint_over_floor"],
        ),
        Row(
            "every tab loaded over the chart+PDF floor (#18)",
            f"{report['load_s']:.3f} s",
            f"{report['tabs_floor_exit_s']:.3f} s (to exit)",
            report["load_over_tabs_floor"],
            f"<= {FLOOR_GOALS['load_over_tabs_floor']}x",
            report["load_over_tabs_floor"] <= FLOOR_GOALS["load_over_tabs_floor"],
        ),
        Row(
            "peak memory over the chart+PDF floor (#18)",
            f"{report['app_maxrss_kib'] / 1024:.0f} MiB",
            f"{report['tabs_floor_maxrss_kib'] / 1024:.0f} MiB",
            report["memory_over_tabs_floor"],
            f"<= {FLOOR_GOALS['memory_over_tabs_floor']}x",
            report["memory_over_tabs_floor"] <= FLOOR_GOALS["memory_over_tabs_floor"],
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each (default 7)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args(argv)
    runs = max(1, args.runs)

    report = measure(runs)
    missed = goals_missed(report)

    if args.json:
        print(json.dumps({**report, "goals_missed": missed}, indent=2))
    else:
        print(f"runs each: {runs} (medians)")
        print(
            f"bare five-tab window:       {report['bare_s']:.3f} s to first paint, "
            f"{report['bare_exit_s']:.3f} s to exit"
        )
        print(
            f"floor window (no mgdesk):   {report['floor_s']:.3f} s  "
            f"ratio {report['floor_ratio']:.2f}"
        )
        print(
            f"mgdesk to first paint:      {report['paint_s']:.3f} s  "
            f"ratio {report['paint_ratio']:.2f} (goal <= {GOALS['paint_ratio']}), "
            f"{report['paint_over_floor']:.2f} over the floor"
        )
        print(
            f"mgdesk to all tabs loaded:  {report['load_s']:.3f} s  "
            f"ratio {report['load_ratio']:.2f} (goal <= {GOALS['load_ratio']})"
        )
        print(
            f"peak memory: bare {report['bare_maxrss_kib'] / 1024:.1f} MiB, mgdesk "
            f"{report['app_maxrss_kib'] / 1024:.1f} MiB  ratio {report['memory_ratio']:.2f} "
            f"(goal <= {GOALS['memory_ratio']})"
        )
        print("goals missed: " + (", ".join(missed) if missed else "none"))
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
