"""Started by benchmarks/run.py: build the minutes of a synthetic meeting of N items to DOCX
in this process and print seconds and peak memory (MB).

    python meeting_probe.py N
    python meeting_probe.py N pdf   # side by side: the build to DOCX, the build with its PDF
                                    # (as `pykala build --pdf`: a warm LibreOffice started
                                    # for it), and a bare `soffice --convert-to` of that DOCX
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from memory import peak_mb  # noqa: E402 - benchmarks/, beside this script

from drafting import meeting, produce  # noqa: E402

EXAMPLES = ROOT / "resources" / "examples"


def synthetic(folder: Path, count: int) -> Path:
    """A meeting of `count` three-page items (the § 885 example), ≈ 3 pages each."""
    shutil.copy(EXAMPLES / "kh-2021-11-22-s885.pykala", folder / "item.pykala")
    data = json.loads((EXAMPLES / "meeting" / "kh-18-2021.pykala").read_text("utf-8"))
    data["items"] = ["item.pykala"] * count
    path = folder / "meeting.pykala"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def side_by_side(count: int) -> dict:
    from run import _bare_soffice  # benchmarks/, beside this script

    with tempfile.TemporaryDirectory() as work:
        loaded = meeting.load(synthetic(Path(work), count))
        docx_folder, pdf_folder = Path(work) / "docx", Path(work) / "pdf"
        docx_folder.mkdir()
        pdf_folder.mkdir()
        start = time.perf_counter()
        (built,) = produce.build(loaded, ["minutes"], docx_folder)
        docx_seconds = time.perf_counter() - start
        data = built.read_bytes()
        start = time.perf_counter()
        _bare_soffice(data)
        bare_seconds = time.perf_counter() - start
        start = time.perf_counter()
        converter = produce.Converter()
        try:
            produce.build(loaded, ["minutes"], pdf_folder, ("docx", "pdf"), converter=converter)
        finally:
            converter.stop()
        pdf_seconds = time.perf_counter() - start
    return {"docx": docx_seconds, "bare": bare_seconds, "pdf": pdf_seconds, "bytes": len(data)}


def main() -> int:
    count = int(sys.argv[1])
    if sys.argv[2:] == ["pdf"]:
        print(json.dumps(side_by_side(count)))
        return 0
    with tempfile.TemporaryDirectory() as work:
        loaded = meeting.load(synthetic(Path(work), count))
        start = time.perf_counter()
        (output,) = produce.produce(loaded, ("docx",), kinds=("minutes",))
        seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb(), "bytes": len(output.data)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
