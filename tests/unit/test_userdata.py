"""Export everything, import it back all or nothing, restore a backup, erase after confirming."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mgdesk.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def fill(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    visit = tmp_path / "visit.json"
    visit.write_text(
        json.dumps({"version": 1, "name": "Zoë", "symptoms": ["sleep"]}), encoding="utf-8"
    )
    assert run(capsys, "visit", "save", str(visit))[0] == 0
    assert (
        run(
            capsys,
            "journal",
            "add",
            "--date",
            "2026-11-01",
            "--time",
            "08:00",
            "--rate",
            "sleep=6",
            "--rate",
            "pain=4",
            "--dose",
            "glycinate:200",
            "--note",
            "slept badly",
        )[0]
        == 0
    )


def test_export_then_import_into_an_empty_folder(
    capsys, tmp_path: Path, data_dir: Path, monkeypatch
) -> None:
    fill(capsys, tmp_path)
    exported = tmp_path / "all.json"
    code, out, err = run(capsys, "data", "export", "-o", str(exported))
    assert code == 0, err
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["format"] == "mgdesk-export"
    assert document["visits"][0]["name"] == "Zoë"
    assert document["journal"][0]["note"] == "slept badly"

    monkeypatch.setenv("MGDESK_DATA_DIR", str(tmp_path / "elsewhere"))
    code, out, err = run(capsys, "data", "import", str(exported))
    assert code == 0, err
    assert "added 1 visits, 1 journal entries" in out
    again = tmp_path / "again.json"
    assert run(capsys, "data", "export", "-o", str(again))[0] == 0
    second = json.loads(again.read_text(encoding="utf-8"))
    for key in ("visits", "journal", "pain_maps", "trials"):
        assert second[key] == document[key]
    code, out, _ = run(capsys, "data", "import", str(exported))
    assert "(1 already there)" in out


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(format="something-else"),
        lambda d: d.update(version=2),
        lambda d: d.update(extra=1),
        lambda d: d["visits"].append({"version": 1, "symptoms": ["telekinesis"]}),
        lambda d: d["journal"].append({"date": "2026-13-01", "ratings": {"sleep": 5}}),
        lambda d: d["journal"].append({"date": "2026-11-02", "ratings": {"sleep": 11}}),
        lambda d: d.update(pain_maps=[{"date": "2026-11-02", "areas": ["elbow-left"]}]),
        lambda d: d.update(visits="lots"),
    ],
)
def test_a_bad_export_imports_nothing(capsys, tmp_path: Path, mutate) -> None:
    fill(capsys, tmp_path)
    exported = tmp_path / "all.json"
    assert run(capsys, "data", "export", "-o", str(exported))[0] == 0
    document = json.loads(exported.read_text(encoding="utf-8"))
    mutate(document)
    exported.write_text(json.dumps(document), encoding="utf-8")
    before = tmp_path / "before.json"
    assert run(capsys, "data", "export", "-o", str(before))[0] == 0
    code, _, err = run(capsys, "data", "import", str(exported))
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    after = tmp_path / "after.json"
    assert run(capsys, "data", "export", "-o", str(after))[0] == 0
    strip = lambda d: {k: v for k, v in json.loads(d.read_text()).items() if k != "exported"}  # noqa: E731
    assert strip(after) == strip(before)


def test_not_json_is_bad_input(capsys, tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("{nope", encoding="utf-8")
    code, _, err = run(capsys, "data", "import", str(path))
    assert code == 2 and "not valid JSON" in err


def test_erase_needs_confirmation(capsys, tmp_path: Path, data_dir: Path) -> None:
    fill(capsys, tmp_path)
    code, _, err = run(capsys, "data", "erase")
    assert code == 2 and "--yes" in err
    assert (data_dir / "user.sqlite").exists()
    code, out, _ = run(capsys, "data", "erase", "--yes")
    assert code == 0
    assert not (data_dir / "user.sqlite").exists()
    assert not (data_dir / "backups").exists()
    code, out, _ = run(capsys, "visit", "list", "--json")
    assert json.loads(out) == []


def test_backups_and_restore_latest(capsys, tmp_path: Path, data_dir: Path) -> None:
    fill(capsys, tmp_path)
    code, out, _ = run(capsys, "data", "backups")
    assert code == 0 and "user-daily-" in out
    code, out, err = run(capsys, "data", "restore", "latest")
    assert code == 0, err
    assert "kept as" in out
    code, _, err = run(capsys, "data", "restore", str(tmp_path / "none.sqlite"))
    assert code == 2
