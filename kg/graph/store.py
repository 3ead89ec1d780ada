"""The persistent store: the graph in an on-disk Oxigraph (RocksDB) store, one named graph per document.

``kg build ... --store DIR`` writes it, ``kg query --store DIR`` and ``kg serve --store DIR`` use
it as it is, so a large corpus is not parsed from Turtle again for every question. Each document's
facts are a named graph (the document's IRI, as in ``kg.graph.build.build_dataset``) and the entities
are ``kg.graph.iri.ENTITIES_GRAPH``; queries see the union of the graphs as their default graph.

Writing:

* a new store is bulk loaded (N-Quads into RocksDB files directly, then ``optimize()``), in a
  temporary folder beside ``DIR`` that replaces it only when complete;
* an existing store is updated graph by graph, in a copy beside it (hard links to its files, so
  cheap) that then replaces it: ``DIR/motesgraf-graphs.json`` holds a hash of
  every graph's sorted N-Triples, so a rebuild replaces only the graphs of new or changed
  documents (and the entities' graph if it changed) and drops those of deleted documents. When
  more than half the graphs changed, a fresh bulk load is faster and is done instead.

Either way the store changes in one step: the finished new folder and the old one swap places
atomically (``renameat2(RENAME_EXCHANGE)``), so a build killed at any moment leaves the old store
or the new one, never a mix. With ``--out`` too, a commit record (``.DIR.kg-commit``) names the
new graph file before the swap and is removed after both are in place; the next build finishes
or undoes what it names, and removes the temporary files a killed build left (``kg.tempfiles``).

One process may write a store at a time; a store being written must not be served (stop
``kg serve`` first). Readers open it read-only, so ``kg query`` runs beside ``kg serve``.

A fact that several documents state (a membership, a collaboration) sits in each of their
graphs, and Oxigraph's union default graph returns it once per graph: the saved questions count
with DISTINCT and give the same answers as on the merged Turtle graph, but an ad-hoc
``COUNT(*)`` counts such a fact once per document that states it.
"""
from __future__ import annotations

import ctypes
import errno
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from ..errors import StoreError
from ..tempfiles import clean_left_behind, remove, temp_prefix
from ..text import one_line as _one_line
from .export import as_nquads
from .ntriples import ntriples

MANIFEST = "motesgraf-graphs.json"
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


def _write_manifest(path: Path, graphs: dict[str, str], build: str | None = None) -> None:
    """Atomically: a half-written manifest would hide changed graphs from the next build.
    ``build`` names the build that wrote the store (see ``commit``)."""
    data: dict[str, object] = {"graphs": dict(sorted(graphs.items()))}
    if build is not None:
        data["build"] = build
    _write_json(path / MANIFEST, data)


def _write_json(target: Path, data: dict) -> None:
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(target.name), dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=0)
            fh.write("\n")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _manifest_build(path: Path) -> str | None:
    try:
        data = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get("build") if isinstance(data, dict) else None


# ---------------------------------------------------------------------------------------------
# Putting a new store (and graph file) in place, and cleaning up after a killed build
# ---------------------------------------------------------------------------------------------

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> None:
    """Swap ``a`` and ``b`` in one step (Linux ``renameat2(RENAME_EXCHANGE)``), so that ``b``
    is at every moment either the old folder or the new one. Where the system cannot, two
    renames, with a moment in which ``b`` is missing (``recover`` puts it back)."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None) if sys.platform.startswith("linux") else None
    if renameat2 is not None:
        if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
            return
        err = ctypes.get_errno()
        if err not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
            raise OSError(err, os.strerror(err), str(b))
    aside = b.with_name(f"{temp_prefix(b.name)}aside")
    os.replace(b, aside)
    os.replace(a, b)
    os.replace(aside, a)


def _journal(store: Path) -> Path:
    return store.parent / f".{store.name}.kg-commit"


def commit(work: Path, store: Path, out_tmp: Path | None = None, out: Path | None = None) -> None:
    """Put the finished store ``work`` in place of ``store`` and, with ``out``, the finished graph
    file ``out_tmp`` in place of ``out``: the commit record first (naming the new store's build
    and the file), then the swap, the file, and the record removed. The old store is removed last."""
    build = _manifest_build(work)
    journal = _journal(store)
    if out is not None and out_tmp is not None:
        _write_json(journal, {"build": build, "out": str(out), "out_tmp": str(out_tmp)})
    if store.exists():
        _exchange(work, store)
    else:
        os.replace(work, store)
    if out is not None and out_tmp is not None:
        os.replace(out_tmp, out)
        journal.unlink(missing_ok=True)
    shutil.rmtree(work, ignore_errors=True)   # the old store, after the swap


def recover(store: str | Path) -> int:
    """Finish or undo the commit of a build killed while it put its store and graph file in place
    (``commit``), then remove the temporary files and folders killed builds left beside the store.
    Call with the store locked. Returns how many leftovers were removed."""
    store = Path(store)
    journal = _journal(store)
    removed = 0
    aside = sorted(store.parent.glob(f".{store.name}.kg-*-aside"))
    if aside and not store.exists():      # killed between the two renames of _exchange's fallback
        os.replace(aside[0], store)
    try:
        record = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        record = None
    except ValueError:   # written atomically, so never half: not ours; leave it to the user
        record = None
    if isinstance(record, dict) and record.get("out_tmp"):
        out_tmp, out = Path(record["out_tmp"]), Path(record["out"])
        if out_tmp.exists():
            if record.get("build") is not None and _manifest_build(store) == record.get("build"):
                os.replace(out_tmp, out)   # the store is the new one: so becomes the graph file
            else:
                out_tmp.unlink()           # the store is the old one: so stays the graph file
                removed += 1
        journal.unlink(missing_ok=True)
    removed += clean_left_behind(store.parent, store.name)
    # what builds before these names left (the store is locked: no other build writes them now)
    earlier = re.compile(rf"\.{re.escape(store.name)}\.(old|[a-z0-9_]{{8}}(\.nq)?)")
    legacy = [p for p in store.parent.iterdir() if earlier.fullmatch(p.name)]
    return removed + remove(legacy)



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
        self.old = None if self.fresh else _read_manifest(self.path)
        self.hashes: dict[str, str] = {}
        self.changed: dict[str, tuple[int, int]] = {}   # graph -> (offset, length) of its quads in the file
        self._written = 0
        self.triples = 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self._nquads = tempfile.mkstemp(prefix=temp_prefix(self.path.name), suffix=".nq", dir=self.path.parent)
        self._fh = os.fdopen(fd, "wb")

    streams = True

    def needs(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """What ``kg.graph.export.serialize_chunk`` must make for this writer: each graph as N-Triples."""
        return (), ("nt",)

    def write(self, chunk) -> None:
        if len(chunk):
            self.write_ntriples(chunk.graph, ntriples(chunk.rows).encode("utf-8"))

    def write_serialized(self, chunk) -> None:
        """Take one chunk serialised by ``kg.graph.export.serialize_chunk`` with ``needs``."""
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
            _write_manifest(work, self.hashes, uuid.uuid4().hex)
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
    _write_manifest(work, hashes)
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
    _write_manifest(path, {n: h for n, h in old.items() if n in hashes and n not in changed})
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
