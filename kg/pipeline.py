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
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph

from .models import Document, Extraction, Issue, Resolution
from .read import read_paths

if TYPE_CHECKING:
    from .build import Chunk


@dataclass
class BuildResult:
    """What a build read, extracted and resolved; the graph is made from it when asked for.

    ``chunks()`` streams the graph (the entities, then one document at a time) for writers;
    ``graph`` is the whole graph as rdflib (a Dataset with one named graph per document when
    ``named_graphs``), made on first use: handy for notebooks and small corpora, but it holds
    every triple in memory (about 3 KB each)."""

    documents: list[Document] = field(default_factory=list)
    extractions: list[Extraction] = field(default_factory=list)
    resolution: Resolution | None = None
    issues: list[Issue] = field(default_factory=list)
    reused: int = 0  # documents taken from the cache
    include_text: bool = True
    named_graphs: bool = False

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    def chunks(self) -> Iterator[Chunk]:
        from .build import iter_chunks

        return iter_chunks(self.extractions, self.resolution or Resolution(), self.include_text)

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
            "decisions": sum(len(m.decisions) + sum(len(i.decisions) for i in m.items) for m in minutes),
            "people": sum(1 for e in entities if e.kind == "person"),
            "organisations": sum(1 for e in entities if e.kind == "organization"),
            "projects": sum(1 for e in entities if e.kind == "project"),
        }


def process_document(doc: Document) -> Extraction:
    """Segment and extract one document. Pure: the same Document gives the same Extraction.

    Python's cyclic garbage collector is paused meanwhile: extraction makes many small objects
    and no reference cycles, and the collector's full passes walk everything the caller holds
    (all extractions so far)."""
    from .extract import extract
    from .segment import segment

    enabled = gc.isenabled()
    gc.disable()
    try:
        return extract(segment(doc))
    finally:
        if enabled:
            gc.enable()


def _start_worker() -> None:
    """Load the spaCy pipeline and the word lists once in each worker, before its first document.
    A failure is left to the first document, which raises it where the caller sees it."""
    try:
        from .nlp import get_nlp

        get_nlp()
    except Exception:  # noqa: BLE001 - process_document raises it again, with its own message
        pass


def _process_in_worker(doc: Document) -> Extraction:
    """``process_document`` in a worker process: the Extraction goes back without the document's
    text, which the parent already holds (``_with_document`` puts the Document back)."""
    ex = process_document(doc)
    return replace(ex, minutes=replace(ex.minutes, document=replace(doc, text="")))


def _with_document(ex: Extraction, doc: Document) -> Extraction:
    return replace(ex, minutes=replace(ex.minutes, document=doc))


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
    """Extractions on disk, one file per (content hash, identifier, pipeline fingerprint)."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def _path(self, doc: Document) -> Path:
        key = hashlib.sha256(f"{fingerprint()}|{doc.sha256}|{doc.identifier}|{doc.text}".encode()).hexdigest()[:32]
        return self.folder / f"{key}.pickle"

    def get(self, doc: Document) -> Extraction | None:
        p = self._path(doc)
        try:
            with p.open("rb") as fh:
                ex = pickle.load(fh)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError):
            return None
        return ex if isinstance(ex, Extraction) and ex.minutes.document == doc else None

    def put(self, doc: Document, ex: Extraction) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(ex, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self._path(doc))

    def prune(self, keep: Iterable[Document]) -> int:
        """Remove entries of documents no longer in the corpus; returns how many were removed."""
        wanted = {self._path(d).name for d in keep}
        removed = 0
        for p in self.folder.glob("*.pickle"):
            if p.name not in wanted:
                p.unlink(missing_ok=True)
                removed += 1
        return removed


def _extract_all(
    docs: list[Document], jobs: int, cache: ExtractionCache | None, progress: Callable[[str], None] | None
) -> tuple[list[Extraction], int]:
    """Extractions in document order; cached ones reused, the rest computed (in parallel if jobs > 1)."""
    results: list[Extraction | None] = [cache.get(d) if cache else None for d in docs]
    todo = [k for k, r in enumerate(results) if r is None]
    reused = len(docs) - len(todo)

    def report(n: int, doc: Document) -> None:
        if progress:
            progress(f"[{n}/{len(todo)}] {doc.identifier}")

    if jobs > 1 and len(todo) > 1:
        # each worker loads the spaCy pipeline once (initializer) and sends back small results
        with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker) as pool:
            chunk = max(1, min(32, len(todo) // (jobs * 4) or 1))
            done = pool.map(_process_in_worker, [docs[k] for k in todo], chunksize=chunk)
            for n, (k, ex) in enumerate(zip(todo, done), 1):
                results[k] = _with_document(ex, docs[k])
                report(n, docs[k])
    else:
        for n, k in enumerate(todo, 1):
            report(n, docs[k])
            results[k] = process_document(docs[k])
    if cache:
        for k in todo:
            cache.put(docs[k], results[k])
        cache.prune(docs)
    return [r for r in results if r is not None], reused


def read_documents(paths: Iterable[str | Path]) -> tuple[list[Document], list[Issue]]:
    """Every readable document under ``paths`` (sorted by identifier) and the issues of the rest."""
    docs: list[Document] = []
    issues: list[Issue] = []
    for item in read_paths(paths):
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
) -> BuildResult:
    """Read, segment, extract, resolve and build the graph of every minutes file under ``paths``.

    With ``named_graphs`` the result's graph is an rdflib Dataset with one named graph per document.
    With ``scheduler`` (a Dask scheduler's address) extraction runs on that cluster (kg.cluster)."""
    from .resolve import load_judgements, resolve

    documents, issues = read_documents(paths)
    cache = ExtractionCache(cache_dir) if cache_dir else None
    if scheduler:
        from .cluster import extract_on_dask

        extractions, reused = extract_on_dask(documents, scheduler, cache, progress)
    else:
        extractions, reused = _extract_all(documents, jobs, cache, progress)
    for ex in extractions:
        issues.extend(ex.minutes.issues)
    resolution = resolve(extractions, load_judgements(judgements) if judgements else None)
    return BuildResult(documents, extractions, resolution, issues, reused, include_text, named_graphs)


def iter_extractions(docs: Iterable[Document]) -> Iterator[Extraction]:
    """Extract documents one by one (for callers that stream, e.g. the benchmark)."""
    for d in docs:
        yield process_document(d)
