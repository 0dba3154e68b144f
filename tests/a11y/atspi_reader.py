"""Read mgdesk's accessibility tree from the AT-SPI bus, as a screen reader does; print JSON.

Runs under the system Python (/usr/bin/python3), which has Debian's pyatspi; the test
environment's virtualenv cannot import the system `gi`. Usage:

    atspi_reader.py APP_NAME

prints one JSON object: {"nodes": [...]} where each node is one showing accessible object
with its role, name, description, states, text (for text objects), and for tables the
column headers and the first cells with the header each is read with. Exit 3 with one line
on stderr when the application is not on the bus.
"""

from __future__ import annotations

import json
import sys
import time

import pyatspi

MAX_ROWS = 3
MAX_NODES = 5000


def _states(acc) -> list[str]:
    return sorted(pyatspi.stateToString(s) for s in acc.getState().getStates())


def _text(acc) -> str | None:
    try:
        text = acc.queryText()
    except NotImplementedError:
        return None
    return text.getText(0, min(text.characterCount, 2000))


def _table(acc) -> dict | None:
    try:
        table = acc.queryTable()
    except NotImplementedError:
        return None
    columns = table.nColumns
    headers = []
    for col in range(columns):
        header = table.getColumnHeader(col)
        headers.append(header.name if header is not None else (table.getColumnDescription(col)))
    cells = []
    for row in range(min(table.nRows, MAX_ROWS)):
        for col in range(columns):
            cell = table.getAccessibleAt(row, col)
            if cell is None:
                continue
            try:
                cell_headers = [h.name for h in cell.queryTableCell().columnHeaderCells]
            except (NotImplementedError, AttributeError):
                cell_headers = []
            cells.append({"row": row, "column": col, "name": cell.name, "headers": cell_headers})
    return {"rows": table.nRows, "columns": columns, "headers": headers, "cells": cells}


def _walk(acc, path: str, nodes: list[dict]) -> None:
    if len(nodes) >= MAX_NODES or acc is None:
        return
    states = _states(acc)
    if "showing" not in states and nodes:
        return
    node = {
        "path": path,
        "role": acc.getRoleName(),
        "name": acc.name or "",
        "description": acc.description or "",
        "states": states,
    }
    text = _text(acc)
    if text is not None:
        node["text"] = text
    table = _table(acc)
    if table is not None:
        node["table"] = table
        nodes.append(node)
        return  # cells are read through the table above, not one by one
    nodes.append(node)
    for index in range(acc.childCount):
        _walk(acc.getChildAtIndex(index), f"{path}/{index}", nodes)


def _find_app(name: str, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for index in range(desktop.childCount):
            app = desktop.getChildAtIndex(index)
            if app is not None and app.name == name:
                return app
        time.sleep(0.2)
    return None


def main() -> int:
    app = _find_app(sys.argv[1])
    if app is None:
        print(f"atspi_reader: no application named {sys.argv[1]!r} on the bus", file=sys.stderr)
        return 3
    nodes: list[dict] = []
    for index in range(app.childCount):
        _walk(app.getChildAtIndex(index), str(index), nodes)
    json.dump({"nodes": nodes}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
