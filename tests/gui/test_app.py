"""The launcher: start-up flags, a missing content DB, the last-resort error handler, paths."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import traceback
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QApplication

from mgdesk import paths
from mgdesk.store.content_db import ContentUnavailable
from mgdesk.ui import app as app_module
from mgdesk.ui.errors import ErrorReporter, describe


def test_platform_data_dir_matches_qstandardpaths(qapp: QApplication) -> None:
    name, organisation = qapp.applicationName(), qapp.organizationName()
    try:
        qapp.setApplicationName("mgdesk")
        qapp.setOrganizationName("")
        location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        assert Path(location) == paths.platform_data_dir()
    finally:
        qapp.setApplicationName(name)
        qapp.setOrganizationName(organisation)


def _run_gui(flag: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MGDESK_DATA_DIR=str(data_dir))
    env.pop("MGDESK_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "mgdesk", "gui", flag],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("flag", ["--quit-after-paint", "--quit-after-load"])
def test_the_window_starts_and_quits_by_itself(flag: str, data_dir: Path) -> None:
    result = _run_gui(flag, data_dir)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (data_dir / "settings.ini").parent.is_dir()


def test_missing_content_is_a_readable_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def missing() -> None:
        raise ContentUnavailable("the reference content is missing: /nowhere/content.sqlite")

    monkeypatch.setattr(app_module, "_init_content", missing)
    assert app_module.run(quit_after_paint=True) == 1
    err = capsys.readouterr().err
    assert "the reference content is missing" in err
    assert "Traceback" not in err


def _raise_with_health_data() -> None:
    raise ValueError("patient takes Fosamax and has kidney disease")


def test_the_error_handler_logs_without_health_data(data_dir: Path) -> None:
    reporter = ErrorReporter()
    shown: list[tuple[str, str]] = []
    reporter.show_dialog = lambda title, text: shown.append((title, text))  # type: ignore[method-assign]
    try:
        _raise_with_health_data()
    except ValueError as exc:
        reporter.handle(type(exc), exc, exc.__traceback__)
    log = reporter.path.read_text(encoding="utf-8")
    assert "ValueError" in log and "_raise_with_health_data" in log
    assert "Fosamax" not in log and "kidney" not in log
    assert shown and "Something went wrong" in shown[0][0]
    assert str(reporter.path) in shown[0][1]
    if os.name == "posix":
        assert stat.S_IMODE(reporter.path.stat().st_mode) == 0o600


class _Button(QObject):
    clicked = Signal()


def test_an_exception_in_a_slot_reaches_the_handler() -> None:
    reporter = ErrorReporter()
    seen: list[str] = []
    reporter.show_dialog = lambda title, text: seen.append(title)  # type: ignore[method-assign]
    button = _Button()
    button.clicked.connect(_raise_with_health_data)
    reporter.install()
    try:
        button.clicked.emit()  # Qt calls the slot; the exception escapes into sys.excepthook
    finally:
        reporter.uninstall()
    assert seen == ["Something went wrong"]
    assert reporter.count == 1


def test_describe_has_no_message() -> None:
    with pytest.raises(ValueError) as info:
        _raise_with_health_data()
    text = describe(info.type, info.tb)
    assert "Fosamax" not in text
    assert text.splitlines()[0] == "builtins.ValueError"
    assert len(traceback.extract_tb(info.tb)) == len(text.splitlines()) - 1


def test_an_escaped_exception_saves_the_draft_first(qtbot, window, visit) -> None:  # type: ignore[no-untyped-def]
    """The last resort keeps the user's data: the visit draft is written before the dialog."""
    qtbot.waitUntil(lambda: window.visit_keeper.is_started)
    visit.update(notes="written before the crash")
    assert window.visit_keeper.draft_pending
    reporter = ErrorReporter()
    reporter.show_dialog = lambda title, text: None  # type: ignore[method-assign]
    reporter.keep_data_with(window.visit_keeper.flush)
    reporter.keep_data_with(_raise_with_health_data)  # a keeper that fails stops nothing
    button = _Button()
    button.clicked.connect(_raise_with_health_data)
    reporter.install()
    try:
        button.clicked.emit()
    finally:
        reporter.uninstall()
    assert reporter.count == 1
    assert not window.visit_keeper.draft_pending
    store = window.user_data.visits()
    assert store is not None
    draft = store.load_draft()
    assert draft is not None and draft.notes == "written before the crash"


def test_the_window_runs_fusion_made_by_qt_itself(data_dir: Path) -> None:
    """Fusion comes from Qt's own -style option (so Python never asks for the style before
    the first paint), whatever style the desktop would otherwise impose."""
    script = "from mgdesk.ui import app; print(app._init_application().style().name())"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        QT_STYLE_OVERRIDE="Windows",
        MGDESK_DATA_DIR=str(data_dir),
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "fusion"
