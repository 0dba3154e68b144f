"""The Help menu's windows: About (versions and licences), Sources, and Keyboard shortcuts."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mgdesk import __version__
from mgdesk.domain.content import ContentMeta, Source, Study
from mgdesk.domain.text import DISCLAIMER
from mgdesk.ui.models import BibliographyModel, make_proxy, reveal
from mgdesk.ui.widgets import (
    DisclaimerLabel,
    GradeBadge,
    ScrollPane,
    format_citation,
    heading,
    text_label,
)

LICENCES = (
    ("PySide6 (Qt for Python)", "LGPLv3"),
    ("SQLAlchemy", "MIT"),
    ("Alembic", "MIT"),
    ("reportlab", "BSD"),
    ("Noto Sans (handout font)", "SIL Open Font License 1.1"),
    ("Atkinson Hyperlegible (optional screen font)", "SIL Open Font License 1.1"),
    ("fontpkg (locates the screen font)", "MIT"),
    ("cryptography (checks content pack signatures)", "Apache 2.0 or BSD"),
)


def _close_buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    close = buttons.button(QDialogButtonBox.StandardButton.Close)
    if close is not None:
        close.setAccessibleName("Close")
    return buttons


class AboutDialog(QDialog):
    """Versions of mgdesk and its content, and the licence of each dependency."""

    def __init__(self, meta: ContentMeta, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About mgdesk")
        self.setAccessibleName("About mgdesk")
        pane = ScrollPane("About mgdesk")
        column = pane.column
        column.addWidget(heading(f"mgdesk {__version__}", 1))
        column.addWidget(
            text_label(
                "An offline reference on magnesium for people with fibromyalgia. It makes no "
                "network connection."
            )
        )
        self.versions = text_label(
            f"Content version {meta.content_version}, reviewed {meta.review_date}.\n"
            f"Qt for Python {pyside_version}."
        )
        self.versions.setAccessibleName("Versions")
        column.addWidget(self.versions)
        column.addWidget(heading("Licenses", 2))
        self.licences = text_label("\n".join(f"{name}: {lic}" for name, lic in LICENCES))
        self.licences.setAccessibleName("Licenses of the components")
        column.addWidget(self.licences)
        column.addWidget(heading("Evidence grades", 2))
        for grade in meta.grades:
            row = QHBoxLayout()
            row.addWidget(GradeBadge(grade, grade.letter))
            row.addWidget(text_label(grade.meaning), 1)
            column.addLayout(row)
        column.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addWidget(pane, 1)
        outer.addWidget(DisclaimerLabel())
        outer.addWidget(_close_buttons(self))
        self.resize(560, 520)


class SourcesDialog(QDialog):
    """The full bibliography: every study with its grade, then every source."""

    def __init__(
        self, studies: Sequence[Study], sources: Sequence[Source], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sources")
        self.setAccessibleName("Sources: the full bibliography")
        self.model = BibliographyModel(studies, sources)
        self.proxy = make_proxy(self.model)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by author, title, year, design…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter the bibliography")
        self.filter.textChanged.connect(lambda t: self.proxy.setFilterFixedString(t.strip()))
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Bibliography")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(BibliographyModel.REFERENCE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(BibliographyModel.DETAIL, QHeaderView.ResizeMode.Interactive)
        self.detail = text_label("")
        self.detail.setAccessibleName("The selected reference in full")
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        detail_pane = ScrollPane("Selected reference")
        detail_pane.column.addWidget(self.detail)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail_pane)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        row = QHBoxLayout()
        label = QLabel("&Filter:")
        label.setBuddy(self.filter)
        row.addWidget(label)
        row.addWidget(self.filter, 1)
        outer = QVBoxLayout(self)
        outer.addWidget(
            text_label(
                f"{len(studies)} studies, each with its evidence grade (A strong to D very "
                f"weak), and {len(sources)} other sources.",
                role="muted",
            )
        )
        outer.addLayout(row)
        outer.addWidget(splitter, 1)
        outer.addWidget(DisclaimerLabel())
        outer.addWidget(_close_buttons(self))
        self.resize(900, 600)

    def select(self, ident: str) -> bool:
        row = self.model.row_of(ident)
        if row < 0:
            return False
        index = reveal(self.proxy, row, self.filter.clear)
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.detail.setText("")
            return
        item = self.model.item_at(self.proxy.mapToSource(current).row())
        if isinstance(item, Study):
            fm = "in people with fibromyalgia" if item.fibromyalgia else "not in fibromyalgia"
            text = (
                f"{format_citation(item)}\n\nGrade {item.grade}. {item.design} {item.size}; "
                f"{fm}.\nResult: {item.outcome}"
            )
            if item.caveat:
                text += f"\nCaveat: {item.caveat}"
        else:
            text = f"{format_citation(item)}\nPublisher: {item.publisher_kind_label}." + (
                f"\n{item.note}" if item.note else ""
            )
        self.detail.setText(text)


class ShortcutsDialog(QDialog):
    """Every keyboard shortcut, read from the actions themselves so the list cannot drift."""

    FIXED = (
        ("Tab / Shift+Tab", "Move between controls"),
        ("Ctrl+Tab / Ctrl+Shift+Tab", "Next / previous tab"),
        ("Down (in search)", "Move into the search results"),
        ("Enter (in search)", "Open the selected result"),
        ("Escape (in search)", "Clear the search"),
        ("Alt+underlined letter", "Press that button or go to that field"),
    )

    def __init__(self, actions: Sequence[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        rows: list[tuple[str, str]] = []
        for action in actions:
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
            if keys:
                rows.append((" or ".join(keys), action.text().replace("&", "")))
        rows.extend(self.FIXED)
        pane = ScrollPane("Keyboard shortcuts")
        for keys_text, what in rows:
            line = QHBoxLayout()
            key_label = text_label(keys_text, role="h3")
            line.addWidget(key_label, 1)
            line.addWidget(text_label(what), 2)
            pane.column.addLayout(line)
        pane.column.addStretch(1)
        self.rows = rows
        outer = QVBoxLayout(self)
        outer.addWidget(pane, 1)
        outer.addWidget(_close_buttons(self))
        self.resize(520, 480)


FIRST_RUN_TEXT = (
    "mgdesk collects what published studies and official fact sheets say about magnesium and "
    "fibromyalgia, with how strong the evidence is.\n\n"
    f"{DISCLAIMER}\n\n"
    "Everything stays on this computer; mgdesk makes no network connection."
)
