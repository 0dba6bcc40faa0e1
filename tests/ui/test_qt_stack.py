"""The Qt binding must not eat references: PySide6 6.12.0 on Python 3.11 took one from None
on every call that returns nothing, and the program aborted after a few thousand calls."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QCheckBox


def test_qt_calls_keep_none_and_bools_alive(qtbot):
    obj = QObject()
    box = QCheckBox()
    qtbot.addWidget(box)
    before = [sys.getrefcount(x) for x in (None, True, False)]
    for n in range(2000):
        obj.setObjectName("x")  # returns None
        box.setChecked(n % 2 == 0)  # sends a bool through `toggled`
    after = [sys.getrefcount(x) for x in (None, True, False)]
    assert all(a >= b - 50 for a, b in zip(after, before, strict=True)), (before, after)
