"""Reading the user's files for the command line: one clear message for every way it can fail.

Kept apart from the commands that use the user DB, so that `handout --from` and `plan --from`
read a visit without loading SQLAlchemy.
"""

from __future__ import annotations

from pathlib import Path

from mgdesk.domain.catalog import resolve_visit
from mgdesk.domain.errors import InputError
from mgdesk.domain.visit import VisitPlan
from mgdesk.store.content_db import ContentDB

MAX_VISIT_FILE = 5 * 1024 * 1024


def read_user_text(name: str, limit: int, what: str) -> str:
    """The text of a UTF-8 file (a byte-order mark is allowed), at most `limit` bytes."""
    path = Path(name)
    try:
        if path.stat().st_size > limit:
            raise InputError(f"{name}: too large for {what} (over {limit // (1024 * 1024)} MB)")
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder, not {what}") from None
    except UnicodeDecodeError:
        raise InputError(f"{name}: not a text file (UTF-8 expected)") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror})") from None


def read_visit_file(name: str, content: ContentDB | None = None) -> VisitPlan:
    """A visit.json from disk, checked, with names resolved to content ids (against `content`
    when the caller has it open already)."""
    text = read_user_text(name, MAX_VISIT_FILE, "a visit file")
    try:
        plan = VisitPlan.from_json(text)
        return resolve_visit(plan, content or ContentDB.open_default())
    except InputError as exc:
        raise InputError(f"{name}: {exc}") from None
