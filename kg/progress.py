"""Progress of a long build on stderr, with the standard library only.

``kg.pipeline.build`` reports each extracted document through a ``progress(msg)`` callback, with
messages of the form ``[n/total] name``. :class:`Progress` is such a callback:

* on a terminal it keeps one line up to date (``\\r``, at most ``redraws`` times a second): count
  and total, percent, documents per second, time left, and the file just done, cut to the
  terminal's width;
* elsewhere (a log file, a pipe, CI) it writes a plain line at every tenth of the work (every
  document when there are at most ten) and at least every ``every`` seconds, so a log says where
  a build is without a line per file.

A message not of that form is written as a line of its own. ``close()`` ends the updating line.
"""
from __future__ import annotations

import re
import shutil
import sys
import time
from collections.abc import Callable
from typing import TextIO

__all__ = ["Progress", "duration"]

_COUNTED = re.compile(r"^\[(\d+)/(\d+)\] (.*)$", re.S)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def duration(seconds: float) -> str:
    """``42s``, ``3m07s``, ``2h05m``: short enough for a status line."""
    s = max(0, int(round(seconds)))
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{s % 3600 // 60:02d}m"


class Progress:
    """A ``progress(msg)`` callback for ``kg.pipeline.build`` that draws a bar or writes a line now and then."""

    def __init__(self, stream: TextIO | None = None, *, tty: bool | None = None, what: str = "extracting",
                 every: float = 30.0, redraws: float = 10.0, clock: Callable[[], float] = time.monotonic,
                 width: int | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.tty = tty if tty is not None else bool(getattr(self.stream, "isatty", lambda: False)())
        self.what = what
        self.every = every
        self.redraw_gap = 1.0 / redraws if redraws > 0 else 0.0
        self.clock = clock
        self.width = width
        # Documents come back in batches (and from worker processes), so the rate counts from
        # the build's start, when this is made: reading and loading the pipeline count too.
        self.started = clock()
        self.last_drawn = float("-inf")
        self.last_step = -1        # the tenth of the work last written (not on a terminal)
        self.open_line = False     # a bar is on screen without its newline
        self.drawn = ""

    # -- the callback ----------------------------------------------------------------------------

    def __call__(self, message: str) -> None:
        m = _COUNTED.match(message)
        if not m:
            self._line(_CONTROL.sub(lambda c: repr(c[0])[1:-1], message))
            return
        n, total, name = int(m[1]), int(m[2]), _CONTROL.sub(lambda c: repr(c[0])[1:-1], m[3])
        now = self.clock()
        if self.tty:
            if n >= total or now - self.last_drawn >= self.redraw_gap:
                self._draw(self.status(n, total, now, name))
                self.last_drawn = now
            if n >= total:
                self.close()
            return
        step = n * 10 // total if total > 10 else n
        if step != self.last_step or n >= total or now - self.last_drawn >= self.every:
            self._line(self.status(n, total, now))
            self.last_step, self.last_drawn = step, now

    def status(self, n: int, total: int, now: float, name: str = "") -> str:
        """``kg: extracting 120/2000  6%  14.2 docs/s  ETA 2m12s  name``."""
        parts = [f"kg: {self.what} {n}/{total}", f"{100 * n // total if total else 100:3d}%"]
        rate = self.rate(n, now)
        if rate:
            parts.append(f"{rate:.1f} docs/s")
            if n < total:
                parts.append(f"ETA {duration((total - n) / rate)}")
            else:
                parts.append(f"in {duration(now - self.started)}")
        return "  ".join(parts) + (f"  {name}" if name else "")

    def rate(self, n: int, now: float) -> float | None:
        """Documents a second since the start; None before there is anything to measure."""
        return n / (now - self.started) if n > 0 and now > self.started else None

    def close(self) -> None:
        """End the bar's line (nothing to do when none is open)."""
        if self.open_line:
            self.stream.write("\n")
            self.stream.flush()
            self.open_line = False
            self.drawn = ""

    # -- writing ---------------------------------------------------------------------------------

    def _columns(self) -> int:
        return self.width or shutil.get_terminal_size((100, 24)).columns

    def _draw(self, text: str) -> None:
        width = max(20, self._columns() - 1)
        if len(text) > width:
            text = text[: width - 1] + "…"
        # \r to the line's start, the text, and spaces over what a longer line left behind
        pad = max(0, len(self.drawn) - len(text))
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()
        self.drawn = text
        self.open_line = True

    def _line(self, text: str) -> None:
        self.close()
        self.stream.write(text + "\n")
        self.stream.flush()
