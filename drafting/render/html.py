"""context → one accessible, self-contained HTML5 page (the web version of a document).

Like drafting.render.docx, this only lays out what drafting.render.context decided: the same
sections in the same order and words, personal data already masked in a public copy. The
layout is semantic (headings, lists, tables with header cells, a definition list for the
header data), with one small stylesheet in the page and no inline styles; every piece of
text is escaped.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from drafting.render.context import Context, Section
from drafting.richtext import Block, Run, list_number

STYLESHEET = """\
body{font-family:Arial,"Liberation Sans",Helvetica,sans-serif;font-size:1rem;line-height:1.5;\
color:#1a1a1a;background:#fff;margin:0 auto;padding:1rem 1.25rem 2rem;max-width:42rem}
header{border-bottom:1px solid #767676;padding-bottom:.75rem}
header .organization{font-weight:bold;margin:0 0 .5rem}
dl.data{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:0}
dl.data dt{font-weight:bold}
dl.data dd{margin:0}
nav ul{list-style:none;padding:0;margin:.75rem 0}
nav li{display:inline-block;margin:0 1rem .25rem 0}
a{color:#0a4f9e}
a:focus{outline:2px solid #0a4f9e;outline-offset:2px}
h1{font-size:1.5rem;line-height:1.3;margin:1.5rem 0 .25rem}
h1 .section{display:block;font-size:1.1rem}
h2{font-size:1.2rem;margin:1.75rem 0 .4rem}
h3{font-size:1.05rem;margin:1.25rem 0 .3rem}
h4,h5,h6{font-size:1rem;margin:1rem 0 .25rem}
p,ul,ol{margin:0 0 .75rem}
li ul,li ol{margin:0}
.case{margin-bottom:1.5rem}
ul.entries{list-style:none;padding:0}
.number{display:inline-block;min-width:2.5rem}
blockquote{margin:0 0 .75rem 1.5rem;padding-left:.75rem;border-left:3px solid #767676}
table{border-collapse:collapse;margin:0 0 1rem}
th,td{border:1px solid #767676;padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:#f0f0f0}
footer{border-top:1px solid #767676;margin-top:2.5rem;padding-top:.5rem;font-size:.9rem}
footer h2{font-size:1rem;margin-top:.5rem}
footer dl{display:flex;flex-wrap:wrap;gap:.5rem 2rem;margin:0}
footer dl div{min-width:9rem}
footer dt{font-weight:bold}
footer dd{margin:0}
"""

HEADING_STYLES = {"heading3": 3, "heading4": 4, "heading4_compact": 4, "heading5": 5}
LIST_STYLES = ("bullet", "number", "list_continuation")


@dataclass(frozen=True)
class Links:
    """How a page of a set (a meeting's web version) reaches the others."""

    pages: Sequence[tuple[str, str]] = ()  # (href, text) of every page, in order
    current: str = ""  # the href of this page
    rows: Sequence[str] = ()  # hrefs of the items table's rows, in order


def _href(name: str) -> str:
    """A link to a page beside this one, by its file name."""
    return escape(quote(name))


def _text(text: str) -> str:
    """Escaped text; a typed line break stays one, a tab reads as a space."""
    return escape(text).replace("\t", " ").replace("\n", "<br>")


def _runs(block: Block) -> str:
    return _html(block["runs"])


def _html(runs: list[Run]) -> str:
    out = []
    for run in runs:
        text = _text(run["text"])
        if run["bold"]:
            text = f"<strong>{text}</strong>"
        if run["italic"]:
            text = f"<em>{text}</em>"
        out.append(text)
    return "".join(out)


def _plain(block: Block) -> str:
    return "".join(run["text"] for run in block["runs"])


def _entry(block: Block) -> str:
    """ "1<tab>Title": the number apart from the title, as the printed column sets it."""
    runs = block["runs"]
    for k, run in enumerate(runs):
        if "\t" in run["text"]:
            number, _tab, rest = run["text"].partition("\t")
            head = _html([*runs[:k], Run(**{**run, "text": number})])
            tail = _html([Run(**{**run, "text": rest}), *runs[k + 1 :]])
            return f'<span class="number">{head}</span> {tail}'
    return _runs(block)


def _list(blocks: list[Block]) -> Iterator[str]:
    """Consecutive list blocks as nested <ul>/<ol>: each level its own list inside the item
    above it; a paragraph that continues an item stays inside it."""
    stack: list[tuple[str, int, int]] = []  # open lists: tag, level, next number

    def close() -> str:
        tag = stack.pop()[0]
        return f"</li></{tag}>"

    for block in blocks:
        level = block["level"]
        if block["style"] == "list_continuation":
            while len(stack) > 1 and stack[-1][1] > level:
                yield close()
            yield f"<p>{_runs(block)}</p>"
            continue
        tag = "ol" if block["style"] == "number" else "ul"
        while stack and stack[-1][1] > level:
            yield close()
        if stack and stack[-1][1] == level and stack[-1][0] != tag:
            yield close()
        number = list_number(block["marker"]) if tag == "ol" else 0
        if stack and stack[-1][1] == level:
            value = f' value="{number}"' if tag == "ol" and number != stack[-1][2] else ""
            yield f"</li><li{value}>"
        else:
            start = f' start="{number}"' if tag == "ol" and number != 1 else ""
            yield f"<{tag}{start}><li>"
            stack.append((tag, level, number))
        stack[-1] = (tag, level, number + 1)
        yield _runs(block)
    while stack:
        yield close()


class _Headings:
    """Heading levels in order: a sub-heading never skips a level below the one above it."""

    def __init__(self) -> None:
        self.last = 1

    def __call__(self, wanted: int) -> int:
        self.last = max(2, min(wanted, self.last + 1, 6))
        return self.last


def _blocks(blocks: list[Block], headings: _Headings) -> Iterator[str]:
    """Paragraph blocks as HTML, runs of the same kind grouped: lines into one paragraph,
    numbered entries into one list, quotations into one <blockquote>, lists nested."""
    i = 0
    while i < len(blocks):
        block, style = blocks[i], blocks[i]["style"]
        j = i + 1
        if style in LIST_STYLES:
            while j < len(blocks) and blocks[j]["style"] in LIST_STYLES:
                j += 1
            yield "".join(_list(blocks[i:j]))
        elif style in ("lines", "entry", "quote", "table"):
            while j < len(blocks) and blocks[j]["style"] == style:
                j += 1
            group = [b for b in blocks[i:j] if _plain(b).strip()]
            if not group:
                pass
            elif style == "entry":
                items = "".join(f"<li>{_entry(b)}</li>" for b in group)
                yield f'<ul class="entries">{items}</ul>'
            elif style == "quote":
                yield (
                    "<blockquote>" + "".join(f"<p>{_runs(b)}</p>" for b in group) + "</blockquote>"
                )
            else:
                yield "<p>" + "<br>".join(_runs(b) for b in group) + "</p>"
        elif style in HEADING_STYLES:
            if _plain(block).strip():
                level = headings(HEADING_STYLES[style])
                yield f"<h{level}>{_runs(block)}</h{level}>"
        elif style == "signature":
            pass  # the printed line to sign on; the names follow as lines
        elif _plain(block).strip():
            yield f"<p>{_runs(block)}</p>"
        i = j


def _cell(blocks: list[Block]) -> str:
    return "<br>".join(_runs(b) for b in blocks if _plain(b).strip())


def _table(section: Section, links: Links) -> str:
    table = section["table"]
    assert table is not None
    head = "".join(f'<th scope="col">{_text(c)}</th>' for c in table["columns"])
    rows = []
    for n, row in enumerate(table["rows"]):
        cells = []
        for k, cell in enumerate(row):
            content = _cell(cell)
            if k == len(row) - 1 and table["kind"] == "list" and n < len(links.rows):
                content = f'<a href="{_href(links.rows[n])}">{content}</a>'
            cells.append(f'<th scope="row">{content}</th>' if k == 0 else f"<td>{content}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _data(pairs: list[tuple[str, str]]) -> str:
    items = "".join(f"<dt>{_text(k)}</dt><dd>{_text(v)}</dd>" for k, v in pairs if v.strip())
    return f'<dl class="data">{items}</dl>'


def _header(context: Context) -> str:
    header, item, labels = context["header"], context["item"], context["labels"]
    document = " ".join(p for p in (header["document"], header["number"]) if p)
    pairs = [
        (labels["body"], header["body"]),
        (labels["document"], document),
        (labels["date"], header["date"]),
        (labels["agenda_item"], header["agenda_item"]),
        (labels["section"], item["section_line"]),
        (labels["case"], item["case_line"]),
    ]
    organization = _text(header["organization"])
    return f'<header><p class="organization">{organization}</p>{_data(pairs)}</header>'


def _footer(context: Context) -> str:
    rows = context["footer"]["rows"]
    columns = [[row[k] for row in rows] for k in range(len(rows[0]))] if rows else []
    groups = []
    for column in columns:
        parts = []
        for cell in column:
            if not cell["text"].strip():
                continue
            if cell["label"]:
                parts.append(f"<dt>{_text(cell['text'])}</dt>")
            else:
                if not parts:  # a value with no label of its own
                    parts.append(f"<dt>{_text(context['labels']['contact'])}</dt>")
                parts.append(f"<dd>{_text(cell['text'])}</dd>")
        if parts:
            groups.append("<div>" + "".join(parts) + "</div>")
    organization = f"<p>{_text(context['header']['organization'])}</p>"
    contact = _text(context["labels"]["contact"])
    details = f"<dl>{''.join(groups)}</dl>" if groups else ""
    return f"<footer><h2>{contact}</h2>{organization}{details}</footer>"


def _nav(context: Context, links: Links) -> str:
    if not links.pages:
        return ""
    items = []
    for href, text in links.pages:
        current = ' aria-current="page"' if href == links.current else ""
        items.append(f'<li><a href="{_href(href)}"{current}>{_text(text)}</a></li>')
    label = escape(context["labels"]["contents"])
    return f'<nav aria-label="{label}"><ul>{"".join(items)}</ul></nav>'


def title(context: Context) -> str:
    """The page's title: the item (§ and title) or the document, then body and meeting."""
    item, header = context["item"], context["header"]
    heading = " ".join(p for p in (item["section_line"], item["title_line"]) if p)
    meeting = " ".join(p for p in (header["document"], header["number"]) if p)
    where = ", ".join(p for p in (header["body"], meeting) if p and p != heading)
    return " – ".join(p for p in (heading, where) if p)


def render(context: Context, links: Links = Links()) -> bytes:
    """The page as UTF-8 bytes; nothing is written to disk here."""
    item = context["item"]
    heading = "".join(
        f'<span class="{cls}">{_text(text)}</span> '
        for cls, text in (("section", item["section_line"]), ("title", item["title_line"]))
        if text
    ).strip()
    main = [f"<h1>{heading}</h1>"]
    if item["case_line"]:
        main.append(f'<p class="case">{_text(item["case_line"])}</p>')
    for section in context["sections"]:
        headings = _Headings()
        main.append(f"<h2>{_text(section['heading'])}</h2>")
        headings.last = 2
        main.extend(_blocks(section["blocks"], headings))
        if section["table"]:
            main.append(_table(section, links))
    page = (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(context["language"])}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_text(title(context))}</title>\n<style>\n{STYLESHEET}</style>\n</head>\n"
        f"<body>\n{_header(context)}\n{_nav(context, links)}\n"
        "<main>\n" + "\n".join(main) + "\n</main>\n"
        f"{_footer(context)}\n</body>\n</html>\n"
    )
    return page.encode("utf-8")
