"""The user DB in the window: a damaged or too-new file is said once and never written; backups
can be put back from File > Restore from backup; the reference tabs keep working meanwhile."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton

from mgdesk.domain.visit import VisitPlan
from mgdesk.store.user_db import UserDB, backup_label, make_backup, open_user_db
from mgdesk.store.visits import VisitStore
from mgdesk.ui.backups_dialog import RestoreDialog
from mgdesk.ui.main_window import MainWindow
from mgdesk.ui.user_data import UserData

from .conftest import MakeWindow


def _saved_names(folder: Path) -> list[str]:
    db = open_user_db(folder)
    try:
        return sorted(v.name for v in VisitStore(db).list())
    finally:
        db.close()


def _save_visit(folder: Path, name: str) -> None:
    db = open_user_db(folder)
    try:
        VisitStore(db).add(VisitPlan(name=name))
    finally:
        db.close()


def _quiet(window: MainWindow) -> list[QDialog]:
    """Record dialogs instead of showing them."""
    shown: list[QDialog] = []
    window.exec_dialog = shown.append  # type: ignore[method-assign]
    return shown


def test_a_damaged_file_is_moved_aside_and_the_reference_still_answers(
    make_window: MakeWindow, data_dir: Path
) -> None:
    _save_visit(data_dir, "Spring visit")
    make_backup(data_dir / "user.sqlite", "before-migration")
    garbage = b"this is not a database" * 100
    (data_dir / "user.sqlite").write_bytes(garbage)

    window = make_window()
    shown = _quiet(window)
    problems: list[str] = []
    window.user_data.problem.connect(problems.append)
    assert window.user_data.visits() is None
    assert window.user_data.journal() is None  # asked again: no second message
    assert len(problems) == 1
    assert "moved aside" in problems[0]

    moved = list(data_dir.glob("user.corrupt-*.sqlite"))
    assert len(moved) == 1 and moved[0].read_bytes() == garbage
    box = shown[-1]
    assert isinstance(box, QMessageBox)
    assert problems[0] in box.text()
    assert any("backup" in b.text() for b in box.findChildren(QPushButton))
    assert "not available" in window.statusBar().currentMessage()

    window.open_item("symptom", "sleep")  # the reference is untouched by any of it
    assert window.tabs.current_key() == "symptoms"


def test_a_file_from_a_newer_mgdesk_is_refused_untouched(
    make_window: MakeWindow, data_dir: Path
) -> None:
    _save_visit(data_dir, "Kept as it is")
    db_file = data_dir / "user.sqlite"
    with sqlite3.connect(db_file) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.close()
    before = db_file.read_bytes()

    window = make_window()
    shown = _quiet(window)
    assert window.user_data.visits() is None
    assert "newer version" in (window.user_data.error or "")
    assert db_file.read_bytes() == before
    assert isinstance(shown[-1], QMessageBox)


def test_restore_puts_a_backup_back_and_keeps_the_current_file(
    make_window: MakeWindow, data_dir: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    _save_visit(data_dir, "In the backup")
    backup = make_backup(data_dir / "user.sqlite", "before-migration")
    _save_visit(data_dir, "Made after the backup")

    window = make_window()
    shown = _quiet(window)
    reopened: list[bool] = []
    window.user_data.reopened.connect(lambda: reopened.append(True))
    dialog = window.show_restore()
    assert dialog in shown
    labels = [dialog.model.index(row, 0).data() for row in range(dialog.model.rowCount())]
    assert backup_label(backup) in labels  # beside the daily backup made when it was opened
    dialog.list.setCurrentIndex(dialog.model.index(labels.index(backup_label(backup)), 0))
    dialog.confirm = lambda label: True  # type: ignore[method-assign]
    with qtbot.waitSignal(dialog.restored) as signal:
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert reopened == [True]
    assert "kept as" in signal.args[0]
    assert window.statusBar().currentMessage().startswith("Restored")
    window.user_data.close()
    assert _saved_names(data_dir) == ["In the backup"]
    kept = list(data_dir.glob("user.replaced-*.sqlite"))
    assert len(kept) == 1
    assert sorted(v.name for v in VisitStore(open_user_db_at(kept[0])).list()) == [
        "In the backup",
        "Made after the backup",
    ]


def open_user_db_at(path: Path):  # type: ignore[no-untyped-def]
    """A user DB opened on a kept file, read only through the store (no migration needed)."""
    from sqlalchemy.orm import sessionmaker

    from mgdesk.store.user_db import UserDB, make_engine

    engine = make_engine(path)
    return UserDB(path, engine, sessionmaker(engine, expire_on_commit=False))


def test_a_damaged_backup_is_refused_and_nothing_changes(data_dir: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    _save_visit(data_dir, "Current")
    backup = make_backup(data_dir / "user.sqlite", "before-migration")
    backup.write_bytes(b"\0" * 4096)
    before = (data_dir / "user.sqlite").read_bytes()
    user_data = UserData()
    dialog = RestoreDialog(user_data)
    qtbot.addWidget(dialog)
    dialog.confirm = lambda label: True  # type: ignore[method-assign]
    dialog.restore_selected()
    assert dialog.message.text().startswith("Not restored")
    assert "Nothing was changed" in dialog.message.text()
    user_data.close()
    assert (data_dir / "user.sqlite").read_bytes() == before
    assert _saved_names(data_dir) == ["Current"]


def test_no_backup_yet_is_said_and_the_button_is_off(data_dir: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = RestoreDialog(UserData())
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0
    assert not dialog.restore_button.isEnabled()
    assert "no backup yet" in dialog.message.text()


def test_backup_names_read_as_words(tmp_path: Path) -> None:
    assert backup_label(tmp_path / "user-daily-2026-11-23.sqlite") == "Daily backup of 2026-11-23"
    assert (
        backup_label(tmp_path / "user-20261120-101112-before-migration.sqlite")
        == "Backup before an update, 2026-11-20 10:11"
    )
    assert backup_label(tmp_path / "odd.sqlite") == "odd.sqlite"


def test_an_unwritable_data_folder_is_a_message(tmp_path: Path) -> None:
    def refuse(folder: Path | None) -> UserDB:
        raise PermissionError(13, "Permission denied")

    problems: list[str] = []
    user_data = UserData(tmp_path, opener=refuse)
    user_data.problem.connect(problems.append)
    assert user_data.visits() is None
    assert user_data.journal() is None
    assert problems == ["Your data folder cannot be used: Permission denied."]
