"""The right half of the My visit tab: the handout previewed as it will print, and Export PDF,
Print and Open in viewer. The preview is rendered in a worker thread after a pause in typing
(`handout_render`); Export and Print render the current visit at once, so they never use a
stale preview."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QRect,
    QSize,
    QStandardPaths,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QPainter, QShowEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mgdesk.domain.errors import InputError
from mgdesk.domain.paper import default_page_size
from mgdesk.store.content_db import ContentDB
from mgdesk.ui.user_data import UserData
from mgdesk.ui.visit.handout_render import (
    PreviewRenderer,
    RenderedHandout,
    journal_source,
    save_pdf,
)
from mgdesk.ui.visit_session import VisitSession
from mgdesk.ui.widgets import heading, set_role, text_label

PAGE_SIZES = {"letter": "Letter (US)", "a4": "A4"}
PRINT_DPI = 300


def _pages(count: int) -> str:
    return f"{count} page{'s' if count != 1 else ''}"


class HandoutPane(QWidget):
    """The preview of the open visit's handout and the ways out of the program with it."""

    status = Signal(str)
    preview_ready = Signal(int)  # pages, once the preview shows the current visit
    exported = Signal(str)  # the path of a saved PDF

    def __init__(self, content: ContentDB, visit: VisitSession, user_data: UserData) -> None:
        super().__init__()
        self._visit = visit
        self._preview_stale = True
        self._buffer: QBuffer | None = None
        self.last_export: Path | None = None
        self._export_folder: Path | None = None

        self.page_size = QComboBox()
        for key, label in PAGE_SIZES.items():
            self.page_size.addItem(label, key)
        self.page_size.setCurrentIndex(list(PAGE_SIZES).index(default_page_size()))
        self.page_size.setAccessibleName("Paper size")
        self.page_size.currentIndexChanged.connect(lambda _i: self.request_preview(now=True))
        size_label = QLabel("&Paper:")
        size_label.setBuddy(self.page_size)
        self.large_print = QCheckBox("Lar&ge print")
        self.large_print.setAccessibleName("Large print: body text at 14 points")
        self.large_print.setToolTip("Body text at 14 pt or more, for anyone who reads it better")
        self.large_print.toggled.connect(lambda _on: self.request_preview(now=True))
        self.preview_status = text_label("The preview appears here.", role="muted")
        self.preview_status.setAccessibleName("Preview status")
        self.document = QPdfDocument(self)
        self.preview = QPdfView(self)
        self.preview.setAccessibleName("Preview of the handout")
        self.preview.setDocument(self.document)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        # Fit-to-width with the scroll bar "as needed" never settles: the bar's coming and
        # going changes the width, which refits the pages, which changes the range again
        # (70 000 range changes in 3 s, a whole core busy while this tab is on screen).
        self.preview.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.export_button = QPushButton("E&xport PDF…")
        self.export_button.setToolTip("Ctrl+E")
        self.export_button.clicked.connect(self.export_pdf)
        self.print_button = QPushButton("P&rint…")
        self.print_button.setToolTip("Ctrl+P")
        self.print_button.clicked.connect(self.print_handout)
        self.viewer_button = QPushButton("Open in viewer")
        self.viewer_button.setEnabled(False)
        self.viewer_button.setToolTip("Export the PDF first; then it opens in your PDF viewer.")
        self.viewer_button.clicked.connect(self.open_in_viewer)
        self.export_message = text_label("", role="muted")
        self.export_message.setAccessibleName("Message about saving and printing")

        column = QVBoxLayout(self)
        column.setContentsMargins(4, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(heading("The handout as it will print", 2), 1)
        top.addWidget(size_label)
        top.addWidget(self.page_size)
        top.addWidget(self.large_print)
        column.addLayout(top)
        column.addWidget(self.preview_status)
        column.addWidget(self.preview, 1)
        buttons = QHBoxLayout()
        for button in (self.export_button, self.print_button, self.viewer_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addWidget(self.export_message)

        self.renderer = PreviewRenderer(content, self, journal_for=journal_source(user_data))
        self.renderer.started.connect(self._on_render_started)
        self.renderer.rendered.connect(self._on_rendered)
        self.renderer.failed.connect(self._on_render_failed)

    # ----- preview

    def request_preview(self, now: bool = False) -> None:
        """Render the visit again; while hidden, only remember that the preview is stale."""
        if not self.isVisible():
            self._preview_stale = True
            return
        self._preview_stale = False
        self.renderer.request(
            self._visit.plan,
            self.current_page_size(),
            now=now,
            large_print=self.large_print.isChecked(),
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._preview_stale:
            self.request_preview(now=True)

    def current_page_size(self) -> str:
        return str(self.page_size.currentData())

    def _on_render_started(self) -> None:
        self.preview_status.setText("Updating the preview…")
        set_role(self.preview_status, "muted")

    def _on_rendered(self, handout: RenderedHandout) -> None:
        if self.renderer.busy:
            return  # a newer visit is on its way
        buffer = QBuffer(self)
        buffer.setData(QByteArray(handout.data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
        self._buffer = buffer
        pages = self.document.pageCount()
        paper = PAGE_SIZES.get(handout.page_size, handout.page_size)
        self.preview_status.setText(
            f"{_pages(pages)}, {paper}. This is what Export and Print make."
        )
        set_role(self.preview_status, "muted")
        self.preview_ready.emit(pages)

    def _on_render_failed(self, message: str) -> None:
        self.preview_status.setText(f"⚠ {message}")
        set_role(self.preview_status, "error")

    def shutdown(self) -> None:
        """Wait for a render in progress (the window is closing)."""
        self.renderer.shutdown()

    # ----- export, print, viewer

    def _handout(self) -> RenderedHandout | None:
        try:
            return self.renderer.render_now(
                self._visit.plan, self.current_page_size(), self.large_print.isChecked()
            )
        except InputError as exc:
            self._export_message(f"The handout cannot be made from this visit: {exc}.", True)
            return None

    def _export_message(self, text: str, error: bool = False) -> None:
        self.export_message.setText(("⚠ " if error else "") + text)
        set_role(self.export_message, "error" if error else "ok")
        self.status.emit(text)

    def suggested_path(self) -> Path:
        plan = self._visit.plan
        stem = "mgdesk-visit" + (f"-{plan.date}" if plan.date else "")
        if self._export_folder is not None:
            return self._export_folder / f"{stem}.pdf"
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        folder = Path(documents) if documents and Path(documents).is_dir() else Path.home()
        return folder / f"{stem}.pdf"

    def choose_export_path(self, suggested: Path) -> Path | None:
        """Ask where to save the PDF (tests replace this)."""
        name, _ = QFileDialog.getSaveFileName(
            self, "Export the handout as PDF", str(suggested), "PDF files (*.pdf)"
        )
        return Path(name) if name else None

    def export_pdf(self) -> Path | None:
        """File ▸ Export PDF: ask where, then save; the saved path or None."""
        target = self.choose_export_path(self.suggested_path())
        if target is None:
            return None
        return target if self.export_to(target) else None

    def export_to(self, target: Path) -> bool:
        """Save the handout to `target` through a temporary file; one message either way."""
        if target.suffix.casefold() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        handout = self._handout()
        if handout is None:
            return False
        try:
            save_pdf(handout.data, target)
        except OSError as exc:
            reason = (exc.strerror or str(exc)).rstrip(".")
            self._export_message(
                f"The handout was not saved to {target}: {reason}. "
                "Any earlier file there is unchanged.",
                True,
            )
            return False
        self.last_export = target
        self._export_folder = target.parent
        self.viewer_button.setEnabled(True)
        self.viewer_button.setToolTip(f"Open {target.name} in your PDF viewer")
        self._export_message(f"Saved the handout ({_pages(handout.pages)}) to {target}.")
        self.exported.emit(str(target))
        return True

    def exec_print_dialog(self, printer: object) -> bool:
        """Show the system print dialog; True to print (tests replace this)."""
        from PySide6.QtPrintSupport import QPrintDialog

        dialog = QPrintDialog(printer, self)  # type: ignore[call-overload]
        dialog.setWindowTitle("Print the handout")
        return bool(dialog.exec() == QPrintDialog.DialogCode.Accepted)

    def print_handout(self) -> bool:
        """File ▸ Print: the same PDF, page by page, through the system print dialog."""
        from PySide6.QtGui import QPageLayout, QPageSize
        from PySide6.QtPrintSupport import QPrinter

        handout = self._handout()
        if handout is None:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        ids = QPageSize.PageSizeId
        printer.setPageSize(QPageSize(ids.Letter if handout.page_size == "letter" else ids.A4))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        printer.setFullPage(True)
        printer.setDocName("mgdesk visit handout")
        if not self.exec_print_dialog(printer):
            self._export_message("Printing canceled.")
            return False
        document = QPdfDocument()
        buffer = QBuffer()
        buffer.setData(QByteArray(handout.data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document.load(buffer)
        painter = QPainter()
        if not painter.begin(printer):
            self._export_message("The printer could not be started. Export the PDF instead.", True)
            return False
        try:
            page_rect = printer.pageLayout().fullRectPixels(printer.resolution())
            for page in range(document.pageCount()):
                if page:
                    printer.newPage()
                points = document.pagePointSize(page)
                pixels = QSize(
                    round(points.width() * PRINT_DPI / 72), round(points.height() * PRINT_DPI / 72)
                )
                image = document.render(page, pixels)
                scale = min(page_rect.width() / image.width(), page_rect.height() / image.height())
                width, height = round(image.width() * scale), round(image.height() * scale)
                painter.drawImage(QRect(0, 0, width, height), image)
        finally:
            painter.end()
            document.close()
            buffer.close()
        self._export_message(f"Sent {_pages(handout.pages)} to the printer.")
        return True

    def open_url(self, url: QUrl) -> bool:
        """Hand a file to the desktop (tests replace this)."""
        return QDesktopServices.openUrl(url)

    def open_in_viewer(self) -> bool:
        target = self.last_export
        if target is None or not target.is_file():
            self._export_message("Export the PDF first; then it can open in your viewer.", True)
            return False
        if not self.open_url(QUrl.fromLocalFile(str(target))):
            self._export_message(f"No PDF viewer opened the file. It is saved at {target}.", True)
            return False
        self._export_message(f"Opened {target.name} in your PDF viewer.")
        return True
