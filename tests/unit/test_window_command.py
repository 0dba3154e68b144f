"""`mgdesk gui` with no screen is one line and exit 1, not Qt's abort and core dump."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from mgdesk.commands.window import NO_DISPLAY, display_missing


@pytest.mark.parametrize(
    "environ, platform, missing",
    [
        ({}, "linux", True),
        ({"DISPLAY": ":0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"DISPLAY": ""}, "freebsd14", True),
        ({}, "win32", False),
        ({}, "darwin", False),
    ],
)
def test_display_missing(environ: dict[str, str], platform: str, missing: bool) -> None:
    assert display_missing(environ, platform) is missing


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland only")
def test_gui_without_a_display_says_so(tmp_path: object) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [sys.executable, "-m", "mgdesk", "gui"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stderr == f"mgdesk: failed: {NO_DISPLAY}\n"
