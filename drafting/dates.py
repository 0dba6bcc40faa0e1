"""Dates, in one place: what clerks type, what files keep, what documents and the interface show.

Files keep ISO 8601 (2021-05-03); clerks type and read 3.5.2021; documents print the
document language's pattern (dd.MM.yyyy, or d.M.yyyy in running text); the interface shows
times in its own language's format.
"""

from __future__ import annotations

import datetime as _dt
import json
import re

from drafting.i18n import _

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DOTTED_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")

# The interface languages (drafting.i18n.UI_LANGUAGES) as babel locales; as
# ui/services/translation.py sets Qt's default locale.
_INTERFACE_LOCALES = {"fi": "fi_FI", "sv": "sv_FI"}
_INTERFACE_FALLBACK = "en_GB"


def parse_iso(text: str) -> _dt.date | None:
    """An ISO 8601 calendar date (YYYY-MM-DD), or None."""
    if not _ISO_DATE.match(text):
        return None
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        return None


def parse_dotted(text: str) -> _dt.date | None:
    """A date as clerks write it (D.M.YYYY, 3.5.2021), or None."""
    match = _DOTTED_DATE.match(text)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


def parse_input(text: str) -> _dt.date | None:
    """What a clerk typed in a date field: 3.5.2021 or 2021-05-03; None if neither."""
    return parse_dotted(text) or parse_iso(text.strip())


# The example a "not a date" message gives when it cannot tell the date meant: day 31, so
# nobody takes it for a month.
EXAMPLE = _dt.date(2021, 8, 31)


def not_a_date(value: object, typed: bool = False) -> str:
    """The one wording of a value that is not a date, with its fix; the caller puts the
    field's name (label or path) before it, as every problem does ("Meeting date: …").

    `typed`: a clerk typed it in a form field, so the fix is written as they type dates
    (31.8.2021); else it was read from a file, which keeps 2021-08-31. A file's 3.5.2021
    is not its date, but the fix names the date meant (write 2021-05-03)."""
    text = value.strip() if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    meant = None if typed or not isinstance(value, str) else parse_input(value)
    if meant is not None:
        fix = to_iso(meant)
    else:
        fix = _("e.g. {example}").format(example=for_input(EXAMPLE) if typed else to_iso(EXAMPLE))
    return _('"{value}" is not a date; write {fix}').format(value=text, fix=fix)


def to_iso(day: _dt.date) -> str:
    """The form files keep: 2021-05-03."""
    return day.isoformat()


def for_input(day: _dt.date | None) -> str:
    """A date in a form field, as clerks type it: 3.5.2021."""
    return f"{day.day}.{day.month}.{day.year}" if day else ""


def for_document(day: _dt.date | None, locale: str, short: bool = False) -> str:
    """DD.MM.YYYY for headers and history; D.M.YYYY (short) in running text."""
    if day is None:
        return ""
    from babel.dates import format_date  # babel when a date is first printed, not at start

    pattern = "d.M.yyyy" if short else "dd.MM.yyyy"
    return format_date(day, pattern, locale=locale)


def parse_timestamp(text: str) -> _dt.datetime:
    """A moment the program wrote itself (datetime.isoformat()); ValueError if it is not one."""
    return _dt.datetime.fromisoformat(text)


def age_for_interface(moment: _dt.datetime, now: _dt.datetime, language: str) -> str:
    """How long ago `moment` was, and when, in the interface language: "12 minuuttia
    sitten, klo 14.05"; another day's moment gives its date ("2 päivää sitten, 3.5.2021
    14.05")."""
    from babel.dates import format_time, format_timedelta

    locale = _INTERFACE_LOCALES.get(language, _INTERFACE_FALLBACK)
    ago = format_timedelta(
        min(moment - now, _dt.timedelta(0)), add_direction=True, threshold=1.0, locale=locale
    )
    if moment.astimezone(now.tzinfo).date() == now.date():
        return _("{ago}, at {time}").format(
            ago=ago, time=format_time(moment, "short", locale=locale)
        )
    return _("{ago}, on {date}").format(ago=ago, date=for_interface(moment, language))


def for_interface(moment: _dt.datetime, language: str, seconds: bool = False) -> str:
    """A date and time in the interface language's short format (3.5.2021 14.05 in Finnish;
    with `seconds` 3.5.2021 14.05.09)."""
    from babel.dates import format_date, format_datetime, format_time

    locale = _INTERFACE_LOCALES.get(language, _INTERFACE_FALLBACK)
    if seconds:
        day = format_date(moment, "short", locale=locale)
        return f"{day} {format_time(moment, 'medium', locale=locale)}"
    return format_datetime(moment, "short", locale=locale)
