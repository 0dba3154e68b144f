"""`mgdesk self-test`: one line per check, and the run stops at the first broken part.

The broken installs are made the way a bundle breaks: `sys._MEIPASS` points at a folder that
lacks a file (or holds a stale one), exactly where `mgdesk.paths` looks inside a bundle.
"""

from __future__ import annotations

import ctypes.util
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from mgdesk import paths
from mgdesk.cli import main
from mgdesk.commands import selftest_qt
from mgdesk.commands.selftest import checks
from mgdesk.commands.selftest_qt import platform_candidates

ROOT = Path(__file__).resolve().parents[2]
NAMES = [name for name, _ in checks()]


def self_test(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    code = main(["self-test"])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


@pytest.fixture
def bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content_db_path: Path) -> Path:
    """A fake bundle folder holding what `paths` looks for there, copied from the checkout."""
    folder = tmp_path / "bundle"
    shutil.copytree(ROOT / "resources", folder / "resources")
    shutil.copytree(ROOT / "db" / "migrations", folder / "db" / "migrations")
    shutil.copyfile(content_db_path, folder / paths.CONTENT_DB_NAME)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(folder), raising=False)
    monkeypatch.delenv("MGDESK_CONTENT_DB", raising=False)
    return folder


def test_every_check_passes_one_line_each(capsys, qapp, data_dir: Path) -> None:
    code, lines, err = self_test(capsys)
    assert code == 0, lines
    assert err == ""
    assert lines[0].startswith("mgdesk ") and lines[0].endswith(" self-test")
    assert [line.split(":")[0] for line in lines[1:-1]] == [f"ok    {name}" for name in NAMES]
    assert lines[-1] == "all checks passed"
    assert {"symptoms", "forms", "dosage", "interactions", "search", "plan"} <= set(NAMES)
    assert {"Qt platform plugin", "QtPdf", "QtCharts", "user database"} <= set(NAMES)


def test_the_user_database_is_made_in_a_temporary_folder(capsys, qapp, data_dir: Path) -> None:
    code, lines, _ = self_test(capsys)
    assert code == 0
    assert "in a temporary folder" in next(line for line in lines if "user database" in line)
    assert not data_dir.exists(), "self-test must not touch the user's data folder"


def test_a_bundle_without_its_content_db_fails_at_once(capsys, bundle: Path) -> None:
    (bundle / paths.CONTENT_DB_NAME).unlink()
    code, lines, err = self_test(capsys)
    assert code == 1
    assert lines[1:] == [f"FAIL  content database: missing: {bundle / paths.CONTENT_DB_NAME}"]
    assert err == ""


def test_a_content_db_of_another_format_fails(capsys, bundle: Path) -> None:
    db = bundle / paths.CONTENT_DB_NAME
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE meta SET value = '1' WHERE key = 'format'")
    connection.close()
    code, lines, _ = self_test(capsys)
    assert code == 1
    assert lines[-1].startswith("FAIL  content database: ")
    assert "has format 1, this mgdesk reads format" in lines[-1]


def test_a_missing_font_stops_the_run_at_that_check(capsys, bundle: Path) -> None:
    (bundle / "resources" / "fonts" / "NotoSans-Bold.ttf").unlink()
    code, lines, _ = self_test(capsys)
    assert code == 1
    failed = NAMES.index("PDF fonts")
    assert [line.split(":")[0] for line in lines[1:-1]] == [
        f"ok    {name}" for name in NAMES[:failed]
    ]
    assert lines[-1].startswith("FAIL  PDF fonts: missing ")
    assert lines[-1].endswith("NotoSans-Bold.ttf")


def test_a_truncated_font_fails(capsys, bundle: Path) -> None:
    font = bundle / "resources" / "fonts" / "NotoSans-Italic.ttf"
    font.write_bytes(font.read_bytes()[:100])
    code, lines, _ = self_test(capsys)
    assert code == 1
    assert lines[-1].startswith("FAIL  PDF fonts: ")


def test_a_platform_plugin_that_is_not_shipped_fails(capsys, qapp, monkeypatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "nosuchplatform")
    code, lines, _ = self_test(capsys)
    assert code == 1
    assert lines[-1] == (
        "FAIL  Qt platform plugin: no platform plugin can load: nosuchplatform: not shipped"
    )


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or ctypes.util.find_library("cups") is None,
    reason="the CUPS client library is the system's (Linux)",
)
def test_printing_reaches_the_system_printers_where_cups_loads(capsys, qapp) -> None:
    code, lines, _ = self_test(capsys)
    assert code == 0
    line = next(line for line in lines if line.startswith("ok    printing:"))
    assert "system printers through libcupsprintersupport" in line


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="CUPS is Linux's")
def test_without_cups_printing_falls_back_to_a_pdf_file_and_the_run_passes(
    capsys, qapp, monkeypatch
) -> None:
    loads = selftest_qt.load_error

    def no_cups(path: Path) -> str | None:
        if "printsupport" in path.parts:
            return "libcups.so.2: cannot open shared object file"
        return loads(path)

    monkeypatch.setattr(selftest_qt, "load_error", no_cups)
    code, lines, _ = self_test(capsys)
    assert code == 0
    assert (
        "ok    printing: the print dialog prints to a PDF file only: "
        "libcupsprintersupport.so: libcups.so.2: cannot open shared object file"
    ) in lines


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, ["offscreen"]),
        ({"DISPLAY": ":0"}, ["xcb"]),
        ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, ["wayland", "xcb"]),
        ({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}, ["offscreen"]),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, ["wayland", "xcb"]),
        ({"QT_QPA_PLATFORM": "vnc:size=800x600"}, ["vnc"]),
    ],
)
def test_the_platform_is_the_one_qt_would_pick(environ: dict[str, str], expected: list[str]):
    if sys.platform != "linux":
        pytest.skip("Linux picks by DISPLAY and WAYLAND_DISPLAY")
    assert platform_candidates(environ) == expected
