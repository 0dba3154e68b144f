"""The handout's own flowables: a cached paragraph, page anchors, "see page X", ruled lines.

They are small additions to platypus that the layout in `handout.py` needs and reportlab does
not have: a forward page reference drawn after layout (so the document is laid out once), and
a Paragraph that skips the markup parser for plain text and does not break its lines again
for a width it has already been wrapped to.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from mgdesk.report import styles as st

_NBSP = "&nbsp;"
_NBSP_BESIDE_SPACE = re.compile(r"\s&nbsp;|&nbsp;\s")
# The fragment reportlab's parser makes of plain text in each style, made once per style.
_PLAIN_FRAGMENTS: dict[int, tuple[ParagraphStyle, Any]] = {}


def _plain_fragment(style: ParagraphStyle) -> Any:
    held = _PLAIN_FRAGMENTS.get(id(style))
    if held is None:
        held = _PLAIN_FRAGMENTS[id(style)] = (style, Paragraph("x", style).frags[0])
    return held[1]


def forget_fragments() -> None:
    """Drop the cached fragments (their font size is the style's when they were made)."""
    _PLAIN_FRAGMENTS.clear()


def _is_plain(text: str, style: ParagraphStyle, bullet_text: Any) -> bool:
    """No markup but "&nbsp;", no bullet and no case change: text in the style as it is."""
    if bullet_text is not None or style.textTransform:
        return False
    if _NBSP_BESIDE_SPACE.search(text):
        return False  # the parser breaks a line there differently: let it do so
    return "<" not in text and "&" not in text.replace(_NBSP, "")


def _plain_fragments(text: str, style: ParagraphStyle) -> list[Any] | None:
    """One fragment in the paragraph's style, no-break spaces as characters."""
    text = text.replace(_NBSP, "\xa0")
    return [_plain_fragment(style).clone(text=text)] if text else None


class Para(Paragraph):  # type: ignore[misc]
    """A Paragraph that parses no markup when there is none and remembers its line breaks for
    the width it was last wrapped to.

    Most of the handout's paragraphs are plain text (with at most a no-break space before a
    citation marker); reportlab's markup parser costs more than breaking their lines, and what
    it makes of plain text is one fragment in the paragraph's style, so that fragment is copied.
    The parser would split "text&nbsp;[3]" into three fragments of the same style, which sends
    the paragraph down reportlab's path for mixed fonts, several times slower to break and draw;
    as one fragment with a U+00A0 it breaks into the same lines and prints the same page.
    Platypus wraps most paragraphs two or three times at the same width (KeepTogether and
    tables measure before they place); breaking the lines once halves the handout's layout time.
    """

    _wrapped_for: float | None = None

    def _setup(
        self,
        text: str,
        style: ParagraphStyle,
        bullet_text: Any,
        frags: list[Any] | None,
        cleaner: Callable[[str], str],
    ) -> None:
        if frags is None and _is_plain(text, style, bullet_text):
            text = cleaner(text)
            frags = _plain_fragments(text, style)
        super()._setup(text, style, bullet_text, frags, cleaner)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # split() drops blPara when it gives up on a page, so the cache must be there too.
        if self._wrapped_for == available_width and "blPara" in self.__dict__:
            return (self.width, self.height)
        size: tuple[float, float] = super().wrap(available_width, available_height)
        self._wrapped_for = available_width
        return size


class Anchor(Flowable):  # type: ignore[misc]
    """An invisible mark that records the page it lands on (for "see page X")."""

    _ZEROSIZE = True

    def __init__(self, key: str, pages: dict[str, int]) -> None:
        super().__init__()
        self.key = key
        self._pages = pages

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return (0, 0)

    def draw(self) -> None:
        self._pages.setdefault(self.key, self.canv.getPageNumber())


class Deferred(NamedTuple):
    """Text to draw on a held page once every anchor's page is known."""

    page: int
    x: float
    y: float
    width: float
    height: float
    line: PageReference


class PageReference(Flowable):  # type: ignore[misc]
    """A line that ends "see page X", where X is a later page: it reserves its room while the
    story is laid out and is drawn when the canvas stamps the page numbers, so the document is
    laid out once."""

    def __init__(
        self,
        text: str,
        key: str,
        style: ParagraphStyle,
        pages: dict[str, int],
        deferred: list[Deferred],
    ) -> None:
        super().__init__()
        self.text = text
        self.key = key
        self.style = style
        self._pages = pages
        self._deferred = deferred
        self.width = self.height = 0.0

    def paragraph(self, page: str) -> Para:
        return Para(f"{st.text(self.text)}, see page {page}", self.style)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        _, height = self.paragraph("000").wrap(available_width, available_height)
        self.width = float(available_width)
        self.height = float(height)
        return (self.width, self.height)

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab's name
        return float(self.style.spaceAfter)

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        self._deferred.append(
            Deferred(self.canv.getPageNumber(), x, y, self.width, self.height, self)
        )

    def draw_later(self, canvas: Canvas, where: Deferred) -> None:
        paragraph = self.paragraph(str(self._pages.get(self.key, "?")))
        _, height = paragraph.wrap(where.width, where.height + 100)
        paragraph.drawOn(canvas, where.x, where.y + where.height - height)


class WritingLines(Flowable):  # type: ignore[misc]
    """Ruled lines under a question, for the answer written at the visit."""

    def __init__(self, count: int, gap: float = st.WRITING_LINE_GAP) -> None:
        super().__init__()
        self.count = count
        self.gap = gap
        self.width = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return (available_width, self.count * self.gap + 4)

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(st.RULE)
        canvas.setLineWidth(0.5)
        for index in range(self.count):
            y = (self.count - index - 1) * self.gap + 4
            canvas.line(16, y, self.width, y)
        canvas.restoreState()


@contextlib.contextmanager
def large_print(on: bool) -> Iterator[None]:
    """Set the body styles at 14 pt or more (table cells at 12) while a handout is laid out,
    then put them back.

    The styles are module constants shared by every section; scaling them in place for one
    build keeps each section's code free of size arguments. Callers lay out one handout at a
    time (the preview's worker and export never overlap: `render_now` waits for the worker).
    """
    if not on:
        yield
        return
    saved = [(s, s.fontSize, s.leading) for s in st.text_styles()]
    for style, size, leading in saved:
        new_size = st.large_print_size(style)
        style.fontSize = new_size
        style.leading = leading * new_size / size
    forget_fragments()
    try:
        yield
    finally:
        for style, size, leading in saved:
            style.fontSize = size
            style.leading = leading
        forget_fragments()
