"""`mgdesk gui`: open the window (Qt is imported only here)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping

NO_DISPLAY = (
    "no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set); "
    "the command line works without one, or set QT_QPA_PLATFORM=offscreen"
)


def display_missing(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """True on Linux and the BSDs when Qt would find no screen and abort with a core dump.

    Windows and macOS always have their own platform; a chosen QT_QPA_PLATFORM (offscreen,
    vnc, eglfs...) is the user's decision and is left to Qt.
    """
    if platform.startswith(("win", "darwin")) or environ.get("QT_QPA_PLATFORM"):
        return False
    return not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def run(args: argparse.Namespace) -> int:
    if display_missing(os.environ):
        print(f"mgdesk: failed: {NO_DISPLAY}", file=sys.stderr)
        return 1
    from mgdesk.ui import collector

    collector.pause_for_start_up()
    try:
        from mgdesk.ui.app import run as run_app

        code = run_app(quit_after_paint=args.quit_after_paint, quit_after_load=args.quit_after_load)
    finally:
        collector.settle_after_first_paint()  # a no-op after a paint; a failed start resumes
    collector.skip_final_collections()
    return int(code)
