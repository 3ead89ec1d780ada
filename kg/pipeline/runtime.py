"""Process-level settings of the pipeline: workers that end with their parent. (The collector is
kg.collector; the time limits of a file are kg.limits.)"""
from __future__ import annotations

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """In a worker process: ask the kernel to kill it when its parent ends, however the parent
    ends (``kill -9`` included), so no worker of ``kg build --jobs`` lives on, still computing.
    Linux only (``prctl(PR_SET_PDEATHSIG)``); elsewhere workers end when they find their parent gone."""
    import ctypes
    import multiprocessing
    import os
    import signal
    import sys

    if not sys.platform.startswith("linux"):
        return
    parent = multiprocessing.parent_process()
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if parent is not None and os.getppid() != parent.pid:   # the parent ended before prctl: end now
        os._exit(1)
