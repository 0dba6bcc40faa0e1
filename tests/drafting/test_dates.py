"""drafting.dates: the one place dates are read and written."""

import datetime as dt

from drafting import dates


def test_input_accepts_what_clerks_type_and_iso():
    assert dates.parse_input(" 3.5.2021 ") == dt.date(2021, 5, 3)
    assert dates.parse_input("2021-05-03") == dt.date(2021, 5, 3)
    assert dates.parse_input("31.2.2021") is None
    assert dates.parse_input("huomenna") is None
    assert dates.for_input(dt.date(2021, 5, 3)) == "3.5.2021"
    assert dates.for_input(None) == ""


def test_files_keep_iso_and_the_fix_is_guessed_from_dotted():
    assert dates.parse_iso("2021-05-03") == dt.date(2021, 5, 3)
    assert dates.parse_iso("2021-5-3") is None
    assert dates.parse_iso("2021-02-30") is None
    assert dates.parse_dotted("3.5.2021") == dt.date(2021, 5, 3)
    assert dates.parse_dotted("3.5.21") is None
    assert dates.to_iso(dt.date(2021, 5, 3)) == "2021-05-03"


def test_documents_print_the_document_pattern():
    day = dt.date(2021, 5, 3)
    assert dates.for_document(day, "fi_FI") == "03.05.2021"
    assert dates.for_document(day, "sv_FI", short=True) == "3.5.2021"
    assert dates.for_document(None, "fi_FI") == ""


def test_the_interface_shows_its_own_language():
    moment = dt.datetime(2021, 5, 3, 14, 5)
    assert dates.for_interface(moment, "fi") == "3.5.2021 14.05"
    assert dates.for_interface(moment, "en") == "03/05/2021, 14:05"
    stamp = moment.astimezone().isoformat(timespec="seconds")
    assert dates.parse_timestamp(stamp) == moment.astimezone()
