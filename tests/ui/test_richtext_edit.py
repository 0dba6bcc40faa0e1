"""The rich-text editor: our Markdown in, the same Markdown out, and formatting by hand."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QAction, QKeySequence, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolButton, QVBoxLayout, QWidget

from drafting.richtext import parse
from tests.support.hypothesis_profiles import examples
from ui.widgets.richtext_convert import MARKDOWN_MIME, PERSONAL
from ui.widgets.richtext_edit import RichTextEdit, RichTextField

Ctrl = Qt.KeyboardModifier.ControlModifier
Shift = Qt.KeyboardModifier.ShiftModifier
Alt = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def editor(qtbot) -> RichTextEdit:
    widget = RichTextEdit()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def active_field(qtbot) -> tuple[QWidget, RichTextField]:
    """A shown, active window with a field in it: shortcuts need one."""
    win = QWidget()
    field = RichTextField(win)
    QVBoxLayout(win).addWidget(field)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    field.editor.setFocus()
    return win, field


def select(editor: RichTextEdit, word: str) -> None:
    text = editor.toPlainText()
    start = text.index(word)
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(word), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def content(text: str) -> list:
    """What parse reads, with neighbouring runs of the same formatting merged."""
    blocks = []
    for block in parse(text):
        runs: list[tuple] = []
        for r in block["runs"]:
            run = (r["text"], r["bold"], r["italic"], r["personal"])
            if runs and not run[3] and not runs[-1][3] and runs[-1][1:] == run[1:]:
                runs[-1] = (runs[-1][0] + run[0], *run[1:])
            else:
                runs.append(run)
        blocks.append((block["style"], block["level"], block["marker"], runs))
    return blocks


# ----------------------------------------------------------------------------------------
# Canonical Markdown: set_markdown(M) then markdown() gives M back, exactly.

WORDS = ["sana", "äiti", "öljy", "Åbo", "ÄÖÅ", "kh:n", "2021", "(liite)", "§ 5", "x.", "[x]"]
# Literal text that looks like markup, written as our writer escapes it.
ESCAPED = ["a\\*b", "snake\\_case", "back\\\\slash", "\\*", "\\[x]{.personal}", "{.personal}"]
# Only at the start of a line do these mean something, so only there are they escaped.
LINE_START = ["\\# ei otsikko", "1\\. ei lista", "12\\) ei lista", "\\- ei viiva", "\\> ei lainaus"]


@st.composite
def phrase(draw, words=WORDS + ESCAPED) -> str:
    return " ".join(draw(st.lists(st.sampled_from(words), min_size=1, max_size=3)))


@st.composite
def line(draw) -> str:
    """One line of inline text: plain, bold, italic, both and personal pieces."""
    pieces = []
    if draw(st.booleans()):
        pieces.append(draw(st.sampled_from(LINE_START)))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["plain", "plain", "bold", "italic", "both", "personal"]))
        text = draw(phrase())
        pieces.append(
            {
                "plain": text,
                "bold": f"**{text}**",
                "italic": f"*{text}*",
                "both": f"***{text}***",
                "personal": "["
                + draw(st.sampled_from(["Matti Meikäläinen", "Åsa"]))
                + "]{.personal}",
            }[kind]
        )
    return " ".join(pieces)


@st.composite
def lines(draw, indent: str = "") -> str:
    """Lines of one paragraph; a single newline is a line break."""
    return ("\n" + indent).join(draw(st.lists(line(), min_size=1, max_size=3)))


@st.composite
def list_block(draw, kind: str) -> tuple[str, int]:
    """A bulleted or numbered list, items on levels 1–2; returns (markdown, item count)."""
    start = draw(st.integers(1, 12)) if kind == "number" else 1
    out, count = [], 0
    for number in range(start, start + draw(st.integers(1, 3))):
        marker = f"{number}. " if kind == "number" else "- "
        pad = " " * len(marker)
        out.append(marker + draw(lines(pad)))
        count += 1
        if draw(st.booleans()):  # a nested list (numbered ones start at 1)
            sub = draw(st.sampled_from(["bullet", "number"]))
            for sub_number in range(1, 1 + draw(st.integers(1, 2))):
                sub_marker = f"{sub_number}. " if sub == "number" else "- "
                out.append(pad + sub_marker + draw(lines(pad + " " * len(sub_marker))))
                count += 1
    return "\n".join(out), count


@st.composite
def documents(draw) -> tuple[str, int]:
    """Canonical Markdown of our subset and the number of blocks it has."""
    blocks, count, previous = [], 0, ""
    for _ in range(draw(st.integers(1, 6))):
        kinds = ["body", "heading3", "heading4", "bullet", "number", "quote"]
        kind = draw(st.sampled_from([k for k in kinds if k != previous]))
        if kind == "body":
            blocks.append(draw(lines()))
        elif kind == "heading3":
            blocks.append("## " + draw(line()))
        elif kind == "heading4":
            blocks.append("### " + draw(line()))
        elif kind == "quote":
            blocks.append("> " + draw(lines("> ")))
        else:
            markdown, items = draw(list_block(kind))
            blocks.append(markdown)
            count += items - 1
        count += 1
        previous = kind
    return "\n\n".join(blocks), count


@settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(document=documents())
def test_canonical_markdown_comes_back_exactly(editor, document):
    markdown, count = document
    assert len(parse(markdown)) == count  # the generator's escapes are honest
    editor.set_markdown(markdown)
    assert editor.markdown() == markdown


@pytest.mark.parametrize(
    "markdown",
    [
        "## A\n\n### B\n\np\n\n- x\n- y\n\n3. c\n4. d\n\n> q",
        "- a\n  - b\n- c",
        "10. a\n    - b\n11. c",
        "1. a\n\n1) b",  # two lists: the second starts again at 1
        "- a\n\n  continued in the item\n\n- b",
        "-\n  - an item whose parent is empty",
        "a\n\\\nb",  # an empty line inside a paragraph
        "**a *b* c**",
        "***a* *b***",
        "[a]{.personal}[b]{.personal}",
        "**[Matti]{.personal}**",
        "\\[x]{.personal} [x] \\[ok]{.personal}",
        "## a \\#",
        "> lainaus\n> toinen rivi",
        "##",
    ],
)
def test_canonical_examples(editor, markdown):
    editor.set_markdown(markdown)
    assert editor.markdown() == markdown


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("* a\n* b", "- a\n- b"),
        ("1. a\n2) b", "1. a\n2. b"),
        ("a  \nb", "a\nb"),
        ("  a\n\n\n\nb  ", "a\n\nb"),
        ("- a\n  3. b", "- a\n  3\\. b"),
        ("**a*b***_c_", "**a**_**b**c_"),
        ("x**(a)**y", "x\\*\\*(a)\\*\\*y"),
        ("# not a heading", "\\# not a heading"),
        ("__a__ _b_", "**a** *b*"),
    ],
)
def test_other_spellings_become_canonical_with_the_same_content(editor, typed, canonical):
    editor.set_markdown(typed)
    assert editor.markdown() == canonical
    assert content(canonical) == content(typed)


@pytest.mark.parametrize(
    "text",
    [
        "Kaupunginhallitus esittää **kaupunginvaltuustolle** *seuraavaa*:\nrivi kaksi",
        "3. kolmas\n4. neljäs\n   - alakohta\n\n   jatkoa\n5. viides",
        "> lainaus, jossa **lihavoitu** ja [Matti]{.personal}",
        "a_b_c {{ 7*7 }} {% if x %} <b>html</b> [link](http://x) &amp; `code`",
        "*a **b** c* **d *e* f**",
        "### Otsikko ###",
        "- > lainaus listassa\n- ## otsikko listassa",
    ],
)
def test_what_parse_reads_survives(editor, text):
    editor.set_markdown(text)
    assert content(editor.markdown()) == content(text)


@st.composite
def sloppy_line(draw) -> str:
    """A line as people type Markdown: `_` or `*`, stray spaces, literal markup."""
    words = WORDS + ["a*b", "snake_case", "{{ x }}", "<b>", "# x", "1.", "[x]{.personal}"]
    pieces = []
    for _ in range(draw(st.integers(1, 4))):
        text = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=2)))
        style = draw(st.sampled_from(["plain", "raw", "**", "__", "*", "_", "***", "person"]))
        if style == "plain":
            pieces.append(text)
        elif style == "raw":
            pieces.append(draw(st.sampled_from(words)))
        elif style == "person":
            pieces.append(f"[{text}]{{.personal}}")
        else:
            pieces.append(f"{style}{text}{style}")
    spaces = draw(st.sampled_from(["", " ", "  "]))
    return draw(st.sampled_from(["", " ", "   "])) + " ".join(pieces) + spaces


@st.composite
def sloppy_documents(draw) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["body", "heading", "bullets", "numbers", "quote"]))
        body = draw(st.lists(sloppy_line(), min_size=1, max_size=2))
        if kind == "body":
            blocks.append("\n".join(body))
        elif kind == "heading":
            blocks.append(draw(st.sampled_from(["## ", "### ", "#### "])) + body[0])
        elif kind == "quote":
            blocks.append("\n".join(draw(st.sampled_from(["> ", ">", ""])) + b for b in body))
        else:
            marker = draw(st.sampled_from(["- ", "* ", "+ "] if kind == "bullets" else ["1. "]))
            if kind == "numbers":
                start = draw(st.integers(0, 20))
                marker = f"{start}{draw(st.sampled_from(['.', ')']))} "
            blocks.append("\n".join(marker + b for b in body))
    return draw(st.sampled_from(["\n\n", "\n\n\n"])).join(blocks)


@settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=sloppy_documents())
def test_any_spelling_keeps_its_content_and_becomes_canonical(editor, text):
    editor.set_markdown(text)
    markdown = editor.markdown()
    assert content(markdown) == content(text)
    editor.set_markdown(markdown)
    assert editor.markdown() == markdown


def test_numbered_list_keeps_its_start_number(editor):
    editor.set_markdown("7. seitsemäs\n8. kahdeksas")
    block = editor.document().begin()
    assert block.textList().format().start() == 7
    assert editor.markdown() == "7. seitsemäs\n8. kahdeksas"


def test_emphasis_markdown_cannot_write_loses_formatting_not_text(editor):
    # Bold "(a)" between letters has no CommonMark writing: the brackets lose the bold.
    editor.set_markdown("x(a)y")
    select(editor, "(a)")
    editor.action_bold.trigger()
    markdown = editor.markdown()
    assert markdown == "x(**a**)y"
    assert "".join(r["text"] for r in parse(markdown)[0]["runs"]) == "x(a)y"


def test_documented_exceptions(editor):
    """What our Markdown cannot say, and what happens instead."""
    # A line break inside a heading: headings are one line.
    editor.set_markdown("## a")
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText("\u2028b")
    assert editor.markdown() == "## a b"
    # "]" and a line break cannot be inside a personal span: they leave it.
    editor.set_markdown("[a b]{.personal}")
    cursor = editor.textCursor()
    cursor.setPosition(2)
    cursor.insertText("]")
    assert editor.markdown() == "[a ]{.personal}][b]{.personal}"
    # A line of only "#" reads as "# " (with a space no Markdown can write back).
    editor.set_markdown("#")
    assert editor.markdown() == "\\#"
    assert parse("#")[0]["runs"][0]["text"] == "# "
    assert parse("\\#")[0]["runs"][0]["text"] == "#"
    # A paragraph of only no-break spaces reads as a block without text: it is dropped.
    editor.set_markdown("a\n\n\u00a0")
    assert len(parse("a\n\n\u00a0")) == 2 and editor.markdown() == "a"
    # Spaces before a line break are dropped (the parser keeps them only before a "\\"
    # line break, which is not part of our subset).
    editor.set_markdown("a \\\nb")
    assert editor.markdown() == "a\nb"


# ----------------------------------------------------------------------------------------
# Loading is not editing


def test_set_markdown_leaves_no_undo_and_no_edit_signal(editor, qtbot):
    edits, added = [], []
    editor.edited.connect(lambda: edits.append(1))
    editor.document().undoCommandAdded.connect(lambda: added.append(1))
    with qtbot.waitSignal(editor.textChanged):
        editor.set_markdown("**a**\n\n- b")
    assert edits == [] and added == []
    assert not editor.document().isUndoAvailable()
    editor.textCursor().insertText("x")
    assert edits and added


# ----------------------------------------------------------------------------------------
# Paste


WORD_HTML = """<html><head><style>p.MsoNormal { font-family: Calibri; }</style></head><body>
<h1 style="color:navy">Pääotsikko</h1>
<p class="MsoNormal"><span style="font-family:Arial;font-size:14pt">Ensimmäinen kappale, jossa
on <b>lihavointia</b> ja <span style="color:red">punaista</span> tekstiä.</span></p>
<p>Toinen kappale <a href="http://example.com/x">linkki</a><img src="kuva.png"> loppuu.</p>
<ul><li>yksi</li><li>kaksi</li></ul>
<table border="1"><tr><td>solu A</td><td>solu B</td></tr><tr><td>solu C</td><td></td></tr></table>
<h3>Alaotsikko</h3>
</body></html>"""


def test_paste_of_word_html_keeps_structure_and_drops_styling(editor):
    data = QMimeData()
    data.setHtml(WORD_HTML)
    data.setText("plain fallback")
    editor.insertFromMimeData(data)
    markdown = editor.markdown()
    assert markdown == (
        "## Pääotsikko\n\n"
        "Ensimmäinen kappale, jossa on **lihavointia** ja punaista tekstiä.\n\n"
        "Toinen kappale linkki loppuu.\n\n"
        "- yksi\n- kaksi\n\n"
        "solu A\n\nsolu B\n\nsolu C\n\n"
        "### Alaotsikko"
    )
    for absent in ("<", "|", "color", "red", "navy", "http", "kuva", "Arial"):
        assert absent not in markdown


def test_paste_of_numbered_html_list_keeps_numbers(editor):
    data = QMimeData()
    data.setHtml('<ol start="3"><li>kolme</li><li><i>neljä</i></li></ol>')
    editor.insertFromMimeData(data)
    assert editor.markdown() == "3. kolme\n4. *neljä*"


def test_plain_text_paste_is_text_not_markdown(editor):
    editor.set_markdown("alku")
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    data = QMimeData()
    data.setText(" *ei kursiivia*\r\n# rivi\x0brivinvaihto")
    editor.insertFromMimeData(data)
    assert editor.markdown() == "alku \\*ei kursiivia\\*\n\n\\# rivi\nrivinvaihto"


def test_copy_and_paste_inside_the_program_keeps_personal_data(editor):
    editor.set_markdown("Hakija [Matti Meikäläinen]{.personal} **kiireellinen**")
    editor.selectAll()
    data = editor.createMimeDataFromSelection()
    assert data.hasFormat(MARKDOWN_MIME)
    editor.set_markdown("")
    editor.insertFromMimeData(data)
    assert editor.markdown() == "Hakija [Matti Meikäläinen]{.personal} **kiireellinen**"


# ----------------------------------------------------------------------------------------
# Formatting actions


def test_bold_action_and_shortcut(active_field, qtbot):
    _win, field = active_field
    editor = field.editor
    editor.set_markdown("yksi sana kaksi")
    select(editor, "sana")
    editor.action_bold.trigger()
    assert editor.markdown() == "yksi **sana** kaksi"
    select(editor, "kaksi")
    qtbot.keyClick(editor, Qt.Key.Key_B, Ctrl)
    assert editor.markdown() == "yksi **sana** **kaksi**"
    qtbot.keyClick(editor, Qt.Key.Key_B, Ctrl)  # again: off
    assert editor.markdown() == "yksi **sana** kaksi"


def test_italic_and_word_under_cursor(active_field, qtbot):
    _win, field = active_field
    editor = field.editor
    editor.set_markdown("yksi sana kaksi")
    cursor = editor.textCursor()
    cursor.setPosition(7)  # inside "sana", no selection
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_I, Ctrl)
    assert editor.markdown() == "yksi *sana* kaksi"


def test_mark_as_personal(active_field, qtbot):
    _win, field = active_field
    editor = field.editor
    editor.set_markdown("Hakija Matti Meikäläinen saapui")
    select(editor, "Matti Meikäläinen")
    qtbot.keyClick(editor, Qt.Key.Key_P, Ctrl | Shift)
    assert editor.markdown() == "Hakija [Matti Meikäläinen]{.personal} saapui"
    fmt: QTextCharFormat = editor.textCursor().charFormat()
    assert fmt.boolProperty(PERSONAL)
    assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
    editor.action_personal.trigger()  # toggles off
    assert editor.markdown() == "Hakija Matti Meikäläinen saapui"


def test_block_actions_toggle(active_field, qtbot):
    _win, field = active_field
    editor = field.editor
    editor.set_markdown("kappale")
    editor.action_bullets.trigger()
    assert editor.markdown() == "- kappale"
    qtbot.keyClick(editor, Qt.Key.Key_7, Ctrl | Shift)
    assert editor.markdown() == "1. kappale"
    qtbot.keyClick(editor, Qt.Key.Key_7, Ctrl | Shift)
    assert editor.markdown() == "kappale"
    qtbot.keyClick(editor, Qt.Key.Key_2, Ctrl | Alt)
    assert editor.markdown() == "## kappale"
    qtbot.keyClick(editor, Qt.Key.Key_3, Ctrl | Alt)
    assert editor.markdown() == "### kappale"
    qtbot.keyClick(editor, Qt.Key.Key_3, Ctrl | Alt)
    assert editor.markdown() == "kappale"
    qtbot.keyClick(editor, Qt.Key.Key_Period, Ctrl | Shift)
    assert editor.markdown() == "> kappale"
    assert editor.document().begin().blockFormat().intProperty(QTextFormat.BlockQuoteLevel) == 1
    editor.action_quote.trigger()
    assert editor.markdown() == "kappale"


def test_bold_inside_a_heading_survives_heading_on_and_off(editor):
    editor.set_markdown("a **b** c")
    editor.action_heading3.trigger()
    assert editor.markdown() == "## a **b** c"
    editor.action_heading3.trigger()
    assert editor.markdown() == "a **b** c"


def test_list_keys(active_field, qtbot):
    _win, field = active_field
    editor = field.editor
    editor.set_markdown("- a\n- b")
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.markdown() == "- a\n  - b"
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # empty item: one level up
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # empty again: out of the list
    qtbot.keyClicks(editor, "body")
    assert editor.markdown() == "- a\n  - b\n\nbody"


def test_enter_after_a_heading_starts_a_body_paragraph(active_field, qtbot):
    _win, field = active_field
    editor = field.editor
    editor.set_markdown("## Otsikko")
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "teksti")
    assert editor.markdown() == "## Otsikko\n\nteksti"


def test_actions_have_texts_tooltips_and_accessible_widgets(qtbot):
    field = RichTextField()
    qtbot.addWidget(field)
    field.setAccessibleName("Perustelut")
    assert field.editor.accessibleName() == "Perustelut"
    actions = field.editor.actions_for_toolbar()
    assert [a.text() for a in actions] == [
        "Bold",
        "Italic",
        "Sub-heading",
        "Minor sub-heading",
        "Bulleted list",
        "Numbered list",
        "Quotation",
        "Mark as personal data",
    ]
    for action in actions:
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        assert keys and keys in action.toolTip()
        button = field.toolbar.widgetForAction(action)
        assert isinstance(button, QToolButton)
        assert button.accessibleName() == action.text()
    lines = field.editor.fontMetrics().lineSpacing()
    assert field.editor.minimumHeight() >= 6 * lines


# ----------------------------------------------------------------------------------------
# Undo belongs to the window


def test_typing_adds_undo_commands_but_ctrl_z_is_left_to_the_window(active_field, qtbot):
    win, field = active_field
    editor = field.editor
    undo_requests = []
    undo = QAction("Undo", win)
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    undo.triggered.connect(lambda: undo_requests.append(1))
    win.addAction(undo)
    with qtbot.waitSignal(editor.document().undoCommandAdded):
        qtbot.keyClicks(editor, "abc")
    assert editor.document().isUndoAvailable()
    qtbot.keyClick(editor, Qt.Key.Key_Z, Ctrl)
    assert editor.toPlainText() == "abc"  # the editor did not undo by itself
    assert undo_requests == [1]  # the window's shortcut got the key


def test_undo_redo_keys_are_ignored_by_the_editor(editor):
    editor.textCursor().insertText("abc")
    for sequence in (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo):
        combo = QKeySequence(sequence)[0]
        QTest.keyClick(editor, combo.key(), combo.keyboardModifiers())
    assert editor.toPlainText() == "abc"


# ----------------------------------------------------------------------------------------
# Non-ASCII (never qtbot.keyClicks with these: it kills the process)


def test_non_ascii_text(active_field, qtbot):
    _win, field = active_field
    editor = field.editor
    editor.textCursor().insertText("äöå ")
    for ch in "ÄÖÅ":
        QTest.sendKeyEvent(QTest.KeyAction.Click, editor, Qt.Key.Key_unknown, ch, Qt.NoModifier)
    assert editor.markdown() == "äöå ÄÖÅ"
    select(editor, "ÄÖÅ")
    editor.action_bold.trigger()
    editor.set_markdown(editor.markdown())
    assert editor.markdown() == "äöå **ÄÖÅ**"
