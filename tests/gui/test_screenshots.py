"""A picture of every tab, to look at: saved under tmp_path (and MGDESK_SHOTS_DIR when set).

`MGDESK_SHOTS_DIR=shots make test` leaves copies in the git-ignored `shots/` folder. The test
itself checks that each picture was drawn (a blank or one-colour image fails).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from mgdesk.ui.dosage.tab import DosageTab
from mgdesk.ui.interactions.tab import InteractionsTab
from mgdesk.ui.main_window import TAB_TITLES, MainWindow
from mgdesk.ui.visit_session import VisitSession


def _fill(window: MainWindow, visit: VisitSession) -> None:
    """Put something in every tab, as a user would have by now."""
    visit.set_symptom("pain", 7)
    dosage = window.tab("dosage")
    assert isinstance(dosage, DosageTab)
    dosage.age.setText("42")
    dosage.female.setChecked(True)
    dosage.elemental.setText("400")
    dosage.tablet.setEditText("100")
    inter = window.tab("interactions")
    assert isinstance(inter, InteractionsTab)
    for name in ("Fosamax", "Fosamx", "omeprazole"):
        inter.entry.setText(name)
        inter.add_typed()
    inter.condition_boxes["kidney-disease"].setChecked(True)
    inter.category_boxes["antidepressants"].setChecked(True)


def _distinct_colours(image: QImage) -> int:
    step_x, step_y = max(1, image.width() // 60), max(1, image.height() // 60)
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step_x)
            for y in range(0, image.height(), step_y)
        }
    )


@pytest.mark.parametrize(
    "theme, scale", [("light", 100), ("dark", 100), ("high-contrast", 150), ("light", 200)]
)
def test_a_picture_of_every_tab(
    tmp_path: Path, loaded_window: MainWindow, visit: VisitSession, theme: str, scale: int
) -> None:
    window = loaded_window
    window.resize(1200, 820)
    window.theme_actions[theme].trigger()
    while window._appearance.text_scale < scale:
        window.zoom_in_action.trigger()
    _fill(window, visit)
    target = os.environ.get("MGDESK_SHOTS_DIR")
    for key in TAB_TITLES:
        window.show_tab(key)
        QApplication.processEvents()  # let layouts settle, as the event loop would
        path = tmp_path / f"{key}-{theme}-{scale}.png"
        image = window.grab().toImage()
        assert image.save(str(path))
        assert path.stat().st_size > 10_000
        assert _distinct_colours(image) > 8, f"{key} looks blank"
        if target:
            Path(target).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, Path(target) / path.name)
