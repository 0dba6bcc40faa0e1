"""Word rejects a file whose properties are out of the schema's order (LibreOffice does not
care, so nothing else would notice): every rPr, pPr and the settings in ECMA-376 order."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from drafting.render import context, docx
from tests.conftest import EXAMPLE_333

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# ECMA-376 Part 1, CT_RPr (EG_RPrBase), CT_PPrBase + CT_PPr, CT_Settings: written out here
# from the specification, not imported from the build script.
RPR = (  # noqa: SIM905 - the spec's sequence, readable
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath rPrChange"
).split()
PPR = (  # noqa: SIM905
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId "
    "cnfStyle rPr sectPr pPrChange"
).split()
SETTINGS = (  # noqa: SIM905
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


def out_of_order(element, order: list[str]) -> list[str]:
    """Children of `element` that come after one that the schema puts later. Elements of
    other namespaces (w14:docId, …) are extensions that the schema lets follow."""
    names = [etree.QName(c).localname for c in element if etree.QName(c).namespace == W[1:-1]]
    unknown = [n for n in names if n not in order]
    assert not unknown, f"not in the schema's list: {unknown}"
    ranks = [order.index(n) for n in names]
    return [
        f"{names[i - 1]} before {names[i]}" for i in range(1, len(ranks)) if ranks[i] < ranks[i - 1]
    ]


def problems(data: bytes) -> list[str]:
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not (name.startswith("word/") and name.endswith(".xml")):
                continue
            root = etree.fromstring(archive.read(name))
            for tag, order in (("rPr", RPR), ("pPr", PPR)):
                for element in root.iter(f"{W}{tag}"):
                    found += [f"{name} {tag}: {p}" for p in out_of_order(element, order)]
            if name == "word/settings.xml":
                found += [f"{name}: {p}" for p in out_of_order(root, SETTINGS)]
    return found


def test_checker_sees_a_wrong_order():
    wrong = etree.fromstring(f'<w:rPr xmlns:w="{W[1:-1]}"><w:sz w:val="24"/><w:i/></w:rPr>')
    assert out_of_order(wrong, RPR) == ["sz before i"]


def test_template_parts_are_in_schema_order():
    assert problems(docx.ITEM_TEMPLATE.read_bytes()) == []


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_rendered_document_is_in_schema_order(language):
    from drafting import draftfile
    from drafting.render.context import Options

    draft = draftfile.load(EXAMPLE_333)
    assert problems(docx.render(context.build(draft, Options(language=language)))) == []


def test_hyphenation_is_on_and_languages_are_set():
    with zipfile.ZipFile(io.BytesIO(docx.ITEM_TEMPLATE.read_bytes())) as archive:
        settings = etree.fromstring(archive.read("word/settings.xml"))
        styles = etree.fromstring(archive.read("word/styles.xml"))
    auto = settings.find(f"{W}autoHyphenation")
    assert auto is not None and auto.get(f"{W}val") in (None, "true", "1", "on")
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}val") == "fi-FI"
