"""The only place that knows the order of the stages.

read -> segment -> extract (per document: parallel over processes, results cached by content)
-> resolve (across the corpus) -> build (RDF graph).

Incremental builds: each document's Extraction is cached under its content hash and the
pipeline's fingerprint (the code and data that produce it). A rebuild re-extracts only new or
changed files; resolution and graph building always run over the whole corpus, so an
incremental build gives exactly the graph a clean build gives.
"""
from __future__ import annotations

import gc
import hashlib
import json
import os
import pickle
import tempfile
import time
from collections import deque
from itertools import chain
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph

from .models import Document, Extraction, Issue, Minutes, Resolution
from .read import read_paths
from .limits import FILE_TIME_LIMIT, TimeLimitExceeded, allowance, time_limit
from .runtime import collector_paused, die_with_parent
from .spill import ExtractionSpill
from .tempfiles import left_behind, temp_prefix

if TYPE_CHECKING:
    from .build import Chunk
    from .export import SerializedChunk
    from .resolve import DocumentPart, Resolver


@dataclass
class BuildResult:
    """What a build read, extracted and resolved; the graph is made from it when asked for.

    ``chunks()`` streams the graph (the entities, then one document at a time) for writers;
    ``graph`` is the whole graph as rdflib (a Dataset with one named graph per document when
    ``named_graphs``), made on first use: handy for notebooks and small corpora, but it holds
    every triple in memory (about 3 KB each). ``extractions`` from ``build`` are kept on disk
    (kg.spill) and read back one at a time."""

    documents: list[Document] = field(default_factory=list)
    extractions: Sequence[Extraction] = field(default_factory=list)
    resolution: Resolution | None = None
    issues: list[Issue] = field(default_factory=list)
    reused: int = 0  # documents taken from the cache
    include_text: bool = True
    named_graphs: bool = False
    jobs: int = 1               # processes that build and serialise documents' graphs (serialized_chunks)
    chunk_dir: Path | None = None   # where documents' serialised graphs are kept for the next build (ChunkCache)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    def chunks(self) -> Iterator[Chunk]:
        from .build import iter_chunks

        return iter_chunks(self.extractions, self.resolution or Resolution(), self.include_text)

    def serialized_chunks(self, triple_formats: Iterable[str] = (), whole_formats: Iterable[str] = ()
                          ) -> Iterator[SerializedChunk]:
        """``chunks()`` serialised for writers (kg.export.serialize_chunk), over ``jobs`` processes."""
        return serialized_chunks(self.extractions, self.resolution or Resolution(), self.include_text,
                                 self.jobs, tuple(triple_formats), tuple(whole_formats), self.chunk_dir)

    @cached_property
    def graph(self) -> Graph:
        from .build import build_dataset, build_graph

        make = build_dataset if self.named_graphs else build_graph
        return make(self.extractions, self.resolution or Resolution(), include_text=self.include_text)

    def counts(self) -> dict[str, int]:
        """How many of each kind of node the graph has, counted from the model (as the graph is
        built from it: one meeting per minutes, one node per item, decision and entity)."""
        minutes = [ex.minutes for ex in self.extractions if ex.minutes.is_minutes]
        entities = list(self.resolution.entities.values()) if self.resolution else []
        return {
            "meetings": len(minutes),
            "items": sum(len(m.items) for m in minutes),
            "sub-topics": sum(len(i.subtopics) for m in minutes for i in m.items),
            "decisions": sum(len(m.decisions) + sum(len(i.decisions) for i in m.items) for m in minutes),
            "people": sum(1 for e in entities if e.kind == "person"),
            "organisations": sum(1 for e in entities if e.kind == "organization"),
            "projects": sum(1 for e in entities if e.kind == "project"),
        }


def process_document(doc: Document) -> Extraction:
    """Segment and extract one document. Pure: the same Document gives the same Extraction."""
    return process_documents([doc])[0]


# Documents a process segments and extracts together (process_documents): enough to keep each
# stage's code and tables in the processor's caches, few enough that their spaCy Docs take
# little memory.
BATCH_SIZE = 32


def process_documents(docs: Sequence[Document], time_limit: float | None = None) -> list[Extraction]:
    """``process_document`` of each of ``docs``, one stage at a time: all are segmented, then
    spaCy reads their texts, then the rules run. Taking each document through every stage in
    turn was about a fifth slower: a stage's code and tables no longer stayed in the processor's
    caches from one document to the next.

    Python's cyclic garbage collector is paused meanwhile: extraction makes many small objects
    and no reference cycles, and the collector's full passes walk everything the caller holds
    (all extractions so far).

    With ``time_limit`` a document whose three stages take longer than that many seconds in all
    (more past a million characters: kg.runtime.allowance) is given up: its Extraction is ``refused`` (see there)."""
    from .extract import extract
    from .nlp import get_nlp
    from .segment import segment

    with collector_paused():
        if not time_limit:
            minutes = [segment(doc) for doc in docs]
            nlp = get_nlp()
            parsed = [nlp(m.document.text) for m in minutes]
            return [extract(m, sdoc) for m, sdoc in zip(minutes, parsed)]
        nlp = get_nlp()
        budget = _Budget(docs, time_limit)
        minutes = [budget.run(k, segment, doc) for k, doc in enumerate(docs)]
        parsed = [budget.run(k, nlp, m.document.text) if k not in budget.spent else None for k, m in enumerate(minutes)]
        out = [budget.run(k, extract, m, sdoc) if k not in budget.spent else None
               for k, (m, sdoc) in enumerate(zip(minutes, parsed))]
        return [refused(doc, budget.limits[k]) if k in budget.spent else ex for k, (doc, ex) in enumerate(zip(docs, out))]


class _Budget:
    """What is left of each document's time limit as it goes through the stages."""

    def __init__(self, docs: Sequence[Document], seconds: float):
        self.limits = [allowance(seconds, len(d.text)) or seconds for d in docs]
        self.left = list(self.limits)
        self.spent: set[int] = set()   # the documents that ran out

    def run(self, k: int, stage: Callable, *args):
        from time import perf_counter

        start = perf_counter()
        try:
            with time_limit(max(self.left[k], 0.001)):
                return stage(*args)
        except TimeLimitExceeded:
            self.spent.add(k)
            return None
        finally:
            self.left[k] -= perf_counter() - start


def refused(doc: Document, seconds: float) -> Extraction:
    """The Extraction of a document given up after ``seconds``: no meeting, one error. The build
    leaves it out of the graph and the cache (another run, on a faster machine, may finish it)."""
    issue = Issue(doc.path, f"took longer than {seconds:.3g} s to segment and extract; split it into smaller "
                            "files, or raise the limit (kg build --time-limit)", "error")
    return Extraction(Minutes(document=doc, is_minutes=False, issues=(issue,)))


def is_refused(issues: Sequence[Issue]) -> bool:
    """Whether a document's issues hold an error: the stages raise only warnings, ``refused`` one."""
    return any(i.severity == "error" for i in issues)


def _batches(items: Sequence, size: int) -> Iterator[Sequence]:
    return (items[k:k + size] for k in range(0, len(items), size))


def _start_worker() -> None:
    """Load the spaCy pipeline and the word lists once in each worker, before its first document.
    A failure is left to the first document, which raises it where the caller sees it."""
    die_with_parent()
    try:
        from .nlp import get_nlp

        get_nlp()
    except Exception:  # noqa: BLE001 - process_document raises it again, with its own message
        return
    gc.freeze()   # see _pipeline_frozen
    gc.disable()  # for the worker's life: extraction leaves no reference cycles (see extract_here)


@contextmanager
def _pipeline_frozen() -> Iterator[None]:
    """Load the spaCy pipeline, then keep what the process holds so far out of the garbage
    collector's full passes while extracting: the pipeline's vocabulary, word lists and
    gazetteers are most of the heap, hold no garbage, and each full pass walked all of them
    (0.4 s of 14 s extracting 2,000 documents)."""
    try:
        from .nlp import get_nlp

        get_nlp()
    except Exception:  # noqa: BLE001 - the first document raises it again, with its own message
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


# what extraction sends back for one document (see _extracted_batch)
ExtractedDocument = tuple[bytes, "DocumentPart", tuple[Issue, ...], "bytes | None"]


def _extracted(doc: Document, for_cache: bool = False, time_limit: float | None = None) -> ExtractedDocument:
    """``_extracted_batch`` of one document."""
    return _extracted_batch([doc], for_cache, time_limit)[0]


def _extracted_batch(docs: Sequence[Document], for_cache: bool = False,
                     time_limit: float | None = None) -> list[ExtractedDocument]:
    """``process_documents`` for a build: each Extraction pickled (the parent stores it as it is,
    in kg.spill, and never unpickles it on the way), the document's part of resolution
    (``kg.resolve.document_part``), its issues and, ``for_cache``, its cache entry
    (``ExtractionCache.entry``). Runs in worker processes with ``--jobs``, so the per-document
    half of resolution and the cache's encoding run there too."""
    from .resolve import document_part

    with collector_paused():
        return [(pickle.dumps(ex, protocol=pickle.HIGHEST_PROTOCOL), document_part(ex), ex.minutes.issues,
                 ExtractionCache.entry(ex) if for_cache and not is_refused(ex.minutes.issues) else None)
                for ex in process_documents(docs, time_limit)]


def _from_cache(ex: Extraction) -> ExtractedDocument:
    """What ``_extracted`` gives, for an extraction read from the cache (already stored there)."""
    from .resolve import document_part

    return pickle.dumps(ex, protocol=pickle.HIGHEST_PROTOCOL), document_part(ex), ex.minutes.issues, None


@dataclass
class Extracted:
    """Every document's extraction (on disk, in document order) and what came with them."""

    extractions: ExtractionSpill
    reused: int                     # documents taken from the cache
    issues: list[Issue]             # the documents' own, in document order
    resolver: Resolver | None       # every document's part added; None when the documents were not in identifier order
    refused: set[str] = field(default_factory=set)   # identifiers of documents given up for time


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A hash of the package's code and data: a cached extraction is valid only for the same one."""
    root = Path(__file__).parent
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file() and p.suffix in {".py", ".tsv", ".txt", ".jsonl", ".ttl", ".json"} and "__pycache__" not in p.parts:
            h.update(p.relative_to(root).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


class ExtractionCache:
    """Extractions on disk, one file per (content hash, identifier, pipeline fingerprint).

    An entry is data only (kg.modeljson, never pickle: a planted file must not run code) under a
    header line holding the pipeline fingerprint and a SHA-256 over fingerprint and content. An
    entry that fails either check, or decodes to another document's extraction, is damaged: it
    is reported (``issues``, a warning naming the file) and the document is extracted again."""

    FORMAT = "motesgraf-extraction-cache/1"
    SUFFIX = ".json"

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.issues: list[Issue] = []     # damaged entries met, one warning each
        self._damaged: set[str] = set()

    def _path(self, doc: Document) -> Path:
        key = hashlib.sha256(f"{fingerprint()}|{doc.sha256}|{doc.identifier}|{doc.text}".encode()).hexdigest()[:32]
        return self.folder / f"{key}{self.SUFFIX}"

    @classmethod
    def entry(cls, ex: Extraction) -> bytes:
        """The bytes of ``ex``'s cache entry: header line, then the encoded extraction."""
        from .modeljson import encode

        body = encode(ex)
        header = {"checksum": _entry_checksum(body), "fingerprint": fingerprint(), "format": cls.FORMAT}
        return json.dumps(header, sort_keys=True, separators=(",", ":")).encode() + b"\n" + body

    def _read(self, doc: Document) -> bytes | None:
        try:
            return self._path(doc).read_bytes()
        except OSError:
            return None

    def _damaged_entry(self, doc: Document, reason: str) -> None:
        path = self._path(doc)
        if path.name not in self._damaged:
            self._damaged.add(path.name)
            self.issues.append(Issue(str(path), f"damaged extraction cache entry of {doc.identifier} ({reason}); "
                                                 "extracted the document again and rewrote the entry"))

    def _body(self, doc: Document) -> bytes | None:
        """The entry's encoded extraction if the entry is whole; None if missing or damaged."""
        data = self._read(doc)
        if data is None:
            return None
        head, sep, body = data.partition(b"\n")
        try:
            header = json.loads(head.decode("utf-8")) if sep else None
        except (UnicodeDecodeError, json.JSONDecodeError):
            header = None
        if not isinstance(header, dict) or header.get("format") != self.FORMAT:
            self._damaged_entry(doc, "unreadable header")
        elif header.get("fingerprint") != fingerprint():
            self._damaged_entry(doc, "written by another version of the pipeline")
        elif header.get("checksum") != _entry_checksum(body):
            self._damaged_entry(doc, "checksum does not match")
        else:
            return body
        return None

    def check(self, doc: Document) -> bool:
        """Whether ``doc`` has a whole entry (reports a damaged one)."""
        return self._body(doc) is not None

    def get(self, doc: Document) -> Extraction | None:
        """The cached Extraction of ``doc``, if there is a whole one made from this very document."""
        from .modeljson import DecodeError, decode

        body = self._body(doc)
        if body is None:
            return None
        try:
            ex = decode(body)
        except (DecodeError, TypeError) as exc:   # TypeError: a class given the wrong values
            self._damaged_entry(doc, f"not an extraction: {exc}")
            return None
        if not isinstance(ex, Extraction) or ex.minutes.document != doc:
            self._damaged_entry(doc, "holds another document's extraction")
            return None
        return ex

    def put(self, doc: Document, ex: Extraction) -> None:
        self.put_entry(doc, self.entry(ex))

    def put_entry(self, doc: Document, data: bytes) -> None:
        """Store ``data`` (from ``entry``) as ``doc``'s entry, atomically (a new file renamed into place)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=temp_prefix(), suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, self._path(doc))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def prune(self, keep: Iterable[Document]) -> int:
        """Remove entries of documents no longer in the corpus, entries of the old pickle format
        (never read: loading them could run code) and temporary files left by a killed build
        (those of a process that has ended, ``kg-PID-*.tmp``, or older than an hour, so a concurrent
        build's are spared); returns how many were removed."""

        wanted = {self._path(d).name for d in keep}
        ended = {p.name for p in left_behind(self.folder, "")}
        removed = 0
        stale = time.time() - 3600
        for p in chain(self.folder.glob(f"*{self.SUFFIX}"), self.folder.glob("*.pickle"), self.folder.glob("*.tmp")):
            try:
                if p.suffix == ".tmp" and p.name not in ended and p.stat().st_mtime > stale:
                    continue
            except OSError:
                continue
            if p.name not in wanted:
                p.unlink(missing_ok=True)
                removed += 1
        return removed


def _entry_checksum(body: bytes) -> str:
    return hashlib.sha256(fingerprint().encode() + b"\n" + body).hexdigest()


def _extract_all(
    docs: list[Document], jobs: int, cache: ExtractionCache | None, progress: Callable[[str], None] | None,
    time_limit: float | None = None,
) -> Extracted:
    """Extractions in document order, spilled to disk as they come (kg.spill), with each
    document's part of resolution added as it comes; cached ones reused, the rest computed (over
    ``jobs`` processes if more than one)."""
    from .resolve import Resolver

    cached = [cache is not None and cache.check(d) for d in docs]
    todo = [k for k, hit in enumerate(cached) if not hit]
    ordered = _sorted_by_identifier(docs)
    out = Extracted(ExtractionSpill(in_identifier_order=ordered), len(docs) - len(todo), [],
                    Resolver() if ordered else None)

    def report(n: int, doc: Document) -> None:
        if progress:
            progress(f"[{n}/{len(todo)}] {doc.identifier}")

    def extract_here() -> Iterator[ExtractedDocument]:
        with _pipeline_frozen():
            for batch in _batches([docs[k] for k in todo], BATCH_SIZE):
                yield from _extracted_batch(batch, cache is not None, time_limit)

    pool = None
    if jobs > 1 and len(todo) > 1:
        # each worker loads the spaCy pipeline once (initializer), takes batches of documents
        # (smaller ones on a small corpus, so that every worker gets some) and sends back
        # pickled results
        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker)
        size = max(1, min(BATCH_SIZE, len(todo) // (jobs * 4)))
        computed = chain.from_iterable(pool.map(partial(_extracted_batch, for_cache=cache is not None,
                                                        time_limit=time_limit),
                                                list(_batches([docs[k] for k in todo], size))))
    else:
        computed = extract_here()
    try:
        # Extraction and what comes back of it leave no reference cycles (tests/test_stream.py
        # checks it on real minutes), so the collector stays paused over the whole loop: with
        # it on, its passes walked every document's part of resolution gathered so far.
        with collector_paused():
            _gather(docs, cached, cache, computed, out, report, time_limit)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    if cache:
        cache.prune(docs)
        out.issues[:0] = cache.issues   # damaged entries first: they are about the cache, not a document
    return out


def _gather(docs: list[Document], cached: list[bool], cache: ExtractionCache | None,
            computed: Iterator[ExtractedDocument], out: Extracted, report: Callable[[int, Document], None],
            time_limit: float | None = None) -> None:
    """Every document's extraction into ``out``, in document order: from the cache, or the next
    of ``computed`` (which gives the documents not cached, in order). A document given up for
    time (``refused``) leaves only its error."""
    n = 0
    for k, doc in enumerate(docs):
        if cached[k]:
            ex = cache.get(doc) if cache else None
            # (gone or damaged since it was checked: extract it here)
            data, part, issues, entry = (_from_cache(ex) if ex is not None
                                         else _extracted(doc, cache is not None, time_limit))
        else:
            data, part, issues, entry = next(computed)
            n += 1
            report(n, doc)
        if is_refused(issues):
            out.issues.extend(issues)
            out.refused.add(doc.identifier)
            continue
        if cache and entry is not None:
            cache.put_entry(doc, entry)
        out.extractions.append_pickled(data, doc.identifier)
        out.issues.extend(issues)
        if out.resolver is not None:
            out.resolver.add(part)


def _sorted_by_identifier(docs: Sequence[Document]) -> bool:
    return all(a.identifier <= b.identifier for a, b in zip(docs, docs[1:]))


# ------------------------------------------------------------------ building graphs in processes

_BUILD_CONTEXT: tuple | None = None   # (resolution, include_text, triple formats, whole formats) in a worker


def _set_build_context(*context) -> None:
    global _BUILD_CONTEXT
    die_with_parent()
    _BUILD_CONTEXT = context


def _serialize_batch(batch: list[bytes] | None) -> list[SerializedChunk]:
    """Build and serialise, in a worker, the graphs of some documents (pickled Extractions), or
    with ``None`` the entities' graph."""
    from .build import document_chunk, entities_chunk
    from .export import serialize_chunk

    assert _BUILD_CONTEXT is not None, "the worker was started without _set_build_context"
    resolution, include_text, triple_formats, whole_formats = _BUILD_CONTEXT
    with collector_paused():
        if batch is None:
            return [serialize_chunk(entities_chunk(resolution), triple_formats, whole_formats)]
        return [serialize_chunk(document_chunk(pickle.loads(data), resolution, include_text), triple_formats, whole_formats)
                for data in batch]


def serialized_chunks(extractions: Sequence[Extraction], resolution: Resolution, include_text: bool, jobs: int,
                      triple_formats: tuple[str, ...], whole_formats: tuple[str, ...],
                      chunk_dir: Path | None = None) -> Iterator[SerializedChunk]:
    """The graph chunk by chunk, serialised for writers, in ``iter_chunks`` order.

    With ``jobs`` > 1 and extractions on disk (kg.spill), the entities' graph and the documents'
    graphs are built and serialised in worker processes, a few batches ahead of the writer
    (memory holds those), and come back as bytes: building and serialising cost about as much as resolving and writing
    together, so done in one process they kept ``--jobs 2`` well under twice as fast. Each
    worker gets the resolution once, when it starts (inherited, where processes fork)."""
    from .build import iter_chunks
    from .export import serialize_chunk

    if chunk_dir is not None and jobs <= 1:
        yield from ChunkCache(chunk_dir).serialized(extractions, resolution, include_text, triple_formats,
                                                    whole_formats)
        return
    if jobs <= 1 or len(extractions) < 2 or not isinstance(extractions, ExtractionSpill):
        for chunk in iter_chunks(extractions, resolution, include_text):
            yield serialize_chunk(chunk, triple_formats, whole_formats)
        return
    size = max(1, min(16, len(extractions) // (jobs * 4)))
    starts = iter(range(0, len(extractions), size))
    context = (resolution, include_text, triple_formats, whole_formats)
    with ProcessPoolExecutor(max_workers=jobs, initializer=_set_build_context, initargs=context) as pool:
        pending = deque([pool.submit(_serialize_batch, None)])   # the entities' graph comes first

        def submit_next() -> None:
            start = next(starts, None)
            if start is not None:
                batch = [extractions.pickled(k) for k in range(start, min(start + size, len(extractions)))]
                pending.append(pool.submit(_serialize_batch, batch))

        for _ in range(jobs * 6 - 1):   # the entities' graph takes one worker a while: keep the other busy
            submit_next()
        try:
            while pending:
                done = pending.popleft().result()
                submit_next()
                yield from done
        finally:
            for future in pending:
                future.cancel()


class ChunkCache:
    """Each document's serialised graph, kept for the next build: a document whose extraction
    (its file and the code) and whose mentions' entities are unchanged has the same graph, so
    adding one document to thousands rebuilds the graphs of those that mention what changed, not
    all of them. An entry is named by a hash of everything its graph is made of (``key``); a
    build removes the entries it did not use."""

    SUFFIX = ".chunk"

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    @staticmethod
    def key(ex: Extraction, facts: list, include_text: bool, triple_formats: tuple[str, ...],
            whole_formats: tuple[str, ...]) -> str:
        doc = ex.minutes.document
        made_of = repr((fingerprint(), doc.sha256, doc.identifier, include_text, sorted(set(triple_formats)),
                        sorted(set(whole_formats)), facts))
        return hashlib.sha256(made_of.encode()).hexdigest()[:40]

    def serialized(self, extractions: Iterable[Extraction], resolution: Resolution, include_text: bool,
                   triple_formats: tuple[str, ...], whole_formats: tuple[str, ...]) -> Iterator[SerializedChunk]:
        """``serialized_chunks`` in one process, each document's taken from the cache when there."""
        from .build import document_chunk, entities_chunk
        from .export import serialize_chunk

        facts = _entity_facts_by_document(resolution)
        self.folder.mkdir(parents=True, exist_ok=True)
        used: set[str] = set()
        with collector_paused():
            yield serialize_chunk(entities_chunk(resolution), triple_formats, whole_formats)
            for ex in extractions:
                name = self.key(ex, facts.get(ex.minutes.document.identifier, []), include_text, triple_formats,
                                whole_formats) + self.SUFFIX
                used.add(name)
                chunk = self._read(name)
                if chunk is None:
                    chunk = serialize_chunk(document_chunk(ex, resolution, include_text), triple_formats,
                                            whole_formats)
                    self._write(name, chunk)
                yield chunk
        for p in self.folder.glob(f"*{self.SUFFIX}"):
            if p.name not in used:
                p.unlink(missing_ok=True)

    def _read(self, name: str) -> SerializedChunk | None:
        try:
            data = (self.folder / name).read_bytes()
        except OSError:
            return None
        try:
            return decode_chunk(data)
        except (ValueError, KeyError, TypeError, IndexError):
            return None   # damaged: built again (and written over)

    def _write(self, name: str, chunk: SerializedChunk) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=temp_prefix(), suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(encode_chunk(chunk))
            os.replace(tmp, self.folder / name)
        except OSError:
            Path(tmp).unlink(missing_ok=True)   # a cache that cannot be written only costs time


def _entity_facts_by_document(resolution: Resolution) -> dict[str, list]:
    """Per document, what its graph takes of the entities: each mention's entity's key, kind,
    name, type and parents (kg.build.add_document uses no more), sorted."""
    out: dict[str, list] = {}
    entities = resolution.entities
    for mk, key in resolution.mention_entity.items():
        e = entities.get(key)
        fact = (mk, (e.key, e.kind, e.name, e.org_type, e.parents) if e is not None else None)
        out.setdefault(mk[0], []).append(fact)
    for facts in out.values():
        facts.sort()
    return out


def encode_chunk(chunk: SerializedChunk) -> bytes:
    """A serialised chunk as bytes: a JSON header line with the lengths, then the parts, then a checksum."""
    own = sorted(chunk.own.items())
    whole = list(chunk.whole.items())   # (in the order serialize_chunk made them)
    parts = [b for _, b in own] + list(chunk.shared) + [b for _, b in whole]
    header = {"graph": chunk.graph, "own_count": chunk.own_count, "own": [[f, len(b)] for f, b in own],
              "shared": [len(b) for b in chunk.shared], "whole": [[f, len(b)] for f, b in whole]}
    body = b"".join(parts)
    return (json.dumps(header, sort_keys=True).encode() + b"\n" + body
            + hashlib.sha256(body).hexdigest().encode())


def decode_chunk(data: bytes) -> SerializedChunk:
    from .export import SerializedChunk

    line, _, rest = data.partition(b"\n")
    header = json.loads(line)
    body, digest = rest[:-64], rest[-64:]
    if hashlib.sha256(body).hexdigest().encode() != digest:
        raise ValueError("checksum")
    pos = 0

    def take(n: int) -> bytes:
        nonlocal pos
        pos += n
        if pos > len(body):
            raise ValueError("short")
        return body[pos - n:pos]
    own = {f: take(n) for f, n in header["own"]}
    shared = tuple(take(n) for n in header["shared"])
    whole = {f: take(n) for f, n in header["whole"]}
    if pos != len(body):
        raise ValueError("long")
    return SerializedChunk(header["graph"], header["own_count"], own, shared, whole)


def read_documents(paths: Iterable[str | Path], time_limit: float | None = FILE_TIME_LIMIT
                   ) -> tuple[list[Document], list[Issue]]:
    """Every readable document under ``paths`` (sorted by identifier) and the issues of the rest."""
    docs: list[Document] = []
    issues: list[Issue] = []
    for item in read_paths(paths, time_limit=time_limit):
        if isinstance(item, Issue):
            issues.append(item)
        else:
            docs.append(item)
            issues.extend(item.issues)
    # The same identifier twice (the same file name in two folders given) is one document.
    unique: dict[str, Document] = {}
    for d in docs:
        if d.identifier in unique and unique[d.identifier].sha256 != d.sha256:
            issues.append(Issue(d.path, f"another file is also named {d.identifier}; kept the first, give folders with distinct file names"))
            continue
        unique.setdefault(d.identifier, d)
    return sorted(unique.values(), key=lambda d: d.identifier), issues


def build(
    paths: Iterable[str | Path],
    judgements: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
    include_text: bool = True,
    jobs: int = 1,
    cache_dir: str | Path | None = None,
    named_graphs: bool = False,
    scheduler: str | None = None,
    time_limit: float | None = FILE_TIME_LIMIT,
) -> BuildResult:
    """Read, segment, extract, resolve and build the graph of every minutes file under ``paths``.

    A file that takes longer than ``time_limit`` seconds to read, or to segment and extract, is
    left out with an error (None: no limit; not applied on a Dask cluster's threads).

    With ``named_graphs`` the result's graph is an rdflib Dataset with one named graph per document.
    With ``scheduler`` (a Dask scheduler's address) extraction runs on that cluster (kg.cluster)."""
    from .resolve import load_judgements, resolve

    documents, issues = read_documents(paths, time_limit)
    cache = ExtractionCache(cache_dir) if cache_dir else None
    if scheduler:
        from .cluster import extract_on_dask

        on_dask, reused = extract_on_dask(documents, scheduler, cache, progress)
        extracted = Extracted(ExtractionSpill(on_dask, in_identifier_order=_sorted_by_identifier(documents)), reused,
                              [i for ex in on_dask for i in ex.minutes.issues], None)
        del on_dask
        if cache:
            issues += cache.issues
    else:
        extracted = _extract_all(documents, jobs, cache, progress, time_limit)
        documents = [d for d in documents if d.identifier not in extracted.refused]
    issues += extracted.issues
    verdicts = load_judgements(judgements) if judgements else None
    if extracted.resolver is not None:
        resolution = extracted.resolver.finish(verdicts)
    else:
        resolution = resolve(extracted.extractions, verdicts)
    return BuildResult(documents, extracted.extractions, resolution, issues, extracted.reused, include_text,
                       named_graphs, jobs, Path(cache_dir) / "chunks" if cache_dir and not scheduler else None)
