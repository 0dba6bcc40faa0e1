"""Peak memory of a benchmark probe, measured in the probe itself.

getrusage's ru_maxrss is no good here: a probe is forked from benchmarks/run.py, and Linux
counts the forked copy of the parent (hundreds of MB once Qt is loaded) as the probe's own
peak even after exec. The kernel's high-water mark of the probe's own memory (VmHWM) starts
afresh at exec. Where there is no /proc (macOS, Windows), ru_maxrss is the fallback.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path


def peak_mb(children: bool = False) -> float:
    """This process's peak resident memory in MB; with `children`, the larger of it and the
    largest finished child's (a child forked from this small process: little to inherit)."""
    own = _high_water_mb()
    if children:
        child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        own = max(own, child / (1024 * 1024 if sys.platform == "darwin" else 1024))
    return own


def _high_water_mb() -> float:
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)
