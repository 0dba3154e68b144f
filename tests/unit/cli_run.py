"""Running the command line in-process as a test does: the exit code and what it printed."""

from __future__ import annotations

import pytest

from mgdesk.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`mgdesk ARGV...`: exit code, stdout, stderr (argparse's usage exits count as codes)."""
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err
