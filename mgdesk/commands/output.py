"""Printing results: one JSON document for --json, plain lines otherwise."""

from __future__ import annotations

import json
import sys
import textwrap
from typing import Any

from mgdesk.domain.text import DISCLAIMER


def print_json(document: Any) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_wrapped(text: str, indent: str = "", width: int = 88) -> None:
    print(textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent))


def print_disclaimer() -> None:
    print()
    print_wrapped(DISCLAIMER)
