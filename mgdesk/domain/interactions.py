"""What each medicine and condition the user has means for taking magnesium.

Matching is on generic and brand names; an unknown name comes back as unknown with close
matches, never as a guess. Advice is the content's wording with the user's own name for the
medicine put in, so the text reads "take Fosamax at least 4 hours ...".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mgdesk.domain.content import Condition, InteractionGroup, Medicine
from mgdesk.domain.errors import InputError
from mgdesk.domain.names import clean_label, normalise, suggestions
from mgdesk.domain.text import COVERAGE_NOTE

SEVERITY_ORDER = ("high", "moderate", "low", "none known", "unknown")
MAX_NAME_LENGTH = 200


@dataclass(frozen=True)
class InteractionResult:
    """One medicine the user named, matched (or not) and what it means for magnesium."""

    input: str
    generic: str | None
    brand_names: tuple[str, ...]
    group: str | None
    group_id: str | None
    severity: str
    effect: str
    advice: str
    clinician: str
    mechanism: str
    sources: tuple[str, ...]
    before_hours: float | None = None
    after_hours: float | None = None
    suggestions: tuple[str, ...] = ()

    @property
    def known(self) -> bool:
        return self.generic is not None


@dataclass(frozen=True)
class ConditionResult:
    """One condition the user ticked and what it means for magnesium."""

    input: str
    id: str
    name: str
    severity: str
    meaning: str
    advice: str
    sources: tuple[str, ...]


def severity_rank(severity: str) -> int:
    """Sort key: the most serious first; anything unexpected sorts last."""
    return SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else len(SEVERITY_ORDER)


MAX_REMEMBERED = 2048  # names typed in one session; bounded so odd input cannot grow it


class MedicineIndex:
    """Every name of every medicine, by its comparison key."""

    def __init__(self, medicines: Iterable[Medicine], groups: Iterable[InteractionGroup]) -> None:
        self._groups = {g.id: g for g in groups}
        self._checked: dict[str, InteractionResult] = {}
        self._by_key: dict[str, Medicine] = {}
        self._shown: dict[str, str] = {}
        for medicine in medicines:
            for name in (medicine.generic, *medicine.brands, *medicine.aliases):
                self._by_key[normalise(name)] = medicine
                self._shown[normalise(name)] = name

    def names(self) -> list[str]:
        """Every generic, brand and alias name, for a completer."""
        return sorted(self._shown.values(), key=str.casefold)

    def find(self, name: str) -> Medicine | None:
        return self._by_key.get(normalise(name))

    def group(self, group_id: str) -> InteractionGroup:
        return self._groups[group_id]

    def check(self, name: str) -> InteractionResult:
        """The interaction for one name as the user typed it.

        Results are remembered by name: the content never changes while the index lives, and a
        visit's medicines are checked again at each change (an unknown name's close matches,
        found with difflib, are the costly part)."""
        if isinstance(name, str) and name in self._checked:
            return self._checked[name]
        result = self._check(name)
        if len(self._checked) < MAX_REMEMBERED:
            self._checked[name] = result
        return result

    def _check(self, name: str) -> InteractionResult:
        if not isinstance(name, str) or not name.strip():
            raise InputError("a medicine name must not be empty")
        if len(name) > MAX_NAME_LENGTH:
            raise InputError(f"a medicine name must be at most {MAX_NAME_LENGTH} characters")
        shown = clean_label(name)
        medicine = self.find(name)
        if medicine is None:
            return InteractionResult(
                input=shown,
                generic=None,
                brand_names=(),
                group=None,
                group_id=None,
                severity="unknown",
                effect="unknown",
                advice=f"{shown} is not in mgdesk's list. {COVERAGE_NOTE}",
                clinician=f"{shown}: not in mgdesk's medicine list; check a drug reference.",
                mechanism="",
                sources=(),
                suggestions=tuple(suggestions(name, self._shown)),
            )
        group = self._groups[medicine.group]
        return InteractionResult(
            input=shown,
            generic=medicine.generic,
            brand_names=medicine.brands,
            group=group.name,
            group_id=group.id,
            severity=group.severity,
            effect=group.effect,
            advice=group.consumer.replace("{name}", shown),
            clinician=group.clinician.replace("{name}", medicine.generic),
            mechanism=group.mechanism,
            sources=group.sources,
            before_hours=group.before_hours,
            after_hours=group.after_hours,
        )

    def check_all(self, names: Sequence[str]) -> list[InteractionResult]:
        """One result per name, in the order given."""
        return [self.check(name) for name in names]


class ConditionIndex:
    """The conditions of the checklist, found by id, name or alias."""

    def __init__(self, conditions: Iterable[Condition]) -> None:
        self._all = list(conditions)
        self._by_key: dict[str, Condition] = {}
        for condition in self._all:
            for name in (condition.id, condition.name, *condition.aliases):
                self._by_key[normalise(name)] = condition

    def resolve(self, name: str) -> Condition:
        """The condition meant, or an InputError listing what the checklist has."""
        if not isinstance(name, str) or not name.strip():
            raise InputError("a condition name must not be empty")
        found = self._by_key.get(normalise(name[:MAX_NAME_LENGTH]))
        if found is None:
            near = suggestions(name[:MAX_NAME_LENGTH], {k: c.name for k, c in self._by_key.items()})
            hint = f" Did you mean: {', '.join(near)}?" if near else ""
            known = ", ".join(c.name for c in self._all)
            raise InputError(f"unknown condition {clean_label(name, 60)!r}.{hint} Known: {known}")
        return found

    def check(self, name: str) -> ConditionResult:
        condition = self.resolve(name)
        return ConditionResult(
            input=clean_label(name),
            id=condition.id,
            name=condition.name,
            severity=condition.severity,
            meaning=condition.meaning,
            advice=condition.advice,
            sources=condition.sources,
        )
