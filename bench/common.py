"""Shared pieces of the benchmarks: timing child processes, peak memory, and the table row.

Benchmarks compare mgdesk with a bare baseline measured in turn in the same run on the same
machine, so the ratios mean something on any machine; absolute times are printed beside them.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


@dataclass(frozen=True)
class Row:
    """One line of the benchmark table."""

    name: str
    measured: str
    baseline: str
    ratio: float | None
    goal: str
    met: bool | None


def bench_env(**extra: str) -> dict[str, str]:
    """The environment for a child: offscreen Qt and a throw-away data folder."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **extra}
    env.setdefault("MGDESK_DATA_DIR", tempfile.mkdtemp(prefix="mgdesk-bench-"))
    return env


def run_once(argv: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall time (s) and peak resident memory (KiB) of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(
        list(argv), env=env or bench_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if status != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({status}): {stderr.strip()[:300]}")
    return elapsed, usage.ru_maxrss


def alternate(
    a: Sequence[str], b: Sequence[str], runs: int, env: dict[str, str] | None = None
) -> tuple[list[float], list[float], int, int]:
    """Run a and b in turn `runs` times (after one warm-up each): times and peak memory."""
    run_once(a, env)
    run_once(b, env)
    times_a: list[float] = []
    times_b: list[float] = []
    mem_a = mem_b = 0
    for _ in range(runs):
        t, m = run_once(a, env)
        times_a.append(t)
        mem_a = max(mem_a, m)
        t, m = run_once(b, env)
        times_b.append(t)
        mem_b = max(mem_b, m)
    return times_a, times_b, mem_a, mem_b


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def self_peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
