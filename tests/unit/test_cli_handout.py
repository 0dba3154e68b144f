"""`mgdesk handout`: flags and visit.json in, one PDF out, or one clear line and nothing written."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pypdf
import pytest

from mgdesk.commands.handout import default_page_size
from mgdesk.domain.catalog import resolve_visit
from mgdesk.domain.visit import VisitPlan
from mgdesk.report.handout import write_handout
from tests.unit.cli_run import run

VISIT: dict[str, Any] = {
    "version": 1,
    "name": "Zoë Ångström-Nguyễn",
    "date": "2026-12-01",
    "age": 44,
    "sex": "female",
    "symptoms": [{"id": "sleep", "rating": 8}, "pain"],
    "forms": ["glycinate"],
    "medicines": ["Fosamax", {"name": "levothyroxine", "times": ["07:00"]}],
    "conditions": ["kidney-disease"],
    "questions": ["Is magnesium safe with my thyroid tablets?"],
    "notes": "Sleep is worse since October.",
}


def text_of(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def visit_file(tmp_path: Path) -> Path:
    path = tmp_path / "visit.json"
    path.write_text(json.dumps(VISIT, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


# ----- success


def test_from_a_visit_file(capsys, visit_file, out) -> None:
    target = out / "visit.pdf"
    code, stdout, err = run(capsys, "handout", "--from", str(visit_file), "-o", str(target))
    assert (code, err) == (0, "")
    pages = len(pypdf.PdfReader(target).pages)
    assert stdout == f"wrote {pages} pages to {target}\n"
    first = text_of(target)[0]
    assert "Zoë Ångström-Nguyễn" in first
    assert "Take Fosamax at least 4 h before or 4 h after magnesium." in first
    assert leftovers(out) == ["visit.pdf"]


def test_from_flags_alone(capsys, out) -> None:
    target = out / "flags.pdf"
    code, stdout, err = run(
        capsys, "handout", "--name", "Ann", "--date", "2026-12-01", "--age", "30", "--sex",
        "female", "--lactating", "--symptom", "Brain fog", "--symptom", "SLEEP", "--form",
        "magnesium glycinate", "--med", "Synthroid", "--condition", "kidney disease",
        "--question", "Is it safe while breastfeeding?", "--notes", "A note", "-o", str(target),
    )  # fmt: skip
    assert code == 0, err
    first = text_of(target)[0]
    for text in (
        "Ann", "30 years, female, breastfeeding", "Brain fog", "Sleep problems",
        "Magnesium glycinate", "Synthroid", "Kidney disease", "Is it safe while breastfeeding?",
        "Recommended intake (RDA, 19–30 years, breastfeeding)",
    ):  # fmt: skip
        assert text in first, text
    assert "A note" in " ".join(text_of(target))


def test_flags_override_and_extend_the_file(capsys, visit_file, out) -> None:
    target = out / "merged.pdf"
    code, _, err = run(
        capsys, "handout", "--from", str(visit_file), "--name", "Someone Else", "--symptom",
        "sleep", "--symptom", "fatigue", "--med", "fosamax", "--med", "gabapentin",
        "--age", "60", "--sex", "male", "-o", str(target),
    )  # fmt: skip
    assert code == 0, err
    page = text_of(target)[0]
    first = page[: page.index("Evidence grades:")]  # the summary; the detail follows on page 1
    assert "Someone Else" in first and "Zoë" not in first
    assert "60 years, male" in first
    assert first.count("Sleep problems") == 1  # already in the file: not listed twice
    assert "Fatigue" in first and "gabapentin" in first
    assert first.count("Take Fosamax") == 1


def test_the_command_line_prints_what_write_handout_prints(capsys, visit_file, out, content):
    """The window calls write_handout with the same VisitPlan: the documents are the same."""
    target = out / "cli.pdf"
    assert run(capsys, "handout", "--from", str(visit_file), "-o", str(target))[0] == 0
    plan = resolve_visit(VisitPlan.from_dict(VISIT), content)
    stream = io.BytesIO()
    write_handout(plan, content, stream, page_size="letter")
    direct = [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(stream).pages]
    assert text_of(target) == direct


def test_page_size_flag(capsys, out) -> None:
    a4 = out / "a4.pdf"
    assert run(capsys, "handout", "--page-size", "a4", "-o", str(a4))[0] == 0
    box = pypdf.PdfReader(a4).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_page_size_follows_the_locale(capsys, out, monkeypatch) -> None:
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    target = out / "de.pdf"
    assert run(capsys, "handout", "-o", str(target))[0] == 0
    assert round(float(pypdf.PdfReader(target).pages[0].mediabox.height)) == 842


@pytest.mark.parametrize(
    ("env", "size"),
    [
        ({"LANG": "en_US.UTF-8"}, "letter"),
        ({"LANG": "en_CA.UTF-8"}, "letter"),
        ({"LANG": "es_MX.UTF-8"}, "letter"),
        ({"LANG": "fil_PH.UTF-8"}, "letter"),
        ({"LANG": "en_GB.UTF-8"}, "a4"),
        ({"LANG": "de_DE.UTF-8@euro"}, "a4"),
        ({"LANG": "en_US.UTF-8", "LC_PAPER": "fr_FR.UTF-8"}, "a4"),
        ({"LC_PAPER": "fr_FR.UTF-8", "LC_ALL": "en_US.UTF-8"}, "letter"),
        ({"LANG": "C.UTF-8"}, "letter"),
        ({"LANG": "POSIX"}, "letter"),
        ({"LANG": "English_United States.1252"}, "letter"),
        ({"LANG": "German_Germany.1252"}, "a4"),
    ],
)
def test_default_page_size(env, size) -> None:
    assert default_page_size(env) == size


def test_default_page_size_without_any_locale(monkeypatch) -> None:
    monkeypatch.setattr("locale.getlocale", lambda *a: (None, None))
    assert default_page_size({}) == "letter"


def test_an_existing_file_is_replaced(capsys, out) -> None:
    target = out / "old.pdf"
    target.write_bytes(b"old content")
    assert run(capsys, "handout", "-o", str(target))[0] == 0
    assert target.read_bytes().startswith(b"%PDF")
    assert leftovers(out) == ["old.pdf"]


# ----- bad input: exit 2, one line, nothing written


BAD_FLAGS = [
    ["--symptom", "no such symptom"],
    ["--symptom", ""],
    ["--form", "kryptonite"],
    ["--condition", "not a condition"],
    ["--med", " "],
    ["--question", ""],
    ["--question", "x" * 1001],
    ["--name", "x" * 201],
    ["--notes", "x" * 20_001],
    ["--date", "tomorrow"],
    ["--date", "2026-02-30"],
    ["--date", "2026-2-3"],
    ["--age", "abc", "--sex", "female"],
    ["--age", "-1", "--sex", "female"],
    ["--age", "121", "--sex", "female"],
    ["--age", "40"],
    ["--months", "3"],
    ["--age", "0", "--sex", "female"],
    ["--age", "1", "--months", "12", "--sex", "female"],
    ["--sex", "other"],
    ["--age", "40", "--sex", "male", "--pregnant"],
    ["--age", "60", "--sex", "female", "--lactating"],
    ["--pregnant", "--lactating"],
    ["--page-size", "legal"],
    ["--unknown-flag"],
]


@pytest.mark.parametrize("flags", BAD_FLAGS, ids=lambda f: " ".join(f)[:40])
def test_bad_flags(capsys, out, flags) -> None:
    code, stdout, err = run(capsys, "handout", *flags, "-o", str(out / "x.pdf"))
    assert code == 2
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err and stdout == ""
    assert leftovers(out) == []


def test_missing_output_is_bad_usage(capsys) -> None:
    code, _, err = run(capsys, "handout", "--name", "Ann")
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_empty_output_name(capsys) -> None:
    code, _, err = run(capsys, "handout", "-o", "")
    assert code == 2 and "file name" in err


BAD_FILES: list[tuple[str, bytes]] = [
    ("not json", b"{ not json"),
    ("not an object", b"[]"),
    ("unknown key", json.dumps({"version": 1, "nmae": "typo"}).encode()),
    ("newer version", json.dumps({"version": 2}).encode()),
    ("unknown symptom", json.dumps({"symptoms": ["hiccups"]}).encode()),
    ("unknown form", json.dumps({"forms": ["kryptonite"]}).encode()),
    ("unknown condition", json.dumps({"conditions": ["flu"]}).encode()),
    ("rating out of range", json.dumps({"symptoms": [{"id": "sleep", "rating": 11}]}).encode()),
    ("age as text", json.dumps({"age": "forty"}).encode()),
    ("bad date", json.dumps({"date": "01/12/2026"}).encode()),
    ("bad section", json.dumps({"sections": ["summary", "gossip"]}).encode()),
    ("negative target", json.dumps({"plan": {"target_mg": -5}}).encode()),
    ("pregnant male", json.dumps({"age": 30, "sex": "male", "pregnant": True}).encode()),
    ("pregnant at 70", json.dumps({"age": 70, "sex": "female", "pregnant": True}).encode()),
    ("not utf-8", '{"name": "Zoë"}'.encode("latin-1")),
    ("huge name", json.dumps({"name": "x" * 10_000}).encode()),
]


@pytest.mark.parametrize(("label", "data"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_visit_files(capsys, tmp_path, out, label, data) -> None:
    visit = tmp_path / "visit.json"
    visit.write_bytes(data)
    code, stdout, err = run(capsys, "handout", "--from", str(visit), "-o", str(out / "x.pdf"))
    assert code == 2, (label, err)
    assert len(err.strip().splitlines()) == 1, err
    assert str(visit) in err
    assert stdout == ""
    assert leftovers(out) == []


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_a_visit_file_that_cannot_be_read(capsys, tmp_path, out, kind) -> None:
    visit = tmp_path / "visit.json"
    if kind == "folder":
        visit.mkdir()
    code, _, err = run(capsys, "handout", "--from", str(visit), "-o", str(out / "x.pdf"))
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert leftovers(out) == []


def test_bad_input_leaves_an_older_file_alone(capsys, out) -> None:
    target = out / "old.pdf"
    target.write_bytes(b"%PDF old")
    assert run(capsys, "handout", "--symptom", "nope", "-o", str(target))[0] == 2
    assert target.read_bytes() == b"%PDF old"


# ----- cannot write: exit 1, one line, nothing half-written


def test_the_target_is_a_folder(capsys, out) -> None:
    code, _, err = run(capsys, "handout", "-o", str(out))
    assert code == 1
    assert err.strip() == f"mgdesk: failed: cannot write {out}: it is a folder"


def test_the_folder_does_not_exist(capsys, out) -> None:
    target = out / "missing" / "x.pdf"
    code, _, err = run(capsys, "handout", "-o", str(target))
    assert code == 1
    assert err.startswith(f"mgdesk: failed: cannot write {target}") and len(err.splitlines()) == 1
    assert leftovers(out) == []


def test_a_failure_while_writing_keeps_the_older_file(capsys, out, monkeypatch) -> None:
    import mgdesk.report.handout as handout

    def disk_full(plan, catalog, stream, **options) -> int:
        stream.write(b"%PDF-1.4 half a docu")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(handout, "write_handout", disk_full)
    target = out / "old.pdf"
    target.write_bytes(b"%PDF the older handout")
    code, stdout, err = run(capsys, "handout", "-o", str(target))
    assert code == 1
    assert err.strip() == f"mgdesk: failed: cannot write {target}: no space left on device"
    assert target.read_bytes() == b"%PDF the older handout"
    assert leftovers(out) == ["old.pdf"]
    assert stdout == ""


# ----- as a separate process


def test_as_a_process_without_qt_or_sqlalchemy(visit_file, out) -> None:
    target = out / "process.pdf"
    probe = (
        "import sys\n"
        "from mgdesk.cli import main\n"
        f"code = main(['handout', '--from', {str(visit_file)!r}, '-o', {str(target)!r}])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'sqlalchemy', 'alembic'))\n"
        "print(code, heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
        env={**os.environ, "LC_ALL": "C"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].startswith("wrote ") and lines[0].endswith(f"pages to {target}")
    assert lines[-1] == "0 []"
    assert target.read_bytes().startswith(b"%PDF")


def test_bad_input_as_a_process(out) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mgdesk", "handout", "--form", "kryptonite", "-o",
         str(out / "x.pdf")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith("mgdesk: error: --form: unknown form 'kryptonite'")
    assert len(result.stderr.splitlines()) == 1
    assert leftovers(out) == []
