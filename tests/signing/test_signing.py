"""Issue 29: the minutes signed electronically, in order, with a real PKCS#11 token
(SoftHSM2) and a PKCS#12 file; verified by `main.py verify` and by pyHanko's own validator."""

from __future__ import annotations

import io
import json
import subprocess
import warnings

import pytest

from tests.signing import pki
from tests.signing.fixtures import MEETING, P12_PASSWORD, failing_examples, token_args

pytestmark = pytest.mark.libreoffice  # the minutes are made by LibreOffice, once

SIGNERS = ["Aino Lehtonen", "Pekka Mäkinen", "Anna Virtanen", "Marja-Liisa Rautanen"]


def sign_all(cli_run, signing_keys, minutes_pdf):
    for label in ("lehtonen", "makinen", "virtanen"):
        result = cli_run(
            "sign", MEETING, minutes_pdf, *token_args(signing_keys, label), pin=pki.PIN
        )
        assert result.code == 0, result.err
    result = cli_run(
        "sign", MEETING, minutes_pdf, "--pkcs12", signing_keys.secretary, pin=P12_PASSWORD
    )
    assert result.code == 0, result.err


def pyhanko_says(data, ca):
    """pyHanko's own validator, as a reader of the archive would run it."""
    from asn1crypto import x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    root = x509.Certificate.load(ca.cert.public_bytes(Encoding.DER))
    reader = PdfFileReader(io.BytesIO(data))
    said = []
    for sig in reader.embedded_regular_signatures:
        context = ValidationContext(trust_roots=[root], allow_fetching=False)
        status = validate_pdf_signature(sig, context)
        said.append((sig.field_name, status.bottom_line))
    return said


def test_four_sign_in_order_and_all_are_valid(cli_run, signing_keys, minutes_pdf, trusting_profile):
    first = cli_run(
        "sign", MEETING, minutes_pdf, *token_args(signing_keys, "lehtonen"), pin=pki.PIN
    )
    assert first.code == 0, first.err
    assert "Signing now: Aino Lehtonen, pöytäkirjantarkastaja" in first.out
    for label, name in (("makinen", "Pekka Mäkinen"), ("virtanen", "Anna Virtanen")):
        result = cli_run(
            "sign", MEETING, minutes_pdf, *token_args(signing_keys, label), pin=pki.PIN
        )
        assert result.code == 0, result.err
        assert f"{name} signed" in result.out
    last = cli_run(
        "sign", MEETING, minutes_pdf, "--pkcs12", signing_keys.secretary, pin=P12_PASSWORD
    )
    assert last.code == 0, last.err
    assert "Signing now: Marja-Liisa Rautanen, pöytäkirjanpitäjä" in last.out

    verified = cli_run("verify", minutes_pdf)
    assert verified.code == 0, verified.out + verified.err
    lines = [line for line in verified.out.splitlines() if line[:2] in ("1.", "2.", "3.", "4.")]
    assert lines == [f"{n}. {name} — valid" for n, name in enumerate(SIGNERS, 1)]
    assert "All 4 signatures are valid." in verified.out
    assert "(signer's clock)" in verified.out  # no timestamp server in the profile

    data = minutes_pdf.read_bytes()
    assert pyhanko_says(data, signing_keys.ca) == [
        ("Pykala-1-checkers", True),
        ("Pykala-2-checkers", True),
        ("Pykala-3-chair", True),
        ("Pykala-4-secretary", True),
    ]
    # Still the archival PDF: PDF/A and tagged, as the archival export is checked.
    assert b"pdfaid:part" in data and b"/StructTreeRoot" in data
    info = subprocess.run(["pdfinfo", str(minutes_pdf)], capture_output=True, text=True).stdout
    assert "Tagged:          yes" in info
    # The visible signatures, in Finnish, on the page with the signature lines.
    text = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", str(minutes_pdf), "-"], capture_output=True, text=True
    ).stdout
    assert text.count("Allekirjoitettu sähköisesti") == 4
    assert text.count("(aika allekirjoittajan tietokoneen kellosta)") == 4
    assert "Aino Lehtonen, pöytäkirjantarkastaja" in text

    again = cli_run(
        "sign", MEETING, minutes_pdf, "--pkcs12", signing_keys.secretary, pin=P12_PASSWORD
    )
    assert again.code == 0 and "everyone has signed" in again.out
    assert minutes_pdf.read_bytes() == data


def test_the_order_is_the_organisations(cli_run, signing_keys, minutes_pdf, trusting_profile):
    """The profile may let the chair sign first; then the chair's key is the one asked."""
    profile = trusting_profile / "helsinki.json"
    data = json.loads(profile.read_text("utf-8"))
    data["signing"]["order"] = ["chair", "secretary", "checkers"]
    profile.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    result = cli_run(
        "sign", MEETING, minutes_pdf, *token_args(signing_keys, "virtanen"), pin=pki.PIN
    )
    assert result.code == 0, result.err
    assert "Signing now: Anna Virtanen, puheenjohtaja" in result.out


def test_appending_a_byte_is_a_change(cli_run, signing_keys, minutes_pdf, trusting_profile):
    sign_all(cli_run, signing_keys, minutes_pdf)
    with minutes_pdf.open("ab") as handle:
        handle.write(b"x")
    verified = cli_run("verify", minutes_pdf)
    assert verified.code == 1
    assert "4. Marja-Liisa Rautanen — CHANGED: the document was changed after this" in (
        verified.out
    )
    assert "All 4 signatures are valid." not in verified.out
    assert "The signatures are NOT all valid." in verified.out


def test_editing_a_page_after_signing_is_a_change(
    cli_run, signing_keys, minutes_pdf, trusting_profile
):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    result = cli_run(
        "sign", MEETING, minutes_pdf, *token_args(signing_keys, "lehtonen"), pin=pki.PIN
    )
    assert result.code == 0, result.err
    # A new revision that draws on the first page, as an editor saving in place would.
    writer = IncrementalPdfFileWriter(io.BytesIO(minutes_pdf.read_bytes()))
    page_ref = writer.root["/Pages"]["/Kids"][0]
    page = page_ref.get_object()
    stream = writer.add_object(generic.StreamObject(stream_data=b"0 0 1 rg 100 100 50 50 re f"))
    contents = page["/Contents"]
    old = list(contents) if isinstance(contents, generic.ArrayObject) else [contents]
    page["/Contents"] = generic.ArrayObject([*old, stream])
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    minutes_pdf.write_bytes(out.getvalue())

    verified = cli_run("verify", minutes_pdf)
    assert verified.code == 1
    assert "1. Aino Lehtonen — CHANGED" in verified.out


def test_a_certificate_from_an_unknown_root_is_not_valid(
    cli_run, signing_keys, minutes_pdf, trusting_profile
):
    result = cli_run(
        "sign", MEETING, minutes_pdf, "--pkcs12", signing_keys.stranger, pin=P12_PASSWORD
    )
    assert result.code == 0, result.err  # signing works; the archive must not trust it
    before = minutes_pdf.read_bytes()
    verified = cli_run("verify", minutes_pdf)
    assert verified.code == 1
    assert "1. Aino Lehtonen — NOT TRUSTED: the certificate does not chain to a trust root" in (
        verified.out
    )
    assert minutes_pdf.read_bytes() == before


def refused(cli_run, minutes_pdf, *args, pin, says):
    before = minutes_pdf.read_bytes()
    result = cli_run("sign", MEETING, minutes_pdf, *args, pin=pin)
    assert result.code == 1, result.out
    assert says in result.err
    assert "Nothing was signed; " in result.err
    assert "Traceback" not in result.err
    assert minutes_pdf.read_bytes() == before
    assert [p.name for p in minutes_pdf.parent.iterdir() if p.is_file()] == [
        minutes_pdf.name
    ]  # no leftovers


def test_a_wrong_pin_signs_nothing(cli_run, signing_keys, minutes_pdf, trusting_profile):
    refused(
        cli_run,
        minutes_pdf,
        *token_args(signing_keys, "lehtonen"),
        pin="9999",
        says="The PIN is wrong",
    )


def test_a_missing_token_signs_nothing(cli_run, signing_keys, minutes_pdf, trusting_profile):
    refused(
        cli_run,
        minutes_pdf,
        *token_args(signing_keys, "lehtonen", token="no-such-card"),
        pin=pki.PIN,
        says="No card or token named “no-such-card” is in the reader",
    )


def test_a_missing_module_signs_nothing(
    cli_run, signing_keys, minutes_pdf, tmp_path, trusting_profile
):
    args = ["--module", tmp_path / "nowhere.so", "--token", pki.TOKEN, "--key", "lehtonen"]
    refused(cli_run, minutes_pdf, *args, pin=pki.PIN, says="nowhere.so was not found")


def test_a_key_not_on_the_token_signs_nothing(cli_run, signing_keys, minutes_pdf, trusting_profile):
    refused(
        cli_run,
        minutes_pdf,
        *token_args(signing_keys, "nobody"),
        pin=pki.PIN,
        says="No certificate and key named “nobody” were found on the card",
    )


def test_an_expired_certificate_signs_nothing(cli_run, signing_keys, minutes_pdf, trusting_profile):
    refused(
        cli_run, minutes_pdf, "--pkcs12", signing_keys.expired, pin=P12_PASSWORD, says="expired on"
    )


def test_a_wrong_password_of_the_certificate_file_signs_nothing(
    cli_run, signing_keys, minutes_pdf, trusting_profile
):
    refused(
        cli_run,
        minutes_pdf,
        "--pkcs12",
        signing_keys.secretary,
        pin="wrong",
        says="the PIN or password is wrong",
    )


def test_a_public_copy_is_never_signed(
    cli_run, signing_keys, tmp_path, minutes_pdfs, trusting_profile
):
    public = tmp_path / "public.pdf"
    public.write_bytes(minutes_pdfs["public"])
    refused(
        cli_run,
        public,
        *token_args(signing_keys, "lehtonen"),
        pin=pki.PIN,
        says="a public copy is never signed",
    )


def test_a_pdf_that_is_not_ours_is_not_signed(cli_run, signing_keys, tmp_path, trusting_profile):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_metadata({"/Title": "Pöytäkirja 18/2021"})
    other = tmp_path / "other.pdf"
    with other.open("wb") as handle:
        writer.write(handle)
    refused(
        cli_run,
        other,
        *token_args(signing_keys, "lehtonen"),
        pin=pki.PIN,
        says="not made by Pykälä",
    )


def test_minutes_that_fail_their_checks_are_not_signed(
    cli_run, signing_keys, tmp_path, minutes_pdf, trusting_profile
):
    folder = failing_examples(tmp_path)
    before = minutes_pdf.read_bytes()
    result = cli_run(
        "sign",
        folder / "meeting" / MEETING.name,
        minutes_pdf,
        *token_args(signing_keys, "lehtonen"),
        pin=pki.PIN,
    )
    assert result.code == 1
    assert "The minutes fail their checks and are not signed" in result.err
    assert "01-laillisuus.pykala" in result.err
    assert minutes_pdf.read_bytes() == before


def test_verify_of_an_unsigned_pdf_fails(cli_run, minutes_pdf, trusting_profile):
    verified = cli_run("verify", minutes_pdf)
    assert verified.code == 1
    assert "The PDF carries no signatures." in verified.out


def test_pyhanko_imports_quietly():
    """The signing module loads pyHanko without the warnings its imports raise."""
    from drafting import signing

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        signing._load_pyhanko()


def test_with_a_timestamp_server_the_time_is_the_servers(
    cli_run, signing_keys, minutes_pdf, trusting_profile
):
    server = pki.TimestampServer(signing_keys.ca)
    try:
        profile = trusting_profile / "helsinki.json"
        data = json.loads(profile.read_text("utf-8"))
        data["signing"]["timestamp_url"] = server.url
        profile.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        result = cli_run(
            "sign", MEETING, minutes_pdf, *token_args(signing_keys, "lehtonen"), pin=pki.PIN
        )
        assert result.code == 0, result.err
        assert server.requests >= 1  # pyHanko asks once more to size the signature
    finally:
        server.stop()
    verified = cli_run("verify", minutes_pdf)
    assert verified.code == 0, verified.out
    assert "1. Aino Lehtonen — valid" in verified.out
    assert "(timestamp)" in verified.out and "(signer's clock)" not in verified.out
    assert pyhanko_says(minutes_pdf.read_bytes(), signing_keys.ca) == [("Pykala-1-checkers", True)]
    text = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", str(minutes_pdf), "-"], capture_output=True, text=True
    ).stdout
    assert "(aikaleima)" in text


def test_a_timestamp_server_that_does_not_answer_signs_nothing(
    cli_run, signing_keys, minutes_pdf, trusting_profile
):
    server = pki.TimestampServer(signing_keys.ca)
    server.stop()  # its port is closed now
    profile = trusting_profile / "helsinki.json"
    data = json.loads(profile.read_text("utf-8"))
    data["signing"]["timestamp_url"] = server.url
    profile.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    refused(
        cli_run,
        minutes_pdf,
        *token_args(signing_keys, "lehtonen"),
        pin=pki.PIN,
        says=f"The timestamp server {server.url} did not answer",
    )
