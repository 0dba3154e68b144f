"""Build hook: a wheel of mgdesk carries what it reads at run time, under `mgdesk/_shipped/`.

`mgdesk/paths.py` looks for `resources/`, `db/migrations/` and the compiled `content.sqlite`
in `mgdesk/_shipped/` when the package is installed (not run from a checkout). This hook
puts them there while the wheel is built: it copies the two folders and compiles a fresh
content DB from `db/content/` in pip's isolated build environment (pyproject.toml's
build requirements carry the two libraries the compiler needs: textstat, snowballstemmer). An editable install needs none of it: it reads the checkout.
Everything else about the project is declared in pyproject.toml.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SHIPPED = "_shipped"
# Folders copied as they are; generated clutter is left behind.
FOLDERS = ("resources", "db/migrations")
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo", ".*")


class BuildPyWithShipped(build_py):
    """`build_py`, then resources, migrations and a freshly compiled content DB."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "mgdesk" / SHIPPED
        if target.exists():
            shutil.rmtree(target)  # no stale resource from an earlier build
        for folder in FOLDERS:
            shutil.copytree(ROOT / folder, target / folder, ignore=IGNORED)
        self.announce(f"compiling the content DB into {target}", level=2)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "mgdesk.store.content_build",
                "--source",
                str(ROOT / "db" / "content"),
                "--out",
                str(target / "content.sqlite"),
            ],
            cwd=ROOT,
            check=True,
        )


setup(cmdclass={"build_py": BuildPyWithShipped})
