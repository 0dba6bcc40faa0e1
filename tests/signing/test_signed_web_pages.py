"""Issue 29: the web version of the minutes made from the signed original says who signed
them electronically and when, as their public copy does (`build --html --minutes --signed`);
only when every signature verifies, never on the internal web version."""

from __future__ import annotations

import re

import pytest

from tests.signing import pki
from tests.signing.fixtures import MEETING, assert_four_signers_said, token_args
from tests.signing.test_signing import sign_all
from tests.support import axe

pytestmark = pytest.mark.libreoffice  # the minutes to sign are made by LibreOffice


def said(page: str) -> list[str]:
    found = re.search(r"<h2>Allekirjoitettu sähköisesti</h2>\n<p>(.*?)</p>", page)
    return found.group(1).split("<br>") if found else []


def test_the_web_minutes_say_who_signed_the_original(
    cli_run, signing_keys, tmp_path, minutes_pdf, trusting_profile
):
    sign_all(cli_run, signing_keys, minutes_pdf)
    out = tmp_path / "web"
    built = cli_run("build", MEETING, "--html", "--minutes", "--signed", minutes_pdf, "-o", out)
    assert built.code == 0, built.err
    lines = said((out / "index.html").read_text("utf-8"))
    assert_four_signers_said(lines)


@pytest.mark.chromium
def test_the_signed_web_minutes_have_no_wcag_violation(
    cli_run, signing_keys, tmp_path, minutes_pdf, trusting_profile
):
    if problem := axe.missing():
        pytest.fail(problem)
    sign_all(cli_run, signing_keys, minutes_pdf)
    out = tmp_path / "web"
    assert (
        cli_run("build", MEETING, "--html", "--minutes", "--signed", minutes_pdf, "-o", out).code
        == 0
    )
    index = out / "index.html"
    assert len(said(index.read_text("utf-8"))) == 4
    assert axe.violations([index]) == {index: []}


def test_no_web_page_says_signed_unless_everyone_has(
    cli_run, signing_keys, tmp_path, minutes_pdf, trusting_profile
):
    first = cli_run(
        "sign", MEETING, minutes_pdf, *token_args(signing_keys, "lehtonen"), pin=pki.PIN
    )
    assert first.code == 0, first.err
    out = tmp_path / "web"
    half = cli_run("build", MEETING, "--html", "--minutes", "--signed", minutes_pdf, "-o", out)
    assert half.code == 1
    assert f"{minutes_pdf}: Pekka Mäkinen (pöytäkirjantarkastaja) has not signed" in half.err
    assert "Nothing was written." in half.err
    assert not out.exists()


@pytest.mark.parametrize(
    "options",
    [
        ["--html", "--minutes", "--internal"],  # the internal web version is no public copy
        ["--html", "--agenda"],
    ],
)
def test_signed_is_not_for_the_internal_or_the_agenda(cli_run, tmp_path, minutes_pdf, options):
    with pytest.raises(SystemExit) as stopped:
        cli_run("build", MEETING, *options, "--signed", minutes_pdf, "-o", tmp_path / "web")
    assert stopped.value.code == 2
