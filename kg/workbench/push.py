"""``kg push --endpoint URL``: load the graph into a triple store over the Graph Store Protocol.

When one machine is not enough, the graph goes to a real triple store (Oxigraph server, Apache
Jena Fuseki, Virtuoso, GraphDB) with the SPARQL 1.1 Graph Store HTTP Protocol, which all of them
speak. With ``--graph-per-document`` every document's facts are PUT as a named graph of their
own (``?graph=<document IRI>``) and the entities as ``<https://w3id.org/motesgraf/id/graph/entities>``,
so pushing again after a document changed replaces that document's facts and nothing else.
Without it, the whole graph replaces the store's default graph, or with ``--named-graph IRI`` that
named graph (Virtuoso's Graph Store has no default graph to write). A big graph goes in parts of
``--chunk`` triples: the first PUT, the others POSTed (added), so memory stays bounded and the
store commits as it goes.

The source is a graph file from ``kg build`` (``--graph``; per-document graphs need a ``.nq`` or
``.trig`` one) or a store from ``kg build --store`` (``--store``).
"""
from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from ..errors import PushError
from ..graph.store import named_graphs, open_store
from .graph_store import GraphStore, split_lines
from .query import DEFAULT_GRAPH, load_graph

CHUNK = 100_000  # triples per request


def open_source(graph: str | Path | None, store: str | Path | None) -> tuple[ox.Store, str]:
    """The graph to push, as an Oxigraph store, and its name for messages."""
    if store is not None:
        return open_store(store), str(store)
    path = Path(graph or DEFAULT_GRAPH)
    return load_graph(path), str(path)


def _parts(triples, chunk: int, counted: list[int]) -> Iterator[bytes]:
    """N-Triples of ``chunk`` triples at a time (all at once when ``chunk`` <= 0), counting them."""
    triples = iter(triples)
    while True:
        batch = list(itertools.islice(triples, chunk)) if chunk > 0 else list(triples)
        if not batch:
            return
        counted[0] += len(batch)
        yield ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES)  # type: ignore[misc]  # bytes without output=
        if chunk <= 0:
            return


def push(source: ox.Store, target: GraphStore, per_document: bool, label: str = "graph",
         progress=None, *, into: str | None = None, chunk: int = CHUNK) -> tuple[int, int]:
    """PUT the graph (per named graph, or all in the default graph or the graph ``into``):
    (graphs, triples) sent. A graph of more than ``chunk`` triples goes in parts."""
    if per_document:
        graphs = list(named_graphs(source))
        if not graphs:
            raise PushError(f"{label}: has no per-document graphs; build with --out graph.nq (or .trig) "
                            "or --store DIR, or push without --graph-per-document")
        sent = 0
        for n, g in enumerate(graphs, 1):
            data: bytes = source.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g)  # type: ignore[assignment]  # bytes without output=
            target.put(g.value, split_lines(data, chunk))
            sent += data.count(b"\n")
            if progress:
                progress(n, len(graphs), g.value)
        return len(graphs), sent
    # Everything into one graph: a fact several documents state is sent once per document;
    # the store keeps it once (RDF graphs are sets).
    counted = [0]
    target.put(into, _parts((q.triple for q in source), chunk, counted))
    return 1, counted[0]


def check_graph_name(iri: str) -> None:
    """Raise PushError unless ``iri`` can name a graph (``--named-graph``)."""
    try:
        ox.NamedNode(iri)
    except ValueError as e:
        raise PushError(f"--named-graph {iri}: not an IRI ({e}); give e.g. https://example.org/graph/minutes") from e
