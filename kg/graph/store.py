"""The persistent store: the graph in an on-disk Oxigraph (RocksDB) store, one named graph per document.

``kg build ... --store DIR`` writes it (``kg.graph.store_writer``, put in place by
``kg.graph.store_commit``), ``kg query --store DIR`` and ``kg serve --store DIR`` use it as it is,
so a large corpus is not parsed from Turtle again for every question. Each document's facts are a
named graph (the document's IRI, as in ``kg.graph.build.build_dataset``) and the entities are
``kg.graph.iri.ENTITIES_GRAPH``; queries see the union of the graphs as their default graph.
This module opens a store, locks it, and keeps its manifest (``MANIFEST``: a hash of every
graph's sorted N-Triples, and the build that wrote the store).

One process may write a store at a time; a store being written must not be served (stop
``kg serve`` first). Readers open it read-only, so ``kg query`` runs beside ``kg serve``.

A fact that several documents state (a membership, a collaboration) sits in each of their
graphs, and Oxigraph's union default graph returns it once per graph: the saved questions count
with DISTINCT and give the same answers as on the merged Turtle graph, but an ad-hoc
``COUNT(*)`` counts such a fact once per document that states it.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from ..errors import StoreError
from ..tempfiles import temp_prefix
from ..text import one_line as _one_line

MANIFEST = "motesgraf-graphs.json"


def is_store(path: str | Path) -> bool:
    """True if ``path`` is a folder holding an Oxigraph (RocksDB) store."""
    return (Path(path) / "CURRENT").is_file()


def read_manifest(path: Path) -> dict[str, str] | None:
    try:
        data = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    graphs = data.get("graphs") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in graphs.items()} if isinstance(graphs, dict) else None


def write_manifest(path: Path, graphs: dict[str, str], build: str | None = None) -> None:
    """Atomically: a half-written manifest would hide changed graphs from the next build.
    ``build`` names the build that wrote the store (see ``kg.graph.store_commit.commit``)."""
    data: dict[str, object] = {"graphs": dict(sorted(graphs.items()))}
    if build is not None:
        data["build"] = build
    write_json(path / MANIFEST, data)


def write_json(target: Path, data: dict) -> None:
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(target.name), dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=0)
            fh.write("\n")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def manifest_build(path: Path) -> str | None:
    try:
        data = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get("build") if isinstance(data, dict) else None


class StoreLock:
    """Who uses a store: ``kg build`` holds it alone (exclusive), ``kg serve`` holds it shared.

    An ``flock`` on ``.NAME.lock`` beside the store (not in it: a bulk load replaces the folder),
    holding the holder's pid for the message. The system drops the lock when its process ends,
    however it ends, so a killed holder never leaves a store locked."""

    def __init__(self, path: str | Path, shared: bool = False):
        self.path = Path(path)
        self.file = self.path.parent / f".{self.path.name}.lock"
        self.shared = shared
        self._fd: int | None = None

    def acquire(self) -> StoreLock:
        import fcntl

        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if self.shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            doing = "built by kg build" if self.shared else "served by kg serve or built by kg build"
            raise StoreError(f"{self.path}: in use (being {doing}, pid {holder}); "
                             "stop that first, or use another --store") from None
        if not self.shared:
            os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)   # drops the lock
            self._fd = None

    def __enter__(self) -> StoreLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def check_target(path: str | Path) -> None:
    """Raise StoreError unless ``path`` is new, empty, or a store kg build wrote (checked before a build)."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: is a file, not a store folder; give a new or empty folder")
    if path.is_dir() and any(path.iterdir()) and (read_manifest(path) is None or not is_store(path)):
        raise StoreError(f"{path}: holds something other than a store kg build wrote; "
                         "give a new or empty folder, or remove this one")


def open_store(path: str | Path) -> ox.Store:
    """The store at ``path``, read-only (so it can be queried while ``kg serve`` serves it)."""
    path = Path(path)
    if not is_store(path):
        raise StoreError(f"{path}: no store there; write one with kg build PATH... --store {path}")
    try:
        return ox.Store.read_only(str(path))
    except OSError as e:
        raise StoreError(f"{path}: cannot open the store ({_one_line(str(e))}); check the folder") from e


def named_graphs(store: ox.Store) -> Iterator[ox.NamedNode]:
    """The store's named graphs in IRI order."""
    yield from sorted((g for g in store.named_graphs() if isinstance(g, ox.NamedNode)), key=lambda g: g.value)
