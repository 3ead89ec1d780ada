"""``kg analyze --graph graph.ttl [--out DIR]``: the network analysis report, and exports."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .options import add_graph


def configure_parser(parser: argparse.ArgumentParser) -> None:
    add_graph(parser, "the RDF graph to analyse (Turtle, or any format rdflib reads by suffix)")
    parser.add_argument("--out", metavar="DIR",
                        help="write report.md, plots and GraphML/GEXF/JSON-LD exports here "
                             "(without it, print the report)")


def run_cli(args: argparse.Namespace) -> int:
    from ..workbench.analyze import analyse, render_report, write_analysis
    from ..workbench.network import load_graph_file

    path = Path(args.graph)
    graph = load_graph_file(path)   # a GraphFileError is the one error line of kg.cli
    if not args.out:
        sys.stdout.write(render_report(analyse(graph), path.name))
        return 0
    for written in write_analysis(graph, args.out, source_name=path.name):
        print(written)
    return 0
