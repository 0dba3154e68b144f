"""`make bundle-test`: run the frozen program the way a user's machine would, with no Python.

Each command runs with an environment holding only HOME (a temporary folder),
QT_QPA_PLATFORM=offscreen and MGDESK_DATA_DIR (another temporary folder), as `env -i` would
give it: no PATH, so no Python and no virtual environment to fall back on, and no LANG, so the
bare C locale (one case runs under a UTF-8 LANG, as a desktop session has).
A command fails the test when its exit code is not the one expected, when its output is wrong,
or when it prints anything on stderr that is not listed in EXPECTED_STDERR. Then:

- nothing was written inside the bundle (the app reads its folder and never writes to it);
- the bundle is no larger than a bare PySide6 bundle (the quality bar), with the 130 MiB
  goal reported beside it;
- the tarball holds the bundle and its licences.

Run with any Python 3.11+: `python3 packaging/smoke_test.py [dist/mgdesk]`.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Sizes in MiB, as `du -sh` counts them. The bar: a bare PySide6 one-folder bundle of a five-tab
# window, measured on this kind of machine (PySide6 6.12, PyInstaller 6.22).
BARE_BUNDLE_MIB = 183
GOAL_MIB = 130

# Lines Qt prints by design in these runs: the offscreen platform cannot pass size hints on
# to a window system, and says so once per top-level window shown.
EXPECTED_STDERR = [re.compile(r"^This plugin does not support propagateSizeHints\(\)$")]


def package_version() -> str:
    """mgdesk.__version__, read from the source without importing the package."""
    tree = ast.parse((ROOT / "mgdesk" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "__version__":
            return str(ast.literal_eval(node.value))
    raise SystemExit("no __version__ in mgdesk/__init__.py")


@dataclass
class Case:
    name: str
    argv: list[str]
    check: Callable[[subprocess.CompletedProcess[str], Path], str | None] = lambda r, t: None
    exit_code: int = 0
    stderr_lines: int | None = None  # for an expected error: how many lines it may print
    extra: dict[str, str] = field(default_factory=dict)
    unset: tuple[str, ...] = ()  # variables of the usual environment this case runs without


def _stdout_is(text: str) -> Callable[[subprocess.CompletedProcess[str], Path], str | None]:
    def check(result: subprocess.CompletedProcess[str], _: Path) -> str | None:
        return None if result.stdout.strip() == text else f"printed {result.stdout.strip()!r}"

    return check


def _self_test(result: subprocess.CompletedProcess[str], _: Path) -> str | None:
    return None if "all checks passed" in result.stdout else "self-test did not pass"


def _pdf(result: subprocess.CompletedProcess[str], folder: Path) -> str | None:
    pdf = folder / "handout.pdf"
    if not pdf.is_file():
        return f"wrote no {pdf.name}"
    return None if pdf.read_bytes()[:5] == b"%PDF-" else f"{pdf.name} is not a PDF"


def _dose(result: subprocess.CompletedProcess[str], _: Path) -> str | None:
    answer = json.loads(result.stdout)
    return None if answer.get("intake_mg") == 320 else f"intake_mg is {answer.get('intake_mg')}"


def _search(result: subprocess.CompletedProcess[str], _: Path) -> str | None:
    hits = json.loads(result.stdout)
    return None if any(hit.get("id") == "glycinate" for hit in hits) else "no glycinate hit"


def cases(version: str, folder: Path) -> list[Case]:
    return [
        Case("version", ["mgdesk", "--version"], _stdout_is(f"mgdesk {version}")),
        Case("self-test", ["mgdesk", "self-test"], _self_test),
        # No display and nothing set: self-test picks the offscreen platform by itself.
        Case(
            "self-test, no QT_QPA_PLATFORM",
            ["mgdesk", "self-test"],
            _self_test,
            unset=("QT_QPA_PLATFORM",),
        ),
        Case(
            "handout",
            ["mgdesk", "handout", "--name", "Zoë Test", "--age", "40", "--sex", "female"]
            + ["--symptom", "sleep", "--med", "Fosamax", "-o", str(folder / "handout.pdf")],
            _pdf,
        ),
        Case(
            "handout under a UTF-8 locale",
            ["mgdesk", "handout", "--name", "Zoë Ångström", "--age", "40", "--sex", "female"]
            + ["--page-size", "a4", "-o", str(folder / "handout.pdf")],
            _pdf,
            extra={"LANG": "C.UTF-8"},
        ),
        Case("dose", ["mgdesk", "dose", "--age", "40", "--sex", "female", "--json"], _dose),
        Case("search", ["mgdesk", "search", "glycin", "--json"], _search),
        Case(
            "bad input",
            ["mgdesk", "dose", "--age", "-3", "--sex", "female"],
            exit_code=2,
            stderr_lines=1,
        ),
        Case("window", ["mgdesk", "gui", "--quit-after-paint"]),
        Case("window, every tab loaded", ["mgdesk", "gui", "--quit-after-load"]),
        Case("windowed launcher", ["mgdesk-gui", "--quit-after-paint"]),
    ]


def _unexpected(stderr: str) -> list[str]:
    return [
        line
        for line in stderr.splitlines()
        if line.strip() and not any(p.match(line) for p in EXPECTED_STDERR)
    ]


def run_case(bundle: Path, case: Case, folder: Path) -> str | None:
    env = {
        "HOME": str(folder / "home"),
        "QT_QPA_PLATFORM": "offscreen",
        "MGDESK_DATA_DIR": str(folder / "data"),
        **case.extra,
    }
    for name in case.unset:
        env.pop(name, None)
    argv = [str(bundle / case.argv[0]), *case.argv[1:]]
    result = subprocess.run(
        argv, env=env, cwd=folder, capture_output=True, text=True, timeout=180, check=False
    )
    problems = []
    if result.returncode != case.exit_code:
        problems.append(f"exit code {result.returncode}, expected {case.exit_code}")
    if case.stderr_lines is None:
        problems += [f"unexpected stderr: {line}" for line in _unexpected(result.stderr)]
    else:
        lines = result.stderr.strip().splitlines()
        if len(lines) != case.stderr_lines or "Traceback" in result.stderr:
            problems.append(f"expected {case.stderr_lines} line(s) on stderr: {result.stderr!r}")
    if not problems and case.exit_code == 0:
        try:
            detail = case.check(result, folder)
        except (ValueError, KeyError) as exc:
            detail = f"{type(exc).__name__}: {exc}"
        if detail:
            problems.append(detail)
    if problems and result.stdout.strip():
        problems.append("stdout:\n" + result.stdout.strip())
    return "\n      ".join(problems) or None


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime_ns)
        for p in folder.rglob("*")
    }


def bundle_size_mib(bundle: Path) -> float:
    return sum(p.lstat().st_size for p in bundle.rglob("*") if not p.is_dir()) / 2**20


def check_tarball(version: str) -> str | None:
    tarballs = sorted((ROOT / "dist").glob(f"mgdesk-{version}-*.tar.gz"))
    if not tarballs:
        return f"no dist/mgdesk-{version}-*.tar.gz"
    with tarfile.open(tarballs[-1]) as tar:
        names = set(tar.getnames())
    top = f"mgdesk-{version}"
    wanted = [f"{top}/mgdesk", f"{top}/mgdesk-gui", f"{top}/licenses/README.txt"]
    missing = [name for name in wanted if name not in names]
    return f"{tarballs[-1].name} lacks {', '.join(missing)}" if missing else None


def main(argv: list[str]) -> int:
    bundle = Path(argv[0]) if argv else ROOT / "dist" / "mgdesk"
    if not (bundle / "mgdesk").is_file():
        print(f"no bundle in {bundle}: run `make bundle` first", file=sys.stderr)
        return 2
    version = package_version()
    failures = 0
    before = snapshot(bundle)
    with tempfile.TemporaryDirectory(prefix="mgdesk-smoke-") as temp:
        for case in cases(version, Path(temp)):
            folder = Path(temp)
            (folder / "home").mkdir(exist_ok=True)
            start = time.monotonic()
            problem = run_case(bundle, case, folder)
            took = time.monotonic() - start
            print(f"{'FAIL' if problem else 'ok':5} {case.name} ({took:.1f} s)")
            if problem:
                print(f"      {problem}")
                failures += 1

    changed = sorted(set(snapshot(bundle).items()) ^ set(before.items()))
    if changed:
        print(f"FAIL  the bundle was written to: {', '.join(sorted({c[0] for c in changed}))}")
        failures += 1
    else:
        print("ok    nothing written inside the bundle")

    size = bundle_size_mib(bundle)
    goal = "within" if size <= GOAL_MIB else "above"
    if size > BARE_BUNDLE_MIB:
        print(f"FAIL  bundle size {size:.1f} MiB, larger than a bare PySide6 bundle")
        failures += 1
    else:
        print(f"ok    bundle size {size:.1f} MiB ({goal} the {GOAL_MIB} MiB goal)")

    problem = check_tarball(version)
    print(f"FAIL  tarball: {problem}" if problem else "ok    tarball holds the bundle and licences")
    failures += bool(problem)

    print(f"{'bundle test failed' if failures else 'bundle test passed'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
