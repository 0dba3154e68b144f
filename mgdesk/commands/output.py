"""Printing results (one JSON document for --json, plain lines otherwise), and checking where
a command is about to write before it does the work."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path
from typing import Any

from mgdesk.domain.errors import InputError
from mgdesk.domain.text import DISCLAIMER


def print_json(document: Any) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_wrapped(text: str, indent: str = "", width: int = 88) -> None:
    print(textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent))


def print_disclaimer() -> None:
    print()
    print_wrapped(DISCLAIMER)


def output_target(output: str, example: str) -> Path:
    """The path of `-o FILE`, refused in plain words before anything is written: an empty name
    is bad input (exit 2); a folder, or a folder that does not exist, cannot be written (exit 1).
    `example` is a file name to show with the empty-name message."""
    if not output.strip():
        raise InputError(f"-o needs a file name, e.g. -o {example}")
    target = Path(output).expanduser()
    if target.is_dir():
        raise RuntimeError(f"cannot write {output}: it is a folder")
    folder = target.parent
    if folder.exists() and not folder.is_dir():
        raise RuntimeError(f"cannot write {output}: {folder} is not a folder")
    if not folder.is_dir():
        raise RuntimeError(f"cannot write {output}: the folder {folder} does not exist")
    return target
