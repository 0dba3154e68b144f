"""One value of a compiled content DB's `meta` table, read without opening the whole DB.

The build asks for the layout (`format`) to know whether a DB is stale, the installer for the
bundled `content_version`, the self-test for both: one plain read-only query, standard library
only, so that the start-up path can use it too.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def meta_value(path: Path, key: str) -> str | None:
    """`key`'s value in `path`'s meta table; None when it has none. sqlite3.Error when the file
    is not a readable SQLite DB (the caller says what that means for it)."""
    connection = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    finally:
        connection.close()
    return None if row is None else str(row[0])
