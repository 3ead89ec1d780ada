"""Take the screenshots of docs/tutorial.md again, in a real browser.

    python docs/make_screenshots.py            # writes docs/img/*.png

Builds the graph of the sample minutes (``tests/data/seeds``) in a temporary folder, writes its
views (``kg views``), starts ``kg serve`` on a free port, and drives headless Chromium (Debian's
``chromium``) over the DevTools protocol with ``tests/browser.py``, clicking as a reader does:
the collaboration view, a link's detail panel, the sentence behind it in the document page, the
presenters' view focused on one person, and the query page with the README's example and a saved
question answered. Each PNG is checked to stay under 300 KB.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import socket
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser import Browser  # noqa: E402

from kg.workbench import serve  # noqa: E402
from kg.cli import main as kg  # noqa: E402

SEEDS = ROOT / "tests" / "data" / "seeds"
MAX_BYTES = 300_000
READY = "document.body.getAttribute('data-ready') === '1' && document.readyState === 'complete'"
TABLE = "document.querySelector('#result table') !== null"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _block(page: Path, name: str) -> dict:
    m = re.search(rf'<script type="application/json" id="{name}">(.*?)</script>', page.read_text("utf-8"), re.S)
    return json.loads(m.group(1))


def take(out: Path, width: int = 1280, height: int = 760) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="mg-shots-") as tmp:
        work = Path(tmp)
        graph, views = work / "graph.ttl", work / "views"
        with contextlib.redirect_stdout(io.StringIO()):
            assert kg(["build", str(SEEDS), "--out", str(graph), "-q"]) == 0
            assert kg(["views", "--graph", str(graph), "--out", str(views)]) == 0
        collaboration = views / "collaboration.html"
        data, details = _block(collaboration, "graph-data"), _block(collaboration, "graph-details")
        stated = [e["id"] for e in data["edges"]
                  if any(s["title"] == "Stated collaboration" for s in details["edges"][e["id"]])]

        with Browser(width, height) as browser:
            browser.open(collaboration.as_uri())
            browser.wait_for(READY)
            shots.append(browser.screenshot(out / "collaboration.png"))

            edge = browser.click_edge(stated)                          # one click on a link ...
            browser.wait_for(f"document.body.getAttribute('data-detail') === 'edge:{edge}'", 10)
            shots.append(browser.screenshot(out / "collaboration-details.png"))

            browser.click_element("#details a.evidence")               # ... one on its evidence
            browser.follow_new_tab()
            browser.wait_for("document.querySelector('.f.at') !== null", 10)
            shots.append(browser.screenshot(out / "document.png"))

            browser.open((views / "presenters.html").as_uri() + "?focus=person/mats-nilsson")
            browser.wait_for(READY)
            browser.wait_for("document.body.getAttribute('data-detail') === 'node:https://w3id.org/motesgraf/id/person/mats-nilsson'", 10)
            shots.append(browser.screenshot(out / "presenters-focus.png"))

            with serve.start(graph, port=_free_port()) as server:
                browser.open(server.page)
                browser.click_element("#run")                          # the README's example
                browser.wait_for(TABLE, 30)
                shots.append(browser.screenshot(out / "query-page.png"))

                browser.type_into('form.saved[data-name="evidence"] input[name="name"]', "Mats Nilsson")
                browser.evaluate("document.getElementById('result').textContent = ''")
                browser.click_element('form.saved[data-name="evidence"] button:not(.load)')
                browser.wait_for(TABLE, 30)
                browser.evaluate("document.querySelector('form.saved[data-name=\"evidence\"]').scrollIntoView()")
                shots.append(browser.screenshot(out / "query-evidence.png"))
            if browser.console:
                raise SystemExit(f"the pages reported errors: {browser.console}")
    too_big = [f"{p.name} ({p.stat().st_size:,} bytes)" for p in shots if p.stat().st_size > MAX_BYTES]
    if too_big:
        raise SystemExit(f"screenshots over {MAX_BYTES:,} bytes: {', '.join(too_big)}; use a smaller --width/--height")
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img", help="folder for the PNGs (default docs/img)")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=760)
    args = parser.parse_args(argv)
    for path in take(args.out, args.width, args.height):
        print(f"{path}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
