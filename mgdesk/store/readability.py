"""Reading-grade limits for every text a patient reads, so plain language cannot quietly erode.

Readers live with fatigue and "fibro fog"; health-literacy guidance (NIH, AMA, CDC's Clear
Communication Index) asks for grade 6 to 8. The Flesch-Kincaid grade comes from `textstat`
(pinned to 0.7.3: later releases fetch a pronouncing dictionary over the network). Texts under
12 words are not graded: the formula means little on a phrase. Clinician fields stay technical
and are not graded here; nor are product names, which are label lines ("Milk of magnesia
(typical: magnesium hydroxide 400 mg per 5 mL)") whose "(" structure label matching relies on.
"""

from __future__ import annotations

import importlib.resources
import statistics
import sys
import types
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from mgdesk.store.content_problem import Problem

if TYPE_CHECKING:
    from mgdesk.store.content_load import Content


def _textstat() -> types.ModuleType:
    """textstat 0.7.3 imports setuptools' `pkg_resources`, only to read its word lists; newer
    setuptools (pip's build environment) and the bundle have none. Where it is missing, a
    stand-in reads the package's files with `importlib.resources` (all textstat asks of it)."""
    try:
        import pkg_resources  # noqa: F401
    except ImportError:
        stand_in = types.ModuleType("pkg_resources")

        def resource_stream(package: str, name: str) -> IO[bytes]:
            return importlib.resources.files(package).joinpath(name).open("rb")

        stand_in.resource_stream = resource_stream  # type: ignore[attr-defined]
        sys.modules["pkg_resources"] = stand_in
    import textstat  # noqa: F401

    return sys.modules["textstat"]


textstat = _textstat()

MIN_WORDS = 12
MEDIAN_LIMIT = 8.0
TEXT_LIMIT = 11.0
KEY_POINTS_LIMIT = 6.0


@dataclass(frozen=True)
class Text:
    """One patient-facing text and where it lives (file and key, as a build error names it)."""

    file: str
    key: str
    text: str
    key_points: bool = False


def grade(text: str) -> float:
    """Flesch-Kincaid grade of `text`; `{name}` templates read as "the medicine"."""
    return float(textstat.flesch_kincaid_grade(text.replace("{name}", "the medicine")))


def word_count(text: str) -> int:
    return len(text.replace("{name}", "the medicine").split())


def patient_texts(content: Content) -> Iterator[Text]:
    """Every text a patient reads, with the TOML key that holds it."""
    for i, s in enumerate(content.symptoms):
        where = f"symptom[{i}] {s.id}"
        yield from _fields("symptoms", where, s.summary, s.consumer, s.mechanism)
        for j, suggestion in enumerate(s.forms):
            yield Text("symptoms", f"{where}.form[{j}].why", suggestion.why)
        if s.key_points:
            yield Text("symptoms", f"{where}.key_points", s.key_points, True)
    for i, form in enumerate(content.forms):
        where = f"form[{i}] {form.id}"
        yield from _fields("forms", where, form.absorption, form.gi_tolerance, form.cautions)
        if form.key_points:
            yield Text("forms", f"{where}.key_points", form.key_points, True)
    for i, g in enumerate(content.groups):
        where = f"group[{i}] {g.id}"
        yield from _fields("interactions", where, g.mechanism, g.likelihood, g.consumer)
        if g.key_points:
            yield Text("interactions", f"{where}.key_points", g.key_points, True)
    for i, c in enumerate(content.conditions):
        where = f"condition[{i}] {c.id}"
        yield from _fields("conditions", where, c.meaning, c.advice)
        if c.key_points:
            yield Text("conditions", f"{where}.key_points", c.key_points, True)
    for i, q in enumerate(content.questions):
        yield Text("questions", f"question[{i}] {q.id}.text", q.text)
    for i, st in enumerate(content.studies):
        if st.plain:
            yield Text("studies", f"study[{i}] {st.id}.plain", st.plain)
    for i, limit in enumerate(content.dosage.limits):
        yield Text("dosage", f"upper_limit[{i}].note", limit.note)


_FIELD_NAMES = {
    "symptoms": ("summary", "consumer", "mechanism"),
    "forms": ("absorption", "gi_tolerance", "cautions"),
    "interactions": ("mechanism", "likelihood", "consumer"),
    "conditions": ("meaning", "advice"),
}


def _fields(file: str, where: str, *values: str) -> Iterator[Text]:
    for name, value in zip(_FIELD_NAMES[file], values, strict=True):
        yield Text(file, f"{where}.{name}", value)


def graded(content: Content) -> list[tuple[Text, float]]:
    """Each text long enough to grade, with its grade; key points are graded at any length."""
    return [
        (t, grade(t.text))
        for t in patient_texts(content)
        if t.key_points or word_count(t.text) >= MIN_WORDS
    ]


def check(content: Content) -> list[Problem]:
    """Every text over its limit and every file whose median is over 8, named for the build."""
    problems: list[Problem] = []
    by_file: dict[str, list[float]] = {}
    for text, value in graded(content):
        if text.key_points:
            if value > KEY_POINTS_LIMIT:
                problems.append(
                    Problem(
                        text.file,
                        text.key,
                        f"key points read at grade {value:.1f}; the limit is "
                        f"{KEY_POINTS_LIMIT:g} (shorter sentences, common words)",
                    )
                )
            continue
        by_file.setdefault(text.file, []).append(value)
        if value > TEXT_LIMIT:
            problems.append(
                Problem(
                    text.file,
                    text.key,
                    f"reads at grade {value:.1f}; no patient text may be over grade "
                    f"{TEXT_LIMIT:g} (shorter sentences, common words)",
                )
            )
    for file, values in by_file.items():
        median = statistics.median(values)
        if median > MEDIAN_LIMIT:
            problems.append(
                Problem(
                    file,
                    "",
                    f"median reading grade {median:.1f} is over {MEDIAN_LIMIT:g} "
                    f"across its {len(values)} patient texts",
                )
            )
    return problems


@dataclass(frozen=True)
class FileGrades:
    """The grade distribution of one file's patient texts, for the content report."""

    file: str
    count: int
    median: float
    share_at_most_8: float
    maximum: float
    key_points_max: float | None


def report(content: Content) -> list[FileGrades]:
    """Per file: how many texts, median grade, share at grade 8 or below, hardest text."""
    body: dict[str, list[float]] = {}
    points: dict[str, list[float]] = {}
    for text, value in graded(content):
        (points if text.key_points else body).setdefault(text.file, []).append(value)
    rows = []
    for file, values in body.items():
        kp = points.get(file)
        rows.append(
            FileGrades(
                file,
                len(values),
                statistics.median(values),
                sum(v <= MEDIAN_LIMIT for v in values) / len(values),
                max(values),
                max(kp) if kp else None,
            )
        )
    return rows
