"""The Turtle an annotation's nodes get while the graph is built (``kg.graph.annotations.annotate``
writes their blocks; ``Chunk.turtle`` keeps them in pieces) against the Turtle the writer makes
from the rows alone (tests/oracles/graph.py ``plain_turtle``): byte for byte the same, also where
a span is annotated twice (its blocks are then left to the writer)."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg import pipeline
from kg.graph import build
from kg.graph.annotations import annotate
from kg.graph.chunk import Rows
from kg.graph.iri import ID_BASE
from kg.graph.ntriples import PREFIXES, triples
from kg.graph.serialized import serialize_chunk, without_prefix_lines
from kg.graph.terms import DESCRIBING, IDENTIFYING
from kg.models import Resolution, Span, mention_key
from tests.oracles.graph import plain_turtle

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def result() -> pipeline.BuildResult:
    return pipeline.build([DATA / "seeds", DATA / "layouts", DATA / "genres" / "docs"])


def _assert_turtle_as_plain(chunks) -> int:
    """Each chunk's own Turtle as the plain form writes it; the number of blocks written while building."""
    blocks = 0
    for chunk in chunks:
        assert serialize_chunk(chunk, ("turtle",)).own["turtle"] == plain_turtle(chunk.own_rows), chunk.graph
        blocks += sum(piece is not None for piece in chunk.turtle[0]) if chunk.turtle else 0
    return blocks


def test_documents_turtle_is_the_plain_form(result):
    chunks = list(build.iter_chunks(result.extractions, result.resolution))
    assert _assert_turtle_as_plain(chunks) > 1000
    for chunk in chunks[1:4]:                                   # and Oxigraph's
        data = ox.serialize(triples(chunk.own_rows), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        assert plain_turtle(chunk.own_rows) == without_prefix_lines(data)[1]


def test_mentions_stated_twice(result):
    doubled = [dataclasses.replace(ex, mentions=ex.mentions + ex.mentions[::-1],
                                   memberships=ex.memberships * 2) for ex in result.extractions]
    chunks = list(build.iter_chunks(doubled, result.resolution))
    assert _assert_turtle_as_plain(chunks) > 100               # the meeting's, items' and decisions' words
    assert [c.own_rows for c in chunks] == [c.own_rows for c in build.iter_chunks(result.extractions,
                                                                                    result.resolution)]


def test_one_span_with_two_entities(result):
    """Two annotations with one IRI and different bodies: written by the writer, both bodies."""
    ex = next(ex for ex in result.extractions if len(ex.mentions) > 3)
    m = next(m for m in ex.mentions[1:] if result.resolution.entity_of(m) is not None)
    other = next(e for e in result.resolution.entities.values()
                 if e.key != result.resolution.entity_of(m).key and e.kind == m.kind)
    twin = dataclasses.replace(m, document=m.document + "#twin")
    resolution = Resolution(result.resolution.entities,
                            {**result.resolution.mention_entity, mention_key(twin): other.key})
    chunk = build.document_chunk(dataclasses.replace(ex, mentions=ex.mentions + (twin,)), resolution)
    _assert_turtle_as_plain([chunk])
    assert re.search(rb"oa:motivatedBy oa:identifying ;\n\toa:hasBody ", plain_turtle(chunk.own_rows))  # both


_SPANS = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40), st.text(max_size=12),
                            st.sampled_from(["per", "org", "item", "meeting"]), st.booleans()),
                  min_size=1, max_size=30)


@settings(max_examples=200, deadline=None)
@given(_SPANS, st.sampled_from(["protokoll-ks-2024-03-12-txt", "Ärende-1", "a.b", "x--0a1b2c"]))
def test_annotations_of_any_text_and_spans(spans, key):
    """Hostile quotes (escapes), spans annotated twice with the same or another body, a document
    whose annotations have no prefixed name: the Turtle is the plain form's."""
    g = Rows()
    d, base = f"<{ID_BASE}doc/{key}>", f"{ID_BASE}annotation/{key}"
    for start, end, text, kind, identifying in spans:
        body = f"<{ID_BASE}person/p-{start % 3}>" if identifying else f"<{ID_BASE}item/{key}-{end % 2}>"
        annotate(g, d, base, f"-{start}-{end}-{kind}", Span(start, end, text), body,
                 IDENTIFYING if identifying else DESCRIBING)
    chunk = g.chunk(f"{ID_BASE}doc/{key}")
    _assert_turtle_as_plain([chunk])
    data = ox.serialize(triples(chunk.own_rows), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    assert plain_turtle(chunk.own_rows) == without_prefix_lines(data)[1]
