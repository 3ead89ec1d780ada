"""``kill -9`` of ``kg build --store S --out G --jobs 2`` at random moments (seeded).

After each kill: no worker outlives the build, G parses and S opens, and both are the previous
build's or both the new one's (the same triples); the next build then completes and leaves no
temporary file behind. ``KG_KILL_TRIALS=20`` runs more trials than the default five.
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
ROOT = Path(__file__).resolve().parents[2]
TRIALS = int(os.environ.get("KG_KILL_TRIALS", "5"))
HELD_BACK = "000_72be01b0eb7bbc95.txt"   # missing from the previous build, added by the new one

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; PDEATHSIG is Linux's")


def command(work: Path) -> list[str]:
    return [sys.executable, "-m", "kg", "build", str(work / "minutes"), "--out", str(work / "G.ttl"),
            "--store", str(work / "S"), "--jobs", "2", "-q"]


def start(work: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(command(work), env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def finish(work: Path) -> None:
    process = start(work)
    _, err = process.communicate(timeout=600)
    assert process.returncode == 0, err.decode(errors="replace")


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (from /proc/PID/task/*/children)."""
    found: set[int] = set()
    todo = [pid]
    while todo:
        for children in Path(f"/proc/{todo.pop()}/task").glob("*/children"):
            try:
                pids = {int(p) for p in children.read_text().split()}
            except OSError:
                continue
            todo.extend(pids - found)
            found |= pids
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def graph_triples(path: Path) -> frozenset:
    """The graph file's triples as an Oxigraph store holds them (it keeps an xsd:nonNegativeInteger
    as an xsd:integer), so that they compare with the store's."""
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return frozenset(q.triple for q in store)


def store_triples(path: Path) -> frozenset:
    store = ox.Store.read_only(str(path))
    try:
        return frozenset(q.triple for q in store)
    finally:
        del store


def leftovers(work: Path) -> list[str]:
    """What is in the build's folders besides its outputs, its lock and the cache's entries
    (extractions, and the documents' and entities' graphs in chunks/)."""
    expected = {"minutes", "G.ttl", "S", ".S.lock", ".kg-cache"}
    extra = sorted(p.name for p in work.iterdir() if p.name not in expected)
    extra += sorted(f".kg-cache/{p.name}" for p in (work / ".kg-cache").glob("*")
                    if p.suffix != ".json" and p.name != "chunks")
    extra += sorted(f".kg-cache/chunks/{p.name}" for p in (work / ".kg-cache" / "chunks").glob("*")
                    if p.suffix != ".chunk" and p.name != "entities.pieces")
    return extra


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The previous build (the seeds without one document) kept aside, the new build's triples,
    and how long a new build takes."""
    work = tmp_path_factory.mktemp("kill")
    (work / "minutes").mkdir()
    for f in SEEDS.iterdir():
        if f.name != HELD_BACK:
            shutil.copy(f, work / "minutes" / f.name)
    finish(work)
    previous = tmp_path_factory.mktemp("previous")
    shutil.copy(work / "G.ttl", previous / "G.ttl")
    shutil.copytree(work / "S", previous / "S")
    shutil.copytree(work / ".kg-cache", previous / ".kg-cache")
    shutil.copy(SEEDS / HELD_BACK, work / "minutes" / HELD_BACK)
    started = time.monotonic()
    finish(work)
    took = time.monotonic() - started
    new = graph_triples(work / "G.ttl")
    old = graph_triples(previous / "G.ttl")
    assert new == store_triples(work / "S") and old == store_triples(previous / "S") and old != new
    return {"work": work, "previous": previous, "old": old, "new": new, "took": took}


def restore_previous(work: Path, previous: Path) -> None:
    for p in work.iterdir():
        if p.name != "minutes":
            shutil.rmtree(p) if p.is_dir() else p.unlink()
    shutil.copy(previous / "G.ttl", work / "G.ttl")
    shutil.copytree(previous / "S", work / "S")
    shutil.copytree(previous / ".kg-cache", work / ".kg-cache")


def test_kill_9_at_random_moments_leaves_consistent_outputs_and_no_orphans(builds) -> None:
    work, previous = builds["work"], builds["previous"]
    rng = random.Random(19)
    seen = {"previous": 0, "new": 0, "with workers": 0, "with leftovers": 0}
    for trial in range(TRIALS):
        restore_previous(work, previous)
        moment = rng.uniform(0.2, builds["took"] * 1.1)
        process = start(work)
        deadline = time.monotonic() + moment
        workers: set[int] = set()
        while process.poll() is None and time.monotonic() < deadline:
            workers |= descendants(process.pid)
            time.sleep(0.02)
        workers |= descendants(process.pid)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        process.stderr.close()
        # workers die with the build (PR_SET_PDEATHSIG): give them a generous moment
        give_up = time.monotonic() + 10
        while any(alive(p) for p in workers) and time.monotonic() < give_up:
            time.sleep(0.05)
        assert not [p for p in workers if alive(p)], f"trial {trial}: workers outlived the build killed at {moment:.2f} s"

        graph, store = graph_triples(work / "G.ttl"), store_triples(work / "S")
        state = ("previous" if graph == builds["old"] and store == builds["old"]
                 else "new" if graph == builds["new"] and store == builds["new"] else None)
        assert state is not None, (f"trial {trial} (killed at {moment:.2f} s): G is "
                                   f"{'new' if graph == builds['new'] else 'previous' if graph == builds['old'] else 'neither'}, "
                                   f"S is {'new' if store == builds['new'] else 'previous' if store == builds['old'] else 'neither'}")
        seen[state] += 1
        seen["with workers"] += bool(workers)
        seen["with leftovers"] += bool(leftovers(work))

        finish(work)
        assert leftovers(work) == [], f"trial {trial}: left after the next build"
        assert graph_triples(work / "G.ttl") == builds["new"] == store_triples(work / "S")
    print(f"{TRIALS} kill -9 trials: {seen}")
