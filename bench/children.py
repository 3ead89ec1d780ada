"""``kg build`` in its own process, as an analyst runs it: with its cache, of the corpus but its
last document (a clean build) and again with it added (an incremental rebuild, which should take
a tenth of the clean build's time or less); and with ``--store`` and no cache (a clean build that
writes the on-disk Oxigraph store too), whose peak RSS must stay under ``STORE_RSS_LIMIT_MB``.
Each child's peak RSS is its own (``run_child``: ``wait4``)."""
from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import kg

STORE_RSS_LIMIT_MB = 1024   # what a --store build of 2,000 documents must stay under


def rss_mb(maxrss: int) -> float:
    """``ru_maxrss`` in MB (it is in KB on Linux, in bytes on macOS)."""
    return round(maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def kg_build(folder: Path, out: Path, jobs: int, cache: Path | None = None,
             store: Path | None = None) -> tuple[float, float]:
    """``kg build`` in its own process (as an analyst runs it), with ``cache`` or without one,
    writing ``store`` too if given: (seconds, peak RSS in MB; ``run_child``)."""
    argv = [sys.executable, "-m", "kg", "build", str(folder), "--out", str(out), "--jobs", str(jobs), "--quiet"]
    argv += ["--cache", str(cache)] if cache else ["--no-cache"]
    argv += ["--store", str(store)] if store else []
    return run_child(argv)


def run_child(argv: Sequence[str]) -> tuple[float, float]:
    """Run ``argv`` in a child process: (seconds, the child's peak resident set size in MB).

    The peak is what ``wait4`` reports for that one child: the largest of it and the processes
    it waited for (kg build's workers), each on its own. The child is started by a bare Python
    (``_LAUNCH``), not by this process: Linux counts in a new program's peak the memory of the
    process that started it (its high-water mark, taken over at exec), so a child of this
    process, which holds the bench's graph and store, would report at least this process's
    peak. The launcher's is about 20 MB; it also does the timing, so that its own start-up is
    not counted."""
    done = subprocess.run([sys.executable, "-c", _LAUNCH, *argv], stdout=subprocess.PIPE, env=_child_env())
    if done.returncode:
        raise subprocess.CalledProcessError(done.returncode, list(argv))
    seconds, maxrss = done.stdout.split()[-2:]
    return float(seconds), rss_mb(int(maxrss))


# Runs sys.argv[1:] with its output discarded; prints its seconds and ru_maxrss; exits with its status.
_LAUNCH = """
import os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
child.returncode = os.waitstatus_to_exitcode(status)
print(time.perf_counter() - start, usage.ru_maxrss)
sys.exit(child.returncode)
"""


def _child_env() -> dict[str, str]:
    """This process's environment, with the folder ``kg`` is imported from on the path (so the
    child builds with the same code)."""
    env = dict(os.environ)
    root = str(Path(kg.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return env


def incremental_rebuild(corpus: Path, tmp: Path, jobs: int) -> dict[str, float | None]:
    """``kg build`` of the corpus but its last document with an empty cache (a clean build),
    then again with that document added: the seconds of each, their ratio and each one's peak
    RSS. Only the new document should be extracted, and only the graphs that changed built again."""
    files = sorted(corpus.iterdir())
    held = tmp / "held-back"
    held.mkdir()
    last = files[-1].rename(held / files[-1].name)
    cache, out = tmp / "incremental-cache", tmp / "incremental.ttl"
    clean_s, clean_peak = kg_build(corpus, out, jobs, cache)
    last.rename(corpus / last.name)
    added_s, added_peak = kg_build(corpus, out, jobs, cache)
    return {"clean_s": round(clean_s, 3), "one_added_s": round(added_s, 3),
            "ratio": round(added_s / clean_s, 4) if clean_s else None,
            "clean_peak_rss_mb": clean_peak, "one_added_peak_rss_mb": added_peak}


def store_build(corpus: Path, tmp: Path, jobs: int) -> dict[str, float]:
    """``kg build --store`` of the corpus without a cache, in its own process: a clean build that
    writes the on-disk Oxigraph store beside the Turtle file. Its seconds and peak RSS (the
    store's bulk load is the largest single need of memory of a build)."""
    seconds, peak = kg_build(corpus, tmp / "store-build.ttl", jobs, store=tmp / "store")
    return {"seconds": round(seconds, 3), "peak_rss_mb": peak, "limit_mb": STORE_RSS_LIMIT_MB}
