"""The persistent store: the graph in an on-disk Oxigraph (RocksDB) store, one named graph per document.

``kg build ... --store DIR`` writes it, ``kg query --store DIR`` and ``kg serve --store DIR`` use
it as it is, so a large corpus is not parsed from Turtle again for every question. Each document's
facts are a named graph (the document's IRI, as in ``kg.build.build_dataset``) and the entities
are ``kg.build.ENTITIES_GRAPH``; queries see the union of the graphs as their default graph.

Writing:

* a new store is bulk loaded (N-Quads into RocksDB files directly, then ``optimize()``), in a
  temporary folder beside ``DIR`` that replaces it only when complete;
* an existing store is updated graph by graph: ``DIR/motesgraf-graphs.json`` holds a hash of
  every graph's sorted N-Triples, so a rebuild replaces only the graphs of new or changed
  documents (and the entities' graph if it changed) and drops those of deleted documents. When
  more than half the graphs changed, a fresh bulk load is faster and is done instead.

One process may write a store at a time; a store being written must not be served (stop
``kg serve`` first). Readers open it read-only, so ``kg query`` runs beside ``kg serve``.

A fact that several documents state (a membership, a collaboration) sits in each of their
graphs, and Oxigraph's union default graph returns it once per graph: the saved questions count
with DISTINCT and give the same answers as on the merged Turtle graph, but an ad-hoc
``COUNT(*)`` counts such a fact once per document that states it.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from .export import as_nquads

MANIFEST = "motesgraf-graphs.json"
_DEFAULT = "urn:x-rdflib:default"  # rdflib's name for a Dataset's default graph


class StoreError(Exception):
    """A problem the user can fix; ``str()`` is one line: 'what: reason; what to do'."""


@dataclass(frozen=True)
class StoreUpdate:
    """What writing the store did, graph by graph."""

    path: Path
    graphs: int
    triples: int
    added: int = 0
    replaced: int = 0
    removed: int = 0
    unchanged: int = 0
    bulk: bool = False

    def summary(self) -> str:
        how = "bulk loaded" if self.bulk else (
            f"{self.added} graphs added, {self.replaced} replaced, {self.removed} removed, {self.unchanged} unchanged")
        return f"store {self.path}: {self.graphs} graphs, {self.triples} triples ({how})"


def graph_chunks(ds: Dataset) -> dict[str, bytes]:
    """Each named graph of ``ds`` as sorted N-Triples, by graph IRI (sorted): what is hashed and loaded."""
    from .export import serialize

    chunks: dict[str, bytes] = {}
    for g in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
        name = str(g.identifier)
        if name == _DEFAULT:
            if len(g):
                raise ValueError("the store keeps every fact in a named graph; the dataset's default graph is not empty")
            continue
        data = serialize(g, "nt")
        if data:
            chunks[name] = data
    return chunks


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_store(path: str | Path) -> bool:
    """True if ``path`` is a folder holding an Oxigraph (RocksDB) store."""
    return (Path(path) / "CURRENT").is_file()


def _read_manifest(path: Path) -> dict[str, str] | None:
    try:
        data = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    graphs = data.get("graphs") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in graphs.items()} if isinstance(graphs, dict) else None


def _write_manifest(path: Path, graphs: dict[str, str]) -> None:
    """Atomically: a half-written manifest would hide changed graphs from the next build."""
    fd, tmp = tempfile.mkstemp(prefix=f".{MANIFEST}.", dir=path)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"graphs": dict(sorted(graphs.items()))}, fh, indent=0)
        fh.write("\n")
    os.replace(tmp, path / MANIFEST)


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
    if path.is_dir() and any(path.iterdir()) and (_read_manifest(path) is None or not is_store(path)):
        raise StoreError(f"{path}: holds something other than a store kg build wrote; "
                         "give a new or empty folder, or remove this one")


def write_store(source, path: str | Path) -> StoreUpdate:
    """Write ``source`` (an rdflib Dataset with one named graph per document, or graph chunks from
    ``kg.build.iter_chunks``) into the store at ``path``: new, or updated in place."""
    writer = StoreWriter(path)
    try:
        if isinstance(source, Dataset):
            for name, data in graph_chunks(source).items():
                writer.write_ntriples(name, data)
        elif isinstance(source, Graph):
            raise TypeError("write_store needs a Dataset with one named graph per document (build with named_graphs=True)")
        else:
            for chunk in source:
                writer.write(chunk)
    except BaseException:
        writer.discard()
        raise
    return writer.close()


class StoreWriter:
    """Takes the graph chunk by chunk and writes the store on ``close``.

    Chunks go to a temporary N-Quads file beside the store as they come (memory holds one chunk),
    with a hash per graph. On ``close`` a new store, or one where more than half the graphs
    changed, is bulk loaded from that file; otherwise only the changed graphs are replaced (their
    N-Triples are kept until then; past ``KEEP_CHANGED`` of them a bulk load is done instead).
    """

    KEEP_CHANGED = 2000

    def __init__(self, path: str | Path):
        self.path = Path(path)
        check_target(self.path)
        self.fresh = not (self.path.is_dir() and any(self.path.iterdir()))
        self.old = None if self.fresh else _read_manifest(self.path)
        self.hashes: dict[str, str] = {}
        self.changed: dict[str, bytes] = {}
        self.overflow = False
        self.triples = 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self._nquads = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".nq", dir=self.path.parent)
        self._fh = os.fdopen(fd, "wb")

    streams = True

    def needs(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """What ``kg.export.serialize_chunk`` must make for this writer: each graph as N-Triples."""
        return (), ("nt",)

    def write(self, chunk) -> None:
        if chunk.triples:
            self.write_ntriples(chunk.graph, ox.serialize(chunk.triples, format=ox.RdfFormat.N_TRIPLES))

    def write_serialized(self, chunk) -> None:
        """Take one chunk serialised by ``kg.export.serialize_chunk`` with ``needs``."""
        if chunk.whole["nt"]:
            self.write_ntriples(chunk.graph, chunk.whole["nt"])

    def write_ntriples(self, name: str, data: bytes) -> None:
        if name in self.hashes:
            raise ValueError(f"graph {name} given twice")
        digest = _digest(data)
        self.hashes[name] = digest
        self.triples += data.count(b"\n")
        self._fh.write(as_nquads(name, data))
        if self.old is not None and self.old.get(name) != digest and not self.overflow:
            self.changed[name] = data
            if len(self.changed) > self.KEEP_CHANGED:
                self.overflow, self.changed = True, {}

    def close(self) -> StoreUpdate:
        try:
            self._fh.close()
            if self.old is None or self.overflow or len(self.changed) * 2 > len(self.hashes):
                return _bulk(Path(self._nquads), self.hashes, self.path, self.triples)
            return _update(self.changed, self.hashes, self.old, self.path, self.triples)
        finally:
            Path(self._nquads).unlink(missing_ok=True)

    def discard(self) -> None:
        self._fh.close()
        Path(self._nquads).unlink(missing_ok=True)


def _open_for_writing(path: Path) -> ox.Store:
    try:
        return ox.Store(str(path))
    except OSError as e:
        raise StoreError(f"{path}: cannot open the store for writing ({_one_line(str(e))}); "
                         "stop any kg serve or other program using it and try again") from e


def _bulk(nquads: Path, hashes: dict[str, str], path: Path, triples: int) -> StoreUpdate:
    """A fresh store, bulk loaded from ``nquads`` and optimised in a temporary folder that then
    replaces ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    try:
        store = _open_for_writing(work)
        store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
        store.optimize()
        del store  # closes the RocksDB files before the folder moves
        _write_manifest(work, hashes)
        if path.exists():
            old = path.with_name(f".{path.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(path, old)
            os.replace(work, path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(work, path)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return StoreUpdate(path, len(hashes), triples, added=len(hashes), bulk=True)


def _update(changed: dict[str, bytes], hashes: dict[str, str], old: dict[str, str],
            path: Path, triples: int) -> StoreUpdate:
    """Replace the changed graphs and drop the graphs no longer wanted, one transaction each."""
    store = _open_for_writing(path)
    present = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
    gone = sorted(present - set(hashes))
    # First forget the graphs about to be touched: if the update stops half-way, the next build
    # sees them as changed and writes them again.
    _write_manifest(path, {n: h for n, h in old.items() if n in hashes and n not in changed})
    for name in gone:
        store.remove_graph(ox.NamedNode(name))
    added = replaced = 0
    for name in changed:
        node = ox.NamedNode(name)
        if name in present:
            store.clear_graph(node)
            replaced += 1
        else:
            added += 1
        store.load(changed[name], format=ox.RdfFormat.N_TRIPLES, to_graph=node)
    if changed or gone:
        store.flush()
    del store
    _write_manifest(path, hashes)
    return StoreUpdate(path, len(hashes), triples, added=added, replaced=replaced,
                       removed=len(gone), unchanged=len(hashes) - len(changed))


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


def _one_line(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
