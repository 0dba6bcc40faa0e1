"""Run by test_meeting_recovery in a child process: the program's window with a meeting open in
its view; the meeting edited through the view's buttons (an item added, a participant added
and named), then kept running until the parent kills it or stops it.

    meeting_child.py MEETING ITEM MODE [DRAFT]

MEETING is opened as a user opens it (File → Open answered with it), ITEM is the answer to
"Add items…". DRAFT, if given, is opened in the drafting window and its title typed into.
Modes:
  sigkill  autosave after 1 s; report EDITED; the parent waits for the copy and kills.
  sigterm  no autosave before logout; report EDITED; the parent sends SIGTERM.
  crash    the crash handler installed (its message replaced by a line SHOWN <copies>);
           after the edits "Add" in the participants raises; report EDITED first.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from tests.ui.conftest import edit_cell, type_text  # noqa: E402
from tests.ui.launch import edit_then_run  # noqa: E402
from tests.ui.user import click, menu  # noqa: E402
from ui import app  # noqa: E402
from ui.services import crash, settings  # noqa: E402

PARTICIPANT = "Liisa Lähde"
TITLE = " — palautettava muutos"


def main() -> int:
    meeting, item, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    draft = sys.argv[4:5]
    app.application()
    settings.Settings()[settings.AUTOSAVE_SECONDS] = 1 if mode == "sigkill" else 600
    if mode == "crash":
        crash.handler.install()
        crash.handler.show = lambda _e, _d, _log, saved: print(f"SHOWN {saved}", flush=True)
    window = app.create_window(draft)
    window.show()
    notifier = app._on_sigterm(window)  # noqa: F841 - kept alive for the event loop

    def edit() -> None:
        if draft:
            title = window.form.binder.widget_for("item.title")
            title.setFocus()
            title.end(False)
            type_text(title, TITLE)
        window.ask.open_path = lambda _folder: meeting  # the file dialog's answer
        menu(window, "File", "Open meeting")
        view = window.meeting_windows[-1]
        view.ask.item_paths = lambda _folder: [item]  # the file dialog's answer
        click(view.buttons["add"])
        participants = view.participants
        row = participants.table.rowCount()
        click(participants.buttons["add"])
        edit_cell(participants.table, row, 0, PARTICIPANT)
        print("EDITED", flush=True)
        if mode == "crash":

            def broken():
                raise RuntimeError("rikki")

            participants.factory = broken
            click(participants.buttons["add"])

    return edit_then_run(edit)


if __name__ == "__main__":
    sys.exit(main())
