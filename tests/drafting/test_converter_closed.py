"""A converter stopped with its window stays stopped: a preview that was still being made
when the window closed starts no LibreOffice that would outlive the window."""

from __future__ import annotations

import pytest

from drafting.render import warm


@pytest.mark.libreoffice
def test_a_stopped_converter_starts_no_libreoffice(monkeypatch):
    started = []
    monkeypatch.setattr(warm.WarmConverter, "_start", lambda self, *a: started.append(self))
    converter = warm.Converter()
    converter.stop()
    with pytest.raises(warm.ConverterClosed) as raised:
        converter.convert(b"PK not a real document", language="fi")
    assert "closed" in str(raised.value)
    assert started == []
    assert converter.pids == []
