"""Signing the minutes and verifying their signatures (drafting.signing), from the meeting
view: who signs now in the organisation's order, with a card (PKCS#11) or a certificate file
(PKCS#12), the PIN masked and never stored; and every signature of a PDF with its verdict."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from drafting import meeting, signing
from drafting.i18n import _
from drafting.organization import Profile, UnknownOrganization, organization
from ui.services import worker

# Where the card software usually puts its PKCS#11 module (OpenSC; Debian's opensc-pkcs11).
MODULES = (
    "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
    "/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so",
    "/usr/lib/opensc-pkcs11.so",
    "/Library/OpenSC/lib/opensc-pkcs11.so",
    "C:/Windows/System32/opensc-pkcs11.dll",
)


def _file_row(edit: QLineEdit, pick: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(pick)
    return row


def _row(form: QFormLayout, text: str, field: QWidget | QHBoxLayout, buddy: QWidget) -> None:
    """A form row whose label's mnemonic (Alt+letter) focuses `buddy`."""
    label = QLabel(text)
    label.setBuddy(buddy)
    if isinstance(field, QHBoxLayout):
        form.addRow(label, field)
    else:
        form.addRow(label, field)


def _pick_pdf(parent: QWidget, edit: QLineEdit, title: str | None = None) -> None:
    path, _kind = QFileDialog.getOpenFileName(
        parent, title or _("Choose the minutes (PDF)"), edit.text(), _("PDF files (*.pdf)")
    )
    if path:
        edit.setText(path)
        edit.editingFinished.emit()


class SignDialog(QDialog):
    """The next signer's signature on the minutes' PDF, or on an extract's (certified by
    whom the extract names, in the organisation's order for extracts)."""

    def __init__(self, loaded: meeting.Meeting, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.signing_now = False  # a signature being made (off the UI thread)
        self.loaded = loaded
        self.setWindowTitle(_("Sign the minutes"))
        self.setMinimumWidth(680)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)

        self.sign_minutes = QRadioButton(_("M&inutes"), self)
        self.sign_minutes.setAccessibleName(_("Sign the minutes"))
        self.sign_extract = QRadioButton(_("E&xtract"), self)
        self.sign_extract.setAccessibleName(_("Sign an extract"))
        self.sign_minutes.setChecked(True)
        # Two choices in one dialog: each pair exclusive on its own, not all four radios.
        self.documents = QButtonGroup(self)
        self.documents.addButton(self.sign_minutes)
        self.documents.addButton(self.sign_extract)
        which = QHBoxLayout()
        which.addWidget(self.sign_minutes)
        which.addWidget(self.sign_extract)
        which.addStretch(1)
        form.addRow(_("Document:"), which)

        self.pdf = QLineEdit(self)
        self.pdf.editingFinished.connect(self.refresh)
        self.pick_pdf = QPushButton(_("Choose…"), self)
        self.pick_pdf.clicked.connect(lambda: _pick_pdf(self, self.pdf, self._pick_title()))
        self.pdf_label = QLabel(self)
        self.pdf_label.setBuddy(self.pdf)
        form.addRow(self.pdf_label, _file_row(self.pdf, self.pick_pdf))
        self.sign_extract.toggled.connect(self._document_changed)
        self._document_changed()

        self.order = QListWidget(self)
        self.order.setAccessibleName(_("Signing order"))
        self.order.setMaximumHeight(110)
        _row(form, _("Signing &order:"), self.order, self.order)
        self.next = QLabel(self)
        self.next.setAccessibleName(_("Signs now"))
        form.addRow(_("Signs now:"), self.next)

        self.use_card = QRadioButton(_("Smart &card or token (PKCS#11)"), self)
        self.use_file = QRadioButton(_("Certificate &file (PKCS#12)"), self)
        self.use_card.setChecked(True)
        self.kinds = QButtonGroup(self)
        self.kinds.addButton(self.use_card)
        self.kinds.addButton(self.use_file)
        kind = QHBoxLayout()
        kind.addWidget(self.use_card)
        kind.addWidget(self.use_file)
        kind.addStretch(1)
        form.addRow(_("Sign with:"), kind)

        self.module = QLineEdit(next((m for m in MODULES if Path(m).is_file()), ""), self)
        self.module.setAccessibleName(_("Card module (PKCS#11 library)"))
        self.token = QLineEdit(self)
        self.token.setAccessibleName(_("Card or token label"))
        self.key = QLineEdit(self)
        self.key.setAccessibleName(_("Signing key label"))
        self.p12 = QLineEdit(self)
        self.p12.setAccessibleName(_("Certificate file"))
        self.pick_p12 = QPushButton(_("Choose…"), self)
        self.pick_p12.setAccessibleName(_("Choose the certificate file"))
        self.pick_p12.clicked.connect(self._choose_p12)
        _row(form, _("Card &module:"), self.module, self.module)
        _row(form, _("Card &label:"), self.token, self.token)
        _row(form, _("&Key label:"), self.key, self.key)
        _row(form, _("Cer&tificate file:"), _file_row(self.p12, self.pick_p12), self.p12)
        self.pin = QLineEdit(self)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName(_("PIN or password (not stored)"))
        _row(form, _("&PIN:"), self.pin, self.pin)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName(_("Result"))
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(self)
        self.sign_button = buttons.addButton(_("&Sign"), QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(_("Close"))
        self.sign_button.clicked.connect(self.sign)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.use_card.toggled.connect(self._kind_changed)
        self._kind_changed()
        self.refresh()

    @property
    def document(self) -> str:
        """What the user signs: "minutes" or "extract"."""
        return "extract" if self.sign_extract.isChecked() else "minutes"

    def _pick_title(self) -> str:
        if self.document == "extract":
            return _("Choose the extract (PDF)")
        return _("Choose the minutes (PDF)")

    def _document_changed(self) -> None:
        extract = self.document == "extract"
        self.setWindowTitle(_("Sign an extract") if extract else _("Sign the minutes"))
        self.pdf_label.setText(_("Extract (P&DF):") if extract else _("Minutes (P&DF):"))
        self.pdf.setAccessibleName(
            _("The extract (archival PDF)") if extract else _("The minutes (archival PDF)")
        )
        self.pick_pdf.setAccessibleName(
            _("Choose the extract") if extract else _("Choose the minutes")
        )
        if hasattr(self, "sign_button"):
            self.refresh()

    def _kind_changed(self) -> None:
        card = self.use_card.isChecked()
        for widget in (self.module, self.token, self.key):
            widget.setEnabled(card)
        self.p12.setEnabled(not card)
        self.pick_p12.setEnabled(not card)

    def _choose_p12(self) -> None:
        path, _kind = QFileDialog.getOpenFileName(
            self, _("Choose the certificate file"), self.p12.text(), _("PKCS#12 (*.p12 *.pfx)")
        )
        if path:
            self.p12.setText(path)

    def _say(self, text: str, problem: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #a40000;" if problem else "")

    def refresh(self) -> signing.Plan | None:
        """The order and who signs now, as the chosen PDF says."""
        self.order.clear()
        self.next.setText("")
        self._say("")
        path = Path(self.pdf.text().strip()) if self.pdf.text().strip() else None
        if path is None:
            self.sign_button.setEnabled(False)
            return None
        try:
            plan = signing.plan(self.loaded, path.read_bytes(), self.document)
        except OSError as exc:
            self._say(_("{path} cannot be read: {reason}").format(path=path, reason=exc.strerror))
            self.sign_button.setEnabled(False)
            return None
        except signing.SigningError as exc:
            self._say(str(exc), problem=True)
            self.sign_button.setEnabled(False)
            return None
        for number, person in enumerate(plan.signers):
            mark = "✓" if number < plan.signed else ("→" if number == plan.signed else " ")
            self.order.addItem(f"{mark} {number + 1}. {person.name}, {person.title}")
        nxt = plan.next
        self.next.setText(
            f"{nxt.name}, {nxt.title}" if nxt is not None else _("Everyone has signed.")
        )
        self.sign_button.setEnabled(nxt is not None and not self.signing_now)
        return plan

    def key_given(self) -> signing.Key:
        pin = self.pin.text()
        if self.use_file.isChecked():
            return signing.Key(pin=pin, pkcs12=Path(self.p12.text().strip()))
        return signing.Key(
            pin=pin,
            module=Path(self.module.text().strip()),
            token=self.token.text().strip(),
            key=self.key.text().strip(),
        )

    def _missing(self) -> str:
        """The field the signing needs that is empty, said with its fix."""
        if self.use_file.isChecked():
            if not self.p12.text().strip():
                return _("Certificate file: choose the .p12 or .pfx file.")
        else:
            for edit, text in (
                (self.module, _("Card module: give the card software's PKCS#11 library.")),
                (self.token, _("Card label: give the label of the card or token.")),
                (self.key, _("Key label: give the label of the signing key on the card.")),
            ):
                if not edit.text().strip():
                    return text
        return ""

    def sign(self) -> None:
        if missing := self._missing():
            self._say(missing, problem=True)
            return
        path = Path(self.pdf.text().strip())
        key = self.key_given()
        self.pin.clear()  # never kept, whatever happens
        # Off the UI thread: a card, a token or a timestamp server may take seconds.
        loaded = self.loaded
        self.signing_now = True
        self.sign_button.setEnabled(False)
        self._say(_("Signing…"))
        worker.start(lambda: signing.sign(loaded, path, key), self._signed, self._not_signed)

    def busy(self) -> bool:
        """True while a signature is being made."""
        return self.signing_now

    def _not_signed(self, exc: Exception) -> None:
        self.signing_now = False
        self.refresh()
        self._say(str(exc) + "\n" + _("Nothing was signed; the file is unchanged."), problem=True)

    def _signed(self, signer) -> None:
        self.signing_now = False
        self.refresh()
        if self.document == "extract":
            self._say(_("{name} signed the extract.").format(name=signer.name))
        else:
            self._say(_("{name} signed the minutes.").format(name=signer.name))


class VerifyDialog(QDialog):
    """Every signature of a PDF: for whom, the certificate, when, and whether it holds."""

    def __init__(self, org_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.org_id = org_id
        self.setWindowTitle(_("Verify signatures"))
        self.setMinimumSize(940, 320)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.pdf = QLineEdit(self)
        self.pdf.setAccessibleName(_("The signed PDF"))
        self.pdf.returnPressed.connect(self.verify)
        self.pick_pdf = QPushButton(_("Choose…"), self)
        self.pick_pdf.setAccessibleName(_("Choose the signed PDF"))
        self.pick_pdf.clicked.connect(self._choose)
        _row(form, _("Signed &PDF:"), _file_row(self.pdf, self.pick_pdf), self.pdf)
        layout.addLayout(form)
        self.table = QTreeWidget(self)
        self.table.setAccessibleName(_("Signatures"))
        self.table.setRootIsDecorated(False)
        self.table.setColumnCount(5)
        self.table.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.header().setStretchLastSection(True)
        self.table.setHeaderLabels(["#", _("Signed for"), _("Certificate"), _("Time"), _("Status")])
        layout.addWidget(self.table, 1)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(_("Verdict"))
        layout.addWidget(self.summary)
        buttons = QDialogButtonBox(self)
        self.verify_button = buttons.addButton(_("&Verify"), QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(_("Close"))
        self.verify_button.clicked.connect(self.verify)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _choose(self) -> None:
        path, _kind = QFileDialog.getOpenFileName(
            self, _("Choose the signed PDF"), self.pdf.text(), _("PDF files (*.pdf)")
        )
        if path:
            self.pdf.setText(path)
            self.verify()

    def _profile(self, data: bytes) -> Profile | None:
        if self.org_id:
            try:
                return organization(self.org_id)
            except UnknownOrganization:
                return None
        return signing.profile_for(data)

    def verify(self) -> None:
        self.table.clear()
        text = self.pdf.text().strip()
        if not text:
            self._verdict(_("Signed PDF: choose the file to verify."), False)
            return
        path = Path(text)
        try:
            data = path.read_bytes()
        except OSError as exc:
            self._verdict(
                _("{path} cannot be read: {reason}").format(path=path, reason=exc.strerror), False
            )
            return
        try:
            result = signing.verify(data, self._profile(data))
        except signing.SigningError as exc:
            self._verdict(str(exc), False)
            return
        for number, sig in enumerate(result.signatures, 1):
            row = QTreeWidgetItem(
                [
                    str(number),
                    sig.name or sig.field,
                    sig.certificate,
                    signing.when(sig),
                    signing.status(sig),
                ]
            )
            self.table.addTopLevelItem(row)
        self._verdict("\n".join([*result.problems, signing.verdict(result)]), result.valid)

    def _verdict(self, text: str, valid: bool) -> None:
        self.summary.setText(text)
        self.summary.setStyleSheet("" if valid else "color: #a40000; font-weight: bold;")
