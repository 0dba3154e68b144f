"""The command line against DESIGN.md's contract: names, JSON keys, exit codes, one-line errors."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mgdesk.cli import build_parser
from mgdesk.domain.text import COVERAGE_NOTE, DISCLAIMER
from tests.unit.cli_run import run


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def assert_one_line_error(code: int, err: str, expected: int = 2) -> None:
    assert code == expected
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err


# ----- dose


def test_dose_json_keys(capsys) -> None:
    doc = run_json(capsys, "dose", "--age", "35", "--sex", "female")
    assert doc["life_stage"] == "31–50 years"
    assert (doc["intake_mg"], doc["intake_kind"], doc["supplement_ul_mg"]) == (320, "RDA", 350)


def test_dose_infant_has_no_upper_limit(capsys) -> None:
    doc = run_json(capsys, "dose", "--age", "0", "--months", "6", "--sex", "male")
    assert (doc["life_stage"], doc["intake_mg"], doc["intake_kind"]) == ("Birth–6 months", 30, "AI")
    assert doc["supplement_ul_mg"] is None


def test_dose_pregnancy(capsys) -> None:
    doc = run_json(capsys, "dose", "--age", "16", "--sex", "female", "--pregnant")
    assert doc["intake_mg"] == 400


def test_dose_with_form_converts(capsys) -> None:
    doc = run_json(
        capsys,
        "dose",
        "--age",
        "40",
        "--sex",
        "male",
        "--form",
        "Magnesium Glycinate",
        "--elemental-mg",
        "200",
    )
    assert doc["form"] == "glycinate"
    assert doc["compound_mg"] == round(200 * 100 / doc["elemental_percent"])
    assert doc["above_upper_limit"] is False


def test_dose_plain_text_names_the_kind_and_the_disclaimer(capsys) -> None:
    code, out, _ = run(
        capsys, "dose", "--age", "40", "--sex", "male", "--form", "oxide", "--elemental-mg", "600"
    )
    assert code == 0
    assert "Recommended Dietary Allowance (RDA): 420 mg" in out
    assert "above the upper limit" in out
    assert " ".join(DISCLAIMER.split()) in " ".join(out.split())


@pytest.mark.parametrize(
    "argv",
    [
        ["dose", "--age", "-1", "--sex", "female"],
        ["dose", "--age", "abc", "--sex", "female"],
        ["dose", "--age", "200", "--sex", "female"],
        ["dose", "--age", "30", "--sex", "robot"],
        ["dose", "--age", "0", "--sex", "female"],
        ["dose", "--age", "0", "--months", "12", "--sex", "female"],
        ["dose", "--age", "30", "--sex", "male", "--pregnant"],
        ["dose", "--age", "60", "--sex", "female", "--lactating"],
        ["dose", "--age", "30", "--sex", "female", "--pregnant", "--lactating"],
        ["dose", "--age", "30", "--sex", "female", "--form", "glycinate"],
        [
            "dose",
            "--age",
            "30",
            "--sex",
            "female",
            "--form",
            "unobtainium",
            "--elemental-mg",
            "100",
        ],
        ["dose", "--age", "30", "--sex", "female", "--form", "oxide", "--elemental-mg", "0"],
        ["dose", "--age", "30", "--sex", "female", "--form", "oxide", "--elemental-mg", "lots"],
        ["dose", "--sex", "female"],
        ["dose", "--age", "x" * 10_000, "--sex", "female"],
        ["nonsense"],
        ["list", "planets"],
        ["search", "x", "--limit", "0"],
        ["search", "x", "--limit", "many"],
        ["search", "x", "--limit", "¹"],
        ["search", "x", "--limit", "0\x1f"],
        ["visit", "show", "²"],
        ["visit", "show", "1\x1f"],
        ["interactions"],
        ["interactions", "Lasix", "--condition", "grumpiness"],
        ["visit", "show", "abc"],
        ["visit", "show", "0"],
        ["visit", "show", "12"],
        ["visit", "save", "/no/such/visit.json"],
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert_one_line_error(code, err)


# ----- interactions


def test_interactions_json_in_order_with_unknown(capsys) -> None:
    doc = run_json(capsys, "interactions", "Fosamax", "doxycycline", "Fosamx", "zzzz")
    assert [d["input"] for d in doc] == ["Fosamax", "doxycycline", "Fosamx", "zzzz"]
    fosamax = doc[0]
    assert fosamax["generic"] == "alendronate"
    assert fosamax["group"] == "bisphosphonates"
    assert "Fosamax" in fosamax["brand_names"]
    assert "Fosamax" in fosamax["advice"] and "4 hours" in fosamax["advice"]
    assert fosamax["sources"]
    assert doc[1]["group"] == "tetracycline antibiotics"
    assert "3 hours" in doc[1]["advice"] and "6 hours" in doc[1]["advice"]
    assert doc[2]["generic"] is None and "Fosamax" in doc[2]["suggestions"]
    assert doc[3]["generic"] is None
    for item in doc:
        assert {"input", "generic", "brand_names", "group", "severity", "advice", "sources"} <= set(
            item
        )


def test_interactions_conditions(capsys) -> None:
    doc = run_json(capsys, "interactions", "Lasix", "--condition", "kidney disease")
    assert doc[0]["group"] == "loop diuretics"
    assert doc[1]["kind"] == "condition" and doc[1]["id"] == "kidney-disease"


def test_interactions_plain_text_states_coverage(capsys) -> None:
    code, out, _ = run(capsys, "interactions", "Synthroid")
    assert code == 0
    assert "not thereby safe" in " ".join(out.split())
    assert "4 hours" in out


# ----- search


def test_search_prefix(capsys) -> None:
    hits = run_json(capsys, "search", "glycin")
    assert hits[0]["kind"] == "form" and hits[0]["id"] == "glycinate"
    assert {"kind", "id", "title", "snippet"} <= set(hits[0])


def test_search_did_you_mean(capsys) -> None:
    hits = run_json(capsys, "search", "magnesim glycinat")
    assert hits and hits[0]["did_you_mean"] == "magnesium glycinate"
    code, out, _ = run(capsys, "search", "magnesim glycinat")
    assert "Did you mean: magnesium glycinate?" in out


def test_search_finds_a_form_by_the_symptom_it_suits(capsys) -> None:
    hits = run_json(capsys, "search", "sleep", "--limit", "50")
    assert any(h["kind"] == "form" for h in hits)


def test_search_finds_medicine_by_brand_and_group(capsys) -> None:
    by_brand = run_json(capsys, "search", "fosamax")
    assert by_brand[0]["kind"] == "medicine" and by_brand[0]["id"] == "alendronate"
    by_group = run_json(capsys, "search", "bisphosphonates", "--limit", "50")
    assert any(h["id"] == "alendronate" for h in by_group)


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'",
        "NEAR(a b)",
        "a AND OR NOT",
        "*",
        "^",
        "glycin*",
        "(",
        "💊",
        "\x00",
        "x" * 10_000,
        "a:b",
        "col:glycin",
        "-",
        "DROP TABLE search",
    ],
)
def test_search_any_text_is_safe(capsys, query: str) -> None:
    code, out, err = run(capsys, "search", query, "--json")
    assert code == 0, err
    assert isinstance(json.loads(out), list)


# ----- list


@pytest.mark.parametrize(
    ("kind", "keys"),
    [
        ("symptoms", {"id", "name", "sources", "grade"}),
        ("forms", {"id", "name", "sources", "grade", "elemental_percent"}),
        ("medicines", {"id", "name", "brand_names", "group"}),
        ("conditions", {"id", "name"}),
        ("studies", {"id", "name", "citation", "year", "design", "grade"}),
    ],
)
def test_list_json_keys(capsys, kind: str, keys: set[str]) -> None:
    items = run_json(capsys, "list", kind)
    assert items
    for item in items:
        assert keys <= set(item), item
        if "grade" in item:
            assert item["grade"] in ("A", "B", "C", "D")


def test_list_symptoms_has_the_fixed_ids(capsys) -> None:
    ids = {i["id"] for i in run_json(capsys, "list", "symptoms")}
    assert {
        "pain",
        "muscle-pain",
        "fatigue",
        "brain-fog",
        "depression",
        "anxiety",
        "sleep",
        "migraine",
        "ibs",
    } <= ids


# ----- visits


def _visit_file(tmp_path: Path, **changes: object) -> Path:
    document = {
        "version": 1,
        "name": "Ann",
        "date": "2026-12-01",
        "age": 45,
        "sex": "female",
        "symptoms": [{"id": "Brain fog", "rating": 6}, "sleep"],
        "forms": ["magnesium glycinate"],
        "medicines": ["Fosamax"],
        "conditions": ["kidney disease"],
        **changes,
    }
    path = tmp_path / "visit.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_visit_save_list_show_export_delete(capsys, tmp_path: Path) -> None:
    path = _visit_file(tmp_path)
    saved = run_json(capsys, "visit", "save", str(path))
    visit_id = saved["id"]
    listed = run_json(capsys, "visit", "list")
    assert listed[0]["id"] == visit_id and listed[0]["name"] == "Ann"
    assert {"id", "name", "date", "updated"} <= set(listed[0])
    shown = run_json(capsys, "visit", "show", str(visit_id))
    assert [s["id"] for s in shown["visit"]["symptoms"]] == ["brain-fog", "sleep"]
    assert shown["visit"]["forms"] == ["glycinate"]
    assert shown["visit"]["conditions"] == ["kidney-disease"]
    out_file = tmp_path / "export.json"
    code, _, err = run(capsys, "visit", "export", str(visit_id), "-o", str(out_file))
    assert code == 0, err
    exported = json.loads(out_file.read_text(encoding="utf-8"))
    assert exported["version"] == 1 and exported["name"] == "Ann"
    again = run_json(capsys, "visit", "save", str(out_file))
    assert run_json(capsys, "visit", "show", str(again["id"]))["visit"] == exported
    code, out, _ = run(capsys, "visit", "delete", str(visit_id))
    assert code == 0 and "deleted" in out
    assert [v["id"] for v in run_json(capsys, "visit", "list")] == [again["id"]]


@pytest.mark.parametrize(
    ("changes", "needle"),
    [
        ({"symptoms": ["telekinesis"]}, "unknown symptom"),
        ({"forms": ["unobtainium"]}, "unknown form"),
        ({"conditions": ["grumpiness"]}, "unknown condition"),
        ({"extra": 1}, "unknown key"),
        ({"age": "old"}, "age"),
    ],
)
def test_visit_save_rejects_bad_documents_and_saves_nothing(
    capsys, tmp_path: Path, changes: dict[str, object], needle: str
) -> None:
    code, _, err = run(capsys, "visit", "save", str(_visit_file(tmp_path, **changes)))
    assert_one_line_error(code, err)
    assert needle in err
    assert run_json(capsys, "visit", "list") == []


def test_visit_save_rejects_non_json(capsys, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(b"\xff\xfe not json")
    code, _, err = run(capsys, "visit", "save", str(path))
    assert_one_line_error(code, err)


def test_export_to_a_missing_folder_is_a_runtime_failure(capsys, tmp_path: Path) -> None:
    saved = run_json(capsys, "visit", "save", str(_visit_file(tmp_path)))
    code, _, err = run(
        capsys, "visit", "export", str(saved["id"]), "-o", str(tmp_path / "nowhere" / "x.json")
    )
    assert_one_line_error(code, err, expected=1)


def test_newer_user_db_refused_but_reference_commands_work(capsys, data_dir: Path) -> None:
    assert run(capsys, "visit", "list")[0] == 0
    connection = sqlite3.connect(data_dir / "user.sqlite")
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    code, _, err = run(capsys, "visit", "list")
    assert_one_line_error(code, err, expected=1)
    assert "newer version of mgdesk" in err
    assert run(capsys, "dose", "--age", "30", "--sex", "male")[0] == 0
    assert run(capsys, "search", "sleep")[0] == 0


def test_corrupt_user_db_moved_aside_and_named(capsys, data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    (data_dir / "user.sqlite").write_bytes(b"garbage" * 1000)
    code, _, err = run(capsys, "visit", "list")
    assert_one_line_error(code, err, expected=1)
    assert "user.corrupt-" in err
    assert list(data_dir.glob("user.corrupt-*.sqlite"))
    assert run(capsys, "interactions", "Lasix")[0] == 0


def test_version(capsys) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("mgdesk ")


@pytest.mark.parametrize(
    "argv",
    [
        ["gui", "--quit-after-paint"],
        ["dose", "--age", "40", "--sex", "female", "--json"],
        ["interactions", "warfarin", "--condition", "kidney disease"],
        ["search", "sleep", "--limit", "3"],
        ["list", "forms"],
        ["handout", "--symptom", "sleep", "-o", "x.pdf", "--page-size", "a4"],
        ["visit", "export", "3", "-o", "v.json"],
        ["plan", "--from", "v.json"],
        ["journal", "add", "--date", "2026-01-02", "--rate", "sleep=3", "--dose", "glycinate:100"],
        ["data", "erase", "--yes"],
        ["self-test"],
    ],
)
def test_a_named_command_parses_as_the_whole_parser_would(argv: list[str]) -> None:
    assert vars(build_parser(argv[0]).parse_args(argv)) == vars(build_parser().parse_args(argv))


def test_a_named_command_reports_bad_usage_as_the_whole_parser_would(capsys) -> None:
    messages = []
    for parser in (build_parser("dose"), build_parser()):
        with pytest.raises(SystemExit):
            parser.parse_args(["dose", "--age", "40"])
        messages.append(capsys.readouterr().err)
    assert messages[0] == messages[1]
    assert "--sex" in messages[0]


def test_real_process_exit_codes(tmp_path: Path) -> None:
    env_cmd = [sys.executable, "-m", "mgdesk"]
    ok = subprocess.run(
        [*env_cmd, "dose", "--age", "30", "--sex", "female", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ok.returncode == 0 and json.loads(ok.stdout)["intake_mg"] == 310
    bad = subprocess.run(
        [*env_cmd, "dose", "--age", "-3", "--sex", "female"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


# ----- no argument value crashes these commands


_text = st.text(max_size=60)
_fuzz = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_fuzz
@given(
    age=_text,
    months=st.one_of(st.none(), _text),
    sex=_text,
    form=st.one_of(st.none(), _text),
    mg=st.one_of(st.none(), _text),
)
def test_dose_never_crashes(capsys, age, months, sex, form, mg) -> None:
    argv = ["dose", f"--age={age}", f"--sex={sex}"]
    argv += [] if months is None else [f"--months={months}"]
    argv += [] if form is None else [f"--form={form}"]
    argv += [] if mg is None else [f"--elemental-mg={mg}"]
    code, out, err = run(capsys, *argv)
    assert code in (0, 2), err
    assert "Traceback" not in err
    if code == 2:
        assert len(err.strip().splitlines()) == 1


@_fuzz
@given(names=st.lists(_text, max_size=4), condition=st.one_of(st.none(), _text))
def test_interactions_never_crash(capsys, names, condition) -> None:
    argv = ["interactions", *[f"{n}" for n in names if not n.startswith("-")]]
    argv += [] if condition is None else [f"--condition={condition}"]
    code, _, err = run(capsys, *argv, "--json")
    assert code in (0, 2), err
    assert "Traceback" not in err


@_fuzz
@given(query=st.text(max_size=80), limit=st.one_of(st.none(), _text))
def test_search_never_crashes(capsys, query, limit) -> None:
    argv = ["search", f"{query}" if not query.startswith("-") else f" {query}"]
    argv += [] if limit is None else [f"--limit={limit}"]
    code, _, err = run(capsys, *argv, "--json")
    assert code in (0, 2), err
    assert "Traceback" not in err


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
@pytest.mark.parametrize("as_json", [False, True])
def test_search_for_nothing_is_bad_input(capsys, query: str, as_json: bool) -> None:
    code, out, err = run(capsys, "search", query, *(["--json"] if as_json else []))
    assert_one_line_error(code, err)
    assert "search needs something to look for" in err
    assert out == ""


def test_unknown_medicines_get_the_coverage_note_once(capsys) -> None:
    code, out, err = run(capsys, "interactions", "zzfoo", "zzbar", "zzbaz")
    assert code == 0, err
    assert out.count("Ask your pharmacist") == 1
    assert " ".join(out.split()).count(" ".join(COVERAGE_NOTE.split())) == 1
    for name in ("zzfoo", "zzbar", "zzbaz"):
        assert f"{name}: not in mgdesk's list." in out
    doc = run_json(capsys, "interactions", "zzfoo", "Fosamax")
    assert doc[0]["generic"] is None and COVERAGE_NOTE in doc[0]["advice"]  # JSON says it whole
    assert doc[1]["generic"] == "alendronate"
