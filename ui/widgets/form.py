"""The form engine: fields the schema declares (drafting.schema) as labelled inputs in titled
groups, each bound to the draft through one Binder; their help notes follow the draft.

Labels are visible and every input has an accessible name; the tab order follows the form.
Texts are set in `retranslate`, so switching the interface language redraws them in place.
The item form built with it is `ui.widgets.item_form`; the meeting view uses it too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from drafting import schema  # resources: the catalogues' choices
from ui.services.document import DraftDocument
from ui.services.people import PeopleDirectory
from ui.services.shortcuts import give_keys_to_window
from ui.widgets.binding import Binder
from ui.widgets.records import Column
from ui.widgets.richtext_edit import RichTextField
from ui.widgets.roster import PeopleField, Roster, roster_line


@dataclass(frozen=True)
class Field:
    path: str  # relative to the binder's root
    label: Callable[[], str]
    kind: str = "str"  # str | int | date | rich | check | lines | combo
    hint: Callable[[], str] | None = None  # placeholder: the expected form
    options: Callable[[], list[tuple[str, object]]] | None = None  # combo: (text, value)
    height: int = 0  # rich text: minimum editor height in pixels
    # Help shown under the field, made from the draft (what will print); None: no help.
    note: Callable[[DraftDocument], str] | None = None
    person: bool = False  # a person's name: offers the names typed before (or the roster's)
    # combo: (text, value) pairs from the draft and the object holding the field
    choices_from: Callable[[Any, Any], list[tuple[str, str]]] | None = None


# How the form edits each kind of field the schema declares.
_KINDS = {
    schema.PLAIN: "str",
    schema.NUMBER: "int",
    schema.DATE: "date",
    schema.RICH: "rich",
    schema.FLAG: "check",
    schema.LINES: "lines",
    schema.CHOICE: "combo",
}


def declared(spec: schema.Field, relative_to: str = "", **shown) -> Field:
    """The form's field for a field the schema declares (drafting.schema): its label, kind,
    hint and options; `shown`: what only the form adds (a note, a height)."""
    return Field(
        spec.path[len(relative_to) :],
        spec.label,
        "combo" if spec.choices_from else _KINDS[spec.kind],
        spec.hint,
        spec.options if spec.kind == schema.CHOICE else None,
        person=spec.person,
        choices_from=spec.choices_from,
        **shown,
    )


_COLUMN_KINDS = {schema.FLAG: "bool", schema.NUMBERS: "ints", schema.DATE: "date"}


def declared_column(path: str, kind: str = "", **shown) -> Column:
    """A table's column for a row's field the schema declares (`item.contacts[].name`, a
    meeting file's `participants[].role`); `kind`: a column kind of its own."""
    spec = schema.FIELD.get(path) or schema.MEETING_FIELD[path]
    kind = kind or _COLUMN_KINDS.get(spec.kind, "text")
    return Column(path.rsplit(".", 1)[1], spec.label, kind, **shown)


class _Note(QLabel):
    """A wrapped help line that asks the layout for the height its current width needs.

    A plain word-wrapped QLabel has height-for-width; inside a resizable QScrollArea that
    made Qt 6.11 give the other rows of the form zero height after a resize (the fields
    vanished). This label reports a plain size hint instead and updates it on resize.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)

    def hasHeightForWidth(self) -> bool:
        return False

    def _needed(self) -> QSize:
        width = self.width() if self.width() > 50 else 360
        return QSize(50, self.heightForWidth(width))

    def sizeHint(self) -> QSize:
        return self._needed()

    def minimumSizeHint(self) -> QSize:
        return self._needed()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._needed().height() != event.size().height():
            self.updateGeometry()


class FieldGroup(QGroupBox):
    """A titled group of labelled fields bound through one Binder."""

    def __init__(
        self,
        title: Callable[[], str],
        fields: list[Field],
        binder: Binder,
        people: PeopleDirectory | None = None,
        parent: QWidget | None = None,
        roster: Roster | None = None,
        labels_above: bool = False,
    ) -> None:
        """`roster`: the item's participants, for the fields that name one of them (a
        handling event's); `people`: the names typed before, for the other name fields;
        `labels_above`: each label above its field, for a narrow column."""
        super().__init__(parent)
        self.roster = roster
        self.title_text = title
        self.fields = fields
        self.binder = binder
        self.labels: list[QLabel] = []
        self.inputs: list[QWidget] = []
        self.notes: dict[int, QLabel] = {}  # field index → its help line
        # A grid, not a QFormLayout: after the window shrinks, QFormLayout (Qt 6.11) can
        # leave every row below a tall editor at zero height, and the fields vanish.
        layout = QGridLayout(self)
        layout.setColumnStretch(1, 1)
        row = 0
        for index, spec in enumerate(fields):
            widget = self._make(spec, people)
            label = QLabel(self)
            label.setBuddy(
                widget.editor
                if isinstance(widget, RichTextField)
                else widget.focusProxy() or widget
            )
            right = Qt.AlignmentFlag.AlignRight
            tall = spec.kind in ("rich", "lines")
            if labels_above:  # a narrow form: each label on the line above its field
                layout.addWidget(label, row, 0, 1, 2)
                row += 1
                layout.addWidget(widget, row, 0, 1, 2)
            else:
                layout.addWidget(
                    label, row, 0, right | (Qt.AlignmentFlag.AlignTop if tall else right)
                )
                layout.addWidget(widget, row, 1)
            row += 1
            if spec.note is not None:
                note = _Note(self)
                layout.addWidget(note, row, 0 if labels_above else 1, 1, 2 if labels_above else 1)
                self.notes[index] = note
                row += 1
            self.labels.append(label)
            self.inputs.append(widget)
        if self.notes:
            binder.document.changed.connect(self._model_changed)
        self.retranslate()

    def _model_changed(self, _path: str) -> None:
        self.refresh_notes()

    def refresh_notes(self) -> None:
        """The help lines say what will print, so they follow the draft."""
        for index, note in self.notes.items():
            make = self.fields[index].note
            try:
                text = make(self.binder.document) if make is not None else ""
            except Exception:  # e.g. an unknown organisation: no help, no error
                text = ""
            note.setText(text)
            note.setVisible(bool(text))

    def focusable(self) -> list[QWidget]:
        return [
            w.editor if isinstance(w, RichTextField) else w.focusProxy() or w for w in self.inputs
        ]

    def _make(self, spec: Field, people: PeopleDirectory | None) -> QWidget:
        binder = self.binder
        if spec.person and self.roster is not None and spec.kind in ("str", "lines"):
            return self._person(spec, self.roster)
        if spec.kind == "rich":
            rich = RichTextField(self)
            if spec.height:
                rich.editor.setMinimumHeight(spec.height)
            binder.rich(rich, spec.path)
            return rich
        if spec.kind == "check":
            check = QCheckBox(self)
            binder.check(check, spec.path)
            return check
        if spec.kind == "combo":
            combo = QComboBox(self)
            self._fill_combo(combo, spec)
            binder.combo(combo, spec.path)
            return combo
        if spec.kind == "lines":
            lines = QPlainTextEdit(self)
            lines.setTabChangesFocus(True)
            lines.setMaximumHeight(90)
            lines.setUndoRedoEnabled(False)  # the window's undo stack owns undo
            give_keys_to_window(lines)
            binder.lines(lines, spec.path)
            return lines
        widget = QLineEdit(self)
        widget.setClearButtonEnabled(spec.kind == "str")
        give_keys_to_window(widget)
        if people is not None and spec.person:
            completer = people.completer(widget)
            widget.setCompleter(completer)
            title_path = spec.path.rsplit(".", 1)[0] + ".title"
            completer.activated.connect(
                lambda name, p=title_path: self._fill_title(people, name, p)
            )
        binder.line(widget, spec.path, spec.kind)
        return widget

    def _person(self, spec: Field, roster: Roster) -> QWidget:
        """A participant (by reference, shown by name) or a list of them."""
        if spec.kind == "lines":
            people = PeopleField(roster, self)
            edited = self.binder.custom(people, spec.path, people.value, people.show_value)
            people.edited.connect(edited)
            return people
        line = roster_line(self, roster)
        self.binder.person(line, spec.path, roster)
        return line

    def refresh_choices(self) -> None:
        """The choices made from the draft follow it (a proposal added), and the roster's
        people theirs; then every field shows the model anew."""
        for spec, widget in zip(self.fields, self.inputs, strict=True):
            if spec.choices_from is not None and isinstance(widget, QComboBox):
                self._fill_combo(widget, spec)
        self.binder.refresh()

    def _options(self, spec: Field) -> list[tuple[str, object]]:
        if spec.choices_from is None:
            return spec.options() if spec.options is not None else []
        document = self.binder.document
        holder = spec.path.rsplit(".", 1)[0] if "." in spec.path else ""
        path = self.binder.path(spec.path)
        options: list[tuple[str, object]] = list(
            spec.choices_from(document.draft, document.value(self.binder.path(holder)))
        )
        current = document.value(path)
        if all(value != current for _text, value in options):
            if current:
                options.append((str(current), current))  # a value of the file's own is kept
            else:
                options.insert(0, ("", ""))  # nothing chosen yet: none shown as chosen
        return options

    def _fill_title(self, people: PeopleDirectory, name: str, title_path: str) -> None:
        person = people.find(name)
        if (
            person
            and person.get("title")
            and not self.binder.document.value(self.binder.path(title_path))
        ):
            self.binder.document.set_value(
                self.binder.path(title_path), person["title"], merge=False
            )

    def _fill_combo(self, widget: QComboBox, spec: Field) -> None:
        current = widget.currentData()
        blocker = widget.blockSignals(True)
        widget.clear()
        for text, value in self._options(spec):
            widget.addItem(text, value)
        if current is not None:
            widget.setCurrentIndex(max(0, widget.findData(current)))
        widget.blockSignals(blocker)

    def retranslate(self) -> None:
        self.setTitle(self.title_text())
        for spec, label, widget in zip(self.fields, self.labels, self.inputs, strict=True):
            text = spec.label()
            label.setText(text if spec.kind == "check" else text + ":")
            widget.setAccessibleName(text)
            if isinstance(widget, RichTextField):
                widget.retranslate()
            if isinstance(widget, QCheckBox):
                widget.setText(text)
                label.setText("")
            if isinstance(widget, QComboBox):
                self._fill_combo(widget, spec)
            if spec.hint and isinstance(widget, QLineEdit):
                widget.setPlaceholderText(spec.hint())
                widget.setToolTip(spec.hint())
        self.refresh_notes()


def scroll_page(*widgets: QWidget) -> QScrollArea:
    page = QWidget()
    layout = QVBoxLayout(page)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    # Not a Tab stop of its own (it showed no focus); it scrolls to the field Tab reaches.
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(page)
    return area
