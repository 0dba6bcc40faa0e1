"""The Word document: real styles and properties, and no user text can break or vanish."""

from __future__ import annotations

import copy
import io

import docx
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from drafting import checks, draftfile
from drafting.model import (
    Attachment,
    Contact,
    Decision,
    Draft,
    Extract,
    HandlingEvent,
    HistoryEntry,
    Person,
)
from drafting.render import context
from drafting.render import docx as render_docx
from tests.conftest import EXAMPLE_333, ROOT
from tests.support.documents import docx_paragraphs, docx_part, docx_text, every_part, part_text
from tests.support.hypothesis_profiles import examples


def render(draft: Draft, **options) -> bytes:
    return render_docx.render(context.build(draft, context.Options(**options)))


@pytest.fixture(scope="module")
def example() -> Draft:
    return draftfile.load(EXAMPLE_333)


def _note(decision):
    """The decision's first note event (a version-1 handling text), made when it has none."""
    notes = [e for e in decision.handling if e.event == "note"]
    if not notes:
        notes.append(HandlingEvent(event="note"))
        decision.handling.append(notes[0])
    return notes[0]


def text_fields(draft: Draft) -> list[tuple[object, str]]:
    """(object, attribute) of every free-text field a user types into."""
    item = draft.item
    fields = [
        (draft.meeting, "body"),
        (draft.meeting, "number"),
        (item, "title"),
        (item, "case_id"),
        (item, "classification"),
        (item.proposal, "text"),
        (item.proposal, "summary"),
        (item.proposal, "reasoning"),
        (item.proposal.presenter, "title"),
        (item.proposal.presenter, "name"),
        (item.decision, "text"),
        (_note(item.decision), "text"),
        (item.decision.presenter, "title"),
        (item.decision.presenter, "name"),
    ]
    for contact in item.contacts:
        fields += [(contact, "name"), (contact, "title"), (contact, "phone"), (contact, "email")]
    for attachment in item.attachments + item.supplementary:
        fields.append((attachment, "title"))
    for extract in item.extracts:
        fields.append((extract, "recipient"))
    for entry in item.history:
        fields += [(entry, "body"), (entry, "case_id"), (entry, "text")]
        for line in entry.handling:
            fields += [(line, "status"), (line, "note")]
    return fields


def test_example_opens_with_heading_styles_and_properties(example):
    data = render(example)
    document = docx.Document(io.BytesIO(data))
    styles = [p.style.name for p in document.paragraphs]
    assert "Heading 1" in styles and "Heading 2" in styles and "Heading 3" in styles
    assert document.core_properties.title.startswith("V 19.5.2021, Valtuutettu Eva Biaudetin")
    assert document.core_properties.language == "fi-FI"
    assert 'w:lang w:val="fi-FI"' in docx_part(data, "word/styles.xml")
    heading2 = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert heading2[:3] == ["Päätös", "Esittelijä", "Lisätiedot"]


def test_swedish_document_declares_swedish(example):
    data = render(example, language="sv")
    document = docx.Document(io.BytesIO(data))
    assert document.core_properties.language == "sv-FI"
    assert 'w:lang w:val="sv-FI"' in docx_part(data, "word/styles.xml")


def test_header_keeps_real_page_fields(example):
    header = docx_part(render(example), "word/header1.xml")
    assert "PAGE" in header and "NUMPAGES" in header
    assert "Asia/17" in header and "03.05.2021" in header and "18/2021" in header


def test_rich_text_becomes_word_structure():
    draft = Draft()
    draft.item.proposal.reasoning = (
        "## Tausta\n\nTeksti **lihava** ja *kursiivi*.\n\n- yksi\n- kaksi\n\n"
        "1. eka\n2. toka\n\n> lainaus\n\n### Alaotsikko"
    )
    paragraphs = docx_paragraphs(render(draft, document="agenda"))
    assert ("Heading3", "Tausta") in paragraphs
    assert ("Heading4", "Alaotsikko") in paragraphs
    assert ("ListBullet", "yksi") in paragraphs
    assert ("ListNumber", "1.\teka") in paragraphs and ("ListNumber", "2.\ttoka") in paragraphs
    assert ("Quote", "lainaus") in paragraphs
    body = docx_part(render(draft, document="agenda"), "word/document.xml")
    assert "<w:b/>" in body and "<w:i/>" in body


def test_personal_data_is_masked_only_in_the_public_version(example):
    draft = Draft()
    draft.item.proposal.reasoning = "Hakija [Matti Meikäläinen]{.personal} haki lupaa."
    assert "Hakija Matti Meikäläinen haki lupaa." in docx_text(render(draft, document="agenda"))
    public = docx_text(render(draft, document="agenda", public=True))
    assert "Matti" not in public and "Hakija ********** haki lupaa." in public
    # Every field, plain ones (title, contacts, recipient…) too, and every part of the file.
    draft = copy.deepcopy(example)
    draft.item.extracts = [Extract()]
    fields = text_fields(draft)
    for obj, name in fields:
        setattr(obj, name, "Alku [Matti Meikäläinen]{.personal} loppu")
    public = render(draft, public=True)
    stored = every_part(public)
    assert "Matti" not in stored and "Meikäläinen" not in stored and "personal}" not in stored
    assert docx_text(public).count("Alku ********** loppu") >= len(fields) - 4
    normal = render(draft)
    assert "personal}" not in every_part(normal)
    assert docx_text(normal).count("Alku Matti Meikäläinen loppu") >= len(fields) - 4


@pytest.mark.parametrize(
    "bad", ["\x00", "\x01", "\x08", "\x0c", "\x1f", "\ufffe", "\uffff", "\ud800", "\udfff", "\x07"]
)
def test_illegal_characters_never_cost_the_text_after_them(example, bad):
    draft = copy.deepcopy(example)
    draft.item.proposal.reasoning = f"Alku{bad}loppu.\n\nToinen kappale jää.\n\nKolmas myös."
    text = docx_text(render(draft))
    assert "Alku\ufffdloppu." in text
    assert "Toinen kappale jää." in text and "Kolmas myös." in text
    assert "Sosiaali- ja terveyslautakunta 30.03.2021 § 69" in text  # later sections too


def test_pasted_vertical_tab_is_a_line_break(example):
    draft = copy.deepcopy(example)
    draft.item.decision.text = "Rivi yksi\x0bRivi kaksi"
    paragraphs = docx_paragraphs(render(draft))
    assert ("BodyText", "Rivi yksi\nRivi kaksi") in paragraphs


@pytest.mark.parametrize(
    "payload",
    [
        "{{ 7*7 }}",
        "{% if true %}x{% endif %}",
        "{{p x }}",
        "{%p for a in b %}",
        "</w:t><w:p>",
        "a & b < c",
        "a {_{ b }_} c {_% d %_}",  # docxtpl's own escapes of {{ and {%
        "{_{_{ x }_}_} %_}}",
    ],
)
def test_template_syntax_in_every_field_is_printed_literally(example, payload):
    draft = copy.deepcopy(example)
    fields = text_fields(draft)
    for obj, name in fields:
        # In a rich-text field `_` is Markdown emphasis; the editor writes a typed one as `\_`.
        rich = name in ("text", "summary", "reasoning", "handling", "note")
        setattr(obj, name, payload.replace("_", "\\_") if rich else payload)
    text = docx_text(render(draft))
    header = part_text(render(draft), "word/header1.xml")
    assert "49" not in text
    assert text.count(payload) >= len(fields) - 4  # body, number: in the header
    assert header.count(payload) == 2


def test_one_megabyte_of_reasoning_renders_whole(example):
    draft = copy.deepcopy(example)
    paragraph = "Perustelu " + "sana " * 200
    draft.item.proposal.reasoning = "\n\n".join(f"{n} {paragraph}" for n in range(1000))
    assert len(draft.item.proposal.reasoning) > 1_000_000
    text = docx_text(render(draft))
    assert "0 Perustelu" in text and "999 Perustelu" in text


def test_five_hundred_attachments_are_numbered(example):
    draft = copy.deepcopy(example)
    draft.item.attachments = [Attachment(title=f"Liite numero {n}") for n in range(1, 501)]
    paragraphs = docx_paragraphs(render(draft))
    entries = [t for s, t in paragraphs if s == "Entry"]
    assert entries[0] == "1\tLiite numero 1" and "500\tLiite numero 500" in entries


def test_emoji_and_right_to_left_text_survive(example):
    draft = copy.deepcopy(example)
    draft.item.title = "Kokous 🎉 ja مرحبا بالعالم ja שלום"
    draft.item.contacts = [Contact(name="Zoë 👩‍💼", title="sihteeri")]
    text = docx_text(render(draft))
    assert "Kokous 🎉 ja مرحبا بالعالم ja שלום" in text
    assert "Zoë 👩‍💼, sihteeri" in text


def test_empty_optional_sections_do_not_appear():
    draft = Draft()
    draft.item.decision = Decision(text="Päätettiin.", presenter=Person(name="N"))
    headings = [t for s, t in docx_paragraphs(render(draft)) if s == "Heading2"]
    assert headings == ["Päätös", "Esittelijä", "Päätösehdotus"]


def test_history_entries_in_the_given_order(example):
    draft = copy.deepcopy(example)
    newer = HistoryEntry(body="Kaupunginhallitus", section=100, kind="proposal", text="Esitys.")
    newer.date = draft.meeting.date
    draft.item.history.insert(0, newer)
    text = docx_text(render(draft))
    assert text.index("Kaupunginhallitus 03.05.2021 § 100") < text.index(
        "Sosiaali- ja terveyslautakunta 30.03.2021 § 69"
    )
    assert "Esitys\nEsitys." in text


def test_amended_decision_prints_the_proposal_itself(example):
    draft = copy.deepcopy(example)
    draft.item.decision.as_proposed = False
    draft.item.decision.text = "Muutettu päätös."
    draft.item.decision.handling = [
        HandlingEvent(text="Keskustelun kuluessa jäsen teki vastaehdotuksen.")
    ]
    text = docx_text(render(draft))
    assert "Päätös on ehdotuksen mukainen." not in text
    assert text.index("Käsittely") < text.index("Keskustelun kuluessa")
    assert "Kaupunginhallitus esittää kaupunginvaltuustolle seuraavaa:" in text


def test_decided_as_proposed_with_no_text_prints_the_proposal_as_the_decision(example):
    draft = copy.deepcopy(example)
    draft.item.decision.as_proposed = True
    draft.item.decision.text = ""
    draft.item.decision.presenter = Person()  # no one else presented at the meeting
    draft.item.proposal.text = "Kaupunginhallitus päättää hyväksyä ehdotuksen."
    paragraphs = [t for _s, t in docx_paragraphs(render(draft))]
    decision = paragraphs.index("Päätös")
    assert paragraphs[decision + 1] == "Kaupunginhallitus päättää hyväksyä ehdotuksen."
    proposal = paragraphs.index("Päätösehdotus")
    assert paragraphs[proposal + 1] == "Päätös on ehdotuksen mukainen."
    # The decision part's "Esittelijä" names the presenting official too.
    presenter = paragraphs.index("Esittelijä")
    assert presenter < proposal
    assert paragraphs[presenter + 2] == draft.item.proposal.presenter.name
    assert checks.errors(checks.check(draft, "minutes")) == []


def test_template_is_what_its_script_builds():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_templates", ROOT / "templates" / "docx" / "build_templates.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build_item() == (ROOT / "templates" / "docx" / "item.docx").read_bytes()


# Words a user types: letters of any script, emoji, spaces and punctuation, including
# template syntax. Markdown markers are left out: they are meant to change the text.
_word = st.text(
    alphabet=st.characters(categories=("L", "N", "So"), exclude_characters="\ufffe\uffff")
    | st.sampled_from(list("{}%!?,;:()'\"/€@=")),
    min_size=1,
    max_size=12,
)
_value = st.lists(_word, min_size=0, max_size=6).map(" ".join)


# No shrinking: each example renders a whole document, and shrinking one took minutes.
@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(st.data())
def test_any_accepted_draft_renders_with_every_value(example, data):
    draft = copy.deepcopy(example)
    fields = text_fields(draft)
    for obj, name in fields:
        setattr(obj, name, data.draw(_value))
    draft = draftfile.loads(draftfile.dumps(draft))  # the model accepts it
    rendered = render(draft)
    document = docx.Document(io.BytesIO(rendered))  # python-docx reopens it
    assert document.paragraphs
    text = " ".join(docx_text(rendered).split())
    header = part_text(rendered, "word/header1.xml")
    # The header carries body and number; minutes print the standard phrase, not the
    # proposal itself, when the decision was as proposed.
    elsewhere = [(draft.meeting, "body"), (draft.meeting, "number"), (draft.item.proposal, "text")]
    for obj, name in text_fields(draft):
        value = " ".join(getattr(obj, name).split())
        if name == "email":
            value = value.replace("@", "(a)")  # Helsinki's profile prints name(a)hel.fi
        if value and not any(obj is o and name == n for o, n in elsewhere):
            assert value in text, (name, value)
    assert draft.meeting.number in header


def test_history_text_headings_nest_under_their_handling(example):
    paragraphs = docx_paragraphs(render(example))
    at = paragraphs.index(("Heading4", "Lausunto"))
    following = [s for s, _t in paragraphs[at + 1 :] if s.startswith("Heading")]
    assert following[0] == "Heading5"  # "Ihmiskaupan vastainen työ …" below "Lausunto"
    assert ("Heading5", "Poliisiyhteistyöhön osallistuminen") in paragraphs
