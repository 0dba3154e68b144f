"""Elemental versus compound milligrams, and how many tablets reach a target.

A label's "magnesium 200 mg" is elemental; "magnesium citrate 1,000 mg" is the whole salt.
The elemental fraction of the salt (content data) converts one into the other.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from mgdesk.domain.errors import InputError

MAX_MG = 100_000.0


def check_mg(value: object, field: str = "mg") -> float:
    """A positive, finite amount in mg, no larger than anyone would take in a day."""
    if isinstance(value, bool):
        raise InputError(f"{field} must be a number of milligrams")
    if isinstance(value, str):
        typed = value
        try:
            value = float(typed.strip().replace(",", ""))
        except ValueError:
            raise InputError(
                f"{field} must be a number of milligrams, not {typed[:40]!r}"
            ) from None
    if not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError(f"{field} must be a number of milligrams")
    amount = float(value)
    if amount <= 0 or amount > MAX_MG:
        raise InputError(f"{field} must be more than 0 and at most {MAX_MG:,.0f} mg")
    return amount


def compound_from_elemental(elemental_mg: float, elemental_percent: float) -> float:
    """The weight of salt that carries `elemental_mg` of magnesium."""
    if not 0 < elemental_percent <= 100:
        raise InputError("the elemental percentage must be between 0 and 100")
    return elemental_mg * 100.0 / elemental_percent


def elemental_from_compound(compound_mg: float, elemental_percent: float) -> float:
    """The magnesium carried by `compound_mg` of salt."""
    if not 0 < elemental_percent <= 100:
        raise InputError("the elemental percentage must be between 0 and 100")
    return compound_mg * elemental_percent / 100.0


@dataclass(frozen=True)
class TabletCount:
    """Tablets of one size that reach a target, and what they add up to."""

    tablet_mg: int
    tablets: int
    total_mg: int


def tablets_for(target_elemental_mg: float, tablet_elemental_mg: int) -> TabletCount:
    """The fewest whole tablets that reach the target (rounded up: half tablets are not assumed)."""
    if tablet_elemental_mg <= 0:
        raise InputError("tablet size must be more than 0 mg")
    count = max(1, math.ceil(target_elemental_mg / tablet_elemental_mg - 1e-9))
    return TabletCount(tablet_elemental_mg, count, count * tablet_elemental_mg)
