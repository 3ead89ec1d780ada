"""How long the network views of N synthetic minutes take to open and settle in Chromium.

    python tests/view_settle.py --docs 2000 --work /tmp/settle

writes N synthetic minutes (``bench.synth``), builds them (``kg build``), writes the three views
(``kg.workbench.views.render_view``) and opens each in headless Chromium over the DevTools protocol
(``tests/browser.py``), in real time. It prints, per view, the nodes and links drawn by default
(the page's limit, ``kg.workbench.views.DRAWN_MAX``), how many more are behind the filters, the page's
size, the time from navigation to the layout frozen (``data-settle-ms``, which the page records
with ``performance.now()``), when the browser has read the whole page (the detail panels come
last and are read while the layout runs), and how long the first click on a node takes to show
its details (the panels are parsed then). The target is under 5 s to settle; it is measured here, not
asserted: ``tests/workbench/test_views_scale.py`` asserts what the page draws and that it settles.
Work files are kept in ``--work`` and reused when they exist (delete them to start again).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent)]

from bench.synth import write_corpus  # noqa: E402
from kg.cli import main as kg  # noqa: E402
from kg.workbench.network import NETWORKS, load_index_file  # noqa: E402
from kg.workbench.views import VIEWS, Tallies, render_view  # noqa: E402
from tests.browser import Browser  # noqa: E402

READY = "document.body.getAttribute('data-ready') === '1'"
STATE = """JSON.stringify({settle: +document.body.dataset.settleMs, nodes: +document.body.dataset.nodes,
  edges: +document.body.dataset.edges, hidden: +document.body.dataset.hiddenNodes,
  errors: +document.body.dataset.errors, errorText: document.body.dataset.errorText || ""})"""
# A click on the best-placed node drawn, as the mouse gives it; returns ms until its details show.
CLICK = """(function () {
  var net = window.__mgNetwork, data = JSON.parse(document.getElementById("graph-data").textContent);
  var first = data.nodes.filter(function (n) { return n.rank === 0; })[0];
  var t = performance.now();
  net.body.emitter.emit("click", { nodes: [first.id], edges: [], pointer: {} });
  return [document.body.getAttribute("data-detail") === "node:" + first.id, performance.now() - t];
})()"""


def build_views(docs: int, work: Path) -> tuple[Path, dict[str, int]]:
    """The views of ``docs`` synthetic minutes in ``work/views`` (made once), and each view's node count."""
    minutes, graph, views = work / "minutes", work / "graph.ttl", work / "views"
    if not minutes.exists():
        write_corpus(docs, minutes)
    if not graph.exists():
        assert kg(["build", str(minutes), "--out", str(graph), "--no-cache", "-q"]) == 0
    totals = {}
    index = None
    views.mkdir(parents=True, exist_ok=True)
    for spec in VIEWS:
        page = views / f"{spec.name}.html"
        if page.exists():
            m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>',
                          page.read_text("utf-8"), re.S)
            totals[spec.name] = len(json.loads(m.group(1))["nodes"])
            continue
        if index is None:
            index = load_index_file(graph)
            tallies = Tallies(index)
        g = NETWORKS[spec.name](index)
        page.write_text(render_view(spec, g, index, tallies), encoding="utf-8")
        totals[spec.name] = g.number_of_nodes()
    return views, totals


def measure(views: Path, names: list[str], timeout: float = 300) -> dict[str, dict]:
    """Open each view in a fresh page of one headless Chromium; what it drew and when it settled."""
    found = {}
    with Browser() as browser:
        for name in names:
            page = views / f"{name}.html"
            started = time.monotonic()
            browser.open(page.as_uri(), timeout)
            browser.wait_for(READY, timeout)
            state = json.loads(browser.evaluate(STATE))
            browser.wait_for("document.readyState === 'complete'", timeout)     # the detail panels read too
            state["read"] = browser.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
            state["wall"] = time.monotonic() - started
            state["shown"], state["click_ms"] = browser.evaluate(CLICK)
            state["bytes"] = page.stat().st_size
            state["console"] = list(browser.console)
            found[name] = state
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000, help="synthetic minutes (default 2000)")
    parser.add_argument("--work", type=Path, default=Path("settle-work"), help="folder for the corpus, graph and views")
    parser.add_argument("--runs", type=int, default=1, help="open every view this many times")
    args = parser.parse_args(argv)
    t = time.monotonic()
    views, totals = build_views(args.docs, args.work)
    print(f"{args.docs} synthetic minutes: corpus, graph and views ready in {time.monotonic() - t:.0f} s ({args.work})")
    print(f"{'view':<22}{'nodes':>7}{'drawn':>7}{'links':>7}{'hidden':>8}{'MB':>6}{'settle s':>10}{'read s':>8}"
          f"{'1st click s':>12}")
    for _run in range(args.runs):
        for name, s in measure(views, [v.name for v in VIEWS]).items():
            print(f"{name:<22}{totals[name]:>7}{s['nodes']:>7}{s['edges']:>7}{s['hidden']:>8}"
                  f"{s['bytes'] / 1e6:>6.0f}{s['settle'] / 1000:>10.2f}{s['read'] / 1000:>8.2f}{s['click_ms'] / 1000:>12.2f}"
                  + (f"  errors: {s['errorText'] or s['console']}" if s["errors"] or s["console"] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
