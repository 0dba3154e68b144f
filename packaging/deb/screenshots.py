"""Screenshots of the real window for the AppStream metainfo, taken offscreen by `make deb`.

Each tab named in SHOTS is shown in a 1200x800 window with an empty data folder and saved as
build/deb/screenshots/<tab>.png.

    QT_QPA_PLATFORM=offscreen python packaging/deb/screenshots.py OUT_DIR
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

SHOTS = ("symptoms", "dosage")
SIZE = (1200, 800)


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="mgdesk-shots-") as data:
        os.environ["MGDESK_DATA_DIR"] = data
        from PySide6.QtWidgets import QApplication

        from mgdesk.ui import app as start

        application = start._init_application()
        settings, appearance = start._init_settings(application)
        window = start._init_window(start._init_content(), settings, appearance)
        window.resize(*SIZE)
        window.show()
        for key in SHOTS:
            window.show_tab(key)
            for _ in range(5):
                QApplication.processEvents()
            target = out / f"{key}.png"
            if not window.grab().save(str(target), "PNG"):
                raise SystemExit(f"cannot write {target}")
        window.close()
    print(f"screenshots: {', '.join(SHOTS)} in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
