"""The ``kg`` command line: a table of commands, each a module of this package with a few lines
over library calls. Nothing in ``kg`` imports this package: it is the only place that parses
arguments, prints and chooses exit statuses.

Every command module provides ``configure_parser(parser)`` and ``run_cli(args) -> int``; the
options several commands share are defined once, in :mod:`kg.cli.options`. Exit codes: 0
success, 1 finished with problems, 2 usage error or nothing usable (every :class:`kg.errors.KgError`
a command lets through is one line ``kg: error: ...`` and exit 2), 3 crashed (an unexpected
exception: a bug to report, with the traceback printed).
"""
from __future__ import annotations

import argparse
import importlib
import sys
import traceback

from .. import __version__
from ..errors import KgError

CRASHED = 3   # exit status of an unexpected exception, apart from 1 (finished with problems)

# name -> (module, one-line help). Modules are imported only when their command runs.
COMMANDS: dict[str, tuple[str, str]] = {
    "build": ("kg.cli.build", "read minutes (files or folders) and write the RDF graph"),
    "views": ("kg.cli.views", "write interactive HTML network views of a graph (offline, one page per network)"),
    "query": ("kg.cli.query", "ask the graph a saved question or any SPARQL query (table, CSV or JSON)"),
    "serve": ("kg.cli.serve", "serve the graph as a read-only SPARQL endpoint with a query page in the browser"),
    "analyze": ("kg.cli.analyze", "centralities, communities and collaboration over time; GraphML, GEXF and JSON-LD exports"),
    "push": ("kg.cli.push", "load the graph into a triple store (Oxigraph, Fuseki, Virtuoso, GraphDB) over the Graph Store Protocol"),
    "bench": ("kg.cli.bench", "time every pipeline stage on a synthetic corpus of N documents (table or JSON)"),
    "dictionary": ("kg.cli.dictionary", "write docs/vocabulary.md, the data dictionary, from the ontology (--check: is it current?)"),
}


def make_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``only``, just that command's options are loaded (its module imported)."""
    parser = argparse.ArgumentParser(
        prog="kg",
        description="motesgraf: build and explore a knowledge graph of Swedish meeting minutes.",
        epilog="Run 'kg COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"motesgraf {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if only is None or only == name:
            importlib.import_module(module).configure_parser(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    ends_process = argv is None   # run as the program (not called in-process, as tests do)
    argv = sys.argv[1:] if argv is None else list(argv)
    command = next((a for a in argv if not a.startswith("-")), None)
    parser = make_parser(command if command in COMMANDS else None)
    args = parser.parse_args(argv)
    args.ends_process = ends_process
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[args.command][0])
    try:
        return int(module.run_cli(args) or 0)
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except KgError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - not swallowed: printed whole, with its own exit status
        traceback.print_exc()
        print(f"kg: error: {args.command}: crashed ({type(exc).__name__}: {exc}); "
              "this is a bug: please report it with the traceback above", file=sys.stderr)
        return CRASHED
