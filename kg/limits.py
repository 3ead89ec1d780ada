"""The time a file may take: to read, or to segment and extract (``kg build --time-limit``).

Standard library only: the readers and the pipeline both apply it."""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# How long one file may take to read, or to segment and extract, in seconds (kg build --time-limit),
# plus SECONDS_PER_MB for each million characters (bytes, when reading) past the first: every
# stage is linear, so a long archive gets the time its length needs and a pathological small
# file (a deeply nested page, a Word file that makes a parser loop) is still stopped.
FILE_TIME_LIMIT = 60.0
SECONDS_PER_MB = 15.0


def allowance(seconds: float | None, size: int) -> float | None:
    """The time limit of a file of ``size`` characters or bytes, for a limit of ``seconds``."""
    if not seconds:
        return None
    return seconds + max(0.0, size / 1_000_000 - 1) * seconds * SECONDS_PER_MB / FILE_TIME_LIMIT


class TimeLimitExceeded(BaseException):
    """A file took longer than its time limit. A BaseException, as KeyboardInterrupt is, so that
    the readers' fences around third-party parsers (``except Exception``) do not take it for a
    damaged file."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise TimeLimitExceeded in the block after ``seconds`` (wall clock; none when ``seconds``
    is None or 0). Uses SIGALRM, so it bounds only the main thread of a Unix process: elsewhere
    (Windows, a Dask worker's threads) the block runs unbounded."""
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):  # noqa: ANN001 - signal handler signature
        raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
