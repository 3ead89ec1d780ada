"""``kg push --endpoint URL``: load the graph into a triple store over the Graph Store Protocol."""
from __future__ import annotations

import argparse
import os
import sys
import time

from ..workbench.graph_store import GraphStore
from ..workbench.push import CHUNK, check_graph_name, open_source, push
from ..workbench.remote import PASSWORD_VARIABLE, redacted
from .options import add_endpoint, add_graph, add_insecure, add_quiet, add_store, add_timeout, add_user


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
    add_endpoint(p, "the Graph Store Protocol service, e.g. http://127.0.0.1:7878/store", required=True)
    source = p.add_mutually_exclusive_group()
    add_graph(source, "the graph file to push", default=None, note="; .nq or .trig for --graph-per-document")
    add_store(source, "push the store kg build --store wrote")
    p.add_argument("--graph-per-document", action="store_true",
                   help="one named graph per document (named by its IRI), plus one for the entities; "
                        "pushing again replaces just the documents' graphs")
    p.add_argument("--named-graph", metavar="IRI", default=None,
                   help="without --graph-per-document: replace this named graph instead of the default graph")
    p.add_argument("--chunk", type=int, default=CHUNK, metavar="N",
                   help=f"send a big graph in parts of N triples, the first replacing the graph and the others "
                        f"added to it (default {CHUNK:,}; 0: all in one request)")
    add_user(p, f"user name for HTTP authentication, sent only when the server asks (basic or "
                f"digest, as it asks); the password is read from the environment variable "
                f"{PASSWORD_VARIABLE} (or given in the URL, http://USER:PASSWORD@HOST/...)")
    add_insecure(p, "allow sending a password over plain http to another machine (refused otherwise: "
                    "use https://, or plain http to 127.0.0.1/localhost)")
    add_timeout(p, 300.0, "seconds to wait for the store to answer one request (default 300)")
    add_quiet(p)


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
        check_graph_name(args.named_graph)
    # (a QueryError, StoreError, RemoteError or PushError is the one error line of kg.cli)
    password = os.environ.get(PASSWORD_VARIABLE)
    with GraphStore(args.endpoint, args.user, password, args.timeout, args.insecure) as target:
        source, label = open_source(args.graph, args.store)
        graphs, triples = push(source, target, args.graph_per_document, label, None if args.quiet else report,
                               into=args.named_graph, chunk=args.chunk)
    if not args.quiet:
        where = (f"{graphs} named graphs" if args.graph_per_document
                 else f"the graph <{args.named_graph}>" if args.named_graph else "the default graph")
        print(f"pushed {label} to {redacted(args.endpoint)}: {triples} triples in {where} "
              f"({time.perf_counter() - started:.1f} s)")
    return 0
