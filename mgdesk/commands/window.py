"""`mgdesk gui`: open the window (Qt is imported only here)."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    from mgdesk.ui.app import run as run_app

    return int(
        run_app(quit_after_paint=args.quit_after_paint, quit_after_load=args.quit_after_load)
    )
