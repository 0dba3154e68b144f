"""How a saved id the reference content no longer has is shown: kept, named, never dropped.

A content pack may retire a symptom or form that an old visit or journal entry names; the
user's record stays as it was and reads "no longer in the reference" where the name would be.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mgdesk.domain.catalog import Catalog
    from mgdesk.domain.visit import VisitPlan

NO_LONGER = "no longer in the reference"


def retired_label(ident: str) -> str:
    return f"{ident} ({NO_LONGER})"


def shown_name(names: Mapping[str, str], ident: str) -> str:
    """The content's name for `ident`, or the id marked as no longer in the reference."""
    name = names.get(ident)
    return name if name else retired_label(ident)


def without_retired(plan: VisitPlan, catalog: Catalog) -> VisitPlan:
    """The visit as the handout prints it: symptoms and forms the content no longer has are
    left out of the evidence sections and named in the notes instead. The saved visit itself
    is not changed."""
    from mgdesk.domain.errors import InputError

    def known(resolve: Callable[[str], object], name: str) -> bool:
        try:
            resolve(name)
        except InputError:
            return False
        return True

    symptoms = tuple(s for s in plan.symptoms if known(catalog.resolve_symptom, s.id))
    forms = tuple(f for f in plan.forms if known(catalog.resolve_form, f))
    gone = [s.id for s in plan.symptoms if s not in symptoms]
    gone += [f for f in plan.forms if f not in forms]
    if not gone:
        return plan
    line = "Saved with this visit, " + NO_LONGER + ": " + ", ".join(gone) + "."
    notes = f"{plan.notes}\n\n{line}" if plan.notes else line
    return replace(plan, symptoms=symptoms, forms=forms, notes=notes)
