"""The handout's document outline (PDF bookmarks), so a reader can jump between its sections.

reportlab cannot tag a PDF (no structure tree for screen readers), but it can write an outline:
every title and section heading laid out becomes a bookmark at the page it lands on. Hooked in
through the document's `afterFlowable`, so the sections' code does not change. The handout's
canvas holds its pages until the end (for "Page N of M"), so a bookmark is made when its page
is finally written, through the same deferred list as the "see page X" lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Paragraph


class _Bookmark:
    """One outline entry, written when its held page is drawn (`draw_later`)."""

    def __init__(self, key: str, title: str, level: int, first: bool) -> None:
        self._key = key
        self._title = title
        self._level = level
        self._first = first

    def draw_later(self, canvas: Canvas, _where: Any) -> None:
        canvas.bookmarkPage(self._key)
        canvas.addOutlineEntry(self._title, self._key, level=self._level, closed=False)
        if self._first:
            canvas.showOutline()  # the viewer opens with the outline shown


def add_outline(
    doc: BaseDocTemplate,
    levels: Iterable[tuple[ParagraphStyle, int]],
    deferred: list[Any],
    make_deferred: Any,
) -> None:
    """Bookmark each paragraph in one of `levels`' styles (style, outline level) as laid out.

    `make_deferred(page, bookmark)` wraps a bookmark as an item of `deferred`, the list the
    canvas draws on each held page when it writes it.
    """
    level_of = {style.name: level for style, level in levels}
    count = 0

    def after(flowable: Flowable) -> None:
        nonlocal count
        if not isinstance(flowable, Paragraph):
            return
        level = level_of.get(flowable.style.name)
        title = " ".join(flowable.getPlainText().split())
        if level is None or not title:
            return
        count += 1
        bookmark = _Bookmark(f"section-{count}", title, level, first=count == 1)
        deferred.append(make_deferred(doc.page, bookmark))

    doc.afterFlowable = after
