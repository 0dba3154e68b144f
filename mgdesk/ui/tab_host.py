"""The tab container: tabs declared as (key, title, builder) and built only when needed.

The tab on screen is built at once; the others are built one per turn of the event loop after
the first paint (or at once when the user switches to one), so start-up pays only for what the
first paint shows. A later tab (the handout's "My visit") is one more spec. Every page carries
the disclaimer line under its content.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from mgdesk.ui.widgets import DisclaimerLabel, text_label


@dataclass(frozen=True)
class TabSpec:
    """One tab: a stable key (settings, tests), its title, and how to build its content."""

    key: str
    title: str
    build: Callable[[], QWidget]
    description: str = ""


class TabPage(QWidget):
    """A tab's page: its content (once built) above the disclaimer.

    A page's labels are made when it is first shown or gets its content, not when the tab is
    added: wrapped labels are costly to measure, and the pages not on screen would otherwise
    slow the first paint.
    """

    def __init__(self, spec: TabSpec) -> None:
        super().__init__()
        self.spec = spec
        self.content: QWidget | None = None
        self.setObjectName(f"page-{spec.key}")
        self.setAccessibleName(f"{spec.title} tab")
        self._column = QVBoxLayout(self)
        self._placeholder: QLabel | None = None
        self._disclaimer: DisclaimerLabel | None = None

    @property
    def disclaimer(self) -> DisclaimerLabel:
        if self._disclaimer is None:
            self._disclaimer = DisclaimerLabel()
            self._column.addWidget(self._disclaimer)
        return self._disclaimer

    def showEvent(self, event: QShowEvent) -> None:
        if self.content is None and self._placeholder is None:
            self._placeholder = text_label(
                f"Loading {self.spec.title}…", role="muted", selectable=False
            )
            self._column.insertWidget(0, self._placeholder, 1)
        self.disclaimer.setVisible(True)
        super().showEvent(event)

    def set_content(self, content: QWidget) -> None:
        if self._placeholder is not None:
            self._column.removeWidget(self._placeholder)
            self._placeholder.deleteLater()
            self._placeholder = None
        self._column.insertWidget(0, content, 1)
        self.content = content
        self.disclaimer.setVisible(True)


class TabHost(QTabWidget):
    """Tabs built lazily; `tab_built(key, widget)` per tab and `all_built()` once at the end."""

    tab_built = Signal(str, QWidget)
    all_built = Signal()

    def __init__(self, specs: Sequence[TabSpec]) -> None:
        super().__init__()
        self.setAccessibleName("Sections")
        self.setDocumentMode(True)
        self._pages: dict[str, TabPage] = {}
        self._announced = False
        self._loading = False
        for spec in specs:
            self.add_spec(spec)
        self.currentChanged.connect(self._on_current)

    def add_spec(self, spec: TabSpec) -> None:
        """Add a tab (built later); keys are unique."""
        if spec.key in self._pages:
            raise ValueError(f"tab {spec.key!r} exists already")
        page = TabPage(spec)
        self._pages[spec.key] = page
        index = self.addTab(page, spec.title)
        self.setTabToolTip(index, spec.description)
        titles = ", ".join(page.spec.title for page in self._pages.values())
        self.tabBar().setAccessibleName(f"Sections: {titles}")
        self._announced = False

    def tab_keys(self) -> list[str]:
        return list(self._pages)

    def key_at(self, index: int) -> str | None:
        page = self.widget(index)
        return page.spec.key if isinstance(page, TabPage) else None

    def current_key(self) -> str | None:
        return self.key_at(self.currentIndex())

    def is_built(self, key: str) -> bool:
        return self._pages[key].content is not None

    def built(self) -> dict[str, QWidget]:
        return {k: p.content for k, p in self._pages.items() if p.content is not None}

    def content(self, key: str) -> QWidget:
        """The tab's content widget, built now if it was not yet."""
        page = self._pages[key]
        if page.content is None:
            page.set_content(page.spec.build())
            assert page.content is not None
            self.tab_built.emit(key, page.content)
            self._announce_if_done()
        return page.content

    def show_tab(self, key: str) -> QWidget:
        widget = self.content(key)
        self.setCurrentWidget(self._pages[key])
        return widget

    def load_in_background(self) -> None:
        """Build the remaining tabs one per event-loop turn, so the window stays responsive."""
        if self._loading:
            return
        self._loading = True
        QTimer.singleShot(0, self, self._build_next)

    def _build_next(self) -> None:
        waiting = [k for k, p in self._pages.items() if p.content is None]
        if not waiting:
            self._loading = False
            self._announce_if_done()
            return
        self.content(waiting[0])
        QTimer.singleShot(0, self, self._build_next)

    def _announce_if_done(self) -> None:
        if not self._announced and all(p.content is not None for p in self._pages.values()):
            self._announced = True
            self.all_built.emit()

    def _on_current(self, index: int) -> None:
        key = self.key_at(index)
        if key is not None:
            self.content(key)
