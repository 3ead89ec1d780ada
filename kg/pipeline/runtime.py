"""Process-level settings of the pipeline: the garbage collector paused for a stage, workers that
end with their parent. (The time limits of a file are kg.limits.)"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one stage. Resolution and graph building make
    millions of small objects and no reference cycles; with the collector on, each of its full
    passes walked the whole heap (the corpus, the extractions), which took half the time at
    2,000 documents."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def spare_the_final_collection() -> None:
    """For a command that is about to end its process: move every object alive into the
    collector's permanent generation, so that the collection at interpreter shutdown does not
    walk the whole heap (the pipeline's lexicons and caches, the build's result) once more to find
    no cycles. Measured on a rebuild of 300 minutes: 0.15-0.3 s of exit down to 0.12 s."""
    gc.freeze()


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
