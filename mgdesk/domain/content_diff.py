"""What changed between two versions of the reference content, said in its own terms.

Pure: it compares plain records (kind -> id -> field dict, as the content DB stores them), so
the window and `content verify --json` show the same list. Grade and spacing changes are
named as such because they change what a reader should trust or do; other edits name the
fields that changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

Records = Mapping[str, Mapping[str, Mapping[str, Any]]]

# kind -> (label shown, field holding the title)
KINDS: dict[str, tuple[str, str]] = {
    "symptom": ("claim (symptom)", "name"),
    "form": ("claim (form)", "name"),
    "study": ("study", "short_name"),
    "source": ("source", "title"),
    "group": ("interaction", "name"),
    "medicine": ("medicine", "generic"),
    "condition": ("condition", "name"),
    "product": ("product", "name"),
    "question": ("question", "text"),
}
SPACING_FIELDS = ("before_hours", "after_hours")
FIELD_LABELS = {
    "consumer": "advice for patients",
    "clinician": "advice for clinicians",
    "advice": "advice",
    "summary": "summary",
    "sources": "sources cited",
    "studies": "studies cited",
}


@dataclass(frozen=True)
class Change:
    kind: str  # a key of KINDS, or "dosage"
    id: str
    title: str
    change: str  # "added", "removed", "changed", "grade", "spacing"
    detail: str

    def as_json(self) -> dict[str, str]:
        return {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "change": self.change,
            "detail": self.detail,
        }

    def line(self) -> str:
        label = KINDS[self.kind][0] if self.kind in KINDS else self.kind
        return f"{label} {self.title} ({self.id}): {self.detail}"


def _title(kind: str, record: Mapping[str, Any]) -> str:
    field = KINDS[kind][1]
    return str(record.get(field) or record.get("name") or record.get("id") or "")


def _record_changes(
    kind: str, ident: str, old: Mapping[str, Any], new: Mapping[str, Any]
) -> list[Change]:
    title = _title(kind, new)
    found: list[Change] = []
    fields = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
    if "grade" in fields:
        found.append(
            Change(kind, ident, title, "grade", f"grade {old.get('grade')} → {new.get('grade')}")
        )
    spacing = [f for f in fields if f in SPACING_FIELDS]
    if spacing:
        parts = [f"{f.replace('_', ' ')} {old.get(f)} → {new.get(f)}" for f in spacing]
        found.append(Change(kind, ident, title, "spacing", "; ".join(parts)))
    rest = [f for f in fields if f != "grade" and f not in SPACING_FIELDS]
    if rest:
        names = ", ".join(FIELD_LABELS.get(f, f.replace("_", " ")) for f in rest)
        found.append(Change(kind, ident, title, "changed", f"changed: {names}"))
    return found


def _dosage_rows(table: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    rows: dict[str, Mapping[str, Any]] = {}
    for key in ("stages", "limits"):
        for row in table.get(key, ()):
            label = row.get("label") or row.get("name") or f"{row.get('min_months')}"
            rows[f"{key}:{label}"] = row
    return rows


def _dosage_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    before, after = _dosage_rows(old), _dosage_rows(new)
    found = []
    for key in sorted(set(before) | set(after)):
        a, b = before.get(key), after.get(key)
        if a == b:
            continue
        what = "added" if a is None else "removed" if b is None else "changed"
        found.append(Change("dosage", key, key.split(":", 1)[1], what, f"dosage row {what}"))
    return found


def diff(old: Records, new: Records) -> list[Change]:
    """Every change from `old` to `new`, in a stable order (kind, then id)."""
    changes: list[Change] = []
    for kind in KINDS:
        before, after = old.get(kind, {}), new.get(kind, {})
        for ident in sorted(set(before) | set(after)):
            a, b = before.get(ident), after.get(ident)
            if a is None and b is not None:
                changes.append(Change(kind, ident, _title(kind, b), "added", "added"))
            elif b is None and a is not None:
                changes.append(Change(kind, ident, _title(kind, a), "removed", "removed"))
            elif a is not None and b is not None and a != b:
                changes += _record_changes(kind, ident, a, b)
    old_dosage = old.get("dosage", {}).get("dosage", {})
    new_dosage = new.get("dosage", {}).get("dosage", {})
    changes += _dosage_changes(old_dosage, new_dosage)
    return changes
