"""The handout's journal report read from the user DB: one function, one short session each.

Both front ends call `load_journal_report` with the visit they print, so the window and the
command line show the same "Since my last visit" section for the same visit and journal.
"""

from __future__ import annotations

from mgdesk.domain.journal_report import JournalReport, build_journal_report
from mgdesk.domain.visit import VisitPlan
from mgdesk.store.journal import JournalStore
from mgdesk.store.user_db import UserDB


def load_journal_report(db: UserDB, plan: VisitPlan) -> JournalReport | None:
    """The report for the visit's journal range; None without a range or when it is empty.

    Raises UserDBError when a saved value cannot be read.
    """
    if plan.journal is None:
        return None
    start, end = plan.journal.start, plan.journal.end
    store = JournalStore(db)
    return build_journal_report(start, end, store.entries(start, end), store.pain_maps(start, end))
