"""The process pools of a local build: extraction in worker processes (started early, warmed up,
ending with their parent; the extraction cache read and written as documents come), and the
documents' graphs built and serialised in processes. What a worker needs is passed to it."""
from __future__ import annotations

import gc
import pickle
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from typing import TYPE_CHECKING

from ..collector import collector_paused
from ..models import Document, Extraction, Issue, Resolution
from .runtime import die_with_parent
from .spill import ExtractionSpill

if TYPE_CHECKING:
    from ..graph.serialized import SerializedChunk
    from ..resolve import Resolver
from .cache import ExtractionCache
from .document import (
    BATCH_SIZE,
    DocumentSummary,
    NodeCounts,
    is_refused,
    process_document,
    process_documents,
    summarize,
)


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


def extract_all(
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
        ordered = sorted_by_identifier(docs)
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
    """Worker processes for ``extract_all``, started before the documents are read when the
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


def sorted_by_identifier(docs: Sequence[Document]) -> bool:
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
    from ..graph.build import document_chunk, entities_chunk
    from ..graph.serialized import serialize_chunk

    assert _BUILD_CONTEXT is not None, "the worker was started without _set_build_context"
    resolution, include_text, triple_formats, whole_formats = _BUILD_CONTEXT
    with collector_paused():
        if batch is None:
            return [serialize_chunk(entities_chunk(resolution), triple_formats, whole_formats)]
        return [serialize_chunk(document_chunk(pickle.loads(data), resolution, include_text), triple_formats, whole_formats)
                for data in batch]


def built_chunks(extractions: Sequence[Extraction], indices: Sequence[int], resolution: Resolution, include_text: bool,
           jobs: int, triple_formats: tuple[str, ...], whole_formats: tuple[str, ...], with_entities: bool
           ) -> Iterator[SerializedChunk]:
    """The serialised graphs of the entities (``with_entities``) and of the extractions at
    ``indices``, in that order: in worker processes (``serialized_chunks``) when there are
    ``jobs`` and enough of them, else here."""
    from ..graph.build import document_chunk, entities_chunk
    from ..graph.serialized import serialize_chunk

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
