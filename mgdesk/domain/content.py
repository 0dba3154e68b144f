"""Plain records of the reference content, as the store hands them to the domain and the UI.

They mirror `db/content/*.toml` (see its README) after validation; tuples rather than lists
so that a record can be shared between tabs without anyone changing it.
"""

from __future__ import annotations

from dataclasses import dataclass

# The kinds of publisher a source may have, with how the window names them. Only primary
# publishers: a copy, a seller or an encyclopedia is not among them. "mgdesk" marks the
# project's own arithmetic or rule, so that it is never mistaken for a third party's word.
PUBLISHER_KINDS: dict[str, str] = {
    "government": "Government",
    "journal": "Journal",
    "regulator": "Medicines regulator",
    "professional body": "Professional or expert body",
    "manufacturer's label": "Manufacturer's label",
    "mgdesk": "mgdesk's own calculation or rule",
}


@dataclass(frozen=True)
class Source:
    """A fact sheet, label, calculation or review that is not a trial.

    `publisher_kind` says what kind of publisher stands behind it (government, journal,
    regulator, ...), so that a reader can weigh it; `doi` and `pmid` let a clinician find it.
    """

    id: str
    title: str
    publisher: str
    year: int
    url: str = ""
    note: str = ""
    publisher_kind: str = ""
    doi: str = ""
    pmid: str = ""

    @property
    def publisher_kind_label(self) -> str:
        return PUBLISHER_KINDS.get(self.publisher_kind, self.publisher_kind)


@dataclass(frozen=True)
class Study:
    """A study as it really was: design, size, dose and the honest grade of its evidence."""

    id: str
    citation: str
    year: int
    design: str
    size: str
    population: str
    fibromyalgia: bool
    form: str
    dose: str
    duration: str
    outcome: str
    funding: str
    grade: str
    pmid: str = ""
    doi: str = ""
    caveat: str = ""
    short: str = ""
    plain: str = ""

    @property
    def short_name(self) -> str:
        """How people name the study: "Bagis 2013" (or `short` when the author is uncertain)."""
        if self.short:
            return self.short
        first = self.citation.split(",")[0].split(".")[0].strip().split(" ")[0]
        return f"{first} {self.year}"


@dataclass(frozen=True)
class FormSuggestion:
    """Why one form is suggested for one symptom, with the sources of that reason."""

    form: str
    why: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Symptom:
    """A fibromyalgia symptom and what magnesium may do for it, in two voices."""

    id: str
    name: str
    aliases: tuple[str, ...]
    summary: str
    consumer: str
    clinician: str
    mechanism: str
    mechanism_certainty: str
    studies: tuple[str, ...]
    grade: str
    fm_evidence: bool
    sources: tuple[str, ...]
    forms: tuple[FormSuggestion, ...]
    key_points: str = ""
    key_point_sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Form:
    """A magnesium compound: how much magnesium it carries and how the gut takes it."""

    id: str
    name: str
    aliases: tuple[str, ...]
    compound: str
    elemental_percent: float
    elemental_sources: tuple[str, ...]
    absorption: str
    absorption_sources: tuple[str, ...]
    gi_tolerance: str
    gi_sources: tuple[str, ...]
    laxative: str
    tablet_elemental_mg: tuple[int, ...]
    cautions: str
    grade: str
    studies: tuple[str, ...]
    sources: tuple[str, ...]
    suggested_for: tuple[str, ...] = ()
    key_points: str = ""
    key_point_sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class InteractionGroup:
    """A class of medicines and what it means for magnesium; spacing is data, not prose."""

    id: str
    name: str
    mechanism: str
    severity: str
    likelihood: str
    effect: str
    consumer: str
    clinician: str
    sources: tuple[str, ...]
    before_hours: float | None = None
    after_hours: float | None = None
    key_points: str = ""
    key_point_sources: tuple[str, ...] = ()

    @property
    def has_spacing(self) -> bool:
        return self.before_hours is not None or self.after_hours is not None


@dataclass(frozen=True)
class Medicine:
    """One generic medicine with the names people know it by."""

    generic: str
    brands: tuple[str, ...]
    aliases: tuple[str, ...]
    group: str


@dataclass(frozen=True)
class Condition:
    """A health condition that changes what magnesium means for the person."""

    id: str
    name: str
    aliases: tuple[str, ...]
    meaning: str
    severity: str
    advice: str
    sources: tuple[str, ...]
    key_points: str = ""
    key_point_sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Product:
    """A usual product that carries magnesium, per unit as sold."""

    id: str
    name: str
    kind: str
    form: str
    unit: str
    compound_mg: float
    elemental_mg: float
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    """A question for the visit and what brings it up."""

    id: str
    text: str
    when: str


@dataclass(frozen=True)
class GradeDefinition:
    """One letter of the evidence scale with its meaning, defined once in the content."""

    letter: str
    label: str
    meaning: str


@dataclass(frozen=True)
class ContentMeta:
    """Which edition of the content this is, printed in About and on every handout."""

    content_version: str
    review_date: str
    grades: tuple[GradeDefinition, ...]


@dataclass(frozen=True)
class Topic:
    """A place in the window people look for by name (the upper limit, the converter, ...)."""

    id: str
    title: str
    tab: str
    focus: str
    text: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class LayTerm:
    """Patients' own words for content items, so search finds the items by them."""

    words: tuple[str, ...]
    symptoms: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
