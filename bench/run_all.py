"""`make bench`: every benchmark in turn, as one table of ratios against bare baselines."""

from __future__ import annotations

import importlib
import os
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import Row  # noqa: E402

BENCHMARKS = ("startup", "content_pack", "search", "handout", "journal", "scale", "bundle")


def machine() -> str:
    cpus = len(os.sched_getaffinity(0))
    python = platform.python_version()
    return f"{platform.system()} {platform.machine()}, {cpus} cores, Python {python}"


def main() -> int:
    rows: list[Row] = []
    for name in BENCHMARKS:
        module = importlib.import_module(name)
        print(f"running {name} ...", file=sys.stderr, flush=True)
        rows += module.rows()
    print(f"mgdesk benchmarks on {machine()}")
    print()
    print("| benchmark | mgdesk | bare baseline | ratio | goal | met |")
    print("| --- | --- | --- | --- | --- | --- |")
    for row in rows:
        ratio = "" if row.ratio is None else f"{row.ratio:.2f}x"
        met = "" if row.met is None else ("yes" if row.met else "NO")
        print(f"| {row.name} | {row.measured} | {row.baseline} | {ratio} | {row.goal} | {met} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
