"""The ``kg`` command line: a table of commands, each a few lines over library calls.

Every command lives in its own module, which provides ``configure_parser(parser)`` and
``run_cli(args) -> int``. Exit codes: 0 success, 1 finished with problems, 2 usage error or
nothing usable.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__

# name -> (module, one-line help). Modules are imported only when their command runs.
COMMANDS: dict[str, tuple[str, str]] = {
    "build": ("kg.build_cli", "read minutes (files or folders) and write the RDF graph"),
}


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="motesgraf: build and explore a knowledge graph of Swedish meeting minutes.",
    )
    parser.add_argument("--version", action="version", version=f"motesgraf {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        importlib.import_module(module).configure_parser(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[args.command][0])
    try:
        return int(module.run_cli(args) or 0)
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
