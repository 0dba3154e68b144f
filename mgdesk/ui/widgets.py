"""Small widgets every tab uses: headings, the disclaimer, grade badges, study cards, links.

A widget's role (heading, muted, error, badge, link, ...) gives it its look through the theme
(`theme.style_widget`); a badge's colour always comes with its letter and words: nothing is
said by colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mgdesk.domain.content import GradeDefinition, Source, Study
from mgdesk.domain.text import DISCLAIMER
from mgdesk.ui.theme import ROLE_PROPERTY, style_widget

CERTAINTY_WORDS = {
    "shown": "shown in studies",
    "thought": "thought likely, not proven",
    "hypothesis": "a hypothesis, not tested",
}
SEVERITY_TITLES = {
    "high": "High: ask first",
    "moderate": "Moderate: take care",
    "low": "Low",
    "none known": "None known",
    "unknown": "Unknown: not in mgdesk's list",
}


def set_role(widget: QWidget, role: str) -> None:
    """Give a widget a role (its look follows the theme) and style it now."""
    if widget.property(ROLE_PROPERTY) == role:
        return
    widget.setProperty(ROLE_PROPERTY, role)
    style_widget(widget)


class WrapLabel(QLabel):
    """A word-wrapping label whose size hint is its height at its real width.

    QLabel guesses a wrapped label's size hint from a made-up width, which in a scrolling
    column gives prose boxes blank bands above and below the text.

    Its accessible name is a caption that keeps the text with it ("Upper limit for
    supplemental magnesium: 350 mg a day"): a screen reader speaks a label's name instead of
    its text, so a bare caption would hide the very result the label shows.
    """

    _caption = ""

    def setAccessibleName(self, name: str) -> None:
        self._caption = name
        self._speak_text()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._speak_text()

    def _speak_text(self) -> None:
        if not self._caption:
            return
        text = " ".join(self.text().split())
        spoken = f"{self._caption}: {text}" if text and text != self._caption else self._caption
        super().setAccessibleName(spoken)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.wordWrap() and self.width() > 0:
            height = self.heightForWidth(self.width())
            if height > 0:
                return QSize(hint.width(), height)
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()


def text_label(text: str = "", role: str | None = None, selectable: bool = True) -> QLabel:
    """A wrapping label for prose; selectable with the mouse (not a tab stop)."""
    label = WrapLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if role:
        set_role(label, role)
    return label


def heading(text: str, level: int = 1) -> QLabel:
    label = text_label(text, role=f"h{level}", selectable=False)
    label.setAccessibleName(text)
    return label


def clear_layout(layout: QLayout) -> None:
    """Remove and delete everything in a layout (detail panes are rebuilt on selection)."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        child = item.layout()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif child is not None:
            clear_layout(child)
            child.deleteLater()


class DisclaimerLabel(QLabel):
    """The one disclaimer line, shown on every tab."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(DISCLAIMER, parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self, "disclaimer")
        # A screen reader speaks a label's name, not its text: the name is the disclaimer
        # itself, so that it is heard, not just the word "Disclaimer".
        self.setAccessibleName(DISCLAIMER)
        self.setAccessibleDescription("Disclaimer")
        self.setObjectName("disclaimer")


class GradeBadge(QLabel):
    """An evidence grade as a letter with its word ("Grade C · Weak"), coloured as well."""

    def __init__(self, grade: GradeDefinition | None, letter: str, prefix: str = "Grade") -> None:
        label = grade.label if grade else ""
        text = f"{prefix} {letter}" + (f" · {label}" if label else "")
        super().__init__(text)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setProperty("grade", letter)
        set_role(self, "badge")
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        meaning = grade.meaning if grade else ""
        self.setToolTip(meaning)
        self.setAccessibleName(f"Evidence grade {letter}" + (f", {label}" if label else ""))
        self.setAccessibleDescription(meaning)


class SeverityBadge(QLabel):
    """A severity as words, coloured as well."""

    def __init__(self, severity: str) -> None:
        super().__init__(SEVERITY_TITLES.get(severity, severity).split(":")[0])
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setProperty("severity", severity)
        set_role(self, "badge")
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(f"Severity: {severity}")


class LinkButton(QPushButton):
    """A button that reads like a link: keyboard-reachable, unlike a link inside a label."""

    def __init__(self, text: str, accessible_name: str | None = None) -> None:
        super().__init__(text)
        set_role(self, "link")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(accessible_name or text)


class FittedTable(QTableView):
    """A table sized to its contents once (and again when the text size changes).

    Qt's ResizeToContents header modes re-measure every cell on every layout pass; this
    measures when asked. With `fit_height`, the view is exactly as tall as its rows, for small
    reference tables shown in full inside a scrolling column.
    """

    def __init__(
        self,
        accessible_name: str,
        fit_height: bool = False,
        max_chars: dict[int, int] | None = None,
    ) -> None:
        super().__init__()
        self.setAccessibleName(accessible_name)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        self._fit_height = fit_height
        self._fit_pending = False
        # Long text columns are capped (in average characters); the tooltip has the rest.
        self._max_chars = max_chars or {}
        if fit_height:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def fit(self) -> None:
        """Measure now if the table is on screen, else when it is first shown.

        Measuring every cell is the costliest part of building a tab, and the tabs built in the
        background after the first paint are not on screen: their tables wait until shown (the
        measuring still comes before that paint, so nothing jumps).
        """
        if self.model() is None:
            return
        if not self.isVisible():
            self._fit_pending = True
            return
        self._fit_pending = False
        self.resizeColumnsToContents()
        char = self.fontMetrics().averageCharWidth()
        for column, chars in self._max_chars.items():
            if self.columnWidth(column) > chars * char:
                self.setColumnWidth(column, chars * char)
        self.resizeRowsToContents()
        self._fit_to_rows()

    def _fit_to_rows(self) -> None:
        if not self._fit_height or self.model() is None:
            return
        rows = sum(self.rowHeight(r) for r in range(self.model().rowCount()))
        height = rows + self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth()
        if self.horizontalHeader().length() > self.viewport().width():
            height += self.horizontalScrollBar().sizeHint().height()
        if height != self.height():
            self.setFixedHeight(height)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            # After the header and the cells have taken the new font too.
            QTimer.singleShot(0, self, self.fit)

    def showEvent(self, event: QShowEvent) -> None:
        if self._fit_pending:
            self.fit()
            header = self.horizontalHeader()
            if header.stretchLastSection():
                # Measuring gave the last column its content width; let it fill again.
                header.setStretchLastSection(False)
                header.setStretchLastSection(True)
                self._fit_to_rows()
        super().showEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_to_rows()


class ScrollPane(QScrollArea):
    """A vertically scrolling column; text reflows when it grows, nothing is clipped: where
    the column cannot be made narrow enough (large text in a small window) it scrolls across
    too, rather than cutting its right edge off."""

    def __init__(self, accessible_name: str) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setAccessibleName(accessible_name)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        inner = QWidget()
        self.column = QVBoxLayout(inner)
        self.column.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.setWidget(inner)

    def clear(self) -> None:
        clear_layout(self.column)
        self.verticalScrollBar().setValue(0)


def format_citation(item: Source | Study) -> str:
    """One line of the bibliography, as plain text (links are text: mgdesk is offline).

    The PMID and DOI come first after the citation: they are how a clinician finds the
    paper or report, whatever becomes of a web address."""
    ids = " ".join(
        part
        for part in (
            f"PMID {item.pmid}" if item.pmid else "",
            f"doi:{item.doi}" if item.doi else "",
        )
        if part
    )
    if isinstance(item, Study):
        return f"{item.citation} {ids}".strip()
    where = " ".join(part for part in (ids, item.url) if part)
    return f"{item.title}. {item.publisher}, {item.year}." + (f" {where}" if where else "")
