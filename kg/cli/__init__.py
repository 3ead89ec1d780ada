"""The ``kg`` command line: a table of commands, each a module of this package with a few lines
over library calls. Nothing in ``kg`` imports this package: it is the only place that parses
arguments, prints and chooses exit statuses.

Every command module provides ``configure_parser(parser)`` and ``run_cli(args) -> int``; the
options several commands share are defined once, in :mod:`kg.cli.options`. Other code adds
commands as rdflib finds its plugins: an entry point of the group ``kg.commands`` names a module
that provides ``HELP`` (its one line) besides those two. The project's benchmark (``bench/``
beside the package, a development tool) adds ``kg bench`` that way when the project is installed
from its source. Exit codes: 0
success, 1 finished with problems, 2 usage error or nothing usable (every :class:`kg.errors.KgError`
a command lets through is one line ``kg: error: ...`` and exit 2), 3 crashed (an unexpected
exception: a bug to report, with the traceback printed).
"""
from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from importlib.metadata import entry_points

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
    "dictionary": ("kg.cli.dictionary", "write docs/vocabulary.md, the data dictionary, from the ontology (--check: is it current?)"),
}

PLUGIN_GROUP = "kg.commands"   # entry points: command name -> module (HELP, configure_parser, run_cli)

# Commands of the project's development tools, added through PLUGIN_GROUP by an install from the
# source: without them, naming one says how to get it (rather than "invalid choice").
DEVELOPMENT_COMMANDS = {"bench": "the benchmark"}


def all_commands() -> dict[str, tuple[str, str]]:
    """``COMMANDS`` and the commands of ``PLUGIN_GROUP`` (their modules imported for their help;
    a plugin does not replace a command of kg's own, and one that cannot be imported says so in
    its help, and fails when it is run, without taking the other commands with it)."""
    table = dict(COMMANDS)
    for point in sorted(entry_points(group=PLUGIN_GROUP), key=lambda p: p.name):
        if point.name not in table:
            try:
                help_text = importlib.import_module(point.module).HELP
            except ImportError as exc:
                help_text = f"(from {point.value}, which cannot be imported: {exc})"
            table[point.name] = (point.module, help_text)
    return table


def make_parser(only: str | None = None, commands: dict[str, tuple[str, str]] | None = None) -> argparse.ArgumentParser:
    """The parser; with ``only``, just that command's options are loaded (its module imported)."""
    commands = all_commands() if commands is None else commands
    parser = argparse.ArgumentParser(
        prog="kg",
        description="motesgraf: build and explore a knowledge graph of Swedish meeting minutes.",
        epilog="Run 'kg COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"motesgraf {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in commands.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if only is None or only == name:
            try:
                command = importlib.import_module(module)
            except ImportError:
                if only == name or name in COMMANDS:
                    raise
                continue   # a plugin that cannot be imported: its help says so (all_commands)
            command.configure_parser(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    ends_process = argv is None   # run as the program (not called in-process, as tests do)
    argv = sys.argv[1:] if argv is None else list(argv)
    command = next((a for a in argv if not a.startswith("-")), None)
    commands = COMMANDS if command in COMMANDS else all_commands()   # (entry points looked up only when needed)
    if command in DEVELOPMENT_COMMANDS and command not in commands:
        print(f"kg: error: {command}: {DEVELOPMENT_COMMANDS[command]} is a development tool beside the package: "
              f"install the project from its source (pip install -e .), or run python -m {command} there",
              file=sys.stderr)
        return 2
    parser = make_parser(command if command in commands else None, commands)
    args = parser.parse_args(argv)
    args.ends_process = ends_process
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    module = importlib.import_module(commands[args.command][0])
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
