"""What a Word template must hold for the renderer: the paragraph and character styles it
writes and the placeholders it fills, and the check of a template against them.

Here and only here: drafting.render.docx writes these styles, templates/docx/build_templates.py
builds them into item.docx, and drafting.profiles checks an organisation's own template with
`check_template`. A style is named as Word shows it ("Body Text"); its id in the file is the
name without spaces ("BodyText").
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from drafting import files, zipparts
from drafting.i18n import _
from drafting.location import TEMPLATES
from drafting.richtext import BlockStyle

ITEM_TEMPLATE = TEMPLATES / "item.docx"

# Block style (drafting.richtext / render.context) → the template's paragraph style.
PARAGRAPH_STYLE_NAMES: dict[BlockStyle, str] = {
    "body": "Body Text",
    "lines": "Lines",
    "entry": "Entry",
    "quote": "Quote",
    "heading3": "Heading 3",
    "heading4": "Heading 4",
    "heading4_compact": "Heading 4 Compact",
    "heading5": "Heading 5",
    "bullet": "List Bullet",
    "number": "List Number",
    "list_continuation": "List Continue",
    "table": "Table Text",
    "signature": "Signature Line",
}
# The second level of a list.
NESTED_LIST_STYLE_NAMES: dict[BlockStyle, str] = {
    "bullet": "List Bullet 2",
    "number": "List Number 2",
}
FOOTER_LABEL_STYLE_NAME = "Footer Label"  # a character style


def style_id(name: str) -> str:
    """A style's id in the file, as Word and python-docx derive it from its name."""
    return name.replace(" ", "")


PARAGRAPH_STYLES: dict[BlockStyle, str] = {k: style_id(v) for k, v in PARAGRAPH_STYLE_NAMES.items()}
NESTED_LIST_STYLES: dict[BlockStyle, str] = {
    k: style_id(v) for k, v in NESTED_LIST_STYLE_NAMES.items()
}
FOOTER_LABEL_STYLE = style_id(FOOTER_LABEL_STYLE_NAME)

_TAG = re.compile(r"\{[{%].*?[}%]\}", re.S)


def tags(package: zipfile.ZipFile) -> set[str]:
    """The Jinja tags of a template's document, headers and footers, as docxtpl reads them
    (Word may split a tag over several runs: the text is joined first)."""
    found = set()
    for name in package.namelist():
        if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
            xml = zipparts.read(package, name).decode("utf-8")
            text = "".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml))
            found |= {" ".join(tag.split()) for tag in _TAG.findall(text)}
    return found


def style_ids(package: zipfile.ZipFile, kind: str) -> set[str]:
    """The ids of a template's styles of `kind` ("paragraph", "character")."""
    styles = zipparts.read(package, "word/styles.xml").decode("utf-8")
    ids = set()
    for tag in re.findall(r"<w:style\b[^>]*>", styles):
        if f'w:type="{kind}"' in tag:
            match = re.search(r'w:styleId="([^"]+)"', tag)
            if match:
                ids.add(match.group(1))
    return ids


def required_tags() -> set[str]:
    """The placeholders of our own item.docx: a template must keep every one."""
    with zipfile.ZipFile(ITEM_TEMPLATE) as package:
        return tags(package)


def check_template(path: Path, content: bytes | None = None) -> list[str]:
    """What `path` (or `content`, the bytes of a file to be called so) lacks to be a template
    of the renderer, each missing style and placeholder named; [] when it will do."""
    try:
        if content is None:
            content = files.read_bytes(path, files.WORD_LIMIT)
        with zipparts.open_zip(io.BytesIO(content)) as package:
            zipparts.check_sizes(package)  # the renderer reads every part
            paragraph = style_ids(package, "paragraph")
            character = style_ids(package, "character")
            found = tags(package)
    except FileNotFoundError:
        return [_("{path} is not there").format(path=path.name)]
    except (zipparts.NotZip, OSError, KeyError, UnicodeDecodeError):
        return [_("{path} is not a Word document (.docx)").format(path=path.name)]
    except zipparts.PartError as exc:
        return [
            _("{path} cannot be read as a Word document: {reason}").format(
                path=path.name, reason=exc
            )
        ]
    problems = []
    used = set(PARAGRAPH_STYLES.values()) | set(NESTED_LIST_STYLES.values())
    for style in sorted(used - paragraph):
        problems.append(_("the paragraph style {style} is missing").format(style=style))
    if FOOTER_LABEL_STYLE not in character:
        problems.append(
            _("the character style {style} is missing").format(style=FOOTER_LABEL_STYLE)
        )
    for tag in sorted(required_tags() - found):
        problems.append(_("the placeholder {tag} is missing").format(tag=tag))
    return problems
