"""Every PDF the window makes goes through `render_handout`: preview, export and print alike.

The window resolves the visit against the content with the same `resolve_visit` the command
line uses and hands it to the same `write_handout`, so a handout printed from the window is the
one `mgdesk handout --from visit.json` makes. The preview renders in a worker thread (reportlab
is pure Python and needs no GUI thread) into bytes; one render runs at a time, because
reportlab keeps some state per process, and a render that a newer change has overtaken is
dropped. Saving goes through a temporary file renamed into place.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from mgdesk.domain.catalog import Catalog, resolve_visit
from mgdesk.domain.errors import InputError
from mgdesk.domain.retired import without_retired
from mgdesk.domain.visit import VisitPlan
from mgdesk.ui.user_data import UserData

if TYPE_CHECKING:
    from mgdesk.domain.journal_report import JournalReport

PREVIEW_DELAY_MS = 350

# What the "Since my last visit" section shows for a visit (None: no section). Called on the
# GUI thread, which owns the user DB's connections; the worker only lays the PDF out.
JournalSource = Callable[[VisitPlan], "JournalReport | None"]


def no_journal(_plan: VisitPlan) -> JournalReport | None:
    return None


def journal_source(user_data: UserData) -> JournalSource:
    """The section read from the user's journal, when the visit asks for it and the DB can be
    used; otherwise the handout is made without it (the tab says why the DB is unusable)."""

    def load(plan: VisitPlan) -> JournalReport | None:
        if plan.journal is None or not plan.includes("journal"):
            return None
        db = user_data.db()
        if db is None:
            return None
        from mgdesk.store.journal_report import load_journal_report
        from mgdesk.store.user_db import UserDBError

        try:
            return load_journal_report(db, plan)
        except UserDBError:
            return None

    return load


@dataclass(frozen=True)
class RenderedHandout:
    """A finished handout: the PDF bytes, their page count, and what they were made from."""

    data: bytes
    pages: int
    plan: VisitPlan
    page_size: str
    generated: dt.date
    large_print: bool = False


def render_handout(
    plan: VisitPlan,
    catalog: Catalog,
    page_size: str,
    generated: dt.date | None = None,
    journal: JournalReport | None = None,
    large_print: bool = False,
) -> RenderedHandout:
    """The handout for `plan` as PDF bytes; InputError when the visit cannot be printed."""
    from mgdesk.report.handout import write_handout

    day = generated or dt.date.today()
    stream = io.BytesIO()
    pages = write_handout(
        resolve_visit(without_retired(plan, catalog), catalog),
        catalog,
        stream,
        page_size=page_size,
        generated=day,
        journal=journal,
        large_print=large_print,
    )
    return RenderedHandout(stream.getvalue(), pages, plan, page_size, day, large_print)


def save_pdf(data: bytes, target: Path) -> None:
    """Write `data` to `target` whole or not at all; OSError says why it could not be."""
    from mgdesk.store.files import write_atomic

    folder = target.parent
    if not folder.is_dir():
        raise FileNotFoundError(2, f"the folder {folder} does not exist", str(folder))
    write_atomic(target, data)


def warm_up(catalog: Catalog) -> None:
    """Read on this (the GUI) thread what every render reads, so the worker thread only reads
    values already cached and never races the window for the content DB's connection."""
    for name in (
        "meta",
        "dosage",
        "symptoms",
        "forms",
        "studies",
        "groups",
        "conditions",
        "products",
        "questions",
        "medicine_index",
        "condition_index",
    ):
        getattr(catalog, name)
    catalog.citation("")
    from mgdesk.report import styles

    styles.register_fonts()


class _Signals(QObject):
    done = Signal(int, object)  # generation, RenderedHandout or the error message (str)


class _RenderJob(QRunnable):
    def __init__(
        self,
        generation: int,
        plan: VisitPlan,
        catalog: Catalog,
        page_size: str,
        journal: JournalReport | None,
        out: _Signals,
        large_print: bool = False,
    ) -> None:
        super().__init__()
        self._large_print = large_print
        self._generation = generation
        self._plan = plan
        self._journal = journal
        self._catalog = catalog
        self._page_size = page_size
        self._out = out

    def run(self) -> None:
        try:
            result: RenderedHandout | str = render_handout(
                self._plan,
                self._catalog,
                self._page_size,
                journal=self._journal,
                large_print=self._large_print,
            )
        except InputError as exc:
            result = f"The handout cannot be made from this visit: {exc}."
        except Exception as exc:  # noqa: BLE001 - a preview must never take the window down
            result = f"The preview failed ({type(exc).__name__}); saving may still work."
        self._out.done.emit(self._generation, result)


class PreviewRenderer(QObject):
    """Renders the latest visit in the background after a pause in typing.

    `rendered(RenderedHandout)` when the newest request is done, `failed(message)` when it
    cannot be made; a request made while a render runs waits for it and then renders once.
    """

    rendered = Signal(object)
    failed = Signal(str)
    started = Signal()

    def __init__(
        self,
        catalog: Catalog,
        parent: QObject | None = None,
        journal_for: JournalSource = no_journal,
    ) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._journal_for = journal_for
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.done.connect(self._on_done)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self._start)
        self._wanted: tuple[VisitPlan, str, bool] | None = None
        self._generation = 0
        self._running = False
        self._warm = False
        self.latest: RenderedHandout | None = None

    @property
    def busy(self) -> bool:
        return self._running or self._timer.isActive()

    def request(
        self, plan: VisitPlan, page_size: str, *, now: bool = False, large_print: bool = False
    ) -> None:
        """Render `plan` after the typing pause (or at the next turn of the loop with `now`)."""
        self._wanted = (plan, page_size, large_print)
        self._timer.start(0 if now else PREVIEW_DELAY_MS)

    def _start(self) -> None:
        if self._running or self._wanted is None:
            return
        if not self._warm:
            warm_up(self._catalog)
            self._warm = True
        plan, page_size, large_print = self._wanted
        self._wanted = None
        self._generation += 1
        self._running = True
        self.started.emit()
        journal = self._journal_for(plan)
        self._pool.start(
            _RenderJob(
                self._generation,
                plan,
                self._catalog,
                page_size,
                journal,
                self._signals,
                large_print,
            )
        )

    def _on_done(self, generation: int, result: object) -> None:
        self._running = False
        if self._wanted is not None:
            if not self._timer.isActive():
                self._start()
            return  # overtaken: a newer visit is waiting
        if generation != self._generation:
            return
        if isinstance(result, RenderedHandout):
            self.latest = result
            self.rendered.emit(result)
        else:
            self.failed.emit(str(result))

    def render_now(
        self, plan: VisitPlan, page_size: str, large_print: bool = False
    ) -> RenderedHandout:
        """A handout made here and now (export, print): the latest preview when it matches,
        else rendered on this thread once the worker is idle. Raises InputError."""
        latest = self.latest
        if (
            latest is not None
            and latest.plan == plan
            and latest.page_size == page_size
            and latest.large_print == large_print
            and latest.generated == dt.date.today()
            and not (plan.journal is not None and plan.includes("journal"))  # it may have grown
        ):
            return latest
        self._pool.waitForDone()
        return render_handout(
            plan,
            self._catalog,
            page_size,
            journal=self._journal_for(plan),
            large_print=large_print,
        )

    def shutdown(self) -> None:
        """Stop taking requests and wait for a running render (the window is closing)."""
        self._timer.stop()
        self._wanted = None
        self._pool.clear()
        self._pool.waitForDone()
