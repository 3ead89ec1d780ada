"""Extractions on disk between stages (kg.pipeline.spill), resolution in one pass over them, and graphs
built and serialised in worker processes (pipeline.serialized_chunks).

A build keeps extractions in a temporary file and reads them back one at a time; what it
resolves and writes must be exactly what it gets from the same extractions held in a list, and
the bytes written with ``--jobs 2`` exactly those written by one process.
"""
from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg import pipeline
from kg.graph.export import ChunkWriter, format_for
from kg.graph.serialized import serialize_chunk
from kg.models import (
    AgendaItem,
    Decision,
    Document,
    Entity,
    Extraction,
    Issue,
    Membership,
    Mention,
    Minutes,
    PersonRef,
    Resolution,
    Span,
)
from kg.pipeline.outputs import write_outputs
from kg.pipeline.spill import ExtractionSpill
from kg.resolve import resolve
from tests.oracles.pipeline import extract_all

DATA = Path(__file__).resolve().parents[1] / "data"
SEEDS, GENRES = DATA / "seeds", DATA / "layouts"


@pytest.fixture(scope="module")
def result() -> pipeline.BuildResult:
    return pipeline.build([SEEDS, GENRES])


@pytest.fixture(scope="module")
def in_memory(result) -> list[Extraction]:
    return list(result.extractions)


# ------------------------------------------------------------------ pickling the model

def _every_field_set() -> Extraction:
    doc = Document("a.txt", "/x/a.txt", "Anna Berg (S) föredrar SOF", "text/plain", "0" * 64, "cp1252",
                   (Issue("/x/a.txt", "odd", "warning", 3),))
    name = Span(0, 9, "Anna Berg")
    ref = PersonRef("Anna Berg", name, Span(23, 26, "SOF"), "S", "ordförande")
    item = AgendaItem("Budget", Span(0, 6, "Anna B"), Span(0, 26, doc.text), 4, "09:40", "BESLUT", "Dnr 1",
                      (Span(1, 2, "n"),), (ref,), (Decision("att x", Span(3, 4, "a")),), (ref,))
    minutes = Minutes(doc, True, name, name, name, dt.date(2024, 3, 5), name, "13:00", "15:00", name,
                      (ref,), (ref,), (ref,), (ref,), (ref,), (item,), (Decision("att y", name),), doc.issues)
    person = Mention("person", name, "Anna Berg", "a.txt", 0, "rule", None, True)
    org = Mention("organization", Span(23, 26, "SOF"), "Socialförvaltningen", "a.txt", None, "gazetteer", "sof")
    return Extraction(minutes, (person, org), (Membership(person, org),), ((org, org, 0),), org, org)


def test_every_model_class_pickles_to_an_equal_object():
    ex = _every_field_set()
    back = pickle.loads(pickle.dumps(ex, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == ex and back.minutes.items[0].presenters[0].party == "S"
    res = Resolution({"sof": Entity("sof", "organization", "SOF", ("S",), "administration", ("hbg",), ("r",))},
                     {("a.txt", 23, 26, "organization"): "sof"})
    assert pickle.loads(pickle.dumps(res)) == res


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40), st.integers(-5, 10**9), st.one_of(st.none(), st.integers(), st.text(max_size=5)),
       st.booleans())
def test_pickled_mentions_keep_every_value(text, start, item, first_only):
    m = Mention("person", Span(start, start + len(text), text), text, "d.txt", item, "rule", None, first_only)
    assert pickle.loads(pickle.dumps(m)) == m


# ------------------------------------------------------------------ the spill

def test_spill_reads_back_what_was_appended(in_memory):
    spill = ExtractionSpill(in_memory)
    assert len(spill) == len(in_memory)
    assert list(spill) == in_memory and spill == in_memory
    assert spill[0] == in_memory[0] and spill[-1] == in_memory[-1]
    assert spill[1:3] == in_memory[1:3]
    assert spill.identifiers == [ex.minutes.document.identifier for ex in in_memory]
    assert pickle.loads(spill.pickled(2)) == in_memory[2]
    with pytest.raises(IndexError):
        spill[len(in_memory)]
    assert spill != in_memory[:-1]


def test_spill_crossing_a_process_boundary_becomes_a_list(in_memory):
    spill = ExtractionSpill(in_memory[:2])
    back = pickle.loads(pickle.dumps(spill))
    assert isinstance(back, list) and back == in_memory[:2]


def test_a_build_keeps_its_extractions_on_disk_in_identifier_order(result):
    assert isinstance(result.extractions, ExtractionSpill)
    assert result.extractions.in_identifier_order
    assert result.extractions.identifiers == sorted(result.extractions.identifiers)
    assert result.extractions.identifiers == [d.identifier for d in result.documents]


# ------------------------------------------------------------------ resolution in one pass

class _CountingReads(ExtractionSpill):
    reads = 0

    def pickled(self, k: int) -> bytes:
        type(self).reads += 1
        return super().pickled(k)


def test_resolving_a_spill_reads_each_extraction_once_and_equals_the_list(in_memory):
    spill = _CountingReads(in_memory, in_identifier_order=True)
    _CountingReads.reads = 0
    from_spill = resolve(spill)
    assert _CountingReads.reads == len(in_memory)
    from_list = resolve(list(reversed(in_memory)))   # a list is put in identifier order first
    assert from_spill == from_list
    assert list(from_spill.mention_entity) == list(from_list.mention_entity)


def test_an_unordered_spill_is_sorted_before_resolving(in_memory):
    shuffled = in_memory[1::2] + in_memory[0::2]
    assert resolve(ExtractionSpill(shuffled)) == resolve(in_memory)


# ------------------------------------------------------------------ graphs built in processes

def _written(result: pipeline.BuildResult, folder: Path, name: str, store: bool = False) -> bytes:
    path, _, _ = write_outputs(result, folder / name, format_for(name), folder / "store" if store else None)
    return path.read_bytes()


@pytest.mark.parametrize("name", ["graph.ttl", "graph.nt", "graph.nq", "graph.trig"])
def test_two_processes_write_the_same_bytes_as_one(result, tmp_path, name):
    one = pipeline.BuildResult(result.documents, result.extractions, result.resolution, jobs=1)
    two = pipeline.BuildResult(result.documents, result.extractions, result.resolution, jobs=2)
    (tmp_path / "1").mkdir()
    (tmp_path / "2").mkdir()
    a = _written(one, tmp_path / "1", name)
    b = _written(two, tmp_path / "2", name)
    assert a == b and len(a) > 100_000


def test_serialized_chunks_match_the_chunks_one_by_one(result):
    writer_needs = (("turtle", "nt"), ("nt", "nquads", "trig"))
    serial = [serialize_chunk(c, *writer_needs) for c in result.chunks()]
    parallel = list(pipeline.serialized_chunks(result.extractions, result.resolution, True, 2, *writer_needs))
    assert [s.graph for s in parallel] == [s.graph for s in serial]
    assert parallel == serial


def test_the_store_gets_the_same_graphs_from_two_processes(result, tmp_path):
    import pyoxigraph as ox

    for jobs in (1, 2):
        (tmp_path / str(jobs)).mkdir()
        r = pipeline.BuildResult(result.documents, result.extractions, result.resolution, jobs=jobs)
        write_outputs(r, tmp_path / str(jobs) / "g.ttl", "turtle", tmp_path / str(jobs) / "store")
    one, two = (ox.Store(str(tmp_path / str(j) / "store")) for j in (1, 2))
    assert len(one) > 5_000 and set(map(str, one)) == set(map(str, two))


def test_an_rdflib_format_takes_chunks_not_bytes(result, tmp_path):
    with ChunkWriter(tmp_path / "g.jsonld") as writer:
        assert not writer.streams
        with pytest.raises(ValueError, match="rdflib"):
            writer.write_serialized(serialize_chunk(next(iter(result.chunks())), ("turtle",)))


# ------------------------------------------------------------------ extraction into the spill

class _VanishingCache(pipeline.ExtractionCache):
    """A cache whose entry for one document is gone by the time it is read back."""

    gone: str = ""

    def get(self, doc):
        return None if doc.identifier == self.gone else super().get(doc)


@pytest.mark.parametrize("jobs", [1, 2])
def test_cached_and_new_extractions_keep_document_order(result, in_memory, tmp_path, jobs):
    docs = result.documents[:5]
    cache = _VanishingCache(tmp_path / "cache")
    for k in (0, 2, 3):                       # cached: 0, 2 and 3; extracted: 1 and 4
        cache.put(docs[k], in_memory[k])
    cache.gone = docs[2].identifier           # checked as cached, then gone: extracted after all
    extracted = extract_all(docs, jobs, cache, None)
    assert extracted.reused == 3
    assert extracted.extractions.identifiers == [d.identifier for d in docs]
    assert list(extracted.extractions) == in_memory[:5]
    assert extracted.issues == [i for ex in in_memory[:5] for i in ex.minutes.issues]
    assert extracted.resolver.finish() == resolve(in_memory[:5])


def test_parts_added_while_extracting_give_the_resolution_of_the_extractions(in_memory):
    from kg.resolve import Resolver, document_part

    resolver = Resolver()
    for ex in in_memory:                       # as a build adds them: pickled by a worker on the way
        resolver.add(pickle.loads(pickle.dumps(document_part(ex))))
    assert resolver.finish() == resolve(in_memory)
    late = Resolver()
    late.add(document_part(in_memory[1]))
    with pytest.raises(ValueError, match="identifier order"):
        late.add(document_part(in_memory[0]))
