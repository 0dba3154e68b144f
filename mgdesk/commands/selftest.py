"""`mgdesk self-test`: a headless check that an install or bundle is whole.

One line per check, in the order a user's first minute would touch things; the first failure
ends the run with exit 1. It writes only to a temporary folder, never to the user's data.
"""

from __future__ import annotations

import argparse
import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from mgdesk import __version__, paths
from mgdesk.domain.dosage import lookup, make_person
from mgdesk.domain.visit import VisitPlan
from mgdesk.store.content_db import ContentDB

FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf")


class _Checks:
    def __init__(self) -> None:
        self.content: ContentDB | None = None
        self.pdf: bytes = b""
        self.app: object = None

    def content_db(self) -> str:
        self.content = ContentDB.open_default()
        meta = self.content.meta
        return f"content {meta.content_version}, reviewed {meta.review_date}"

    def queries(self) -> str:
        content = self._content()
        counts = {
            "symptoms": len(content.symptoms),
            "forms": len(content.forms),
            "studies": len(content.studies),
            "medicines": len(content.medicines),
            "conditions": len(content.conditions),
        }
        empty = [k for k, v in counts.items() if v == 0]
        if empty:
            raise RuntimeError(f"no {', '.join(empty)} in the content")
        dose = lookup(content.dosage, make_person(content.dosage, 40, None, "female"))
        interaction = content.medicine_index.check("Fosamax")
        if interaction.generic is None:
            raise RuntimeError("the interaction check does not know Fosamax")
        hits = content.search("glycin").hits
        if not hits:
            raise RuntimeError("search finds nothing for 'glycin'")
        return (
            ", ".join(f"{v} {k}" for k, v in counts.items())
            + f"; dose {dose.intake_mg} mg; interactions; search ({len(hits)} hits)"
        )

    def user_db(self) -> str:
        from mgdesk.store.user_db import head_revision, open_user_db
        from mgdesk.store.visits import VisitStore

        with tempfile.TemporaryDirectory() as folder:
            db = open_user_db(Path(folder))
            try:
                store = VisitStore(db)
                visit_id = store.add(VisitPlan(name="self-test"))
                store.get(visit_id)
            finally:
                db.close()
        return f"created and migrated to schema {head_revision()}"

    def fonts(self) -> str:
        missing = [f for f in FONT_FILES if not paths.resource("fonts", f).is_file()]
        if missing:
            raise RuntimeError(f"missing {', '.join(missing)} in {paths.resource('fonts')}")
        return str(paths.resource("fonts"))

    def handout(self) -> str:
        from mgdesk.report.handout import write_handout

        content = self._content()
        plan = VisitPlan(name="Self-test", age=40, sex="female")
        plan = plan.from_dict(
            {
                **plan.to_dict(),
                "symptoms": [{"id": "sleep", "rating": 6}],
                "forms": ["glycinate"],
                "medicines": ["Fosamax"],
            }
        )
        stream = io.BytesIO()
        pages = write_handout(plan, content, stream)
        self.pdf = stream.getvalue()
        if not self.pdf.startswith(b"%PDF"):
            raise RuntimeError("the handout is not a PDF")
        return f"{pages} page(s), {len(self.pdf):,} bytes"

    def qt(self) -> str:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtPdf import QPdfDocument

        app = QGuiApplication.instance() or QGuiApplication([])
        self.app = app
        buffer = QBuffer()
        buffer.setData(QByteArray(self.pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document = QPdfDocument()
        document.load(buffer)
        if document.pageCount() < 1:
            raise RuntimeError(f"QtPdf cannot read the handout ({document.error()})")
        return (
            f"platform {QGuiApplication.platformName()}, QtPdf reads {document.pageCount()} page(s)"
        )

    def _content(self) -> ContentDB:
        if self.content is None:
            self.content = ContentDB.open_default()
        return self.content


def run(args: argparse.Namespace) -> int:
    checks = _Checks()
    steps: list[tuple[str, Callable[[], str]]] = [
        ("content database", checks.content_db),
        ("reference queries", checks.queries),
        ("user database", checks.user_db),
        ("PDF fonts", checks.fonts),
        ("handout", checks.handout),
        ("Qt and QtPdf", checks.qt),
    ]
    print(f"mgdesk {__version__} self-test")
    for name, step in steps:
        try:
            detail = step()
        except Exception as exc:  # each failure is reported as one line, then we stop
            print(f"FAIL  {name}: {type(exc).__name__}: {exc}")
            return 1
        print(f"ok    {name}: {detail}")
    print("all checks passed")
    return 0
