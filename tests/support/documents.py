"""Helpers that read documents the way a person (or pdftotext) would."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_paragraphs(data: bytes) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph, tables included, in document order."""
    document = docx.Document(io.BytesIO(data))
    out = []
    for block in document.element.body.iter(f"{W}p"):
        style = block.find(f"{W}pPr/{W}pStyle")
        style_id = style.get(f"{W}val") if style is not None else "Normal"
        text = "".join(
            node.text or ("\n" if node.tag == f"{W}br" else "\t" if node.tag == f"{W}tab" else "")
            for node in block.iter(f"{W}t", f"{W}br", f"{W}tab")
        )
        out.append((style_id, text))
    return out


def docx_text(data: bytes) -> str:
    return "\n".join(text for _, text in docx_paragraphs(data))


def docx_part(data: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode("utf-8")


def pdf_pages(pdf: Path) -> list[str]:
    """pdftotext -layout, one string a page."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def squash(text: str) -> str:
    """Letters and digits only: line breaks, hyphenation and spacing no longer matter."""
    return re.sub(r"[\W_]+", "", text).lower()


def words(text: str) -> list[str]:
    return text.split()


def part_text(data: bytes, name: str) -> str:
    """The visible text of one part (a header, a footer), runs joined."""
    from lxml import etree

    root = etree.fromstring(docx_part(data, name).encode("utf-8"))
    return "".join(node.text or "" for node in root.iter(f"{W}t"))


def every_part(data: bytes) -> str:
    """The document, its headers and footers and its properties (docProps/*), as stored."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [
            n
            for n in archive.namelist()
            if n == "word/document.xml" or n.startswith(("word/header", "word/footer", "docProps/"))
        ]
        return "\n".join(archive.read(n).decode("utf-8") for n in names)
