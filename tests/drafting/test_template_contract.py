"""The contract between the renderer and templates/docx/item.docx, checked both ways round:
every style id drafting/render/docx.py names exists in the template, and the footer table
has the columns drafting/render/context.py fills."""

import re
import zipfile

from drafting.render import context, docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _part(name: str) -> str:
    with zipfile.ZipFile(docx.ITEM_TEMPLATE) as package:
        return package.read(name).decode("utf-8")


def _style_ids(kind: str) -> set[str]:
    styles = _part("word/styles.xml")
    found = set()
    for tag in re.findall(r"<w:style\b[^>]*>", styles):
        if f'w:type="{kind}"' in tag:
            found.add(re.search(r'w:styleId="([^"]+)"', tag).group(1))
    return found


def test_every_paragraph_style_the_renderer_uses_is_in_the_template():
    used = set(docx.PARAGRAPH_STYLES.values()) | set(docx.NESTED_LIST_STYLES.values())
    assert {"ListBullet2", "ListNumber2", "ListContinue", "Lines", "TableText"} <= used
    assert used - _style_ids("paragraph") == set()


def test_every_block_style_has_a_template_style():
    from typing import get_args

    from drafting.richtext import BlockStyle

    assert set(docx.PARAGRAPH_STYLES) == set(get_args(BlockStyle))


def test_every_character_style_the_renderer_uses_is_in_the_template():
    assert {docx.FOOTER_LABEL_STYLE} - _style_ids("character") == set()


def test_the_footer_table_has_the_columns_the_context_fills():
    footers = []
    with zipfile.ZipFile(docx.ITEM_TEMPLATE) as package:
        names = [n for n in package.namelist() if re.fullmatch(r"word/footer\d*\.xml", n)]
        footers = [package.read(n).decode("utf-8") for n in names]
    assert footers
    for xml in footers:
        grid = re.search(r"<w:tblGrid>(.*?)</w:tblGrid>", xml, re.S).group(1)
        assert grid.count("<w:gridCol") == context.FOOTER_COLUMNS
