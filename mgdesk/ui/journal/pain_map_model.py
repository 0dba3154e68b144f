"""The saved pain maps as a table: date, WPI, SSS, total and the number of areas."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from mgdesk.domain.painmap import AREA_IDS, PainMap, area_label, score
from mgdesk.ui.models import _TableModel

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
DISPLAY = Qt.ItemDataRole.DisplayRole


class PainMapListModel(_TableModel):
    """Saved pain maps, newest first; the tooltip of a row names its marked areas."""

    HEADERS = ("Date", "WPI (0–19)", "SSS (0–12)", "Total (0–31)", "Note")

    def __init__(self) -> None:
        super().__init__()
        self._maps: list[PainMap] = []

    def set_maps(self, maps: Sequence[PainMap]) -> None:
        self.beginResetModel()
        self._maps = sorted(maps, key=lambda m: (m.date, m.id or 0), reverse=True)
        self.endResetModel()

    def map_at(self, row: int) -> PainMap:
        return self._maps[row]

    def row_of(self, map_id: int | None) -> int:
        return next((r for r, m in enumerate(self._maps) if m.id == map_id), -1)

    def _count(self) -> int:
        return len(self._maps)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._maps):
            return None
        pain_map = self._maps[index.row()]
        if role == DISPLAY:
            result = score(pain_map)
            return (
                pain_map.date.isoformat(),
                str(result.wpi),
                str(result.sss),
                str(result.fs),
                pain_map.note,
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            areas = [area_label(a) for a in AREA_IDS if a in pain_map.areas]
            return "Painful areas: " + ("; ".join(areas) if areas else "none")
        return None
