"""What a build tells of its worker processes: one that died is a ``WorkerDiedError``, so the
command line tells it from other errors without knowing the pools (``concurrent.futures``)."""
from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

from ..errors import WorkerDiedError


@contextmanager
def worker_deaths(what: str, jobs: int) -> Iterator[None]:
    """A worker process that died while ``what`` (its pool broken) as a ``WorkerDiedError``."""
    try:
        yield
    except BrokenProcessPool as exc:
        raise WorkerDiedError(f"a worker process died while {what} (killed, or out of memory); "
                              f"run again with fewer --jobs than {jobs}") from exc
