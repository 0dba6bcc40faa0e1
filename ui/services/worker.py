"""Run long work (rendering, conversion) off the UI thread and hear back on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

_running: set[Job] = set()  # a job lives until it has reported


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class Job(QRunnable):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # reported to the UI thread, shown as a message
            self._report(self.signals.failed, exc)
        else:
            self._report(self.signals.done, result)

    def _report(self, signal, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:
            pass  # the program is closing and nobody waits for the answer any more
        finally:
            _running.discard(self)


def start(
    work: Callable[[], Any],
    done: Callable[[Any], None],
    failed: Callable[[Exception], None],
    pool: QThreadPool | None = None,
) -> Job:
    """Start `work` in the pool; `done`/`failed` run on the UI thread afterwards."""
    job = Job(work)
    job.setAutoDelete(False)
    job.signals.done.connect(done)
    job.signals.failed.connect(failed)
    _running.add(job)
    (pool or QThreadPool.globalInstance()).start(job)
    return job


class Latest:
    """Which answer of background work still counts: the one way to drop stale results.

    `renew()` makes every answer asked for so far stale and gives the stamp the next job
    carries; `stamp()` is the stamp of now, for a job that does not outdate the ones before
    it. An answer counts only while `fresh(stamp)`. `settle()` says the newest request is
    answered; `waiting()` is True from a `renew()` until then."""

    def __init__(self) -> None:
        self._newest = self._settled = 0

    def renew(self) -> int:
        self._newest += 1
        return self._newest

    def stamp(self) -> int:
        return self._newest

    def fresh(self, stamp: int) -> bool:
        return stamp == self._newest

    def settle(self) -> None:
        self._settled = self._newest

    def waiting(self) -> bool:
        return self._settled != self._newest
