"""Search everything as you type: the toolbar field, and results grouped by kind.

Each keystroke runs the content DB's search (FTS5, under a millisecond typically) and the
results appear under the toolbar in a two-level tree: kinds ("Forms (2)") and their hits, in
rank order (the kind of the best hit first), the matched words of each snippet in bold. Enter
opens the selected (or first) hit in its tab (a topic on the thing it names); Down moves into
the results; Escape clears the field.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from mgdesk.store.content_db import ContentDB
from mgdesk.store.search import SearchHit, SearchResult
from mgdesk.ui.search_field import SearchField
from mgdesk.ui.widgets import LinkButton, text_label

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, as a shared default argument

KIND_TITLES = {
    "symptom": "Symptoms",
    "form": "Forms",
    "medicine": "Medicines",
    "condition": "Conditions",
    "interaction": "Medicine groups",
    "study": "Studies",
    "topic": "In the window",
}
KIND_ROLE = Qt.ItemDataRole.UserRole + 10
HIT_ID_ROLE = Qt.ItemDataRole.UserRole + 11
MARKED_ROLE = Qt.ItemDataRole.UserRole + 12  # the snippet as HTML, matched words in bold
_GROUP = 0  # internal id of a kind row; a hit's internal id is its group's row + 1
RESULT_LIMIT = 30


class SearchResultsModel(QAbstractItemModel):
    """Hits grouped by kind: top-level rows are kinds, their children the hits."""

    TITLE, SNIPPET = range(2)
    HEADERS = ("Found", "Matching text")

    def __init__(self) -> None:
        super().__init__()
        self._groups: list[tuple[str, list[SearchHit]]] = []

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        grouped: dict[str, list[SearchHit]] = {}
        for hit in hits:
            grouped.setdefault(hit.kind, []).append(hit)
        self.beginResetModel()
        # Dicts keep insertion order: the group of the best hit comes first, so Enter opens
        # the best hit and the ranking reads from the top.
        self._groups = list(grouped.items())
        self.endResetModel()

    def hit_count(self) -> int:
        return sum(len(hits) for _, hits in self._groups)

    def hit(self, index: Index) -> SearchHit | None:
        if not index.isValid() or index.internalId() == _GROUP:
            return None
        group = index.internalId() - 1
        if not 0 <= group < len(self._groups):
            return None
        hits = self._groups[group][1]
        return hits[index.row()] if 0 <= index.row() < len(hits) else None

    def first_hit_index(self) -> QModelIndex:
        if not self._groups:
            return QModelIndex()
        return self.index(0, 0, self.index(0, 0))

    # ----- QAbstractItemModel

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not child.isValid() or child.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _GROUP and parent.column() == 0:
            row = parent.row()
            return len(self._groups[row][1]) if 0 <= row < len(self._groups) else 0
        return 0

    def columnCount(self, parent: Index = _ROOT) -> int:
        return len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _GROUP:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _GROUP:
            if not 0 <= index.row() < len(self._groups):
                return None
            kind, hits = self._groups[index.row()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                if index.column() == self.TITLE:
                    return f"{KIND_TITLES.get(kind, kind.title())} ({len(hits)})"
                return ""
            if role == KIND_ROLE:
                return kind
            if role == Qt.ItemDataRole.FontRole:
                font = QFont(QGuiApplication.font())
                font.setBold(True)
                return font
            return None
        hit = self.hit(index)
        if hit is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return hit.title if index.column() == self.TITLE else hit.snippet
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{hit.title}\n{hit.snippet}"
        if role == KIND_ROLE:
            return hit.kind
        if role == HIT_ID_ROLE:
            return hit.id
        if role == MARKED_ROLE and index.column() == self.SNIPPET:
            return marked_html(hit)
        return None


def marked_html(hit: SearchHit) -> str:
    """The snippet as HTML with its matched words in bold."""
    out, at = [], 0
    for start, end in hit.marks:
        out += [escape(hit.snippet[at:start]), f"<b>{escape(hit.snippet[start:end])}</b>"]
        at = end
    out.append(escape(hit.snippet[at:]))
    return "".join(out)


class MarkedDelegate(QStyledItemDelegate):
    """Paints a snippet with its matched words in bold (one line, as the tree's rows are)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        html = index.data(MARKED_ROLE)
        if not html:
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""
        style = item.widget.style() if item.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        doc = QTextDocument()
        doc.setDefaultFont(item.font)
        doc.setDocumentMargin(0)
        doc.setHtml(html)
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        context = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, item.palette.color(role))
        rect = item.rect.adjusted(3, 0, -3, 0)
        painter.save()
        painter.translate(rect.left(), rect.top() + (rect.height() - doc.size().height()) / 2)
        painter.setClipRect(0, 0, rect.width(), rect.height())
        doc.documentLayout().draw(painter, context)
        painter.restore()


def reveal(page: QWidget, focus: str) -> bool:
    """Show the widget named `focus` on a tab's page: select the inner tabs that hold it,
    scroll it into view and give it the focus (a disabled one, such as Pregnant before an
    age is entered, is shown with the note beside it that says why). False when the page has
    no such widget."""
    target = getattr(page, focus, None)
    if not isinstance(target, QWidget):
        return False
    child: QWidget = target
    while (parent := child.parentWidget()) is not None and child is not page:
        holder = parent.parentWidget()
        if isinstance(parent, QStackedWidget) and isinstance(holder, QTabWidget):
            holder.setCurrentWidget(child)
        if isinstance(holder, QScrollArea):
            holder.ensureWidgetVisible(target)
        child = parent
    if target.isEnabled():
        target.setFocus(Qt.FocusReason.OtherFocusReason)
    return True


class SearchPanel(QFrame):
    """The results under the toolbar, shown while the field holds a query.

    The window feeds it the field's text (`run`), Enter (`open_current`) and Down
    (`focus_results`); it is made on the first keystroke, not at start-up.
    """

    open_hit = Signal(str, str)  # kind, id
    status = Signal(str)

    def __init__(self, content: ContentDB, field: SearchField) -> None:
        super().__init__()
        self._content = content
        self.field = field
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Search results")
        self.model = SearchResultsModel()
        self.last_result: SearchResult | None = None

        self.summary = text_label("", selectable=False)
        self.summary.setAccessibleName("Search summary")
        self.did_you_mean = LinkButton("", "Search for the suggested spelling")
        self.did_you_mean.hide()
        self.did_you_mean.clicked.connect(self._use_suggestion)

        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setAccessibleName("Search results grouped by kind")
        self.tree.setUniformRowHeights(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(True)
        self.tree.activated.connect(self._on_activated)
        self.tree.clicked.connect(self._on_activated)  # one click opens, as in a menu
        self.tree.installEventFilter(self)
        self.tree.setItemDelegateForColumn(SearchResultsModel.SNIPPET, MarkedDelegate(self.tree))

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.did_you_mean)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.tree, 1)
        self.hide()

    def run(self, text: str) -> None:
        """Search for `text` now and show what was found (hidden when the field is empty)."""
        if not text.strip():
            self.model.set_hits(())
            self.last_result = None
            self.hide()
            return
        result = self._content.search(text, RESULT_LIMIT)
        self.last_result = result
        self.model.set_hits(result.hits)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(SearchResultsModel.TITLE)
        if self.tree.columnWidth(0) > 420:
            self.tree.setColumnWidth(0, 420)
        count = self.model.hit_count()
        if result.did_you_mean:
            self.summary.setText(f"No match for “{text.strip()[:60]}”. Showing {count} for:")
            self.did_you_mean.setText(result.did_you_mean)
            self.did_you_mean.setAccessibleName(f"Search for {result.did_you_mean} instead")
            self.did_you_mean.show()
        else:
            self.did_you_mean.hide()
            self.summary.setText(
                f"{count} found. Enter opens the first; Down moves to the list."
                if count
                else f"Nothing found for “{text.strip()[:60]}”."
            )
        first = self.model.first_hit_index()
        if first.isValid():
            self.tree.setCurrentIndex(first)
        self.show()
        self.status.emit(f"Search: {count} found")

    def focus_results(self) -> None:
        first = self.model.first_hit_index()
        if first.isValid():
            if self.model.hit(self.tree.currentIndex()) is None:
                self.tree.setCurrentIndex(first)
            self.tree.setFocus(Qt.FocusReason.TabFocusReason)

    def open_current(self) -> None:
        """Open the selected hit, or the first one."""
        index = self.tree.currentIndex()
        if self.model.hit(index) is None:
            index = self.model.first_hit_index()
        self._on_activated(index)

    def _on_activated(self, index: QModelIndex) -> None:
        hit = self.model.hit(index)
        if hit is None:
            return
        self.hide()
        self.open_hit.emit(hit.kind, hit.id)

    def _use_suggestion(self) -> None:
        self.field.setText(self.did_you_mean.text())
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                self.field.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_current()
                return True
        return super().eventFilter(watched, event)
