"""A test PKI for the signing tests: a CA the test makes, certificates it issues, a SoftHSM2
token (a real PKCS#11 token in a temporary folder, SOFTHSM2_CONF) holding some of the keys,
and PKCS#12 files for others."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import warnings
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

MODULE_CANDIDATES = (
    Path("/usr/lib/softhsm/libsofthsm2.so"),
    Path("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
    Path("/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so"),
)
TOKEN = "pykala-test"
PIN, SO_PIN = "1234", "5678"
NOW = dt.datetime.now(dt.UTC)


def module() -> Path:
    found = next((p for p in MODULE_CANDIDATES if p.is_file()), None)
    assert found is not None, "SoftHSM2 is missing: make test installs the Debian package softhsm2"
    return found


@dataclass
class Issued:
    key: rsa.RSAPrivateKey
    cert: x509.Certificate


def _name(common: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "FI"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Pykälä test"),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def authority(common: str = "Pykälä Test CA") -> Issued:
    key = _key()
    name = _name(common)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - dt.timedelta(days=30))
        .not_valid_after(NOW + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .sign(key, hashes.SHA256())
    )
    return Issued(key, cert)


def issue(ca: Issued, common: str, expired: bool = False, timestamps: bool = False) -> Issued:
    key = _key()
    start = NOW - dt.timedelta(days=400 if expired else 1)
    end = NOW - dt.timedelta(days=10) if expired else NOW + dt.timedelta(days=365)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common))
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            # digital signature and non-repudiation (content commitment), as on a card
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), False
        )
    )
    if timestamps:  # a timestamp authority's certificate says so, critically (RFC 3161)
        usage = x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING])
        builder = builder.add_extension(usage, True)
    return Issued(key, builder.sign(ca.key, hashes.SHA256()))


def write_pem(cert: x509.Certificate, path: Path) -> Path:
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


def write_pkcs12(issued: Issued, ca: Issued, path: Path, password: str) -> Path:
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"signer",
            issued.key,
            issued.cert,
            [ca.cert],
            serialization.BestAvailableEncryption(password.encode()),
        )
    )
    return path


def _der_integer(value: int) -> bytes:
    body = value.to_bytes((value.bit_length() + 8) // 8, "big")
    return bytes([0x02, len(body)]) + body


def softhsm(folder: Path) -> Path:
    """A SoftHSM2 configuration with its token folder under `folder`; the caller sets
    SOFTHSM2_CONF to it before the module is first loaded."""
    tokens = folder / "tokens"
    tokens.mkdir(parents=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    return conf


def init_token(conf: Path, keys: dict[str, Issued], folder: Path) -> None:
    """The token TOKEN with each key under its label, and its certificate beside it (same
    label and id), as a card carries them."""
    env = dict(os.environ, SOFTHSM2_CONF=str(conf))

    def run(*args: str) -> None:
        subprocess.run(["softhsm2-util", *args], env=env, check=True, capture_output=True)

    run("--init-token", "--free", "--label", TOKEN, "--pin", PIN, "--so-pin", SO_PIN)
    for number, (label, issued) in enumerate(keys.items(), 1):
        pem = folder / f"{label}.key.pem"
        pem.write_bytes(
            issued.key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        run(
            "--import",
            str(pem),
            "--token",
            TOKEN,
            "--label",
            label,
            "--id",
            f"{number:02x}",
            "--pin",
            PIN,
        )
        pem.unlink()
    # The certificates, through PKCS#11 itself (softhsm2-util imports keys only).
    import pkcs11
    from pkcs11.constants import Attribute, CertificateType, ObjectClass

    lib = pkcs11.lib(str(module()))
    token = lib.get_token(token_label=TOKEN)
    with token.open(rw=True, user_pin=PIN) as session:
        for number, (label, issued) in enumerate(keys.items(), 1):
            session.create_object(
                {
                    Attribute.CLASS: ObjectClass.CERTIFICATE,
                    Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                    Attribute.TOKEN: True,
                    Attribute.LABEL: label,
                    Attribute.ID: bytes([number]),
                    Attribute.VALUE: issued.cert.public_bytes(serialization.Encoding.DER),
                    Attribute.SUBJECT: issued.cert.subject.public_bytes(),
                    Attribute.ISSUER: issued.cert.issuer.public_bytes(),
                    Attribute.SERIAL_NUMBER: _der_integer(issued.cert.serial_number),
                }
            )


class TimestampServer:
    """An RFC 3161 timestamp server on this machine (pyHanko's DummyTimeStamper behind
    http.server, in a thread), its certificate issued by `ca`."""

    def __init__(self, ca: Issued) -> None:
        import http.server
        import threading

        from asn1crypto import keys, tsp
        from asn1crypto import x509 as asn1_x509

        with warnings.catch_warnings():  # pyHanko imports DSA, which cryptography deprecates
            warnings.filterwarnings("ignore", message="DSA is deprecated")
            from pyhanko.sign.timestamps import DummyTimeStamper

        issued = issue(ca, "Pykälä Test TSA", timestamps=True)
        stamper = DummyTimeStamper(
            tsa_cert=asn1_x509.Certificate.load(
                issued.cert.public_bytes(serialization.Encoding.DER)
            ),
            tsa_key=keys.PrivateKeyInfo.load(
                issued.key.private_bytes(
                    serialization.Encoding.DER,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            ),
        )
        self.requests = 0
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                answer = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
                server.requests += 1
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args: object) -> None:
                pass

        self.http = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.http.server_address[1]}/"
        self.thread = threading.Thread(target=self.http.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.http.shutdown()
        self.http.server_close()
        self.thread.join()
