"""What is missing or wrong in a draft, for the kind of document about to be produced.

Each problem names its field by the path the file format uses (`item.decision.text`), so the
GUI can jump to it and the CLI can print it. Errors block the document; warnings do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from drafting import appeals, changes, copies, handling_checks, i18n, richtext, schema, spelling
from drafting.i18n import _
from drafting.model import Decision, Draft, MeetingDraft
from drafting.resources import (
    Organization,
    UnknownOrganization,
    appeal_categories,
    organization,
)

ERROR = "error"
WARNING = "warning"

CASE_ID = re.compile(r"^[A-ZÅÄÖ]{2,6} \d{4}-\d{6}(, ?[A-ZÅÄÖ]{2,6} \d{4}-\d{6})*$")
CLASSIFICATION = re.compile(r"^T( \d{2}){3,4}$")


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    severity: str = ERROR
    # A spelling or grammar finding: the words found and which of their occurrences in
    # the field's text (0: the first), so the interface can select them.
    word: str = ""
    occurrence: int = 0
    finding: str = ""  # spelling.SPELLING or spelling.GRAMMAR

    def __str__(self) -> str:
        label = _("error") if self.severity == ERROR else _("warning")
        return f"{label}: {self.path}: {self.message}"


def _required(problems: list[Problem], path: str, value: str, what: str) -> None:
    if not value.strip():
        problems.append(Problem(path, _("{what} is empty; it is required").format(what=what)))


def _as_proposed_agrees(problems: list[Problem], proposal: str, decision: Decision) -> None:
    """ "Decided as proposed" and the two texts must tell the same story (the decision verb
    restated in the past tense is no difference: changes.substantive)."""
    if not (proposal.strip() and decision.text.strip()):
        return
    differing = changes.substantive(proposal, decision.text)
    if decision.as_proposed and differing:
        shown = ", ".join(dict.fromkeys(differing[:6]))
        problems.append(
            Problem(
                schema.DECISION_AS_PROPOSED,
                _(
                    '"Decided as proposed" is ticked, but the decision differs from the '
                    "proposal ({words}). Untick it, or make the texts agree."
                ).format(words=shown),
                WARNING,
            )
        )
    elif not decision.as_proposed and not differing:
        problems.append(
            Problem(
                schema.DECISION_AS_PROPOSED,
                _(
                    'The decision says what the proposal said, but "Decided as proposed" is not '
                    "ticked. Tick it if the decision was made as proposed."
                ),
                WARNING,
            )
        )


def required(draft: Draft | MeetingDraft, document: str) -> list[Problem]:
    """Every field the declaration (drafting.schema) requires for `document` that is empty
    in `draft`, an item draft or a meeting file, named by its path."""
    return [
        Problem(path, _("{what} is empty; it is required").format(what=field.subject()))
        for path, value, field in schema.walk(draft)
        if document in field.required and (value is None or not str(value).strip())
    ]


def check_meeting(meeting: MeetingDraft, document: str) -> list[Problem]:
    """What the meeting file itself lacks for `document` ("agenda" | "minutes"): the fields
    its declaration requires (the items it lists are checked one by one: meeting.check_items)."""
    return required(meeting, document)


def check(draft: Draft, document: str | None = None, base: Path | None = None) -> list[Problem]:
    """Problems of `draft` as a `document` ("minutes" | "agenda"; None: the draft's own).

    `base` is the draft's folder, for finding attachment files.
    """
    document = document or draft.meeting.document
    item = draft.item
    problems: list[Problem] = []
    add = problems.append

    org: Organization | None = None
    try:
        org = organization(draft.organization)
    except UnknownOrganization as unknown:
        add(Problem("organization", str(unknown)))
    # Every field the schema declares required for this document (drafting.schema).
    problems += required(draft, document)
    if item.agenda_item is None:
        add(Problem(schema.AGENDA_ITEM, _("The agenda item number (Asia/N) is empty"), WARNING))
    if item.section is None and document == "minutes":
        add(Problem(schema.SECTION, _("The section number (§) is empty"), WARNING))
    if item.case_id.strip() and not CASE_ID.match(item.case_id.strip()):
        add(
            Problem(
                schema.CASE_ID,
                _('"{value}" does not look like a case id; write e.g. HEL 2021-001526').format(
                    value=item.case_id
                ),
                WARNING,
            )
        )
    if item.classification.strip() and not CLASSIFICATION.match(item.classification.strip()):
        add(
            Problem(
                schema.CLASSIFICATION,
                _('"{value}" does not look like a classification; write e.g. T 00 00 03').format(
                    value=item.classification
                ),
                WARNING,
            )
        )

    proposal = item.proposal
    if document == "minutes":
        # No decision recorded prints as decided as proposed (render.context), and the form
        # shows it ticked: the same problems as a ticked box.
        decision = item.decision or Decision()
        if decision.as_proposed and not decision.text.strip():
            # The proposal prints as the decision (render.context.decided_text).
            if not proposal.text.strip():
                add(
                    Problem(
                        schema.PROPOSAL_TEXT,
                        _(
                            "The proposal is empty; decided as proposed, it is also the "
                            "decision, so the minutes need it"
                        ),
                    )
                )
        else:
            _required(problems, schema.DECISION_TEXT, decision.text, _("The decision"))
            if not decision.as_proposed:
                _required(problems, schema.PROPOSAL_TEXT, proposal.text, _("The proposal"))
            _as_proposed_agrees(problems, proposal.text, decision)
        # The handling record: ballots, proposals, dissents, quorum, ties, people.
        problems += [Problem(*found) for found in handling_checks.check(draft)]
    else:
        _required(problems, schema.PROPOSAL_TEXT, proposal.text, _("The proposal"))
    if not any(c.name.strip() for c in item.contacts):
        add(Problem(schema.CONTACTS, _("No contact person; add at least one")))
    if not item.appeal:
        add(Problem(schema.APPEAL, _("The appeal category is not chosen")))
    elif item.appeal not in appeal_categories():
        add(
            Problem(
                schema.APPEAL,
                _('"{value}" is not an appeal category; choose one of: {known}').format(
                    value=item.appeal, known=", ".join(appeal_categories())
                ),
            )
        )
    elif org is not None:
        problems += appeal_problems(draft, org, document)

    for list_path in schema.ATTACHMENT_LISTS:
        for n, entry in enumerate(schema.rows(draft, list_path)):
            if entry.file and base is not None:
                _attachment_file(problems, f"{list_path}[{n}].file", base, entry.file)
    for n, extract in enumerate(item.extracts):
        path = f"{schema.EXTRACTS}[{n}]"
        for number in extract.attachments:
            if not 1 <= number <= len(item.attachments):
                add(
                    Problem(
                        f"{path}.attachments",
                        _(
                            "Attachment {number} does not exist; the item has {count} attachments"
                        ).format(number=number, count=len(item.attachments)),
                    )
                )
    problems += text_problems(draft)
    return problems


def appeal_problems(draft: Draft, org: Organization, document: str) -> list[Problem]:
    """What the item's appeal instructions would print as a blank to fill ("[kirjaamon
    sähköpostiosoite]"), each naming the field to fill: an error for the minutes and their
    extracts, which print the instructions; a warning for an agenda, which does not."""
    key, language = draft.item.appeal, draft.language
    filled = appeals.instructions(key, org.data, language, schema.appeal_values(draft))
    if filled is None:
        return []
    severity = ERROR if document == "minutes" else WARNING
    category = appeals.interface_label(key, i18n.language())
    names = org.data.get("name", {})
    org_name = names.get(i18n.language()) or names.get("fi") or org.id
    problems = []
    for name in filled.missing:
        field = appeals.FIELDS[name]
        shown = f"[{field.placeholder.get(language, name)}]"
        if name in appeals.ITEM_FIELDS:  # the item's own field: fill it in on the form
            message = _(
                "The appeal instructions ({category}) need {what}: fill in “{label}”, or they "
                "print {shown}"
            ).format(
                category=category, what=field.what(), label=schema.FIELD[name].label(), shown=shown
            )
            problems.append(Problem(name, message, severity))
            continue
        message = _(
            "Organisation {name}: {what} is missing (Settings → Organisations); the appeal "
            "instructions ({category}) would print {shown}"
        ).format(name=org_name, what=field.what(), category=category, shown=shown)
        problems.append(Problem(schema.APPEAL, message, severity))
    placeholders = {f"[{appeals.FIELDS[n].placeholder.get(language, n)}]" for n in filled.missing}
    for blank in dict.fromkeys(filled.blanks):
        if blank not in placeholders:
            message = _(
                "The appeal instructions ({category}) would print the blank {blank}: fill it in "
                "the appeal texts or in the organisation's profile (Settings → Organisations)"
            ).format(category=category, blank=blank)
            problems.append(Problem(schema.APPEAL, message, severity))
    return problems


def text_fields(draft: Draft) -> list[tuple[str, str, bool]]:
    """(path, text, rich) of every field a user types text into that prints."""
    return schema.text_fields(draft)


def text_problems(draft: Draft) -> list[Problem]:
    """Text that would not print as meant: a personal-data span that is not read as one
    (its name would show in a public copy), a name marked elsewhere and typed unmarked here
    (a public copy masks it here too, drafting.copies), lists and quotations nested too deep."""
    problems = []
    fields = text_fields(draft)
    for path, name in copies.unmarked((path, text) for path, text, _rich in fields):
        problems.append(
            Problem(
                path,
                _(
                    '"{name}" is marked as personal data in the draft but is typed here unmarked; '
                    "public copies mask it here too. Mark it here as well: [{name}]{{.personal}}"
                ).format(name=name),
                WARNING,
            )
        )
    for path, text, rich in fields:
        for piece in richtext.broken_spans(text, rich):
            problems.append(
                Problem(
                    path,
                    _(
                        '"{piece}" looks like personal data but is not marked as such, so it '
                        "would print in public copies; write exactly [Name]{{.personal}}: the "
                        "name on one line with no [ or ] in it, and nothing else in the braces "
                        "(no other words, spaces or invisible characters)"
                    ).format(piece=piece),
                )
            )
        if rich and richtext.too_deep(text):
            problems.append(
                Problem(
                    path,
                    _(
                        "The text nests lists or quotations deeper than a document prints "
                        "(lists: {levels} levels); the deeper text prints at the deepest level"
                    ).format(levels=richtext.MAX_LIST_LEVEL),
                    WARNING,
                )
            )
    return problems


def spelled_fields(draft: Draft) -> list[tuple[str, str]]:
    """(path, text) of the fields whose text is prose to check for spelling (declared in
    drafting.schema: every rich-text field, the title and the extracts' recipients)."""
    return schema.spelled_fields(draft)


def spelling_problems(
    draft: Draft, checker: spelling.Checker, interface_language: str = "fi"
) -> list[Problem]:
    """Spelling and grammar findings as warnings under their field; they never block."""
    problems = []
    for path, text in spelled_fields(draft):
        for finding in spelling.check_text(checker, text, interface_language):
            if finding.kind == spelling.SPELLING:
                message = _('"{word}" is not in the dictionary').format(word=finding.text)
            else:
                message = _('Grammar: {description} ("{text}")').format(
                    description=finding.message.rstrip("."), text=finding.text
                )
            problems.append(
                Problem(
                    path,
                    message,
                    WARNING,
                    word=finding.text,
                    occurrence=spelling.occurrence(text, finding),
                    finding=finding.kind,
                )
            )
    return problems


def _attachment_file(problems: list[Problem], path: str, base: Path, name: str) -> None:
    """A missing file is a warning; a name the system refuses outright (too long, a NUL
    byte) is an error, since no file can ever be found under it."""
    try:
        (base / name).stat()
    except (FileNotFoundError, NotADirectoryError):
        problems.append(Problem(path, _("The file {file} is missing").format(file=name), WARNING))
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        problems.append(
            Problem(
                path,
                _(
                    "the file name cannot be used ({reason}); give a shorter name without "
                    "special characters"
                ).format(reason=reason),
            )
        )


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR]
