"""`mgdesk journal add|export|import` per DESIGN.md: names resolved, exit codes, one-line errors."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mgdesk.store.journal import JournalStore
from mgdesk.store.user_db import open_user_db
from tests.unit.cli_run import run


def one_line_error(code: int, err: str, expected: int = 2) -> None:
    assert code == expected, err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err


def entries(data_dir: Path) -> list:
    if not (data_dir / "user.sqlite").exists():
        return []
    db = open_user_db()
    try:
        return JournalStore(db).entries()
    finally:
        db.close()


def test_add_resolves_names_and_prints_the_id(capsys, data_dir: Path) -> None:
    code, out, err = run(
        capsys,
        "journal",
        "add",
        "--date",
        "2025-06-01",
        "--time",
        "08:30",
        "--rate",
        "Brain fog=5",
        "--rate",
        "sleep=7",
        "--dose",
        "magnesium glycinate:200",
        "--dose",
        "malate:87.5",
        "--note",
        "after a bad night",
    )
    assert code == 0, err
    match = re.match(r"added journal entry (\d+) ", out)
    assert match
    (saved,) = entries(data_dir)
    assert saved.id == int(match.group(1))
    assert [(r.symptom, r.value) for r in saved.ratings] == [("brain-fog", 5), ("sleep", 7)]
    assert [(d.form, d.mg) for d in saved.doses] == [("glycinate", 200.0), ("malate", 87.5)]
    assert saved.time_text == "08:30" and saved.note == "after a bad night"


def test_several_entries_on_one_day(capsys, data_dir: Path) -> None:
    for time, value in (("20:00", "6"), ("08:00", "4")):
        code, _, err = run(
            capsys,
            "journal",
            "add",
            "--date",
            "2025-06-01",
            "--time",
            time,
            "--rate",
            f"pain={value}",
        )
        assert code == 0, err
    code, _, err = run(capsys, "journal", "add", "--date", "2025-06-01", "--rate", "pain=5")
    assert code == 0, err
    got = entries(data_dir)
    assert [(x.time_text, x.ratings[0].value) for x in got] == [("08:00", 4), ("", 5), ("20:00", 6)]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--date", "2025-06-01", "--rate", "pain=11"], "from 0 to 10"),
        (["--date", "2025-06-01", "--rate", "pain=-1"], "from 0 to 10"),
        (["--date", "2025-06-01", "--rate", "pain=7.5"], "from 0 to 10"),
        (["--date", "2025-06-01", "--rate", "pain"], "SYMPTOM=0..10"),
        (["--date", "2025-06-01", "--rate", "unicorns=3"], "unknown symptom"),
        (["--date", "2025-06-01", "--rate", "pain=3", "--rate", "Pain=4"], "rated twice"),
        (["--date", "2999-01-01", "--rate", "pain=3"], "in the future"),
        (["--date", "1899-12-31", "--rate", "pain=3"], "before 1900"),
        (["--date", "2025-02-29", "--rate", "pain=3"], "not a real date"),
        (["--date", "yesterday", "--rate", "pain=3"], "YYYY-MM-DD"),
        (["--date", "2025-06-01", "--time", "25:00", "--rate", "pain=3"], "HH:MM"),
        (["--date", "2025-06-01", "--rate", "pain=3", "--dose", "malate:0"], "above 0"),
        (["--date", "2025-06-01", "--rate", "pain=3", "--dose", "malate:9000"], "at most 5000"),
        (["--date", "2025-06-01", "--rate", "pain=3", "--dose", "malate"], "FORM:MG"),
        (["--date", "2025-06-01", "--rate", "pain=3", "--dose", "gold:100"], "unknown form"),
        (["--date", "2025-06-01", "--rate", "pain=3", "--note", "x" * 10_000], "at most 2000"),
        (["--date", "2025-06-01"], "--rate"),
        (["--rate", "pain=3"], "--date"),
    ],
)
def test_bad_add_exits_2_with_one_line_and_changes_nothing(
    capsys, data_dir: Path, argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, "journal", "add", *argv)
    one_line_error(code, err)
    assert message in err
    assert entries(data_dir) == []


def _fill(capsys) -> None:
    for argv in (
        ["--date", "2025-06-01", "--time", "08:00", "--rate", "pain=7", "--note", 'a, "b"\nc'],
        ["--date", "2025-06-01", "--rate", "fatigue=3", "--dose", "malate:150.5"],
        ["--date", "2025-06-02", "--time", "21:30", "--rate", "sleep=9", "--dose", "oxide:400"],
    ):
        code, _, err = run(capsys, "journal", "add", *argv)
        assert code == 0, err


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_export_then_import_round_trips_exactly(
    capsys, data_dir: Path, tmp_path: Path, monkeypatch, kind: str
) -> None:
    _fill(capsys)
    first = tmp_path / f"journal.{kind}"
    code, out, err = run(capsys, "journal", "export", "--format", kind, "-o", str(first))
    assert code == 0, err
    assert "3 journal entries" in out
    monkeypatch.setenv("MGDESK_DATA_DIR", str(tmp_path / "elsewhere"))
    code, out, err = run(capsys, "journal", "import", str(first))
    assert (code, out.strip()) == (0, f"imported 3 journal entries from {first}"), err
    second = tmp_path / f"again.{kind}"
    assert run(capsys, "journal", "export", "--format", kind, "-o", str(second))[0] == 0
    assert second.read_bytes() == first.read_bytes()
    code, out, _ = run(capsys, "journal", "import", str(first))
    assert code == 0 and "imported 0 journal entries" in out and "skipped 3" in out


def test_json_export_is_the_documented_format(capsys, tmp_path: Path) -> None:
    _fill(capsys)
    target = tmp_path / "j.json"
    assert run(capsys, "journal", "export", "--format", "json", "-o", str(target))[0] == 0
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["format"] == "mgdesk-journal" and doc["version"] == 1
    assert doc["entries"][0]["ratings"] == {"pain": 7}
    assert doc["entries"][2]["doses"] == {"oxide": 400}


def test_export_overwrites_atomically_and_reports_unwritable_paths(capsys, tmp_path: Path) -> None:
    _fill(capsys)
    target = tmp_path / "j.csv"
    target.write_text("old")
    assert run(capsys, "journal", "export", "--format", "csv", "-o", str(target))[0] == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbfdate,time,")
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    for bad in (tmp_path / "no" / "such" / "dir" / "j.csv", blocker / "j.csv", tmp_path):
        code, _, err = run(capsys, "journal", "export", "--format", "csv", "-o", str(bad))
        one_line_error(code, err, expected=1)
        assert ".part" not in err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_bad_import_names_the_line_and_imports_nothing(
    capsys, data_dir: Path, tmp_path: Path
) -> None:
    _fill(capsys)
    before = [x for x in entries(data_dir)]
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "date,time,rate:pain\n2025-07-01,,3\n2025-07-02,,4\n2025-07-03,,eleven\n", encoding="utf-8"
    )
    code, _, err = run(capsys, "journal", "import", str(bad))
    one_line_error(code, err)
    assert "line 4" in err and "nothing was imported" in err
    assert entries(data_dir) == before
    bad_json = tmp_path / "bad.json"
    bad_json.write_text(
        '{"version": 1, "entries": [\n{"date": "2025-07-01", "ratings": {"pain": 3}},\n'
        '{"date": "2025-07-02", "ratings": {"moood": 3}}\n]}',
        encoding="utf-8",
    )
    code, _, err = run(capsys, "journal", "import", str(bad_json))
    one_line_error(code, err)
    assert "line 3" in err and "unknown symptom 'moood'" in err
    assert entries(data_dir) == before


@pytest.mark.parametrize(
    ("name", "content", "extra", "message"),
    [
        ("missing.csv", None, [], "no such file"),
        ("journal.txt", "date\n", [], "--format"),
        ("binary.csv", b"\xff\xfe\x00bad", [], "not a text file"),
        ("empty.json", "", [], "not valid JSON"),
        ("empty.csv", "", [], "the file is empty"),
        ("journal.txt", "date,rate:pain\n2025-01-01,3\n", ["--format", "json"], "not valid JSON"),
    ],
)
def test_import_file_problems(
    capsys, tmp_path: Path, name: str, content, extra: list[str], message: str
) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "journal", "import", str(path), *extra)
    one_line_error(code, err)
    assert message in err


def test_import_with_an_explicit_format(capsys, data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "journal.txt"
    path.write_text("date,rate:pain\n2025-01-01,3\n", encoding="utf-8")
    code, out, err = run(capsys, "journal", "import", str(path), "--format", "csv")
    assert code == 0, err
    assert len(entries(data_dir)) == 1


# ----- no argument value crashes `journal add`

_text = st.text(max_size=40)
_valid_rates = st.sampled_from(["pain=3", "sleep=10", "Brain fog=0"])
_valid_doses = st.sampled_from(["malate:200", "magnesium glycinate:87.5"])
_fuzz = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_fuzz
@given(
    date=st.one_of(_text, st.dates(dt.date(1899, 12, 1), dt.date(2025, 12, 31)).map(str)),
    time=st.one_of(st.none(), _text),
    rates=st.lists(st.one_of(_text, st.tuples(_text, _text).map("=".join)), min_size=1, max_size=3),
    doses=st.lists(
        st.one_of(_text, st.tuples(_text, _text).map(":".join), _valid_doses), max_size=3
    ),
    note=st.one_of(st.none(), st.text(max_size=300)),
)
def test_journal_add_never_crashes(capsys, date, time, rates, doses, note) -> None:
    argv = ["journal", "add", f"--date={date}"]
    argv += [] if time is None else [f"--time={time}"]
    argv += [f"--rate={r}" for r in rates]
    argv += [f"--dose={d}" for d in doses]
    argv += [] if note is None else [f"--note={note}"]
    code, out, err = run(capsys, *argv)
    assert code in (0, 2), err
    assert "Traceback" not in err
    if code == 2:
        assert len(err.strip().splitlines()) == 1, err
    else:
        assert out.startswith("added journal entry ")


@pytest.mark.parametrize(
    "note", ["\udcff undecodable byte", "\x00", "tab\tand\nnewline are fine", "\u202e rtl"]
)
def test_odd_characters_in_notes(capsys, note: str) -> None:
    code, _, err = run(
        capsys, "journal", "add", "--date=2025-01-01", "--rate=pain=1", f"--note={note}"
    )
    assert code in (0, 2) and "Traceback" not in err


def test_export_to_a_missing_folder_says_so_as_the_handout_does(capsys, tmp_path: Path) -> None:
    _fill(capsys)
    missing = tmp_path / "no-such-folder"
    target = missing / "journal.csv"
    code, out, err = run(capsys, "journal", "export", "--format", "csv", "-o", str(target))
    one_line_error(code, err, expected=1)
    assert f"cannot write {target}: the folder {missing} does not exist" in err
    assert out == "" and not missing.exists()
    pdf = missing / "visit.pdf"
    code, _, handout_err = run(capsys, "handout", "-o", str(pdf))
    assert code == 1
    assert f"the folder {missing} does not exist" in handout_err  # the same words


def test_export_needs_a_file_name(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "journal", "export", "--format", "json", "-o", " ")
    one_line_error(code, err)
    assert "-o needs a file name" in err
