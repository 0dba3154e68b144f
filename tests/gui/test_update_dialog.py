"""File > Update reference content...: what changed, before installing, and refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgdesk.store import content_install
from mgdesk.ui.main_window import MainWindow
from mgdesk.ui.update_dialog import UpdateDialog
from tests.unit import pack_helpers as helpers


@pytest.fixture
def pack_file(tmp_path: Path, data_dir: Path) -> Path:
    key = helpers.new_key()
    helpers.trust(key, data_dir)
    target = tmp_path / "new.mgpack"
    target.write_bytes(helpers.pack_bytes(key, helpers.edited_source(tmp_path / "src")))
    return target


def test_the_dialog_lists_exactly_the_two_changes_and_installs_on_request(
    qtbot,
    window: MainWindow,
    pack_file: Path,  # type: ignore[no-untyped-def]
) -> None:
    dialog = window.update_content(pack_file)
    assert isinstance(dialog, UpdateDialog)
    lines = dialog.changes.stringList()
    assert len(lines) == 2
    assert any("bagis-2013" in line and "grade C → D" in line for line in lines)
    assert any("bisphosphonates" in line and "advice for patients" in line for line in lines)
    assert content_install.read_state() == []  # nothing installed before the button
    with qtbot.waitSignal(dialog.installed) as signal:
        dialog.install_button.click()
    assert signal.args == [helpers.NEW_VERSION]
    assert [i.version for i in content_install.read_state()] == [helpers.NEW_VERSION]
    dialog.close()


def test_a_refused_pack_says_why_and_offers_no_install(
    window: MainWindow, pack_file: Path, data_dir: Path
) -> None:
    (data_dir / "keys" / "test.pub").unlink()
    dialog = window.update_content(pack_file)
    assert isinstance(dialog, UpdateDialog)
    assert dialog.checked is None and "does not trust" in dialog.message.text()
    assert dialog.install_button.isHidden()
    assert not (data_dir / "content").exists()
    dialog.close()
