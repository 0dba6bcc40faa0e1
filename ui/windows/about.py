"""Help → About: the version, Qt's and PySide6's, and what the program ships under which
licence (read from the packages' metadata by drafting.licenses), with the licence texts."""

from __future__ import annotations

import html
import platform

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from drafting import __version__, licenses
from drafting.i18n import _

QT_SOURCE = "https://download.qt.io/official_releases/qt/"
PYSIDE_SOURCE = "https://download.qt.io/official_releases/QtForPython/"


def versions() -> str:
    return _("Qt {qt}, PySide6 {pyside}, Python {python}").format(
        qt=qVersion(), pyside=PySide6.__version__, python=platform.python_version()
    )


def _table(components: list[licenses.Component]) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(c.name)}</td><td>{html.escape(c.version)}</td>"
        f"<td>{html.escape(c.licence)}</td></tr>"
        for c in components
    )
    head = "".join(
        f"<th align='left'>{h}</th>" for h in (_("Component"), _("Version"), _("Licence"))
    )
    return f"<table cellspacing='0' cellpadding='3'><tr>{head}</tr>{rows}</table>"


def _lgpl_note() -> str:
    return _(
        "Qt and PySide6 are used under the GNU LGPL version 3 and docxtpl under the LGPL "
        "version 2.1: they are separate libraries in the program's folder, and you may "
        "replace them with your own builds. Their source code: {qt} and {pyside}."
    ).format(
        qt=f"<a href='{QT_SOURCE}'>{QT_SOURCE}</a>",
        pyside=f"<a href='{PYSIDE_SOURCE}'>{PYSIDE_SOURCE}</a>",
    )


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About Pykälä"))
        self.setWindowIcon(QApplication.windowIcon())
        components = licenses.shipped()

        icon = QLabel()
        icon.setPixmap(QApplication.windowIcon().pixmap(96, 96))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title = QLabel(f"<h2>Pykälä {html.escape(__version__)}</h2>")
        self.summary = QLabel(
            _(
                "Pykälä drafts decision items and renders them to Word in the standard minutes "
                "layout."
            )
        )
        self.summary.setWordWrap(True)
        self.versions = QLabel(versions())
        self.versions.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text = QVBoxLayout()
        for label in (self.title, self.summary, self.versions):
            text.addWidget(label)
        text.addStretch()
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)

        self.shipped = QTextBrowser()
        self.shipped.setOpenExternalLinks(True)
        self.shipped.setHtml(
            "<p>"
            + _("Pykälä includes these components:")
            + "</p>"
            + _table(components)
            + f"<p>{_lgpl_note()}</p>"
        )
        self.texts = QTextBrowser()
        self.texts.setPlainText(
            "\n\n".join(
                f"{'=' * 72}\n{c.name} {c.version}: {c.licence}\n{'=' * 72}\n\n{c.text()}"
                for c in components
                if c.texts
            )
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(self.shipped, _("Components"))
        self.tabs.addTab(self.texts, _("Licence texts"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(640, 690)
