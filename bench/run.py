"""Time every stage of the pipeline on a synthetic corpus of N documents.

The corpus comes from :mod:`bench.synth` (deterministic for a given ``--seed``) and is written to
a temporary folder, so the run reads real files like ``kg build`` does. In one run, on the same
text and the same graph, it times:

* the pipeline: read, segment + extract (``kg.extract_documents``, over ``--jobs`` processes),
  resolve (``kg.resolve_extracted``), build the graph and Turtle export. Building and writing
  stream (one document's triples at a time, ``kg.iter_chunks`` into ``kg.ChunkWriter``), as
  ``kg build`` does; the two are timed apart within that one pass. With ``--jobs`` worker
  processes build and serialise the documents' graphs (``kg.serialized_chunks``), as ``kg build
  --jobs`` does, and the writer only appends their bytes;
* loading the spaCy pipeline and its rules and warming them up on one short minutes, as a
  ``kg build`` worker does before its first document (``kg.warm_up_pipeline``), timed on its own
  line and not counted in the total or in words/s, as the tokenizer reference keeps its own
  warm-up off the clock: it is a fixed cost of a process, not of the words (under half a second,
  the same for 10 documents or 10,000). With ``--jobs`` each worker process loads its own
  pipeline, and that remains inside "segment + extract";
* the references of :mod:`bench.references` (spaCy's bare tokenizer, pyoxigraph, the saved
  questions), and ``kg build`` in child processes (:mod:`bench.children`).

Pipeline stages run once each (they are what is being measured at scale, and repeating them
would multiply the run time); only the questions are repeated. Peak memory is
``getrusage(RUSAGE_SELF).ru_maxrss``, read twice: ``peak_rss_mb`` right after the build's
export (the build: corpus, extractions, resolution, the chunk being written), and
``peak_rss_with_references_mb`` at the end, after the reference pyoxigraph store holds the
whole graph in memory for the questions. Worker processes with ``--jobs`` (extraction, then graph
building, which start as copies of the parent) are reported separately (``RUSAGE_CHILDREN``, the
largest child).
"""
from __future__ import annotations

import resource
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg import Document, collector_paused

from .children import incremental_rebuild, rss_mb, store_build
from .references import pyoxigraph_turtle, time_questions, tokenizer_seconds
from .synth import write_corpus

STAGES = ("read", "segment_extract", "resolve", "build", "turtle_export")
STAGE_LABELS = {
    "read": "read",
    "segment_extract": "segment + extract",
    "resolve": "resolve",
    "build": "build graph",
    "turtle_export": "Turtle export",
}


@dataclass(frozen=True)
class Stages:
    """The pipeline steps bench times; tests substitute stand-ins (``process`` a document at a
    time, ``resolve`` the list of what it gave)."""

    process: Callable[[Document], Any]                 # one document -> Extraction (picklable for --jobs)
    resolve: Callable[[Any], Any]                      # what extraction gave -> Resolution
    build: Callable[[Sequence[Any], Any], Iterable[Any]]   # extractions, resolution -> graph chunks (lazy)
    export: Callable[[Path], Any]                      # path -> writer: write(chunk), close(), .triples
    load: Callable[[], Any] | None = None              # loads what extraction needs once per process


def load_stages() -> Stages:
    """The real stages, as ``kg build`` runs them; their code is imported now (an ImportError
    names the stage that is missing), before any clock starts."""
    from kg import ChunkWriter, import_stages, iter_chunks, process_document, resolve_extracted, warm_up_pipeline

    import_stages()
    return Stages(process_document, resolve_extracted, iter_chunks, lambda path: ChunkWriter(path, "turtle"),
                  warm_up_pipeline)


def _real(stages: Stages) -> bool:
    from kg import process_document

    return stages.process is process_document


def read_corpus(folder: Path) -> list[Document]:
    """Documents under ``folder`` as ``kg build`` reads them."""
    from kg import read_documents

    return read_documents([folder])[0]


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def _extract(stages: Stages, docs: Sequence[Document], jobs: int) -> Any:
    """Segment + extract: the real stage the way kg build runs it (``kg.extract_documents``),
    stand-ins a document at a time (over ``jobs`` processes)."""
    from kg import extract_documents

    if _real(stages):
        return extract_documents(docs, jobs)
    if jobs > 1 and len(docs) > 1:
        chunk = max(1, min(32, len(docs) // (jobs * 4) or 1))
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            return list(pool.map(stages.process, docs, chunksize=chunk))
    return [stages.process(d) for d in docs]


def _resolve(stages: Stages, extracted: Any) -> Any:
    """The resolve stage, with the collector paused as the pipeline resolves. The real one has
    had each document's part added while extracting; what is left is to cluster and key the
    entities (``kg.resolve_extracted``)."""
    with collector_paused():
        return stages.resolve(extracted)


def _extractions_of(stages: Stages, extracted: Any) -> Any:
    """The extractions themselves, from what ``_extract`` gave."""
    return extracted.extractions if _real(stages) else extracted


def build_and_export(stages: Stages, extractions: Any, resolution: Any, path: Path,
                     jobs: int = 1) -> tuple[int, float, float]:
    """Stream the graph into ``path`` as Turtle: (triples written, seconds building, seconds writing).

    With ``jobs`` > 1 the real stages run as ``kg build --jobs`` runs them: worker processes
    build and serialise documents' graphs (``kg.serialized_chunks``), so "building" is the wait
    for them and "writing" only appending their bytes."""
    from kg import iter_chunks, serialized_chunks

    writer = stages.export(path)
    chunks: Iterator[Any]
    if jobs > 1 and stages.build is iter_chunks and getattr(writer, "streams", False):
        chunks = iter(serialized_chunks(extractions, resolution, True, jobs, *writer.needs()))
        write = writer.write_serialized
    else:
        chunks = iter(stages.build(extractions, resolution))
        write = writer.write
    build_s = write_s = 0.0
    with collector_paused():   # as the pipeline builds the graph
        while True:
            start = time.perf_counter()
            chunk = next(chunks, None)
            middle = time.perf_counter()
            build_s += middle - start
            if chunk is None:
                break
            write(chunk)
            write_s += time.perf_counter() - middle
    start = time.perf_counter()
    writer.close()
    write_s += time.perf_counter() - start
    return writer.triples, build_s, write_s


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size in MB."""
    return rss_mb(resource.getrusage(who).ru_maxrss)


def run_bench(docs: int, seed: int = 0, jobs: int = 1, repeats: int = 3,
              stages: Stages | None = None, workdir: str | Path | None = None) -> dict[str, Any]:
    """Generate the corpus, run and time every stage and reference, and return the figures."""
    stages = stages or load_stages()
    with tempfile.TemporaryDirectory(prefix="kg-bench-", dir=workdir) as tmp:
        folder = Path(tmp) / "corpus"
        _, generate_s = _timed(lambda: write_corpus(docs, folder, seed=seed))
        times: dict[str, float] = {}
        load_s = _timed(stages.load)[1] if stages.load is not None else None   # (not counted: see above)
        documents, times["read"] = _timed(lambda: read_corpus(folder))
        extracted, times["segment_extract"] = _timed(lambda: _extract(stages, documents, jobs))
        resolution, times["resolve"] = _timed(lambda: _resolve(stages, extracted))
        turtle = Path(tmp) / "graph.ttl"
        triples, times["build"], times["turtle_export"] = build_and_export(
            stages, _extractions_of(stages, extracted), resolution, turtle, jobs)
        build_peak = peak_rss_mb()

        texts = [d.text for d in documents]
        words = sum(len(t.split()) for t in texts)
        tokenizer_s, tokens = tokenizer_seconds(texts)
        store, ox_load_s, ox_dump_s = pyoxigraph_turtle(turtle)
        questions = time_questions(store, repeats)
        turtle_bytes = turtle.stat().st_size
        children_peak = peak_rss_mb(resource.RUSAGE_CHILDREN) if jobs > 1 else None   # (before kg build's own)
        incremental = incremental_rebuild(folder, Path(tmp), jobs) if _real(stages) else None
        store_figures = store_build(folder, Path(tmp), jobs) if _real(stages) else None

    seconds = sum(times.values())
    result: dict[str, Any] = {
        "docs": len(documents),
        "seed": seed,
        "jobs": jobs,
        "repeats": repeats,
        "words": words,
        "tokens": tokens,
        "generate_s": round(generate_s, 6),
        "stages": {name: round(times[name], 6) for name in STAGES},
        "load_pipeline_s": None if load_s is None else round(load_s, 6),
        "seconds": round(seconds, 6),
        "words_per_s": round(words / seconds, 1) if seconds else None,
        "extract_words_per_s": round(words / times["segment_extract"], 1) if times["segment_extract"] else None,
        "tokenizer_s": round(tokenizer_s, 6),
        "tokenizer_words_per_s": round(words / tokenizer_s, 1) if tokenizer_s else None,
        "triples": triples,
        "turtle_bytes": turtle_bytes,
        "turtle_export_s": round(times["turtle_export"], 6),
        "pyoxigraph_load_s": round(ox_load_s, 6),
        "pyoxigraph_turtle_export_s": round(ox_dump_s, 6),
        "questions": questions,
        "peak_rss_mb": build_peak,
        "peak_rss_with_references_mb": peak_rss_mb(),
        "peak_rss_children_mb": children_peak,
    }
    if incremental is not None:
        result["incremental"] = incremental
    if store_figures is not None:
        result["store"] = store_figures
    return result
