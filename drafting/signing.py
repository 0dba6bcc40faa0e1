"""The minutes signed electronically (issue 29): PAdES signatures with pyHanko, one signer
after another in incremental updates, and their verification.

    plan(meeting, data)            → who signs, in the organisation's order, and who is next
    sign(meeting, path, key)       → the next signer's signature, written over `path` atomically
    verify(data, organization)     → every signature: signer, time, changed after it, trusted
    signed_by(meeting, data)       → who signed the original, for its public copy to say
    signed_original(meeting, path) → the same for the file at `path`, the error naming it

An extract ("pykala extract full") is signed the same way by whom it names as certifying it
(the profile's `signing.extract_order`; render.context.extract_signers), in a field beside
the certification's name and title.

The minutes to sign are the archival PDF (PDF/A) that `build --minutes --pdf --archival`
makes: the document says what it is in its keywords ("pykala minutes full"), and a public
copy or another document is refused, as is a meeting whose minutes fail their checks. The
signature fields go above the signature lines the cover prints (each signer's name with the
role under it, found with pypdf). A signature is PAdES baseline B-B, or B-T when the
organisation's profile names a timestamp server (`signing.timestamp_url`); without one the
visible signature says its time is the signer's clock. Verification trusts the certificates
the profile names (`signing.trust_roots`, files beside the profile).

pyHanko, python-pkcs11 and pypdf are imported where they are used (the program starts
without them, and the bundle builds).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import io
import logging
import re
import warnings
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafting import atomic, dates, i18n, meeting
from drafting.i18n import _, ngettext
from drafting.model import LANGUAGES
from drafting.organization import EXTRACT_SIGNING_ROLES, SIGNING_ROLES, Profile, organization

if TYPE_CHECKING:
    from asn1crypto import x509

ROLES = SIGNING_ROLES  # the minutes' order unless the profile sets its own
FIELD_PREFIX = "Pykala"  # field names: Pykala-1-checkers, Pykala-2-checkers, Pykala-3-chair…
# Where the visible signature goes, from the name's baseline under the signature line (pt).
BOX_RISE, BOX_HEIGHT, BOX_WIDTH = 13.0, 34.0, 240.0
# An extract's, right of its certifier's name and title (from the name's left, pt).
EXTRACT_INDENT, EXTRACT_WIDTH = 150.0, 220.0
# A font embedded in the visible signature (PDF/A); the first one found.
FONTS = (
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/Library/Fonts/Arial.ttf",
    "C:/Windows/Fonts/arial.ttf",
)


class SigningError(Exception):
    """Nothing was signed or verified; the message says why and what to do."""


@dataclass(frozen=True)
class Signer:
    """One person who signs the minutes: where, and what the signature says."""

    role: str  # one of ROLES, or of EXTRACT_SIGNING_ROLES for an extract
    name: str
    title: str  # the role as the document prints it ("pöytäkirjantarkastaja")
    field: str  # the signature field's name


@dataclass(frozen=True)
class Key:
    """Where the signer's key is: a PKCS#12 file, or a PKCS#11 token (its module, token label
    and key label). The PIN is the caller's, for this signature only: never stored."""

    pin: str
    pkcs12: Path | None = None
    module: Path | None = None
    token: str = ""
    key: str = ""


@dataclass(frozen=True)
class Plan:
    """Who signs the minutes, in order, and how many have signed."""

    signers: list[Signer]
    signed: int
    language: str
    document: str = "minutes"  # or "extract"

    @property
    def next(self) -> Signer | None:
        return self.signers[self.signed] if self.signed < len(self.signers) else None


@dataclass(frozen=True)
class Signature:
    """One signature as verification found it."""

    field: str
    name: str  # the person the signature field is for, as signed
    certificate: str  # the certificate's subject
    time: _dt.datetime | None
    timestamped: bool
    intact: bool  # the signed bytes are unchanged and the cryptography holds
    changed_after: bool  # the document was changed after it beyond later signatures
    trusted: bool  # the certificate chains to a trust root the profile names
    problem: str = ""

    @property
    def valid(self) -> bool:
        return self.intact and self.trusted and not self.changed_after


@dataclass(frozen=True)
class Verification:
    signatures: list[Signature]
    problems: list[str] = field(default_factory=list)  # about the whole file

    @property
    def valid(self) -> bool:
        return bool(self.signatures) and not self.problems and all(s.valid for s in self.signatures)


@cache
def _load_pyhanko() -> None:
    """pyHanko imported once, quietly: it imports DSA keys, which cryptography deprecates
    (a warning nobody using Pykälä can act on)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="DSA is deprecated")
        import pyhanko.sign
        import pyhanko.sign.pkcs11
        import pyhanko.sign.validation  # noqa: F401
        import pyhanko_certvalidator  # noqa: F401


# --- what the document is --------------------------------------------------------------


def _reader(data: bytes) -> Any:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        return PdfReader(io.BytesIO(data))
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise SigningError(
            _("The file is not a readable PDF: {reason}").format(reason=exc)
        ) from None


def _keywords(reader: Any) -> list[str]:
    info = reader.metadata or {}
    return [w for w in re.split(r"[,;\s]+", str(info.get("/Keywords", ""))) if w]


def _language(reader: Any, default: str) -> str:
    lang = str(reader.trailer["/Root"].get("/Lang", ""))[:2]
    return lang if lang in LANGUAGES else default


def _ours(reader: Any) -> str:
    """What the PDF is, "minutes" or "extract"; refuse what is not the full minutes or an
    extract Pykälä made."""
    words = _keywords(reader)
    if words[:1] != ["pykala"]:
        raise SigningError(
            _(
                "This PDF was not made by Pykälä; only minutes Pykälä made can be signed. "
                "Make them with Build → minutes as archival PDF."
            )
        )
    if "public" in words:
        raise SigningError(
            _(
                "This PDF is a public copy; a public copy is never signed. Sign the full "
                "minutes, and make the public copy from them."
            )
        )
    if "extract" in words:
        return "extract"
    if "minutes" not in words:
        raise SigningError(_("This PDF is neither minutes nor an extract; only those are signed."))
    return "minutes"


def _profile(loaded: meeting.Meeting) -> Profile:
    return organization(loaded.draft.organization)


def _order(profile: Profile) -> list[str]:
    settings = profile.file.signing
    order = list(settings.order) if settings is not None else list(ROLES)
    unknown = [r for r in order if r not in ROLES]
    if unknown or sorted(order) != sorted(ROLES):
        raise SigningError(
            _(
                "The organisation's profile gives the signing order {order}; give each of "
                "{roles} once."
            ).format(order=", ".join(order), roles=", ".join(ROLES))
        )
    return order


def signers(loaded: meeting.Meeting, language: str, document: str = "minutes") -> list[Signer]:
    """Who signs the minutes, in the organisation's order (by default the checkers, then
    the chair, then the secretary); or an extract (by default whom it names as certifying
    it: the secretary, unless the meeting names another certifier)."""
    profile = _profile(loaded)
    draft = loaded.draft
    if document == "extract":
        from drafting.render.context import Words, extract_signers

        return [
            Signer(role, name, title, f"{FIELD_PREFIX}-{number}-{role}")
            for number, (role, name, title) in enumerate(
                extract_signers(draft, Words(profile, language)), 1
            )
            if role in EXTRACT_SIGNING_ROLES
        ]
    people: dict[str, list[str]] = {
        "checkers": [n for n in draft.checkers if n.strip()],
        "chair": [draft.chair] if draft.chair.strip() else [],
        "secretary": [draft.secretary] if draft.secretary.strip() else [],
    }
    word = {"checkers": "role.checker", "chair": "role.chair", "secretary": "role.secretary"}
    out: list[Signer] = []
    for role in _order(profile):
        for name in people[role]:
            title = profile.word(language, word[role])
            out.append(Signer(role, name.strip(), title, f"{FIELD_PREFIX}-{len(out) + 1}-{role}"))
    return out


def _signed_fields(reader: Any) -> list[str]:
    """The names of the filled signature fields, in the order of the file's fields."""
    found = []
    for name, value in (reader.get_fields() or {}).items():
        if value.get("/FT") == "/Sig" and value.get("/V") is not None:
            found.append(str(name))
    return found


def plan(loaded: meeting.Meeting, data: bytes, document: str | None = None) -> Plan:
    """Who signs `data` (the minutes of `loaded`, or an extract of them), and how many have
    signed. Raises SigningError for what is not these minutes or an extract, is not the
    `document` ("minutes" | "extract") the caller expects, or was signed out of order."""
    reader = _reader(data)
    found = _ours(reader)
    if document == "minutes" and found == "extract":
        raise SigningError(
            _("This PDF is an extract, not the minutes; choose to sign an extract, or the minutes.")
        )
    if document == "extract" and found == "minutes":
        raise SigningError(
            _("This PDF is the minutes, not an extract; choose to sign the minutes, or an extract.")
        )
    document = found
    language = _language(reader, loaded.draft.language)
    people = signers(loaded, language, document)
    if not people:
        raise SigningError(_("The meeting names nobody who signs: give the chair and secretary."))
    done = _signed_fields(reader)
    expected = [s.field for s in people[: len(done)]]
    if done != expected:
        raise SigningError(
            _("The PDF carries signatures Pykälä did not place in order: {fields}").format(
                fields=", ".join(done)
            )
        )
    return Plan(people, len(done), language, document)


def signed_by(loaded: meeting.Meeting, data: bytes) -> list[tuple[str, str, _dt.datetime]]:
    """Who signed `data`, the signed original of `loaded`'s minutes, in order: (name, role,
    when), for the public copy made from it to say (produce.build's `signed`; the public
    copy itself carries no signature). Only when these are the full minutes of this meeting,
    everyone has signed and every signature verifies; else SigningError says why."""
    steps = plan(loaded, data)
    if steps.document != "minutes":
        raise SigningError(_("This PDF is an extract; give the signed minutes."))
    if steps.next is not None:
        raise SigningError(
            _(
                "{name} ({title}) has not signed the minutes yet; the public copy is made once "
                "everyone has signed."
            ).format(name=steps.next.name, title=steps.next.title)
        )
    result = verify(data, _profile(loaded))
    by_field = {s.field: s for s in result.signatures}
    if not result.valid or any(by_field.get(p.field) is None for p in steps.signers):
        raise SigningError(
            _(
                "The signatures of the minutes do not all verify; the public copy cannot say "
                "they were signed:"
            )
            + "\n"
            + "\n".join(f"  {line}" for line in report(result))
        )
    out = []
    for person in steps.signers:
        when = by_field[person.field].time or _dt.datetime.now(_dt.UTC)  # pyHanko's always has
        out.append((person.name, person.title, when.astimezone()))
    return out


def signed_original(loaded: meeting.Meeting, path: Path) -> list[tuple[str, str, _dt.datetime]]:
    """`signed_by` for the signed original at `path` (the command line's `build --signed`,
    the build dialog's "Signed original"); SigningError names the file and says why not."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningError(
            _("{path} cannot be read: {reason}").format(path=path, reason=exc.strerror)
        ) from exc
    try:
        return signed_by(loaded, data)
    except SigningError as exc:
        raise SigningError(f"{path}: {exc}") from exc


# --- signing --------------------------------------------------------------------------


def _rows(page: Any) -> list[tuple[float, float, str]]:
    """The page's lines of text, top down: (baseline y, left x, text)."""
    chunks: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list, tm: list, _font: Any, _size: Any) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            chunks.append((text, x, y))

    page.extract_text(visitor_text=visit)
    lines: dict[int, list[tuple[float, str]]] = {}
    for text, x, y in chunks:
        lines.setdefault(round(y), []).append((x, text))
    return sorted(
        (
            (float(y), min(x for x, _t in parts), "".join(t for _x, t in sorted(parts)).strip())
            for y, parts in lines.items()
        ),
        reverse=True,
    )


def _place(
    reader: Any, signer: Signer, document: str = "minutes"
) -> tuple[int, tuple[int, int, int, int]]:
    """The page (0-based) and box of the signer's signature: in the minutes, above the line
    over the signer's name, which has the role under it (the first such name: the cover);
    in an extract, beside the certification's name and title (the last such name: the
    certification ends the extract, which prints no signature line)."""
    pages = list(enumerate(reader.pages))
    for index, page in reversed(pages) if document == "extract" else pages:
        rows = _rows(page)
        pairs = list(zip(rows, rows[1:], strict=False))
        for (y, x, text), (below_y, _x, below) in (
            reversed(pairs) if document == "extract" else pairs
        ):
            if text != signer.name or below != signer.title:
                continue
            if document == "extract":
                left, bottom = x + EXTRACT_INDENT, below_y - 3
                return index, (
                    round(left),
                    round(bottom),
                    round(left + EXTRACT_WIDTH),
                    round(bottom + BOX_HEIGHT),
                )
            bottom = y + BOX_RISE
            return index, (
                round(x),
                round(bottom),
                round(x + BOX_WIDTH),
                round(bottom + BOX_HEIGHT),
            )
    raise SigningError(
        _(
            "The signature line of {name} ({title}) was not found in the PDF: are these the "
            "minutes of this meeting, made after the last change of its signers?"
        ).format(name=signer.name, title=signer.title)
    )


def _check_minutes(loaded: meeting.Meeting, language: str) -> None:
    found = meeting.problems(loaded, "minutes", language)
    if found:
        raise SigningError(
            _("The minutes fail their checks and are not signed; fix these first:")
            + "\n"
            + "\n".join(f"  {p}" for p in found)
        )


def _check_dates(cert: x509.Certificate, now: _dt.datetime) -> None:
    after, before = cert.not_valid_after, cert.not_valid_before
    subject = cert.subject.human_friendly
    if now > after:
        raise SigningError(
            _("The certificate of {subject} expired on {date}; sign with a valid one.").format(
                subject=subject, date=after.date().isoformat()
            )
        )
    if now < before:
        raise SigningError(
            _("The certificate of {subject} is valid only from {date}.").format(
                subject=subject, date=before.date().isoformat()
            )
        )


def _pkcs12_signer(key: Key) -> Any:
    from pyhanko.sign import signers as pyhanko_signers

    assert key.pkcs12 is not None
    try:
        data = key.pkcs12.read_bytes()
    except OSError as exc:
        raise SigningError(
            _("The certificate file {path} cannot be read: {reason}").format(
                path=key.pkcs12, reason=exc.strerror or exc
            )
        ) from None
    try:
        return pyhanko_signers.SimpleSigner.load_pkcs12_data(
            data, other_certs=[], passphrase=key.pin.encode() or None
        )
    except ValueError:
        raise SigningError(
            _(
                "The certificate file {path} did not open: the PIN or password is wrong, or "
                "it is not a PKCS#12 file (.p12, .pfx)."
            ).format(path=key.pkcs12)
        ) from None


def _token_session(key: Key) -> Any:
    import pkcs11  # python-pkcs11
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.pkcs11 import find_token, open_pkcs11_session

    assert key.module is not None
    if not key.module.is_file():
        raise SigningError(
            _(
                "The card reader's module {path} was not found; install the card's "
                "software (e.g. opensc) or give the right module."
            ).format(path=key.module)
        )
    criteria = TokenCriteria(label=key.token)
    try:
        slots = pkcs11.lib(str(key.module)).get_slots(token_present=True)
        if find_token(slots, token_criteria=criteria) is None:
            raise pkcs11.NoSuchToken()
        return open_pkcs11_session(str(key.module), token_criteria=criteria, user_pin=key.pin)
    except (pkcs11.PinIncorrect, pkcs11.PinLenRange, pkcs11.PinInvalid):
        raise SigningError(_("The PIN is wrong; nothing was signed.")) from None
    except pkcs11.PinLocked:
        raise SigningError(_("The card is locked after wrong PINs; unlock it first.")) from None
    except (pkcs11.NoSuchToken, pkcs11.TokenNotPresent, pkcs11.TokenNotRecognised):
        raise SigningError(
            _("No card or token named “{token}” is in the reader; insert it and try again.").format(
                token=key.token
            )
        ) from None
    except (OSError, RuntimeError, pkcs11.PKCS11Error) as exc:
        raise SigningError(
            _("The card could not be opened: {reason}").format(
                reason=str(exc) or type(exc).__name__
            )
        ) from None


def _token_certificate(pyhanko_signer: Any, key: Key) -> None:
    """Refuse a key label the card does not carry (with its certificate)."""
    import pkcs11

    try:
        cert = pyhanko_signer.signing_cert
    except (pkcs11.PKCS11Error, KeyError, ValueError):
        cert = None
    if cert is None:
        raise SigningError(
            _("No certificate and key named “{key}” were found on the card.").format(key=key.key)
        )


def _font() -> str | None:
    return next((f for f in FONTS if Path(f).is_file()), None)


@cache
def _font_data(path: str) -> bytes:
    """The font scaled to 1000 units per em: pyHanko writes a font's glyph widths in its
    own units where PDF wants thousandths of an em, so a 2048-unit TrueType font (Liberation
    Sans) would print with its letters twice as far apart."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # "FFTM NOT subset" and the like
    font = TTFont(path)
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _stamp(text: str) -> Any:
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory
    from pyhanko.pdf_utils.layout import (
        AxisAlignment,
        InnerScaling,
        Margins,
        SimpleBoxLayoutRule,
    )
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    class Embedded(GlyphAccumulatorFactory):  # the font embedded (PDF/A), from memory
        def create_font_engine(self, writer: Any, obj_stream: Any = None) -> Any:
            return GlyphAccumulator(
                writer=writer,
                font_handle=io.BytesIO(_font_data(self.font_file)),
                font_size=self.font_size,
                obj_stream=obj_stream,
            )

    font = _font()
    size = 8
    tight = SimpleBoxLayoutRule(
        x_align=AxisAlignment.ALIGN_MIN, y_align=AxisAlignment.ALIGN_MIN, margins=Margins()
    )
    box = TextBoxStyle(font_size=size, leading=size + 1, box_layout_rule=tight)
    if font is not None:  # else one every reader has (pyHanko's default; not embedded)
        box = dataclasses.replace(box, font=Embedded(font, font_size=size))
    return TextStampStyle(
        stamp_text=text,
        text_box_style=box,
        border_width=0,
        inner_content_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MIN,
            y_align=AxisAlignment.ALIGN_MIN,
            margins=Margins(left=0, right=0, top=2, bottom=3),
            inner_content_scaling=InnerScaling.NO_SCALING,
        ),
    )


def _visible_text(
    profile: Profile, language: str, signer: Signer, when: _dt.datetime, stamped: bool
) -> str:
    day = dates.for_document(when.date(), profile.word(language, "locale"), True)
    at = profile.word(language, "signing.signed").format(
        date=day, time=f"{when.hour}.{when.minute:02d}"
    )
    clock = profile.word(language, "signing.timestamp" if stamped else "signing.signer_clock")
    return f"{signer.name}, {signer.title}\n{at}\n{clock}"


def sign(loaded: meeting.Meeting, path: Path, key: Key, now: _dt.datetime | None = None) -> Signer:
    """The next signer's signature on the minutes at `path`, written over it atomically
    (the file is untouched when anything fails). Returns who signed."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningError(
            _("{path} cannot be read: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None
    steps = plan(loaded, data)
    _load_pyhanko()
    signer = steps.next
    if signer is None:
        raise SigningError(_("Everyone has signed these minutes already."))
    _check_minutes(loaded, steps.language)
    page, box = _place(_reader(data), signer, steps.document)
    profile = _profile(loaded)
    session = None
    if key.pkcs12 is not None:
        pyhanko_signer = _pkcs12_signer(key)
    else:
        session = _token_session(key)
    try:
        if session is not None:
            from pyhanko.sign.pkcs11 import PKCS11Signer

            pyhanko_signer = PKCS11Signer(session, key_label=key.key, cert_label=key.key)
            _token_certificate(pyhanko_signer, key)
        signed = _signed(pyhanko_signer, data, signer, page, box, profile, steps.language, now)
    finally:
        if session is not None:
            session.close()
    atomic.write_bytes(path, signed)
    return signer


def _signed(
    pyhanko_signer: Any,
    data: bytes,
    signer: Signer,
    page: int,
    box: tuple[int, int, int, int],
    profile: Profile,
    language: str,
    now: _dt.datetime | None,
) -> bytes:
    import pkcs11
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers, timestamps

    when = (now or _dt.datetime.now(_dt.UTC)).astimezone()
    _check_dates(pyhanko_signer.signing_cert, when)
    settings = profile.file.signing
    url = settings.timestamp_url if settings is not None else None
    stamper = timestamps.HTTPTimeStamper(url) if url else None
    meta = signers.PdfSignatureMetadata(
        field_name=signer.field,
        name=signer.name,
        reason=signer.title,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        use_pades_lta=False,
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer=pyhanko_signer,
        timestamper=stamper,
        stamp_style=_stamp(_visible_text(profile, language, signer, when, stamper is not None)),
        new_field_spec=fields.SigFieldSpec(
            sig_field_name=signer.field,
            on_page=page,
            box=box,
            empty_field_appearance=False,
        ),
    )
    out = io.BytesIO()
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        pdf_signer.sign_pdf(writer, output=out)
    except pkcs11.PKCS11Error as exc:
        raise SigningError(
            _("The card refused to sign: {reason}").format(reason=str(exc) or type(exc).__name__)
        ) from None
    except timestamps.TimestampRequestError as exc:
        raise SigningError(
            _("The timestamp server {url} did not answer: {reason}").format(url=url, reason=exc)
        ) from None
    return out.getvalue()


# --- verifying ------------------------------------------------------------------------


def trust_roots(profile: Profile | None) -> list[x509.Certificate]:
    """The certificates the organisation trusts (`signing.trust_roots`: PEM or DER files,
    relative to the profile's folder)."""
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    settings = profile.file.signing if profile is not None else None
    if profile is None or settings is None:
        return []
    roots = []
    for name in settings.trust_roots:
        where = profile.path.parent / name
        try:
            data = where.read_bytes()
        except OSError as exc:
            raise SigningError(
                _(
                    "The trust root {path} the organisation's profile names cannot be "
                    "read: {reason}"
                ).format(path=where, reason=exc.strerror or exc)
            ) from None
        blobs = (
            [der for _t, _h, der in pem.unarmor(data, multiple=True)]
            if pem.detect(data)
            else [data]
        )
        roots += [asn1_x509.Certificate.load(b) for b in blobs]
    return roots


def verify(data: bytes, profile: Profile | None) -> Verification:
    """Every signature of `data`, in the order they were made, checked against the trust
    roots of `profile` (None: none trusted)."""
    _load_pyhanko()
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    roots = trust_roots(profile)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_regular_signatures)
    except (PdfReadError, ValueError, KeyError) as exc:
        return Verification([], [_("The file is not a readable PDF: {reason}").format(reason=exc)])
    if not embedded:
        return Verification([], [_("The PDF carries no signatures.")])
    found = []
    for sig in embedded:
        context = ValidationContext(
            trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail"
        )
        problem = ""
        try:
            status = validate_pdf_signature(sig, context)
        except Exception as exc:  # a broken signature is reported, never a crash
            found.append(
                Signature(sig.field_name, "", "", None, False, False, True, False, str(exc))
            )
            continue
        covered = status.coverage == SignatureCoverageLevel.ENTIRE_FILE or (
            status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
            and status.modification_level is not None
            and status.modification_level <= ModificationLevel.FORM_FILLING
            and status.docmdp_ok is not False
        )
        if not status.trusted and status.intact and status.valid:
            problem = _("the certificate does not chain to a trust root the organisation names")
        stamp = status.timestamp_validity
        when = stamp.timestamp if stamp is not None else status.signer_reported_dt
        name = str(sig.sig_object.get("/Name", "")) if sig.sig_object else ""
        found.append(
            Signature(
                field=sig.field_name,
                name=name,
                certificate=_common_name(status.signing_cert),
                time=when,
                timestamped=stamp is not None,
                intact=bool(status.intact and status.valid),
                changed_after=not covered,
                trusted=bool(status.trusted),
                problem=problem,
            )
        )
    if _trailing(data):  # pyHanko reads past bytes after the last %%EOF; they are a change
        found = [dataclasses.replace(s, changed_after=True) for s in found]
        return Verification(found, [_("Bytes were added to the file after its last revision.")])
    return Verification(found)


def _common_name(cert: x509.Certificate) -> str:
    """The certificate's holder as a person reads it: its common name, else the subject."""
    name = cert.subject.native.get("common_name")
    return str(name) if name else str(cert.subject.human_friendly)


def _trailing(data: bytes) -> bytes:
    """What follows the file's last end-of-file marker, but for the line end after it."""
    end = data.rfind(b"%%EOF")
    return data[end + 5 :].strip(b"\r\n") if end >= 0 else b""


def status(signature: Signature) -> str:
    """A signature's verdict in a few words."""
    if not signature.intact:
        return _("INVALID: the signed content was altered or the signature is broken")
    if signature.changed_after:
        return _("CHANGED: the document was changed after this signature")
    if not signature.trusted:
        return _("NOT TRUSTED: the certificate does not chain to a trust root the profile names")
    return _("valid")


def when(signature: Signature) -> str:
    if signature.time is None:
        return _("no time")
    # In the interface language's own way, on this computer's clock (7.12.2026 23.57.01).
    said = dates.for_interface(signature.time.astimezone(), i18n.language(), seconds=True)
    return said + " " + (_("(timestamp)") if signature.timestamped else _("(signer's clock)"))


def report(result: Verification) -> list[str]:
    """What verification found, a line or two per signature, for the command line."""
    lines = list(result.problems)
    for number, sig in enumerate(result.signatures, 1):
        lines.append(
            f"{number}. {sig.name or sig.field} — {status(sig)}\n"
            + _("   certificate: {subject}; signed {time}").format(
                subject=sig.certificate, time=when(sig)
            )
        )
    lines.append(verdict(result))
    return lines


def verdict(result: Verification) -> str:
    """The whole file's verdict in a sentence."""
    count = len(result.signatures)
    if not result.valid:
        return _("The signatures are NOT all valid.")
    return ngettext(
        "{count} signature is valid.", "All {count} signatures are valid.", count
    ).format(count=count)


def profile_for(data: bytes) -> Profile | None:
    """The organisation whose minutes `data` are: the profile whose name (in any language)
    is the PDF's author."""
    from drafting.organization import catalogue

    try:
        author = str((_reader(data).metadata or {}).get("/Author", ""))
    except SigningError:
        return None
    for profile in catalogue().profiles.values():
        if author and author in profile.file.name.values():
            return profile
    return None
