"""A real headless Chromium driven over the DevTools protocol, with the standard library only.

``chromium --headless --dump-dom`` loads a page and prints it; it cannot click. This drives the
same browser over ``--remote-debugging-pipe`` (the protocol's JSON messages on file descriptors 3
and 4, each ended by a NUL byte), so a test can load a page in real time, click at a point as a
user's mouse does (``Input.dispatchMouseEvent``), follow a link into the tab it opens, read the
page's state and take screenshots. No websocket library is needed. Used by the browser tests
(``tests/workbench/test_views_evidence.py``, ``tests/workbench/test_serve.py``), the settle-time measurement
(``tests/view_settle.py``) and ``docs/make_screenshots.py``.
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


# Where on the screen the middle of a view's link is, once the view is centred on it, and whether
# a click there hits that link and no node.
_EDGE_POINT = """(function (id) {
  var net = window.__mgNetwork, e = net.body.data.edges.get(id), p = net.getPositions([e.from, e.to]);
  var mid = { x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2 };
  net.moveTo({ position: mid, scale: 1.5, animation: false });
  var dom = net.canvasToDOM(mid), box = document.getElementById("network").getBoundingClientRect();
  return { x: box.left + dom.x, y: box.top + dom.y, hits: net.getEdgeAt(dom) === id && net.getNodeAt(dom) === undefined };
})(%s)"""


class BrowserError(Exception):
    """The browser ended, answered a command with an error, or a wait ran out."""


class Browser:
    """One headless Chromium with one page at a time; use as a context manager.

    ``open(url)`` loads a page and waits for its load event; ``evaluate(js)`` returns the value
    of an expression (awaiting a promise); ``wait_for(js)`` polls until an expression is truthy;
    ``click(x, y)`` presses and releases the left button there; ``screenshot(path)`` writes a PNG
    of the viewport. A link that opens a new tab makes that tab the page (``follow_new_tab``)."""

    def __init__(self, width: int = 1280, height: int = 800, profile: Path | None = None) -> None:
        if CHROMIUM is None:
            raise BrowserError("chromium is not installed (apt-get install chromium)")
        self.width, self.height = width, height
        self._own_profile = profile is None
        self.profile = Path(tempfile.mkdtemp(prefix="mg-chromium-")) if profile is None else profile
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def descriptors() -> None:   # the browser reads commands on fd 3, writes answers on fd 4
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        self.process = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
             "--disable-background-networking", "--disable-component-update", "--no-proxy-server",
             "--hide-scrollbars", "--mute-audio", f"--window-size={width},{height}",
             f"--user-data-dir={self.profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=descriptors, pass_fds=(3, 4),
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        self.session: str | None = None
        self.console: list[str] = []          # console errors and uncaught exceptions of the pages
        self.call("Target.setDiscoverTargets", discover=True)
        page = next(t for t in self.call("Target.getTargets")["targetInfos"] if t["type"] == "page")
        self._attach(page["targetId"])

    # -- the protocol ---------------------------------------------------------------------------

    def _send(self, method: str, params: dict[str, Any], session: str | None) -> int:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        return self._next_id

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise BrowserError("the browser did not answer in time")
            if self.process.poll() is not None:
                raise BrowserError(f"the browser ended (exit status {self.process.returncode})")
            import select

            ready, _, _ = select.select([self._from_browser], [], [], 0.2)
            if ready:
                chunk = os.read(self._from_browser, 1 << 20)
                if not chunk:
                    raise BrowserError("the browser closed its pipe")
                self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message = json.loads(raw)
        if "id" not in message:
            self._note(message)
        return message

    def _note(self, event: dict[str, Any]) -> None:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            self.console.append(details.get("exception", {}).get("description") or details.get("text", "exception"))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.console.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
        self.events.append(event)

    def call(self, method: str, timeout: float = 60, session: str | None = "", **params: Any) -> dict[str, Any]:
        """Send a command (to the current page unless ``session`` is None: the browser) and wait
        for its answer."""
        target = self.session if session == "" else session
        wanted = self._send(method, params, target)
        deadline = time.monotonic() + timeout
        while True:
            message = self._receive(deadline)
            if message.get("id") == wanted:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error'].get('message')}")
                return message.get("result", {})

    def _event(self, method: str, timeout: float, where: dict[str, Any] | None = None) -> dict[str, Any]:
        """The first event ``method`` (already received or to come) whose params hold ``where``."""
        deadline = time.monotonic() + timeout
        seen = 0
        while True:
            for k in range(seen, len(self.events)):
                e = self.events[k]
                if e.get("method") == method and all(e.get("params", {}).get(a) == b for a, b in (where or {}).items()):
                    del self.events[k]
                    return e
            seen = len(self.events)
            self._receive(deadline)

    def _attach(self, target_id: str) -> None:
        self.target = target_id
        self.session = self.call("Target.attachToTarget", session=None, targetId=target_id, flatten=True)["sessionId"]
        self.call("Page.enable")
        self.call("Runtime.enable")
        self.call("Emulation.setDeviceMetricsOverride", width=self.width, height=self.height,
                  deviceScaleFactor=1, mobile=False)

    # -- what a test does -----------------------------------------------------------------------

    def open(self, url: str, timeout: float = 120) -> None:
        """Load ``url`` in the current page and wait for its load event."""
        self.events = [e for e in self.events if e.get("method") != "Page.loadEventFired"]
        answer = self.call("Page.navigate", url=url)
        if answer.get("errorText"):
            raise BrowserError(f"{url}: {answer['errorText']}")
        self._event("Page.loadEventFired", timeout, None)

    def evaluate(self, expression: str, timeout: float = 60) -> Any:
        answer = self.call("Runtime.evaluate", timeout=timeout, expression=expression, awaitPromise=True,
                           returnByValue=True)
        if "exceptionDetails" in answer:
            d = answer["exceptionDetails"]
            raise BrowserError(f"{expression[:80]}: {d.get('exception', {}).get('description') or d.get('text')}")
        return answer["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 120, every: float = 0.05) -> Any:
        """Poll ``expression`` until it is truthy; return its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise BrowserError(f"waited {timeout:g} s for {expression[:120]}")
            time.sleep(every)

    def click(self, x: float, y: float) -> None:
        """A left click at viewport point (x, y): move, press, release, as a mouse does."""
        self.call("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", buttons=1, clickCount=1)

    def click_element(self, selector: str) -> None:
        """A real click on the middle of the first element matching ``selector``, scrolled into view."""
        box = self.evaluate(
            f"(function () {{ var e = document.querySelector({json.dumps(selector)}); if (!e) return null;"
            " e.scrollIntoView({block: 'center'}); var r = e.getBoundingClientRect();"
            " return [r.left + r.width / 2, r.top + r.height / 2]; })()")
        if not box:
            raise BrowserError(f"no element {selector} on the page")
        self.click(*box)

    def click_edge(self, candidates: list[str]) -> str:
        """In a network view (kg views), a real click on the middle of the first of the links
        ``candidates`` (vis ids) that no node covers there, once the view is centred on it;
        returns the link clicked."""
        for edge in candidates:
            point = self.evaluate(_EDGE_POINT % json.dumps(edge))
            if point["hits"]:
                self.click(point["x"], point["y"])
                return edge
        raise BrowserError(f"a node covers the middle of every one of the links {candidates[:5]}")

    def type_into(self, selector: str, text: str) -> None:
        """Click the field ``selector`` and type ``text`` into it, as a keyboard does."""
        self.click_element(selector)
        self.evaluate(f"document.querySelector({json.dumps(selector)}).select()")
        self.call("Input.insertText", text=text)

    def follow_new_tab(self, timeout: float = 60) -> None:
        """Make the tab a click has just opened the current page, once it has loaded."""
        created = self._event("Target.targetCreated", timeout)["params"]["targetInfo"]
        while created.get("type") != "page" or created["targetId"] == self.target:
            created = self._event("Target.targetCreated", timeout)["params"]["targetInfo"]
        self._attach(created["targetId"])
        self.wait_for("document.readyState === 'complete' && location.href !== 'about:blank'", timeout)

    def screenshot(self, path: str | Path, clip: dict[str, float] | None = None) -> Path:
        params: dict[str, Any] = {"format": "png"}
        if clip:
            params["clip"] = {**clip, "scale": 1}
        data = self.call("Page.captureScreenshot", **params)["data"]
        Path(path).write_bytes(base64.b64decode(data))
        return Path(path)

    def close(self) -> None:
        try:
            if self.process.poll() is None:
                try:
                    self._send("Browser.close", {}, None)
                    self.process.wait(timeout=10)
                except (OSError, subprocess.TimeoutExpired):
                    self.process.kill()
                    self.process.wait()
        finally:
            for fd in (self._to_browser, self._from_browser):
                try:
                    os.close(fd)
                except OSError:
                    pass
            if self._own_profile:
                shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
