"""What a screen reader receives: the real window's tree read over the AT-SPI bus.

One window (a child process on Xvfb) is read on every tab and with each dialog open. The
checks are those an Orca user depends on: a focusable control has a name and a role that
says what it is; a table's cells come with their column header; the disclaimer is spoken;
grades, severities and the upper-limit warning are words, not only colour. `check_tree` is
the checker; the last test blanks one button's name in the child and asserts the checker
reports that button.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mgdesk.domain.text import DISCLAIMER
from mgdesk.ui.widgets import SEVERITY_TITLES
from tests.a11y.harness import AppUnderTest, Desktop, missing_requirements

pytestmark = pytest.mark.a11y

TABS = ("symptoms", "forms", "dosage", "interactions", "plan", "journal", "visit")
DIALOGS = {
    "about": "About mgdesk",
    "sources": "Sources",
    "shortcuts": "Keyboard shortcuts",
    "restore": "Restore from backup",
}
# Roles a focusable object may have: each tells the listener what the control does. A
# focusable "unknown", "panel" or unnamed filler would be read as nothing at all.
CONTROL_ROLES = {
    "push button",
    "toggle button",
    "check box",
    "radio button",
    "combo box",
    "spin button",
    "text",
    "password text",
    "table",
    "list",
    "tree",
    "page tab",
    "page tab list",
    "label",  # selectable text (a details pane the user can read with the caret)
    "filler",  # a named group that takes focus (the tab widget itself)
    "scroll pane",
    "slider",
    "menu item",
    "link",
}
GRADE_WORDS = re.compile(r"grade [A-D]\b.*(strong|moderate|weak|very weak)", re.IGNORECASE)

Node = dict[str, Any]


def focusable(nodes: list[Node]) -> list[Node]:
    return [n for n in nodes if "focusable" in n["states"]]


def check_tree(nodes: list[Node]) -> list[str]:
    """Every problem a screen-reader user would meet in this tree, one line each."""
    problems = []
    for node in focusable(nodes):
        where = f"{node['role']} at {node['path']}"
        if not node["name"].strip():
            problems.append(f"{where} has no accessible name")
        if node["role"] not in CONTROL_ROLES:
            problems.append(f"{where} ({node['name']!r}) has the role {node['role']!r}")
    for node in nodes:
        table = node.get("table")
        if node["role"] != "table" or table is None:
            continue
        headers = table["headers"]
        if len(headers) != table["columns"] or not all(h and h.strip() for h in headers):
            problems.append(f"table {node['name']!r} has unnamed column headers: {headers}")
        for cell in table["cells"]:
            expected = headers[cell["column"]] if cell["column"] < len(headers) else None
            if cell["headers"] != [expected]:
                problems.append(
                    f"table {node['name']!r} reads cell ({cell['row']}, {cell['column']}) "
                    f"with the headers {cell['headers']}, not [{expected!r}]"
                )
    return problems


def spoken(nodes: list[Node]) -> str:
    """Everything a reader can speak: names, descriptions, texts and table cells."""
    parts = []
    for node in nodes:
        parts += [node["name"], node["description"], node.get("text") or ""]
        for cell in (node.get("table") or {}).get("cells", []):
            parts.append(cell["name"])
    return "\n".join(parts)


@pytest.fixture(scope="module")
def desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desktop]:
    missing = missing_requirements()
    if missing:
        pytest.fail("the AT-SPI tests need: " + ", ".join(missing), pytrace=False)
    desk = Desktop(tmp_path_factory.mktemp("desktop"))
    desk.start()
    yield desk
    desk.stop()


def _run_app(desktop: Desktop, folder: Path, **env: str) -> AppUnderTest:
    return AppUnderTest(desktop, folder / "data", **env)


@pytest.fixture(scope="module")
def trees(desktop: Desktop, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Node]]:
    """The tree on every tab (with a visit loaded) and with every dialog open."""
    app = _run_app(desktop, tmp_path_factory.mktemp("app"))
    read: dict[str, list[Node]] = {}
    try:
        app.send("seed")
        for key in TABS:
            app.send(f"tab {key}")
            read[key] = app.tree()
        for name in DIALOGS:
            app.send(f"dialog {name}")
            read[f"dialog:{name}"] = app.tree()
            app.send("close")
    finally:
        app.close()
    return read


@pytest.mark.parametrize("key", TABS)
def test_every_tab_reads_cleanly(trees: dict[str, list[Node]], key: str) -> None:
    nodes = trees[key]
    controls = focusable(nodes)
    print(f"{key}: {len(nodes)} accessible objects, {len(controls)} focusable")
    assert len(controls) >= 8, "the tab's controls are not on the bus"
    assert check_tree(nodes) == []
    roles = [n["role"] for n in nodes]
    assert roles.count("page tab") >= len(TABS)
    assert DISCLAIMER in spoken(nodes), "the disclaimer is not exposed as text"


def test_each_kind_of_control_has_its_role(trees: dict[str, list[Node]]) -> None:
    def roles_of(key: str) -> set[str]:
        return {n["role"] for n in focusable(trees[key])}

    assert {"list", "push button", "text", "spin button"} <= roles_of("symptoms")
    assert "table" in roles_of("forms")
    assert {"combo box", "radio button", "table"} <= roles_of("dosage")
    assert "check box" in roles_of("interactions")
    assert {"table", "push button", "combo box"} <= roles_of("plan")
    assert {"check box", "push button", "table"} <= roles_of("visit")


def test_tables_are_read_with_their_headers(trees: dict[str, list[Node]]) -> None:
    read_cells = 0
    for nodes in trees.values():
        for node in nodes:
            if node["role"] == "table" and node.get("table"):
                read_cells += len(node["table"]["cells"])
    # Forms, dosage (two), plan (products, forms, timetable), visit and more hold rows.
    assert read_cells >= 60


def test_grades_severities_and_the_upper_limit_are_words(trees: dict[str, list[Node]]) -> None:
    assert GRADE_WORDS.search(spoken(trees["symptoms"])), "symptom grades are not in words"
    assert GRADE_WORDS.search(spoken(trees["dialog:about"])), "the grade key is not in words"
    assert re.search(r"\bweak\b|\bmoderate\b", spoken(trees["forms"]), re.IGNORECASE)
    # Fosamax and Lasix are in the seeded visit: their severity heads their cards in words.
    inter = spoken(trees["interactions"])
    assert any(title in inter for title in SEVERITY_TITLES.values()), "severity not in words"
    assert "above the upper limit" in spoken(trees["plan"]).casefold()


@pytest.mark.parametrize("name", DIALOGS)
def test_dialogs_are_reachable_and_named(trees: dict[str, list[Node]], name: str) -> None:
    nodes = trees[f"dialog:{name}"]
    frames = [n for n in nodes if n["path"].count("/") == 0 and n["role"] == "dialog"]
    assert [f["name"] for f in frames if DIALOGS[name] in f["name"]], [
        (f["role"], f["name"]) for f in frames
    ]
    assert check_tree(nodes) == []
    assert any(n["role"] == "push button" and n["name"] == "Close" for n in nodes) or (
        name == "restore"
    )


def test_the_checker_reports_a_button_that_lost_its_name(desktop: Desktop, tmp_path: Path) -> None:
    app = _run_app(desktop, tmp_path, MGDESK_A11Y_BLANK="Add this symptom to my visit")
    try:
        app.send("tab symptoms")
        problems = check_tree(app.tree())
    finally:
        app.close()
    assert any("push button" in p and "has no accessible name" in p for p in problems), problems
