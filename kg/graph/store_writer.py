"""Writing the store: the graph chunk by chunk into a new store folder beside the old one.

* a new store is bulk loaded (N-Quads into RocksDB files directly, then ``optimize()``), in a
  temporary folder beside ``DIR`` that replaces it only when complete;
* an existing store is updated graph by graph, in a copy beside it (hard links to its files, so
  cheap) that then replaces it: the manifest (``kg.graph.store.MANIFEST``) holds a hash of
  every graph's sorted N-Triples, so a rebuild replaces only the graphs of new or changed
  documents (and the entities' graph if it changed) and drops those of deleted documents. When
  more than half the graphs changed, a fresh bulk load is faster and is done instead.

Either way the finished folder is put in place in one step by ``kg.graph.store_commit.commit``.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from ..errors import StoreError
from ..tempfiles import temp_prefix
from ..text import one_line as _one_line
from .ntriples import ntriples
from .serialized import as_nquads
from .store import MANIFEST, check_target, read_manifest, write_manifest
from .store_commit import commit

_DEFAULT = "urn:x-rdflib:default"  # rdflib's name for a Dataset's default graph


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


def write_store(source, path: str | Path) -> StoreUpdate:
    """Write ``source`` (an rdflib Dataset with one named graph per document, or graph chunks from
    ``kg.graph.build.iter_chunks``) into the store at ``path``: new, or updated in place."""
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
    changed, is bulk loaded from that file (a piece at a time: ``_bulk``); otherwise only the
    changed graphs are replaced, each read back from the file (where it is, not what it holds,
    is kept until then: memory does not grow with the number of changed graphs).
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        check_target(self.path)
        self.fresh = not (self.path.is_dir() and any(self.path.iterdir()))
        self.old = None if self.fresh else read_manifest(self.path)
        self.hashes: dict[str, str] = {}
        self.changed: dict[str, tuple[int, int]] = {}   # graph -> (offset, length) of its quads in the file
        self._written = 0
        self.triples = 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self._nquads = tempfile.mkstemp(prefix=temp_prefix(self.path.name), suffix=".nq", dir=self.path.parent)
        self._fh = os.fdopen(fd, "wb")

    streams = True

    def needs(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """What ``kg.graph.serialized.serialize_chunk`` must make for this writer: each graph as N-Triples."""
        return (), ("nt",)

    def write(self, chunk) -> None:
        if len(chunk):
            self.write_ntriples(chunk.graph, ntriples(chunk.rows).encode("utf-8"))

    def write_serialized(self, chunk) -> None:
        """Take one chunk serialised by ``kg.graph.serialized.serialize_chunk`` with ``needs``."""
        if chunk.whole["nt"]:
            self.write_ntriples(chunk.graph, chunk.whole["nt"])

    def write_ntriples(self, name: str, data: bytes) -> None:
        if name in self.hashes:
            raise ValueError(f"graph {name} given twice")
        digest = _digest(data)
        self.hashes[name] = digest
        self.triples += data.count(b"\n")
        quads = as_nquads(name, data)
        self._fh.write(quads)
        if self.old is not None and self.old.get(name) != digest:
            self.changed[name] = (self._written, len(quads))
        self._written += len(quads)

    def prepare(self) -> tuple[Path, StoreUpdate]:
        """The new store, complete, in a temporary folder beside the store (put it in place with
        ``commit``), and what writing it did. The store itself is not touched."""
        work = Path(tempfile.mkdtemp(prefix=temp_prefix(self.path.name), dir=self.path.parent))
        try:
            self._fh.close()
            if self.old is None or len(self.changed) * 2 > len(self.hashes):
                update = _bulk(Path(self._nquads), self.hashes, work, self.triples)
            else:
                _copy_store(self.path, work)
                update = _update(Path(self._nquads), self.changed, self.hashes, self.old, work, self.triples)
            write_manifest(work, self.hashes, uuid.uuid4().hex)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        finally:
            Path(self._nquads).unlink(missing_ok=True)
        return work, replace(update, path=self.path)

    def close(self) -> StoreUpdate:
        work, update = self.prepare()
        commit(work, self.path)
        return update

    def discard(self) -> None:
        self._fh.close()
        Path(self._nquads).unlink(missing_ok=True)


def _open_for_writing(path: Path) -> ox.Store:
    try:
        return ox.Store(str(path))
    except OSError as e:
        raise StoreError(f"{path}: cannot open the store for writing ({_one_line(str(e))}); "
                         "stop any kg serve or other program using it and try again") from e


# Bytes of N-Quads given to Oxigraph's bulk loader at a time. The loader holds what it is given
# in memory, about six times its size: the whole file of 2,000 documents (680 MB) took 1.6 GB, in
# pieces of 64 MB it took 420 MB and less time (34 s instead of 43 s; 16 MB pieces took 70 s).
BULK_LOAD_BYTES = 64 * 1024 * 1024


def _bulk(nquads: Path, hashes: dict[str, str], work: Path, triples: int) -> StoreUpdate:
    """A fresh store in the empty folder ``work``, bulk loaded from ``nquads`` a piece at a
    time (``BULK_LOAD_BYTES``) and optimised."""
    store = _open_for_writing(work)
    for piece in _pieces(nquads, BULK_LOAD_BYTES):
        store.bulk_load(input=piece, format=ox.RdfFormat.N_QUADS)
    store.optimize()
    del store  # closes the RocksDB files before the folder moves
    write_manifest(work, hashes)
    return StoreUpdate(work, len(hashes), triples, added=len(hashes), bulk=True)


def _pieces(path: Path, size: int) -> Iterator[bytes]:
    """The file at ``path`` in pieces of about ``size`` bytes, each ending at the end of a line
    (N-Quads has one quad a line, so each piece is whole quads). A line longer than ``size``
    makes a longer piece."""
    with open(path, "rb") as f:
        rest = b""
        while block := f.read(size):
            block = rest + block
            cut = block.rfind(b"\n") + 1
            rest = block[cut:]
            if cut:
                yield block[:cut]
    if rest:
        yield rest


def _copy_store(path: Path, work: Path) -> None:
    """A copy of the store at ``path`` in ``work`` (an empty folder) to update; RocksDB's
    checkpoint hard-links the immutable files, so this is cheap and the store stays as it was."""
    work.rmdir()   # the checkpoint makes the folder itself
    store = _open_for_writing(path)
    try:
        store.backup(str(work))
    finally:
        del store
    shutil.copyfile(path / MANIFEST, work / MANIFEST)


def _update(nquads: Path, changed: dict[str, tuple[int, int]], hashes: dict[str, str], old: dict[str, str],
            path: Path, triples: int) -> StoreUpdate:
    """Replace the changed graphs (their quads at (offset, length) in ``nquads``) and drop the
    graphs no longer wanted, one transaction each."""
    store = _open_for_writing(path)
    present = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
    gone = sorted(present - set(hashes))
    # First forget the graphs about to be touched: if the update stops half-way, the next build
    # sees them as changed and writes them again.
    write_manifest(path, {n: h for n, h in old.items() if n in hashes and n not in changed})
    for name in gone:
        store.remove_graph(ox.NamedNode(name))
    added = replaced = 0
    with open(nquads, "rb") as quads:
        for name, (offset, length) in changed.items():
            node = ox.NamedNode(name)
            if name in present:
                store.clear_graph(node)
                replaced += 1
            else:
                added += 1
            quads.seek(offset)
            store.load(quads.read(length), format=ox.RdfFormat.N_QUADS)
    if changed or gone:
        store.flush()
    del store
    write_manifest(path, hashes)
    return StoreUpdate(path, len(hashes), triples, added=added, replaced=replaced,
                       removed=len(gone), unchanged=len(hashes) - len(changed))
