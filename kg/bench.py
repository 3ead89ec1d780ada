"""``kg bench --docs N``: time every stage of the pipeline on a synthetic corpus of N documents.

The corpus comes from :mod:`kg.synth` (deterministic for a given ``--seed``) and is written to a
temporary folder, so the run reads real files like ``kg build`` does. In one run, on the same
text and the same graph, it times:

* the pipeline: read, segment + extract (``pipeline.process_document``, over ``--jobs``
  processes), resolve, build the graph and Turtle export. Building and writing stream (one
  document's triples at a time, ``kg.graph.build.iter_chunks`` into ``kg.graph.export.ChunkWriter``), as
  ``kg build`` does; the two are timed apart within that one pass. With ``--jobs`` worker
  processes build and serialise the documents' graphs (``pipeline.serialized_chunks``), as
  ``kg build --jobs`` does, and the writer only appends their bytes;
* loading the spaCy pipeline and its rules and warming them up on one short minutes, as a
  ``kg build`` worker does before its first document (``load_pipeline``), timed on its own
  line and not counted in the total or in words/s, as the tokenizer reference below keeps its
  own warm-up off the clock: it is a fixed cost of a process, not of the words (under half a
  second, the same for 10 documents or 10,000). With ``--jobs`` each worker process loads its
  own pipeline, and that remains inside "segment + extract";
* reference figures that say what "fast" means here: spaCy's bare Swedish tokenizer
  (``spacy.blank("sv")`` through ``nlp.pipe``) over the same texts, and pyoxigraph loading and
  dumping the same graph as Turtle without rdflib;
* every saved question (``kg/resources/queries/*.rq``), median of ``--repeats`` runs, once
  through ``kg.workbench.query.run_query`` and once straight through ``pyoxigraph.Store.query`` on the
  same store.

Pipeline stages run once each (they are what is being measured at scale, and repeating them
would multiply the run time); only the questions are repeated. Peak memory is
``getrusage(RUSAGE_SELF).ru_maxrss``, read twice: ``peak_rss_mb`` right after the build's
export (the build: corpus, extractions, resolution, the chunk being written), and
``peak_rss_with_references_mb`` at the end, after the reference pyoxigraph store holds the
whole graph in memory for the questions. Worker processes with ``--jobs`` (extraction, then graph
building, which start as copies of the parent) are reported
separately (``RUSAGE_CHILDREN``, the largest child).

Then, as an analyst runs it, ``kg build`` in its own process: with its cache, of the corpus but
its last document (a clean build) and again with it added (an incremental rebuild, which should
take a tenth of the clean build's time or less); and with ``--store`` and no cache (a clean
build that writes the on-disk Oxigraph store too), whose peak RSS must stay under
``STORE_RSS_LIMIT_MB``. Each child's peak RSS is its own (``run_child``: ``wait4``).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .models import Document

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
    """The pipeline steps bench times; tests substitute fakes for steps not written yet."""

    process: Callable[[Document], Any]                 # one document -> Extraction (picklable for --jobs)
    resolve: Callable[[list[Any]], Any]                # extractions -> Resolution
    build: Callable[[list[Any], Any], Iterable[Any]]   # extractions, resolution -> graph chunks (lazy)
    export: Callable[[Path], Any]                      # path -> writer: write(chunk), close(), .triples
    load: Callable[[], Any] | None = None              # loads what extraction needs once per process


def load_stages() -> Stages:
    """The real stages, imported only now (an ImportError names the stage that is missing)."""
    from .graph.build import iter_chunks
    from .graph.export import ChunkWriter
    from .pipeline import process_document
    from .resolve import resolve

    # process_document imports segment and extract lazily: import them here so that a missing
    # stage fails before the clock starts, with its name.
    from . import extract, segment  # noqa: F401

    return Stages(process_document, lambda exs: resolve(exs, None), iter_chunks, lambda path: ChunkWriter(path, "turtle"),
                  load_pipeline)


def load_pipeline() -> None:
    """What a ``kg build`` worker does before its first document: load the spaCy pipeline and
    take a short minutes through every stage (the stages compile their expressions and tables
    on first use)."""
    from .nlp import get_nlp
    from .pipeline import process_documents
    from .pipeline.local import WARM_UP

    get_nlp()
    process_documents([WARM_UP])


def read_corpus(folder: Path) -> list[Document]:
    """Documents under ``folder`` as ``kg build`` reads them."""
    try:
        from .pipeline import read_documents
    except ImportError:  # pragma: no cover - older pipeline without read_documents
        from .read import read_paths

        return [d for d in read_paths([folder]) if isinstance(d, Document)]
    return read_documents([folder])[0]


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def _extract(stages: Stages, docs: Sequence[Document], jobs: int) -> list[Any]:
    from .pipeline import _extract_all, process_document

    if stages.process is process_document:   # the real stage: the way kg build runs it
        return _extract_all(list(docs), jobs, None, None)
    if jobs > 1 and len(docs) > 1:
        chunk = max(1, min(32, len(docs) // (jobs * 4) or 1))
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            return list(pool.map(stages.process, docs, chunksize=chunk))
    return [stages.process(d) for d in docs]


def _resolve(stages: Stages, extracted: Any) -> Any:
    """The resolve stage. The real one, as kg build runs it, has had each document's part added
    while extracting (``pipeline.Extracted``); what is left is to cluster and key the entities."""
    from .pipeline import Extracted
    from .pipeline.runtime import collector_paused

    with collector_paused():   # as the pipeline resolves
        if isinstance(extracted, Extracted) and extracted.resolver is not None:
            return extracted.resolver.finish(None)
        return stages.resolve(_extractions_of(extracted))


def _extractions_of(extracted: Any) -> Any:
    """The extractions themselves, from what ``_extract`` gave (``pipeline.Extracted`` or a list)."""
    from .pipeline import Extracted

    return extracted.extractions if isinstance(extracted, Extracted) else extracted


def build_and_export(stages: Stages, extractions: Any, resolution: Any, path: Path,
                     jobs: int = 1) -> tuple[int, float, float]:
    """Stream the graph into ``path`` as Turtle: (triples written, seconds building, seconds writing).

    With ``jobs`` > 1 the real stages run as ``kg build --jobs`` runs them: worker processes
    build and serialise documents' graphs (``pipeline.serialized_chunks``), so "building" is
    the wait for them and "writing" only appending their bytes."""
    from .graph.build import iter_chunks
    from .pipeline.runtime import collector_paused

    writer = stages.export(path)
    if jobs > 1 and stages.build is iter_chunks and getattr(writer, "streams", False):
        from .pipeline import serialized_chunks

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


def tokenizer_seconds(texts: Sequence[str]) -> tuple[float, int]:
    """Seconds for spaCy's blank Swedish pipeline (tokenizer only) over ``texts``, and its token count."""
    import spacy

    nlp = spacy.blank("sv")
    nlp("värm upp")  # first call builds lookup tables; keep it off the clock
    start = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    return time.perf_counter() - start, tokens


def pyoxigraph_turtle(turtle: Path) -> tuple[Any, float, float]:
    """Load ``turtle`` into a pyoxigraph store and dump it as Turtle again: (store, load s, dump s)."""
    import pyoxigraph as ox

    store = ox.Store()
    _, load_s = _timed(lambda: store.load(path=str(turtle), format=ox.RdfFormat.TURTLE))
    _, dump_s = _timed(lambda: store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph()))
    return store, load_s, dump_s


def _consume(answer: Any) -> int:
    """Pull every row of a pyoxigraph answer (results are lazy: an unread answer costs nothing)."""
    import pyoxigraph as ox

    if isinstance(answer, ox.QueryBoolean):
        return 1
    return sum(1 for _ in answer)


# For a question that needs a parameter (``# requires:``), the bench asks about the busiest
# person or organisation of the graph: the largest answer such a question gives there.
EXAMPLE_QUERIES = {
    "name": """SELECT ?value WHERE {
        ?person a foaf:Person ; foaf:name ?value . ?meeting mg:attendee ?person }
        GROUP BY ?value ORDER BY DESC(COUNT(?meeting)) ?value LIMIT 1""",
    "org": """SELECT ?value WHERE {
        ?organisation a org:Organization ; skos:prefLabel ?value . ?item mg:mentions ?organisation }
        GROUP BY ?value ORDER BY DESC(COUNT(?item)) ?value LIMIT 1""",
    "dnr": """SELECT ?value WHERE {
        ?case a mg:Case ; dcterms:identifier ?value . ?item mg:concernsCase ?case }
        GROUP BY ?value ORDER BY DESC(COUNT(?item)) ?value LIMIT 1""",
}


def example_params(store: Any, requires: Sequence[str]) -> dict[str, str] | None:
    """A value from the graph for the first required parameter the bench knows how to pick."""
    from .workbench.query import PREFIXES

    for name in requires:
        if name in EXAMPLE_QUERIES:
            for row in store.query(EXAMPLE_QUERIES[name], prefixes=PREFIXES):
                return {name: row[0].value}
    return None


def time_questions(store: Any, repeats: int) -> tuple[dict[str, dict[str, Any]], str | None]:
    """Median seconds of every saved question through kg.workbench.query and through bare pyoxigraph.

    Questions with optional parameters run unbound, as ``kg query NAME`` does without
    ``--param``; a question that needs one gets the busiest person's or organisation's
    (``example_params``), reported under ``params``. Returns the timings and, when kg.workbench.query
    cannot list its questions, why not.
    """
    try:
        from .workbench.query import PREFIXES, list_saved, prepare_query, run_query
    except ImportError as e:
        return {}, f"no saved questions timed: kg.workbench.query has no list_saved/run_query ({e})"
    out: dict[str, dict[str, Any]] = {}
    for q in list_saved():
        params = example_params(store, q.requires) if getattr(q, "requires", ()) else None
        text = prepare_query(q.text, params)
        through_kg, bare, rows = [], [], 0
        for _ in range(repeats):
            result, seconds = _timed(lambda: run_query(store, q.text, params))
            through_kg.append(seconds)
            rows, seconds = _timed(lambda: _consume(store.query(text, prefixes=PREFIXES)))
            bare.append(seconds)
        out[q.name] = {
            "median_s": round(statistics.median(through_kg), 6),
            "pyoxigraph_median_s": round(statistics.median(bare), 6),
            "rows": rows,
        }
        if params:
            out[q.name]["params"] = params
    return dict(sorted(out.items())), None


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size in MB."""
    return _rss_mb(resource.getrusage(who).ru_maxrss)


def _rss_mb(maxrss: int) -> float:
    """``ru_maxrss`` in MB (it is in KB on Linux, in bytes on macOS)."""
    return round(maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def run_bench(docs: int, seed: int = 0, jobs: int = 1, repeats: int = 3,
              stages: Stages | None = None, workdir: str | Path | None = None) -> dict[str, Any]:
    """Generate the corpus, run and time every stage and reference, and return the figures."""
    from .synth import write_corpus

    stages = stages or load_stages()
    with tempfile.TemporaryDirectory(prefix="kg-bench-", dir=workdir) as tmp:
        folder = Path(tmp) / "corpus"
        _, generate_s = _timed(lambda: write_corpus(docs, folder, seed=seed))
        times: dict[str, float] = {}
        load_s = _timed(stages.load)[1] if stages.load is not None else None   # (not counted: see above)
        documents, times["read"] = _timed(lambda: read_corpus(folder))
        extractions, times["segment_extract"] = _timed(lambda: _extract(stages, documents, jobs))
        resolution, times["resolve"] = _timed(lambda: _resolve(stages, extractions))
        turtle = Path(tmp) / "graph.ttl"
        triples, times["build"], times["turtle_export"] = build_and_export(
            stages, _extractions_of(extractions), resolution, turtle, jobs)
        build_peak = peak_rss_mb()

        texts = [d.text for d in documents]
        words = sum(len(t.split()) for t in texts)
        tokenizer_s, tokens = tokenizer_seconds(texts)
        store, ox_load_s, ox_dump_s = pyoxigraph_turtle(turtle)
        questions, questions_note = time_questions(store, repeats)
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
    if questions_note:
        result["questions_note"] = questions_note
    if incremental is not None:
        result["incremental"] = incremental
    if store_figures is not None:
        result["store"] = store_figures
    return result


def _real(stages: Stages) -> bool:
    from .pipeline import process_document

    return stages.process is process_document


def _kg_build(folder: Path, out: Path, jobs: int, cache: Path | None = None,
              store: Path | None = None) -> tuple[float, float]:
    """``kg build`` in its own process (as an analyst runs it), with ``cache`` or without one,
    writing ``store`` too if given: (seconds, peak RSS in MB; ``run_child``)."""
    argv = [sys.executable, "-m", "kg", "build", str(folder), "--out", str(out), "--jobs", str(jobs), "--quiet"]
    argv += ["--cache", str(cache)] if cache else ["--no-cache"]
    argv += ["--store", str(store)] if store else []
    return run_child(argv)


def run_child(argv: Sequence[str]) -> tuple[float, float]:
    """Run ``argv`` in a child process: (seconds, the child's peak resident set size in MB).

    The peak is what ``wait4`` reports for that one child: the largest of it and the processes
    it waited for (kg build's workers), each on its own. The child is started by a bare Python
    (``_LAUNCH``), not by this process: Linux counts in a new program's peak the memory of the
    process that started it (its high-water mark, taken over at exec), so a child of this
    process, which holds the bench's graph and store, would report at least this process's
    peak. The launcher's is about 20 MB; it also does the timing, so that its own start-up is
    not counted."""
    done = subprocess.run([sys.executable, "-c", _LAUNCH, *argv], stdout=subprocess.PIPE, env=_child_env())
    if done.returncode:
        raise subprocess.CalledProcessError(done.returncode, list(argv))
    seconds, maxrss = done.stdout.split()[-2:]
    return float(seconds), _rss_mb(int(maxrss))


# Runs sys.argv[1:] with its output discarded; prints its seconds and ru_maxrss; exits with its status.
_LAUNCH = """
import os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
child.returncode = os.waitstatus_to_exitcode(status)
print(time.perf_counter() - start, usage.ru_maxrss)
sys.exit(child.returncode)
"""


def _child_env() -> dict[str, str]:
    """This process's environment, with the folder this package is imported from on the path."""
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return env


def incremental_rebuild(corpus: Path, tmp: Path, jobs: int) -> dict[str, float]:
    """``kg build`` of the corpus but its last document with an empty cache (a clean build),
    then again with that document added: the seconds of each, their ratio and each one's peak
    RSS. Only the new document should be extracted, and only the graphs that changed built again."""
    files = sorted(corpus.iterdir())
    held = tmp / "held-back"
    held.mkdir()
    last = files[-1].rename(held / files[-1].name)
    cache, out = tmp / "incremental-cache", tmp / "incremental.ttl"
    clean_s, clean_peak = _kg_build(corpus, out, jobs, cache)
    last.rename(corpus / last.name)
    added_s, added_peak = _kg_build(corpus, out, jobs, cache)
    return {"clean_s": round(clean_s, 3), "one_added_s": round(added_s, 3),
            "ratio": round(added_s / clean_s, 4) if clean_s else None,
            "clean_peak_rss_mb": clean_peak, "one_added_peak_rss_mb": added_peak}


STORE_RSS_LIMIT_MB = 1024   # what a --store build of 2,000 documents must stay under


def store_build(corpus: Path, tmp: Path, jobs: int) -> dict[str, float]:
    """``kg build --store`` of the corpus without a cache, in its own process: a clean build that
    writes the on-disk Oxigraph store beside the Turtle file. Its seconds and peak RSS (the
    store's bulk load is the largest single need of memory of a build)."""
    seconds, peak = _kg_build(corpus, tmp / "store-build.ttl", jobs, store=tmp / "store")
    return {"seconds": round(seconds, 3), "peak_rss_mb": peak, "limit_mb": STORE_RSS_LIMIT_MB}


def _num(value: float | None, fmt: str) -> str:
    return "-" if value is None else format(value, fmt)


def format_table(r: dict[str, Any]) -> str:
    """The figures as a fixed-layout table: same keys, same lines, so runs can be diffed."""
    jobs = f"{r['jobs']} job" + ("s" if r["jobs"] != 1 else "")
    lines = [
        f"kg bench: {r['docs']} documents, {r['words']:,} words, seed {r['seed']}, {jobs}"
        f" (corpus generated in {r['generate_s']:.2f} s, not counted)",
        "",
        f"{'stage':<34}{'seconds':>10}{'words/s':>14}",
    ]
    for name in STAGES:
        per_s = r["extract_words_per_s"] if name == "segment_extract" else None
        lines.append(f"{STAGE_LABELS[name]:<34}{r['stages'][name]:>10.3f}{_num(per_s, ',.0f'):>14}")
    lines.append(f"{'total':<34}{r['seconds']:>10.3f}{_num(r['words_per_s'], ',.0f'):>14}")
    if r.get("load_pipeline_s") is not None:
        lines.append(f"{'load + warm up pipeline, not counted':<34}{r['load_pipeline_s']:>10.3f}"
                     "   (once per process, before the clock starts, as for the tokenizer below)")
    if r["jobs"] > 1:
        lines.append("(with jobs, workers build and serialise the graph: 'build graph' holds both, "
                     "'Turtle export' only the writing)")
    lines += [
        "",
        f"{'reference, same text and graph':<34}{'seconds':>10}{'words/s':>14}",
        f"{'spaCy blank(sv) tokenizer only':<34}{r['tokenizer_s']:>10.3f}{_num(r['tokenizer_words_per_s'], ',.0f'):>14}",
        f"{'pyoxigraph load Turtle':<34}{r['pyoxigraph_load_s']:>10.3f}{'':>14}",
        f"{'pyoxigraph dump Turtle':<34}{r['pyoxigraph_turtle_export_s']:>10.3f}{'':>14}",
        "",
    ]
    if r["questions"]:
        lines.append(f"{'saved question (median of ' + str(r['repeats']) + ')':<34}{'kg.query s':>12}{'pyoxigraph s':>14}{'rows':>8}")
        for name, q in r["questions"].items():
            asked = "".join(f"  {k}={v!r}" for k, v in sorted(q.get("params", {}).items()))
            lines.append(f"{name:<34}{q['median_s']:>12.4f}{q['pyoxigraph_median_s']:>14.4f}{q['rows']:>8}{asked}")
    else:
        lines.append(r.get("questions_note", "no saved questions"))
    children = f"; worker processes {r['peak_rss_children_mb']:.0f} MB (the largest)" if r.get("peak_rss_children_mb") else ""
    lines += [
        "",
        f"graph: {r['triples']:,} triples, Turtle {r['turtle_bytes'] / 1e6:.1f} MB",
        f"peak RSS: {r['peak_rss_mb']:.0f} MB building (corpus, extractions, resolution, chunk being "
        f"written){children}; {r.get('peak_rss_with_references_mb', 0):.0f} MB with the reference "
        "pyoxigraph store",
    ]
    inc = r.get("incremental")
    if inc:
        lines.append(f"incremental rebuild (kg build with its cache): {inc['one_added_s']:.2f} s with one document "
                     f"added, {inc['clean_s']:.2f} s clean: {inc['ratio']:.1%} of a clean build")
    store = r.get("store")
    if store:
        lines.append(f"store build (kg build --store, no cache, own process): {store['seconds']:.2f} s, "
                     f"peak RSS {store['peak_rss_mb']:.0f} MB (limit {store['limit_mb']} MB)")
    return "\n".join(line.rstrip() for line in lines)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text}: must be 1 or more")
    return value


def configure_parser(p: argparse.ArgumentParser) -> None:
    p.add_argument("--docs", "-n", type=_positive, default=100, help="documents to generate (default 100)")
    p.add_argument("--seed", type=int, default=0, help="corpus seed: the same seed gives the same corpus (default 0)")
    p.add_argument("--jobs", "-j", type=int, default=1,
                   help="extract with this many processes (default 1; 0 = one per core)")
    p.add_argument("--repeats", "-r", type=_positive, default=3,
                   help="runs of each saved question; the median is reported (default 3)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of the table")


def run_cli(args: argparse.Namespace) -> int:
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    try:
        stages = load_stages()
    except ImportError as e:
        print(f"kg: error: bench: a pipeline stage cannot be imported ({e}); "
              "run bench once kg.segment, kg.extract, kg.resolve and kg.graph.build are in place", file=sys.stderr)
        return 2
    result = run_bench(args.docs, seed=args.seed, jobs=jobs, repeats=args.repeats, stages=stages)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, sort_keys=True, indent=2))
    else:
        print(format_table(result))
    return 0
