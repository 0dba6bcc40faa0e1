"""The draft a Word document was made from, carried inside it, so the file can be reopened.

Every DOCX Pykälä writes for an item carries its draft as a custom XML part
(`customXml/itemN.xml`, with its `itemPropsN.xml` and the relationship from the main document
part), the place Word keeps on every save. The part holds the draft's JSON as text, and a
SHA-256 of the document's visible text as written, so that a later edit in Word is noticed
(Word edits are never read back: the draft is what Pykälä wrote).

LibreOffice (7.4 tested) keeps custom XML parts too when it saves a DOCX, and its re-save
leaves the visible text, and so the hash, as it was (tests/drafting/test_embed.py).

A public copy carries the masked draft: every `[Name]{.personal}` becomes
`[**********]{.personal}` (and the same name elsewhere in the draft too), a non-public
attachment's title is its grounds of secrecy as printed and its file name is dropped.
"""

from __future__ import annotations

import hashlib
import io
import json
import posixpath
import re
import unicodedata
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from drafting import copies, draftfile, files, zipparts
from drafting.i18n import _
from drafting.model import Draft
from drafting.render import context
from drafting.resources import organization

NAMESPACE = "urn:pykala:draft:1"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
DS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
REL_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
REL_CUSTOM_XML_PROPS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
)
CT_CUSTOM_XML_PROPS = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"

# Characters XML 1.0 cannot hold; inside JSON strings they are written as \uXXXX escapes.
_XML_ILLEGAL = re.compile("[\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Embedded:
    draft_json: str  # the draft as JSON text (parse with draftfile.loads)
    text_changed: bool  # the document's text is not what Pykälä wrote
    public: bool  # the masked draft of a public copy


# --- the document's visible text -------------------------------------------------------


def visible_text(document_xml: bytes) -> str:
    """The body's words, one paragraph a line, spacing normalised: what a reader sees, the
    same after Word or LibreOffice split runs differently or add their own markup."""
    root = etree.fromstring(document_xml)
    lines = []
    for paragraph in root.iter(f"{{{W}}}p"):
        if paragraph.getparent() is not None and paragraph.getparent().tag == f"{{{W}}}p":
            continue
        pieces = []
        for node in paragraph.iter(f"{{{W}}}t", f"{{{W}}}tab", f"{{{W}}}br"):
            pieces.append(node.text or "" if node.tag == f"{{{W}}}t" else " ")
        line = " ".join("".join(pieces).split())
        if line:
            lines.append(unicodedata.normalize("NFC", line))
    return "\n".join(lines)


def text_hash(docx_bytes: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        return hashlib.sha256(
            visible_text(archive.read("word/document.xml")).encode("utf-8")
        ).hexdigest()


# --- the public copy's draft -----------------------------------------------------------


def public_json(
    draft: Draft,
    language: str | None = None,
    words: context.Words | None = None,
    names: Iterable[str] = (),
) -> dict:
    """The draft a public copy may carry (drafting.copies.public_json): no marked name
    anywhere in it (nor `names`, marked elsewhere in the document), no list of words ignored
    in spelling, a non-public attachment withheld."""
    words = words or context.Words(organization(draft.organization), language or draft.language)
    return copies.public_json(draft, words("personal_mask"), words("secrecy"), names)


# --- writing ---------------------------------------------------------------------------


def _json_text(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _XML_ILLEGAL.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _custom_xml(json_text: str, digest: str, public: bool) -> bytes:
    root = etree.Element(f"{{{NAMESPACE}}}draft", nsmap={None: NAMESPACE})
    root.set("version", "1")
    root.set("copy", "public" if public else "full")
    root.set("textSha256", digest)
    root.text = json_text
    return _xml(root)


def _item_props(item_id: str) -> bytes:
    root = etree.Element(f"{{{DS}}}datastoreItem", nsmap={"ds": DS})
    root.set(f"{{{DS}}}itemID", item_id)
    refs = etree.SubElement(root, f"{{{DS}}}schemaRefs")
    etree.SubElement(refs, f"{{{DS}}}schemaRef").set(f"{{{DS}}}uri", NAMESPACE)
    return _xml(root)


def _rels(entries: list[tuple[str, str, str]]) -> bytes:
    root = etree.Element(f"{{{PKG_RELS}}}Relationships", nsmap={None: PKG_RELS})
    for rel_id, rel_type, target in entries:
        etree.SubElement(root, f"{{{PKG_RELS}}}Relationship", Id=rel_id, Type=rel_type).set(
            "Target", target
        )
    return _xml(root)


def _add_relationship(rels_xml: bytes, rel_type: str, target: str) -> bytes:
    root = etree.fromstring(rels_xml)
    used = {r.get("Id") for r in root}
    n = 1
    while f"rId{n}" in used:
        n += 1
    etree.SubElement(root, f"{{{PKG_RELS}}}Relationship", Id=f"rId{n}", Type=rel_type).set(
        "Target", target
    )
    return _xml(root)


def _add_override(types_xml: bytes, part: str, content_type: str) -> bytes:
    root = etree.fromstring(types_xml)
    if not any(o.get("PartName") == part for o in root.iter(f"{{{CONTENT_TYPES}}}Override")):
        etree.SubElement(
            root, f"{{{CONTENT_TYPES}}}Override", PartName=part, ContentType=content_type
        )
    return _xml(root)


def embed(
    docx_bytes: bytes,
    draft: Draft,
    public: bool = False,
    language: str | None = None,
    words: context.Words | None = None,
    names: Iterable[str] = (),
) -> bytes:
    """`docx_bytes` with `draft` carried inside (the masked draft for a public copy, `names`
    masked too; `words`: the document's, if the caller has them). The main document part is
    not touched: only new parts and their relationships."""
    data = public_json(draft, language, words, names) if public else draftfile.to_json(draft)
    json_text = _json_text(data)
    digest = text_hash(docx_bytes)
    source = zipfile.ZipFile(io.BytesIO(docx_bytes))
    names = source.namelist()
    n = 1
    while f"customXml/item{n}.xml" in names or f"customXml/itemProps{n}.xml" in names:
        n += 1
    item, props = f"customXml/item{n}.xml", f"customXml/itemProps{n}.xml"
    item_id = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, NAMESPACE + json_text)).upper() + "}"
    new_parts = {
        item: _custom_xml(json_text, digest, public),
        props: _item_props(item_id),
        f"customXml/_rels/item{n}.xml.rels": _rels(
            [("rId1", REL_CUSTOM_XML_PROPS, f"itemProps{n}.xml")]
        ),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "[Content_Types].xml":
                content = _add_override(content, f"/{props}", CT_CUSTOM_XML_PROPS)
            elif info.filename == "word/_rels/document.xml.rels":
                content = _add_relationship(content, REL_CUSTOM_XML, f"../{item}")
            target.writestr(info, content)
        for name, content in new_parts.items():
            target.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), content)
    return out.getvalue()


# --- reading ---------------------------------------------------------------------------


# A draft's JSON longer than this is no draft a person wrote; nor is a part this large ours.
DRAFT_PART_LIMIT = zipparts.PART_LIMIT


def _root_tag(archive: zipfile.ZipFile, name: str) -> str | None:
    """The tag of a part's root element, read from its first bytes only (a custom XML part
    can be anything: only ours is read whole)."""
    parser = etree.XMLPullParser(events=("start",), resolve_entities=False, no_network=True)
    head = zipparts.head(archive, name)
    try:
        parser.feed(head)
        for _event, element in parser.read_events():
            return str(element.tag)
    except etree.XMLSyntaxError:
        return None
    return None


def _from_custom_xml(archive: zipfile.ZipFile) -> tuple[str, str, bool] | None:
    for name in archive.namelist():
        if not (name.startswith("customXml/") and posixpath.dirname(name) == "customXml"):
            continue
        if _root_tag(archive, name) != f"{{{NAMESPACE}}}draft":
            continue
        try:
            root = etree.fromstring(zipparts.read(archive, name, DRAFT_PART_LIMIT))
        except etree.XMLSyntaxError:
            continue
        if root.tag == f"{{{NAMESPACE}}}draft":
            return root.text or "", root.get("textSha256", ""), root.get("copy") == "public"
    return None


def _read_archive(archive: zipfile.ZipFile) -> Embedded | None:
    found = _from_custom_xml(archive)
    if found is None:
        return None
    json_text, digest, public = found
    document = zipparts.read(archive, "word/document.xml")
    current = hashlib.sha256(visible_text(document).encode("utf-8")).hexdigest()
    return Embedded(json_text, current != digest, public)


def read(docx_bytes: bytes) -> Embedded | None:
    """The draft carried by a DOCX Pykälä wrote, or None (not ours, or the part removed).
    Raises zipparts.PartError for a damaged file or one whose parts inflate past their
    limits, KeyError for a zip that is no Word document at all."""
    with zipparts.open_zip(io.BytesIO(docx_bytes)) as archive:
        return _read_archive(archive)


# --- opening a Word document -----------------------------------------------------------


@dataclass(frozen=True)
class Reopened:
    """The draft a Word document carried, as the user opens it."""

    draft: Draft
    text_changed: bool  # edited (in Word, LibreOffice…) after Pykälä wrote it
    public: bool  # a public copy's masked draft


def open_word(path: Path) -> Reopened:
    """The draft carried by the Word document at `path`; DraftError saying why there is
    none (not made by Pykälä, the part removed, a damaged file)."""
    path = Path(path)
    try:
        found = read(files.read_bytes(path, files.WORD_LIMIT))
    except OSError as exc:
        raise draftfile.DraftError(
            [_("cannot read {path}: {reason}").format(path=path, reason=exc.strerror or exc)],
            str(path),
        ) from None
    except zipparts.PartError as exc:
        raise draftfile.DraftError(
            [
                _("{name} cannot be read as a Word document: {reason}.").format(
                    name=path.name, reason=exc
                )
            ],
            str(path),
        ) from None
    except (KeyError, etree.XMLSyntaxError, ValueError):
        raise draftfile.DraftError(
            [
                _(
                    "{name} is damaged or not a Word document (.docx); Pykälä cannot read it."
                ).format(name=path.name)
            ],
            str(path),
        ) from None
    if found is None:
        raise draftfile.DraftError([not_ours(path.name)], str(path))
    draft = draftfile.loads(found.draft_json, str(path))
    return Reopened(draft, found.text_changed, found.public)


def not_ours(name: str) -> str:
    return _(
        "{name} is a Word document that carries no Pykälä draft: it was not made by Pykälä, "
        "or the draft was removed from it (for example by saving it in another format). "
        "Pykälä opens its own drafts (.pykala) and the Word documents it wrote; to use this "
        "text, paste it into a new draft."
    ).format(name=name)
