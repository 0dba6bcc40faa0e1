"""The signing tests' fixtures (a plugin tests/conftest.py registers, so the dialogs' tests
in tests/ui share them): the meeting's archival minutes (made once by LibreOffice), a test
CA, a SoftHSM2 token with the keys of the two checkers and the chair, PKCS#12 files for the
secretary and for the certificates that must be refused, and the organisation's profile
naming the CA as its trust root."""

from __future__ import annotations

import datetime as _dt
import io
import json
import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from drafting import cli, copies, meeting, produce
from drafting.render import warm
from tests.conftest import EXAMPLES, ROOT
from tests.signing import pki

MEETING = EXAMPLES / "meeting" / "kh-18-2021.pykala"
P12_PASSWORD = "salasana"


@dataclass
class Keys:
    ca: pki.Issued
    module: Path
    secretary: Path  # PKCS#12 of Marja-Liisa Rautanen, from the CA
    expired: Path  # PKCS#12 of Aino Lehtonen, from the CA, expired
    stranger: Path  # PKCS#12 of Aino Lehtonen, from a CA nobody trusts
    ca_pem: Path


# Made once per test run, whichever test module asks first (tests/ui imports these fixtures
# too): the PKCS#11 module reads SOFTHSM2_CONF once, when this process first loads it.
_made: dict[str, object] = {}


@pytest.fixture(scope="session")
def signing_keys(tmp_path_factory) -> Keys:
    """The token (SOFTHSM2_CONF for the rest of the run) and the certificate files."""
    if "keys" not in _made:
        _made["keys"] = _make_keys(tmp_path_factory.mktemp("pki"))
    return _made["keys"]  # type: ignore[return-value]


def _make_keys(folder: Path) -> Keys:
    conf = pki.softhsm(folder / "softhsm")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    ca = pki.authority()
    pki.init_token(
        conf,
        {
            "lehtonen": pki.issue(ca, "Aino Lehtonen"),
            "makinen": pki.issue(ca, "Pekka Mäkinen"),
            "virtanen": pki.issue(ca, "Anna Virtanen"),
        },
        folder,
    )
    other = pki.authority("Some Other CA")
    return Keys(
        ca=ca,
        module=pki.module(),
        secretary=pki.write_pkcs12(
            pki.issue(ca, "Marja-Liisa Rautanen"), ca, folder / "rautanen.p12", P12_PASSWORD
        ),
        expired=pki.write_pkcs12(
            pki.issue(ca, "Aino Lehtonen", expired=True), ca, folder / "old.p12", P12_PASSWORD
        ),
        stranger=pki.write_pkcs12(
            pki.issue(other, "Aino Lehtonen"), other, folder / "stranger.p12", P12_PASSWORD
        ),
        ca_pem=pki.write_pem(ca.cert, folder / "ca.pem"),
    )


@pytest.fixture(scope="session")
def minutes_pdfs(tmp_path_factory) -> dict[str, bytes]:
    """The meeting's archival minutes, the full ones and the public copy, made once."""
    if "minutes" in _made:
        return _made["minutes"]  # type: ignore[return-value]
    out = tmp_path_factory.mktemp("minutes")
    loaded = meeting.load(MEETING)
    converter = warm.Converter(warm=False)
    made = {}
    try:
        for name, copy in (("full", copies.FULL), ("public", copies.PUBLIC)):
            (path,) = produce.build(
                loaded,
                ["minutes"],
                out / name,
                ("pdf",),
                copy,
                converter=converter,
                archival=True,
            )
            made[name] = path.read_bytes()
    finally:
        converter.stop()
    _made["minutes"] = made
    return made


@pytest.fixture(scope="session")
def extract_pdf_made(tmp_path_factory) -> bytes:
    """The meeting's one extract as archival PDF (its certification by the secretary), made
    once."""
    if "extract" not in _made:
        out = tmp_path_factory.mktemp("extract")
        loaded = meeting.load(MEETING)
        written = produce.build(loaded, ["extracts"], out, ("pdf",), archival=True)
        _made["extract"] = next(p for p in written if p.suffix == ".pdf").read_bytes()
    return _made["extract"]  # type: ignore[return-value]


@pytest.fixture
def extract_pdf(tmp_path, extract_pdf_made) -> Path:
    path = tmp_path / "334 Ote 1 Ponnen ehdottaja.pdf"
    path.write_bytes(extract_pdf_made)
    return path


@pytest.fixture
def trusting_profile(tmp_path, monkeypatch, signing_keys) -> Path:
    """The organisation's profile (Helsinki's, as the user's own) naming the test CA as its
    trust root."""
    folder = tmp_path / "organizations"
    folder.mkdir()
    data = json.loads((ROOT / "resources" / "organizations" / "helsinki.json").read_text("utf-8"))
    data["signing"] = {"trust_roots": ["test-ca.pem"]}
    (folder / "helsinki.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    shutil.copy(signing_keys.ca_pem, folder / "test-ca.pem")
    monkeypatch.setenv("PYKALA_ORGANIZATIONS", str(folder))
    return folder


@pytest.fixture
def minutes_pdf(tmp_path, minutes_pdfs) -> Path:
    path = tmp_path / "Pöytäkirja 18-2021.pdf"
    path.write_bytes(minutes_pdfs["full"])
    return path


@dataclass
class Ran:
    code: int
    out: str
    err: str


@pytest.fixture
def cli_run(capsys, monkeypatch):
    """The command line, in this process (the token's module stays loaded), in English;
    `pin` is what the user types."""
    monkeypatch.setenv("LANGUAGE", "en")

    def run(*args: object, pin: str = "") -> Ran:
        monkeypatch.setattr(sys, "stdin", io.StringIO(pin + "\n"))
        code = cli.main([str(a) for a in args])
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return run


def token_args(signing_keys: Keys, label: str, token: str = pki.TOKEN) -> list[object]:
    return ["--module", signing_keys.module, "--token", token, "--key", label]


def failing_examples(tmp_path: Path) -> Path:
    """A copy of the examples in which the example meeting fails its checks (an item with no
    title): the folder holding it."""
    folder = tmp_path / "examples"
    shutil.copytree(EXAMPLES, folder)
    item = folder / "meeting" / "01-laillisuus.pykala"
    data = json.loads(item.read_text("utf-8"))
    data["item"]["title"] = ""
    item.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return folder


def assert_four_signers_said(lines: list[str]) -> None:
    """The lines a public copy prints under "Allekirjoitettu sähköisesti": each signer of the
    example minutes in order, with role, and the day and time they signed."""
    assert [line.split(" klo ")[0].rsplit(", ", 1)[0] for line in lines] == [
        "Aino Lehtonen, pöytäkirjantarkastaja",
        "Pekka Mäkinen, pöytäkirjantarkastaja",
        "Anna Virtanen, puheenjohtaja",
        "Marja-Liisa Rautanen, pöytäkirjanpitäjä",
    ]
    days = [_dt.date.today() - _dt.timedelta(days=n) for n in (0, 1)]  # signed before midnight
    said_days = "|".join(re.escape(f"{d.day}.{d.month}.{d.year}") for d in days)
    for line in lines:
        assert re.search(rf", ({said_days}) klo \d{{1,2}}\.\d\d$", line), line
