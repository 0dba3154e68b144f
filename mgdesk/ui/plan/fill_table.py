"""A fitted table whose main text column takes the width the others leave, so a long "why"
wraps into few lines instead of the last (short) column stretching across the free space."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent

from mgdesk.ui.widgets import FittedTable

MIN_FILL_CHARS = 24
MIN_OTHER_CHARS = 10
FILL_SHARE = 0.34


class FillTable(FittedTable):
    """Columns sized to their contents (capped by `max_chars`); `fill_column` gets the rest of
    the view's width, at least a third of it, and the rows are measured again whenever the
    widths change."""

    def __init__(
        self,
        accessible_name: str,
        fill_column: int,
        max_chars: dict[int, int] | None = None,
    ) -> None:
        super().__init__(accessible_name, fit_height=True, max_chars=max_chars)
        self._fill = fill_column
        self.setWordWrap(True)
        self.horizontalHeader().setStretchLastSection(False)

    def fit(self) -> None:
        super().fit()
        self._fill_width()

    def _fill_width(self) -> None:
        """Give `fill_column` what the others leave, but at least FILL_SHARE of the view: when
        the others would leave less, they are narrowed in proportion (wrapping more)."""
        model = self.model()
        if model is None or not self.isVisible() or model.columnCount() <= self._fill:
            return
        header = self.horizontalHeader()
        char = self.fontMetrics().averageCharWidth()
        view = self.viewport().width()
        least = max(MIN_FILL_CHARS * char, int(FILL_SHARE * view))
        others = [c for c in range(model.columnCount()) if c != self._fill]
        taken = sum(header.sectionSize(c) for c in others)
        changed = False
        if taken and view - taken < least:
            scale = max(view - least, 0) / taken
            for column in others:
                narrower = max(MIN_OTHER_CHARS * char, int(header.sectionSize(column) * scale))
                if narrower < header.sectionSize(column):
                    header.resizeSection(column, narrower)
                    changed = True
            taken = sum(header.sectionSize(c) for c in others)
        wanted = max(view - taken, MIN_FILL_CHARS * char)
        if header.sectionSize(self._fill) != wanted:
            header.resizeSection(self._fill, wanted)
            changed = True
        if changed:
            self.resizeRowsToContents()
            self._fit_to_rows()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fill_width()
