"""The handout's last section: a short glossary of the medical words its own pages use.

Self-contained so that the rest of the handout can change shape: it reads the words from
the flowables already laid out (paragraphs, tables, kept-together blocks), finds the glossary
terms in them, and returns a heading and the definitions of just those terms in two
columns, or nothing when the pages use none.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Table
from reportlab.platypus.flowables import BalancedColumns

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
        elif isinstance(item, KeepTogether | BalancedColumns):
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
    entries = [
        Para(f"<b>{st.text(t.term)}</b>: {st.text(t.definition)}", st.GLOSSARY) for t in chosen
    ]
    # Two balanced columns of running text take about half the height of a term/definition
    # table; the heading keeps with what follows, and the columns split across pages.
    return [
        CondPageBreak(60),  # never the heading alone at the foot of a page
        Para(TITLE, st.H1),
        BalancedColumns(entries, nCols=2, spaceBefore=2, innerPadding=8),
    ]
