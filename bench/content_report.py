"""The reading grade of every patient text, per content file: the numbers plain language is held to.

Run with `python bench/content_report.py` (also part of `make bench`). Not a benchmark of speed:
it prints the Flesch-Kincaid distribution that `make content` enforces, so a reviewer sees how
close each file is to its limits.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mgdesk.store import readability  # noqa: E402
from mgdesk.store.content_load import load_content  # noqa: E402

CONTENT = Path(__file__).resolve().parents[1] / "db" / "content"


def table() -> str:
    """A Markdown table: texts, median grade, share at grade 8 or below, hardest text."""
    rows = readability.report(load_content(CONTENT))
    lines = [
        "| file | texts | median grade | at grade <= 8 | max | key points max |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        kp = "" if r.key_points_max is None else f"{r.key_points_max:.1f}"
        lines.append(
            f"| {r.file} | {r.count} | {r.median:.1f} | {r.share_at_most_8:.0%} "
            f"| {r.maximum:.1f} | {kp} |"
        )
    return "\n".join(lines)


def main() -> int:
    print("Reading grade of patient texts (Flesch-Kincaid, textstat 0.7.3)")
    print(
        f"limits: median <= {readability.MEDIAN_LIMIT:g} per file, no text over "
        f"{readability.TEXT_LIMIT:g}, key points <= {readability.KEY_POINTS_LIMIT:g}"
    )
    print()
    print(table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
