"""The organisation catalogue is read once and kept (issue 24: the checks and the help notes
look the organisation up after every pause in typing, on the UI thread): it is read again
when a profile is saved or imported, when a file is put into the user's folder by hand, and
while the folder has only just changed; never when nothing changed."""

from __future__ import annotations

import json
import os
import time

import pytest

from drafting import organization, profiles, resources
from tests.support import espoo

HOUR_AGO = time.time() - 3600


@pytest.fixture
def scans(monkeypatch):
    """The profile folders listed from now on (every read of the catalogue lists them)."""
    listed: list[str] = []
    scandir = os.scandir
    folders = {str(profiles.BUILTIN_FOLDER), str(profiles.user_folder())}

    def watched(path=".", *args):
        if str(path) in folders:
            listed.append(str(path))
        return scandir(path, *args)

    monkeypatch.setattr(os, "scandir", watched)
    return listed


def settle(folder) -> None:
    """The folder as the user's is on most days: last changed an hour ago."""
    os.utime(folder, (HOUR_AGO, HOUR_AGO))


def helsinki_as(name: str) -> dict:
    data = json.loads((profiles.BUILTIN_FOLDER / "helsinki.json").read_text(encoding="utf-8"))
    data["name"]["fi"] = name
    return data


def test_nothing_changed_nothing_is_read(scans):
    espoo.install()
    settle(profiles.user_folder())
    assert resources.organization("espoo").name("sv") == "Esbo stad"  # the first read
    scans.clear()
    for _ in range(20):
        resources.organization("espoo")
        resources.organization_ids()
    assert scans == []


def test_no_user_folder_is_no_read_either(scans):
    assert not profiles.user_folder().exists()
    assert resources.organization_ids() == ["helsinki"]
    scans.clear()
    resources.organization("helsinki")
    assert scans == []


def test_a_saved_profile_is_seen_at_once():
    espoo.install()
    settle(profiles.user_folder())
    assert resources.organization("helsinki").builtin
    profiles.save(helsinki_as("Helsingin kaupunki (oma)"))
    settle(profiles.user_folder())  # the folder's time says nothing: the save itself tells
    assert resources.organization("helsinki").name("fi") == "Helsingin kaupunki (oma)"
    assert not resources.organization("helsinki").builtin


def test_a_profile_put_into_the_folder_by_hand_is_seen():
    espoo.install()
    settle(profiles.user_folder())
    assert resources.organization_ids() == ["espoo", "helsinki"]
    text = json.dumps(helsinki_as("Oma") | {"id": "oma"}, ensure_ascii=False)
    (profiles.user_folder() / "oma.json").write_text(text, encoding="utf-8")
    assert resources.organization_ids() == ["espoo", "helsinki", "oma"]


def test_a_change_within_the_folders_last_tick_is_seen():
    """A file system's clock may not move between two changes: a folder changed just before it
    was read is looked at again, file by file, until it has been quiet for a while."""
    folder = profiles.user_folder()
    folder.mkdir(parents=True)
    path = folder / "oma.json"
    path.write_text(json.dumps(helsinki_as("Ensin") | {"id": "oma"}), encoding="utf-8")
    now = time.time()
    os.utime(folder, (now, now))
    assert resources.organization("oma").name("fi") == "Ensin"
    path.write_text(json.dumps(helsinki_as("Sitten muutettu") | {"id": "oma"}), encoding="utf-8")
    os.utime(folder, (now, now))  # the same tick: the folder's time has not moved
    assert resources.organization("oma").name("fi") == "Sitten muutettu"


def test_invalidate_reads_the_folder_anew():
    """A profile edited by hand in place (the folder's time unchanged) shows when the list
    is asked for again: Settings → Organisations invalidates the catalogue when it lists."""
    profiles.save(helsinki_as("Ensin") | {"id": "oma"})
    settle(profiles.user_folder())
    assert resources.organization("oma").name("fi") == "Ensin"
    path = profiles.user_folder() / "oma.json"
    path.write_text(json.dumps(helsinki_as("Käsin") | {"id": "oma"}), encoding="utf-8")
    settle(profiles.user_folder())
    organization.invalidate()
    assert resources.organization("oma").name("fi") == "Käsin"
