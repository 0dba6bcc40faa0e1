"""The roll call at the start of the meeting: every participant in the body's order, present
by default; Space (or the button) marks the current one absent or present again, and a deputy
(varajäsen) is added for a member. The widget says what the user chose (`toggle_asked`,
`deputy_asked`); the window changes the meeting and shows it again (`show_roster`)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from drafting import attendance
from drafting.i18n import _
from drafting.model import Participant


class Roster(QTreeWidget):
    """Name | role | present; Space turns the current participant's presence over."""

    toggle_asked = Signal(str)  # a participant's reference

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRootIsDecorated(False)
        self.setColumnCount(3)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.itemDoubleClicked.connect(lambda row, _c: self._toggle(row))

    def current_ref(self) -> str:
        row = self.currentItem()
        return str(row.data(0, Qt.ItemDataRole.UserRole)) if row is not None else ""

    def _toggle(self, row: QTreeWidgetItem | None) -> None:
        if row is not None:
            self.toggle_asked.emit(str(row.data(0, Qt.ItemDataRole.UserRole)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.modifiers():
            self._toggle(self.currentItem())
            return
        super().keyPressEvent(event)

    def show_roster(self, participants: list[Participant]) -> None:
        current = self.current_ref()
        self.clear()
        members = [p for p in participants if p.group == "member"]
        for person in members:
            ref = attendance.reference(person)
            status = _("present") if person.present else _("ABSENT")
            stands_for = (
                attendance.find(members, person.substitute_for) if person.substitute_for else None
            )
            role = person.role
            if stands_for is not None:
                role = _("deputy for {name}").format(name=stands_for.name)
            row = QTreeWidgetItem([person.name, role, status])
            row.setData(0, Qt.ItemDataRole.UserRole, ref)
            if not person.present:
                font = row.font(2)
                font.setBold(True)
                row.setFont(2, font)
            self.addTopLevelItem(row)
            if ref == current:
                self.setCurrentItem(row)
        first = self.topLevelItem(0)
        if self.currentItem() is None and first is not None:
            self.setCurrentItem(first)


class RollCall(QWidget):
    """The roster, the presence button and the form for a deputy."""

    toggle_asked = Signal(str)
    deputy_asked = Signal(str, str)  # the deputy's name, the reference of the member

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.roster = Roster(self)
        self.roster.toggle_asked.connect(self.toggle_asked)
        self.toggle_button = QPushButton(self)
        self.toggle_button.clicked.connect(lambda: self._toggle_current())
        self.deputy_box = QGroupBox(self)
        self.deputy_name_label = QLabel(self.deputy_box)
        self.deputy_name = QLineEdit(self.deputy_box)
        self.deputy_name_label.setBuddy(self.deputy_name)
        self.deputy_for_label = QLabel(self.deputy_box)
        self.deputy_for = QComboBox(self.deputy_box)
        self.deputy_for_label.setBuddy(self.deputy_for)
        self.deputy_button = QPushButton(self.deputy_box)
        self.deputy_button.clicked.connect(self._deputy)
        self.deputy_name.returnPressed.connect(self._deputy)
        deputy_row = QHBoxLayout(self.deputy_box)
        deputy_row.addWidget(self.deputy_name_label)
        deputy_row.addWidget(self.deputy_name, 2)
        deputy_row.addWidget(self.deputy_for_label)
        deputy_row.addWidget(self.deputy_for, 2)
        deputy_row.addWidget(self.deputy_button)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        top.addWidget(self.hint, 1)
        top.addWidget(self.toggle_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.roster, 1)
        layout.addWidget(self.deputy_box)
        layout.addWidget(self.message)

    def _toggle_current(self) -> None:
        ref = self.roster.current_ref()
        if ref:
            self.toggle_asked.emit(ref)
        self.roster.setFocus()

    def _deputy(self) -> None:
        name = self.deputy_name.text().strip()
        member = self.deputy_for.currentData()
        if not name:
            self.message.setText(_("Deputy: type the deputy's name first"))
            self.deputy_name.setFocus()
            return
        if not member:
            self.message.setText(_("For whom: choose the member the deputy stands for"))
            return
        self.message.clear()
        self.deputy_name.clear()
        self.deputy_asked.emit(name, str(member))

    def retranslate(self) -> None:
        self.roster.setHeaderLabels([_("Name"), _("Role"), _("Present")])
        self.roster.setAccessibleName(_("Roll call"))
        self.hint.setText(
            _("Everyone is present unless marked: Space marks the chosen member absent or present.")
        )
        self.toggle_button.setText(_("Absent / present (Space)"))
        self.toggle_button.setAccessibleName(_("Mark the chosen member absent or present"))
        self.deputy_box.setTitle(_("Deputy (varajäsen)"))
        self.deputy_name_label.setText(_("&Deputy:"))
        self.deputy_name.setAccessibleName(_("Deputy's name"))
        self.deputy_for_label.setText(_("&for:"))
        self.deputy_for.setAccessibleName(_("The member the deputy stands for"))
        self.deputy_button.setText(_("Add deputy"))
        self.deputy_button.setAccessibleName(_("Add the deputy"))

    def show_roster(self, participants: list[Participant]) -> None:
        self.roster.show_roster(participants)
        chosen = self.deputy_for.currentData()
        self.deputy_for.blockSignals(True)
        self.deputy_for.clear()
        for person in participants:
            if person.group == "member" and not person.substitute_for:
                self.deputy_for.addItem(person.name, attendance.reference(person))
        index = self.deputy_for.findData(chosen)
        self.deputy_for.setCurrentIndex(max(index, 0))
        self.deputy_for.blockSignals(False)
