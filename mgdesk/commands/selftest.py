"""`mgdesk self-test`: a headless check that an install or bundle is whole.

It runs what each tab and the handout run, against the shipped files, in the order a user's
first minute touches them, and prints one line per check; the first failure ends the run with
exit 1 (later checks would only fail for the same reason). It writes only to a temporary
folder, never to the user's data folder, and opens no window. The checks come from plug-in
modules listed in `PLUGINS`, each a `CHECKS` list; the Qt one is imported last, so that a
broken content DB is reported without loading Qt.
"""

from __future__ import annotations

import argparse
import importlib

from mgdesk import __version__
from mgdesk.commands.selfcheck import Check, CheckFailed, SelfTest

PLUGINS = ("mgdesk.commands.selftest_content", "mgdesk.commands.selftest_qt")


def checks() -> list[tuple[str, Check]]:
    """Every check of every plug-in, in order."""
    found: list[tuple[str, Check]] = []
    for name in PLUGINS:
        found += importlib.import_module(name).CHECKS
    return found


def run(args: argparse.Namespace) -> int:
    state = SelfTest()
    print(f"mgdesk {__version__} self-test")
    try:
        for name, check in checks():
            try:
                detail = check(state)
            except Exception as exc:  # every failure is one line, then the run stops
                reason = (
                    str(exc) if isinstance(exc, CheckFailed) else f"{type(exc).__name__}: {exc}"
                )
                print(f"FAIL  {name}: {reason}", flush=True)
                return 1
            print(f"ok    {name}: {detail}", flush=True)
    finally:
        state.close()
    print("all checks passed")
    return 0
