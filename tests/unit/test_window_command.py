"""`mgdesk gui` with no screen is one line and exit 1, not Qt's abort and core dump."""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys

import pytest

from mgdesk.commands import window
from mgdesk.commands.window import NO_DISPLAY, display_missing
from mgdesk.ui import app


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


def test_the_window_starts_with_the_collector_paused_and_ends_with_it_frozen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`mgdesk gui` pauses the collector before the window's modules load and skips the final
    collections after the window closed (mgdesk/ui/collector.py says why)."""
    seen: list[bool] = []

    def fake_run(quit_after_paint: bool = False, quit_after_load: bool = False) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(app, "run", fake_run)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    enabled = gc.isenabled()
    try:
        gc.unfreeze()
        args = argparse.Namespace(quit_after_paint=True, quit_after_load=False)
        assert window.run(args) == 0
        assert seen == [False]  # paused while the window starts
        assert gc.isenabled()  # and back on, even though no paint came
        assert gc.get_freeze_count() > 0  # the final collections are skipped
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()
