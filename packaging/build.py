"""`make bundle`: build the one-folder bundle in dist/mgdesk/ and pack it as a tarball.

The steps, each printed with its time:

1. **venv**: a new virtual environment in build/bundle-venv, made from nothing each time, with
   a normal (not editable) install of mgdesk and a pinned PyInstaller. So the bundle holds
   exactly what the wheel declares, never what happens to be in a developer's .venv.
2. **content**: the content DB compiled from db/content/ into build/bundle/content.sqlite.
3. **freeze**: PyInstaller with packaging/mgdesk.spec into dist/mgdesk/.
4. **licences**: the licence texts of everything bundled, into dist/mgdesk/licenses/.
5. **tarball**: dist/mgdesk-<version>-<os>-<machine>.tar.gz holding mgdesk-<version>/.

Run with any Python 3.11+: `python3 packaging/build.py`. It writes only under build/ and dist/.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / "build" / "bundle-venv"
WORK = ROOT / "build" / "bundle"
DIST = ROOT / "dist"
BUNDLE = DIST / "mgdesk"
SPEC = ROOT / "packaging" / "mgdesk.spec"
PYINSTALLER = "pyinstaller==6.22.3"


def _bin(name: str) -> Path:
    folder = VENV / ("Scripts" if os.name == "nt" else "bin")
    return folder / (f"{name}.exe" if os.name == "nt" else name)


def _run(*argv: str | Path, cwd: Path = WORK) -> str:
    """Run a command, fail loudly with its output, return its stdout."""
    result = subprocess.run(
        [str(a) for a in argv], cwd=cwd, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"failed ({result.returncode}): {' '.join(map(str, argv))}")
    return result.stdout


def make_venv() -> str:
    if VENV.exists():
        shutil.rmtree(VENV)
    _run(sys.executable, "-m", "venv", VENV, cwd=ROOT)
    # setuptools leaves modules deleted since the last build in build/lib, and would put
    # them in the wheel: start from an empty build folder.
    for stale in (ROOT / "build" / "lib", *ROOT.glob("build/bdist.*")):
        shutil.rmtree(stale, ignore_errors=True)
    _run(_bin("python"), "-m", "pip", "install", "--quiet", "--no-input", ROOT, PYINSTALLER)
    version = _run(_bin("python"), "-c", "import mgdesk; print(mgdesk.__version__)").strip()
    return f"mgdesk {version} and {PYINSTALLER} in {VENV.relative_to(ROOT)}"


def build_content() -> str:
    target = WORK / "content.sqlite"
    source = ROOT / "db" / "content"
    _run(_bin("python"), "-m", "mgdesk.store.content_build", "--source", source, "--out", target)
    return str(target.relative_to(ROOT))


def freeze() -> str:
    _run(
        _bin("pyinstaller"),
        "--noconfirm",
        "--clean",
        "--log-level=WARN",
        f"--distpath={DIST}",
        f"--workpath={WORK / 'pyinstaller'}",
        SPEC,
    )
    return f"{BUNDLE.relative_to(ROOT)}, {_size(BUNDLE) / 2**20:.1f} MiB"


def collect_licences() -> str:
    return _run(_bin("python"), ROOT / "packaging" / "licenses.py", BUNDLE).strip()


def _size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_dir())


def tarball_name(version: str) -> str:
    return f"mgdesk-{version}-{platform.system().lower()}-{platform.machine().lower()}.tar.gz"


def pack() -> str:
    version = _run(_bin("python"), "-c", "import mgdesk; print(mgdesk.__version__)").strip()
    target = DIST / tarball_name(version)
    top = f"mgdesk-{version}"

    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    partial = target.with_suffix(".part")
    with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
        tar.add(BUNDLE, arcname=top, filter=normalise)
    partial.replace(target)
    return f"{target.relative_to(ROOT)}, {target.stat().st_size / 2**20:.1f} MiB"


def main() -> int:
    WORK.mkdir(parents=True, exist_ok=True)
    steps: list[tuple[str, Callable[[], str]]] = [
        ("venv", make_venv),
        ("content", build_content),
        ("freeze", freeze),
        ("licences", collect_licences),
        ("tarball", pack),
    ]
    started = time.monotonic()
    for name, step in steps:
        begin = time.monotonic()
        detail = step()
        print(f"{name:9} {time.monotonic() - begin:6.1f} s  {detail}", flush=True)
    print(f"{'bundle':9} {time.monotonic() - started:6.1f} s  in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
