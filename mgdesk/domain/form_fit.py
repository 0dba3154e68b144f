"""Which magnesium forms are suggested for the symptoms a person picked.

The reasons live on the symptoms (`Symptom.forms`), so the fit is read from there: a form
fits when any chosen symptom suggests it.
"""

from __future__ import annotations

from collections.abc import Iterable

from mgdesk.domain.content import Symptom


def forms_for_symptoms(
    symptoms: Iterable[Symptom], chosen: Iterable[str]
) -> dict[str, tuple[str, ...]]:
    """Form id -> the chosen symptom ids that suggest it, in the order they were chosen."""
    by_id = {s.id: s for s in symptoms}
    fits: dict[str, list[str]] = {}
    for symptom_id in dict.fromkeys(chosen):
        symptom = by_id.get(symptom_id)
        if symptom is None:
            continue
        for suggestion in symptom.forms:
            fits.setdefault(suggestion.form, []).append(symptom_id)
    return {form: tuple(ids) for form, ids in fits.items()}
