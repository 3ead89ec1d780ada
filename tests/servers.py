"""Helpers for tests that run a real server (Oxigraph, Virtuoso) and push the sample graph to it."""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from kg import cli

SEEDS = Path(__file__).resolve().parent / "data" / "seeds"
# Two protokoll of other genres beside the samples, so that every saved question has rows: a
# kommunfullmäktige with votes and an arbetsutskott whose cases carry a diarienummer.
GENRE_DOCS = Path(__file__).resolve().parent / "data" / "genres" / "docs"
WITH_VOTES_AND_CASES = ("protokoll-kommunfullmaktige-omrostning-1.txt", "protokoll-ksau-forkortningar-1.txt")
CHANGED = "000_72be01b0eb7bbc95.txt"   # the sample document the re-push tests change
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(command: Sequence[str], probe: str, log_path: Path, seconds: float, what: str,
            cwd: Path | None = None) -> Iterator[subprocess.Popen]:
    """Start ``command``, wait until ``probe`` answers 200 (failing with the end of its log if it
    exits or takes longer than ``seconds``), and always stop it afterwards."""
    log = open(log_path, "wb")
    process = subprocess.Popen(list(command), cwd=cwd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)

    def said() -> str:
        return log_path.read_text(errors="replace")[-2000:]

    try:
        deadline = time.monotonic() + seconds
        while True:
            assert process.poll() is None, said()
            try:
                with opener.open(probe, timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            assert time.monotonic() < deadline, f"{what} did not answer within {seconds:.0f} s:\n" + said()
            time.sleep(0.1)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def build(corpus: Path, out: Path) -> None:
    assert cli.main(["build", str(corpus), "--out", str(out), "-q"]) == 0


def build_sample(work: Path) -> dict[str, Path]:
    """The sample minutes (and two protokoll with votes and cases) copied to ``work`` and built as
    N-Quads (a graph per document) and Turtle."""
    corpus = work / "minutes"
    shutil.copytree(SEEDS, corpus)
    for name in WITH_VOTES_AND_CASES:
        shutil.copy(GENRE_DOCS / name, corpus / name)
    build(corpus, work / "graph.nq")
    build(corpus, work / "graph.ttl")
    return {"corpus": corpus, "nq": work / "graph.nq", "ttl": work / "graph.ttl", "work": work}


def build_changed(corpus: Path, work: Path) -> Path:
    """The sample with one decision of ``CHANGED`` turned ("tacka ja" -> "tacka nej"), built as
    N-Quads in ``work``: a re-push of it must replace that document's graph alone."""
    changed = work / "minutes"
    shutil.copytree(corpus, changed)
    text = (changed / CHANGED).read_text(encoding="utf-8")
    (changed / CHANGED).write_text(text.replace("tacka ja", "tacka nej"), encoding="utf-8")
    build(changed, work / "graph.nq")
    return work / "graph.nq"
