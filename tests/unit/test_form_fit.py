"""Which forms fit the symptoms picked: read from the symptoms' own suggestions."""

from __future__ import annotations

from mgdesk.domain.content import FormSuggestion, Symptom
from mgdesk.domain.form_fit import forms_for_symptoms


def _symptom(ident: str, *forms: str) -> Symptom:
    return Symptom(
        id=ident,
        name=ident.title(),
        aliases=(),
        summary="",
        consumer="",
        clinician="",
        mechanism="",
        mechanism_certainty="thought",
        studies=(),
        grade="D",
        fm_evidence=False,
        sources=(),
        forms=tuple(FormSuggestion(f, "why", ()) for f in forms),
    )


SYMPTOMS = [_symptom("pain", "citrate", "chloride"), _symptom("sleep", "glycinate", "citrate")]


def test_forms_fit_in_the_order_symptoms_were_chosen() -> None:
    fits = forms_for_symptoms(SYMPTOMS, ["sleep", "pain"])
    assert fits == {"glycinate": ("sleep",), "citrate": ("sleep", "pain"), "chloride": ("pain",)}


def test_nothing_chosen_fits_nothing_and_unknown_ids_are_ignored() -> None:
    assert forms_for_symptoms(SYMPTOMS, []) == {}
    assert forms_for_symptoms(SYMPTOMS, ["nope", "pain", "pain"]) == {
        "citrate": ("pain",),
        "chloride": ("pain",),
    }


def test_real_content_suggestions_are_found(content) -> None:  # type: ignore[no-untyped-def]
    fits = forms_for_symptoms(content.symptoms, [s.id for s in content.symptoms])
    for form in content.forms:
        assert set(fits.get(form.id, ())) == set(form.suggested_for)
