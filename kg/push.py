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

import argparse
import itertools
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from .errors import PushError
from .query import DEFAULT_GRAPH, QueryError, load_graph
from .remote import PASSWORD_VARIABLE, GraphStore, RemoteError, redacted, split_lines
from .store import StoreError, named_graphs, open_store

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
        yield ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES)
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
            data = source.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g)
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


def configure_parser(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Load the graph into a triple store with the SPARQL 1.1 Graph Store HTTP Protocol "
        "(PUT replaces a graph). --endpoint is the store's Graph Store service, which differs "
        "between servers: Oxigraph http://HOST:7878/store (run it with --union-default-graph "
        "for per-document graphs), Fuseki http://HOST:3030/DATASET/data (unionDefaultGraph in the "
        "dataset's configuration), GraphDB http://HOST:7200/repositories/REPO/rdf-graphs/service, "
        "Virtuoso http://HOST:8890/sparql-graph-crud (grant SPARQL_UPDATE to the user SPARQL, or "
        "/sparql-graph-crud-auth with --user; it has no default graph: use --graph-per-document or "
        "--named-graph); "
        "GraphDB and Virtuoso query the union of all graphs by default. Then ask the saved questions with "
        "kg query --endpoint QUERY-URL (Oxigraph /query, Fuseki /DATASET/sparql, GraphDB "
        "/repositories/REPO, Virtuoso /sparql)."
    )
    p.add_argument("--endpoint", required=True, metavar="URL",
                   help="the Graph Store Protocol service, e.g. http://127.0.0.1:7878/store")
    source = p.add_mutually_exclusive_group()
    source.add_argument("--graph", default=None,
                        help=f"the graph file to push (default: {DEFAULT_GRAPH}; .nq or .trig for --graph-per-document)")
    source.add_argument("--store", metavar="DIR", help="push the store kg build --store wrote")
    p.add_argument("--graph-per-document", action="store_true",
                   help="one named graph per document (named by its IRI), plus one for the entities; "
                        "pushing again replaces just the documents' graphs")
    p.add_argument("--named-graph", metavar="IRI", default=None,
                   help="without --graph-per-document: replace this named graph instead of the default graph")
    p.add_argument("--chunk", type=int, default=CHUNK, metavar="N",
                   help=f"send a big graph in parts of N triples, the first replacing the graph and the others "
                        f"added to it (default {CHUNK:,}; 0: all in one request)")
    p.add_argument("--user", help=f"user name for HTTP authentication, sent only when the server asks (basic or "
                                   f"digest, as it asks); the password is read from the environment variable "
                                   f"{PASSWORD_VARIABLE} (or given in the URL, http://USER:PASSWORD@HOST/...)")
    p.add_argument("--insecure", action="store_true",
                   help="allow sending a password over plain http to another machine (refused otherwise: "
                        "use https://, or plain http to 127.0.0.1/localhost)")
    p.add_argument("--timeout", type=float, default=300.0, metavar="S",
                   help="seconds to wait for the store to answer one request (default 300)")
    p.add_argument("--quiet", "-q", action="store_true", help="print only errors")


def run_cli(args: argparse.Namespace) -> int:
    started = time.perf_counter()

    def report(n: int, total: int, name: str) -> None:
        if n == total or n % 500 == 0:
            print(f"kg: pushed {n}/{total} graphs", file=sys.stderr)

    if args.named_graph is not None and args.graph_per_document:
        print("kg: error: --named-graph: not with --graph-per-document (each document is its own graph); "
              "give one of them", file=sys.stderr)
        return 2
    if args.named_graph is not None:
        try:
            ox.NamedNode(args.named_graph)
        except ValueError as e:
            print(f"kg: error: --named-graph {args.named_graph}: not an IRI ({e}); give e.g. "
                  "https://example.org/graph/minutes", file=sys.stderr)
            return 2
    try:
        password = os.environ.get(PASSWORD_VARIABLE)
        with GraphStore(args.endpoint, args.user, password, args.timeout, args.insecure) as target:
            source, label = open_source(args.graph, args.store)
            graphs, triples = push(source, target, args.graph_per_document, label, None if args.quiet else report,
                                   into=args.named_graph, chunk=args.chunk)
    except (QueryError, StoreError, RemoteError, PushError) as e:
        print(f"kg: error: {e}", file=sys.stderr)
        return 2
    if not args.quiet:
        where = (f"{graphs} named graphs" if args.graph_per_document
                 else f"the graph <{args.named_graph}>" if args.named_graph else "the default graph")
        print(f"pushed {label} to {redacted(args.endpoint)}: {triples} triples in {where} "
              f"({time.perf_counter() - started:.1f} s)")
    return 0
