"""Layers import downwards only: domain knows no Qt or SQL; store and report know no Qt or UI."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "mgdesk"
FORBIDDEN = {
    "domain": (
        "PySide6",
        "sqlalchemy",
        "alembic",
        "sqlite3",
        "reportlab",
        "mgdesk.store",
        "mgdesk.report",
        "mgdesk.ui",
        "mgdesk.commands",
        "mgdesk.cli",
    ),
    "store": (
        "PySide6",
        "reportlab",
        "mgdesk.report",
        "mgdesk.ui",
        "mgdesk.commands",
        "mgdesk.cli",
    ),
    "report": (
        "PySide6",
        "sqlalchemy",
        "alembic",
        "sqlite3",
        "mgdesk.store",
        "mgdesk.ui",
        "mgdesk.commands",
        "mgdesk.cli",
    ),
    "ui": ("mgdesk.commands", "mgdesk.cli"),
}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_downwards(layer: str) -> None:
    folder = PACKAGE / layer
    offences = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in sorted(folder.rglob("*.py"))
        for name in _imports(path)
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer])
    ]
    assert not offences, "\n".join(offences)


def test_the_layers_exist() -> None:
    assert all((PACKAGE / layer / "__init__.py").is_file() for layer in ("domain", "store"))


TAB_PACKAGES = ("symptoms", "forms", "dosage", "interactions", "plan", "journal", "visit")


@pytest.mark.parametrize("tab", TAB_PACKAGES)
def test_a_tab_package_imports_no_other_tab(tab: str) -> None:
    """Each tab is one room: what two tabs share lives in `ui/` itself, not in a neighbour."""
    others = [f"mgdesk.ui.{other}" for other in TAB_PACKAGES if other != tab]
    offences = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in sorted((PACKAGE / "ui" / tab).rglob("*.py"))
        for name in _imports(path)
        if any(name == bad or name.startswith(bad + ".") for bad in others)
    ]
    assert not offences, "\n".join(offences)


def test_every_tab_is_a_package() -> None:
    assert all((PACKAGE / "ui" / tab / "tab.py").is_file() for tab in TAB_PACKAGES)


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_only(tree: ast.Module) -> set[ast.AST]:
    """The imports under `if TYPE_CHECKING:`: read by the type checker, never run."""
    return {
        node
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and ast.unparse(block.test).endswith("TYPE_CHECKING")
        for statement in block.body
        for node in ast.walk(statement)
    }


def _imported_names(path: Path) -> list[str]:
    """What a file imports when it runs, with `from a import b` also read as a possible module
    `a.b` (imports only the type checker reads are left out: they make no circle at run time)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_only(tree)
    found = []
    for node in ast.walk(tree):
        if node in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


def _import_graph() -> dict[str, set[str]]:
    """Each mgdesk module and the mgdesk modules it imports (anywhere in the file)."""
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for imported in _imported_names(path):
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            if imported and imported != name and not name.startswith(imported + "."):
                targets.add(imported)
        graph[name] = targets
    return graph


def test_no_import_circle() -> None:
    """A circle means two modules each need the other: one job split in the wrong place."""
    graph = _import_graph()
    circles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                circles.append(" -> ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not circles, "\n".join(circles)
