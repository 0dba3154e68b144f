"""Keeping visits: the draft saved as the user types, saved visits, and undo for each change.

One keeper per `VisitSession` (`VisitKeeper.of`), shared by the window's File menu and the
My visit tab. It opens the user DB only when `start()` is called (the window does so after the
first paint) and never lets a storage error out: each becomes one status message. When the user
DB cannot be used the keeper still works for the session and says that nothing will be kept.
Deleting, renaming, duplicating, starting a new visit and opening another are steps on one
`QUndoStack`, so Ctrl+Z brings back what was there.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from mgdesk.domain.errors import InputError
from mgdesk.domain.visit import MAX_TEXT, VisitPlan
from mgdesk.domain.visit_edit import checked_text, fresh_visit, has_content
from mgdesk.ui.user_data import UserData
from mgdesk.ui.visit_session import VisitSession

if TYPE_CHECKING:
    from mgdesk.store.visits import VisitStore, VisitSummary

T = TypeVar("T")
DRAFT_DELAY_MS = 500
NOT_KEPT = (
    "Your saved data cannot be used, so nothing you enter here will be kept after mgdesk "
    "closes. You can still preview, print and save the handout as a PDF."
)


def visit_title(name: str, date: str) -> str:
    """How a visit is called in lists and messages: the name it prints, and its date."""
    if name and date:
        return f"{name}, {date}"
    if name:
        return name
    return f"Visit of {date}" if date else "Unnamed visit"


class _Step(QUndoCommand):
    """An undoable step: `do` runs when pushed (and on redo), `undo` takes it back."""

    def __init__(
        self,
        text: str,
        do: Callable[[], None],
        undo: Callable[[], None],
        *,
        done: bool = False,
    ) -> None:
        super().__init__(text)
        self._do = do
        self._undo = undo
        self._skip = done  # the step was already taken when it was pushed

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._do()

    def undo(self) -> None:
        self._undo()


class VisitKeeper(QObject):
    """The current visit's draft and the saved visits; `status(text)` reports every outcome."""

    status = Signal(str)
    started = Signal()
    saved_changed = Signal()  # the list of saved visits changed
    current_changed = Signal()  # which saved visit is open, or whether it has changed since

    def __init__(self, visit: VisitSession, user_data: UserData) -> None:
        super().__init__(visit)
        self.setObjectName("visit-keeper")
        self._visit = visit
        self._user_data = user_data
        self._store: VisitStore | None = None
        self._started = False
        self._current_id: int | None = None
        self._saved_plan: VisitPlan | None = None
        self.undo_stack = QUndoStack(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DRAFT_DELAY_MS)
        self._timer.timeout.connect(self._write_draft)
        visit.changed.connect(self._on_changed)

    @classmethod
    def of(cls, visit: VisitSession, user_data: UserData) -> VisitKeeper:
        """The keeper of this session, made on first use (the window and the tab share it)."""
        found = visit.findChild(VisitKeeper, "visit-keeper")
        return found if found is not None else cls(visit, user_data)

    # ----- state

    @property
    def is_started(self) -> bool:
        return self._started

    @property
    def keeps_data(self) -> bool:
        """Whether the visit can be kept (False once the user DB turned out unusable)."""
        return self._store is not None or not self._started

    @property
    def problem(self) -> str | None:
        return None if self.keeps_data else NOT_KEPT

    @property
    def current_id(self) -> int | None:
        """The saved visit being edited, if it was opened or saved (None for a new one)."""
        return self._current_id

    @property
    def is_modified(self) -> bool:
        """Whether the visit has changed since it was last saved or opened."""
        return self._visit.plan != self._saved_plan

    def start(self) -> None:
        """Open the user DB, load the draft and start saving it (once; after the first paint)."""
        if self._started:
            return
        self._started = True
        self._store = self._user_data.visits()
        if self._store is None:
            self.status.emit(NOT_KEPT)
        else:
            draft = self._guard("read the draft", self._store.load_draft)
            if draft is not None:
                self._visit.load(draft)
                self._timer.stop()  # what was just read needs no saving
                self._saved_plan = self._draft_source(draft)
        self.started.emit()
        self.current_changed.emit()

    def _draft_source(self, draft: VisitPlan) -> VisitPlan | None:
        """The saved visit the draft is an edit of, which becomes current again: as the draft
        recorded it, or (a draft from before migration 0003) one it is an unchanged copy of."""
        assert self._store is not None
        store = self._store
        source = self._guard("read the draft", store.draft_of)
        if source is not None:
            saved = self._guard("read a saved visit", partial(self._store_get, source))
            if saved is not None:
                self._current_id = source
                return saved
        return self._match_saved(draft)

    def _match_saved(self, draft: VisitPlan) -> VisitPlan | None:
        """The saved visit the draft is an unchanged copy of, if any (it becomes current)."""
        assert self._store is not None
        for summary in self.saved():
            if (summary.name, summary.date) == (draft.name, draft.date):
                saved = self._guard("read a saved visit", partial(self._store_get, summary.id))
                if saved is not None and saved == draft:
                    self._current_id = summary.id
                    return saved
        return None

    def _store_get(self, visit_id: int) -> VisitPlan:
        assert self._store is not None
        return self._store.get(visit_id).plan

    # ----- the draft

    def _on_changed(self, _plan: VisitPlan) -> None:
        if self._started and self._store is not None:
            self._timer.start()
        self.current_changed.emit()

    @property
    def draft_pending(self) -> bool:
        return self._timer.isActive()

    def flush(self) -> None:
        """Write the draft now if a change is waiting for the typing pause (the window closes)."""
        if self._timer.isActive():
            self._write_draft()

    def _write_draft(self) -> None:
        self._timer.stop()
        if self._store is not None:
            store = self._store
            plan, source = self._visit.plan, self._current_id
            self._guard("save the draft", lambda: store.save_draft(plan, source))

    # ----- saved visits

    def saved(self) -> list[VisitSummary]:
        if self._store is None:
            return []
        return self._guard("list the saved visits", self._store.list) or []

    def save(self) -> int | None:
        """Save the current visit (over the one it was opened from); its id, or None."""
        store = self._require("saved")
        if store is None:
            return None
        plan = self._visit.plan
        current = self._current_id

        def write() -> int:
            if current is not None:
                store.update(current, plan)
                return current
            return store.add(plan)

        visit_id = self._guard("save the visit", write)
        if visit_id is None:
            return None
        self._make_current(visit_id, plan)  # the draft now names the visit it was saved as
        self.saved_changed.emit()
        self.status.emit(f"Saved “{visit_title(plan.name, plan.date)}”.")
        return visit_id

    def _keep_current(self) -> tuple[int | None, str]:
        """Save the current visit before another replaces it; its id and how it was kept."""
        plan = self._visit.plan
        if not has_content(plan):
            return self._current_id, ""
        if self._current_id is not None and not self.is_modified:
            return (
                self._current_id,
                f"“{visit_title(plan.name, plan.date)}” is in your saved visits",
            )
        if self._store is None:
            return None, "the previous visit was not kept (Ctrl+Z brings it back)"
        visit_id = self.save()
        if visit_id is None:
            return None, "the previous visit could not be kept (Ctrl+Z brings it back)"
        return visit_id, f"“{visit_title(plan.name, plan.date)}” is kept in your saved visits"

    def _switch(self, text: str, plan: VisitPlan, visit_id: int | None, kept: str) -> None:
        before = (self._visit.plan, self._current_id, self._saved_plan)
        after_saved = plan if visit_id is not None else None

        def go() -> None:
            self._set_current(plan, visit_id, after_saved)

        def back() -> None:
            self._set_current(*before)

        self.undo_stack.push(_Step(text, go, back))
        self.status.emit(f"{text}." + (f" {kept[0].upper()}{kept[1:]}." if kept else ""))

    def _set_current(
        self, plan: VisitPlan, visit_id: int | None, saved_plan: VisitPlan | None
    ) -> None:
        self._visit.load(plan)
        self._make_current(visit_id, saved_plan)

    def _make_current(self, visit_id: int | None, saved_plan: VisitPlan | None) -> None:
        """The saved visit now being edited (None: a new one), written at once with the draft:
        a draft must never name a visit other than the one on screen, or a Save after a
        restart would write over that other visit."""
        self._current_id, self._saved_plan = visit_id, saved_plan
        if self._started:
            self._write_draft()
        self.current_changed.emit()

    def new_visit(self) -> None:
        """Start an empty visit for the same person; the current one is kept, or undo brings
        it back."""
        self.start()
        _, kept = self._keep_current()
        self._switch("Started a new visit", fresh_visit(self._visit.plan), None, kept)

    def open_visit(self, visit_id: int) -> bool:
        store = self._require("opened")
        if store is None:
            return False
        saved = self._guard("open the visit", lambda: store.get(visit_id))
        if saved is None:
            return False
        _, kept = self._keep_current()
        name = visit_title(saved.plan.name, saved.plan.date)
        self._switch(f"Opened “{name}”", saved.plan, visit_id, kept)
        return True

    def duplicate(self, visit_id: int) -> int | None:
        store = self._require("duplicated")
        if store is None:
            return None
        saved = self._guard("copy the visit", lambda: store.get(visit_id))
        if saved is None:
            return None
        copy = saved.plan  # the same name: it is the one printed on the handout
        added = self._guard("copy the visit", lambda: store.add(copy))
        if added is None:
            return None
        ids = [added]

        def do() -> None:
            again = self._guard("copy the visit", lambda: store.add(copy))
            ids[:] = [again] if again is not None else []
            self.saved_changed.emit()

        def undo() -> None:
            if ids:
                gone = ids[0]
                self._guard("remove the copy", lambda: store.delete(gone))
                if self._current_id == gone:
                    self._make_current(None, None)
            self.saved_changed.emit()

        title = visit_title(copy.name, copy.date)
        self.undo_stack.push(_Step("Duplicated a visit", do, undo, done=True))
        self.saved_changed.emit()
        self.status.emit(f"Copied “{title}”: the copy is at the top of the list.")
        return added

    def rename(self, visit_id: int, name: str) -> bool:
        """Give a saved visit a new name; False (and a message) when the name is refused."""
        store = self._require("renamed")
        if store is None:
            return False
        try:
            clean = checked_text(name, "The name", MAX_TEXT).strip()
        except InputError as exc:
            self.status.emit(f"Not renamed: {exc}.")
            return False
        saved = self._guard("rename the visit", lambda: store.get(visit_id))
        if saved is None:
            return False
        old = saved.plan.name
        if clean == old:
            return True

        def set_name(value: str) -> Callable[[], None]:
            def apply() -> None:
                plan = self._guard("rename the visit", lambda: store.get(visit_id))
                if plan is None:
                    return
                renamed = plan.plan.with_changes(name=value)
                self._guard("rename the visit", lambda: store.update(visit_id, renamed))
                if visit_id == self._current_id:
                    if self._saved_plan == self._visit.plan:
                        self._saved_plan = renamed
                    self._visit.update(name=value)
                self.saved_changed.emit()

            return apply

        self.undo_stack.push(_Step("Renamed a visit", set_name(clean), set_name(old)))
        self.status.emit(f"The name is now “{clean}”." if clean else "The name was cleared.")
        return True

    def delete(self, visit_id: int) -> bool:
        store = self._require("deleted")
        if store is None:
            return False
        was_current = visit_id == self._current_id
        deleted = self._guard("delete the visit", lambda: store.delete(visit_id))
        if deleted is None:
            return False
        saved = deleted

        def forget() -> None:
            if was_current:
                self._make_current(None, None)
            self.saved_changed.emit()

        def do() -> None:
            if self._guard("delete the visit", lambda: store.delete(visit_id)) is not None:
                forget()

        def undo() -> None:
            self._guard("bring the visit back", lambda: store.restore(saved))
            if was_current:
                self._make_current(visit_id, saved.plan)
            self.saved_changed.emit()

        self.undo_stack.push(_Step("Deleted a visit", do, undo, done=True))
        forget()
        title = visit_title(saved.plan.name, saved.plan.date)
        self.status.emit(f"Deleted “{title}”. Undo (Ctrl+Z) brings it back.")
        return True

    def push(
        self, text: str, do: Callable[[], None], undo: Callable[[], None], *, done: bool = False
    ) -> None:
        """An undoable edit of the visit (e.g. deleting a question) on the shared undo stack."""
        self.undo_stack.push(_Step(text, do, undo, done=done))

    # ----- errors

    def _require(self, verb: str) -> VisitStore | None:
        if self._store is None:
            if not self._started:
                self.start()
            if self._store is None:
                self.status.emit(f"Visits cannot be {verb}: {NOT_KEPT}")
        return self._store

    def _guard(self, what: str, action: Callable[[], T]) -> T | None:
        """Run a storage action; any failure is one status message and None."""
        from mgdesk.store.user_db import storage_errors

        failures: tuple[type[Exception], ...] = (InputError, OSError, *storage_errors())
        try:
            return action()
        except failures as exc:
            self.status.emit(f"Could not {what}: {exc}.")
            return None
