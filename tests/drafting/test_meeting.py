"""A meeting's documents: agenda, minutes, items and extracts, numbered across the meeting."""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path

import pytest

from drafting import draftfile, meeting, paths
from drafting.model import Draft
from drafting.render import context
from tests.conftest import EXAMPLES
from tests.drafting.conftest import run_cli
from tests.support.documents import pdf_pages

MEETING = EXAMPLES / "meeting" / "kh-18-2021.pykala"
HEADER = re.compile(r"^Helsingin kaupunki\s+(Pöytäkirja|Esityslista)\s+18/2021\s+(\d+) \((\d+)\)")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("meeting")
    result = run_cli(
        "build", MEETING, "--agenda", "--minutes", "--items", "--extracts", "-o", folder, "--pdf"
    )
    assert result.returncode == 0, result.stderr
    return folder


def page_frames(pdf: Path) -> list[tuple[int, int, str]]:
    """(N, M, "Asia/k" or "") of every page, read from its header."""
    frames = []
    for page in pdf_pages(pdf):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        match = HEADER.match(lines[0])
        assert match, lines[0]
        asia = next((line for line in lines[1:4] if line.startswith("Asia/")), "")
        frames.append((int(match.group(2)), int(match.group(3)), asia))
    return frames


def sections_of(frames):
    """Consecutive pages that count 1..M together."""
    groups, current = [], []
    for frame in frames:
        if frame[0] == 1 and current:
            groups.append(current)
            current = []
        current.append(frame)
    return groups + [current]


@pytest.mark.libreoffice
def test_minutes_number_every_item_on_its_own(built):
    frames = page_frames(built / "Pöytäkirja 18-2021.pdf")
    groups = sections_of(frames)
    # Cover, three items, appeal instructions.
    assert len(groups) == 5
    for group in groups:
        count = len(group)
        assert [(n, m) for n, m, _asia in group] == [(k, count) for k in range(1, count + 1)]
    assert [{asia for *_nm, asia in group} for group in groups] == [
        {""},
        {"Asia/1"},
        {"Asia/2"},
        {"Asia/3"},
        {""},
    ]
    text = "\n".join(pdf_pages(built / "Pöytäkirja 18-2021.pdf"))
    sections = re.findall(r"^§ (\d+)$", text, re.MULTILINE)
    assert sections == ["332", "333", "334"]


@pytest.mark.libreoffice
def test_minutes_first_page_and_appeal_instructions(built):
    pages = pdf_pages(built / "Pöytäkirja 18-2021.pdf")
    first = " ".join(" ".join(pages[:2]).split())
    for expected in (
        "Kokousaika 03.05.2021 klo 16:00–17:20",
        "Kokouspaikka Kaupungintalo",
        "Jäsenet Anna Virtanen, puheenjohtaja",
        "Muut Sami Sarvilinna",
        "Poissa Laura Heikkinen, jäsen",
        "Puheenjohtaja Anna Virtanen",
        "Pöytäkirjanpitäjä Marja-Liisa Rautanen",
        "§ 332 Kokouksen laillisuuden ja päätösvaltaisuuden toteaminen",
        "§ 334 Valtuutettu Eva Biaudetin toivomusponsi",
        "Aino Lehtonen pöytäkirjantarkastaja",
        "yleisessä tietoverkossa 11.5.2021",
    ):
        assert expected in first, expected
    last = " ".join(pages[-1].split())
    assert "Muutoksenhakuohjeet MUUTOKSENHAKUKIELTO" in last


@pytest.mark.libreoffice
def test_agenda_has_the_item_list_and_only_motion_parts(built):
    pages = pdf_pages(built / "Esityslista 18-2021.pdf")
    text = "\n".join(pages)
    lines = [line.strip() for line in text.splitlines()]
    assert "Päätös" not in lines and "Päätösehdotus" in lines
    assert "Kaupunginhallitus esittää kaupunginvaltuustolle seuraavaa:" in text
    assert re.search(r"^\s*1\s+Kokouksen laillisuuden", text, re.MULTILINE)
    groups = sections_of(page_frames(built / "Esityslista 18-2021.pdf"))
    assert len(groups) == 4  # cover and three items


@pytest.mark.libreoffice
def test_one_file_per_item_paginated_alone(built):
    files = sorted(p.name for p in built.glob("33*.pdf") if " - Ote " not in p.name)
    assert [name[:4] for name in files] == ["332 ", "333 ", "334 "]
    for name in files:
        frames = page_frames(built / name)
        assert [n for n, _m, _a in frames] == list(range(1, len(frames) + 1))
        assert {m for _n, m, _a in frames} == {len(frames)}


@pytest.mark.libreoffice
def test_extract_has_recipient_attachments_instructions_and_certification(built):
    (extract,) = built.glob("334 * - Ote 1 Ponnen ehdottaja.pdf")
    text = " ".join(" ".join(pdf_pages(extract)).split())
    assert "Ote Ponnen ehdottaja Otteen liitteet Esitysteksti" in text
    assert "MUUTOKSENHAKUKIELTO" in text
    assert "Otteen oikeaksi todistaa 12.05.2021 Marja-Liisa Rautanen kaupunginsihteeri" in text
    assert "§ 334" in text and "Asia/3" in text


def copy_meeting(tmp_path: Path) -> Path:
    folder = tmp_path / "examples"
    shutil.copytree(EXAMPLES, folder)
    return folder / "meeting" / "kh-18-2021.pykala"


@pytest.mark.slow
def test_a_broken_item_stops_the_build_and_leaves_nothing(tmp_path):
    meeting_file = copy_meeting(tmp_path)
    broken = meeting_file.parent / "01-laillisuus.pykala"
    broken.write_text(broken.read_text(encoding="utf-8")[:200], encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    result = run_cli("build", meeting_file, "--minutes", "--items", "-o", out)
    assert result.returncode == 2
    assert f"{broken}: not valid JSON" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]


@pytest.mark.slow
def test_a_missing_item_names_the_file(tmp_path):
    meeting_file = copy_meeting(tmp_path)
    data = json.loads(meeting_file.read_text(encoding="utf-8"))
    data["items"].append("puuttuva.pykala")
    meeting_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("build", meeting_file, "--agenda", "-o", out)
    assert result.returncode == 2
    assert "puuttuva.pykala: no such file" in result.stderr
    assert not out.exists()


@pytest.mark.slow
def test_an_item_with_errors_is_named_and_nothing_is_written(tmp_path):
    meeting_file = copy_meeting(tmp_path)
    item = meeting_file.parent / "01-laillisuus.pykala"
    data = json.loads(item.read_text(encoding="utf-8"))
    data["item"]["decision"]["text"] = ""
    data["item"]["decision"]["as_proposed"] = False
    item.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("build", meeting_file, "--minutes", "-o", out)
    assert result.returncode == 1
    assert f"{item}: item.decision.text:" in result.stderr
    assert not out.exists() or not list(out.iterdir())


def test_reordering_changes_the_numbers_and_nothing_else():
    loaded = meeting.load(MEETING)
    before = {d.item.title: d for d in loaded.numbered()}
    loaded.items.reverse()
    after = {d.item.title: d for d in loaded.numbered()}
    moved = sorted((before[t].item.section, after[t].item.section) for t in before)
    assert moved == [(332, 334), (333, 333), (334, 332)]
    for title, old in before.items():
        old_context, new_context = context.build(old), context.build(after[title])
        assert old_context["sections"] == new_context["sections"]
        assert old_context["item"]["title_line"] == new_context["item"]["title_line"]
        assert (
            old_context["header"]["agenda_item"] != new_context["header"]["agenda_item"]
            or before[title].item.section == 333
        )


@pytest.mark.slow
def test_numbers_are_written_into_the_items_only_on_command(tmp_path):
    meeting_file = copy_meeting(tmp_path)
    item = meeting_file.parent.parent / "kh-2021-11-22-s885.pykala"
    assert draftfile.load(item).item.section == 885
    result = run_cli("number", meeting_file)
    assert result.returncode == 0, result.stderr
    numbered = draftfile.load(item)
    assert (numbered.item.agenda_item, numbered.item.section) == (3, 334)
    assert (numbered.meeting.number, str(numbered.meeting.date)) == ("18/2021", "2021-05-03")
    assert "the item files already carry these numbers" in run_cli("number", meeting_file).stdout


@pytest.mark.libreoffice
def test_swedish_minutes(tmp_path):
    result = run_cli("build", MEETING, "--minutes", "--language", "sv", "-o", tmp_path, "--pdf")
    assert result.returncode == 0, result.stderr
    (pdf,) = tmp_path.glob("*.pdf")
    assert pdf.name == "Protokoll 18-2021.pdf"
    text = " ".join(" ".join(pdf_pages(pdf)).split())
    for expected in (
        "Helsingfors stad Protokoll 18/2021",
        "Mötestid",
        "Närvarande Ledamöter",
        "Ärende/2",
        "Anvisningar för sökande av ändring",
        "Behandlade ärenden",
    ):
        assert expected in text, expected


# --- the meeting's rules, without Qt --------------------------------------------------------


def test_phase_is_minutes_once_any_item_records_a_decision():
    loaded = meeting.load(MEETING)
    items = [item for _path, item in loaded.items]
    decided = [i for i in items if i.item.decision and i.item.decision.text]
    assert decided and meeting.phase(items) == "minutes"
    for item in decided:
        item.item.decision.text = ""
    assert meeting.phase(items) == "agenda"
    assert meeting.phase(["file not found", *items]) == "agenda"  # unreadable: no decision
    assert meeting.phase([]) == "agenda"


def test_item_status_ok_problems_and_unreadable():
    loaded = meeting.load(MEETING)
    path, item = loaded.items[0]
    status = meeting.item_status(item, loaded.draft, 0, "minutes", path.parent)
    assert status.ok and (status.problems, status.first, status.unreadable) == (0, "", "")
    item.item.decision.text, item.item.decision.as_proposed = "", False
    status = meeting.item_status(item, loaded.draft, 0, "minutes", path.parent)
    assert not status.ok and status.problems == 1 and "The decision is empty" in status.first
    assert meeting.item_status(item, loaded.draft, 0, "agenda", path.parent).ok
    unreadable = meeting.item_status("file not found", loaded.draft, 0, "agenda", path.parent)
    assert not unreadable.ok and unreadable.unreadable == "file not found"


def test_apply_meeting_gives_the_fields_the_meeting_decides():
    loaded = meeting.load(MEETING)
    item = copy.deepcopy(loaded.items[2][1])
    item.meeting.body, item.language = "Toinen", "sv"
    assert item.item.section == 885
    changed = meeting.apply_meeting(item, loaded.draft, 2)
    assert set(changed) <= set(meeting.MEETING_FIELDS) and "item.section" in changed
    assert {p: paths.get(item, p) for p in meeting.MEETING_FIELDS} == meeting.meeting_values(
        item, loaded.draft, 2
    )
    assert (item.item.agenda_item, item.item.section, item.meeting.number) == (3, 334, "18/2021")
    assert (item.language, item.organization) == (loaded.draft.language, loaded.draft.organization)
    assert meeting.apply_meeting(item, loaded.draft, 2) == []  # nothing left to change
    built = meeting.numbered(loaded.items[2][1], loaded.draft, 2)
    assert len(built.meeting.participants) == len(loaded.draft.participants)  # and the roster
    built.meeting.participants = []
    assert built == item


def test_apply_meeting_keeps_the_items_section_without_a_first_section():
    loaded = meeting.load(MEETING)
    loaded.draft.first_section = None
    item = copy.deepcopy(loaded.items[2][1])
    meeting.apply_meeting(item, loaded.draft, 0)
    assert (item.item.agenda_item, item.item.section) == (1, 885)


def test_apply_meeting_only_the_fields_asked_for():
    loaded = meeting.load(MEETING)
    item = Draft(language="sv")
    changed = meeting.apply_meeting(item, loaded.draft, 4, meeting.NEW_ITEM_FIELDS)
    assert "item.agenda_item" not in changed and item.item.agenda_item != 5
    assert (item.meeting.number, item.language) == ("18/2021", loaded.draft.language)
    numbers = copy.deepcopy(loaded.items[2][1])
    numbers.language = "sv"
    meeting.apply_meeting(numbers, loaded.draft, 2, meeting.NUMBER_FIELDS)
    assert (numbers.item.section, numbers.language) == (334, "sv")


def test_section_sign_comes_from_the_vocabulary():
    loaded = meeting.load(MEETING)
    assert meeting.section_sign(loaded.draft, 333) == "§ 333"
    numbered = loaded.numbered()[1]
    assert context.build(numbered)["item"]["section_line"] == meeting.section_sign(
        loaded.draft, numbered.item.section
    )
    loaded.draft.organization = "no-such-profile"
    assert meeting.section_sign(loaded.draft, 7) == "§ 7"


def test_read_lists_every_unreadable_item(tmp_path):
    meeting_file = copy_meeting(tmp_path)
    loaded = meeting.load(meeting_file)
    draft = loaded.draft
    draft.items = ["puuttuu-1.pykala", *draft.items, "puuttuu-2.pykala", "nul\0.pykala"]
    with pytest.raises(meeting.BuildError) as caught:
        meeting.read(meeting_file, draft)
    text = str(caught.value)
    assert "puuttuu-1.pykala" in text and "puuttuu-2.pykala" in text and "items[" in text
    assert caught.value.unreadable
