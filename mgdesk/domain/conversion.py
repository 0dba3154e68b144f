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
    """Tablets of one size for a target, what they add up to, and whether the count was rounded
    down to stay within the upper limit (then it falls short of the target)."""

    tablet_mg: int
    tablets: int
    total_mg: int
    rounded_down: bool = False

    def describe(self, target_mg: float, limit_mg: int | None) -> str:
        """The count in words; when rounded down, by how much it falls short and whose call
        the difference is."""
        size = self.tablet_mg
        if self.tablets == 0:
            return (
                f"No whole {size} mg tablet fits: one tablet is above the upper limit of "
                f"{limit_mg} mg a day. A smaller tablet may fit; ask your doctor or pharmacist."
            )
        count = f"{self.tablets} tablet{'s' if self.tablets != 1 else ''} of {size} mg"
        if not self.rounded_down:
            return f"{count} = {self.total_mg} mg a day (whole tablets, rounded up)."
        more = self.tablets + 1
        short = _mg(target_mg - self.total_mg)
        return (
            f"{count} = {self.total_mg} mg a day, rounded down: {more} would be "
            f"{more * size} mg, above the upper limit of {limit_mg} mg a day. That is {short} "
            f"under the {_mg(target_mg)} target; whether to make up the difference is for your "
            "doctor to decide."
        )


def _mg(value: float) -> str:
    return f"{value:,.0f} mg" if float(value).is_integer() else f"{value:,.1f} mg"


def tablets_for(
    target_elemental_mg: float, tablet_elemental_mg: int, upper_limit_mg: int | None = None
) -> TabletCount:
    """The fewest whole tablets that reach the target (half tablets are not assumed).

    When that count would pass the upper limit although the target itself does not, one
    tablet fewer is given instead (possibly none), marked `rounded_down`: rounding must never
    turn an amount within the limit into one above it. A target above the limit (one the user
    chose) is rounded up as asked; the comparison with the limit says the rest.
    """
    if tablet_elemental_mg <= 0:
        raise InputError("tablet size must be more than 0 mg")
    count = max(1, math.ceil(target_elemental_mg / tablet_elemental_mg - 1e-9))
    total = count * tablet_elemental_mg
    if upper_limit_mg is not None and target_elemental_mg <= upper_limit_mg < total:
        count -= 1
        return TabletCount(tablet_elemental_mg, count, count * tablet_elemental_mg, True)
    return TabletCount(tablet_elemental_mg, count, total)
