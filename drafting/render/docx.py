"""context dict + templates/docx/item.docx → DOCX bytes, through docxtpl.

This module only translates the context's paragraph blocks into Word paragraphs of the
template's styles; every font, indent and margin comes from the template.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
from pathlib import Path
from typing import IO

from docx.oxml.ns import qn
from docxtpl import DocxTemplate, RichText, RichTextParagraph
from jinja2 import StrictUndefined
from markupsafe import Markup, escape

from drafting import schema
from drafting.i18n import _
from drafting.model import Draft
from drafting.organization import Profile as Organization
from drafting.organization import UnknownOrganization, organization
from drafting.render import context as _context
from drafting.render import embed, limits
from drafting.render.context import Context, FooterCell
from drafting.richtext import Block
from drafting.template_contract import (  # the styles and template the renderer uses
    FOOTER_LABEL_STYLE,
    ITEM_TEMPLATE,
    NESTED_LIST_STYLES,
    PARAGRAPH_STYLES,
)

# docxtpl turns `{_{`, `}_}`, `{_%`, `%_}` of the rendered XML into `{{`, `}}`, `{%`, `%}`.
# In our values the `_` is written as a character reference, which that misses and Word
# reads as `_`: the text prints as typed.
_DOCXTPL_UNESCAPE = re.compile(r"(?<=\{)_(?=[{%])|(?<=[}%])_(?=\})")
# Word's core properties (title, subject…) hold at most 255 characters.
PROPERTY_LIMIT = 255


def _finalize(value: object) -> Markup:
    xml = value if hasattr(value, "__html__") else escape(value)
    return Markup(_DOCXTPL_UNESCAPE.sub("&#95;", str(xml)))


def _environment() -> limits.LimitedEnvironment:
    """User text is data: sandboxed, autoescaped, and a missing value is an error, not blank;
    the template (an organisation's own, perhaps) fills in within limits of time and size."""
    environment = limits.LimitedEnvironment(autoescape=True, undefined=StrictUndefined)

    def finalize(value: object) -> Markup:
        environment.printing(value)
        return _finalize(value)

    environment.finalize = finalize
    return environment


class TemplateProblem(Exception):
    """An organisation's Word template that cannot be filled in; says which and why."""

    def __init__(self, template: str, reason: str) -> None:
        self.template = template
        self.reason = reason
        super().__init__(
            _(
                "The Word template {template} of the organisation's profile cannot be filled "
                "in: {reason}. Correct the template, or choose another one in the profile."
            ).format(template=template, reason=reason)
        )


def _property(value: str) -> str:
    """A core property cut to Word's limit; the document itself prints the whole text."""
    return value if len(value) <= PROPERTY_LIMIT else value[: PROPERTY_LIMIT - 1] + "…"


def _now() -> _dt.datetime:
    """This moment in UTC, to the second, as Word's core properties store it."""
    return _dt.datetime.now(_dt.UTC).replace(tzinfo=None, microsecond=0)


def _runs(block: Block) -> RichText:
    text = RichText()
    if block["marker"]:
        text.add(block["marker"] + "\t")
    for run in block["runs"]:
        change = run.get("change")
        text.add(
            run["text"],
            bold=run["bold"],
            italic=run["italic"],
            underline=change == "ins",
            strike=change == "del",
        )
    return text


def _paragraphs(blocks: list[Block]) -> RichTextParagraph:
    paragraphs = RichTextParagraph()
    for block in blocks:
        style = block["style"]
        if block["level"] > 1 and style in NESTED_LIST_STYLES:
            style_id = NESTED_LIST_STYLES[style]
        else:
            style_id = PARAGRAPH_STYLES[style]
        paragraphs.add(_runs(block), parastyle=style_id)
    return paragraphs


def _footer_cell(cell: FooterCell) -> RichText:
    return RichText(cell["text"], style=FOOTER_LABEL_STYLE if cell["label"] else None)


def _template_values(context: Context) -> dict:
    """The context with paragraph blocks turned into Word XML fragments."""
    sections = []
    for section in context["sections"]:
        table: dict | None = None
        if section["table"]:
            table = {
                "kind": section["table"]["kind"],
                "columns": section["table"]["columns"],
                "rows": [[_paragraphs(cell) for cell in row] for row in section["table"]["rows"]],
            }
        sections.append(
            {
                "key": section["key"],
                "heading": section["heading"],
                # Its lines follow the heading without the gap (drafting.schema.PARTS).
                "compact": section["key"] in schema.COMPACT,
                "table": table,
                "body": _paragraphs(section["blocks"]),
            }
        )
    footer_rows = [[_footer_cell(c) for c in row] for row in context["footer"]["rows"]]
    return {
        "header": context["header"],
        "footer": {"rows": footer_rows},
        "item": context["item"],
        "sections": sections,
    }


def _set_language(template: DocxTemplate, tag: str) -> None:
    """The document's default language: spelling, hyphenation and screen readers use it."""
    styles = template.docx.styles.element
    lang = (
        styles.find(qn("w:docDefaults"))
        .find(qn("w:rPrDefault"))
        .find(qn("w:rPr"))
        .find(qn("w:lang"))
    )
    lang.set(qn("w:val"), tag)


def template_for(org_id: str) -> Path:
    """The Word template of an organisation's documents: its profile's own, else ours."""
    try:
        return organization(org_id).template or ITEM_TEMPLATE
    except UnknownOrganization:
        return ITEM_TEMPLATE


def _reason(exc: BaseException) -> str:
    """What went wrong in a template, in a sentence (a Jinja error names its line)."""
    if isinstance(exc, MemoryError):
        return _("it needs more memory than there is")
    if isinstance(exc, RecursionError):
        return _("it calls itself without end")
    line = getattr(exc, "lineno", None)
    text = str(exc).rstrip(".") or type(exc).__name__
    return f"{text} (line {line})" if isinstance(line, int) else text


def render(context: Context, template: Path | IO[bytes] | None = None) -> bytes:
    """The finished DOCX as bytes; nothing is written to disk here. The template is the
    context's organisation's (see template_for) unless one is given. An organisation's own
    template that cannot be filled in (an error, or past the limits of drafting.render.limits)
    raises TemplateProblem."""
    if template is None:
        template = template_for(context["organization"])
    ours = template == ITEM_TEMPLATE
    name = template.name if isinstance(template, Path) else _("the imported template")
    values = _template_values(context)
    props = context["properties"]
    out = io.BytesIO()
    try:
        document = DocxTemplate(str(template) if isinstance(template, Path) else template)
        document.render(values, jinja_env=_environment(), autoescape=True)
        core = document.docx.core_properties
        core.title = _property(props["title"])
        core.subject = _property(props["subject"])
        core.keywords = props["keywords"]
        core.author = _property(props["author"])
        # Written now, by the organisation (the template's own say 1.1.2021 and "Pykälä").
        core.last_modified_by = core.author
        core.created = core.modified = _now()
        core.revision = 1
        core.language = _property(props["language"])
        _set_language(document, props["language"])
        document.save(out)
    except Exception as exc:  # anything an organisation's template makes go wrong
        if ours:
            raise  # our own template: a bug
        raise TemplateProblem(name, _reason(exc)) from None
    return out.getvalue()


def render_item(
    draft: Draft, options: _context.Options = _context.Options(), org: Organization | None = None
) -> bytes:
    """An item's DOCX as it is written to a file: it carries its draft (a public copy the
    masked one), so Pykälä can open it again (drafting.render.embed). `org`: the draft's
    organisation, if the caller has it (drafting.produce resolves it once)."""
    org = org or organization(draft.organization)
    document = render(_context.build(draft, options, org), org.template or ITEM_TEMPLATE)
    words = _context.Words(org, options.language or draft.language)
    return embed.embed(document, draft, options.public, options.language, words, options.names)
