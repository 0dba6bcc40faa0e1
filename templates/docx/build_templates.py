"""Rebuild templates/docx/item.docx from code, byte for byte the same every time.

    python templates/docx/build_templates.py          # writes item.docx beside this file

The template holds the whole layout: A4 page and margins, Arial styles, the three-column page
header with PAGE/NUMPAGES fields, the footer address table, and the Jinja tags that docxtpl
fills. Word users may edit the result; re-run this script to get the canonical one back.
Geometry follows SFS 2487 and Helsinki's layout (shared/design/LAYOUT.md).
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Pt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))  # this checkout's drafting, run as a script
from drafting import template_contract  # noqa: E402 - the styles the renderer writes

# The styles the renderer writes, by the names the contract gives them.
STYLES = template_contract.PARAGRAPH_STYLE_NAMES
NESTED_STYLES = template_contract.NESTED_LIST_STYLE_NAMES

FONT = "Arial"
BODY_PT = 12
TITLE_PT = 13
GRID = Cm(2.3)  # the column of the SFS 2487 grid
INDENT = Cm(4.6)  # the body column starts at the grid's second stop; headings hang at 0
BODY_WIDTH = Cm(13.4)  # measured from the originals' longest lines
TEXT_WIDTH = Cm(18.0)  # 21 cm page − 2 cm left − 1 cm right = 4.6 + 13.4
GAP = 12  # pt between paragraphs: the originals' one blank line
SIGNATURE_RIGHT = Cm(4.9)  # a signature line 8.5 cm long, from the body column's start
HEADING_GAP = 6  # pt after a section heading (Päätös, Otteet, …): measured, see _page
TITLE_GAP = GAP  # pt after the title and after the case id
TOP_MARGIN = Cm(4.4)  # page 1's first body line; the header block sits above it
BOTTOM_MARGIN = Cm(2.0)  # above the footer table
CONTINUATION_DROP = 70  # pt: where the body starts on pages 2… (see _page)
HYPHENATION_ZONE = 360  # twips: Word's default (0.25"), as the originals were made
FIXED_TIME = datetime(2021, 1, 1)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
LANGUAGE = "fi-FI"  # docx.render sets the document's own (fi-FI or sv-FI)

# Children of w:rPr, w:pPr and w:settings in the order the OOXML schema requires
# (ECMA-376 Part 1, CT_RPr, CT_PPrBase + CT_PPr, CT_Settings); Word rejects other orders.
RPR_ORDER = (  # noqa: SIM905 - the spec's sequence, readable
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath rPrChange"
).split()
PPR_ORDER = (  # noqa: SIM905
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId "
    "cnfStyle rPr sectPr pPrChange"
).split()
SETTINGS_ORDER = (  # noqa: SIM905
    "writeProtection view zoom removePersonalInformation removeDateAndTime "
    "doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText "
    "printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts "
    "saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges "
    "bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors "
    "hideGrammaticalErrors activeWritingStyle proofState formsDesign attachedTemplate "
    "linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge revisionView "
    "trackRevisions doNotTrackMoves doNotTrackFormatting documentProtection "
    "autoFormatOverride styleLockTheme styleLockQFSet defaultTabStop autoHyphenation "
    "consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps showEnvelope summaryLength "
    "clickAndTypeStyle defaultTableStyle evenAndOddHeaders bookFoldRevPrinting "
    "bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing "
    "drawingGridVerticalSpacing displayHorizontalDrawingGridEvery "
    "displayVerticalDrawingGridEvery doNotUseMarginsForDrawingGridOrigin "
    "drawingGridHorizontalOrigin drawingGridVerticalOrigin doNotShadeFormData "
    "noPunctuationKerning characterSpacingControl printTwoOnOne strictFirstAndLastChars "
    "noLineBreaksAfter noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema "
    "saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText doNotDemarcateInvalidXml "
    "saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags alwaysMergeEmptyNamespace "
    "updateFields hdrShapeDefaults footnotePr endnotePr compat docVars rsids mathPr "
    "attachedSchema themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats "
    "doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown smartTagType "
    "schemaLibrary shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator"
).split()


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _schema_order(element, order: list[str]) -> None:
    """Sort `element`'s children into the schema's sequence (stable for equal names)."""
    rank = {name: i for i, name in enumerate(order)}
    children = list(element)
    for child in children:
        element.remove(child)
    for child in sorted(children, key=lambda c: rank.get(_local(c.tag), len(order))):
        element.append(child)


def _order_properties(root) -> None:
    """Every rPr and pPr below `root` in schema order."""
    for rpr in root.iter(qn("w:rPr")):
        _schema_order(rpr, RPR_ORDER)
    for ppr in root.iter(qn("w:pPr")):
        _schema_order(ppr, PPR_ORDER)


# --- styles -----------------------------------------------------------------------------


def _set_fonts(rpr_parent, size_pt: float | None = None, bold: bool | None = None) -> None:
    """Explicit Arial on a style, dropping theme fonts and colours that Word's defaults carry."""
    rpr = rpr_parent.get_or_add_rPr()
    for tag in ("w:rFonts", "w:color"):
        for el in rpr.findall(qn(tag)):
            rpr.remove(el)
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    rpr.insert(0, fonts)
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "000000")
    rpr.append(color)


def _flag(ppr, tag: str, on: bool) -> None:
    for el in ppr.findall(qn(tag)):
        ppr.remove(el)
    if on:
        ppr.append(OxmlElement(tag))


def _paragraph_style(
    doc,
    name,
    base="Normal",
    *,
    size=BODY_PT,
    bold=False,
    italic=False,
    left=Cm(0),
    right=Cm(0),
    hanging=None,
    before=0,
    after=0,
    keep_next=False,
    outline=None,
    tabs=(),
    contextual=False,
    hyphenate=True,
):
    styles = doc.styles
    style = (
        styles[name]
        if name in [s.name for s in styles]
        else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    )
    if name != "Normal":
        style.base_style = styles[base]
    style.quick_style = True
    _set_fonts(style.element)
    font = style.font
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    pf = style.paragraph_format
    pf.left_indent = left
    pf.right_indent = right
    pf.first_line_indent = -hanging if hanging else Cm(0)
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    pf.keep_with_next = keep_next
    pf.widow_control = True
    for position in tabs:
        pf.tab_stops.add_tab_stop(position)
    ppr = style.element.get_or_add_pPr()
    # Same-style neighbours (the lines of a name, numbered entries) without the gap between.
    _flag(ppr, "w:contextualSpacing", contextual)
    # Titles and headings are never hyphenated; the text is (settings: autoHyphenation).
    _flag(ppr, "w:suppressAutoHyphens", not hyphenate)
    if outline is not None:
        for el in ppr.findall(qn("w:outlineLvl")):
            ppr.remove(el)
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(outline))
        ppr.append(level)
    return style


def _bottom_border(ppr) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for attr, value in (
        ("w:val", "single"),
        ("w:sz", "6"),
        ("w:space", "1"),
        ("w:color", "000000"),
    ):
        bottom.set(qn(attr), value)
    borders.append(bottom)
    ppr.append(borders)


def _character_style(doc, name, *, bold=False):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    style.font.bold = bold
    return style


def _numbering(doc) -> None:
    """One bullet list definition (three levels) in the body column, used by List Bullet."""
    part = doc.part.numbering_part
    levels = []
    for level, bullet in enumerate(("•", "–", "•")):
        left = int(Emu(INDENT + Cm(0.6 * (level + 1))).twips)
        levels.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
            f'<w:lvlText w:val="{bullet}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{left}"/></w:tabs>'
            f'<w:ind w:left="{left}" w:hanging="{int(Cm(0.6).twips)}"/></w:pPr>'
            f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/></w:rPr></w:lvl>'
        )
    xml = (
        f"<w:numbering {nsdecls('w')}>"
        f'<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>'
        f"{''.join(levels)}</w:abstractNum>"
        f'<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )
    part._element = parse_xml(xml)


def _list_level(style, level: int) -> None:
    ppr = style.element.get_or_add_pPr()
    for el in ppr.findall(qn("w:numPr")):
        ppr.remove(el)
    ppr.insert(
        0,
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr>'
        ),
    )


def _styles(doc) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rpr.find(qn("w:rFonts")).attrib.clear()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rpr.find(qn("w:rFonts")).set(qn(attr), FONT)
    rpr.find(qn("w:lang")).set(qn("w:val"), LANGUAGE)
    for size in ("w:sz", "w:szCs"):
        rpr.find(qn(size)).set(qn("w:val"), str(BODY_PT * 2))
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")

    body = dict(left=INDENT, after=GAP)
    heading = dict(bold=True, after=GAP, keep_next=True, hyphenate=False)
    _paragraph_style(doc, "Normal")
    # The item's own lines at the left margin: "§ 333", title, case id.
    _paragraph_style(
        doc, "Section Number", size=TITLE_PT, bold=True, keep_next=True, hyphenate=False
    )
    # 15.7 cm (18 − 2.3): the title breaks where the originals break it.
    _paragraph_style(
        doc, "Heading 1", size=TITLE_PT, right=GRID, **{**heading, "after": TITLE_GAP}, outline=0
    )
    _paragraph_style(doc, "Case Id", after=TITLE_GAP, keep_next=True, hyphenate=False)
    # Every heading hangs at the left margin; the text sits in the body column. A heading
    # whose lines follow without a gap (Esittelijä, Lisätiedot) is "Compact".
    _paragraph_style(doc, "Heading 2", **{**heading, "after": HEADING_GAP}, outline=1)
    _paragraph_style(doc, STYLES["heading3"], **heading, outline=2)
    _paragraph_style(doc, STYLES["heading4"], **heading, outline=3)
    _paragraph_style(
        doc, STYLES["heading4_compact"], STYLES["heading4"], **{**heading, "after": 0}, outline=3
    )
    # Sub-headings inside an earlier handling's text, one level below its "Lausunto".
    _paragraph_style(doc, STYLES["heading5"], **heading, outline=4)
    _paragraph_style(doc, STYLES["body"], **body)
    _paragraph_style(doc, STYLES["lines"], STYLES["body"], **body, contextual=True)
    # The line to sign on (minutes' first page): room above it, the name right below it.
    signature = _paragraph_style(
        doc,
        STYLES["signature"],
        STYLES["body"],
        left=INDENT,
        right=SIGNATURE_RIGHT,
        before=2 * GAP,
        keep_next=True,
    )
    _bottom_border(signature.element.get_or_add_pPr())
    _paragraph_style(
        doc,
        STYLES["entry"],
        STYLES["body"],
        left=Emu(INDENT + Cm(0.8)),
        hanging=Cm(0.8),
        after=GAP,
        contextual=True,
        tabs=(Emu(INDENT + Cm(0.8)),),
    )
    _paragraph_style(doc, STYLES["quote"], STYLES["body"], left=Emu(INDENT + Cm(1.0)), after=GAP)
    bullet = _paragraph_style(
        doc,
        STYLES["bullet"],
        STYLES["body"],
        left=Emu(INDENT + Cm(0.6)),
        hanging=Cm(0.6),
        after=GAP,
        contextual=True,
    )
    _list_level(bullet, 0)
    bullet2 = _paragraph_style(
        doc,
        NESTED_STYLES["bullet"],
        STYLES["body"],
        left=Emu(INDENT + Cm(1.2)),
        hanging=Cm(0.6),
        after=GAP,
        contextual=True,
    )
    _list_level(bullet2, 1)
    # Numbered items carry their number as text ("3." + tab): each list restarts where the
    # author started it, which Word numbering cannot do without a definition per list.
    _paragraph_style(
        doc,
        STYLES["number"],
        STYLES["body"],
        left=Emu(INDENT + Cm(0.8)),
        hanging=Cm(0.8),
        after=GAP,
        contextual=True,
        tabs=(Emu(INDENT + Cm(0.8)),),
    )
    _paragraph_style(
        doc,
        NESTED_STYLES["number"],
        STYLES["body"],
        left=Emu(INDENT + Cm(1.6)),
        hanging=Cm(0.8),
        after=GAP,
        contextual=True,
        tabs=(Emu(INDENT + Cm(1.6)),),
    )
    _paragraph_style(
        doc, STYLES["list_continuation"], STYLES["body"], left=Emu(INDENT + Cm(0.8)), after=GAP
    )
    # In table cells: what a recipient receives, one paragraph each with the gap after.
    _paragraph_style(doc, STYLES["table"], after=GAP)
    _paragraph_style(
        doc, "Table Heading", STYLES["table"], bold=True, keep_next=True, hyphenate=False
    )
    _paragraph_style(doc, "Header", size=10, hyphenate=False)
    _paragraph_style(doc, "Footer", size=7, hyphenate=False)
    _character_style(doc, template_contract.FOOTER_LABEL_STYLE_NAME, bold=True)


# --- tables and fields ------------------------------------------------------------------


def _table_properties(table, widths, indent=Cm(0), borders=False) -> None:
    """Fixed layout with widths on the grid and on every cell (LibreOffice reads the grid).

    Children of tblPr are written in schema order, or Word reports unreadable content.
    """
    tbl = table._tbl
    tblpr = tbl.tblPr
    for child in list(tblpr):
        if child.tag != qn("w:tblStyle"):
            tblpr.remove(child)
    total = sum(int(Emu(w).twips) for w in widths)
    edge = "single" if borders else "nil"
    tblpr.append(parse_xml(f'<w:tblW {nsdecls("w")} w:w="{total}" w:type="dxa"/>'))
    tblpr.append(parse_xml(f'<w:tblInd {nsdecls("w")} w:w="{int(indent.twips)}" w:type="dxa"/>'))
    tblpr.append(
        parse_xml(
            f"<w:tblBorders {nsdecls('w')}>"
            + "".join(
                f'<w:{side} w:val="{edge}" w:sz="4" w:space="0" w:color="000000"/>'
                for side in ("top", "left", "bottom", "right", "insideH", "insideV")
            )
            + "</w:tblBorders>"
        )
    )
    tblpr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    tblpr.append(
        parse_xml(
            f'<w:tblCellMar {nsdecls("w")}><w:left w:w="0" w:type="dxa"/>'
            f'<w:right w:w="113" w:type="dxa"/></w:tblCellMar>'
        )
    )
    tblpr.append(
        parse_xml(
            f'<w:tblLook {nsdecls("w")} w:val="0420" w:firstRow="1" w:lastRow="0" '
            f'w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        )
    )
    grid = tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(width.twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _header_row(row) -> None:
    """Mark a table's first row as its header: screen readers and page breaks both use it."""
    trpr = row._tr.get_or_add_trPr()
    trpr.append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))


def _unsplittable(table) -> None:
    """A recipient and what they receive stay on one page."""
    for row in table.rows:
        row._tr.get_or_add_trPr().insert(0, parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))


def _field(paragraph, instruction: str, shown: str) -> None:
    """A real Word field (PAGE, NUMPAGES): Word and LibreOffice compute it on every page."""
    for xml in (
        '<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {{ns}}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>',
        '<w:r {ns}><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r {{ns}}><w:t>{shown}</w:t></w:r>",
        '<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml.format(ns=nsdecls("w"))))


def _cell_text(cell, text: str, style: str, align=None) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = style
    if text:
        paragraph.add_run(text)
    if align is not None:
        paragraph.alignment = align


# --- the page ---------------------------------------------------------------------------


def _page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin, section.right_margin = Cm(2.0), Cm(1.0)
    section.top_margin, section.header_distance = TOP_MARGIN, Cm(1.0)
    section.bottom_margin, section.footer_distance = BOTTOM_MARGIN, Cm(0.8)

    # Vertical geometry, measured by laying both originals' text out on one endless page:
    # every page after the first holds 40 lines and 7 gaps of 12 pt (but not 41), and
    # § 885's page 2 (35 lines, 10 gaps, 4 section headings) fits only with 6 pt after a
    # section heading. Page 1 then holds ≈ 0.6 cm more than the pages after it: its body
    # starts right below the header block, and on the following pages the header's end
    # leaves CONTINUATION_DROP more (a header of its own for the first page).
    section.different_first_page_header_footer = True
    _header(section.first_page_header, 0)
    _header(section.header, CONTINUATION_DROP)
    _footer(section.first_page_footer)
    _footer(section.footer)


def _header(header, drop: float) -> None:
    """Organisation | document and number | "N (M)"; the body, Asia/N and the date below."""
    table = header.add_table(rows=4, cols=3, width=TEXT_WIDTH)
    widths = (Cm(9.2), Cm(6.5), Cm(2.3))
    _table_properties(table, widths)
    rows = table.rows
    _cell_text(rows[0].cells[0], "{{ header.organization }}", "Header")
    rows[0].cells[0].paragraphs[0].runs[0].bold = True
    _cell_text(rows[0].cells[1], "{{ header.document }}\t{{ header.number }}", "Header")
    rows[0].cells[1].paragraphs[0].paragraph_format.tab_stops.add_tab_stop(Cm(3.6))
    page = rows[0].cells[2].paragraphs[0]
    page.style = "Header"
    page.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _field(page, "PAGE", "1")
    page.add_run(" (")
    _field(page, "NUMPAGES", "1")
    page.add_run(")")
    _cell_text(rows[1].cells[0], "{{ header.body }}", "Header")
    _cell_text(rows[2].cells[1], "{{ header.agenda_item }}", "Header")
    _cell_text(rows[3].cells[1], "{{ header.date }}", "Header")
    for row in rows[1:]:
        for cell in row.cells:
            if not cell.paragraphs[0].style or cell.paragraphs[0].style.name != "Header":
                cell.paragraphs[0].style = "Header"
    # python-docx leaves an empty paragraph before the table; keep it as the header's end.
    header.paragraphs[0].style = "Header"
    header._element.remove(header.paragraphs[0]._p)
    header._element.append(
        parse_xml(
            f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="Header"/>'
            f'<w:spacing w:before="{int(drop * 20)}" w:after="0" w:line="20" '
            f'w:lineRule="exact"/></w:pPr></w:p>'
        )
    )


def _footer(footer) -> None:
    """The organisation's address table (docxtpl fills its rows)."""
    table = footer.add_table(rows=3, cols=5, width=TEXT_WIDTH)
    widths = (Cm(4.2), Cm(4.6), Cm(3.0), Cm(2.6), Cm(3.6))
    _table_properties(table, widths)
    tbl = table._tbl
    top = parse_xml(
        f'<w:tblBorders {nsdecls("w")}><w:top w:val="single" w:sz="4" w:space="0" '
        f'w:color="000000"/></w:tblBorders>'
    )
    tbl.tblPr.replace(tbl.tblPr.find(qn("w:tblBorders")), top)
    # docxtpl row loop: the first and last rows only carry the tags and disappear.
    _cell_text(table.rows[0].cells[0], "{%tr for row in footer.rows %}", "Footer")
    for column in range(5):
        _cell_text(table.rows[1].cells[column], f"{{{{r row[{column}] }}}}", "Footer")
    _cell_text(table.rows[2].cells[0], "{%tr endfor %}", "Footer")
    footer.paragraphs[0]._p.getparent().remove(footer.paragraphs[0]._p)
    footer._element.append(
        parse_xml(
            f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="Footer"/>'
            f'<w:spacing w:after="0" w:line="20" w:lineRule="exact"/>'
            f"</w:pPr></w:p>"
        )
    )


def _body(doc) -> None:
    def para(text: str, style: str = "Normal") -> None:
        doc.add_paragraph(text, style=style)

    para("{%p if item.section_line %}")
    para("{{ item.section_line }}", "Section Number")
    para("{%p endif %}")
    para("{{ item.title_line }}", "Heading 1")
    para("{%p if item.case_line %}")
    para("{{ item.case_line }}", "Case Id")
    para("{%p endif %}")
    para("{%p for s in sections %}")
    # Esittelijä and Lisätiedot: the lines follow their heading without the gap (the parts
    # drafting.schema.PARTS marks compact).
    para("{%p if s.compact %}")
    compact = doc.add_paragraph("{{ s.heading }}", style="Heading 2")
    compact.paragraph_format.space_after = Pt(0)
    para("{%p else %}")
    para("{{ s.heading }}", "Heading 2")
    para("{%p endif %}")
    # Two-column tables in the body column: "list" with a narrow number column (the
    # meeting's items: § | title) and "grid" (Otteet: recipient | what they receive), whose
    # second column starts at the grid's 9.2 cm stop, like the originals'.
    para("{%p if s.table and s.table.kind == 'list' %}")
    _two_column_table(doc, (GRID, Emu(BODY_WIDTH - GRID)))
    para("{%p elif s.table %}")
    _two_column_table(doc, (Emu(INDENT), Emu(BODY_WIDTH - INDENT)))
    para("{%p else %}")
    para("{{p s.body }}", STYLES["body"])
    para("{%p endif %}")
    para("{%p endfor %}")


def _two_column_table(doc, widths) -> None:
    table = doc.add_table(rows=4, cols=2)
    _table_properties(table, widths, indent=INDENT)
    _unsplittable(table)
    _header_row(table.rows[0])
    _cell_text(table.rows[0].cells[0], "{{ s.table.columns[0] }}", "Table Heading")
    _cell_text(table.rows[0].cells[1], "{{ s.table.columns[1] }}", "Table Heading")
    _cell_text(table.rows[1].cells[0], "{%tr for row in s.table.rows %}", "Table Text")
    _cell_text(table.rows[2].cells[0], "{{p row[0] }}", "Table Text")
    _cell_text(table.rows[2].cells[1], "{{p row[1] }}", "Table Text")
    _cell_text(table.rows[3].cells[0], "{%tr endfor %}", "Table Text")


def _properties(doc) -> None:
    props = doc.core_properties
    props.author = "Pykälä"
    props.last_modified_by = "Pykälä"
    props.title = ""
    props.subject = ""
    props.comments = ""
    props.keywords = ""
    props.language = "fi-FI"
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    package = doc.part.package
    for r_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # a picture of python-docx's own sample document
            del package.rels[r_id]


def _settings(doc) -> None:
    """Automatic hyphenation, as the originals have it: Word reads it from here, and so does
    LibreOffice, which hyphenates Finnish with the patterns Pykälä ships
    (resources/hyphenation, put first in its private profile) and Swedish with the system's
    dictionary (hyphen-sv; drafting/render/hyphenation.py says when it is missing)."""
    settings = doc.settings.element
    for tag in ("w:autoHyphenation", "w:consecutiveHyphenLimit", "w:hyphenationZone"):
        for el in settings.findall(qn(tag)):
            settings.remove(el)
    settings.append(parse_xml(f'<w:autoHyphenation {nsdecls("w")} w:val="true"/>'))
    # The zone Word hyphenates in: its default, stated (LibreOffice 7.4's pages are the same
    # with 0.25 cm or 0.635 cm).
    settings.append(parse_xml(f'<w:hyphenationZone {nsdecls("w")} w:val="{HYPHENATION_ZONE}"/>'))
    _schema_order(settings, SETTINGS_ORDER)


def build_item() -> bytes:
    doc = docx.Document()
    _styles(doc)
    _numbering(doc)
    _page(doc)
    _body(doc)
    _properties(doc)
    _settings(doc)
    section = doc.sections[0]
    for part in (
        doc.styles.element,
        doc.element,
        section.header._element,
        section.footer._element,
        section.first_page_header._element,
        section.first_page_footer._element,
        doc.part.numbering_part.element,
    ):
        _order_properties(part)
    raw = io.BytesIO()
    doc.save(raw)
    return _normalise_zip(raw.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Same input, same bytes: fixed timestamps and member order in the ZIP container."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        ordered = ["[Content_Types].xml"] + sorted(n for n in names if n != "[Content_Types].xml")
        for name in ordered:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(name))
    return out.getvalue()


TEMPLATES = {"item.docx": build_item}


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else HERE
    for name, builder in TEMPLATES.items():
        (target / name).write_bytes(builder())
        print(f"wrote {target / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
