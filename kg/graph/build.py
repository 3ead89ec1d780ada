"""Building: extractions + resolution -> RDF, as one chunk of triples per named graph.

Every IRI is derived from content (the document's identifier, an item's position, an entity's
key), never from run order, so the same input gives the same graph. Annotations, their targets
and selectors get IRIs too (not blank nodes) so that output is byte-for-byte stable.

The graph is made one ``Chunk`` at a time: first the entities, then each document's meeting,
items, decisions and annotations, as rows of terms in N-Triples form (``kg.graph.ntriples``): making a
pyoxigraph triple with a literal cost 2.3 µs, and a document has about 1,200 triples; writers
join the terms, and pyoxigraph triples are made only for callers that ask for them
(``Chunk.own``, ``Chunk.shared``). A chunk is small (a document's facts), so
writers stream chunks to files and stores and memory does not grow with the corpus (an rdflib
graph of 2,000 documents took 4.8 GB; its Memory store costs about 3 KB per triple). Callers
who want the rdflib API get it from ``build_graph`` / ``build_dataset``, which convert chunks.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import Dataset, Graph, URIRef

from ..models import Extraction, Resolution
from .chunk import Chunk, Rows, merged_triples
from .document import add_document
from .entities import add_entities
from .iri import ENTITIES_GRAPH, document_iri
from .terms import to_rdflib
from .vocab import bind_prefixes


def iter_chunks(extractions: Iterable[Extraction], resolution: Resolution,
                include_text: bool = True) -> Iterator[Chunk]:
    """The graph chunk by chunk: the entities first, then each document in the given order.

    Lazy: a chunk is made when asked for, so a writer holds one document's facts at a time."""
    yield entities_chunk(resolution)
    for ex in extractions:
        yield document_chunk(ex, resolution, include_text)


def entities_chunk(resolution: Resolution) -> Chunk:
    """The entities' graph. Its names, labels, types and reasons are stated nowhere else
    (``own``); an organisation's parent a document may state again (``shared``), so a merged
    graph's writer remembers only those few facts, not every entity's."""
    rows = Rows()
    add_entities(rows, resolution)
    return rows.chunk(str(ENTITIES_GRAPH))


def document_chunk(ex: Extraction, resolution: Resolution, include_text: bool = True) -> Chunk:
    """One document's graph. Of ``resolution`` only ``entity_of`` its mentions is used, so a
    worker process can be given just the document's part (``Resolution.of_document``)."""
    rows = Rows()
    add_document(rows, ex, resolution, include_text)
    return rows.chunk(str(document_iri(ex.minutes.document.identifier)))


def build_graph(extractions: Iterable[Extraction], resolution: Resolution, include_text: bool = True) -> Graph:
    """The whole graph as one rdflib Graph (for the rdflib API: notebooks, views, small corpora;
    writers use ``iter_chunks`` directly and never hold the whole graph)."""
    return graph_from_chunks(iter_chunks(extractions, resolution, include_text))


def build_dataset(extractions: Iterable[Extraction], resolution: Resolution, include_text: bool = True) -> Dataset:
    """The same facts as ``build_graph``, with each document's facts in a named graph of its own
    (named by the document's IRI) and the entities in ``ENTITIES_GRAPH``: a changed document's
    graph can then be replaced in a triple store without touching the rest."""
    return dataset_from_chunks(iter_chunks(extractions, resolution, include_text))


def graph_from_chunks(chunks: Iterable[Chunk]) -> Graph:
    """The chunks (``iter_chunks``) merged into one rdflib Graph: a fact several documents state once."""
    g = bind_prefixes(Graph())
    add = g.add
    for _chunk, triples in merged_triples(chunks):
        for t in triples:
            add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return g


def dataset_from_chunks(chunks: Iterable[Chunk]) -> Dataset:
    """The chunks (``iter_chunks``) as an rdflib Dataset, each chunk in its named graph."""
    ds = Dataset(default_union=True)
    bind_prefixes(ds)
    for chunk in chunks:
        g = ds.graph(URIRef(chunk.graph))
        for t in chunk.triples:
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return ds
