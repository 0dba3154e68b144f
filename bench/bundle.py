"""Bundle benchmark: the frozen mgdesk against a bare and a floor PySide6 bundle (issue #8).

`make bundle` builds dist/mgdesk/ with PyInstaller in build/bundle-venv. This builds, with the
same PyInstaller and the same Python, two one-folder bundles of the baseline windows in
bench/baselines/ (PyInstaller's own hooks, no exclusions: how a bare PySide6 app is bundled),
into build/bench-bundles/, once (again when a baseline script changes). Then it runs the three
in turn, several times, with a bare environment as a desktop launcher gives (HOME, LANG,
QT_QPA_PLATFORM=offscreen and a temporary MGDESK_DATA_DIR), each exiting after its first
paint, and prints the medians, the ratios and the sizes (`du`, in MiB). Start-up is to the
first paint (the time each child writes to MGDESK_PAINT_STAMP); the time to exit is printed
beside it.

Goals (#8): mgdesk's bundle no larger than the bare one (goal under 130 MiB) and its start-up
within 1.2x of the bare bundle's. The floor bundle shows what any first tab with this content
costs before mgdesk adds anything.

    python bench/bundle.py [--runs 15] [--json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, Row  # noqa: E402
from startup import BARE_WINDOW, FLOOR_WINDOW, run_once, write_first_page  # noqa: E402

APP = ROOT / "dist" / "mgdesk" / "mgdesk"
PYINSTALLER = ROOT / "build" / "bundle-venv" / "bin" / "pyinstaller"
BUNDLES = ROOT / "build" / "bench-bundles"
GOALS = {"startup_ratio": 1.2, "size_mib": 130.0}


def missing() -> str | None:
    """Why the benchmark cannot run here, or None."""
    if not APP.is_file():
        return "no bundle: run `make bundle` first"
    if not PYINSTALLER.is_file():
        return "no build/bundle-venv with PyInstaller: run `make bundle` first"
    return None


def baseline_bundle(script: Path) -> Path:
    """The executable of `script` frozen one-folder, built now unless built from this script."""
    name = script.stem
    executable = BUNDLES / "dist" / name / name
    stamp = BUNDLES / f"{name}.sha256"
    # Every baseline script counts: the floor imports the bare window's probe.
    sources = sorted(script.parent.glob("*.py"))
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()
    if executable.is_file() and stamp.is_file() and stamp.read_text() == digest:
        return executable
    shutil.rmtree(BUNDLES / "dist" / name, ignore_errors=True)
    BUNDLES.mkdir(parents=True, exist_ok=True)
    print(f"building the {name} bundle ...", file=sys.stderr, flush=True)
    subprocess.run(
        [
            str(PYINSTALLER),
            "--noconfirm",
            "--onedir",
            "--log-level=WARN",
            f"--distpath={BUNDLES / 'dist'}",
            f"--workpath={BUNDLES / 'work'}",
            f"--specpath={BUNDLES}",
            str(script),
        ],
        check=True,
    )
    stamp.write_text(digest)
    return executable


def size_mib(folder: Path) -> float:
    """What `du` counts: the blocks of every file, links counted once."""
    blocks = sum(p.lstat().st_blocks for p in folder.rglob("*") if not p.is_symlink())
    return blocks * 512 / 2**20


def _bare_environment(home: Path) -> dict[str, str]:
    """What a desktop launcher gives: no Python, no venv, a throw-away data folder."""
    return {
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "MGDESK_DATA_DIR": str(home / "data"),
    }


def measure(runs: int = 15) -> dict[str, float]:
    """Medians of `runs` alternating runs of the three bundles (after two warm-up rounds)."""
    bare = baseline_bundle(BARE_WINDOW)
    floor = baseline_bundle(FLOOR_WINDOW)
    with tempfile.TemporaryDirectory(prefix="mgdesk-bundle-bench-") as temp:
        home = Path(temp)
        page = write_first_page(home)
        commands = {
            "bare": [str(bare), "--quit-after-paint"],
            "floor": [str(floor), "--quit-after-paint", "--html", str(page)],
            "app": [str(APP), "gui", "--quit-after-paint"],
        }
        paints: dict[str, list[float]] = {name: [] for name in commands}
        exits: dict[str, list[float]] = {name: [] for name in commands}
        for round_number in range(runs + 2):
            for name, argv in commands.items():
                run = run_once(argv, _bare_environment(home))
                if run.paint_seconds is None:
                    raise SystemExit(f"{argv[0]} wrote no first-paint time to MGDESK_PAINT_STAMP")
                if round_number >= 2:  # the first two rounds warm the page cache
                    paints[name].append(run.paint_seconds)
                    exits[name].append(run.seconds)
    medians = {name: statistics.median(values) for name, values in paints.items()}
    exit_medians = {name: statistics.median(values) for name, values in exits.items()}
    return {
        "runs": runs,
        "bare_s": round(medians["bare"], 4),
        "floor_s": round(medians["floor"], 4),
        "app_s": round(medians["app"], 4),
        "startup_ratio": round(medians["app"] / medians["bare"], 3),
        "floor_ratio": round(medians["floor"] / medians["bare"], 3),
        "app_over_floor": round(medians["app"] / medians["floor"], 3),
        "bare_exit_s": round(exit_medians["bare"], 4),
        "app_exit_s": round(exit_medians["app"], 4),
        "exit_ratio": round(exit_medians["app"] / exit_medians["bare"], 3),
        "bare_mib": round(size_mib(bare.parent), 1),
        "floor_mib": round(size_mib(floor.parent), 1),
        "size_mib": round(size_mib(APP.parent), 1),
    }


def rows() -> list[Row]:
    """The bundle lines of `make bench`'s table (one 'skipped' line without a bundle)."""
    why = missing()
    if why is not None:
        return [Row("bundle start-up and size", f"skipped: {why}", "", None, "", None)]
    report = measure(15)
    ratio = report["startup_ratio"]
    size_ratio = report["size_mib"] / report["bare_mib"]
    return [
        Row(
            "bundle start-up to first paint",
            f"{report['app_s']:.3f} s",
            f"{report['bare_s']:.3f} s",
            ratio,
            f"<= {GOALS['startup_ratio']}x",
            ratio <= GOALS["startup_ratio"],
        ),
        Row(
            "floor bundle's first paint (no mgdesk code)",
            f"{report['floor_s']:.3f} s",
            f"{report['bare_s']:.3f} s",
            report["floor_ratio"],
            "(baseline)",
            None,
        ),
        Row(
            "bundle size (du)",
            f"{report['size_mib']:.1f} MiB",
            f"{report['bare_mib']:.1f} MiB",
            size_ratio,
            f"<= 1.0x, < {GOALS['size_mib']:.0f} MiB",
            size_ratio <= 1.0 and report["size_mib"] < GOALS["size_mib"],
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each (default 15)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    why = missing()
    if why is not None:
        print(f"bundle benchmark: {why}", file=sys.stderr)
        return 1
    report = measure(max(1, args.runs))
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"runs each: {report['runs']:.0f} (medians), offscreen, bare environment")
    print(f"bare PySide6 bundle:   {report['bare_s']:.3f} s  {report['bare_mib']:.1f} MiB")
    print(
        f"floor bundle:          {report['floor_s']:.3f} s  {report['floor_mib']:.1f} MiB  "
        f"ratio {report['floor_ratio']:.2f}"
    )
    print(
        f"mgdesk bundle:         {report['app_s']:.3f} s  {report['size_mib']:.1f} MiB  "
        f"ratio {report['startup_ratio']:.2f} (goal <= {GOALS['startup_ratio']}), "
        f"{report['app_over_floor']:.2f} over the floor"
    )
    print(
        f"to exit: bare {report['bare_exit_s']:.3f} s, mgdesk {report['app_exit_s']:.3f} s, "
        f"ratio {report['exit_ratio']:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
