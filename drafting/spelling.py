"""Spelling and grammar of the draft's prose, in its language (fi/sv), without Qt.

Spelling goes through Enchant (PyPI `pyenchant`): its Voikko provider for Finnish and its
Hunspell provider for Swedish, one API for both. Voikko's grammar checker has no Enchant
interface, so Finnish grammar goes through Voikko's own binding (PyPI `libvoikko`). Either
may be missing on a machine: the checker then says so (`missing`) and finds nothing.

What is never flagged: case ids, classification codes, e-mail addresses (also the
`name(a)hel.fi` style), URLs, numbers and dates, § references, upper-case abbreviations,
text inside `[..]{.personal}`, the program's own list of municipal abbreviations
(resources/spelling), the user's own dictionary, words ignored in this draft and the names of
the people directory.
"""

from __future__ import annotations

import contextlib
import functools
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafting import atomic, files, richtext
from drafting.i18n import _
from drafting.location import RESOURCES

#: The draft's own list of words ignored in it ("Ignore in this draft"), kept in the file as
#: an extra field; public copies leave it out.
IGNORED_KEY = "spelling_ignore"

SPELLING = "spelling"
GRAMMAR = "grammar"

#: Enchant's language tags for the document languages, most specific first.
ENCHANT_TAGS = {"fi": ("fi_FI", "fi"), "sv": ("sv_FI", "sv_SE", "sv")}

_LETTERS = r"[^\W\d_]"
# A trailing hyphen belongs to the word: "sosiaali- ja terveystoimiala".
WORD = re.compile(rf"{_LETTERS}+(?:[-'’:]{_LETTERS}+)*(?:-(?=[\s,]))?")
_SKIP = re.compile(
    "|".join(
        (
            richtext.PERSONAL.pattern,  # personal data: its name is no word to check
            r"(?:https?|ftp)://\S+|www\.\S+",  # URLs
            r"[\w.+-]+(?:@|\(a\))[\w-]+(?:\.[\w-]+)+",  # e-mail, also name(a)hel.fi
            r"\b[A-ZÅÄÖ]{2,6} \d{4}-\d{6}\b",  # case ids: HEL 2021-004370
            r"\bT(?: \d{2}){3,4}\b",  # classification codes: T 00 01 02
            r"(?:\d[\d.,:/–-]*\s*)?§+(?::\w+)?(?:\s*\d+)?",  # § 333, 333 §, §:n
            r"\d[\w.,:/–-]*",  # numbers and dates, with an ending (2021:n, 5.5.2021)
            r"\{[^{}\n]*\}",  # attribute braces of the Markdown subset
        )
    )
)


@dataclass(frozen=True)
class Finding:
    """A word (spelling) or a stretch (grammar) of one text, by character offsets."""

    start: int
    end: int
    text: str
    kind: str = SPELLING
    message: str = ""


def words(text: str, skip: Iterable[tuple[int, int]] = ()) -> Iterator[tuple[int, str]]:
    """(offset, word) of each word of `text` to check; `skip` are ranges to leave out
    (personal data as an editor marks it)."""
    blocked = [(m.start(), m.end()) for m in _SKIP.finditer(text)] + list(skip)
    blocked.sort()
    index = 0
    for match in WORD.finditer(text):
        start, end = match.span()
        while index < len(blocked) and blocked[index][1] <= start:
            index += 1
        if index < len(blocked) and blocked[index][0] < end:
            continue
        word = match.group()
        if len(word.rstrip("-")) < 2 or word.isupper():
            continue  # upper-case abbreviations (HEL, PL) are left alone, as Word does
        yield start, word


# Finnish case endings (and a few possessive and clitic forms) that a name takes as is.
_FI_ENDINGS = frozenset(
    {
        *("n", "a", "ä", "t", "ta", "tä", "na", "nä", "ne", "ksi"),
        *("ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle"),
        *("han", "hen", "hin", "hon", "hun", "hyn", "hän", "hön", "seen", "neen"),
        *("tta", "ttä", "kin", "kaan", "kään"),
    }
)


def _decode_line(raw: bytes) -> str:
    """A line of a word list: UTF-8, or (a word saved by another editor) Latin-1."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _words_of(raw: bytes) -> set[str]:
    words = set()
    for line in raw.removeprefix(b"\xef\xbb\xbf").split(b"\n"):
        word = _decode_line(line).strip()
        if word and not word.startswith("#"):
            words.add(word)
    return words


def read_word_list(path: Path) -> set[str]:
    """A plain-text word list, one word a line (`#` starts a comment line), UTF-8 or a line
    in Latin-1; a missing or unreadable file (a folder, a pipe, too large) is empty."""
    try:
        return _words_of(files.read_bytes(path, files.WORD_LIST_LIMIT))
    except (OSError, ValueError):
        return set()


class DictionaryError(Exception):
    """A word not added to the user's dictionary; the message says why and what to do."""


PROGRAM_WORDS = RESOURCES / "spelling"


@functools.cache
def program_words(language: str) -> frozenset[str]:
    """The program's own accepted words of a language (resources/spelling/LANG.txt):
    common municipal abbreviations such as "alv" and "esim" that the dictionaries flag."""
    return frozenset(read_word_list(PROGRAM_WORDS / f"{language}.txt"))


class UserDictionary:
    """The user's own words: a plain-text file, one word a line, in the data folder.

    Adding a word appends it to the file as it is on disk: the lines already there (other
    words, comments, a line in another encoding) stay byte for byte. A file that cannot be
    read (a folder, a pipe, too large, no permission) is never written over: adding then
    raises DictionaryError, and the word is known for this session only.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.words: set[str] = set()
        self.problem = ""  # why the file could not be read ("" if it was, or is absent)
        if path is not None:
            try:
                self.words = _words_of(self._read())
            except DictionaryError as exc:
                self.problem = str(exc)

    def _read(self) -> bytes:
        """The file's bytes (none for a missing file), or DictionaryError."""
        assert self.path is not None
        try:
            return files.read_bytes(self.path, files.WORD_LIST_LIMIT)
        except FileNotFoundError:
            return b""
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise DictionaryError(
                _(
                    "The dictionary {path} cannot be read ({reason}), so no word is added "
                    "to it; words added now are known until Pykälä closes. Make it an "
                    "ordinary text file to keep them."
                ).format(path=self.path, reason=reason)
            ) from None

    @staticmethod
    def _storable(word: str) -> str:
        """The word as one line of the file, or DictionaryError for one that cannot be."""
        word = word.strip()
        try:
            word.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate
            word = ""
        if not word or word.startswith("#") or len(word.splitlines()) != 1 or "\x00" in word:
            raise DictionaryError(
                _(
                    '"{word}" cannot be added to the dictionary: a word there is one line '
                    "of text that does not start with #."
                ).format(word=" ".join(word.split())[:60])
            )
        return word

    def add(self, word: str) -> None:
        """Add `word`; DictionaryError (the word unstored) or OSError (not written)."""
        word = self._storable(word)
        self.words.add(word)
        if self.path is None:
            return
        raw = self._read()  # as it is now: another window may have added words meanwhile
        if word in _words_of(raw):
            return
        separator = b"\n" if raw and not raw.endswith(b"\n") else b""
        atomic.write_bytes(self.path, raw + separator + word.encode("utf-8") + b"\n")


class _Engines:
    """The loaded spelling and grammar engines, shared by every checker (loading Voikko
    takes a while and each dictionary holds megabytes)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()  # neither engine promises thread safety
        # Each engine is loaded once, by whichever thread asks first (`preload` in a worker
        # at start); another thread asking meanwhile waits for that load.
        self._loading = threading.Lock()
        self.spellers: dict[str, Any] = {}
        self.grammar: Any = None
        self.grammar_loaded = False

    def speller(self, language: str) -> Any:
        if language not in self.spellers:
            with self._loading:
                if language not in self.spellers:
                    self.spellers[language] = _load_speller(language)
        return self.spellers[language]

    def voikko(self) -> Any:
        if not self.grammar_loaded:
            with self._loading:
                if not self.grammar_loaded:
                    self.grammar = _load_grammar()
                    self.grammar_loaded = True
        return self.grammar


def _load_grammar() -> Any:
    try:
        import libvoikko

        grammar = libvoikko.Voikko("fi")
        # Headings and list items end without a full stop; that is no error.
        grammar.setAcceptTitlesInGc(True)
        grammar.setAcceptBulletedListsInGc(True)
        return grammar
    except Exception:  # no module, no library or no dictionary
        return None


def _load_speller(language: str) -> Any:
    """Enchant's dictionary for the language; for Finnish without Enchant's Voikko
    provider (Windows: the pyenchant wheel has Hunspell only), Voikko's own binding."""
    try:
        import enchant

        for tag in ENCHANT_TAGS.get(language, ()):
            with contextlib.suppress(Exception):
                if enchant.dict_exists(tag):
                    return enchant.Dict(tag)
    except Exception:  # ImportError, or the C library missing
        pass
    if language == "fi":
        with contextlib.suppress(Exception):
            import libvoikko

            return _VoikkoSpeller(libvoikko.Voikko("fi"))
    return None


class _VoikkoSpeller:
    """Voikko's binding behind Enchant's two calls."""

    def __init__(self, voikko: Any) -> None:
        self.voikko = voikko

    def check(self, word: str) -> bool:
        return bool(self.voikko.spell(word))

    def suggest(self, word: str) -> list[str]:
        return list(self.voikko.suggest(word))


_engines = _Engines()


def preload(language: str, grammar: bool = True) -> None:
    """Load the engines a checker of `language` uses (a worker does it at start, so the UI
    thread finds the dictionaries loaded instead of reading them itself)."""
    _engines.speller(language)
    if grammar and language == "fi":
        _engines.voikko()


def analyze(word: str) -> list[dict[str, str]]:
    """Voikko's morphological analyses of one Finnish word (none without Voikko)."""
    voikko = _engines.voikko()
    if voikko is None:
        return []
    with _engines.lock:
        return [dict(analysis) for analysis in voikko.analyze(word)]


def install_hint(language: str) -> str:
    """What to install for a language whose dictionary is missing."""
    if language == "fi":
        return _(
            "Finnish spelling needs Voikko: on Debian/Ubuntu install voikko-fi and "
            "libenchant-2-voikko; elsewhere see the README"
        )
    return _(
        "Swedish spelling needs a Hunspell dictionary: on Debian/Ubuntu install hunspell-sv "
        "and libenchant-2-2; elsewhere see the README"
    )


class Checker:
    """Spelling (and, for Finnish, grammar) of one language, with what counts as known.

    Results are cached per word and per paragraph: typing re-checks one paragraph, and a
    full check after a pause re-checks only paragraphs that changed. Safe to call from a
    worker thread while the interface thread also calls it.
    """

    def __init__(
        self,
        language: str,
        dictionary: UserDictionary | None = None,
        grammar: bool = True,
    ) -> None:
        self.language = language
        self.dictionary = dictionary or UserDictionary(None)
        self.grammar_on = grammar
        self.ignored: set[str] = set()
        self.names: set[str] = set()
        self.organization: set[str] = set()  # words an organisation's profile lists
        self._lower: set[str] = set()
        self._lower_size = -1
        self._speller = _engines.speller(language)
        self._known: dict[str, bool] = {}
        self._grammar_cache: dict[tuple[str, str], list[Finding]] = {}

    @property
    def available(self) -> bool:
        return self._speller is not None

    @property
    def grammar_available(self) -> bool:
        return self.language == "fi" and _engines.voikko() is not None

    def missing(self) -> str:
        """'' when the language can be checked; otherwise what to install."""
        return "" if self.available else install_hint(self.language)

    # --- what counts as known ------------------------------------------------------------

    def set_names(self, names: Iterable[str]) -> None:
        """People's names (a directory's "Sami Sarvilinna"): each part is a known word."""
        self.names = {part for name in names for part in WORD.findall(name)}

    def add_to_dictionary(self, word: str) -> None:
        self.dictionary.add(word)

    def ignore(self, word: str) -> None:
        self.ignored.add(word)

    def _user_knows(self, word: str) -> bool:
        program = program_words(self.language)
        for known in (self.dictionary.words, self.ignored, self.names, self.organization):
            if word in known or word.capitalize() in known or word.lower() in known:
                return True
        # An abbreviation of the program's list, also with a case ending: "alv", "alv:n".
        if word.lower().split(":", 1)[0] in program:
            return True
        return self.language == "fi" and self._inflected_name(word)

    def _inflected_name(self, word: str) -> bool:
        """A Finnish case form of a known name: "Sarvilinnalle", "Biaudetin". Names keep
        their stem (no consonant gradation), so a known name plus an ending is enough."""
        lower = word.lower()
        for cut in range(len(lower) - 1, 2, -1):
            stem, ending = lower[:cut], lower[cut:]
            if ending.startswith(":"):
                ending = ending[1:]
            if ending not in _FI_ENDINGS and not (
                ending.startswith("i") and ending[1:] in _FI_ENDINGS
            ):
                continue
            if stem in self._known_lower():
                return True
        return False

    def _known_lower(self) -> set[str]:
        size = len(self.names) + len(self.dictionary.words) + len(self.organization)
        if self._lower_size != size:
            self._lower = {
                w.lower() for w in (*self.names, *self.dictionary.words, *self.organization)
            }
            self._lower_size = size
        return self._lower

    def correct(self, word: str) -> bool:
        found = self._known.get(word)
        if found is None:
            with _engines.lock:
                found = bool(self._speller.check(word))
            if len(self._known) > 200_000:
                self._known.clear()
            self._known[word] = found
        # The user's words only matter for what the dictionary does not know.
        return found or self._user_knows(word)

    # --- checking ------------------------------------------------------------------------

    def misspelled(self, text: str, skip: Iterable[tuple[int, int]] = ()) -> list[Finding]:
        if self._speller is None:
            return []
        return [
            Finding(start, start + len(word), word)
            for start, word in words(text, skip)
            if not self.correct(word)
        ]

    def suggest(self, word: str, limit: int = 6) -> list[str]:
        if self._speller is None:
            return []
        with _engines.lock:
            return list(self._speller.suggest(word))[:limit]

    def grammar(self, text: str, interface_language: str = "fi") -> list[Finding]:
        """Voikko's grammar findings of one paragraph (Finnish only; none when off).

        Voikko describes them in Finnish or English only: English for an English
        interface, else Finnish (the text itself is Finnish)."""
        if not (self.grammar_on and text.strip() and self.grammar_available):
            return []
        described = "en" if interface_language == "en" else "fi"
        key = (described, text)
        found = self._grammar_cache.get(key)
        if found is None:
            with _engines.lock:
                errors = _engines.voikko().grammarErrors(text, described)
            found = [
                Finding(
                    e.startPos,
                    e.startPos + e.errorLen,
                    text[e.startPos : e.startPos + e.errorLen],
                    GRAMMAR,
                    e.shortDescription,
                )
                for e in errors
            ]
            if len(self._grammar_cache) > 20_000:
                self._grammar_cache.clear()
            self._grammar_cache[key] = found
        return found

    def check(
        self, text: str, interface_language: str = "fi", skip: Iterable[tuple[int, int]] = ()
    ) -> list[Finding]:
        """Spelling and grammar of one paragraph, in text order."""
        found = self.misspelled(text, skip)
        # Voikko's grammar checker may see a misspelled word too: one underline per word.
        taken = [(f.start, f.end) for f in found] + list(skip)
        for finding in self.grammar(text, interface_language):
            if not any(s < finding.end and finding.start < e for s, e in taken):
                found.append(finding)
        return sorted(found, key=lambda f: f.start)


def paragraphs(text: str) -> Iterator[tuple[tuple[int, ...], str]]:
    """(offsets, line) of each line of a field's text as an editor shows it, read by the
    one Markdown reader (richtext.shown_lines): `offsets[i]` is where the line's
    character i stands in `text`."""
    for line in richtext.shown_lines(text):
        yield line.offsets, line.text


def check_text(checker: Checker, text: str, interface_language: str = "fi") -> list[Finding]:
    """Every finding of a field's text, offsets into the whole text; names marked as
    personal data are no words to check."""
    found = []
    for line in richtext.shown_lines(text):
        offsets = line.offsets
        for f in checker.check(line.text, interface_language, line.personal):
            found.append(
                Finding(offsets[f.start], offsets[f.end - 1] + 1, f.text, f.kind, f.message)
            )
    return found


def occurrence(text: str, finding: Finding) -> int:
    """How many times the finding's text stands as a whole word before it (0: the first),
    so that an editor showing the field can find the very word again."""
    pattern = re.compile(rf"(?<!\w){re.escape(finding.text)}(?!\w)")
    return sum(1 for m in pattern.finditer(text, 0, finding.start))
