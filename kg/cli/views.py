"""``kg views --graph graph.ttl --out DIR``: the graph's networks as offline HTML pages."""
from __future__ import annotations

import argparse
from pathlib import Path

from .options import add_graph


def configure_parser(parser: argparse.ArgumentParser) -> None:
    add_graph(parser, "the RDF graph to show (Turtle, or any format rdflib reads by suffix)")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder for the HTML views (created if missing)")


def run_cli(args: argparse.Namespace) -> int:
    from ..workbench.network import load_index_file
    from ..workbench.views import write_views

    path = Path(args.graph)
    index = load_index_file(path)   # read with Oxigraph; a GraphFileError is the one error line of kg.cli
    for written in write_views(index, args.out, source_name=path.name):
        print(written)
    return 0
