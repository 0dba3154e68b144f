"""The handout's last section: a short glossary of the medical words its own pages use.

Self-contained so that the rest of the handout can change shape: it reads the words from
the flowables already laid out (paragraphs, tables, kept-together blocks), finds the glossary
terms in them, and returns a heading and a two-column table of just those terms, or nothing
when the pages use none.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from mgdesk.domain.glossary import GlossaryTerm, used_terms
from mgdesk.report import styles as st
from mgdesk.report.flowables import Para

TITLE = "Words used in this handout"


def flowable_texts(flowables: Iterable[Any]) -> Iterator[str]:
    """The plain text of every paragraph in `flowables`, looking inside tables and blocks."""
    for item in flowables:
        if isinstance(item, Paragraph):
            yield item.getPlainText()
        elif isinstance(item, str):
            yield item
        elif isinstance(item, Table):
            for row in item._cellvalues:
                yield from flowable_texts(row)
        elif isinstance(item, KeepTogether):
            yield from flowable_texts(item._content)
        elif isinstance(item, list | tuple):
            yield from flowable_texts(item)


def glossary_section(
    story: Sequence[Flowable], terms: Sequence[GlossaryTerm], width: float
) -> list[Flowable]:
    """A heading and the definitions of the terms `story` uses, in glossary order."""
    wanted = set(used_terms(flowable_texts(story), terms))
    chosen = [t for t in terms if t.id in wanted]
    if not chosen:
        return []
    rows = [
        [Para(st.text(t.term), st.CELL_BOLD), Para(st.text(t.definition), st.CELL)] for t in chosen
    ]
    table = Table(rows, colWidths=(width * 0.24, width * 0.76))
    table.setStyle(st.table_style(header=False))
    intro = Para(st.text("Plain meanings of the medical words on these pages."), st.NOTE)
    # KeepTogether keeps the heading with the table, and splits it when it outgrows a page.
    return [KeepTogether([Para(TITLE, st.H1), intro, table])]
