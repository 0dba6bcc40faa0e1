"""The preview's own banner follows the interface language: on a computer without
LibreOffice (a test not marked `libreoffice` finds none), "the preview needs LibreOffice"
is said again in Finnish after the user chooses Finnish."""

from __future__ import annotations

from tests.ui import user


def test_the_missing_libreoffice_banner_is_said_in_the_new_language(window, qtbot):
    banner = window.preview.banner
    qtbot.waitUntil(lambda: banner.isVisible() and "LibreOffice" in banner.text(), timeout=20000)
    assert "needs LibreOffice" in banner.text()
    user.menu(window, "Settings", "Interface language", "suomi")
    assert "Esikatselu tarvitsee LibreOfficen" in banner.text(), banner.text()
    user.menu(window, "Asetukset", "Käyttöliittymän kieli", "English")
    assert "needs LibreOffice" in banner.text()
