"""Detail panes as rich text: one `QTextBrowser` instead of hundreds of labels.

A symptom's page holds a dozen study cards; as widgets that is several hundred word-wrapped
labels to lay out before the first paint, as rich text it is one document. The text reflows
at any size, is selectable and read by screen readers, and its links are reachable with Tab
and followed with Enter. Links use private schemes (`form:ID`, `symptom:ID`, ...) handled by
the tab; nothing is ever fetched.

Every badge carries its letter or word; the colours come from the theme's table and are
refreshed when the palette or font changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from html import escape

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QToolTip, QWidget

from mgdesk.domain.content import GradeDefinition, Source, Study
from mgdesk.domain.glossary import GlossaryTerm
from mgdesk.ui.glossary_marks import TermMarker
from mgdesk.ui.theme import current_colours
from mgdesk.ui.widgets import CERTAINTY_WORDS, SEVERITY_TITLES, format_citation

__all__ = ["CERTAINTY_WORDS", "RichPane", "Html"]


def _css() -> str:
    c = current_colours()
    badge = f"color: {c.badge_fg}; font-weight: bold;"
    return f"""
    h1 {{ margin-top: 0; }}
    h2 {{ margin-top: 14px; margin-bottom: 4px; }}
    h3 {{ margin-top: 8px; margin-bottom: 2px; }}
    p {{ margin-top: 2px; margin-bottom: 6px; }}
    .muted {{ color: {c.muted}; }}
    .warn {{ background-color: {c.warn_bg}; color: {c.warn_fg}; }}
    .note {{ background-color: {c.note_bg}; color: {c.note_fg}; }}
    .badge {{ {badge} }}
    .grade-A {{ background-color: {c.grade_a}; {badge} }}
    .grade-B {{ background-color: {c.grade_b}; {badge} }}
    .grade-C {{ background-color: {c.grade_c}; {badge} }}
    .grade-D {{ background-color: {c.grade_d}; {badge} }}
    .sev-high {{ background-color: {c.sev_high}; {badge} }}
    .sev-moderate {{ background-color: {c.sev_moderate}; {badge} }}
    .sev-low {{ background-color: {c.sev_low}; {badge} }}
    .sev-none-known {{ background-color: {c.sev_none}; {badge} }}
    .sev-unknown {{ background-color: {c.sev_unknown}; {badge} }}
    table.card {{ border-color: {c.card_border}; border-style: solid;
                  background-color: {c.card_bg}; }}
    th {{ text-align: left; font-weight: bold; }}
    a {{ color: {c.link}; }}
    """


def text(value: str) -> str:
    """Plain text made safe for rich text, line breaks kept."""
    return escape(value).replace("\n", "<br>")


class Html:
    """A tiny builder for the detail documents (escaping every piece of content)."""

    def __init__(self) -> None:
        self._parts: list[str] = []

    def raw(self, markup: str) -> Html:
        self._parts.append(markup)
        return self

    def h(self, level: int, content: str, badge: str = "") -> Html:
        return self.raw(f"<h{level}>{text(content)}{' ' + badge if badge else ''}</h{level}>")

    def p(self, content: str, css: str = "") -> Html:
        klass = f' class="{css}"' if css else ""
        return self.raw(f"<p{klass}>{text(content)}</p>")

    def box(self, content: str, css: str) -> Html:
        """A full-width shaded paragraph (warnings, notes): words first, colour second."""
        return self.raw(
            f'<table width="100%" cellpadding="6" cellspacing="0" border="1" class="card">'
            f'<tr><td class="{css}">{text(content)}</td></tr></table>'
        )

    def link(self, href: str, label: str) -> str:
        return f'<a href="{escape(href, quote=True)}">{text(label)}</a>'

    def html(self) -> str:
        return "".join(self._parts)


def grade_badge(letter: str, grade: GradeDefinition | None, prefix: str = "Grade") -> str:
    label = f" · {grade.label}" if grade else ""
    words = f"{prefix} {letter}{label}"
    return f'<span class="grade-{escape(letter)}">&nbsp;{text(words)}&nbsp;</span>'


def severity_badge(severity: str) -> str:
    word = SEVERITY_TITLES.get(severity, severity).split(":")[0]
    css = "sev-" + severity.replace(" ", "-")
    return f'<span class="{escape(css)}">&nbsp;{text(word)}&nbsp;</span>'


def study_card(
    html: Html,
    study: Study,
    grade: GradeDefinition | None,
    form_name: str | None,
    marker: TermMarker | None = None,
) -> None:
    """One study as a bordered card: its plain summary, then design, size, dose, result."""
    rows: Sequence[tuple[str, str]] = [
        ("Design", study.design),
        ("Size", study.size),
        ("Dose", study.dose),
        ("Form", form_name or "Not a magnesium form"),
        ("Duration", study.duration),
        ("Result", study.outcome),
    ]
    cells = "".join(
        f'<tr><th width="18%">{text(name)}</th><td>{text(value)}</td></tr>'
        for name, value in rows
        if value
    )
    caveat = (
        f'<tr><th class="warn">Caveat</th><td class="warn">{text(study.caveat)}</td></tr>'
        if study.caveat
        else ""
    )
    funding = f"<tr><th>Funding</th><td>{text(study.funding)}</td></tr>" if study.funding else ""
    summary = marker.mark(study.plain) if marker else text(study.plain)
    plain = f"<tr><th>In short</th><td>{summary}</td></tr>" if study.plain else ""
    html.raw(
        '<table width="100%" cellpadding="4" cellspacing="0" border="1" class="card">'
        f'<tr><td colspan="2"><b>{text(study.short_name)}</b> &nbsp; '
        f"{grade_badge(study.grade, grade)}<br>"
        f'<span class="muted">{text(population_line(study))}</span></td></tr>'
        f"{plain}{cells}{caveat}{funding}"
        f'<tr><td colspan="2" class="muted">{text(format_citation(study))}</td></tr>'
        "</table><p></p>"
    )


def population_line(study: Study) -> str:
    """Who was studied, saying once whether they had fibromyalgia: a population that already
    names it ("People with fibromyalgia.") is not told so a second time."""
    population = study.population.strip()
    if study.fibromyalgia and "fibromyalgia" in population.lower():
        return population
    where = (
        "In people with fibromyalgia." if study.fibromyalgia else "Not in people with fibromyalgia."
    )
    return f"{where} {population}".strip()


def sources_block(html: Html, citations: Iterable[Source | Study], title: str = "Sources") -> None:
    found = list(citations)
    html.h(2, title)
    if not found:
        html.p("No sources are listed.", "muted")
        return
    items = "".join(f"<li>{text(format_citation(c))}</li>" for c in found)
    html.raw(f'<ol class="muted">{items}</ol>')


class RichPane(QTextBrowser):
    """A read-only rich-text pane whose `link(scheme, value)` fires on a followed link.

    Glossary links (`term:ID`, see `glossary_marks`) are not followed: hovering shows their
    definition as a tooltip, and when Tab brings one into focus (or Enter is pressed on it) the
    pane shows the same tooltip and makes the definition its accessible description, so a
    screen reader reads it too. `term_shown(id)` says which definition is showing.
    """

    link = Signal(str, str)
    term_shown = Signal(str)

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.anchorClicked.connect(self._on_anchor)
        self.highlighted.connect(self._on_highlighted)
        self._glossary: dict[str, GlossaryTerm] = {}
        self._description = ""
        self._render: Callable[[], str] | None = None
        self._css = _css()
        self.document().setDefaultStyleSheet(self._css)

    def set_glossary(self, terms: Sequence[GlossaryTerm]) -> None:
        """The terms whose definitions `term:ID` links show."""
        self._glossary = {t.id: t for t in terms}

    def show_document(self, render: Callable[[], str]) -> None:
        """Render now, and again whenever the theme or text size changes."""
        self._render = render
        self._refresh(keep_scroll=False)

    def _refresh(self, keep_scroll: bool) -> None:
        if self._render is None:
            return
        position = self.verticalScrollBar().value()
        self._css = _css()
        self.document().setDefaultStyleSheet(self._css)
        self.setHtml(self._render())
        self.verticalScrollBar().setValue(position if keep_scroll else 0)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Re-render only when the theme's colours really changed (a style change also
        # arrives when the pane is first placed in the window).
        kinds = (QEvent.Type.PaletteChange, QEvent.Type.StyleChange)
        if event.type() in kinds and _css() != self._css:
            self._refresh(keep_scroll=True)

    def _on_anchor(self, url: QUrl) -> None:
        scheme, _, value = url.toString().partition(":")
        if scheme == "term":
            self._show_term(value)
            return
        self.link.emit(scheme, QUrl.fromPercentEncoding(value.encode()))

    def _on_highlighted(self, url: QUrl) -> None:
        """Hover: the tooltip comes from the link's title; tell screen readers too."""
        scheme, _, value = url.toString().partition(":")
        if scheme == "term":
            self._show_term(value, tooltip=False)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab moves between links without any signal; look at where it landed."""
        moved = super().focusNextPrevChild(next)
        self._on_cursor()
        return moved

    def _on_cursor(self) -> None:
        """The text cursor sits on a focused link: a glossary link shows its definition."""
        cursor = self.textCursor()
        href = cursor.charFormat().anchorHref() if cursor.hasSelection() else ""
        scheme, _, value = href.partition(":")
        if scheme == "term":
            self._show_term(value)
        elif self.accessibleDescription() != self._description:
            self.setAccessibleDescription(self._description)

    def _show_term(self, term_id: str, tooltip: bool = True) -> None:
        term = self._glossary.get(term_id)
        if term is None:
            return
        words = f"{term.term}: {term.definition}"
        self.setAccessibleDescription(words)
        if tooltip:
            corner = self.cursorRect(self.textCursor()).bottomLeft()
            QToolTip.showText(self.viewport().mapToGlobal(corner), words, self)
        self.term_shown.emit(term.id)

    def definition_shown(self) -> str:
        """The definition the pane is showing (its accessible description), or ""."""
        return self.accessibleDescription()
