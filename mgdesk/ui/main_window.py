"""The main window: the tabs, the search field, the menus, the status bar, and the wiring.

The window owns no medical logic and no data of its own: it builds the tabs (lazily, through
`TabHost`), connects their typed signals to each other, and remembers geometry, splitters and
the last tab through the declared settings. Dialogs that block sit behind small methods
(`exec_dialog`, `confirm_first_run_notice`) so tests can replace them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from mgdesk.domain.visit import VisitPlan

if TYPE_CHECKING:
    from mgdesk.ui.backups_dialog import RestoreDialog
    from mgdesk.ui.dialogs import AboutDialog, ShortcutsDialog, SourcesDialog
    from mgdesk.ui.forms.tab import FormsTab
    from mgdesk.ui.interactions.tab import InteractionsTab
    from mgdesk.ui.search_panel import SearchPanel
    from mgdesk.ui.symptoms.tab import SymptomsTab
    from mgdesk.ui.update_dialog import UpdateDialog
    from mgdesk.ui.visit.tab import VisitTab
from mgdesk.store.content_db import ContentDB
from mgdesk.ui import settings as keys
from mgdesk.ui.search_field import make_search_field, wrap_field
from mgdesk.ui.settings import THEME_LABELS, THEMES, Settings
from mgdesk.ui.tab_host import TabHost, TabSpec
from mgdesk.ui.theme import Appearance, hyperlegible_available
from mgdesk.ui.user_data import UserData
from mgdesk.ui.visit.keeper import VisitKeeper
from mgdesk.ui.visit_session import VisitSession

TAB_TITLES = {
    "symptoms": "Symptoms",
    "forms": "Forms",
    "dosage": "Dosage",
    "interactions": "Interactions",
    "plan": "My plan",
    "journal": "Journal",
    "visit": "My visit",
}
TAB_CLASSES = {
    "symptoms": "SymptomsTab",
    "forms": "FormsTab",
    "dosage": "DosageTab",
    "interactions": "InteractionsTab",
    "plan": "PlanTab",
    "journal": "JournalTab",
    "visit": "VisitTab",
}
# Tabs that read or write the user's own data get the `UserData` as a third argument.
USER_DATA_TABS = frozenset({"plan", "journal", "visit"})
TAB_DESCRIPTIONS = {
    "symptoms": "Which symptoms magnesium may help, how, and how strong the evidence is",
    "forms": "The forms of magnesium compared",
    "dosage": "Recommended intake and upper limit for your age; mg converter",
    "interactions": "What your medicines and conditions mean for magnesium",
    "plan": "Your total magnesium, forms that may fit, and a draft timetable for your doctor",
    "journal": "Symptoms over time, the pain map and a try-it plan",
    "visit": "What you have picked for your doctor visit",
}


class MainWindow(QMainWindow):
    """mgdesk's window. `first_painted` after the first paint; `loaded` once every tab is built."""

    first_painted = Signal()
    loaded = Signal()

    def __init__(
        self,
        content: ContentDB,
        visit: VisitSession,
        settings: Settings,
        appearance: Appearance,
        user_data: UserData | None = None,
    ) -> None:
        super().__init__()
        self._content = content
        self.user_data = user_data if user_data is not None else UserData(parent=self)
        self.user_data.problem.connect(self._on_user_data_problem)
        self._visit = visit
        self._settings = settings
        self._appearance = appearance
        self._painted = False
        self._selected_symptoms: list[str] = []
        self._dialogs: dict[str, QDialog] = {}
        self.setWindowTitle("mgdesk — magnesium and fibromyalgia")
        self.setObjectName("mgdesk-main")

        self.tabs = TabHost(
            [
                TabSpec(
                    key,
                    TAB_TITLES[key],
                    self._builder(key),
                    TAB_DESCRIPTIONS[key],
                )
                for key in TAB_TITLES
            ]
        )
        self.tabs.tab_built.connect(self._on_tab_built)
        self.tabs.all_built.connect(self._on_all_built)

        self.search_field = make_search_field()
        self.search_field.textChanged.connect(self._on_search_text)
        self.search_field.returnPressed.connect(lambda: self.search_panel.open_current())
        self.search_field.move_down.connect(lambda: self.search_panel.focus_results())
        self._search_panel: SearchPanel | None = None

        central = QWidget()
        self._central_column = QVBoxLayout(central)
        self._central_column.setContentsMargins(4, 4, 4, 0)
        self._central_column.addWidget(self.tabs, 5)
        self.setCentralWidget(central)

        self.toolbar = QToolBar("Search")
        self.toolbar.setObjectName("search-toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setAccessibleName("Toolbar")
        self.toolbar.addWidget(wrap_field(self.search_field))
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

        self.visit_summary = QLabel()
        self.visit_summary.setAccessibleName("What your visit holds")
        self.statusBar().addPermanentWidget(self.visit_summary)
        self.statusBar().setAccessibleName("Status")
        visit.changed.connect(self._on_visit)
        self._on_visit(visit.plan)

        self.actions_with_shortcuts: list[QAction] = []
        self._start_visit_keeper()
        self._build_menus()
        appearance.changed.connect(self._sync_view_menu)

        self._restore()
        self.installEventFilter(self)
        self.show_status("Ready.")

    # ----- building

    def _builder(self, key: str) -> Callable[[], QWidget]:
        """How to build one tab; each tab's module is imported only when it is built."""

        def build() -> QWidget:
            module = importlib.import_module(f"mgdesk.ui.{key}.tab")
            tab_class = getattr(module, TAB_CLASSES[key])
            if key in USER_DATA_TABS:
                widget: QWidget = tab_class(self._content, self._visit, self.user_data)
            else:
                widget = tab_class(self._content, self._visit)
            return widget

        return build

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcuts: tuple[QKeySequence | str | QKeySequence.StandardKey, ...] = (),
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: slot())
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
            self.actions_with_shortcuts.append(action)
        if tip:
            action.setStatusTip(tip)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self._build_visit_menu(file_menu)
        file_menu.addSeparator()
        self.restore_action = self._action(
            "&Restore from backup…", self.show_restore, tip="Put back an automatic backup"
        )
        file_menu.addAction(self.restore_action)
        self.update_content_action = self._action(
            "&Update reference content…",
            self.update_content,
            tip="Install a signed content pack (.mgpack) from a file",
        )
        file_menu.addAction(self.update_content_action)
        file_menu.addSeparator()
        self.quit_action = self._action("&Quit", self.close, ("Ctrl+Q",), "Quit mgdesk")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addAction(self.quit_action)

        view = bar.addMenu("&View")
        self.search_action = self._action(
            "&Search everything", self.focus_search, ("Ctrl+K", "Ctrl+F"), "Search all content"
        )
        view.addAction(self.search_action)
        view.addSeparator()
        for index, (key, title) in enumerate(TAB_TITLES.items(), start=1):
            action = self._action(f"Go to {title}", partial(self.show_tab, key), (f"Ctrl+{index}",))
            view.addAction(action)
        view.addSeparator()
        self.zoom_in_action = self._action(
            "&Larger text", self._appearance.zoom_in, ("Ctrl+=", "Ctrl++")
        )
        self.zoom_out_action = self._action("S&maller text", self._appearance.zoom_out, ("Ctrl+-",))
        self.zoom_reset_action = self._action(
            "&Normal text size", self._appearance.reset_zoom, ("Ctrl+0",)
        )
        for action in (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
            view.addAction(action)
        theme_menu = view.addMenu("&Theme")
        self.theme_group = QActionGroup(self)
        self.theme_group.setExclusive(True)
        self.theme_actions: dict[str, QAction] = {}
        for theme in THEMES:
            action = QAction(THEME_LABELS[theme], self)
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, t=theme: self._appearance.set_theme(t))
            self.theme_group.addAction(action)
            theme_menu.addAction(action)
            self.theme_actions[theme] = action
        self.font_action = QAction("&Hyperlegible font (Atkinson Hyperlegible)", self)
        self.font_action.setCheckable(True)
        self.font_action.setEnabled(hyperlegible_available())
        self.font_action.toggled.connect(self._appearance.set_hyperlegible)
        view.addAction(self.font_action)

        help_menu = bar.addMenu("&Help")
        self.shortcuts_action = self._action(
            "&Keyboard shortcuts", self.show_shortcuts, (QKeySequence.StandardKey.HelpContents,)
        )
        self.sources_action = self._action("&Sources", self.show_sources)
        self.about_action = self._action("&About mgdesk", self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        for action in (self.shortcuts_action, self.sources_action, self.about_action):
            help_menu.addAction(action)
        self._sync_view_menu()

    def _sync_view_menu(self) -> None:
        self.theme_actions[self._appearance.theme].setChecked(True)
        self.font_action.blockSignals(True)
        self.font_action.setChecked(self._appearance.hyperlegible)
        self.font_action.blockSignals(False)
        self.zoom_in_action.setEnabled(self._appearance.text_scale < keys.TEXT_SCALES[-1])
        self.zoom_out_action.setEnabled(self._appearance.text_scale > keys.TEXT_SCALES[0])
        self.show_status(f"Text size {self._appearance.text_scale} %.")

    # ----- tabs and their wiring

    def tab(self, key: str) -> QWidget:
        """A tab's content, built if needed (tests and wiring use this)."""
        return self.tabs.content(key)

    def show_tab(self, key: str) -> QWidget:
        return self.tabs.show_tab(key)

    def _on_tab_built(self, key: str, widget: QWidget) -> None:
        status = getattr(widget, "status", None)
        if status is not None:
            status.connect(self.show_status)
        go_to_tab = getattr(widget, "go_to_tab", None)
        if go_to_tab is not None:
            go_to_tab.connect(self.show_tab)
        if key == "symptoms":
            symptoms = self._symptoms_tab()
            symptoms.form_chosen.connect(partial(self.open_item, "form"))
            symptoms.symptoms_selected.connect(self._on_symptoms_selected)
            self._selected_symptoms = symptoms.selected_ids()
            if self.tabs.is_built("forms"):
                self._forms_tab().highlight_for(self._selected_symptoms)
        if key == "visit":
            self._wire_visit_tab(widget)
        if key == "forms":
            forms = self._forms_tab()
            forms.symptom_chosen.connect(partial(self.open_item, "symptom"))
            forms.highlight_for(self._selected_symptoms)
        setting = keys.SPLITTERS.get(key)
        splitter = widget.findChild(QSplitter, key)
        if setting is not None and splitter is not None:
            state = self._settings.get(setting)
            if not state.isEmpty():
                splitter.restoreState(state)

    def _symptoms_tab(self) -> SymptomsTab:
        from mgdesk.ui.symptoms.tab import SymptomsTab

        widget = self.tabs.content("symptoms")
        assert isinstance(widget, SymptomsTab)
        return widget

    def _forms_tab(self) -> FormsTab:
        from mgdesk.ui.forms.tab import FormsTab

        widget = self.tabs.content("forms")
        assert isinstance(widget, FormsTab)
        return widget

    def _interactions_tab(self) -> InteractionsTab:
        from mgdesk.ui.interactions.tab import InteractionsTab

        widget = self.tabs.content("interactions")
        assert isinstance(widget, InteractionsTab)
        return widget

    def _on_symptoms_selected(self, ids: list[str]) -> None:
        self._selected_symptoms = list(ids)
        if self.tabs.is_built("forms"):
            self._forms_tab().highlight_for(self._selected_symptoms)

    def load_remaining_tabs(self) -> None:
        """Build the tabs not on screen, in the background (after the first paint)."""
        if len(self.tabs.built()) < len(self.tabs.tab_keys()):
            self.show_status("Loading the other tabs…")
        self.tabs.load_in_background()

    def _on_all_built(self) -> None:
        self.show_status("Ready: every tab is loaded.")
        self.loaded.emit()

    def open_item(self, kind: str, ident: str) -> None:
        """Show one item of the content where it lives (search results, links)."""
        if kind == "symptom":
            self.show_tab("symptoms")
            symptoms = self._symptoms_tab()
            symptoms.show_symptom(ident)
            symptoms.list.setFocus(Qt.FocusReason.OtherFocusReason)
        elif kind == "form":
            self.show_tab("forms")
            forms = self._forms_tab()
            forms.show_form(ident)
            forms.table.setFocus(Qt.FocusReason.OtherFocusReason)
        elif kind in ("medicine", "interaction", "condition"):
            self.show_tab("interactions")
            inter = self._interactions_tab()
            if kind == "medicine":
                inter.show_medicine(ident)
            elif kind == "interaction":
                inter.show_group(ident)
            else:
                inter.show_condition(ident)
        elif kind == "study":
            dialog = self.show_sources()
            dialog.select(ident)
        else:
            self.show_status(f"Cannot open a {kind}.")
            return
        self.show_status(f"Opened {kind} {ident}.")

    # ----- the visit: File menu, draft kept after the first paint, flushed on close

    def _start_visit_keeper(self) -> None:
        """The draft is read after the first paint (the user DB is slow to open) and saved as
        the user types; the File menu's visit actions go through the same keeper."""
        self.visit_keeper = VisitKeeper.of(self._visit, self.user_data)
        self.visit_keeper.status.connect(self.show_status)
        # One more turn of the loop: a start-up benchmark that quits at the first paint does
        # not pay for opening the user DB.
        self.first_painted.connect(lambda: QTimer.singleShot(0, self, self.visit_keeper.start))

    def _build_visit_menu(self, file_menu: QMenu) -> None:
        self.new_visit_action = self._action(
            "&New visit",
            self.visit_keeper.new_visit,
            (QKeySequence.StandardKey.New,),
            "Start an empty visit; the current one is kept in your saved visits",
        )
        self.open_visit_action = self._action(
            "&Open…", self.open_visits, (QKeySequence.StandardKey.Open,), "Open a saved visit"
        )
        self.save_visit_action = self._action(
            "&Save",
            self.visit_keeper.save,
            (QKeySequence.StandardKey.Save,),
            "Save this visit in your saved visits",
        )
        self.export_pdf_action = self._action(
            "&Export PDF…", self.export_pdf, ("Ctrl+E",), "Save the handout as a PDF file"
        )
        self.print_action = self._action(
            "&Print…", self.print_handout, (QKeySequence.StandardKey.Print,), "Print the handout"
        )
        for action in (
            self.new_visit_action,
            self.open_visit_action,
            self.save_visit_action,
            self.export_pdf_action,
            self.print_action,
        ):
            file_menu.addAction(action)

    def _visit_tab(self) -> VisitTab:
        from mgdesk.ui.visit.tab import VisitTab

        widget = self.show_tab("visit")
        assert isinstance(widget, VisitTab)
        return widget

    def _wire_visit_tab(self, widget: QWidget) -> None:
        widget.go_to.connect(self.show_tab)  # type: ignore[attr-defined]

    def open_visits(self) -> None:
        self._visit_tab().focus_saved_visits()

    def export_pdf(self) -> None:
        self._visit_tab().export_pdf()

    def print_handout(self) -> None:
        self._visit_tab().print_handout()

    def _close_visit(self) -> None:
        self.visit_keeper.flush()
        if self.tabs.is_built("visit"):
            self.tabs.content("visit").shutdown()  # type: ignore[attr-defined]

    # ----- search

    @property
    def search_panel(self) -> SearchPanel:
        """The results panel, made on first use (it is hidden at start-up)."""
        if self._search_panel is None:
            from mgdesk.ui.search_panel import SearchPanel

            panel = SearchPanel(self._content, self.search_field)
            panel.open_hit.connect(self.open_item)
            panel.status.connect(self.show_status)
            self._central_column.insertWidget(0, panel, 2)
            self._search_panel = panel
        return self._search_panel

    def _on_search_text(self, text: str) -> None:
        if text.strip() or self._search_panel is not None:
            self.search_panel.run(text)

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()
        if self.search_field.text().strip():
            self.search_panel.run(self.search_field.text())

    # ----- dialogs

    def exec_dialog(self, dialog: QDialog) -> None:
        """Show a dialog without blocking (window-modal); tests may replace this."""
        dialog.open()

    def _dialog(self, name: str, make: Callable[[], QDialog]) -> QDialog:
        dialog = self._dialogs.get(name)
        if dialog is None:
            dialog = make()
            self._dialogs[name] = dialog
        self.exec_dialog(dialog)
        return dialog

    def show_about(self) -> AboutDialog:
        from mgdesk.ui.dialogs import AboutDialog

        dialog = self._dialog("about", lambda: AboutDialog(self._content.meta, self))
        assert isinstance(dialog, AboutDialog)
        return dialog

    def update_content(self, file: Path | None = None) -> UpdateDialog | None:
        """Ask for a pack file (unless given), then show what it changes before installing."""
        from PySide6.QtWidgets import QFileDialog

        from mgdesk.ui.update_dialog import UpdateDialog

        if file is None:
            name, _ = QFileDialog.getOpenFileName(
                self, "Update reference content", "", "mgdesk content pack (*.mgpack)"
            )
            if not name:
                return None
            file = Path(name)
        dialog = UpdateDialog(file, self)
        self.exec_dialog(dialog)
        return dialog

    def show_sources(self) -> SourcesDialog:
        from mgdesk.ui.dialogs import SourcesDialog

        dialog = self._dialog(
            "sources",
            lambda: SourcesDialog(self._content.studies, self._content.sources, self),
        )
        assert isinstance(dialog, SourcesDialog)
        return dialog

    def show_shortcuts(self) -> ShortcutsDialog:
        from mgdesk.ui.dialogs import ShortcutsDialog

        dialog = self._dialog(
            "shortcuts", lambda: ShortcutsDialog(self.actions_with_shortcuts, self)
        )
        assert isinstance(dialog, ShortcutsDialog)
        return dialog

    def show_restore(self) -> RestoreDialog:
        """File > Restore from backup (made afresh each time: the backups change)."""
        from mgdesk.ui.backups_dialog import RestoreDialog

        previous = self._dialogs.pop("restore", None)
        if previous is not None:
            previous.deleteLater()
        dialog = RestoreDialog(self.user_data, self)
        dialog.restored.connect(self.show_status)
        self._dialogs["restore"] = dialog
        self.exec_dialog(dialog)
        return dialog

    def _on_user_data_problem(self, message: str) -> None:
        """The user DB cannot be used: say so once, offer the newest backup, keep going."""
        from PySide6.QtWidgets import QMessageBox

        self.show_status("Your saved data is not available; reference pages work as usual.")
        box = QMessageBox(self)
        box.setObjectName("data-problem")
        box.setWindowTitle("Your saved data")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(message)
        box.setInformativeText(
            "The reference pages work as usual. Until this is solved, visits, the journal and "
            "plans you make now are not saved."
        )
        if self.user_data.backups():
            restore = box.addButton("Restore from a &backup…", QMessageBox.ButtonRole.ActionRole)
            restore.clicked.connect(self.show_restore)
        box.addButton("&Continue", QMessageBox.ButtonRole.AcceptRole)
        self._dialogs["data-problem"] = box
        self.exec_dialog(box)

    def confirm_first_run_notice(self) -> bool:
        """Ask the user to acknowledge the notice; True when they did (tests replace this)."""
        from PySide6.QtWidgets import QMessageBox

        from mgdesk.ui.dialogs import FIRST_RUN_TEXT

        box = QMessageBox(self)
        box.setWindowTitle("Before you start")
        box.setIcon(QMessageBox.Icon.Information)
        box.setText(FIRST_RUN_TEXT)
        button = box.addButton("I understand", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(button)
        box.exec()
        return box.clickedButton() is button

    def maybe_show_first_run_notice(self) -> None:
        """The first-run notice, once: shown until the user has acknowledged it."""
        if self._settings.get(keys.FIRST_RUN_ACKNOWLEDGED):
            return
        if self.confirm_first_run_notice():
            self._settings.set(keys.FIRST_RUN_ACKNOWLEDGED, True)
            self._settings.sync()

    # ----- status

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _on_visit(self, plan: VisitPlan) -> None:
        parts = [
            (len(plan.symptoms), "symptom"),
            (len(plan.forms), "form"),
            (len(plan.medicines), "medicine"),
            (len(plan.conditions), "condition"),
        ]
        words = ", ".join(f"{n} {word}{'s' if n != 1 else ''}" for n, word in parts if n)
        self.visit_summary.setText(f"My visit: {words or 'empty'}")

    # ----- remembering

    def _restore(self) -> None:
        geometry = self._settings.get(keys.WINDOW_GEOMETRY)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(1120, 780)
        state = self._settings.get(keys.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        last = self._settings.get(keys.LAST_TAB)
        self.tabs.show_tab(last if last in self.tabs.tab_keys() else "symptoms")

    def save_settings(self) -> None:
        self._settings.set(keys.WINDOW_GEOMETRY, QByteArray(self.saveGeometry()))
        self._settings.set(keys.WINDOW_STATE, QByteArray(self.saveState()))
        current = self.tabs.current_key()
        if current is not None:
            self._settings.set(keys.LAST_TAB, current)
        for key, widget in self.tabs.built().items():
            setting = keys.SPLITTERS.get(key)
            splitter = widget.findChild(QSplitter, key)
            if setting is not None and splitter is not None:
                self._settings.set(setting, QByteArray(splitter.saveState()))
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._close_visit()
        self.save_settings()
        for dialog in self._dialogs.values():
            dialog.close()
        super().closeEvent(event)

    # ----- first paint

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            self.removeEventFilter(self)
            # Let the paint finish before anyone reacts.
            QTimer.singleShot(0, self, self.first_painted.emit)
        return super().eventFilter(watched, event)

    @property
    def painted(self) -> bool:
        return self._painted
