"""Streaming build: the graph made and written one chunk (named graph) at a time.

The chunks must hold exactly the facts of the merged rdflib graph, writers must give the same
triples in every format, the chunk iterator must not read ahead of what it yields (that is what
keeps memory flat on large corpora), and a failed write must leave the previous file alone.
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.namespace import FOAF, ORG, RDF

from kg import pipeline
from kg.graph.build import iter_chunks
from kg.graph.chunk import merged_triples
from kg.graph.export import ChunkWriter
from kg.graph.iri import ENTITIES_GRAPH, ID, document_iri
from kg.graph.terms import to_rdflib
from kg.graph.vocab import MG
from tests.graph_files import write_chunks

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
# Subjects whose facts several documents may state (a membership, a collaboration): a merged
# graph keeps each such fact once, a graph per document keeps it in every document that states it.
SHARED_SUBJECTS = tuple(str(ID[f"{folder}/"]) for folder in ("person", "org", "project", "collaboration", "case", "role"))


@pytest.fixture(scope="module")
def result() -> pipeline.BuildResult:
    return pipeline.build([SEEDS])


def _ox_set(graph: Graph) -> set[tuple]:
    return {(str(s), str(p), o.n3()) for s, p, o in graph}


def _parsed(path: Path, fmt: ox.RdfFormat) -> set[tuple]:
    return {(t.subject.value, t.predicate.value, to_rdflib(t.object).n3()) for t in ox.parse(path=str(path), format=fmt)}


def test_chunks_are_the_entities_then_each_document_in_order(result):
    chunks = list(result.chunks())
    assert chunks[0].graph == str(ENTITIES_GRAPH)
    assert [c.graph for c in chunks[1:]] == [str(document_iri(ex.minutes.document.identifier)) for ex in result.extractions]
    for c in chunks:
        assert len(set(c.triples)) == len(c.triples)                     # unique
        for part in (c.own, c.shared):
            subjects = [t.subject.value for t in part]
            assert subjects == sorted(subjects)                           # grouped by subject, in order


def test_only_shared_facts_repeat_across_documents(result):
    chunks = list(result.chunks())
    seen: dict[ox.Triple, str] = {}
    for chunk in chunks:
        for t in chunk.own:
            assert t not in seen, (t, seen[t], chunk.graph)
            seen[t] = chunk.graph
    for chunk in chunks[1:]:
        assert all(t.subject.value.startswith(SHARED_SUBJECTS) for t in chunk.shared)
        assert not any(t.subject.value.startswith(SHARED_SUBJECTS) for t in chunk.own)
    assert sum(len(c.shared) for c in chunks) > 0          # the seeds state memberships and collaborations


def test_merged_chunks_equal_the_rdflib_graph(result):
    merged = {(t.subject.value, t.predicate.value, to_rdflib(t.object).n3())
              for _, triples in merged_triples(result.chunks()) for t in triples}
    assert merged == _ox_set(result.graph)
    assert sum(len(ts) for _, ts in merged_triples(result.chunks())) == len(result.graph)


@pytest.mark.parametrize("suffix, fmt", [(".ttl", ox.RdfFormat.TURTLE), (".nt", ox.RdfFormat.N_TRIPLES)])
def test_triple_formats_hold_the_merged_graph(result, tmp_path, suffix, fmt):
    path, triples = write_chunks(result.chunks(), tmp_path / f"g{suffix}")
    assert _parsed(path, fmt) == _ox_set(result.graph)
    assert triples == len(result.graph)


def test_turtle_declares_the_prefixes_once_at_the_top(result, tmp_path):
    path, _ = write_chunks(result.chunks(), tmp_path / "g.ttl")
    lines = path.read_text(encoding="utf-8").splitlines()
    prefixes = [k for k, line in enumerate(lines) if line.startswith("@prefix")]
    assert prefixes == list(range(len(prefixes))) and len(prefixes) > 5
    assert [lines[k] for k in prefixes] == sorted(lines[k] for k in prefixes)


@pytest.mark.parametrize("suffix, fmt", [(".nq", ox.RdfFormat.N_QUADS), (".trig", ox.RdfFormat.TRIG)])
def test_quad_formats_keep_a_graph_per_document(result, tmp_path, suffix, fmt):
    path, quads = write_chunks(result.chunks(), tmp_path / f"g{suffix}")
    got: dict[str, set] = {}
    for q in ox.parse(path=str(path), format=fmt):
        got.setdefault(q.graph_name.value, set()).add((q.subject.value, q.predicate.value, to_rdflib(q.object).n3()))
    want = {c.graph: {(t.subject.value, t.predicate.value, to_rdflib(t.object).n3()) for t in c.triples}
            for c in result.chunks() if c.triples}
    assert got == want
    assert quads == sum(len(v) for v in want.values())


def test_rdflib_formats_are_written_too(result, tmp_path):
    path, _ = write_chunks(result.chunks(), tmp_path / "g.jsonld")
    assert _ox_set(Graph().parse(path, format="json-ld")) == _ox_set(result.graph)


def test_the_same_input_gives_the_same_bytes(result, tmp_path):
    a, _ = write_chunks(result.chunks(), tmp_path / "a.ttl")
    b, _ = write_chunks(pipeline.build([SEEDS]).chunks(), tmp_path / "b.ttl")
    assert a.read_bytes() == b.read_bytes()


def test_chunks_are_made_as_asked_for(result):
    """iter_chunks must not read all extractions first: a writer then holds one document at a time."""
    taken = []

    def extractions():
        for ex in result.extractions:
            taken.append(ex)
            yield ex

    chunks = iter_chunks(extractions(), result.resolution)
    next(chunks)                     # the entities
    first = next(chunks)
    assert len(taken) == 1 and first.graph == str(document_iri(taken[0].minutes.document.identifier))


def test_a_failed_write_keeps_the_previous_file(result, tmp_path):
    out = tmp_path / "g.ttl"
    out.write_text("previous\n", encoding="utf-8")

    def failing():
        chunks = result.chunks()
        yield next(chunks)
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        write_chunks(failing(), out)
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["g.ttl"]     # no temporary file left


def test_counts_match_the_graph(result):
    g = result.graph
    counts = result.counts()
    for cls, name in ((MG.Meeting, "meetings"), (MG.Decision, "decisions"),
                      (FOAF.Person, "people"), (ORG.Organization, "organisations"), (MG.Project, "projects")):
        assert counts[name] == len(set(g.subjects(RDF.type, cls))), name
    # items of meetings and their sub-topics, both agenda items
    assert counts["items"] == len(set(g.objects(None, MG.hasAgendaItem)))
    assert counts["sub-topics"] == len(set(g.objects(None, MG.hasSubTopic))) > 0
    assert counts["items"] + counts["sub-topics"] == len(set(g.subjects(RDF.type, MG.AgendaItem)))
    assert counts["meetings"] == 5 and counts["items"] > 20


def test_named_graph_result_is_a_dataset(result):
    ds = pipeline.BuildResult(result.documents, result.extractions, result.resolution, named_graphs=True).graph
    assert isinstance(ds, Dataset)
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert str(ENTITIES_GRAPH) in names and len(names) == 1 + len(result.extractions)


def test_writer_counts_only_what_it_writes(tmp_path, result):
    with ChunkWriter(tmp_path / "g.nt") as w:
        chunks = list(result.chunks())
        w.write(chunks[1])
        w.write(chunks[1])           # the same document's entity facts are not written twice
    assert w.triples == len(chunks[1]) + len(chunks[1].own)


def test_written_graph_files_are_readable_like_any_new_file(result, tmp_path):
    import os

    umask = os.umask(0o022)
    try:
        path, _ = write_chunks(result.chunks(), tmp_path / "g.ttl")
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o644


def test_extraction_leaves_no_garbage_cycles():
    """Extraction runs with the collector paused (pipeline._extract_all, and for the life of a
    worker): that holds only while segmenting, extracting and taking a document's part of
    resolution leave no reference cycles behind, which the collector would find here."""
    import gc

    data = Path(__file__).resolve().parents[1] / "data"
    docs, _ = pipeline.read_documents([SEEDS, data / "layouts"])
    pipeline.local._extracted(docs[0])   # the pipeline is loaded (and its caches made) before counting
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        for doc in docs:
            pipeline.local._extracted(doc)
        assert gc.collect() == 0
    finally:
        if enabled:
            gc.enable()


def test_a_batch_of_documents_gives_what_each_gives_alone():
    """process_documents takes a batch a stage at a time (segment all, spaCy over all, then the
    rules): nothing one document leaves behind may change another's extraction."""
    data = Path(__file__).resolve().parents[1] / "data"
    docs, _ = pipeline.read_documents([SEEDS, data / "layouts"])
    alone = [pipeline.process_document(d) for d in docs]
    assert pipeline.process_documents(docs) == alone
    assert pipeline.process_documents(docs[::-1]) == alone[::-1]
    assert [ex.minutes.document for ex in alone] == docs
