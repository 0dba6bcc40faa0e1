"""Every appeal category as the documents print it, in Finnish and Swedish: its label and its
instructions in the minutes and in the extract, with the organisation's registry office and
courts filled in; a blank that would print is an error of `check` and of a build.

The expected words are typed here, not read from resources/appeals.json: a label printed in
the wrong language, or every category printed as another, fails."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from drafting import appeals, checks, draftfile, meeting, produce, profiles, resources
from drafting.model import Extract
from drafting.render import context, docx
from tests.conftest import EXAMPLE_333, EXAMPLES
from tests.drafting.conftest import run_cli
from tests.support import espoo
from tests.support.documents import docx_text

MEETING = EXAMPLES / "meeting" / "kh-18-2021.pykala"
BLANK = re.compile(r"\[[^\[\]\n]*\]")
ACT = {"fi": "rakennuslaki (132/1999)", "sv": "markanvändnings- och bygglagen (132/1999)"}


@dataclass(frozen=True)
class Expected:
    label: str  # under Muutoksenhaku and in the Otteet table
    heading: str  # of the full instructions
    words: tuple[str, ...]  # that only these instructions print, contacts included


EXPECTED = {
    ("no-appeal", "fi"): Expected(
        "Muutoksenhakukielto, valmistelu tai täytäntöönpano",
        "MUUTOKSENHAKUKIELTO",
        ("ei saa hakea muutosta oikaisuvaatimuksella eikä valittamalla", "136 §"),
    ),
    ("no-appeal", "sv"): Expected(
        "Förbud mot sökande av ändring, beredning eller verkställighet",
        "FÖRBUD MOT SÖKANDE AV ÄNDRING",
        ("får inte sökas genom begäran om omprövning eller genom besvär", "136 §"),
    ),
    ("rectification", "fi"): Expected(
        "Oikaisuvaatimus",
        "OHJEET KUNTALAIN MUKAISEN OIKAISUVAATIMUKSEN TEKEMISEKSI",
        (
            "14 päivän kuluessa",
            "kirjaamo: Helsingin kaupungin kirjaamo",
            "postiosoite: PL 10, 00099 Helsingin kaupunki",
            "käyntiosoite: Pohjoisesplanadi 11-13, Helsinki",
            "sähköposti: helsinki.kirjaamo@hel.fi",
            "puhelin: 09 310 13700",
            "aukioloaika: maanantaista perjantaihin klo 8.15–16.00",
        ),
    ),
    ("rectification", "sv"): Expected(
        "Begäran om omprövning",
        "ANVISNINGAR FÖR BEGÄRAN OM OMPRÖVNING ENLIGT KOMMUNALLAGEN",
        (
            "inom 14 dagar",
            "registratorskontor: Helsingfors stads registratorskontor",
            "postadress: PB 10, 00099 Helsingfors stad",
            "besöksadress: Norra esplanaden 11-13, Helsingfors",
            "e-post: helsinki.kirjaamo@hel.fi",
            "telefon: 09 310 13700",
            "öppettid: måndag–fredag kl. 8.15–16.00",
        ),
    ),
    ("municipal-appeal", "fi"): Expected(
        "Kunnallisvalitus, valtuusto",
        "VALITUSOSOITUS",
        (
            "Tähän valtuuston päätökseen saa hakea muutosta kunnallisvalituksella",
            "Valitusviranomainen on Helsingin hallinto-oikeus.",
            "osoite: Radanrakentajantie 5, 00520 Helsinki",
            "sähköposti: helsinki.hao@oikeus.fi",
            "puhelin: 029 56 42000",
        ),
    ),
    ("municipal-appeal", "sv"): Expected(
        "Kommunalbesvär, fullmäktige",
        "BESVÄRSANVISNING",
        (
            "Ändring i detta beslut av fullmäktige får sökas genom kommunalbesvär",
            "Besvärsmyndighet är Helsingfors förvaltningsdomstol.",
            "adress: Banbyggarvägen 5, 00520 Helsingfors",
            "e-post: helsinki.hao@oikeus.fi",
            "telefon: 029 56 42000",
        ),
    ),
    ("municipal-appeal-plan", "fi"): Expected(
        "Kunnallisvalitus, yleiskaavan, asemakaavan, rakennusjärjestyksen hyväksyminen",
        "VALITUSOSOITUS",
        (
            "hyväksytty yleiskaava, asemakaava tai rakennusjärjestys",
            "Valitusviranomainen on Helsingin hallinto-oikeus.",
            "sähköposti: helsinki.hao@oikeus.fi",
        ),
    ),
    ("municipal-appeal-plan", "sv"): Expected(
        "Kommunalbesvär, godkännande av generalplan, detaljplan, byggnadsordning",
        "BESVÄRSANVISNING",
        (
            "en generalplan, en detaljplan eller en byggnadsordning",
            "Besvärsmyndighet är Helsingfors förvaltningsdomstol.",
            "e-post: helsinki.hao@oikeus.fi",
        ),
    ),
    ("administrative-appeal", "fi"): Expected(
        "Hallintovalitus",
        "VALITUSOSOITUS",
        (
            "saa hakea muutosta hallintovalituksella",
            "Muutoksenhaun perusteena oleva laki: rakennuslaki (132/1999).",
            "Valitusviranomainen on Helsingin hallinto-oikeus.",
            "puhelin: 029 56 42000",
        ),
    ),
    ("administrative-appeal", "sv"): Expected(
        "Förvaltningsbesvär",
        "BESVÄRSANVISNING",
        (
            "får sökas genom förvaltningsbesvär",
            "Lag som besvären grundar sig på: markanvändnings- och bygglagen (132/1999).",
            "Besvärsmyndighet är Helsingfors förvaltningsdomstol.",
            "telefon: 029 56 42000",
        ),
    ),
    ("procurement", "fi"): Expected(
        "Hankintaoikaisu ja valitus markkinaoikeuteen",
        "OHJEET HANKINTAOIKAISUVAATIMUKSEN TEKEMISEKSI JA VALITUSOSOITUS MARKKINAOIKEUDELLE",
        (
            "hankintayksikkö: Helsingin kaupunki, kirjaamo",
            "sähköposti: helsinki.kirjaamo@hel.fi",
            "Markkinaoikeus",
            "sähköposti: markkinaoikeus@oikeus.fi",
            "puhelin: 029 56 43300",
        ),
    ),
    ("procurement", "sv"): Expected(
        "Upphandlingsrättelse och besvär till marknadsdomstolen",
        "ANVISNINGAR FÖR YRKANDE PÅ UPPHANDLINGSRÄTTELSE OCH BESVÄRSANVISNING TILL "
        "MARKNADSDOMSTOLEN",
        (
            "upphandlande enhet: Helsingfors stad, registratorskontoret",
            "Marknadsdomstolen",
            "e-post: markkinaoikeus@oikeus.fi",
            "telefon: 029 56 43300",
        ),
    ),
}
CATEGORIES = sorted({key for key, _language in EXPECTED})
CASES = sorted(EXPECTED)


def test_every_category_is_expected_here():
    assert sorted(resources.appeal_categories()) == CATEGORIES


def write_meeting(folder: Path, language: str) -> Path:
    """The example meeting with one item of every category, each with an extract that
    carries the appeal instructions, in `language`."""
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for n, key in enumerate(CATEGORIES, 1):
        draft = draftfile.load(EXAMPLE_333)
        draft.language = language
        draft.item.title = f"Asia {n}"
        draft.item.appeal = key
        draft.item.appeal_act = ACT[language] if key == "administrative-appeal" else ""
        draft.item.extracts = [Extract(recipient=f"Asianosainen {n}", appeal=True)]
        draftfile.save(draft, folder / f"{n}.pykala")
        names.append(f"{n}.pykala")
    held = draftfile.load_meeting(MEETING)
    held.language = language
    held.items = names
    path = folder / "meeting.pykala"
    draftfile.save(held, path)
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, dict[str, str]]:
    """Per language: the minutes' text and each category's extract's text (Word files, as a
    build writes them)."""
    out: dict[str, dict[str, str]] = {}
    for language in ("fi", "sv"):
        root = tmp_path_factory.mktemp(f"appeals-{language}")
        loaded = meeting.load(write_meeting(root / "items", language))
        written = produce.build(loaded, ["minutes", "extracts"], root / "out")
        texts = {p.name: docx_text(p.read_bytes()) for p in written}
        (minutes,) = [t for name, t in texts.items() if " - " not in name]
        found = {"minutes": minutes}
        for n, key in enumerate(CATEGORIES, 1):
            (extract,) = [t for name, t in texts.items() if f" {n}.docx" in name and " - " in name]
            found[key] = extract
        out[language] = found
    return out


def lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines()]


@pytest.mark.parametrize(("key", "language"), CASES)
def test_the_extract_prints_the_label_and_the_filled_instructions(built, key, language):
    text = built[language][key]
    expected = EXPECTED[(key, language)]
    shown = lines(text)
    assert expected.label in shown  # under Muutoksenhaku, and in the Otteet table
    assert expected.heading in shown
    flat = " ".join(text.split())
    for words in expected.words:
        assert words in flat, words
    # No other category's instructions, no other language's label.
    for (other, other_language), other_expected in EXPECTED.items():
        if other_expected.label != expected.label:
            assert other_expected.label not in shown, (other, other_language)
    assert BLANK.findall(text) == []


@pytest.mark.parametrize(("key", "language"), CASES)
def test_the_minutes_print_each_label_and_instructions(built, key, language):
    text = built[language]["minutes"]
    expected = EXPECTED[(key, language)]
    shown = lines(text)
    assert expected.label in shown
    assert expected.heading in shown
    flat = " ".join(text.split())
    for words in expected.words:
        assert words in flat, words
    other = "sv" if language == "fi" else "fi"
    assert EXPECTED[(key, other)].label not in shown


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_minutes_and_extracts_hold_no_blank_and_name_the_registry_and_the_court(built, language):
    registry = {"fi": "Helsingin kaupungin kirjaamo", "sv": "Helsingfors stads registratorskontor"}
    court = {"fi": "Helsingin hallinto-oikeus", "sv": "Helsingfors förvaltningsdomstol"}
    for name, text in built[language].items():
        assert BLANK.findall(text) == [], name
    assert registry[language] in built[language]["minutes"]
    assert court[language] in built[language]["minutes"]
    assert registry[language] in built[language]["rectification"]
    assert court[language] in built[language]["municipal-appeal"]


def test_the_example_with_an_appeal_builds_without_blanks():
    draft = draftfile.load(EXAMPLES / "avustus-muutettu-paatos.pykala")
    assert draft.item.appeal == "municipal-appeal"
    assert checks.errors(checks.check(draft, "minutes")) == []
    held = draftfile.load_meeting(MEETING)
    extract = docx_text(docx.render(context.extract(draft, 0, held)))
    assert "Valitusviranomainen on Helsingin hallinto-oikeus." in " ".join(extract.split())
    minutes = docx_text(docx.render(context.instructions(held, context.appeals_used([draft]))))
    item = docx_text(docx.render_item(draft, context.Options(document="minutes")))
    for text in (extract, minutes, item):
        assert BLANK.findall(text) == []


# --- a blank that would print is an error naming the field ---------------------------------


def helsinki_without(monkeypatch, tmp_path, *fields: str) -> Path:
    """The user's own copy of Helsinki's profile, `fields` (appeal.registry.email …) removed."""
    folder = tmp_path / "organizations"
    folder.mkdir()
    monkeypatch.setenv("PYKALA_ORGANIZATIONS", str(folder))
    data = json.loads((profiles.BUILTIN_FOLDER / "helsinki.json").read_text(encoding="utf-8"))
    for field in fields:
        group, name = field.split(".")
        del data["appeal"][group][name]
    path = folder / "helsinki.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def rectification_draft(tmp_path: Path, language: str = "fi") -> Path:
    draft = draftfile.load(EXAMPLE_333)
    draft.language = language
    draft.item.appeal = "rectification"
    draft.item.extracts = [Extract(recipient="Hakija", appeal=True)]
    path = tmp_path / "oikaisu.pykala"
    draftfile.save(draft, path)
    return path


@pytest.mark.slow
def test_check_fails_naming_the_registry_email_when_the_profile_lacks_it(tmp_path, monkeypatch):
    draft = rectification_draft(tmp_path)
    assert run_cli("check", draft).returncode == 0  # Helsinki's own profile has it
    helsinki_without(monkeypatch, tmp_path, "registry.email")
    english = run_cli("check", draft, env=os.environ | {"LANGUAGE": "en"})
    assert english.returncode == 1
    assert (
        "error: item.appeal: Organisation Helsingin kaupunki: the registry office's e-mail "
        "address is missing (Settings → Organisations); the appeal instructions (Request for "
        "rectification) would print [kirjaamon sähköpostiosoite]"
    ) in english.stdout + english.stderr
    finnish = run_cli("check", draft, env=os.environ | {"LANGUAGE": "fi"})
    assert finnish.returncode == 1
    assert (
        "Organisaatio Helsingin kaupunki: kirjaamon sähköpostiosoite puuttuu (Asetukset → "
        "Organisaatiot)"
    ) in finnish.stdout + finnish.stderr


def test_a_swedish_document_needs_the_swedish_text(tmp_path, monkeypatch):
    path = helsinki_without(monkeypatch, tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["appeal"]["registry"]["hours"] = {"fi": "ma–pe 8.15–16.00"}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    finnish = draftfile.load(rectification_draft(tmp_path, "fi"))
    assert checks.errors(checks.check(finnish, "minutes")) == []
    swedish = draftfile.load(rectification_draft(tmp_path, "sv"))
    (problem,) = checks.errors(checks.check(swedish, "minutes"))
    assert problem.path == "item.appeal"
    assert "the registry office's opening hours is missing" in problem.message
    assert "[registratorskontorets öppettid]" in problem.message


def test_an_agenda_is_warned_not_stopped(tmp_path, monkeypatch):
    helsinki_without(monkeypatch, tmp_path, "registry.phone")
    draft = draftfile.load(rectification_draft(tmp_path))
    assert checks.errors(checks.check(draft, "agenda")) == []
    warned = [p for p in checks.check(draft, "agenda") if "phone number" in p.message]
    assert [p.severity for p in warned] == [checks.WARNING]
    assert [p.severity for p in checks.check(draft, "minutes") if "phone" in p.message] == [
        checks.ERROR
    ]


def test_a_build_stops_naming_the_field_and_writes_nothing(tmp_path, monkeypatch):
    held = write_meeting(tmp_path / "items", "fi")
    helsinki_without(monkeypatch, tmp_path, "administrative_court.name")
    out = tmp_path / "out"
    with pytest.raises(meeting.BuildError) as raised:
        produce.build(meeting.load(held), ["minutes", "extracts"], out)
    found = "\n".join(raised.value.problems)
    assert "the administrative court's name is missing" in found
    assert "[hallinto-oikeus]" in found
    assert not out.exists() or list(out.iterdir()) == []


def test_a_swedish_build_of_a_finnish_meeting_is_checked_in_swedish(tmp_path, monkeypatch):
    held = write_meeting(tmp_path / "items", "fi")
    path = helsinki_without(monkeypatch, tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["appeal"]["market_court"]["name"] = {"fi": "Markkinaoikeus"}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    loaded = meeting.load(held)
    assert produce.build(loaded, ["minutes"], tmp_path / "fi")
    with pytest.raises(meeting.BuildError) as raised:
        produce.build(loaded, ["minutes"], tmp_path / "sv", language="sv")
    assert "[marknadsdomstolen]" in "\n".join(raised.value.problems)


def test_the_act_of_an_administrative_appeal_is_the_items_to_fill(tmp_path):
    draft = draftfile.load(EXAMPLE_333)
    draft.item.appeal = "administrative-appeal"
    (problem,) = checks.errors(checks.check(draft, "minutes"))
    assert problem.path == "item.appeal_act"
    assert "Act providing for the appeal" in problem.message
    assert "[erityislain nimi ja numero]" in problem.message
    draft.item.appeal_act = "vesilaki (587/2011)"
    assert checks.errors(checks.check(draft, "minutes")) == []
    path = tmp_path / "hallintovalitus.pykala"
    draftfile.save(draft, path)
    assert draftfile.load(path).item.appeal_act == "vesilaki (587/2011)"


def test_any_blank_left_in_an_appeal_text_is_an_error(monkeypatch):
    categories = json.loads(json.dumps(appeals._categories()))
    text = categories["no-appeal"]["instructions"]["fi"]
    text["text"] += "\n\nLisätietoja antaa [yhteyshenkilön nimi] ja {registry.fax}."
    monkeypatch.setattr(appeals, "_categories", lambda: categories)
    draft = draftfile.load(EXAMPLE_333)
    assert draft.item.appeal == "no-appeal"
    found = [p.message for p in checks.errors(checks.check(draft, "minutes"))]
    assert any("[yhteyshenkilön nimi]" in m for m in found), found
    assert any("[registry.fax]" in m for m in found), found
    swedish = draftfile.load(EXAMPLE_333)
    swedish.language = "sv"
    assert checks.errors(checks.check(swedish, "minutes")) == []  # only the Finnish text


def test_a_value_prints_as_typed_not_as_formatting(tmp_path, monkeypatch):
    path = helsinki_without(monkeypatch, tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["appeal"]["registry"]["email"] = "kirjaamo_helsinki*@hel.fi"
    data["appeal"]["registry"]["hours"] = {"fi": "ma–pe\n\n# 8–16", "sv": "mån–fre"}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    draft = draftfile.load(rectification_draft(tmp_path))
    held = draftfile.load_meeting(MEETING)
    text = docx_text(docx.render(context.instructions(held, context.appeals_used([draft]))))
    assert "sähköposti: kirjaamo_helsinki*@hel.fi" in text
    assert "aukioloaika: ma–pe # 8–16" in text


# --- the profile's appeal data ---------------------------------------------------------


def test_the_profile_names_a_wrong_appeal_field():
    data = espoo.profile_data(template=None)
    data["appeal"] = {
        "registry": {"email": 12, "fax": "x", "name": {"fi": "Kirjaamo", "en": "Registry"}},
        "court": {},
        "market_court": "Markkinaoikeus",
    }
    problems = profiles.validate(data)  # in the words the drafts' reader uses
    assert (
        "appeal.registry.email: 12 is a number; write a text in quotes, or one per language in { }"
    ) in problems
    unknown = "appeal.registry.fax: is not a part of the appeal data"
    assert any(p.startswith(unknown) for p in problems)
    assert 'appeal.registry.name.en: "en" is not allowed; write one of: fi, sv' in problems
    assert any(p.startswith("appeal.court: is not a part of the appeal data") for p in problems)
    assert 'appeal.market_court: "Markkinaoikeus" is a text; write an object in { }' in problems


def test_the_builtin_and_espoo_profiles_fill_every_field():
    helsinki = json.loads((profiles.BUILTIN_FOLDER / "helsinki.json").read_text(encoding="utf-8"))
    for data in (helsinki, espoo.profile_data()):
        assert profiles.validate(data) == []
        for field in appeals.PROFILE_FIELDS:
            for language in ("fi", "sv"):
                assert appeals.profile_value(data, field.key, language), (field.key, language)


def test_an_espoo_meeting_prints_espoos_registry(tmp_path):
    espoo.install()
    draft = draftfile.load(rectification_draft(tmp_path))
    draft.organization = "espoo"
    assert checks.errors(checks.check(draft, "minutes")) == []
    held = draftfile.load_meeting(MEETING)
    held.organization = "espoo"
    text = docx_text(docx.render(context.extract(draft, 0, held)))
    assert "kirjaamo: Espoon kaupungin kirjaamo" in text
    assert "sähköposti: kirjaamo@espoo.fi" in text
    assert "Helsingin kaupungin kirjaamo" not in text
