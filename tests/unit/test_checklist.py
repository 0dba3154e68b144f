"""The interactions checklist: names, ticked kinds of medicine, unknowns and severity order."""

from __future__ import annotations

import pytest

from mgdesk.domain.checklist import (
    by_severity,
    category_groups,
    check_entry,
    group_named,
    matched,
)
from mgdesk.domain.errors import InputError
from mgdesk.domain.interactions import SEVERITY_ORDER


def test_categories_are_the_groups_with_no_known_interaction(content) -> None:  # type: ignore[no-untyped-def]
    groups = category_groups(content.groups)
    assert groups
    assert all(g.severity == "none known" for g in groups)
    names = {g.name for g in groups}
    assert "antidepressants" in names


def test_a_ticked_category_is_matched_as_its_group(content) -> None:  # type: ignore[no-untyped-def]
    group = category_groups(content.groups)[0]
    result = check_entry(content.medicine_index, content.groups, group.name.upper())
    assert matched(result)
    assert result.group_id == group.id
    assert result.severity == "none known"
    assert "{name}" not in result.advice


def test_a_medicine_name_still_wins(content) -> None:  # type: ignore[no-untyped-def]
    name = content.medicine_index.names()[0]
    result = check_entry(content.medicine_index, content.groups, name)
    assert result.known and matched(result)


def test_unknown_stays_unknown_and_empty_is_refused(content) -> None:  # type: ignore[no-untyped-def]
    result = check_entry(content.medicine_index, content.groups, "zzzqqq")
    assert not matched(result)
    assert result.severity == "unknown"
    with pytest.raises(InputError):
        check_entry(content.medicine_index, content.groups, "   ")
    assert group_named(content.groups, "") is None


def test_sections_follow_the_severity_order(content) -> None:  # type: ignore[no-untyped-def]
    names = [*content.medicine_index.names()[:30], "zzzqqq"]
    results = [check_entry(content.medicine_index, content.groups, n) for n in names]
    sections = by_severity(results)
    order = [SEVERITY_ORDER.index(s) for s, _ in sections]
    assert order == sorted(order)
    assert sum(len(items) for _, items in sections) == len(results)
    assert sections[-1][0] == "unknown"
