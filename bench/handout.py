"""The full visit handout from the command line against a bare one-page reportlab script.

Both run as child processes of the same interpreter, in turn, several times; the medians are
compared. Goal (DESIGN.md): `mgdesk handout` for a full visit <= 1.5x the bare script, which
is the price of Python plus reportlab that any PDF pays. The visit is a full one: five
symptoms with ratings, three forms, six medicines, two conditions, four questions and notes.
The first (untimed) run writes the byte code and the handout's font cache, as the first
handout on a user's machine does.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import PYTHON, Row, alternate, bench_env, median  # noqa: E402

RUNS = 9
GOAL = 1.5

VISIT = {
    "version": 1,
    "name": "Zoë Ångström-Nguyễn",
    "date": "2026-12-01",
    "clinician": "Dr. Okafor",
    "age": 44,
    "sex": "female",
    "symptoms": [
        {"id": "pain", "rating": 7},
        {"id": "sleep", "rating": 8},
        {"id": "fatigue", "rating": 6},
        {"id": "migraine", "rating": 5},
        {"id": "brain-fog", "rating": 4},
    ],
    "forms": ["glycinate", "citrate", "malate"],
    "medicines": [
        "Fosamax",
        "levothyroxine",
        "gabapentin",
        "duloxetine",
        "ciprofloxacin",
        "omeprazole",
    ],
    "conditions": ["kidney-disease", "ibs"],
    "questions": [
        "Is magnesium worth a try for my sleep and pain, and how will we judge whether it helps?",
        "Which form and dose would you suggest, given my other medicines?",
        "Is there any reason magnesium would be unsafe for me?",
        "Should my kidney function be checked first?",
    ],
    "notes": "Sleep has been worse since October.\n"
    "I already take a multivitamin with 100 mg magnesium.",
    "plan": {"form": "glycinate", "target_mg": 300, "doses_per_day": 2},
}

BARE = """
import sys
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

styles = getSampleStyleSheet()
story = [
    Paragraph("A bare one-page document", styles["Title"]),
    Paragraph("Some body text. " * 60, styles["BodyText"]),
    Table([["a", "b", "c"], ["1", "2", "3"]]),
]
SimpleDocTemplate(sys.argv[1], pagesize=letter).build(story)
"""


def measure(runs: int = RUNS) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="mgdesk-bench-handout-") as folder:
        work = Path(folder)
        visit = work / "visit.json"
        visit.write_text(json.dumps(VISIT, ensure_ascii=False), encoding="utf-8")
        bare = work / "bare.py"
        bare.write_text(BARE, encoding="utf-8")
        env = bench_env(MGDESK_DATA_DIR=str(work / "data"))
        # Time what an installed copy runs: byte code and the font cache (in the data folder)
        # are written by the first run, as on a user's machine, like bench/startup.py does.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        mgdesk = [
            PYTHON,
            "-m",
            "mgdesk",
            "handout",
            "--from",
            str(visit),
            "--page-size",
            "letter",
            "-o",
            str(work / "handout.pdf"),
        ]
        baseline = [PYTHON, str(bare), str(work / "bare.pdf")]
        check = subprocess.run(mgdesk, env=env, capture_output=True, text=True, check=True)
        found = re.search(r"wrote (\d+) pages?", check.stdout)
        pages = int(found.group(1)) if found else 0
        times_mgdesk, times_bare, _, _ = alternate(mgdesk, baseline, runs, env)
    handout = median(times_mgdesk)
    bare_time = median(times_bare)
    return {
        "handout_s": handout,
        "bare_s": bare_time,
        "ratio": handout / bare_time,
        "pages": pages,
        "runs": runs,
    }


def rows() -> list[Row]:
    result = measure()
    return [
        Row(
            f"handout PDF from the CLI ({result['pages']:.0f} pages)",
            f"{result['handout_s']:.3f} s",
            f"{result['bare_s']:.3f} s",
            result["ratio"],
            f"<= {GOAL}x",
            result["ratio"] <= GOAL,
        )
    ]


def main() -> int:
    result = measure()
    print(
        f"handout: {result['pages']:.0f} pages; median of {result['runs']:.0f} runs "
        f"{result['handout_s']:.3f} s, bare one-page reportlab script {result['bare_s']:.3f} s, "
        f"ratio {result['ratio']:.2f}x (goal <= {GOAL}x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
