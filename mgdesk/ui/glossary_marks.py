"""Glossary words in the detail panes: marked as links that explain themselves.

Each glossary word's first use in a document becomes a `term:ID` link whose `title` is the
definition, so it shows as a tooltip on hover; a link is also reachable with Tab, and the
pane (`RichPane`) shows the same definition when a link gets keyboard focus and gives it to
screen readers as the pane's accessible description. Only the first use is marked, so a page
full of "placebo" does not become a page full of links.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from mgdesk.domain.glossary import GlossaryTerm, find

_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def sentences(value: str) -> list[str]:
    """Key points are written as sentences and shown as one bullet each."""
    return [s for s in _SENTENCE.split(value.strip()) if s]


class TermMarker:
    """Marks glossary words in the texts of one document, each term once."""

    def __init__(self, terms: Sequence[GlossaryTerm]) -> None:
        self._terms = terms
        self._by_id = {t.id: t for t in terms}
        self._seen: set[str] = set()

    def mark(self, value: str) -> str:
        """`value` as escaped rich text, with each term's first use in the document linked."""
        out: list[str] = []
        position = 0
        for mark in find(value, self._terms):
            if mark.term in self._seen:
                continue
            self._seen.add(mark.term)
            term = self._by_id[mark.term]
            out.append(escape(value[position : mark.start]))
            title = escape(f"{term.term}: {term.definition}", quote=True)
            word = escape(value[mark.start : mark.end])
            out.append(f'<a href="term:{escape(term.id, quote=True)}" title="{title}">{word}</a>')
            position = mark.end
        out.append(escape(value[position:]))
        return "".join(out).replace("\n", "<br>")

    def paragraph(self, value: str, css: str = "") -> str:
        klass = f' class="{css}"' if css else ""
        return f"<p{klass}>{self.mark(value)}</p>"

    def key_points(self, value: str) -> str:
        """The key points as a shaded box of bullets, to sit above the detail."""
        items = "".join(f"<li>{self.mark(s)}</li>" for s in sentences(value))
        return (
            '<table width="100%" cellpadding="6" cellspacing="0" border="1" class="card">'
            f'<tr><td class="note"><b>Key points</b><ul style="margin-top: 2px; '
            f'margin-bottom: 0px;">{items}</ul></td></tr></table><p></p>'
        )

    def definition(self, term_id: str) -> GlossaryTerm | None:
        return self._by_id.get(term_id)
