"""The Journal tab: the diary (entries, chart, before/after), the pain map, and a try-it plan.

The tab is built after the window's first paint (TabHost builds tabs lazily) and reads the
journal then, once. When the user DB cannot be used, the tab says so plainly, with the reason,
and offers nothing that would fail; after File > Restore from backup (`UserData.reopened`) it
builds itself again from the restored file.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from mgdesk.store.content_db import ContentDB
from mgdesk.ui.journal.diary_page import DiaryPage
from mgdesk.ui.journal.entry_form import Clock, system_clock
from mgdesk.ui.journal.pain_map_page import PainMapPage
from mgdesk.ui.journal.trial_page import TrialPage
from mgdesk.ui.settings import Settings
from mgdesk.ui.user_data import UserData
from mgdesk.ui.visit_session import VisitSession
from mgdesk.ui.widgets import heading, set_role, text_label

UNUSABLE = (
    "The journal cannot be used right now, so nothing can be added or shown here. "
    "The reference tabs work as usual."
)


class JournalTab(QWidget):
    """Diary, pain map and try-it plan as three pages; `status(text)` for the status bar."""

    status = Signal(str)

    def __init__(
        self,
        content: ContentDB,
        visit: VisitSession,
        user_data: UserData,
        settings: Settings | None = None,
        clock: Clock = system_clock,
    ) -> None:
        super().__init__()
        self._content = content
        self._visit = visit
        self._user_data = user_data
        self._settings = settings or Settings()
        self._clock = clock
        self.pages: QTabWidget | None = None
        self.diary: DiaryPage | None = None
        self.pain_map: PainMapPage | None = None
        self.trial: TrialPage | None = None
        self.problem: QLabel | None = None
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._body: QWidget | None = None
        user_data.reopened.connect(self.rebuild)
        visit.changed.connect(self._plan_form_changed)
        self.rebuild()

    def rebuild(self) -> None:
        """Build the pages from the user DB as it is now (at start and after a restore)."""
        if self._body is not None:
            self._column.removeWidget(self._body)
            self._body.hide()
            self._body.deleteLater()
        store = self._user_data.journal()
        if store is None:
            self.pages = self.diary = self.pain_map = self.trial = None
            self._body = self._unusable_page()
        else:
            self.diary = DiaryPage(self._content, store, self._settings, self._clock)
            self.pain_map = PainMapPage(self._user_data)
            self.trial = TrialPage(self._content, store, self._clock)
            self.diary.status.connect(self.status)
            self.trial.status.connect(self.status)
            self.diary.changed.connect(self.trial.reload)
            self.trial.status.connect(self._plan_form_changed)
            self._plan_form_changed()
            self.pages = QTabWidget()
            self.pages.setAccessibleName("Journal pages")
            self.pages.tabBar().setAccessibleName("Journal pages: Diary, Pain map, Try-it plan")
            self.pages.addTab(self.diary, "&Diary")
            self.pages.addTab(self.pain_map, "&Pain map")
            self.pages.addTab(self.trial, "Tr&y-it plan")
            self.pages.setTabToolTip(0, "Rate your symptoms, record magnesium, see the trend")
            self.pages.setTabToolTip(
                1, "Where it hurts, and how much: a self-report to discuss, not a diagnosis"
            )
            self.pages.setTabToolTip(
                2, "A baseline, a start, a review: a draft to agree with your doctor"
            )
            self._body = self.pages
        self._column.addWidget(self._body)

    def _plan_form_changed(self, *_why: object) -> None:
        """New doses in the diary start with the form the user planned: the visit plan's, else
        a try-it plan's not yet reviewed, else the first form added to the visit."""
        if self.diary is None:
            return
        plan = self._visit.plan
        trial = self.trial.plan if self.trial is not None else None
        trial_form = trial.form if trial is not None and trial.reviewed_on is None else ""
        chosen = plan.plan.form if plan.plan is not None else ""
        self.diary.set_planned_form(chosen or trial_form or next(iter(plan.forms), ""))

    def _unusable_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(heading("Journal", 1))
        self.problem = text_label(self._user_data.error or "Your saved data cannot be opened.")
        self.problem.setAccessibleName("Why the journal cannot be used")
        set_role(self.problem, "error")
        column.addWidget(self.problem)
        column.addWidget(text_label(UNUSABLE))
        column.addWidget(
            text_label(
                "If a backup exists, File > Restore from backup puts it back; the journal "
                "comes back here as soon as it is restored.",
                "muted",
            )
        )
        column.addStretch(1)
        return page

    def set_clock(self, clock: Clock) -> None:
        """Where "now" comes from (tests give a fixed day; the app uses the system clock)."""
        self._clock = clock
        if self.diary is not None:
            self.diary.set_clock(clock)
        if self.trial is not None:
            self.trial.set_clock(clock)
