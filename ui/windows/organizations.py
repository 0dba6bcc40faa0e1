"""Settings → Organisations: the profiles, and an editor for one (drafting.profiles).

Built-in profiles are read-only: saving one writes the user's own copy with the same id,
which is then used. Every question (a new id, where to export, what to import) goes through
the window's Asker, so tests answer it.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from drafting import appeals, profiles
from drafting.i18n import _
from drafting.model import LANGUAGES

FOOTER_FIELDS = ("column", "label", *LANGUAGES, "until")
APPEAL_LANGUAGES = LANGUAGES  # the appeal table's columns


def _cell(value: object) -> QTableWidgetItem:
    return QTableWidgetItem("" if value is None else str(value))


def _text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text().strip() if item is not None else ""


class _Table(QWidget):
    """A table with Add row and Remove row buttons under it."""

    def __init__(self, columns: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, columns, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.add = QPushButton(self)
        self.remove = QPushButton(self)
        self.add.clicked.connect(self.add_row)
        self.remove.clicked.connect(self.remove_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add)
        buttons.addWidget(self.remove)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_row(self) -> None:
        """A new empty row at the end, chosen for typing."""
        self._append([])
        self.table.setCurrentCell(self.table.rowCount() - 1, 0)

    def _append(self, values: list[object]) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, value in enumerate(values):
            self.table.setItem(row, column, _cell(value))

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def rows(self) -> list[list[str]]:
        table = self.table
        return [
            [_text(table, r, c) for c in range(table.columnCount())]
            for r in range(table.rowCount())
        ]

    def set_rows(self, rows: list[list[object]]) -> None:
        self.table.setRowCount(0)
        for row in rows:
            self._append(row)
        self.table.scrollToTop()

    def retranslate(self, headers: list[str]) -> None:
        self.table.setHorizontalHeaderLabels(headers)
        self.add.setText(_("Add row"))
        self.remove.setText(_("Remove row"))


class AppealTable(QTableWidget):
    """The profile's appeal data (drafting.appeals): one row per field, its Finnish and its
    Swedish text; an e-mail address or a phone number is one text, typed in the first column."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(len(appeals.PROFILE_FIELDS), len(APPEAL_LANGUAGES), parent)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setWordWrap(False)
        self.itemChanged.connect(self._changed)

    def set_values(self, data: dict) -> None:
        blocker = self.blockSignals(True)
        for row, field in enumerate(appeals.PROFILE_FIELDS):
            for column, language in enumerate(APPEAL_LANGUAGES):
                shared_copy = field.shared and column > 0
                value = appeals.profile_value(data, field.key, "fi" if shared_copy else language)
                cell = _cell(value)
                cell.setToolTip(value)
                if shared_copy:  # shown greyed, as the first column says it
                    cell.setFlags(Qt.ItemFlag.NoItemFlags)
                    cell.setToolTip(_("The same in both languages"))
                self.setItem(row, column, cell)
        self.blockSignals(blocker)
        self.scrollToTop()

    def _changed(self, cell: QTableWidgetItem) -> None:
        """A typed text is its own tooltip (a long address shows whole); a text for both
        languages shows in the second column too."""
        blocker = self.blockSignals(True)
        row, column = cell.row(), cell.column()
        if column == 0 and appeals.PROFILE_FIELDS[row].shared and (other := self.item(row, 1)):
            other.setText(cell.text())
        if not (column > 0 and appeals.PROFILE_FIELDS[row].shared):
            cell.setToolTip(cell.text())
        self.blockSignals(blocker)

    def values(self, data: dict) -> dict:
        """`data`'s appeal part as the table now says it (its comments kept): a text that is
        the same in both languages once, otherwise each language's; an empty one left out."""
        found = data.get("appeal")
        old: dict = found if isinstance(found, dict) else {}
        part: dict = {k: v for k, v in old.items() if k.startswith("_")}
        for row, field in enumerate(appeals.PROFILE_FIELDS):
            group, name = field.key.split(".")
            texts = {
                language: _text(self, row, column)
                for column, language in enumerate(APPEAL_LANGUAGES)
            }
            value: str | dict
            if field.shared or texts["fi"] == texts["sv"]:
                value = texts["fi"]
            else:
                value = {language: text for language, text in texts.items() if text}
            if value:
                had = old.get(group)
                kept: dict = had if isinstance(had, dict) else {}
                part.setdefault(group, {k: v for k, v in kept.items() if k.startswith("_")})
                part[group][name] = value
        return part

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([_("Finnish"), _("Swedish")])
        self.setVerticalHeaderLabels(
            [f.what()[:1].upper() + f.what()[1:] for f in appeals.PROFILE_FIELDS]
        )
        self.setAccessibleName(_("Appeal instructions: registry office, courts, procurement unit"))


def footer_rows(footer: list) -> list[list[object]]:
    """A profile's footer columns as the editor's rows: column, label, fi, sv, until."""
    rows: list[list[object]] = []
    for number, column in enumerate(footer, start=1):
        for cell in column if isinstance(column, list) else []:
            if not isinstance(cell, dict):
                continue
            text = cell.get("text", "")
            fi, sv = (
                (text.get("fi", ""), text.get("sv", ""))
                if isinstance(text, dict)
                else (
                    text,
                    "",
                )
            )
            rows.append([number, cell.get("label", ""), fi, sv, cell.get("until", "")])
    return rows


def footer_from_rows(
    rows: list[list[str]], places: dict[str, int] | None = None
) -> tuple[list, list[str]]:
    """The editor's rows back as footer columns (a row's column number says where it goes),
    and the rows whose column is not a number from 1 to 5. `places` gets each cell's path
    (`footer[0][2]`) → its row in the table (from 1)."""
    columns: dict[int, list[dict]] = {}
    problems = []
    for index, (column, label, fi, sv, until) in enumerate(rows, start=1):
        if not (column.isdigit() and 1 <= int(column) <= profiles.FOOTER_COLUMNS):
            problems.append(
                _("Footer, row {row}: the column should be a number from 1 to {most}").format(
                    row=index, most=profiles.FOOTER_COLUMNS
                )
            )
            continue
        cell: dict = {}
        if label:
            cell["label"] = label
        if fi or sv or not label:
            cell["text"] = {"fi": fi, "sv": sv} if sv and sv != fi else fi
        if until:
            cell["until"] = until
        cells = columns.setdefault(int(column), [])
        if places is not None:
            places[f"footer[{int(column) - 1}][{len(cells)}]"] = index
        cells.append(cell)
    return [columns.get(n, []) for n in range(1, max(columns, default=0) + 1)], problems


class OrganizationsDialog(QDialog):
    """The list of profiles on the left, the chosen one's fields on the right."""

    changed = Signal()  # a profile was saved or imported

    def __init__(self, ask, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ask = ask
        self.data: dict = {}
        self.profile: profiles.Profile | None = None
        self.setObjectName("organizations")
        self.resize(980, 680)

        self.list = QListWidget(self)
        self.list.currentItemChanged.connect(self._chosen)
        self.new_from = QPushButton(self)
        self.new_from.clicked.connect(self.new_from_current)
        self.import_button = QPushButton(self)
        self.import_button.clicked.connect(self.import_profile)
        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(self.export_profile)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.list)
        for button in (self.new_from, self.import_button, self.export_button):
            left_layout.addWidget(button)

        self.id_label = QLabel(self)
        self.kind_label = QLabel(self)
        self.kind_label.setWordWrap(True)
        self.name_fi, self.name_sv = QLineEdit(self), QLineEdit(self)
        self.email_at = QLineEdit(self)
        self.secrecy_fi, self.secrecy_sv = QLineEdit(self), QLineEdit(self)
        self.template_label = QLabel(self)
        self.template_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.template_choose = QPushButton(self)
        self.template_choose.clicked.connect(self.choose_template)
        self.template_ours = QPushButton(self)
        self.template_ours.clicked.connect(self.use_our_template)
        template_row = QWidget(self)
        template_layout = QHBoxLayout(template_row)
        template_layout.setContentsMargins(0, 0, 0, 0)
        template_layout.addWidget(self.template_label, 1)
        template_layout.addWidget(self.template_choose)
        template_layout.addWidget(self.template_ours)
        self.new_template: Path | None = None  # chosen, copied in on Save
        self.footer_places: dict[str, int] = {}  # footer[c][r] → the table's row
        self.form = QFormLayout()
        self.form_labels = [QLabel(self) for _i in range(7)]
        for label, widget in zip(
            self.form_labels,
            (
                self.id_label,
                self.name_fi,
                self.name_sv,
                self.email_at,
                self.secrecy_fi,
                self.secrecy_sv,
                template_row,
            ),
            strict=True,
        ):
            label.setBuddy(widget)
            self.form.addRow(label, widget)
        self.form_labels[-1].setBuddy(self.template_choose)
        self.bodies = _Table(2, self)
        self.bodies_box = QGroupBox(self)
        QVBoxLayout(self.bodies_box).addWidget(self.bodies)
        self.footer = _Table(len(FOOTER_FIELDS), self)
        self.footer_box = QGroupBox(self)
        QVBoxLayout(self.footer_box).addWidget(self.footer)
        self.appeal = AppealTable(self)
        self.appeal_help = QLabel(self)
        self.appeal_help.setWordWrap(True)
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        self.problems.setObjectName("problems")
        self.problems.setStyleSheet("color: #a40000")
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.problems, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.kind_label)
        right_layout.addLayout(self.form)
        # The bodies and the footer on one tab, what the appeal instructions print on another.
        self.parts = QTabWidget(self)
        page = QWidget(self)
        page_layout = QVBoxLayout(page)
        page_layout.addWidget(self.bodies_box, 1)
        page_layout.addWidget(self.footer_box, 2)
        self.parts.addTab(page, "")
        appeal_page = QWidget(self)
        appeal_layout = QVBoxLayout(appeal_page)
        appeal_layout.addWidget(self.appeal_help)
        appeal_layout.addWidget(self.appeal, 1)
        self.parts.addTab(appeal_page, "")
        right_layout.addWidget(self.parts, 1)
        right_layout.addLayout(bottom)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 740])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Organisations"))
        self.new_from.setText(_("New from…"))
        self.new_from.setToolTip(_("A new profile, a copy of the chosen one under a new id"))
        self.import_button.setText(_("Import…"))
        self.export_button.setText(_("Export…"))
        texts = (
            _("Id"),
            _("Name in Finnish"),
            _("Name in Swedish"),
            _("E-mail style (@ or (a))"),
            _("Grounds of secrecy in Finnish"),
            _("Grounds of secrecy in Swedish"),
            _("Word template"),
        )
        for label, text in zip(self.form_labels, texts, strict=True):
            label.setText(text + ":")
            label.buddy().setAccessibleName(text)
        self.secrecy_fi.setToolTip(
            _("What a public copy prints for a non-public attachment without its own grounds")
        )
        self.bodies_box.setTitle(_("Bodies and their Swedish names"))
        self.bodies.retranslate([_("Body (Finnish)"), _("Swedish name")])
        self.footer_box.setTitle(_("Footer"))
        self.footer.retranslate(
            [
                _("Column (1–5)"),
                _("Label key"),
                _("Text (Finnish)"),
                _("Text (Swedish)"),
                _("Until"),
            ]
        )
        self.footer.table.setToolTip(
            _(
                "A label key (postal_address, visiting_address, phone, fax, business_id, vat, "
                "account) prints the label in the document's language; otherwise the text. "
                "Until: the last day the cell prints (2021-08-31)."
            )
        )
        self.parts.setTabText(0, _("Bodies and footer"))
        self.parts.setTabText(1, _("Appeal instructions"))
        self.appeal_help.setText(
            _(
                "What the appeal instructions of the minutes and the extracts print. A field "
                "left empty prints as a blank to fill, and the checks name it as an error."
            )
        )
        self.appeal.retranslate()
        self.template_choose.setText(_("Choose…"))
        self.template_choose.setToolTip(
            _("A Word template made from Pykälä's own, changed in Word (fonts, logo, footer)")
        )
        self.template_ours.setText(_("Use Pykälä's own"))
        self.save_button.setText(_("Save"))
        self.close_button.setText(_("Close"))
        self._show_kind()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- the list ---------------------------------------------------------------------------

    def reload(self, choose: str | None = None) -> None:
        """List the profiles again; `choose` (else the current one) is chosen."""
        current = choose or (self.profile.id if self.profile else None)
        profiles.invalidate()  # a file edited by hand in the folder shows when the list opens
        found = profiles.catalogue()
        blocker = self.list.blockSignals(True)
        self.list.clear()
        for profile in found.profiles.values():
            name = profile.data.get("name", {}).get("fi", profile.id)
            item = QListWidgetItem(f"{name} ({profile.id})")
            item.setData(Qt.ItemDataRole.UserRole, profile.id)
            self.list.addItem(item)
        self.list.blockSignals(blocker)
        broken = [
            f"{path.name}: {'; '.join(problems)}" for path, problems in found.problems.items()
        ]
        ids = list(found.profiles)
        row = ids.index(current) if current in ids else 0
        self.list.setCurrentRow(row)
        self._chosen(self.list.currentItem())
        if broken:
            self.problems.setText(_("Profiles that cannot be used:") + "\n" + "\n".join(broken))

    def _chosen(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        self.profile = profiles.catalogue().profiles.get(item.data(Qt.ItemDataRole.UserRole))
        if self.profile is None:
            return
        self.show_profile(copy.deepcopy(self.profile.data))

    def _show_kind(self) -> None:
        if self.profile is None:
            self.kind_label.setText("")
        elif self.profile.builtin:
            self.kind_label.setText(
                _(
                    "A built-in profile: it is not changed. Saving makes your own copy with the "
                    "same id, which is then used."
                )
            )
        else:
            self.kind_label.setText(
                _("Your own profile, in {folder}").format(folder=self.profile.path.parent)
            )

    # --- the fields -------------------------------------------------------------------------

    def show_profile(self, data: dict) -> None:
        self.data = data
        self.id_label.setText(str(data.get("id", "")))
        name = data.get("name", {}) if isinstance(data.get("name"), dict) else {}
        self.name_fi.setText(name.get("fi", ""))
        self.name_sv.setText(name.get("sv", ""))
        self.email_at.setText(data.get("email_at", "@"))
        vocabulary = data.get("vocabulary", {})
        self.secrecy_fi.setText(vocabulary.get("fi", {}).get("secrecy", ""))
        self.secrecy_sv.setText(vocabulary.get("sv", {}).get("secrecy", ""))
        self.new_template = None
        self._show_template(data.get("template"))
        self.bodies.set_rows(
            [[body, names.get("sv", "")] for body, names in data.get("bodies", {}).items()]
        )
        self.footer.set_rows(footer_rows(data.get("footer", [])))
        self.appeal.set_values(data)
        self.problems.setText("")
        self._show_kind()

    def _show_template(self, name: str | None) -> None:
        self.template_label.setText(name or _("Pykälä's own (item.docx)"))

    def edited(self) -> tuple[dict, list[str]]:
        """The profile as the fields now say it, and what the footer table cannot say."""
        data = copy.deepcopy(self.data)
        data["name"] = {"fi": self.name_fi.text().strip(), "sv": self.name_sv.text().strip()}
        data["email_at"] = self.email_at.text().strip()
        data["bodies"] = {
            body: ({"sv": sv} if sv else {}) for body, sv in self.bodies.rows() if body or sv
        }
        self.footer_places = {}
        data["footer"], problems = footer_from_rows(self.footer.rows(), self.footer_places)
        vocabulary = data.get("vocabulary", {})
        for language, field in (("fi", self.secrecy_fi), ("sv", self.secrecy_sv)):
            words = dict(vocabulary.get(language, {}))
            if field.text().strip():
                words["secrecy"] = field.text().strip()
            else:
                words.pop("secrecy", None)
            if words:
                vocabulary[language] = words
            else:
                vocabulary.pop(language, None)
        if vocabulary:
            data["vocabulary"] = vocabulary
        else:
            data.pop("vocabulary", None)
        appeal = self.appeal.values(data)
        if appeal:
            data["appeal"] = appeal
        else:
            data.pop("appeal", None)
        return data, problems

    def _said(self, problem: str) -> str:
        """A footer cell's problem also names its row in the table, as the user sees it."""
        match = re.match(r"footer\[\d+\]\[\d+\]", problem)
        row = self.footer_places.get(match.group(0)) if match else None
        if row is None:
            return problem
        return _("Footer, row {row}: {problem}").format(row=row, problem=problem)

    def _template_folder(self) -> Path | None:
        return self.profile.path.parent if self.profile else None

    # --- the buttons ------------------------------------------------------------------------

    def save(self) -> bool:
        """Check and write the profile as the user's own; each bad field is named, and nothing
        is written while one is."""
        if self.profile is None:
            return False
        data, problems = self.edited()
        template = self.new_template
        if template is not None:
            data.pop("template", None)  # checked when chosen; copied in below
        problems += map(self._said, profiles.validate(data, None, self._template_folder()))
        if problems:
            self.problems.setText(_("Not saved:") + "\n" + "\n".join(problems))
            return False
        try:
            if self.profile.builtin or self.profile.path.parent != profiles.user_folder():
                source = profiles.Profile(self.profile.id, data, self.profile.path, True)
                data = profiles.user_copy(source)
            if template is not None:
                data["template"] = f"{data['id']}.docx"
            path = profiles.save(data, template)
        except profiles.ProfileError as exc:
            self.problems.setText(_("Not saved:") + "\n" + "\n".join(exc.problems))
            return False
        except OSError as exc:
            self.problems.setText(_("Not saved: {reason}").format(reason=exc.strerror or exc))
            return False
        self.reload(data["id"])
        self.problems.setText(_("Saved in {path}").format(path=path))
        self.changed.emit()
        return True

    def choose_template(self) -> None:
        """A Word template for this profile, checked at once; copied in on Save."""
        if self.profile is None:
            return
        source = self.ask.profile_template_path()
        if source is None:
            return
        missing = profiles.template_problems(source)  # a trial render included
        if missing:
            self.problems.setText(
                _("{name} cannot be the template:").format(name=source.name)
                + "\n"
                + "\n".join(missing)
            )
            return
        self.new_template = source
        self.data["template"] = f"{self.profile.id}.docx"
        self._show_template(f"{self.data['template']} ← {source.name}")
        self.problems.setText(_("Save to use the template."))

    def use_our_template(self) -> None:
        self.new_template = None
        self.data.pop("template", None)
        self._show_template(None)

    def new_from_current(self) -> None:
        if self.profile is None:
            return
        taken = list(profiles.catalogue().profiles)
        new_id = self.ask.new_profile_id(self.profile.id, taken)
        if not new_id:
            return
        if new_id in taken:
            self.problems.setText(_('There is already a profile "{id}"').format(id=new_id))
            return
        data, problems = self.edited()
        if problems:
            self.problems.setText(_("Not saved:") + "\n" + "\n".join(problems))
            return
        data["id"] = new_id
        data.pop("_comment", None)
        try:
            data = profiles.user_copy(profiles.Profile(new_id, data, self.profile.path, True))
            profiles.save(data)
        except profiles.ProfileError as exc:
            self.problems.setText(_("Not saved:") + "\n" + "\n".join(exc.problems))
            return
        except OSError as exc:
            self.problems.setText(_("Not saved: {reason}").format(reason=exc.strerror or exc))
            return
        self.reload(new_id)
        self.changed.emit()

    def export_profile(self) -> None:
        if self.profile is None:
            return
        target = self.ask.profile_export_path(f"{self.profile.id}.json")
        if target is None:
            return
        try:
            profiles.export(self.profile, target)
        except OSError as exc:
            self.ask.error(_("Export failed"), str(exc.strerror or exc))
            return
        self.problems.setText(_("Exported to {path}").format(path=target))

    def import_profile(self) -> None:
        source: Path | None = self.ask.profile_import_path()
        if source is None:
            return
        try:
            path = profiles.import_(source)
        except profiles.ProfileError as exc:
            self.ask.error(
                _("Import failed"),
                _("{name} cannot be used as a profile:").format(name=source.name),
                "\n".join(exc.problems[:20]),
            )
            return
        except OSError as exc:
            self.ask.error(_("Import failed"), str(exc.strerror or exc))
            return
        self.reload(path.stem)
        self.problems.setText(_("Imported into {path}").format(path=path))
        self.changed.emit()
