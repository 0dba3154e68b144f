"""The installers' pieces that can be checked here: the generated man page and completion name
every command, the Windows and macOS icon files hold their sizes, the release workflow and the
Debian metadata name what the issue asks for."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

from mgdesk import paths
from mgdesk.cli import _COMMANDS

ROOT = Path(__file__).resolve().parents[2]


def _module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def test_the_man_page_and_completion_name_every_command() -> None:
    generator = _module(ROOT / "packaging" / "deb" / "manpage.py")
    page, completion = generator.man_page(), generator.bash_completion()
    assert page.startswith(".TH MGDESK 1")
    for name in _COMMANDS:
        assert f'.SS "mgdesk {name}"'.replace("-", "\\-") in page, name
        assert re.search(rf"^\s+{re.escape(name)}\) words=", completion, re.M), name


def test_the_windows_and_macos_icons_hold_their_sizes() -> None:
    from PIL import Image

    with Image.open(ROOT / "packaging" / "icons" / "mgdesk.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(ROOT / "packaging" / "icons" / "mgdesk.icns") as icns:
        sizes = {size[:2] for size in icns.info["sizes"]}
        assert {(16, 16), (32, 32), (128, 128), (256, 256), (512, 512)} <= sizes


def test_the_release_workflow_builds_windows_and_macos() -> None:
    text = (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    assert "runs-on: windows-latest" in text and "runs-on: macos-latest" in text
    steps = re.findall(r"^\s+- name: (.+)$", text, re.M)
    for step in ("Self-test", "Handout", "Build the installer", "Build the dmg", "Upload"):
        assert step in steps, step
    assert "packaging\\windows\\mgdesk.iss" in text and "hdiutil create" in text
    iss = (ROOT / "packaging" / "windows" / "mgdesk.iss").read_text(encoding="utf-8")
    assert '{group}\\mgdesk"; Filename: "{app}\\mgdesk-gui.exe"' in iss
    assert "{uninstallexe}" in iss


def test_the_metainfo_matches_the_desktop_entry() -> None:
    text = (ROOT / "packaging" / "deb" / "metainfo.xml").read_text(encoding="utf-8")
    assert f"<id>{paths.APP_ID}</id>" in text
    assert f'<launchable type="desktop-id">{paths.APP_ID}.desktop</launchable>' in text
    assert (ROOT / "resources" / f"{paths.APP_ID}.desktop").is_file()
    assert text.count("<screenshot") - text.count("<screenshots") >= 2
    for category in ("Education", "Science", "MedicalSoftware"):
        assert f"<category>{category}</category>" in text
