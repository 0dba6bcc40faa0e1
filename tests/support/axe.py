"""The accessibility check of the web pages: axe-core run in headless Chromium.

Each page is copied beside itself with two scripts added at the end of its body: axe-core
and a call of `axe.run` on the WCAG 2.0/2.1 A and AA rules that writes the violations into
the page. Chromium loads the copy, lets its scripts run (`--virtual-time-budget`) and prints
the resulting DOM (`--dump-dom`), from which the violations are read. The pages themselves
are not changed. `make axe` (part of `make test`) installs axe-core; Debian's `chromium`
package gives the browser.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TIMEOUT = 120  # seconds for one page, Chromium's start included

_RUNNER = """
<script src="{axe}"></script>
<script>
(function () {{
  function report(data) {{
    var out = document.createElement("pre");
    out.id = "axe-result";
    out.textContent = JSON.stringify(data);
    document.body.appendChild(out);
  }}
  axe.run(document, {{runOnly: {{type: "tag", values: {tags}}}, resultTypes: ["violations"]}})
    .then(function (result) {{
      report({{violations: result.violations.map(function (v) {{
        return {{id: v.id, impact: v.impact, help: v.help,
                 nodes: v.nodes.map(function (n) {{ return n.html; }})}};
      }}), passes: result.passes.length}});
    }}, function (error) {{ report({{error: String(error)}}); }});
}})();
</script>
"""
_RESULT = re.compile(r'<pre id="axe-result">(.*?)</pre>', re.S)


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def missing() -> str:
    """What to install before the check can run, as the exact command; "" when all is there."""
    needed = []
    if chromium() is None:
        needed.append("apt-get install -y --no-install-recommends chromium")
    if not AXE_SCRIPT.is_file():
        needed.append(f"make -C {ROOT} axe")
    if not needed:
        return ""
    return "The accessibility check needs axe-core and Chromium. Run:\n  " + "\n  ".join(needed)


def _wrapped(page: Path, folder: Path) -> Path:
    text = page.read_text(encoding="utf-8")
    runner = _RUNNER.format(axe=AXE_SCRIPT.as_uri(), tags=json.dumps(TAGS))
    at = text.rindex("</body>")
    copy = folder / f"{len(list(folder.iterdir()))}.html"
    copy.write_text(text[:at] + runner + text[at:], encoding="utf-8")
    return copy


def _run(copy: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="pykala-chromium-") as profile:
        done = subprocess.run(
            [
                chromium() or "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                f"--user-data-dir={profile}",
                "--virtual-time-budget=15000",
                "--dump-dom",
                copy.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
    found = _RESULT.search(done.stdout)
    if not found:
        return {
            "error": f"axe wrote no result (chromium exit {done.returncode}): "
            + done.stderr[-2000:]
        }
    return json.loads(html.unescape(found.group(1)))


def violations(pages: list[Path]) -> dict[Path, list[dict]]:
    """axe-core's WCAG 2.1 A/AA violations of each page (two Chromiums at a time). Raises
    RuntimeError when axe could not run on a page: a check that did not run is no pass."""
    with tempfile.TemporaryDirectory(prefix="pykala-axe-") as folder:
        copies = [_wrapped(page, Path(folder)) for page in pages]
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(_run, copies))
    out = {}
    for page, result in zip(pages, results, strict=True):
        if "error" in result or result.get("passes", 0) == 0:
            raise RuntimeError(f"{page}: {result.get('error', 'axe checked nothing')}")
        out[page] = result["violations"]
    return out
