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

The package: this module (the order of the stages, both halves: ``build`` and the graph written
from its BuildResult), document.py (what every executor runs on a document), local.py (the
process pools of a local build), dask.py (extraction on a Dask cluster), cache.py (the extraction
cache), chunk_cache.py (the graph cache), spill.py (extractions on disk between stages),
runtime.py (the collector paused, workers that end with their parent), modeljson.py (the cache's
encoding), outputs.py (the graph file and the store written from a BuildResult).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..collector import collector_paused
from ..limits import FILE_TIME_LIMIT
from ..models import Document, Extraction, Issue, Resolution
from ..read import read_paths
from .cache import ExtractionCache, fingerprint
from .chunk_cache import ChunkCache
from .document import (
    BATCH_SIZE,
    DocumentSummary,
    NodeCounts,
    is_refused,
    node_counts,
    process_document,
    process_documents,
    refused,
    summarize,
)
from .local import EarlyPool, Extracted, built_chunks, sorted_by_identifier
from .local import extract_all as _extract_all
from .spill import ExtractionSpill
from .workers import worker_deaths

if TYPE_CHECKING:
    from ..graph.build import Graph
    from ..graph.chunk import Chunk
    from ..graph.serialized import SerializedChunk

__all__ = [
    "BATCH_SIZE", "BuildResult", "ChunkCache", "DocumentSummary", "Extracted", "ExtractionCache", "NodeCounts",
    "build", "fingerprint", "is_refused", "node_counts", "process_document", "process_documents", "read_documents",
    "refused", "serialized_chunks", "summarize",
    "import_stages", "warm_up_pipeline", "extract_documents", "resolve_extracted",
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
        """The graph chunk by chunk (``iter_chunks``), made with the collector paused: building
        makes many small objects and no cycles (``collector_paused``)."""
        from ..graph.build import iter_chunks

        with collector_paused():
            yield from iter_chunks(self.extractions, self.resolution or Resolution(), self.include_text)

    def serialized_chunks(self, triple_formats: Iterable[str] = (), whole_formats: Iterable[str] = ()
                          ) -> Iterator[SerializedChunk]:
        """``chunks()`` serialised for writers (kg.graph.serialized.serialize_chunk), over ``jobs`` processes."""
        return serialized_chunks(self.extractions, self.resolution or Resolution(), self.include_text,
                                 self.jobs, tuple(triple_formats), tuple(whole_formats), self.chunk_dir,
                                 self.documents)

    @cached_property
    def graph(self) -> Graph:
        """The whole graph as rdflib (``kg.graph.build``): merged, or a Dataset with ``named_graphs``."""
        from ..graph.build import dataset_from_chunks, graph_from_chunks, iter_chunks

        make = dataset_from_chunks if self.named_graphs else graph_from_chunks
        with collector_paused():
            return make(iter_chunks(self.extractions, self.resolution or Resolution(), self.include_text))

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
    worker gets the resolution once, when it starts (inherited, where processes fork). A worker
    that dies is a ``WorkerDiedError``."""
    with worker_deaths("building the graph", jobs):
        if chunk_dir is not None:
            yield from ChunkCache(chunk_dir).serialized(extractions, resolution, include_text, triple_formats,
                                                        whole_formats, jobs, documents)
            return
        yield from built_chunks(extractions, range(len(extractions)), resolution, include_text, jobs,
                                triple_formats, whole_formats, with_entities=True)


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
    With ``scheduler`` (a Dask scheduler's address) extraction runs on that cluster (kg.pipeline.dask).
    A worker process that dies is a ``WorkerDiedError``."""
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
        extracted = Extracted(ExtractionSpill(on_dask, in_identifier_order=sorted_by_identifier(documents)), reused,
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
        with collector_paused(), worker_deaths("extracting", jobs):
            extracted = _extract_all(documents, jobs, cache, progress, time_limit, early)
            resolution = (extracted.resolver.finish(verdicts) if extracted.resolver is not None
                          else resolve(extracted.extractions, verdicts))
        documents = [d for d in documents if d.identifier not in extracted.refused]
    issues += extracted.issues
    return BuildResult(documents, extracted.extractions, resolution, issues, extracted.reused, include_text,
                       named_graphs, jobs, Path(cache_dir) / "chunks" if cache_dir and not scheduler else None,
                       extracted.counts)


# The stages one at a time, as ``build`` runs them, for tools that time each (the benchmark,
# bench/ beside the package); they are part of kg's public API (kg.__all__).

def import_stages() -> None:
    """Import the code of the stages ``process_document`` imports on first use (segment, nlp,
    extract), so that a stage that cannot be imported fails here, with its name, and a tool
    that times the stages does not time their imports."""
    from .. import extract, segment  # noqa: F401


def warm_up_pipeline() -> None:
    """What a ``kg build`` worker does before its first document: load the spaCy pipeline and
    take a short minutes through every stage (the stages compile their expressions and tables
    on first use)."""
    from ..nlp import get_nlp
    from .local import WARM_UP

    get_nlp()
    process_documents([WARM_UP])


def extract_documents(documents: Sequence[Document], jobs: int = 1) -> Extracted:
    """Segment and extract ``documents`` as ``build`` does without a cache (over ``jobs``
    processes, each document's part of resolution added as it comes): ``resolve_extracted``
    finishes resolution from it."""
    return _extract_all(list(documents), jobs, None, None)


def resolve_extracted(extracted: Extracted) -> Resolution:
    """Resolution of what ``extract_documents`` gave, as ``build`` finishes it: with the
    collector paused (many small objects, no cycles)."""
    from ..resolve import resolve

    with collector_paused():
        if extracted.resolver is not None:
            return extracted.resolver.finish(None)
        return resolve(extracted.extractions, None)
