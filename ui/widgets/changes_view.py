"""The decision as its changes from the proposal, on the Decision tab (drafting.changes does
the comparing; this only shows it).

Words the decision added are underlined in green, words it dropped struck through in red; a
legend says so in words too, and the tooltip of each change says which it is, so the colours
are not the only carrier of the meaning."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QCheckBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from drafting import changes, schema
from drafting.i18n import _
from ui.services.document import DraftDocument

_STYLE = {
    "ins": "color:#0b6b0b; text-decoration: underline;",
    "del": "color:#a40000; text-decoration: line-through;",
}


def changes_html(proposal: str, decision: str) -> str:
    """The comparison as HTML for a QTextBrowser."""
    titles = {"ins": _("Added in the decision"), "del": _("In the proposal only")}
    paragraphs = []
    for paragraph in changes.compare(proposal, decision):
        parts = []
        for change, text in paragraph:
            escaped = html.escape(text)
            if change:
                parts.append(
                    f'<span style="{_STYLE[change]}" title="{titles[change]}">{escaped}</span>'
                )
            else:
                parts.append(escaped)
        paragraphs.append(f"<p>{''.join(parts)}</p>")
    return "".join(paragraphs)


class ChangesView(QWidget):
    """A box to tick, and below it the decision compared with the proposal."""

    def __init__(self, document: DraftDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        layout = QVBoxLayout(self)
        layout.setContentsMargins(9, 0, 9, 0)
        self.toggle = QCheckBox(self)
        self.legend = QLabel(self)
        self.legend.setWordWrap(True)
        self.browser = QTextBrowser(self)
        self.browser.setMinimumHeight(160)
        layout.addWidget(self.toggle)
        layout.addWidget(self.legend)
        layout.addWidget(self.browser)
        self.toggle.toggled.connect(self.refresh)
        document.changed.connect(self._changed)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.toggle.setText(_("Show the decision as changes from the proposal"))
        self.toggle.setAccessibleName(self.toggle.text())
        self.legend.setText(
            _("Underlined: added in the decision. Struck through: in the proposal only.")
        )
        self.browser.setAccessibleName(_("The decision compared with the proposal"))
        self.refresh()

    def _changed(self, path: str) -> None:
        if path in ("", schema.PROPOSAL_TEXT, schema.DECISION_TEXT) and self.toggle.isChecked():
            self.refresh()

    def refresh(self) -> None:
        shown = self.toggle.isChecked()
        self.legend.setVisible(shown)
        self.browser.setVisible(shown)
        if shown:
            proposal = self.document.value(schema.PROPOSAL_TEXT) or ""
            decision = self.document.value(schema.DECISION_TEXT) or ""
            if decision.strip():
                self.browser.setHtml(changes_html(proposal, decision))
            else:
                self.browser.setPlainText(
                    _("The decision text is empty: the proposal prints as the decision.")
                )
