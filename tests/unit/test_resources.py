"""Shipped files: what the code asks `mgdesk.paths` for exists, and every package carries it.

The resource locator (`mgdesk/paths.py`) finds `resources/`, `db/migrations/` and the content
DB in three places; the PyInstaller spec (`SHIPPED`) and the wheel's build hook (`setup.py`)
must put them where it looks. The spec's list of Qt modules must hold every Qt module the
code imports, or the frozen window would fail on an import. The desktop entry must be valid.
"""

from __future__ import annotations

import ast
import configparser
import functools
import struct
import sys
from pathlib import Path

import pytest

from mgdesk import paths

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "mgdesk"
SPEC = ROOT / "packaging" / "mgdesk.spec"
ICON_SIZES = (16, 32, 48, 64, 128, 256)


@functools.cache
def _trees() -> tuple[tuple[Path, ast.Module], ...]:
    """Every module of mgdesk, parsed once."""
    sources = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)
    return tuple((p, ast.parse(p.read_text(encoding="utf-8"))) for p in sources)


def _literal(path: Path, name: str) -> object:
    """The value of a top-level `NAME = <literal>` in a Python file (the spec included)."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{path.name} has no literal {name}")


def _resource_calls() -> list[tuple[str, tuple[str, ...]]]:
    """Every `paths.resource("a", "b")` (or `resource(...)`) call whose arguments are literal."""
    calls = []
    for source, tree in _trees():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name != "resource" or not node.args:
                continue
            if all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args):
                parts = tuple(str(a.value) for a in node.args if isinstance(a, ast.Constant))
                calls.append((f"{source.relative_to(ROOT)}:{node.lineno}", parts))
    return calls


def test_the_code_asks_for_resources() -> None:
    """The scan finds the calls (so the checks below are not vacuous), the window icon too."""
    called = {parts for _, parts in _resource_calls()}
    assert ("icons", "mgdesk.svg") in called
    assert any(parts[0] == "styles" for parts in called)


@pytest.mark.parametrize(("where", "parts"), _resource_calls())
def test_every_resource_the_code_names_exists(where: str, parts: tuple[str, ...]) -> None:
    assert (ROOT / "resources").joinpath(*parts).exists(), f"{where} names a missing resource"


def test_the_handout_fonts_exist() -> None:
    from mgdesk.report.styles import FONT_FILES

    for file_name in FONT_FILES.values():
        assert (ROOT / "resources" / "fonts" / file_name).is_file(), file_name
    assert (ROOT / "resources" / "fonts" / "OFL.txt").is_file(), "the fonts' licence"


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_the_application_icon_exists_in_every_size() -> None:
    icons = ROOT / "resources" / "icons"
    svg = (icons / "mgdesk.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<svg") and "<text" not in svg, "outlines, not a font"
    for size in ICON_SIZES:
        assert _png_size(icons / f"mgdesk-{size}.png") == (size, size)


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(ROOT / "resources" / f"{paths.APP_ID}.desktop", encoding="utf-8")
    assert parser.sections() == ["Desktop Entry"]
    return parser["Desktop Entry"]


def test_the_desktop_entry_is_valid() -> None:
    entry = _desktop_entry()
    for key in ("Type", "Name", "Comment", "Exec", "Icon", "Categories", "Terminal"):
        assert entry.get(key), f"the desktop entry lacks {key}"
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "mgdesk-gui"
    assert entry["Terminal"] == "false"
    assert entry["Icon"] == "mgdesk"
    assert (ROOT / "resources" / "icons" / f"{entry['Icon']}.svg").is_file()
    categories = entry["Categories"]
    assert categories.endswith(";")
    assert {"Education", "MedicalSoftware", "Science"} <= set(categories.split(";"))
    assert entry.get("Version", "1.0") in {"1.0", "1.1", "1.2", "1.3", "1.4", "1.5"}


def test_the_desktop_entry_starts_a_program_every_package_has() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    exec_name = _desktop_entry()["Exec"].split()[0]
    assert project["gui-scripts"][exec_name] == "mgdesk.cli:gui_main"
    spec = SPEC.read_text(encoding="utf-8")
    assert 'f"{NAME}-gui", console=False' in spec and exec_name == f"{paths.APP_NAME}-gui"


def _where(runtime_root: Path, source: str, destination: str) -> Path:
    """Where a (source, destination) pair of the spec lands under sys._MEIPASS."""
    if source.endswith(".sqlite"):
        return runtime_root / destination / Path(source).name
    return runtime_root / destination


def test_the_spec_ships_what_paths_looks_for_in_a_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = _literal(SPEC, "SHIPPED")
    assert isinstance(shipped, list)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.delenv("MGDESK_CONTENT_DB", raising=False)
    landed = {_where(tmp_path, source, dest).resolve() for source, dest in shipped}
    assert paths.resources_dir().resolve() in landed
    assert paths.migrations_dir().resolve() in landed
    assert paths.content_db_path().resolve() in landed
    for source, _ in shipped:
        if not source.endswith(".sqlite"):  # the content DB is compiled by the build
            assert (ROOT / source).is_dir(), source


def test_the_wheel_ships_what_paths_looks_for_when_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup = ROOT / "setup.py"
    folders = _literal(setup, "FOLDERS")
    shipped = str(_literal(setup, "SHIPPED"))
    assert isinstance(folders, tuple)
    installed = tmp_path / "site-packages" / "mgdesk"
    monkeypatch.setattr(paths, "_PACKAGE_DIR", installed)
    monkeypatch.delenv("MGDESK_CONTENT_DB", raising=False)
    assert paths.source_root() is None
    root = installed / shipped
    assert paths.resources_dir() == root / "resources"
    assert paths.migrations_dir() == root / "db" / "migrations"
    assert paths.content_db_path() == root / paths.CONTENT_DB_NAME
    assert {root / folder for folder in folders} == {paths.resources_dir(), paths.migrations_dir()}
    assert f'"{paths.CONTENT_DB_NAME}"' in setup.read_text(encoding="utf-8")


def _qt_modules_imported() -> dict[str, str]:
    found: dict[str, str] = {}
    for source, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            for name in names:
                parts = name.split(".")
                if parts[0] == "PySide6" and len(parts) > 1 and parts[1].startswith("Qt"):
                    found.setdefault(parts[1], f"{source.relative_to(ROOT)}:{node.lineno}")
    return found


def test_the_spec_keeps_every_qt_module_the_code_imports() -> None:
    kept = _literal(SPEC, "QT_MODULES")
    assert isinstance(kept, set)
    imported = _qt_modules_imported()
    assert {"QtCore", "QtGui", "QtWidgets"} <= set(imported)
    missing = {module: where for module, where in imported.items() if module not in kept}
    assert not missing, f"add these to QT_MODULES in packaging/mgdesk.spec: {missing}"
