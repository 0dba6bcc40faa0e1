"""Timings of Pykälä, each against a baseline measured in the same process.

    python benchmarks/run.py            # a table
    python benchmarks/run.py --json     # {"name": {"median", "unit", "baseline", "ratio"}, …}
    python benchmarks/run.py --only render_example_docx

Baselines: a bare docxtpl render of the same template and context (what the renderer adds on
top of docxtpl), and a bare `soffice --convert-to` with a fresh profile (cold LibreOffice).
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docxtpl import DocxTemplate  # noqa: E402

from drafting import draftfile  # noqa: E402
from drafting.render import context, docx, pdf  # noqa: E402

EXAMPLE = ROOT / "resources" / "examples" / "kh-2021-05-03-s333.pykala"


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    action()  # warm caches (imports, template parsing in the OS cache) once
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def figure(median: float, baseline: float) -> dict:
    return {"median": round(median, 4), "unit": "s", "baseline": round(baseline, 4),
            "ratio": round(median / baseline, 2) if baseline else None}


def _bare_docxtpl(ctx: dict) -> bytes:
    values = docx._template_values(ctx)  # the same values, rendered by docxtpl alone
    document = DocxTemplate(str(docx.ITEM_TEMPLATE))
    document.render(values, autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _ours(draft) -> bytes:
    return docx.render(context.build(draft))


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
    return figure(median_seconds(lambda: _ours(draft), repeat),
                  median_seconds(lambda: _bare_docxtpl(ctx), repeat))


def bench_render_40_pages_docx(repeat: int) -> dict:
    draft = synthetic_long_item()
    ctx = context.build(draft)
    return figure(median_seconds(lambda: _ours(draft), repeat),
                  median_seconds(lambda: _bare_docxtpl(ctx), repeat))


def _bare_soffice(data: bytes) -> None:
    soffice = pdf.find_soffice()
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "d.docx"
        source.write_bytes(data)
        profile = Path(work) / "profile"
        subprocess.run([str(soffice), "--headless", "--norestore",
                        f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf",
                        "--outdir", work, str(source)], check=True, capture_output=True)


def bench_docx_to_pdf_cold(repeat: int) -> dict:
    data = _ours(draftfile.load(EXAMPLE))
    return figure(median_seconds(lambda: pdf.convert(data), repeat),
                  median_seconds(lambda: _bare_soffice(data), repeat))


BENCHMARKS: dict[str, tuple[Callable[[int], dict], int]] = {
    "render_example_docx": (bench_render_example_docx, 15),
    "render_40_pages_docx": (bench_render_40_pages_docx, 5),
    "docx_to_pdf_cold": (bench_docx_to_pdf_cold, 3),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--only", action="append", choices=sorted(BENCHMARKS))
    args = parser.parse_args()
    results = {}
    for name, (bench, repeat) in BENCHMARKS.items():
        if args.only and name not in args.only:
            continue
        results[name] = bench(repeat)
        if not args.json:
            r = results[name]
            print(f"{name:28} median {r['median']:8.4f} {r['unit']}   baseline "
                  f"{r['baseline']:8.4f}   ratio {r['ratio']}", flush=True)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
