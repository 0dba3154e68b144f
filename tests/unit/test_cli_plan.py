"""`mgdesk plan --from visit.json [--json]` against DESIGN.md: keys, plain text, exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mgdesk.domain.text import DISCLAIMER, PLAN_DRAFT
from tests.unit.cli_run import run


def visit_file(tmp_path: Path, **fields: Any) -> str:
    path = tmp_path / "visit.json"
    path.write_text(json.dumps({"version": 1, **fields}), encoding="utf-8")
    return str(path)


def assert_one_line_error(code: int, err: str, expected: int = 2) -> None:
    assert code == expected
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err


VISIT = {
    "age": 45,
    "sex": "female",
    "symptoms": ["sleep"],
    "medicines": [
        {"name": "Fosamax", "times": ["07:00"]},
        {"name": "levothyroxine", "times": ["06:30"]},
    ],
    "products": [
        "Magnesium (as glycinate) 200 mg, 2 tablets",
        {"label": "magnesium hydroxide 400 mg per 5 mL, 10 mL", "per_day": 1},
    ],
    "plan": {"form": "magnesium glycinate", "doses_per_day": 1, "tolerance": "none"},
}


def test_plan_json_has_the_design_keys(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "plan", "--from", visit_file(tmp_path, **VISIT), "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["total_supplemental_mg"] == pytest.approx(733.6)
    assert doc["upper_limit_mg"] == 350
    assert doc["above_upper_limit"] is True
    assert [p["elemental_mg"] for p in doc["products"]] == [400, 333.6]
    assert doc["forms"][0]["id"] == "glycinate" and doc["forms"][0]["chosen"] is True
    assert doc["draft"] == PLAN_DRAFT
    assert doc["disclaimer"] == DISCLAIMER
    for row in doc["timetable"]:
        assert set(row) >= {"time", "item", "kind", "why"}
        assert row["kind"] in ("magnesium", "medicine")
    assert [r["time"] for r in doc["timetable"]] == ["06:30", "07:00", "20:00", "20:00"]
    assert [r["item"].split(":")[0] for r in doc["timetable"][2:]] == [
        "Magnesium (as glycinate) 200 mg, 2 tablets",
        "magnesium hydroxide 400 mg per 5 mL, 10 mL",
    ]
    assert any(w["code"] == "above-upper-limit" for w in doc["warnings"])


def test_plan_plain_text_shows_total_forms_timetable_and_draft(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, "plan", "--from", visit_file(tmp_path, **VISIT))
    assert code == 0, err
    assert "ABOVE the upper limit" in out
    assert "A doctor may still advise more" in " ".join(out.split())
    assert "Forms that may fit (top 5" in out
    assert "1. Magnesium glycinate" in out
    assert "Timetable:" in out and "20:00  Magnesium (as glycinate) 200 mg, 2 tablets" in out
    assert f"{PLAN_DRAFT}." in out
    assert DISCLAIMER.split(",")[0] in " ".join(out.split())


def test_plan_for_a_minimal_visit(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "plan", "--from", visit_file(tmp_path), "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["total_supplemental_mg"] == 0 and doc["above_upper_limit"] is False
    assert doc["target_mg"] is None
    assert doc["timetable"] == []


def test_conflict_is_said_plainly(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    times = ["00:00", "04:00", "08:00", "12:00", "16:00", "20:00"]
    path = visit_file(
        tmp_path,
        medicines=[{"name": "doxycycline", "times": times}],
        products=["Magnesium 300 mg"],
    )
    code, out, _ = run(capsys, "plan", "--from", path)
    assert code == 0
    assert "Not placed:" in out and "No time between 06:00 and 23:00" in out


@pytest.mark.parametrize(
    ("label", "shown"),
    [
        ("Calcium 500 mg", "Calcium 500 mg"),
        ("Magnesium unobtainate 200 mg", "unobtainate"),
        ("Magnesium -5 mg", "negative"),
        ("x" * 150, "x" * 20),
    ],
)
def test_a_bad_label_exits_2_naming_the_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, label: str, shown: str
) -> None:
    path = visit_file(tmp_path, products=["Magnesium 100 mg", label])
    code, out, err = run(capsys, "plan", "--from", path, "--json")
    assert_one_line_error(code, err)
    assert out == ""
    assert "products[1]" in err and shown in err and "visit.json" in err
    assert "A label line looks like" in err


def test_bad_files_exit_2_with_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "plan", "--from", str(tmp_path / "missing.json"))
    assert_one_line_error(code, err)
    assert "no such file" in err

    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "plan", "--from", str(broken))
    assert_one_line_error(code, err)

    code, _, err = run(capsys, "plan", "--from", visit_file(tmp_path, plan={"form": "unobtainium"}))
    assert_one_line_error(code, err)
    assert "plan.form" in err

    code, _, err = run(
        capsys, "plan", "--from", visit_file(tmp_path, age=40, sex="male", pregnant=True)
    )
    assert_one_line_error(code, err)
    assert "age and sex" in err

    code, _, err = run(capsys, "plan", "--from", str(tmp_path))
    assert_one_line_error(code, err)


def test_from_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "plan", "--json")
    assert_one_line_error(code, err)


def test_one_product_and_no_target_schedules_that_product_and_no_study_dose(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """#22: nothing chosen means no target; the day holds what the patient takes."""
    path = visit_file(tmp_path, age=45, sex="female", products=["Magnesium (as glycinate) 200 mg"])
    code, out, err = run(capsys, "plan", "--from", path, "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["target_mg"] is None and doc["dose_mg"] is None
    magnesium = [r for r in doc["timetable"] if r["kind"] == "magnesium"]
    assert [(r["item"].split(":")[0], r["mg"]) for r in magnesium] == [
        ("Magnesium (as glycinate) 200 mg", 200)
    ]
    code, out, err = run(capsys, "plan", "--from", path)
    assert code == 0, err
    timetable = out[out.index("Timetable:") :]
    assert "Magnesium (as glycinate) 200 mg" in timetable
    for invented in ("Bagis", "300 mg", "tudy dose"):
        assert invented not in out
