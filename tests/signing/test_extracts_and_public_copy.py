"""Issue 29, the rest: an extract signed by whom it names as certifying it, in the order the
organisation sets for extracts; the public copy made from the signed minutes says who signed
them electronically and when; the profile's signing settings checked field by field."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from drafting import organization
from tests.conftest import ROOT
from tests.signing import pki
from tests.signing.fixtures import (
    MEETING,
    P12_PASSWORD,
    assert_four_signers_said,
    failing_examples,
    token_args,
)
from tests.signing.test_signing import pyhanko_says, sign_all

pytestmark = pytest.mark.libreoffice  # the minutes and the extract are made by LibreOffice


def text_of(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def field_boxes(data: bytes) -> list[tuple[str, int, list[float]]]:
    """Every signature field: name, page (0-based), rectangle."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    found = []
    for number, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            widget = annot.get_object()
            if widget.get("/FT") == "/Sig":
                found.append((str(widget["/T"]), number, [float(v) for v in widget["/Rect"]]))
    return found


# --- extracts -----------------------------------------------------------------------------


def test_an_extract_is_signed_by_the_secretary_who_certifies_it(
    cli_run, signing_keys, extract_pdf, trusting_profile
):
    assert "Otteen oikeaksi todistaa" in text_of(extract_pdf)
    result = cli_run(
        "sign", MEETING, extract_pdf, "--pkcs12", signing_keys.secretary, pin=P12_PASSWORD
    )
    assert result.code == 0, result.err
    assert "Signing now: Marja-Liisa Rautanen, kaupunginsihteeri" in result.out
    data = extract_pdf.read_bytes()
    ((name, page, rect),) = field_boxes(data)
    assert name == "Pykala-1-certifier"
    assert b"pdfaid:part" in data and b"/StructTreeRoot" in data  # still the archival PDF
    # On the last page, beside the certification's name and title, not over its date.
    pages = text_of(extract_pdf).split("\f")
    assert page == len([p for p in pages if p.strip()]) - 1
    assert rect[0] > 300 and rect[2] < 580

    verified = cli_run("verify", extract_pdf)
    assert verified.code == 0, verified.out + verified.err
    assert "1. Marja-Liisa Rautanen — valid" in verified.out
    assert pyhanko_says(data, signing_keys.ca) == [("Pykala-1-certifier", True)]

    again = cli_run(
        "sign", MEETING, extract_pdf, "--pkcs12", signing_keys.secretary, pin=P12_PASSWORD
    )
    assert again.code == 0 and "everyone has signed" in again.out


def test_an_extract_of_a_meeting_that_fails_its_checks_is_not_signed(
    cli_run, signing_keys, tmp_path, extract_pdf, trusting_profile
):
    folder = failing_examples(tmp_path)
    before = extract_pdf.read_bytes()
    result = cli_run(
        "sign",
        folder / "meeting" / MEETING.name,
        extract_pdf,
        "--pkcs12",
        signing_keys.secretary,
        pin=P12_PASSWORD,
    )
    assert result.code == 1
    assert "fail their checks and are not signed" in result.err
    assert extract_pdf.read_bytes() == before


def test_the_organisation_sets_who_signs_an_extract(
    cli_run, signing_keys, tmp_path, trusting_profile
):
    """`signing.extract_order`: the chair too, after the certifier; the extract prints both
    lines and each signs beside their own."""
    profile = trusting_profile / "helsinki.json"
    data = json.loads(profile.read_text("utf-8"))
    data["signing"]["extract_order"] = ["certifier", "chair"]
    profile.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    built = cli_run("build", MEETING, "--extracts", "--pdf", "--archival", "-o", tmp_path / "out")
    assert built.code == 0, built.err
    (extract,) = (tmp_path / "out").glob("*.pdf")
    text = text_of(extract)
    assert "Marja-Liisa Rautanen" in text.split("Otteen oikeaksi todistaa")[1]
    assert "Anna Virtanen" in text.split("Otteen oikeaksi todistaa")[1]
    first = cli_run("sign", MEETING, extract, "--pkcs12", signing_keys.secretary, pin=P12_PASSWORD)
    assert first.code == 0, first.err
    second = cli_run("sign", MEETING, extract, *token_args(signing_keys, "virtanen"), pin=pki.PIN)
    assert second.code == 0, second.err
    assert "Signing now: Anna Virtanen, puheenjohtaja" in second.out
    names = [name for name, _page, _rect in field_boxes(extract.read_bytes())]
    assert names == ["Pykala-1-certifier", "Pykala-2-chair"]
    verified = cli_run("verify", extract)
    assert verified.code == 0, verified.out
    assert "All 2 signatures are valid." in verified.out


# --- the public copy says who signed ----------------------------------------------------


def test_the_public_copy_says_who_signed_the_original(
    cli_run, signing_keys, tmp_path, minutes_pdf, trusting_profile
):
    sign_all(cli_run, signing_keys, minutes_pdf)
    built = cli_run(
        "build",
        MEETING,
        "--minutes",
        "--public",
        "--pdf",
        "--signed",
        minutes_pdf,
        "-o",
        tmp_path / "public",
    )
    assert built.code == 0, built.err
    (public,) = (tmp_path / "public").glob("*.pdf")
    text = text_of(public)
    said = text.split("Allekirjoitettu sähköisesti")[1].split("\n\n")[0]
    lines = [line.strip() for line in said.strip().splitlines()]
    assert_four_signers_said(lines)
    # The public copy itself carries no signature, and is never signed.
    assert field_boxes(public.read_bytes()) == []
    refused = cli_run("sign", MEETING, public, *token_args(signing_keys, "lehtonen"), pin=pki.PIN)
    assert refused.code == 1 and "a public copy is never signed" in refused.err


def test_no_public_copy_says_signed_unless_every_signature_is_valid(
    cli_run, signing_keys, tmp_path, minutes_pdf, trusting_profile
):
    def build_public():
        return cli_run(
            "build",
            MEETING,
            "--minutes",
            "--public",
            "--signed",
            minutes_pdf,
            "-o",
            tmp_path / "public",
        )

    first = cli_run(
        "sign", MEETING, minutes_pdf, *token_args(signing_keys, "lehtonen"), pin=pki.PIN
    )
    assert first.code == 0, first.err
    half = build_public()
    assert half.code == 1
    assert "Pekka Mäkinen (pöytäkirjantarkastaja) has not signed the minutes yet" in half.err
    assert not (tmp_path / "public").exists()

    for label in ("makinen", "virtanen"):
        assert (
            cli_run(
                "sign", MEETING, minutes_pdf, *token_args(signing_keys, label), pin=pki.PIN
            ).code
            == 0
        )
    assert (
        cli_run(
            "sign", MEETING, minutes_pdf, "--pkcs12", signing_keys.secretary, pin=P12_PASSWORD
        ).code
        == 0
    )
    with minutes_pdf.open("ab") as handle:
        handle.write(b"%")  # a byte added after signing
    changed = build_public()
    assert changed.code == 1
    assert "do not all verify" in changed.err
    assert not (tmp_path / "public").exists()


def test_signed_is_only_for_the_public_minutes(cli_run, tmp_path, minutes_pdf):
    with pytest.raises(SystemExit) as stopped:
        cli_run("build", MEETING, "--minutes", "--signed", minutes_pdf, "-o", tmp_path)
    assert stopped.value.code == 2


# --- the profile's signing settings ------------------------------------------------------


def helsinki() -> dict:
    return json.loads((ROOT / "resources" / "organizations" / "helsinki.json").read_text("utf-8"))


def test_the_profile_check_names_a_bad_signing_order():
    data = helsinki()
    data["signing"] = {"order": ["chair", "checkers", "chair", "mayor"]}
    problems = organization.validate(data, "helsinki")
    assert any(p.startswith('signing.order: "mayor" is not a role who signs') for p in problems)
    assert any(p.startswith('signing.order: "chair" is given twice') for p in problems)
    assert any(p.startswith('signing.order: "secretary" does not sign') for p in problems)
    data["signing"] = {"extract_order": ["certifier", "certifier"]}
    assert organization.validate(data, "helsinki") == [
        'signing.extract_order: "certifier" is given twice; give each role once'
    ]
    data["signing"] = {"order": ["secretary", "chair", "checkers"], "extract_order": ["chair"]}
    assert organization.validate(data, "helsinki") == []


def test_the_profile_check_names_a_trust_root_that_is_not_a_certificate(tmp_path, signing_keys):
    shutil.copy(signing_keys.ca_pem, tmp_path / "ca.pem")
    (tmp_path / "notes.pem").write_text("not a certificate\n", "utf-8")
    data = helsinki()
    data["signing"] = {"trust_roots": ["ca.pem", "missing.pem", "notes.pem"]}
    problems = organization.validate(data, "helsinki", tmp_path)
    assert len(problems) == 2, problems
    assert problems[0].startswith("signing.trust_roots[1]: ")
    assert "missing.pem cannot be read" in problems[0]
    assert problems[1].startswith("signing.trust_roots[2]: ")
    assert "is not a certificate" in problems[1]


def test_a_user_profile_with_a_bad_trust_root_is_said_broken(tmp_path, monkeypatch):
    folder = tmp_path / "organizations"
    folder.mkdir()
    data = helsinki()
    data["signing"] = {"trust_roots": ["missing.pem"]}
    (folder / "helsinki.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    monkeypatch.setenv("PYKALA_ORGANIZATIONS", str(folder))
    (problem,) = organization.catalogue().broken("helsinki")
    assert problem.startswith("signing.trust_roots[0]: ")
    assert "missing.pem cannot be read" in problem
