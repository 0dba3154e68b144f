"""The interactions checklist: medicines by name, categories by tick, grouped by severity.

The source articles name some kinds of medicine (antidepressants, sleep medicines, ...) with no
known interaction; a person may tick the kind rather than type a name, so a group's own name is
accepted as an entry too. Anything else unknown stays unknown, with suggestions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from mgdesk.domain.content import InteractionGroup
from mgdesk.domain.interactions import (
    SEVERITY_ORDER,
    ConditionResult,
    InteractionResult,
    MedicineIndex,
)
from mgdesk.domain.names import clean_label, normalise

NONE_KNOWN = "none known"

R = TypeVar("R", InteractionResult, ConditionResult)


def category_groups(groups: Iterable[InteractionGroup]) -> list[InteractionGroup]:
    """The groups a person may tick as a kind of medicine: those with no known interaction."""
    return [g for g in groups if g.severity == NONE_KNOWN]


def group_named(groups: Iterable[InteractionGroup], name: str) -> InteractionGroup | None:
    """The group whose name or id is `name` (case, spaces and punctuation ignored)."""
    key = normalise(name)
    for group in groups:
        if key and key in (normalise(group.name), normalise(group.id)):
            return group
    return None


def result_for_group(group: InteractionGroup, shown: str) -> InteractionResult:
    """What a whole group means, worded for the name the person used for it."""
    return InteractionResult(
        input=shown,
        generic=None,
        brand_names=(),
        group=group.name,
        group_id=group.id,
        severity=group.severity,
        effect=group.effect,
        advice=group.consumer.replace("{name}", shown),
        clinician=group.clinician.replace("{name}", shown),
        mechanism=group.mechanism,
        sources=group.sources,
        before_hours=group.before_hours,
        after_hours=group.after_hours,
    )


def check_entry(
    index: MedicineIndex, groups: Sequence[InteractionGroup], name: str
) -> InteractionResult:
    """A medicine name, or the name of a kind of medicine; InputError for an empty entry."""
    result = index.check(name)
    if result.known:
        return result
    group = group_named(groups, name)
    if group is not None:
        return result_for_group(group, clean_label(name))
    return result


def matched(result: InteractionResult) -> bool:
    """True when the entry was recognised, as a medicine or as a kind of medicine."""
    return result.group_id is not None


def by_severity(results: Iterable[R]) -> list[tuple[str, list[R]]]:
    """Results in sections, most serious first; empty sections left out."""
    sections: dict[str, list[R]] = {s: [] for s in SEVERITY_ORDER}
    for result in results:
        sections.setdefault(result.severity, []).append(result)
    return [(severity, items) for severity, items in sections.items() if items]
