"""Hostile and careless command lines (issue 10): nothing lost, nothing overwritten, and a
message with exit 1 or 2 instead of a traceback or exit 3."""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
import time

import pytest

from drafting import cli, meeting, names
from tests.conftest import EXAMPLE_333, EXAMPLE_885, EXAMPLES
from tests.drafting.conftest import run_cli
from tests.drafting.test_cli import example_data, write

# Every test here starts the program in a child process of its own.
pytestmark = pytest.mark.slow


def meeting_folder(tmp_path, items=None, first_section=332):
    """A copy of the example meeting; `items` replaces its item list (file name → source)."""
    folder = tmp_path / "meeting"
    shutil.copytree(EXAMPLES / "meeting", folder)
    for example in (EXAMPLE_333, EXAMPLE_885):
        shutil.copy(example, tmp_path / example.name)
    path = folder / "kh-18-2021.pykala"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["first_section"] = first_section
    if items is not None:
        for name, source in items.items():
            shutil.copy(source, folder / name)
        data["items"] = list(items)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# --- case 2: an output that is the input, or two outputs that are one file ----------------


def test_render_refuses_to_write_over_the_draft(tmp_path):
    draft = write(tmp_path, example_data())
    before = draft.read_bytes()
    result = run_cli("render", draft, "-o", draft)
    assert result.returncode == 1, result.stderr
    assert "is the draft itself" in result.stderr and "Traceback" not in result.stderr
    assert draft.read_bytes() == before


def test_render_refuses_the_draft_through_another_path(tmp_path):
    draft = write(tmp_path, example_data())
    before = draft.read_bytes()
    (tmp_path / "sub").mkdir()
    result = run_cli("render", draft, "-o", tmp_path / "sub" / ".." / "d.pykala")
    assert result.returncode == 1 and "is the draft itself" in result.stderr
    result = run_cli("render", draft, "-o", tmp_path / "o.docx", "--pdf", draft)
    assert result.returncode == 1 and "is the draft itself" in result.stderr
    assert draft.read_bytes() == before
    assert not (tmp_path / "o.docx").exists()


def test_render_refuses_the_same_file_for_word_and_pdf(tmp_path):
    out = tmp_path / "x.docx"
    result = run_cli("render", EXAMPLE_885, "-o", out, "--pdf", tmp_path / "." / "x.docx")
    assert result.returncode == 1
    assert "both name" in result.stderr and "wrote" not in result.stdout
    assert not out.exists()


def test_build_refuses_to_write_over_its_own_items(tmp_path):
    # An item whose file name is what the build would call its output.
    path = meeting_folder(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    source = path.parent / "01-laillisuus.pykala"
    item = json.loads(source.read_text(encoding="utf-8"))
    name = f"{names.file_stem('332 ' + item['item']['title'])}.docx"  # as names.item_stem
    trap = path.parent / name
    shutil.copy(source, trap)
    data["items"][0] = name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = trap.read_bytes()
    result = run_cli("build", path, "--items", "-o", path.parent)
    assert result.returncode == 1, result.stderr
    assert "one of the meeting's own files" in result.stderr
    assert trap.read_bytes() == before


# --- case 4: two outputs of a build with one name --------------------------------------


def test_build_names_are_unique(tmp_path):
    path = meeting_folder(
        tmp_path, {"a.pykala": EXAMPLE_885, "b.pykala": EXAMPLE_885}, first_section=None
    )
    out = tmp_path / "out"
    result = run_cli("build", path, "--items", "-o", out)
    assert result.returncode == 0, result.stderr
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 2, files
    plain = min(files, key=len)
    assert set(files) == {plain, plain.replace(".docx", " (2).docx")}
    wrote = [line for line in result.stdout.splitlines() if line.startswith("wrote")]
    assert len(wrote) == len(set(wrote)) == 2


# --- case 3: a build is all or nothing ---------------------------------------------------


def run_cli_limited(max_bytes: int, *args):
    """The CLI in a child process that may write no file larger than `max_bytes`: a real
    write error (EFBIG, "File too large") from the kernel, not a patched function."""
    import resource
    import signal
    import subprocess

    from tests.conftest import ROOT

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))

    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"),
        preexec_fn=limit,
        timeout=300,
    )


def test_a_failed_build_leaves_the_old_files_and_says_so_truthfully(tmp_path, monkeypatch, capsys):
    path = meeting_folder(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    old = out / "Esityslista 18-2021.docx"
    old.write_bytes(b"old agenda")
    real_replace, calls = os.replace, []

    def failing_replace(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(target))
        real_replace(source, target)

    # Fail while writing, for real: the kernel refuses to grow a file past 16 KiB (the
    # process's RLIMIT_FSIZE), as a full disk refuses. Nothing may change.
    result = run_cli_limited(16 * 1024, "build", path, "--agenda", "--items", "-o", out)
    assert result.returncode == 1, result.stderr
    assert "Nothing was written" in result.stderr and "File too large" in result.stderr
    assert "Traceback" not in result.stderr
    assert old.read_bytes() == b"old agenda"
    assert sorted(p.name for p in out.iterdir()) == [old.name]

    # Fail while moving into place: the message names exactly the new files.
    monkeypatch.setattr(meeting.os, "replace", failing_replace)
    assert cli.main(["build", str(path), "--agenda", "--items", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Nothing was written" not in err
    new_part, old_part = err.split("These were not written")
    assert "Esityslista 18-2021.docx" in new_part
    assert "332 " in old_part and "Esityslista" not in old_part
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


# --- case 8: hostile input is a message, not exit 3 -----------------------------------


def test_attachment_name_too_long(tmp_path):
    data = example_data()
    data["item"]["attachments"] = [{"title": "Liite", "file": "x" * 300 + ".pdf"}]
    draft = write(tmp_path, data)
    for command in (["check", draft], ["render", draft, "-o", tmp_path / "o.docx"]):
        result = run_cli(*command)
        assert result.returncode == 1, result.stderr
        assert "item.attachments[0].file" in result.stderr
        assert "internal error" not in result.stderr
    assert not (tmp_path / "o.docx").exists()


def test_deeply_nested_json_is_unreadable(tmp_path):
    draft = tmp_path / "deep.pykala"
    draft.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = run_cli("check", draft)
    assert result.returncode == 2, result.stderr
    assert "nested too deeply" in result.stderr


def test_meeting_item_with_a_nul_character(tmp_path):
    path = meeting_folder(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["items"][1] = "bad\u0000name.pykala"
    path.write_text(json.dumps(data), encoding="utf-8")
    for command in (["build", path, "--items", "-o", tmp_path / "out"], ["number", path]):
        result = run_cli(*command)
        assert result.returncode == 2, result.stderr
        assert "items[1]" in result.stderr and "NUL" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX execute permission")
def test_soffice_that_is_not_executable(tmp_path):
    fake = tmp_path / "soffice"
    fake.write_text("not a program", encoding="utf-8")
    env = dict(os.environ, PYKALA_SOFFICE=str(fake))
    result = run_cli(
        "render", EXAMPLE_885, "-o", tmp_path / "o.docx", "--pdf", tmp_path / "o.pdf", env=env
    )
    assert result.returncode == 1, result.stderr
    assert "not executable" in result.stderr and str(fake) in result.stderr
    path = meeting_folder(tmp_path)
    result = run_cli("build", path, "--items", "--pdf", "-o", tmp_path / "out", env=env)
    assert result.returncode == 1, result.stderr
    assert "not executable" in result.stderr


# --- case 9: links and special files -------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges")
def test_a_symlink_output_is_written_through(tmp_path):
    real = tmp_path / "real.docx"
    real.write_bytes(b"old")
    link = tmp_path / "link.docx"
    link.symlink_to(real)
    result = run_cli("render", EXAMPLE_885, "-o", link)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and real.read_bytes().startswith(b"PK")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_special_files_and_folders_are_refused(tmp_path):
    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    result = run_cli("render", EXAMPLE_885, "-o", fifo)
    assert result.returncode == 1, result.stderr
    assert "not a regular file" in result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    result = run_cli("render", EXAMPLE_885, "-o", tmp_path / "o.docx", "--pdf", folder)
    assert result.returncode == 1 and "it is a folder" in result.stderr
    assert folder.is_dir() and not (tmp_path / "o.docx").exists()
    if os.path.exists("/dev/null"):
        result = run_cli("render", EXAMPLE_885, "-o", "/dev/null")
        assert result.returncode == 1 and "not a regular file" in result.stderr
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    if os.path.islink("/dev/stdout"):  # a link to the pipe run_cli reads: refused, kept
        result = run_cli("render", EXAMPLE_885, "-o", "/dev/stdout")
        assert result.returncode == 1 and "not a regular file" in result.stderr
        assert os.path.islink("/dev/stdout")


def test_an_empty_output_name(tmp_path):
    result = run_cli("render", EXAMPLE_885, "-o", "")
    assert result.returncode == 2
    assert "no output file given" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges")
def test_number_keeps_a_symlinked_item_a_link(tmp_path):
    path = meeting_folder(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    real = tmp_path / "elsewhere.pykala"
    shutil.copy(EXAMPLE_885, real)
    (path.parent / "linked.pykala").symlink_to(real)
    data["items"] = ["01-laillisuus.pykala", "linked.pykala"]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run_cli("number", path)
    assert result.returncode == 0, result.stderr
    assert (path.parent / "linked.pykala").is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["item"]["section"] == 333


# --- case 11 -------------------------------------------------------------------------


def test_duplicate_keys_are_an_error_naming_the_key(tmp_path):
    text = json.dumps(example_data(), ensure_ascii=False)
    text = text.replace('"title": ', '"title": "Kopio", "title": ', 1)
    draft = tmp_path / "dup.pykala"
    draft.write_text(text, encoding="utf-8")
    result = run_cli("check", draft)
    assert result.returncode == 2, result.stderr
    assert "written twice" in result.stderr
    key = next(line for line in result.stderr.splitlines() if "written twice" in line)
    assert "title" in key and "." in key.split(":")[0]


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for soffice")
def test_a_killed_libreoffice_is_said_so(tmp_path):
    fake = tmp_path / "soffice"
    fake.write_text(
        "#!/bin/sh\necho 'failed to launch javaldx - java may not function correctly' >&2\n"
        "kill -9 $$\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    env = dict(os.environ, PYKALA_SOFFICE=str(fake))
    result = run_cli(
        "render", EXAMPLE_885, "-o", tmp_path / "o.docx", "--pdf", tmp_path / "o.pdf", env=env
    )
    assert result.returncode == 1, result.stderr
    assert "stopped before the PDF was finished" in result.stderr
    assert "javaldx" not in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for soffice")
def test_a_hung_libreoffice_has_one_time_limit(tmp_path):
    # soffice that never answers: the warm start fails, and the cold one may only use what is
    # left of the one limit (before: 60 s warm, then 120 s more cold).
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nexec sleep 600\n", encoding="utf-8")
    fake.chmod(0o755)
    env = dict(os.environ, PYKALA_SOFFICE=str(fake), PYKALA_PDF_TIMEOUT="4")
    path = meeting_folder(tmp_path)
    started = time.monotonic()
    result = run_cli("build", path, "--items", "--pdf", "-o", tmp_path / "out", env=env)
    elapsed = time.monotonic() - started
    assert result.returncode == 1, result.stderr
    assert "did not finish within 4 s" in result.stderr or "did not answer" in result.stderr
    assert elapsed < 30, elapsed
    assert not (tmp_path / "out").exists()
