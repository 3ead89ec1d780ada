"""The only place that knows the order of the stages.

read -> segment -> extract (per document: parallel over processes, results cached by content)
-> resolve (across the corpus) -> build (RDF graph).

Incremental builds: each document's Extraction is cached under the file's bytes, its
identifier and the pipeline's fingerprint (the code, data and library versions that produce it),
with a summary beside it (``ExtractionCache``, ``DocumentSummary``): the Document, its part of
resolution, its issues and node counts. A rebuild

* takes an unchanged file's Document and summary from the cache (it does not read the file's
  text again, nor decode its extraction) and extracts only new or changed files, in a worker
  process started while the cache is read (``EarlyPool``);
* resolves the whole corpus again, from the summaries (resolution is global: one new document
  may merge two people or rename an organisation);
* takes each document's serialised graph from the graph cache when nothing it is made of
  changed, its own extraction nor its mentions' entities, and each entity's part of the
  entities' graph likewise (``ChunkCache``); only the rest is built and serialised.

So an incremental build gives, byte for byte, the graph a clean build gives
(tests/test_incremental.py), and a document's extraction is loaded only if its graph must be
built again (kg.pipeline.spill's deferred entries).

The package: document.py (what every executor runs on a document), cache.py (the extraction
cache), spill.py (extractions on disk between stages), dask.py (extraction on a Dask cluster),
runtime.py (the collector paused, workers that end with their parent), modeljson.py (the cache's
encoding), outputs.py (the graph file and the store written from a BuildResult). Still here: the
order of the stages, the process pools and the graph cache (ChunkCache).
"""
from __future__ import annotations

import gc
import hashlib
import json
import os
import pickle
import tempfile
from collections import deque
from itertools import chain, groupby
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, fields
from functools import cached_property, partial
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from rdflib import Graph

from ..models import Document, Entity, Extraction, Issue, Resolution
from ..read import read_paths
from ..limits import FILE_TIME_LIMIT
from .runtime import collector_paused, die_with_parent
from .spill import ExtractionSpill
from ..tempfiles import clean_left_behind, temp_prefix

if TYPE_CHECKING:
    from ..build import Chunk
    from ..export import SerializedChunk
    from ..resolve import Resolver
from .cache import ExtractionCache, fingerprint
from .document import BATCH_SIZE, DocumentSummary, NodeCounts, is_refused, node_counts, process_document, process_documents, refused, summarize


__all__ = [
    "BATCH_SIZE", "BuildResult", "ChunkCache", "DocumentSummary", "Extracted", "ExtractionCache", "NodeCounts",
    "build", "fingerprint", "is_refused", "node_counts", "process_document", "process_documents", "read_documents",
    "refused", "serialized_chunks", "summarize",
]


@dataclass
class BuildResult:
    """What a build read, extracted and resolved; the graph is made from it when asked for.

    ``chunks()`` streams the graph (the entities, then one document at a time) for writers;
    ``graph`` is the whole graph as rdflib (a Dataset with one named graph per document when
    ``named_graphs``), made on first use: handy for notebooks and small corpora, but it holds
    every triple in memory (about 3 KB each). ``extractions`` from ``build`` are kept on disk
    (kg.pipeline.spill) and read back one at a time; those of documents taken from the cache are loaded
    from there when asked for (``counts`` needs none of them)."""

    documents: list[Document] = field(default_factory=list)
    extractions: Sequence[Extraction] = field(default_factory=list)
    resolution: Resolution | None = None
    issues: list[Issue] = field(default_factory=list)
    reused: int = 0  # documents taken from the cache
    include_text: bool = True
    named_graphs: bool = False
    jobs: int = 1               # processes that build and serialise documents' graphs (serialized_chunks)
    chunk_dir: Path | None = None   # where documents' serialised graphs are kept for the next build (ChunkCache)
    node_counts: list[NodeCounts] | None = None   # each extraction's node_counts, when the build kept them

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    def chunks(self) -> Iterator[Chunk]:
        from ..build import iter_chunks

        return iter_chunks(self.extractions, self.resolution or Resolution(), self.include_text)

    def serialized_chunks(self, triple_formats: Iterable[str] = (), whole_formats: Iterable[str] = ()
                          ) -> Iterator[SerializedChunk]:
        """``chunks()`` serialised for writers (kg.export.serialize_chunk), over ``jobs`` processes."""
        return serialized_chunks(self.extractions, self.resolution or Resolution(), self.include_text,
                                 self.jobs, tuple(triple_formats), tuple(whole_formats), self.chunk_dir,
                                 self.documents)

    @cached_property
    def graph(self) -> Graph:
        from ..build import build_dataset, build_graph

        make = build_dataset if self.named_graphs else build_graph
        return make(self.extractions, self.resolution or Resolution(), include_text=self.include_text)

    def counts(self) -> dict[str, int]:
        """How many of each kind of node the graph has, counted from the model (as the graph is
        built from it: one meeting per minutes, one node per item, decision and entity); from
        the build's ``node_counts`` when it kept them, without loading the extractions."""
        per_document = self.node_counts
        if per_document is None or len(per_document) != len(self.extractions):
            per_document = [node_counts(ex) for ex in self.extractions]
        meetings, items, subtopics, decisions = (sum(column) for column in zip(*per_document)) if per_document \
            else (0, 0, 0, 0)
        entities = list(self.resolution.entities.values()) if self.resolution else []
        return {
            "meetings": meetings,
            "items": items,
            "sub-topics": subtopics,
            "decisions": decisions,
            "people": sum(1 for e in entities if e.kind == "person"),
            "organisations": sum(1 for e in entities if e.kind == "organization"),
            "projects": sum(1 for e in entities if e.kind == "project"),
        }


def _batches(items: Sequence, size: int) -> Iterator[Sequence]:
    return (items[k:k + size] for k in range(0, len(items), size))


def _start_worker() -> None:
    """Load the spaCy pipeline and the word lists once in each worker, and take a short minutes
    (``WARM_UP``) through every stage, before its first document: a process's first document
    took eight times as long as the next (the stages compile their expressions and tables on
    first use), and a worker started early (``EarlyPool``) does that while it waits. A
    failure is left to the first document, which raises it where the caller sees it."""
    die_with_parent()
    try:
        from ..nlp import get_nlp

        get_nlp()
        process_documents([WARM_UP])
    except Exception:  # noqa: BLE001 - process_document raises it again, with its own message
        return
    gc.freeze()   # see _pipeline_frozen
    gc.disable()  # for the worker's life: extraction leaves no reference cycles (see extract_here)


# A short minutes with what most minutes have (a body, attendance, roles, an item with a case
# number, a presenter and a decision), for workers to warm up on (``_start_worker``).
WARM_UP = Document("warm-up.txt", "warm-up.txt", """Protokoll
Kommunstyrelsen

Tid och plats: Stadshuset, tisdagen den 5 mars 2024 kl. 13.00–15.00

Beslutande
Anna Berg (S), ordförande
Per Holm (M)

Övriga närvarande
Eva Lind, sekreterare

Justerare
Per Holm

§ 1 Budget 2024
Dnr KS 2024/12
Ekonomichefen Eva Lind föredrar ärendet tillsammans med socialförvaltningen.
Kommunstyrelsen beslutar att godkänna budgeten.

Justerat 2024-03-08
""", "text/plain", "0" * 64)


@contextmanager
def _pipeline_frozen() -> Iterator[None]:
    """Load the spaCy pipeline, then keep what the process holds so far out of the garbage
    collector's full passes while extracting: the pipeline's vocabulary, word lists and
    gazetteers are most of the heap, hold no garbage, and each full pass walked all of them
    (0.4 s of 14 s extracting 2,000 documents)."""
    try:
        from ..nlp import get_nlp

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
ExtractedDocument = tuple[bytes, DocumentSummary, "bytes | None"]


def _extracted(doc: Document, for_cache: bool = False, time_limit: float | None = None) -> ExtractedDocument:
    """``_extracted_batch`` of one document."""
    return _extracted_batch([doc], for_cache, time_limit)[0]


def _extracted_batch(docs: Sequence[Document], for_cache: bool = False,
                     time_limit: float | None = None) -> list[ExtractedDocument]:
    """``process_documents`` for a build: each Extraction pickled (the parent stores it as it is,
    in kg.pipeline.spill, and never unpickles it on the way), its summary (the document's part of
    resolution, ``kg.resolve.document_part``, its issues and node counts) and, ``for_cache``, its
    cache entry (``ExtractionCache.entry``). Runs in worker processes with ``--jobs``, so the
    per-document half of resolution and the cache's encoding run there too."""
    out = []
    with collector_paused():
        for ex in process_documents(docs, time_limit):
            summary = summarize(ex)
            entry = ExtractionCache.entry(ex, summary) if for_cache and not is_refused(ex.minutes.issues) else None
            out.append((pickle.dumps(ex, protocol=pickle.HIGHEST_PROTOCOL), summary, entry))
    return out


@dataclass
class Extracted:
    """Every document's extraction (on disk, in document order, or loaded from the cache when
    asked for) and what came with them."""

    extractions: ExtractionSpill
    reused: int                     # documents taken from the cache
    issues: list[Issue]             # the documents' own, in document order
    resolver: Resolver | None       # every document's part added; None when the documents were not in identifier order
    refused: set[str] = field(default_factory=set)   # identifiers of documents given up for time
    counts: list[NodeCounts] | None = None            # each document's node_counts, in order


def _extract_all(
    docs: list[Document], jobs: int, cache: ExtractionCache | None, progress: Callable[[str], None] | None,
    time_limit: float | None = None, early: EarlyPool | None = None,
) -> Extracted:
    """Extractions in document order, with each document's part of resolution added as it
    comes: new or changed documents extracted and spilled to disk (kg.pipeline.spill); cached ones only
    summarised (``DocumentSummary``), their extractions loaded from the cache if and when they
    are asked for (``_FromCache``).

    Documents without a cache entry are extracted over ``jobs`` processes if more than one; in
    this process when none is cached (a clean build) and ``jobs`` is 1; else in one worker
    process (``early``'s when given, see ``EarlyPool``; shut down here) while the cache is read:
    loading the spaCy pipeline and the rules for the few documents an incremental build
    extracts took about as long as reading every other document's summary, and now runs beside
    it. A document whose entry turns out damaged is extracted here, after."""
    from ..resolve import Resolver

    entered = [cache is not None and cache.has_entry(d) for d in docs]
    todo = [k for k, has in enumerate(entered) if not has]
    for_cache = cache is not None
    if len(todo) > 1 and jobs > 1 or todo and any(entered):
        # each worker loads the spaCy pipeline once (initializer), takes batches of documents
        # (smaller ones on a small corpus, so that every worker gets some) and sends back
        # pickled results
        workers = max(1, min(jobs, len(todo)))
        pool = early.pool if early else ProcessPoolExecutor(max_workers=workers, initializer=_start_worker)
        size = max(1, min(BATCH_SIZE, len(todo) // (workers * 4)))
        computed = chain.from_iterable(pool.map(partial(_extracted_batch, for_cache=for_cache, time_limit=time_limit),
                                                list(_batches([docs[k] for k in todo], size))))
    else:
        if early is not None:
            early.discard()
        pool = None
        computed = _extracted_here([docs[k] for k in todo], for_cache, time_limit)
    try:
        with collector_paused():   # decoding summaries makes many small objects and no cycles (see there)
            summaries = [cache.summary(d) if has and cache is not None else None for d, has in zip(docs, entered)]
        damaged = {k for k, (has, s) in enumerate(zip(entered, summaries)) if has and s is None}
        ordered = _sorted_by_identifier(docs)
        out = Extracted(ExtractionSpill(in_identifier_order=ordered), len(docs) - len(todo) - len(damaged), [],
                        Resolver() if ordered else None, counts=[])
        extracted = 0

        def next_extracted(k: int) -> ExtractedDocument:
            nonlocal extracted
            extracted += 1
            if progress:
                progress(f"[{extracted}/{len(todo) + len(damaged)}] {docs[k].identifier}")
            return _extracted(docs[k], for_cache, time_limit) if k in damaged else next(computed)

        # Extraction and what comes back of it leave no reference cycles (tests/test_stream.py
        # checks it on real minutes), so the collector stays paused over the whole loop: with
        # it on, its passes walked every document's part of resolution gathered so far.
        with collector_paused():
            _gather(docs, summaries, cache, next_extracted, out)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    if cache:
        cache.prune(docs)
        out.issues[:0] = cache.issues   # damaged entries first: they are about the cache, not a document
    return out


@dataclass
class EarlyPool:
    """Worker processes for ``_extract_all``, started before the documents are read when the
    build is likely incremental (its cache holds entries), so that they load the spaCy pipeline
    and warm up meanwhile (the documents to extract are known only once all are read)."""

    pool: ProcessPoolExecutor
    processes: list   # its worker processes (multiprocessing.Process), to end them in ``discard``

    @classmethod
    def start(cls, cache: ExtractionCache | None, jobs: int) -> EarlyPool | None:
        if cache is None or not cache.has_entries():
            return None
        import multiprocessing

        before = set(multiprocessing.active_children())
        pool = ProcessPoolExecutor(max_workers=max(1, jobs), initializer=_start_worker)
        pool.submit(_nothing)   # a pool starts its workers with its first task
        return cls(pool, [p for p in multiprocessing.active_children() if p not in before])

    def discard(self) -> None:
        """No document is to be extracted: end the workers now. (Shut down, the pool would wait
        for them to finish warming up, as would the interpreter's exit; they hold nothing.)"""
        self.pool.shutdown(wait=False, cancel_futures=True)
        for p in self.processes:
            p.terminate()


def _nothing() -> None:
    pass


def _extracted_here(docs: list[Document], for_cache: bool, time_limit: float | None) -> Iterator[ExtractedDocument]:
    """``_extracted_batch`` of ``docs`` in this process, a batch at a time, as they are asked for."""
    with _pipeline_frozen():
        for batch in _batches(docs, BATCH_SIZE):
            yield from _extracted_batch(batch, for_cache, time_limit)


def _gather(docs: list[Document], summaries: list[DocumentSummary | None], cache: ExtractionCache | None,
            extracted: Callable[[int], ExtractedDocument], out: Extracted) -> None:
    """Every document into ``out``, in document order: from the cache (its summary, its
    extraction deferred), or as ``extracted(k)`` gives the k-th document (asked for in order).
    A document given up for time (``refused``) leaves only its error."""
    for k, doc in enumerate(docs):
        summary = summaries[k]
        if summary is not None:
            out.extractions.append_deferred(doc.identifier, _FromCache(cache, doc))
        else:
            data, summary, entry = extracted(k)
            if is_refused(summary.issues):
                out.issues.extend(summary.issues)
                out.refused.add(doc.identifier)
                continue
            if cache and entry is not None:
                cache.put_entry(doc, entry)
            out.extractions.append_pickled(data, doc.identifier)
        out.issues.extend(summary.issues)
        out.counts.append(summary.counts)
        if out.resolver is not None:
            out.resolver.add(summary.part)


@dataclass(frozen=True)
class _FromCache:
    """Loads a cached document's Extraction when it is asked for (``ExtractionSpill.append_deferred``).

    An entry gone or damaged since its summary was read is made again from the document:
    extraction is pure, so it is the Extraction the summary was made from."""

    cache: ExtractionCache
    doc: Document

    def __call__(self) -> Extraction:
        ex = self.cache.get(self.doc)
        if ex is None:
            ex = process_document(self.doc)
            self.cache.put(self.doc, ex)
        return ex


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
    from ..build import document_chunk, entities_chunk
    from ..export import serialize_chunk

    assert _BUILD_CONTEXT is not None, "the worker was started without _set_build_context"
    resolution, include_text, triple_formats, whole_formats = _BUILD_CONTEXT
    with collector_paused():
        if batch is None:
            return [serialize_chunk(entities_chunk(resolution), triple_formats, whole_formats)]
        return [serialize_chunk(document_chunk(pickle.loads(data), resolution, include_text), triple_formats, whole_formats)
                for data in batch]


def serialized_chunks(extractions: Sequence[Extraction], resolution: Resolution, include_text: bool, jobs: int,
                      triple_formats: tuple[str, ...], whole_formats: tuple[str, ...],
                      chunk_dir: Path | None = None, documents: Sequence[Document] | None = None
                      ) -> Iterator[SerializedChunk]:
    """The graph chunk by chunk, serialised for writers, in ``iter_chunks`` order.

    With ``chunk_dir`` each document's serialised graph is taken from there when unchanged
    (``ChunkCache``; ``documents`` are the extractions' documents, so that their keys are made
    without loading the extractions), and only the others are built.

    With ``jobs`` > 1 and extractions on disk (kg.pipeline.spill), the entities' graph and the documents'
    graphs are built and serialised in worker processes, a few batches ahead of the writer
    (memory holds those), and come back as bytes: building and serialising cost about as much as resolving and writing
    together, so done in one process they kept ``--jobs 2`` well under twice as fast. Each
    worker gets the resolution once, when it starts (inherited, where processes fork)."""
    if chunk_dir is not None:
        yield from ChunkCache(chunk_dir).serialized(extractions, resolution, include_text, triple_formats,
                                                    whole_formats, jobs, documents)
        return
    yield from _built(extractions, range(len(extractions)), resolution, include_text, jobs, triple_formats,
                      whole_formats, with_entities=True)


def _built(extractions: Sequence[Extraction], indices: Sequence[int], resolution: Resolution, include_text: bool,
           jobs: int, triple_formats: tuple[str, ...], whole_formats: tuple[str, ...], with_entities: bool
           ) -> Iterator[SerializedChunk]:
    """The serialised graphs of the entities (``with_entities``) and of the extractions at
    ``indices``, in that order: in worker processes (``serialized_chunks``) when there are
    ``jobs`` and enough of them, else here."""
    from ..build import document_chunk, entities_chunk
    from ..export import serialize_chunk

    if jobs <= 1 or len(indices) < 2 or not isinstance(extractions, ExtractionSpill):
        with collector_paused():
            if with_entities:
                yield serialize_chunk(entities_chunk(resolution), triple_formats, whole_formats)
            for k in indices:
                yield serialize_chunk(document_chunk(extractions[k], resolution, include_text), triple_formats,
                                      whole_formats)
        return
    size = max(1, min(16, len(indices) // (jobs * 4)))
    batches = iter([indices[k:k + size] for k in range(0, len(indices), size)])
    context = (resolution, include_text, triple_formats, whole_formats)
    with ProcessPoolExecutor(max_workers=jobs, initializer=_set_build_context, initargs=context) as pool:
        pending = deque([pool.submit(_serialize_batch, None)] if with_entities else [])   # the entities' graph first

        def submit_next() -> None:
            batch = next(batches, None)
            if batch is not None:
                pending.append(pool.submit(_serialize_batch, [extractions.pickled(k) for k in batch]))

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
    all of them, and loads no other extraction (kg.pipeline.spill's deferred entries). An entry is named by
    a hash of everything its graph is made of (``key``); a build removes the entries it did not use."""

    SUFFIX = ".chunk"

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    @staticmethod
    def key(identifier: str, sha256: str, facts: tuple, include_text: bool, triple_formats: tuple[str, ...],
            whole_formats: tuple[str, ...]) -> str:
        """The name of the entry of the document ``identifier`` whose bytes hash to ``sha256``,
        with ``facts`` its mentions' entities (``_entity_facts_by_document``)."""
        made_of = repr((fingerprint(), sha256, identifier, include_text, sorted(set(triple_formats)),
                        sorted(set(whole_formats)), facts))
        return hashlib.sha256(made_of.encode()).hexdigest()[:40]

    def serialized(self, extractions: Sequence[Extraction], resolution: Resolution, include_text: bool,
                   triple_formats: tuple[str, ...], whole_formats: tuple[str, ...], jobs: int = 1,
                   documents: Sequence[Document] | None = None) -> Iterator[SerializedChunk]:
        """``serialized_chunks``, each document's taken from the cache when there; the others are
        built (over ``jobs`` processes) and stored."""
        # The collector stays paused while the writer takes the chunks too: neither leaves
        # cycles, and a full pass walks the whole resolution (importing kg.build set one off).
        with collector_paused():
            from ..build import document_chunk
            from ..export import serialize_chunk

            self.folder.mkdir(parents=True, exist_ok=True)
            present = set(os.listdir(self.folder))
            if any(name.endswith(".tmp") for name in present):
                clean_left_behind(self.folder, "")   # what killed builds were writing
            facts = _entity_facts_by_document(resolution)
            names = [self.key(identifier, sha256, facts.get(identifier, ()), include_text, triple_formats,
                              whole_formats) + self.SUFFIX
                     for identifier, sha256 in _sources(extractions, documents)]
            del facts
            missing = [k for k, name in enumerate(names) if name not in present]
            built = _built(extractions, missing, resolution, include_text, jobs, triple_formats, whole_formats,
                           with_entities=False)
            yield self._entities(resolution, triple_formats, whole_formats)
            todo = set(missing)
            for k, name in enumerate(names):
                chunk = None if k in todo else self._read(name)
                if chunk is None:
                    if k in todo:
                        chunk = next(built)
                    else:   # damaged: built again (and written over)
                        chunk = serialize_chunk(document_chunk(extractions[k], resolution, include_text),
                                                triple_formats, whole_formats)
                    self._write(name, chunk)
                yield chunk
        used = set(names)
        for p in self.folder.glob(f"*{self.SUFFIX}"):
            if p.name not in used:
                p.unlink(missing_ok=True)

    ENTITIES = "entities.pieces"   # each entity's part of the entities' graph (_entities)

    def _entities(self, resolution: Resolution, triple_formats: tuple[str, ...], whole_formats: tuple[str, ...]
                  ) -> SerializedChunk:
        """The entities' graph, serialised, each entity's part of it taken from the last build's
        when the entity is unchanged: adding a document adds or changes a few of the corpus's
        tens of thousands of entities, and building all their facts took longer than the rest of
        the graph's work together. Their parts joined in IRI order are the whole graph's bytes
        (``kg.export.by_subject``). TriG frames the graph as a whole: then it is built whole."""
        from ..build import ENTITIES_GRAPH, entities_chunk, entity_iri_text
        from ..export import SerializedChunk, as_nquads, serialize_chunk

        formats = _piece_formats(triple_formats, whole_formats)
        if formats is None:
            with collector_paused():
                return serialize_chunk(entities_chunk(resolution), triple_formats, whole_formats)
        own_formats = formats[:-1] if whole_formats else formats
        with collector_paused():
            ordered = sorted(resolution.entities.values(), key=entity_iri_text)
            digests = [_entity_digest(e) for e in ordered]
            pieces = self._read_pieces(formats)
            new = [(d, e) for d, e in zip(digests, ordered) if d not in pieces]
            if new:
                pieces.update(zip((d for d, _ in new), _entity_pieces([e for _, e in new], formats)))
            used = [pieces[d] for d in digests]
            if new or len(pieces) > len(used):   # (kept as they are when no entity changed)
                self._write_pieces(formats, dict(zip(digests, used)))
            own = {fmt: b"".join(p.own[k] for p in used) for k, fmt in enumerate(own_formats)}
            shared = tuple(line for p in used for line in p.shared)
            whole: dict[str, bytes] = {}
            if whole_formats:   # as serialize_chunk makes them
                whole["nt"] = b"".join(p.own[-1] for p in used) + b"".join(shared)
                if "nquads" in whole_formats:
                    whole["nquads"] = as_nquads(str(ENTITIES_GRAPH), whole["nt"])
            return SerializedChunk(str(ENTITIES_GRAPH), sum(p.count for p in used), own, shared, whole)

    def _read_pieces(self, formats: tuple[str, ...]) -> dict[str, _EntityPiece]:
        """The entity parts the last build kept, by ``_entity_digest``; none if they are of
        other formats or another version of the code, or damaged."""
        try:
            data = (self.folder / self.ENTITIES).read_bytes()
            header, parts = _decode_parts(data)
            if header.get("fingerprint") != fingerprint() or header.get("formats") != list(formats):
                return {}
            out, k = {}, 0
            for digest, count, n_shared in header["pieces"]:
                own = tuple(parts[k:k + len(formats)])
                k += len(formats)
                out[digest] = _EntityPiece(own, count, tuple(parts[k:k + n_shared]))
                k += n_shared
            if k != len(parts):
                raise ValueError("parts left over")
            return out
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return {}   # built again (and written over)

    def _write_pieces(self, formats: tuple[str, ...], pieces: dict[str, _EntityPiece]) -> None:
        header = {"fingerprint": fingerprint(), "formats": list(formats),
                  "pieces": [[d, p.count, len(p.shared)] for d, p in pieces.items()]}
        self._write_bytes(self.ENTITIES, _encode_parts(header, [b for p in pieces.values() for b in (*p.own, *p.shared)]))

    def _read(self, name: str) -> SerializedChunk | None:
        try:
            with open(os.path.join(self.folder, name), "rb") as f:
                data = f.read()
        except OSError:
            return None
        try:
            return decode_chunk(data)
        except (ValueError, KeyError, TypeError, IndexError):
            return None   # damaged: built again (and written over)

    def _write(self, name: str, chunk: SerializedChunk) -> None:
        self._write_bytes(name, encode_chunk(chunk))

    def _write_bytes(self, name: str, data: bytes) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=temp_prefix(), suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, self.folder / name)
        except OSError:
            Path(tmp).unlink(missing_ok=True)   # a cache that cannot be written only costs time


class _EntityPiece(NamedTuple):
    """One entity's part of the entities' graph (``ChunkCache._entities``). (A named tuple: a
    build reads one for each of tens of thousands of entities.)"""

    own: tuple[bytes, ...]      # its own facts in each of the formats of ``_piece_formats``
    count: int                  # how many own facts
    shared: tuple[bytes, ...]   # its facts documents may state too (parents), as N-Triples lines


def _piece_formats(triple_formats: tuple[str, ...], whole_formats: tuple[str, ...]) -> tuple[str, ...] | None:
    """The formats an entity's part is kept in: the triple formats, then "nt" when the whole
    chunk is wanted (as N-Triples or N-Quads); None when a format cannot be cut by subject (TriG)."""
    if not set(triple_formats) <= {"turtle", "nt"} or not set(whole_formats) <= {"nt", "nquads"}:
        return None
    return tuple(sorted(set(triple_formats))) + (("nt",) if whole_formats else ())


def _entity_digest(e: Entity) -> str:
    """A hash of everything an entity's facts are made of (all its fields; a tuple's repr is
    made in C, the dataclass's in Python)."""
    return hashlib.sha256(repr(_ENTITY_FIELDS(e)).encode()).hexdigest()[:24]


_ENTITY_FIELDS = attrgetter(*(f.name for f in fields(Entity)))   # (all of them, should one be added)


def _entity_pieces(entities: list[Entity], formats: tuple[str, ...]) -> list[_EntityPiece]:
    """The parts of ``entities`` (in IRI order) of the entities' graph: their facts built and
    serialised together, then cut by subject (each entity is one subject)."""
    import pyoxigraph as ox

    from ..build import ENTITIES_GRAPH, _Rows, add_entity
    from ..export import _serialized, by_subject

    rows = _Rows()
    for e in entities:
        add_entity(rows, e)
    chunk = rows.chunk(str(ENTITIES_GRAPH))
    runs = [(subject, sum(1 for _ in run)) for subject, run in groupby(chunk.own, key=_subject)]
    if len(runs) != len(entities):
        raise AssertionError("an entity's facts are not all about the entity")
    sizes = [n for _, n in runs]
    own = [by_subject(_serialized(chunk.own, fmt), fmt, sizes) for fmt in formats]
    shared: dict[str, list[bytes]] = {}
    lines = ox.serialize(chunk.shared, format=ox.RdfFormat.N_TRIPLES).splitlines(keepends=True)
    for t, line in zip(chunk.shared, lines):
        shared.setdefault(t.subject.value, []).append(line)
    return [_EntityPiece(tuple(parts), n, tuple(shared.get(subject, ()))) for (subject, n), *parts in zip(runs, *own)]


def _subject(t) -> str:
    return t.subject.value


def _sources(extractions: Sequence[Extraction], documents: Sequence[Document] | None) -> list[tuple[str, str]]:
    """(identifier, sha256) of each extraction's document: from ``documents`` by the identifiers
    a spill keeps (loading no extraction), else from the extractions themselves."""
    identifiers = getattr(extractions, "identifiers", None)
    if identifiers is not None and documents is not None:
        sha256 = {d.identifier: d.sha256 for d in documents}
        if all(i in sha256 for i in identifiers):
            return [(i, sha256[i]) for i in identifiers]
    return [(ex.minutes.document.identifier, ex.minutes.document.sha256) for ex in extractions]


def _entity_facts_by_document(resolution: Resolution) -> dict[str, tuple[str, list]]:
    """Per document, what its graph takes of the entities: the entity key of each of its
    mentions (lines "start end kind key", sorted), and the key, kind, name, type and parents of
    those entities (kg.build.add_document uses no more), sorted by key. (Each entity once, and
    the mentions as text, not tuples: written with every mention, as before, they made most of
    the time keying the documents' graphs. Keys are IRI names: no spaces, no line breaks.)"""
    by_document: dict[str, list] = {}
    for (doc, start, end, kind), key in resolution.mention_entity.items():
        rows = by_document.get(doc)
        if rows is None:
            rows = by_document[doc] = []
        rows.append((start, end, kind, key))
    entities = resolution.entities
    out = {}
    for doc, rows in by_document.items():
        rows.sort()
        used = sorted({row[3] for row in rows})
        out[doc] = ("".join([f"{s} {e} {kind} {key}\n" for s, e, kind, key in rows]),
                    [_GRAPH_FIELDS(entities[k]) if k in entities else (k,) for k in used])
    return out


_GRAPH_FIELDS = attrgetter("key", "kind", "name", "org_type", "parents")   # what a document's graph uses of an entity


def encode_chunk(chunk: SerializedChunk) -> bytes:
    """A serialised chunk as bytes (``_encode_parts``)."""
    own = sorted(chunk.own.items())
    whole = list(chunk.whole.items())   # (in the order serialize_chunk made them)
    blocks = sorted(chunk.shared_blocks.items())
    header = {"graph": chunk.graph, "own_count": chunk.own_count, "own": [f for f, _ in own],
              "shared": len(chunk.shared), "whole": [f for f, _ in whole],
              "blocks": [[f, len(b)] for f, b in blocks]}
    return _encode_parts(header, [b for _, b in own] + list(chunk.shared) + [b for _, b in whole]
                         + [piece for _, b in blocks for piece in b])


def decode_chunk(data: bytes) -> SerializedChunk:
    from ..export import SerializedChunk

    header, parts = _decode_parts(data)
    own, shared, whole = len(header["own"]), header["shared"], len(header["whole"])
    blocks, at = {}, own + shared + whole
    for fmt, n in header["blocks"]:
        blocks[fmt] = tuple(parts[at:at + n])
        at += n
    if len(parts) != at:
        raise ValueError("parts missing")
    return SerializedChunk(header["graph"], header["own_count"], dict(zip(header["own"], parts[:own])),
                           tuple(parts[own:own + shared]), dict(zip(header["whole"], parts[own + shared:own + shared + whole])),
                           blocks)


def _encode_parts(header: dict, parts: list[bytes]) -> bytes:
    """A JSON header line (``header`` and the parts' lengths), the parts, then a SHA-256 of them."""
    body = b"".join(parts)
    head = json.dumps({**header, "lengths": [len(p) for p in parts]}, sort_keys=True, separators=(",", ":"))
    return head.encode() + b"\n" + body + hashlib.sha256(body).hexdigest().encode()


def _decode_parts(data: bytes) -> tuple[dict, list[bytes]]:
    """(header, parts) of ``_encode_parts``'s bytes; ValueError (or KeyError, TypeError) if damaged."""
    line, _, rest = data.partition(b"\n")
    header = json.loads(line)
    body, digest = rest[:-64], rest[-64:]
    if hashlib.sha256(body).hexdigest().encode() != digest:
        raise ValueError("checksum")
    parts, pos = [], 0
    for n in header["lengths"]:
        parts.append(body[pos:pos + n])
        pos += n
    if pos != len(body):
        raise ValueError("length")
    return header, parts


def read_documents(paths: Iterable[str | Path], time_limit: float | None = FILE_TIME_LIMIT,
                   cache: ExtractionCache | None = None) -> tuple[list[Document], list[Issue]]:
    """Every readable document under ``paths`` (sorted by identifier) and the issues of the rest.
    A file ``cache`` holds an entry of (the same bytes and name) is not read again: its Document
    comes from there (``ExtractionCache.document``)."""
    docs: list[Document] = []
    issues: list[Issue] = []
    for item in _read_items(paths, time_limit, cache):
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


def _read_items(paths: Iterable[str | Path], time_limit: float | None,
                cache: ExtractionCache | None) -> Iterator[Document | Issue]:
    """``kg.read.read_paths``, each file's Document taken from ``cache`` when it has it.

    First every file is looked up in the cache, with the collector paused (decoding entries
    makes many small objects and no cycles: with it on, its full passes over the growing heap
    took a third of the time), then the others are read, with it on (the readers of PDF and
    Word files may leave cycles)."""
    if cache is None:
        yield from read_paths(paths, time_limit=time_limit)
        return
    from ..read import iter_input_files, read_file, unsupported_file

    items: list[Document | Issue | tuple[Path, Path]] = []   # (file, root): to read
    passed_over: list[Path] = []
    with collector_paused():
        for f, root in iter_input_files(paths, passed_over.append):
            items.extend(unsupported_file(p) for p in passed_over)
            passed_over.clear()
            items.append(cache.document(f, root) or (f, root))
        items.extend(unsupported_file(p) for p in passed_over)
    for item in items:
        yield read_file(*item, time_limit=time_limit) if isinstance(item, tuple) else item


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
    With ``scheduler`` (a Dask scheduler's address) extraction runs on that cluster (kg.pipeline.dask)."""
    from ..resolve import load_judgements, resolve

    verdicts = load_judgements(judgements) if judgements else None
    cache = ExtractionCache(cache_dir) if cache_dir else None
    early = EarlyPool.start(cache, jobs) if not scheduler else None
    try:
        documents, issues = read_documents(paths, time_limit, cache)
    except BaseException:
        if early is not None:
            early.discard()
        raise
    if scheduler:
        from .dask import extract_on_dask

        on_dask, reused = extract_on_dask(documents, scheduler, cache, progress)
        extracted = Extracted(ExtractionSpill(on_dask, in_identifier_order=_sorted_by_identifier(documents)), reused,
                              [i for ex in on_dask for i in ex.minutes.issues], None)
        del on_dask
        if cache:
            issues += cache.issues
        with collector_paused():   # resolution makes many small objects and no cycles
            resolution = resolve(extracted.extractions, verdicts)
    else:
        # The collector stays paused from the summaries' decoding to the end of resolution,
        # which consumes them: many small objects, no cycles (extraction, here or in workers,
        # runs paused anyway). With it on, a pass in between walked them all.
        with collector_paused():
            extracted = _extract_all(documents, jobs, cache, progress, time_limit, early)
            resolution = (extracted.resolver.finish(verdicts) if extracted.resolver is not None
                          else resolve(extracted.extractions, verdicts))
        documents = [d for d in documents if d.identifier not in extracted.refused]
    issues += extracted.issues
    return BuildResult(documents, extracted.extractions, resolution, issues, extracted.reused, include_text,
                       named_graphs, jobs, Path(cache_dir) / "chunks" if cache_dir and not scheduler else None,
                       extracted.counts)
