"""Timings of Pykälä, each against a baseline measured in the same process.

    python benchmarks/run.py            # a table
    python benchmarks/run.py --json     # {"name": {"median", "unit", "baseline", "ratio"}, …}
    python benchmarks/run.py --only render_example_docx
    python benchmarks/run.py --check    # and exit 1 when a figure misses its goal
    python benchmarks/run.py --check --figures FIGURES.json   # check a --json run's output

The goals are benchmarks/thresholds.toml: the most a figure's median and its ratio to the
baseline may be. Not part of `make test`: timings depend on the machine's load.

Baselines: a bare docxtpl render of the same template and context (what the renderer adds on
top of docxtpl), and a bare `soffice --convert-to` with a fresh profile (cold LibreOffice).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docxtpl import DocxTemplate  # noqa: E402

from drafting import draftfile, produce  # noqa: E402
from drafting.render import context, docx, pdf  # noqa: E402

EXAMPLE = ROOT / "resources" / "examples" / "kh-2021-05-03-s333.pykala"
THRESHOLDS = Path(__file__).with_name("thresholds.toml")


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    action()  # warm caches (imports, template parsing in the OS cache) once
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def figure(median: float, baseline: float) -> dict:
    return {
        "median": round(median, 4),
        "unit": "s",
        "baseline": round(baseline, 4),
        "ratio": round(median / baseline, 2) if baseline else None,
    }


def _bare_docxtpl(ctx: dict) -> bytes:
    values = docx._template_values(ctx)  # the same values, rendered by docxtpl alone
    document = DocxTemplate(str(docx.ITEM_TEMPLATE))
    document.render(values, autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _ours(draft) -> bytes:
    """The document as the program makes it (drafting.produce), without the carried draft."""
    (made,) = produce.produce(draft, ("docx",), carry_draft=False)
    return made.data


def synthetic_long_item(pages: int = 40):
    """An item whose reasoning fills about `pages` pages: paragraphs, sub-headings, lists."""
    draft = draftfile.load(EXAMPLE)
    chunk = (
        "Kaupunginhallitus toteaa, että asiaa on valmisteltu yhteistyössä toimialojen kanssa "
        "ja että esitetyt toimenpiteet ovat linjassa kaupunkistrategian kanssa. " * 4
    )
    parts = []
    for n in range(pages * 9 // 2):
        parts.append(f"## Väliotsikko {n + 1}" if n % 6 == 0 else chunk)
        if n % 9 == 4:
            parts.append("- ensimmäinen kohta\n- toinen kohta\n- kolmas kohta")
    draft.item.proposal.reasoning = "\n\n".join(parts)
    return draft


def bench_render_example_docx(repeat: int) -> dict:
    draft = draftfile.load(EXAMPLE)
    ctx = context.build(draft)
    return figure(
        median_seconds(lambda: _ours(draft), repeat),
        median_seconds(lambda: _bare_docxtpl(ctx), repeat),
    )


def bench_render_40_pages_docx(repeat: int) -> dict:
    draft = synthetic_long_item()
    ctx = context.build(draft)
    return figure(
        median_seconds(lambda: _ours(draft), repeat),
        median_seconds(lambda: _bare_docxtpl(ctx), repeat),
    )


def _bare_soffice(data: bytes) -> None:
    soffice = pdf.find_soffice()
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "d.docx"
        source.write_bytes(data)
        profile = Path(work) / "profile"
        subprocess.run(
            [
                str(soffice),
                "--headless",
                "--norestore",
                f"-env:UserInstallation={profile.as_uri()}",
                "--convert-to",
                "pdf",
                "--outdir",
                work,
                str(source),
            ],
            check=True,
            capture_output=True,
        )


def bench_docx_to_pdf_cold(repeat: int) -> dict:
    data = _ours(draftfile.load(EXAMPLE))
    return figure(
        median_seconds(lambda: pdf.convert(data), repeat),
        median_seconds(lambda: _bare_soffice(data), repeat),
    )


def _startup(kind: str) -> float:
    probe = Path(__file__).with_name("startup_probe.py")
    # A user's start reads the compiled modules Python wrote at the first one (a bundle ships
    # them): the probe may write and read them even where PYTHONDONTWRITEBYTECODE is set.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run(
        [sys.executable, str(probe), str(time.time()), kind],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    return float(out.strip().splitlines()[-1])


def bench_startup_window(repeat: int) -> dict:
    """Process start → main window shown with an example, against a bare Qt label window.
    One start first, not counted: the first start after an install or change compiles the
    modules, as a user's does once."""
    _startup("pykala")
    ours = statistics.median(_startup("pykala") for _ in range(repeat))
    bare = statistics.median(_startup("bare") for _ in range(repeat))
    return figure(ours, bare)


def _key_times(editor, keys: int) -> list[float]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    times = []
    for n in range(keys):
        key = Qt.Key.Key_Space if n % 6 == 5 else Qt.Key.Key_A
        start = time.perf_counter()
        QTest.keyClick(editor, key)
        times.append(time.perf_counter() - start)
    return times


def _p95(times: list[float]) -> float:
    return sorted(times)[int(len(times) * 0.95)]


def bench_keystroke_50_pages(repeat: int) -> dict:
    """p95 handling time of one keystroke in a 50-page reasoning (spelling off), against a
    plain QTextEdit holding the same text (so the ratio is what Pykälä adds per key)."""
    from PySide6.QtWidgets import QTextEdit

    draft = synthetic_long_item(50)
    window, editor = _keystroke_window(spelling_on=False)
    bare = QTextEdit()
    bare.setPlainText(richtext_plain(draft.item.proposal.reasoning))
    bare.show()
    ours = _p95(_key_times(editor, 60 * repeat))
    baseline = _p95(_key_times(bare, 60 * repeat))
    window.close_unasked = True
    window.close()
    return {**figure(ours, baseline), "unit": "s (p95)"}


def _keystroke_window(spelling_on: bool):
    """A drafting window holding the 50-page reasoning, spelling on or off; its editor."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, QStandardPaths

    from ui import app
    from ui.services import settings
    from ui.windows.mainwindow import MainWindow

    QStandardPaths.setTestModeEnabled(True)
    app.application()
    settings.Settings(QSettings())[settings.SPELLING] = spelling_on
    draft = synthetic_long_item(50)
    window = MainWindow()
    window.session.new_from_example(EXAMPLE)
    window.document.apply("item.proposal.reasoning", draft.item.proposal.reasoning)
    window.show()
    window.form.setCurrentIndex(1)
    editor = window.form.binder.widget_for("item.proposal.reasoning").editor
    editor.setFocus()
    # Typing in the middle of a long paragraph: each key re-checks all of it.
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().findBlockByNumber(1).position() + 200)
    editor.setTextCursor(cursor)
    return window, editor


def _close(window) -> None:
    """Close a window and wait for the work it left in the thread pool (a last spelling
    check, a preview), so that it does not run during the next measurement."""
    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool

    window.close_unasked = True
    window.close()
    window.deleteLater()
    QThreadPool.globalInstance().waitForDone(60_000)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def bench_keystroke_50_pages_spellcheck(repeat: int) -> dict:
    """p95 of one keystroke in the 50-page reasoning with spelling and grammar underlined as
    you type, against the same window with checking off (what checking adds per key)."""
    from ui.services import settings

    times: dict[bool, list[float]] = {True: [], False: []}
    for spelling_on in (True, False, True, False):  # interleaved: load on the machine varies
        window, editor = _keystroke_window(spelling_on)
        times[spelling_on] += _key_times(editor, 30 * repeat)
        _close(window)
    settings.Settings()[settings.SPELLING] = True
    return {**figure(_p95(times[True]), _p95(times[False])), "unit": "s (p95)"}


def bench_open_50_pages_spellcheck(repeat: int) -> dict:
    """Showing a varied 50-page text in an editor with underlines on, cold (a new checker,
    nothing cached; the dictionaries loaded once before, as at the first draft), against
    the same editor with them off; then the underlining that follows in slices: the longest
    slice (how long a key may wait) and all of it."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QStandardPaths

    from drafting import spelling as core
    from ui import app
    from ui.services import settings
    from ui.services.people import PeopleDirectory
    from ui.widgets.richtext_edit import RichTextEdit
    from ui.widgets.spellcheck import Spelling

    QStandardPaths.setTestModeEnabled(True)
    app.application()
    text = varied_50_pages()
    chosen = settings.Settings(QSettings())
    slices: list[float] = []
    totals: list[float] = []
    shown: dict[bool, list[float]] = {True: [], False: []}

    def show(on: bool) -> None:
        chosen[settings.SPELLING] = on
        spelling = Spelling(chosen, PeopleDirectory())
        editor = RichTextEdit()  # a new checker: no word or paragraph cached
        highlighter = spelling.attach_editor(editor)
        started = time.perf_counter()
        editor.set_markdown(text)
        shown[on].append(time.perf_counter() - started)
        if on:
            highlighter._timer.stop()  # the slices one after another, each timed alone
            while highlighter._waiting:
                start = time.perf_counter()
                highlighter._next_slice()
                slices.append(time.perf_counter() - start)
            totals.append(time.perf_counter() - started)
        editor.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # not measured

    core._engines.speller("fi")
    core._engines.voikko()
    for _ in range(repeat):
        show(True)
        show(False)
    figures = {
        "open_50_pages_spellcheck": figure(
            statistics.median(shown[True]), statistics.median(shown[False])
        ),
        "underline_50_pages_longest_slice": {**figure(max(slices), 0), "unit": "s (max)"},
        "underline_50_pages_all": figure(statistics.median(totals), 0),
    }
    chosen[settings.SPELLING] = True
    return figures


def varied_50_pages() -> str:
    """About 50 pages of Finnish prose whose paragraphs all differ: the two references'
    paragraphs, cycled, each with its words in a new order (no paragraph cache helps)."""
    import random

    from drafting import checks, spelling

    lines = []
    for example in sorted((ROOT / "resources" / "examples").glob("*.pykala")):
        for _path, text in checks.spelled_fields(draftfile.load(example)):
            lines += [line for _o, line in spelling.paragraphs(text) if len(line) > 40]
    shuffle = random.Random(13)
    out, words = [], 0
    while words < 50 * 350:
        line = lines[len(out) % len(lines)].split()
        shuffle.shuffle(line)
        out.append(" ".join(line))
        words += len(line)
    return "\n\n".join(out)


def bench_spellcheck_50_pages_full(repeat: int) -> dict:
    """A full spelling and grammar check of 50 pages in a worker thread, with a cold cache
    (a new checker each time), until the UI thread has the answer; against Enchant alone
    checking the same words one by one on this thread (what tokenising, skipping and
    grammar add)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop

    from drafting import spelling
    from ui import app
    from ui.services import worker

    app.application()
    text = varied_50_pages()

    def full() -> None:
        checker = spelling.Checker("fi")
        loop = QEventLoop()
        found: list = []
        worker.start(
            lambda: spelling.check_text(checker, text),
            lambda r: (found.append(r), loop.quit()),
            lambda e: (found.append(e), loop.quit()),
        )
        loop.exec()
        assert isinstance(found[0], list), found

    engine = spelling._engines.speller("fi")
    every_word = spelling.WORD.findall(text)
    return figure(
        median_seconds(full, repeat),
        median_seconds(lambda: [engine.check(w) for w in every_word], repeat),
    )


class _BlockWatch:
    """Longest gap between ticks of a 1 ms timer: how long the UI thread was busy."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self.last = time.perf_counter()
        self.timer = QTimer(interval=1)
        self.timer.timeout.connect(self.tick)

    def tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def start(self) -> None:
        self.longest, self.last = 0.0, time.perf_counter()
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return self.longest

    def idle(self) -> float:
        """The longest stretch over an idle second: the baseline of a measurement."""
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        self.start()
        QTimer.singleShot(1000, loop.quit)
        loop.exec()
        return self.stop()


def _wait(signal, seconds: float = 60) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def _window_with_example():
    """The drafting window, offscreen, with § 333 open and its pages shown."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QStandardPaths

    from ui import app
    from ui.windows.mainwindow import MainWindow

    QStandardPaths.setTestModeEnabled(True)
    app.application()
    window = MainWindow()
    window.show()
    window.open_path(EXAMPLE)
    _wait(window.preview.shown)
    return window


def bench_preview(repeat: int) -> dict:
    """Last keystroke → refreshed preview (warm LibreOffice, debounce included), against a
    cold `soffice --convert-to` of the same item; and the UI thread's longest busy stretch
    during those refreshes, against the same watch over an idle second."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = _window_with_example()
    title = window.form.binder.widget_for("item.title")
    watch = _BlockWatch()
    idle_block = watch.idle()
    delays, blocks = [], []
    for _ in range(repeat):
        watch.start()
        QTest.keyClick(title, Qt.Key.Key_X)
        start = time.perf_counter()
        _wait(window.preview.shown)
        delays.append(time.perf_counter() - start)
        blocks.append(watch.stop())
    data = _ours(draftfile.load(EXAMPLE))
    cold = statistics.median(_timed(lambda: pdf.convert(data)) for _ in range(max(3, repeat // 3)))
    window.close_unasked = True
    window.close()
    return {
        "preview_after_keystroke": figure(statistics.median(delays), cold),
        "ui_blocked_during_refresh": {**figure(max(blocks), idle_block), "unit": "s (max)"},
    }


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _meeting_probe(count: int, *mode: str) -> dict:
    probe = Path(__file__).with_name("meeting_probe.py")
    out = subprocess.run(
        [sys.executable, str(probe), str(count), *mode], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def bench_meeting(repeat: int) -> dict:
    """Minutes of a synthetic 100-item meeting (≈300 pages) to DOCX, each run in a fresh
    process for its peak memory; against rendering the same 100 items as separate files
    (what combining them into one document adds). Per-item cost at 10, 50 and 100 items
    shows whether it grows linearly."""
    runs = [_meeting_probe(100) for _ in range(repeat)]
    seconds = statistics.median(r["seconds"] for r in runs)
    draft = draftfile.load(ROOT / "resources" / "examples" / "kh-2021-11-22-s885.pykala")
    separate = median_seconds(lambda: [_ours(draft) for _ in range(100)], max(1, repeat // 2))
    figures = {
        "minutes_100_items_docx": figure(seconds, separate),
        "minutes_100_items_peak_memory": {
            "median": round(statistics.median(r["peak_mb"] for r in runs), 1),
            "unit": "MB",
            "baseline": None,
            "ratio": None,
        },
    }
    per_item_10 = statistics.median(_meeting_probe(10)["seconds"] for _ in range(repeat)) / 10
    for count in (10, 50, 100):
        taken = (
            seconds
            if count == 100
            else statistics.median(_meeting_probe(count)["seconds"] for _ in range(repeat))
        )
        figures[f"minutes_per_item_at_{count}"] = {
            **figure(taken / count, per_item_10),
            "unit": "s/item",
        }
    return figures


def bench_meeting_pdf(repeat: int) -> dict:
    """The 100-item minutes built with their PDF (as `pykala build --pdf`: LibreOffice started
    for it, each section's pages counted), against the same build to DOCX plus one bare
    `soffice --convert-to` of that DOCX, measured side by side in one process per run: what
    the PDF costs beyond one plain conversion."""
    runs = [_meeting_probe(100, "pdf") for _ in range(repeat)]
    return {
        "minutes_100_items_pdf": figure(
            statistics.median(r["pdf"] for r in runs),
            statistics.median(r["docx"] + r["bare"] for r in runs),
        ),
        "minutes_100_items_docx_side_by_side": figure(
            statistics.median(r["docx"] for r in runs), 0
        ),
        "minutes_100_items_bare_conversion": figure(statistics.median(r["bare"] for r in runs), 0),
    }


def _print_probe(*args: str) -> dict:
    probe = Path(__file__).with_name("print_probe.py")
    out = subprocess.run(
        [sys.executable, str(probe), *args], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def bench_print(repeat: int) -> dict:
    """Printing the 7-page § 333: seconds until the job is handed to the print queue, and the
    peak memory of a process that does it, each run in a fresh process; against the old path
    (every page rasterised at 1200 dpi into a PDF printer, once). And the UI thread's longest
    busy stretch from Ctrl+P to "Printed", against an idle second. The queue is a private CUPS
    scheduler's PDF queue (tests/support/print_queue.py), so no real printer is used."""
    import os

    from tests.support import print_queue

    os.environ["CUPS_SERVER"] = str(print_queue.SOCKET)
    scheduler = print_queue.Scheduler()
    try:
        queue = print_queue.Queue("benchmark")
        with tempfile.TemporaryDirectory() as work:
            source = Path(work) / "333.pdf"
            source.write_bytes(pdf.convert(_ours(draftfile.load(EXAMPLE))))
            ours = [_print_probe("queue", str(source), queue.name) for _ in range(repeat)]
            old = _print_probe("raster", str(source), str(Path(work) / "raster.pdf"))
        blocked, idle = _ui_blocked_during_print(queue.name)
    finally:
        scheduler.stop()
    return {
        "print_7_pages": figure(statistics.median(r["seconds"] for r in ours), old["seconds"]),
        "print_7_pages_peak_memory": {
            **figure(statistics.median(r["peak_mb"] for r in ours), old["peak_mb"]),
            "unit": "MB",
        },
        "ui_blocked_during_print": {**figure(blocked, idle), "unit": "s (max)"},
    }


def _ui_blocked_during_print(printer: str) -> tuple[float, float]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = _window_with_example()

    def choose(qprinter, pages: int) -> bool:
        qprinter.setPrinterName(printer)
        return True

    window.ask.print_setup = choose  # what the user picks in the print dialog
    watch = _BlockWatch()
    idle_block = watch.idle()
    watch.start()
    QTest.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    _wait(window.printing.finished)
    blocked = watch.stop()
    window.close_unasked = True
    window.close()
    return blocked, idle_block


def bench_session_typing(repeat: int) -> dict:
    """The meeting in session: the longest UI-thread block of one key while names and a
    15-member roll-call vote are typed (benchmarks/session_typing.py), against the same keys
    into bare widgets; and the longest of its action keys (record, open and close a vote),
    printed without a goal."""
    from session_typing import longest_blocks  # benchmarks/, beside this script

    ours, bare, actions = longest_blocks(repeat)
    baseline = statistics.median(bare)
    return {
        "session_typing": {**figure(statistics.median(ours), baseline), "unit": "s (max)"},
        "session_action_keys": {
            **figure(statistics.median(actions), baseline),
            "unit": "s (max)",
        },
    }


def richtext_plain(text: str) -> str:
    from drafting.richtext import plain_text

    return plain_text(text)


BENCHMARKS: dict[str, tuple[Callable[[int], dict], int]] = {
    "render_example_docx": (bench_render_example_docx, 15),
    "render_40_pages_docx": (bench_render_40_pages_docx, 5),
    "docx_to_pdf_cold": (bench_docx_to_pdf_cold, 3),
    "startup_window": (bench_startup_window, 5),
    "keystroke_50_pages": (bench_keystroke_50_pages, 5),
    "keystroke_50_pages_spellcheck": (bench_keystroke_50_pages_spellcheck, 5),
    "spellcheck_50_pages_full": (bench_spellcheck_50_pages_full, 5),
    "open_50_pages_spellcheck": (bench_open_50_pages_spellcheck, 3),
    "preview": (bench_preview, 9),
    "meeting": (bench_meeting, 3),
    "meeting_pdf": (bench_meeting_pdf, 3),
    "print": (bench_print, 5),
    "session_typing": (bench_session_typing, 5),
}


def thresholds(path: Path = THRESHOLDS) -> dict[str, dict[str, float]]:
    with path.open("rb") as file:
        return tomllib.load(file)


def misses(results: dict[str, dict], goals: dict[str, dict[str, float]]) -> list[str]:
    """Each figure of `results` that misses its goal, in words. A goal whose figure was not
    measured in this run (--only) is not checked."""
    found = []
    for name, goal in goals.items():
        figure = results.get(name)
        if figure is None:
            continue
        for key in ("median", "ratio"):
            value = figure.get(key)
            if key in goal and (value is None or value > goal[key]):
                found.append(f"{name}: {key} {value} {figure.get('unit', '')} > {goal[key]}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--only", action="append", choices=sorted(BENCHMARKS))
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    parser.add_argument("--figures", type=Path, help="check these figures (--json output)")
    args = parser.parse_args(argv)
    if args.figures:
        results = json.loads(args.figures.read_text(encoding="utf-8"))
        return report(results, thresholds()) if args.check else 0
    results = {}
    for name, (bench, repeat) in BENCHMARKS.items():
        if args.only and name not in args.only:
            continue
        found = bench(repeat)
        # A benchmark returns one figure, or several named ones.
        figures = found if "median" not in found else {name: found}
        results.update(figures)
        if not args.json:
            for key, r in figures.items():
                baseline = "" if r["baseline"] is None else f"{r['baseline']:8.4f}"
                print(
                    f"{key:32} median {r['median']:9.4f} {r['unit']:9} baseline "
                    f"{baseline:>9}   ratio {r['ratio']}",
                    flush=True,
                )
    if args.json:
        print(json.dumps(results, indent=2))
    return report(results, thresholds()) if args.check else 0


def report(results: dict[str, dict], goals: dict[str, dict[str, float]]) -> int:
    """Say each missed goal (on stderr, so --json stays JSON); 1 when there is one."""
    missed = misses(results, goals)
    checked = sum(1 for name in goals if name in results)
    for line in missed:
        print(f"MISSED {line}", file=sys.stderr)
    print(f"{checked - len(missed)} of {checked} goals met", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
