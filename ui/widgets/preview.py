"""The preview: the PDF LibreOffice makes from the very DOCX that export writes.

One pipeline (drafting.render → LibreOffice), no second layout engine, so the pages, the
breaks and "N (M)" are those that print. The pane never blocks: rendering and conversion
run in a worker; the pane shows the last pages, marked as out of date, until new ones come.
"""

from __future__ import annotations

from typing import cast

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QPalette
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from drafting.i18n import _

ZOOM_STEP = 1.2


class PreviewPane(QWidget):
    """Pages, page navigation, zoom and fit to width; a banner for what went wrong."""

    shown = Signal()  # new pages are on screen

    def __init__(self, parent: QWidget | None = None, document: QPdfDocument | None = None) -> None:
        super().__init__(parent)
        self.pdf = document or QPdfDocument(self)
        self._buffer: QBuffer | None = None  # QPdfDocument reads from it: keep it alive
        self.view = QPdfView(self)
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        # Fit-to-width with a scroll bar that comes and goes can relayout forever (the bar
        # narrows the page, the page no longer needs the bar, …): keep the bar.
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.view.setPageSpacing(12)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff4d6; color: #4a3b00; padding: 6px;")
        self.banner.hide()
        # "Updating…" over the pages' top corner, not in the toolbar: there, on a narrow screen,
        # it pushed the toolbar's last buttons into the overflow ("»").
        self.state = QLabel(self.view)
        self.state.setStyleSheet("background: #fff4d6; color: #4a3b00; padding: 2px 6px;")
        self.state.hide()
        # Says when the pages are the public copy: its own line above the pages, never in the
        # toolbar's overflow, where a narrow preview would hide it.
        self.copy_label = QLabel(self)
        self.copy_label.setStyleSheet(
            "font-weight: bold; color: #7a0000; background: #fde8e8; padding: 4px 6px;"
        )
        self.copy_label.hide()
        self.public = False
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.act_previous = self._action(self.previous_page, Qt.Key.Key_PageUp)
        self.act_next = self._action(self.next_page, Qt.Key.Key_PageDown)
        self.page_label = QLabel(self)
        self.act_zoom_out = self._action(lambda: self.zoom(1 / ZOOM_STEP))
        self.act_zoom_in = self._action(lambda: self.zoom(ZOOM_STEP))
        self.act_fit = self._action(self.fit_width)
        for item in (
            self.act_previous,
            self.page_label,
            self.act_next,
            None,
            self.act_zoom_out,
            self.act_zoom_in,
            self.act_fit,
        ):
            if item is None:
                self.toolbar.addSeparator()
            elif isinstance(item, QAction):
                self.toolbar.addAction(item)
            else:
                self.toolbar.addWidget(item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.copy_label)
        layout.addWidget(self.banner)
        layout.addWidget(self.view, 1)
        self.view.pageNavigator().currentPageChanged.connect(self.update_page_label)
        self.pdf.pageCountChanged.connect(self.update_page_label)
        self.stale = False
        self.retranslate()

    def _action(self, slot, shortcut=None) -> QAction:
        action = QAction(self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(action)
        return action

    def retranslate(self) -> None:
        # Arrows and signs on the buttons (their names in the tooltip and for a screen
        # reader): in Finnish and Swedish the words pushed "Fit width" into the overflow.
        texts = (
            (self.act_previous, _("Previous page"), "‹"),
            (self.act_next, _("Next page"), "›"),
            (self.act_zoom_out, _("Zoom out"), "−"),
            (self.act_zoom_in, _("Zoom in"), "+"),
            (self.act_fit, _("Fit width"), None),
        )
        for action, text, sign in texts:
            action.setText(text)
            action.setIconText(sign or text)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text} ({keys})" if keys else text)
            button = self.toolbar.widgetForAction(action)
            if button is not None:
                button.setAccessibleName(text)
        self.view.setAccessibleName(_("Print preview"))
        self.update_page_label()
        self.set_stale(self.stale)
        self.set_public(self.public)

    def set_public(self, public: bool) -> None:
        """Mark the pages as the public copy (personal data masked, secret attachments
        withheld), or not."""
        self.public = public
        self.copy_label.setText(_("Public copy") if public else "")
        self.copy_label.setVisible(public)

    # --- showing pages ---------------------------------------------------------------

    def page_count(self) -> int:
        return self.pdf.pageCount()

    def data(self) -> bytes:
        """The PDF shown: what prints and exports."""
        if self._buffer is None:
            return b""
        return cast(bytes, self._buffer.data().data())  # bytes in PySide6; the stubs say more

    def show_pdf(self, data: bytes) -> None:
        """New pages, keeping the reader where they were."""
        scroll = self.view.verticalScrollBar().value()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self.view.verticalScrollBar().setValue(scroll)
        self.set_stale(False)
        self.show_banner("")
        self.update_page_label()
        self.shown.emit()

    def set_stale(self, stale: bool) -> None:
        """Out-of-date pages stay readable; the label and a lighter surround say so."""
        self.stale = stale
        self.state.setText(_("Updating…") if stale else "")
        self.state.setVisible(stale)
        self._place_state()
        # The surround is the palette's Dark (QPdfView paints it): a style sheet here was
        # re-applied to the view and its scroll bars twice per refresh, on the UI thread.
        palette = self.view.palette()
        palette.setColor(QPalette.ColorRole.Dark, QColor("#b0b4ba" if stale else "#8a8f96"))
        self.view.setPalette(palette)

    def _place_state(self) -> None:
        """The state in the top right corner of the pages."""
        self.state.adjustSize()
        self.state.move(self.view.viewport().geometry().right() - self.state.width() - 4, 4)
        self.state.raise_()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_state()

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def update_page_label(self, *_args) -> None:
        if not shiboken6.isValid(self.pdf):
            return  # a preview window's shared pages went with the main window
        count = self.pdf.pageCount()
        current = self.view.pageNavigator().currentPage() + 1 if count else 0
        self.page_label.setText(_("Page {page} of {count}").format(page=current, count=count))
        self.act_previous.setEnabled(current > 1)
        self.act_next.setEnabled(current < count)

    # --- navigation and zoom ---------------------------------------------------------

    def go_to(self, page: int) -> None:
        page = max(0, min(page, self.pdf.pageCount() - 1))
        self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())

    def previous_page(self) -> None:
        self.go_to(self.view.pageNavigator().currentPage() - 1)

    def next_page(self) -> None:
        self.go_to(self.view.pageNavigator().currentPage() + 1)

    def zoom(self, factor: float) -> None:
        current = self.view.zoomFactor()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(4.0, current * factor)))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)


class PreviewWindow(QDialog):
    """The same pages, larger, in a window of their own (non-modal)."""

    def __init__(self, source: PreviewPane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pane = PreviewPane(self, source.pdf)
        QVBoxLayout(self).addWidget(self.pane)
        self.setContentsMargins(0, 0, 0, 0)
        self.resize(900, 1000)
        source.shown.connect(self.pane.update_page_label)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Print preview"))
        self.pane.retranslate()
