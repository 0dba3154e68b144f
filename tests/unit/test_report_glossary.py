"""The handout closes with a glossary of only the medical words its own pages use (the
reference list follows it)."""

from __future__ import annotations

import io
import re
from typing import Any

import pypdf
import pytest
from reportlab.platypus import KeepTogether, Table
from reportlab.platypus.flowables import BalancedColumns

from mgdesk.domain.catalog import resolve_visit
from mgdesk.domain.glossary import GlossaryTerm, find
from mgdesk.domain.visit import VisitPlan
from mgdesk.report import styles as st
from mgdesk.report.flowables import Para
from mgdesk.report.glossary_section import TITLE, flowable_texts, glossary_section
from mgdesk.report.handout import write_handout

TERMS = [
    GlossaryTerm("placebo", "placebo", ("placebo",), "A dummy pill.", ("x",)),
    GlossaryTerm("atp", "ATP", ("ATP",), "Muscle energy.", ("x",)),
    GlossaryTerm("dialysis", "dialysis", ("dialysis",), "Blood cleaned by a machine.", ("x",)),
]


@pytest.fixture(autouse=True)
def fonts() -> None:
    st.register_fonts()


def _terms_in(section: list[Any]) -> list[str]:
    """The terms defined, in order: each entry reads "term: definition", in two columns."""
    (columns,) = [f for f in section if isinstance(f, BalancedColumns)]
    assert any(isinstance(f, Para) and f.getPlainText() == TITLE for f in section)
    return [entry.getPlainText().split(":", 1)[0] for entry in columns._content]


def test_texts_are_read_inside_tables_and_blocks() -> None:
    story = [
        Para("No better than placebo.", st.BODY),
        KeepTogether([Table([[Para("Less ATP", st.CELL), "plain cell"]])]),
    ]
    assert list(flowable_texts(story)) == ["No better than placebo.", "Less ATP", "plain cell"]


def test_only_the_words_used_are_listed_in_glossary_order() -> None:
    story = [Table([[Para("Lower ATP in muscle", st.CELL)]]), Para("placebo group", st.BODY)]
    assert _terms_in(glossary_section(story, TERMS, 400)) == ["placebo", "ATP"]


def test_no_words_no_section() -> None:
    assert glossary_section([Para("Nothing medical here.", st.BODY)], TERMS, 400) == []


def _pdf_pages(content, document: dict[str, Any]) -> list[str]:  # type: ignore[no-untyped-def]
    plan = resolve_visit(VisitPlan.from_dict(document), content)
    stream = io.BytesIO()
    write_handout(plan, content, stream)
    reader = pypdf.PdfReader(io.BytesIO(stream.getvalue()))
    return [" ".join(p.extract_text().split()) for p in reader.pages]


def test_the_handout_glossary_lists_exactly_the_words_its_pages_use(content) -> None:  # type: ignore[no-untyped-def]
    pages = _pdf_pages(
        content,
        {"version": 1, "age": 50, "sex": "female", "symptoms": ["pain"], "medicines": ["Fosamax"]},
    )
    text = " ".join(pages)
    assert TITLE in text
    body, rest = text.split(TITLE, 1)
    glossary = re.split(r"References", rest)[0]  # the reference list follows the glossary
    listed = {t.id for t in content.glossary if f" {t.term}:" in f" {glossary}"}
    assert {"placebo", "bisphosphonate"} <= listed
    used = {m.term for m in find(body, content.glossary)}
    assert listed <= used | {t.id for t in content.glossary if t.term in body}
    assert "dialysis" not in listed  # no kidney disease on these pages


def test_a_kidney_condition_brings_its_words(content) -> None:  # type: ignore[no-untyped-def]
    pages = _pdf_pages(
        content, {"version": 1, "age": 50, "sex": "female", "conditions": ["kidney-disease"]}
    )
    glossary = " ".join(pages).split(TITLE, 1)[1]
    assert "dialysis" in glossary and "cardiac arrest" in glossary
