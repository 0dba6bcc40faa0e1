"""The command line: everything the GUI does, on a machine without a screen.

    python main.py render DRAFT.pykala -o OUT.docx [--pdf OUT.pdf] [--document agenda|minutes]
                                                  [--language fi|sv] [--archival] [--public]
    python main.py render DRAFT.pykala --html OUT.html [--internal] [-o OUT.docx] […]
    python main.py check DRAFT.pykala|MEETING.pykala [--document agenda|minutes]
    python main.py build MEETING.pykala --agenda|--minutes|--items|--extracts -o DIR [--pdf]
                                                  [--language fi|sv] [--public] [--changes]
                                                  [--signed SIGNED.pdf]  # with --public
    python main.py build MEETING.pykala --html --agenda|--minutes -o DIR [--internal]
                                                  [--signed SIGNED.pdf]  # with --minutes
    python main.py number MEETING.pykala    # write Asia/N and § into the item files
    python main.py sign MEETING.pykala MINUTES.pdf|EXTRACT.pdf --pkcs12 FILE.p12
    python main.py sign MEETING.pykala MINUTES.pdf --module LIB.so --token LABEL --key LABEL
                                                  # the next signer; PIN from the terminal
                                                  # (or the first line of standard input)
    python main.py verify FILE.pdf [--organization ID]   # exit 0 only if all are valid

Exit codes: 0 done; 1 problems that block the document (listed), an output that could not
be written or is refused (the draft itself, the same file twice, a folder or a device);
2 an unreadable draft or a wrong command line; 3 an internal error (a bug to report).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path

from drafting import (
    atomic,
    checks,
    copies,
    draftfile,
    handling,
    i18n,
    meeting,
    organization,
    produce,
    scratch,
    signing,
)
from drafting.i18n import _, ngettext
from drafting.model import LANGUAGES, MeetingDraft
from drafting.render import context, docx, embed, pdf, warm

OK, PROBLEMS, UNREADABLE = 0, 1, 2
COMMANDS = ("render", "check", "build", "number", "handling", "sign", "verify")


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _messages_language() -> str:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value[:2] in i18n.UI_LANGUAGES:
            return value[:2]
    return "en"


def _load(
    path: Path, opened: draftfile.Opened | None = None
) -> draftfile.DraftError | draftfile.Draft:
    """The item draft at `path` (`opened`: the file as draftfile.read_any read it, if it
    was asked: it is not read again)."""
    opened = opened or draftfile.read_any(path)
    try:
        if opened.kind == draftfile.WORD:
            return _load_word(path)
        return opened.draft()
    except draftfile.DraftError as exc:
        _say(_("{path} cannot be read:").format(path=path))
        for problem in exc.problems:
            _say(f"  {problem}")
        return exc


def _load_word(path: Path) -> draftfile.Draft:
    """The draft a Word document Pykälä wrote carries, said so (and whether its text was
    changed since, which is not read back); DraftError if it carries none."""
    reopened = embed.open_word(path)
    _say(
        _("{path} is a Word document; using the draft it was made from.").format(path=path)
        if not reopened.public
        else _(
            "{path} is a public copy; using its draft, in which marked names are masked."
        ).format(path=path)
    )
    if reopened.text_changed:
        _say(
            _(
                "{path} was changed after Pykälä wrote it; its changes cannot be read back "
                "and are not in the draft."
            ).format(path=path)
        )
    return reopened.draft


def _report(problems: list[checks.Problem]) -> None:
    for problem in problems:
        _say(f"  {problem}")


def cmd_check(args: argparse.Namespace) -> int:
    opened = draftfile.read_any(args.draft)
    if opened.kind == draftfile.MEETING:
        return _check_meeting(args, opened)
    draft = _load(args.draft, opened)
    if isinstance(draft, draftfile.DraftError):
        return UNREADABLE
    problems = checks.check(draft, args.document, args.draft.parent)
    _report(problems)
    if checks.errors(problems):
        return PROBLEMS
    print(
        _("{path}: no problems").format(path=args.draft)
        if not problems
        else _("{path}: warnings only").format(path=args.draft)
    )
    return OK


def cmd_handling(args: argparse.Namespace) -> int:
    """An item's handling text as the minutes print it (Markdown), for scripts and for
    comparing with published minutes."""
    opened = draftfile.read_any(args.draft)
    if opened.kind == draftfile.MEETING:
        _say(f"{args.draft}: " + _("give an item draft: a meeting has no handling of its own"))
        return UNREADABLE
    draft = _load(args.draft, opened)
    if isinstance(draft, draftfile.DraftError):
        return UNREADABLE
    text = handling.text(draft, context.words_for(draft))
    if text:
        print(text)
    return OK


def _check_meeting(args: argparse.Namespace, opened: draftfile.Opened) -> int:
    """A meeting: every item it lists, checked as the meeting prints it, item by item."""
    try:
        draft = opened.meeting()
    except draftfile.DraftError as exc:
        _say(_("{path} cannot be read:").format(path=args.draft))
        for problem in exc.problems:
            _say(f"  {problem}")
        return UNREADABLE
    if not draft.items:
        _say(f"{args.draft}: " + _("items: the meeting lists no items"))
        return PROBLEMS
    document, found = meeting.check_items(args.draft, draft, args.document)
    print(
        (
            _("{path}: every item checked as the agenda prints it")
            if document == "agenda"
            else _("{path}: every item checked as the minutes print it")
        ).format(path=args.draft)
    )
    own = checks.check_meeting(draft, document)  # the meeting file's own fields first
    for own_problem in own:
        print(f"  {own_problem}")
    for item in found:  # one report on stdout, in order: each item, then its problems
        print(_item_heading(draft, item))
        if item.unreadable:
            print("  " + _("{path} cannot be read:").format(path=item.path))
            for problem in item.unreadable:
                print(f"    {problem}")
        for found_problem in item.problems:
            print(f"  {found_problem}")
        if not item.unreadable and not item.problems:
            print("  " + _("no problems"))
    failing = sum(1 for item in found if item.errors)
    if failing:
        _say(
            ngettext(
                "{path}: {count} of {total} items has errors",
                "{path}: {count} of {total} items have errors",
                failing,
            ).format(path=args.draft, count=failing, total=len(found))
        )
        return UNREADABLE if any(item.unreadable for item in found) else PROBLEMS
    if checks.errors(own):
        return PROBLEMS
    print(
        _("{path}: no problems").format(path=args.draft)
        if not own and not any(item.problems for item in found)
        else _("{path}: warnings only").format(path=args.draft)
    )
    return OK


def _item_heading(draft: MeetingDraft, item: meeting.ItemCheck) -> str:
    """ "Asia 2, § 333: Valtuutettu Eva Biaudetin … (../kh-2021-05-03-s333.pykala)" """
    section = item.draft.item.section if item.draft is not None else None
    numbers = (
        _("Asia {agenda_item}, § {section}").format(agenda_item=item.index + 1, section=section)
        if section is not None
        else _("Asia {agenda_item}").format(agenda_item=item.index + 1)
    )
    title = item.draft.item.title if item.draft is not None else ""
    listed = draft.items[item.index]
    return f"{numbers}: {title} ({listed})" if title else f"{numbers}: {listed}"


def _write(path: Path, data: bytes) -> bool:
    try:
        atomic.write_bytes(path, data)
    except OSError as exc:
        _say(_("cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc))
        return False
    return True


def _same(a: Path, b: Path) -> bool:
    """The same file, by resolved path (links followed), or by identity if both exist."""
    try:
        return a.resolve() == b.resolve() or os.path.samefile(a, b)
    except (OSError, ValueError, RuntimeError):
        return False


def _refused_outputs(args: argparse.Namespace) -> bool:
    """An output that is the draft itself, or two outputs written over each other."""
    refusals = []
    outputs = [
        (option, output, suffix)
        for option, output, suffix in (
            ("-o", args.output, ".docx"),
            ("--pdf", args.pdf, ".pdf"),
            ("--html", args.html, ".html"),
        )
        if output is not None
    ]
    for option, output, suffix in outputs:
        if _same(output, args.draft):
            refusals.append(
                _(
                    "{option} {path} is the draft itself; writing there would destroy it. "
                    "Give another file name, e.g. {example}"
                ).format(option=option, path=output, example=args.draft.with_suffix(suffix).name)
            )
    if args.pdf is not None and _same(args.pdf, args.output):
        refusals.append(
            _(
                "-o and --pdf both name {path}; the PDF would replace the Word document. "
                "Give two different file names"
            ).format(path=args.output)
        )
    for option, output, _suffix in outputs[:-1]:
        if args.html is not None and _same(args.html, output):
            refusals.append(
                _(
                    "{option} and --html both name {path}; one would replace the other. "
                    "Give two different file names"
                ).format(option=option, path=output)
            )
    for output in (args.output, args.pdf, args.html):
        try:
            if output is not None:
                atomic.target(output)
        except atomic.Refused as exc:
            refusals.append(
                _("cannot write {path}: {reason}").format(path=output, reason=exc.strerror)
            )
    for refusal in refusals:
        _say(refusal)
    if refusals:
        _say(_("Nothing was written."))
    return bool(refusals)


def cmd_render(args: argparse.Namespace) -> int:
    if _refused_outputs(args):
        return PROBLEMS
    draft = _load(args.draft)
    if isinstance(draft, draftfile.DraftError):
        return UNREADABLE
    document = args.document or draft.meeting.document
    problems = checks.check(draft, document, args.draft.parent)
    _report(problems)
    if checks.errors(problems):
        _say(_("No document was written: fix the errors above first."))
        return PROBLEMS
    copy = copies.PUBLIC if args.public else copies.FULL
    asked = {"document": args.document, "language": args.language}
    if args.output is not None:
        (word,) = produce.produce(draft, ["docx"], copy, **asked)
        if not _write(args.output, word.data):
            return PROBLEMS
        print(_("wrote {path}").format(path=args.output))
    if args.html is not None:
        web = copies.FULL if args.internal else copies.WEB
        (page,) = produce.produce(draft, ["html"], web, **asked)
        if not _write(args.html, page.data):
            return PROBLEMS
        print(_("wrote {path}").format(path=args.html))
    if args.pdf is not None:
        return _render_pdf(args, draft, copy)
    return OK


def _render_pdf(args: argparse.Namespace, draft: draftfile.Draft, copy: copies.Copy) -> int:
    """The PDF, after the Word document is written: without LibreOffice that one stays."""
    converter = warm.Converter(warm=False)  # one run: LibreOffice started for it alone
    try:
        (pages,) = produce.produce(
            draft,
            ["pdf"],
            copy,
            document=args.document,
            language=args.language,
            converter=converter,
            archival=args.archival,
        )
    except pdf.ConversionError as exc:
        _say(str(exc))
        _say(_("The Word document was written; the PDF was not."))
        return PROBLEMS
    finally:
        converter.stop()
    if not _write(args.pdf, pages.data):
        return PROBLEMS
    print(_("wrote {path}").format(path=args.pdf))
    if said := produce.notice(converter):  # e.g. no hyphenation for the language, once
        _say(said)
    return OK


def _load_meeting(path: Path) -> meeting.Meeting | None:
    try:
        return meeting.load(path)
    except meeting.BuildError as exc:
        _say(_("The meeting cannot be built:"))
        for problem in exc.problems:
            _say(f"  {problem}")
        return None


def cmd_build(args: argparse.Namespace) -> int:
    loaded = _load_meeting(args.meeting)
    if loaded is None:
        return UNREADABLE
    if args.html:
        return _build_html(args, loaded)
    kinds = [kind for kind in meeting.KINDS if getattr(args, kind)]
    signed = _signed_by(args, loaded)
    if signed is None:
        return PROBLEMS
    converter = warm.Converter() if args.pdf else None
    try:
        written = produce.build(
            loaded,
            kinds,
            args.output,
            ("docx", "pdf") if args.pdf else ("docx",),
            copies.PUBLIC if args.public else copies.FULL,
            language=args.language,
            changes=args.changes,
            converter=converter,
            archival=args.archival,
            signed=signed,
        )
    except meeting.BuildError as exc:
        return _build_failed(exc)
    except pdf.ConversionError as exc:
        _say(str(exc))
        _say(_("Nothing was written."))
        return PROBLEMS
    finally:
        if converter is not None:
            converter.stop()
    for path in written:
        print(_("wrote {path}").format(path=path))
    if converter is not None and (said := produce.notice(converter)):
        _say(said)
    return OK


def _signed_by(args: argparse.Namespace, loaded: meeting.Meeting) -> list | None:
    """Who signed the original minutes `--signed` names, for the public copy to say ([] when
    none is named); None when it cannot say it (the reason said)."""
    if args.signed is None:
        return []
    try:
        return signing.signed_original(loaded, args.signed)
    except signing.SigningError as exc:
        _say(str(exc))
    _say(_("Nothing was written."))
    return None


def _build_failed(exc: meeting.BuildError) -> int:
    """What a refused or half-done build says (meeting.PartlyWritten is a BuildError)."""
    for problem in exc.problems:
        _say(f"  {problem}")
    if isinstance(exc, meeting.PartlyWritten):
        _say(_("The build stopped half-way. These files are new:"))
        for path in exc.new:
            _say(f"  {path}")
        _say(_("These were not written (an older file there is unchanged):"))
        for path in exc.old:
            _say(f"  {path}")
    else:
        _say(_("Nothing was written: fix the problems above first."))
    return PROBLEMS


def _build_html(args: argparse.Namespace, loaded: meeting.Meeting) -> int:
    document = "agenda" if args.agenda else "minutes"
    signed = _signed_by(args, loaded)
    if signed is None:
        return PROBLEMS
    try:
        written = produce.build(
            loaded,
            [document],
            args.output,
            ("html",),
            copies.FULL if args.internal else copies.WEB,
            language=args.language,
            signed=signed,
        )
    except meeting.BuildError as exc:
        return _build_failed(exc)
    for path in written:
        print(_("wrote {path}").format(path=path))
    return OK


def cmd_number(args: argparse.Namespace) -> int:
    loaded = _load_meeting(args.meeting)
    if loaded is None:
        return UNREADABLE
    try:
        written = meeting.write_numbers(loaded)
    except OSError as exc:
        _say(_("cannot write {path}: {reason}").format(path=exc.filename, reason=exc.strerror))
        return PROBLEMS
    for path in written:
        print(_("numbered {path}").format(path=path))
    if not written:
        print(_("the item files already carry these numbers"))
    return OK


def _pin() -> str:
    """The PIN, asked now and never stored: from the terminal without echo, else the first
    line of standard input (scripts)."""
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        return getpass.getpass(_("PIN: "))
    return (sys.stdin.readline() if sys.stdin is not None else "").rstrip("\r\n")


def cmd_sign(args: argparse.Namespace) -> int:
    loaded = _load_meeting(args.meeting)
    if loaded is None:
        return UNREADABLE
    key = signing.Key(
        pin="",
        pkcs12=args.pkcs12,
        module=args.module,
        token=args.token or "",
        key=args.key or "",
    )
    try:
        steps = signing.plan(loaded, args.pdf.read_bytes())
        if steps.next is None:
            print(_("{path}: everyone has signed").format(path=args.pdf))
            return OK
        print(
            _("Signing now: {name}, {title}").format(name=steps.next.name, title=steps.next.title)
        )
        signer = signing.sign(loaded, args.pdf, dataclasses.replace(key, pin=_pin()))
    except OSError as exc:
        _say(_("{path} cannot be read: {reason}").format(path=args.pdf, reason=exc.strerror))
        return PROBLEMS
    except signing.SigningError as exc:
        _say(str(exc))
        _say(_("Nothing was signed; {path} is unchanged.").format(path=args.pdf))
        return PROBLEMS
    print(_("{name} signed {path}").format(name=signer.name, path=args.pdf))
    return OK


def cmd_verify(args: argparse.Namespace) -> int:
    try:
        data = args.pdf.read_bytes()
    except OSError as exc:
        _say(_("{path} cannot be read: {reason}").format(path=args.pdf, reason=exc.strerror))
        return UNREADABLE
    try:
        profile = (
            organization.organization(args.organization)
            if args.organization
            else signing.profile_for(data)
        )
        result = signing.verify(data, profile)
    except (signing.SigningError, organization.UnknownOrganization) as exc:
        _say(str(exc))
        return PROBLEMS
    for line in signing.report(result):
        print(line)
    return OK if result.valid else PROBLEMS


def _output_path(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError(_("no output file given"))
    return Path(text)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="pykala",
        description=_("Pykälä: municipal decision documents from drafts."),
    )
    commands = top.add_subparsers(dest="command", required=True)
    render = commands.add_parser("render", help=_("render a draft to Word (and PDF)"))
    render.add_argument("draft", type=Path)
    render.add_argument("-o", "--output", type=_output_path, help=_("the .docx to write"))
    render.add_argument(
        "--pdf", type=_output_path, help=_("also write this PDF (needs LibreOffice)")
    )
    render.add_argument("--document", choices=("minutes", "agenda"))
    render.add_argument("--language", choices=LANGUAGES)
    render.add_argument(
        "--archival",
        action="store_true",
        help=_("PDF/A-2 with tags, for archiving and screen readers"),
    )
    render.add_argument(
        "--public",
        action="store_true",
        help=_(
            "the public copy: personal data masked, non-public attachments replaced by their "
            "grounds of secrecy"
        ),
    )
    render.add_argument(
        "--html",
        type=_output_path,
        help=_("also write this web page (public: personal data masked, unless --internal)"),
    )
    render.add_argument(
        "--internal",
        action="store_true",
        help=_("the web page with the personal data shown, for internal use"),
    )
    render.set_defaults(run=cmd_render)
    check = commands.add_parser(
        "check", help=_("list the problems of a draft, or of every item of a meeting")
    )
    check.add_argument("draft", type=Path)
    check.add_argument("--document", choices=("minutes", "agenda"))
    check.set_defaults(run=cmd_check)
    handled = commands.add_parser(
        "handling", help=_("print an item's handling text, written from its record")
    )
    handled.add_argument("draft", type=Path)
    handled.set_defaults(run=cmd_handling)
    build = commands.add_parser("build", help=_("build a meeting's documents"))
    build.add_argument("meeting", type=Path)
    for kind, text in (
        ("agenda", _("the agenda: first page and every item's motion part")),
        ("minutes", _("the minutes: first page, items, appeal instructions")),
        ("items", _("one file per item, as in the minutes")),
        ("extracts", _("an extract per item and recipient")),
    ):
        build.add_argument(f"--{kind}", action="store_true", help=text)
    build.add_argument("-o", "--output", type=_output_path, required=True, help=_("the folder"))
    build.add_argument("--pdf", action="store_true", help=_("also PDF (needs LibreOffice)"))
    build.add_argument("--language", choices=LANGUAGES)
    build.add_argument(
        "--archival",
        action="store_true",
        help=_("the PDFs as PDF/A-2 with tags (the minutes to sign: main.py sign)"),
    )
    build.add_argument(
        "--public",
        action="store_true",
        help=_(
            "public copies (file names say so): personal data masked, non-public attachments "
            "replaced by their grounds of secrecy; extracts stay whole"
        ),
    )
    build.add_argument(
        "--signed",
        type=Path,
        metavar="SIGNED.pdf",
        help=_(
            "with --minutes --public (or --minutes --html): the signed original minutes; the "
            "public copy (the web pages) says who signed them and when (only if every "
            "signature is valid)"
        ),
    )
    build.add_argument(
        "--changes",
        action="store_true",
        help=_("amended decisions as their changes from the proposal (not in public copies)"),
    )
    build.add_argument(
        "--html",
        action="store_true",
        help=_(
            "the web version of --agenda or --minutes instead: index.html and a page per "
            "item (public: personal data masked, unless --internal)"
        ),
    )
    build.add_argument(
        "--internal",
        action="store_true",
        help=_("the web pages with the personal data shown, for internal use"),
    )
    build.set_defaults(run=cmd_build)
    number = commands.add_parser("number", help=_("write Asia/N and § into the item files"))
    number.add_argument("meeting", type=Path)
    number.set_defaults(run=cmd_number)
    sign = commands.add_parser(
        "sign",
        help=_("sign the minutes' (or an extract's) archival PDF as the next signer in order"),
    )
    sign.add_argument("meeting", type=Path)
    sign.add_argument("pdf", type=Path)
    sign.add_argument("--pkcs12", type=Path, help=_("a certificate file (.p12, .pfx)"))
    sign.add_argument("--module", type=Path, help=_("the card's PKCS#11 module (.so, .dll)"))
    sign.add_argument("--token", help=_("the card's (token's) label"))
    sign.add_argument("--key", help=_("the label of the signing key on the card"))
    sign.set_defaults(run=cmd_sign)
    verify = commands.add_parser(
        "verify", help=_("list a PDF's signatures and whether each is valid")
    )
    verify.add_argument("pdf", type=Path)
    verify.add_argument(
        "--organization", help=_("the profile whose trust roots count (default: the author's)")
    )
    verify.set_defaults(run=cmd_verify)
    return top


def _wrong_combination(args: argparse.Namespace) -> str:
    """What the command line asks that cannot be done together; "" when all is well."""
    if args.command == "render":
        if args.output is None and args.html is None:
            return _("render: give -o OUT.docx, --html OUT.html, or both")
        if args.pdf is not None and args.output is None:
            return _("render: --pdf needs -o OUT.docx (the PDF is made of it)")
    if args.command == "build":
        if args.html:
            if args.agenda == args.minutes or args.items or args.extracts or args.pdf:
                return _("build --html: choose one of --agenda or --minutes, and nothing else")
        elif not any(getattr(args, k) for k in meeting.KINDS):
            return _("build: choose at least one of --agenda, --minutes, --items, --extracts")
        if args.archival and not args.pdf:
            return _("build: --archival is for the PDFs: give --pdf as well")
        published = args.public or (args.html and not args.internal)
        if args.signed is not None and not (args.minutes and published):
            return _(
                "build: --signed is for the public copy of the minutes: give --minutes --public"
                " (or --minutes --html for their web pages)"
            )
    if args.command == "sign" and (args.pkcs12 is None) == (args.module is None):
        return _("sign: give --pkcs12 FILE, or --module with --token and --key")
    if args.command == "sign" and args.module is not None and not (args.token and args.key):
        return _("sign: --module needs --token and --key")
    if args.command in ("render", "build") and args.internal and not args.html:
        return _("--internal is for the web version: give --html as well")
    return ""


def main(argv: list[str]) -> int:
    i18n.set_language(_messages_language())
    top = parser()
    args = top.parse_args(argv)
    if problem := _wrong_combination(args):
        top.error(problem)
    scratch.clean()  # what killed runs of Pykälä left behind
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except docx.TemplateProblem as exc:  # the organisation's template, not the program
        _say(str(exc))
        return PROBLEMS
    except Exception as exc:  # the user gets a sentence, never a traceback
        _say(
            _(
                "Pykälä ran into an internal error: {error}. Nothing was overwritten; "
                "please report this with the draft."
            ).format(error=f"{type(exc).__name__}: {exc}")
        )
        return 3
