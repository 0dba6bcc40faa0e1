"""Help → About: the icon, the version, Qt's and PySide6's, and the licences."""

from __future__ import annotations

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel

from drafting import __version__, licenses
from ui import app
from ui.windows.about import AboutDialog


def test_the_icon_draws():
    icon = QIcon(str(app.ICON))
    assert not icon.isNull()
    for size in (16, 256):
        image = icon.pixmap(size, size).toImage()
        assert image.width() == size
        assert any(image.pixelColor(x, size // 2).alpha() for x in range(size))


def test_about_shows_versions_and_licences(qtbot, qapp):
    app.application()  # as the program starts: its names and its own icon
    qapp.setOrganizationName("PykalaTests")  # the test's settings stay the test's
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert __version__ in dialog.title.text()
    assert qVersion() in dialog.versions.text()
    assert PySide6.__version__ in dialog.versions.text()
    shipped = dialog.shipped.toPlainText()
    for component in licenses.shipped():
        assert component.name in shipped
        assert component.licence in shipped
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.texts.toPlainText()
    assert not dialog.windowIcon().isNull()
    # The dialog shows the program's icon (the one app.application() set), drawn.
    (shown,) = [label for label in dialog.findChildren(QLabel) if not label.pixmap().isNull()]
    expected = QIcon(str(app.ICON)).pixmap(96, 96).toImage()
    assert shown.pixmap().toImage() == expected


def test_help_about_opens_the_dialog(window):
    window.act_about.trigger()
    assert window.messages == [("about",)]
