"""The options several commands share, each defined once here: what a flag is called, its type,
metavar and default. Each command says in its own words what the flag means for it (``kg query
--store`` reads a store, ``kg build --store`` writes one), so the help text is an argument."""
from __future__ import annotations

from typing import Any

from ..workbench.query import DEFAULT_GRAPH  # what kg build writes by default, and every reading command reads

Parser = Any   # an ArgumentParser, or a group of one (add_argument_group, add_mutually_exclusive_group)


def add_graph(p: Parser, what: str, *, default: str | None = DEFAULT_GRAPH, note: str = "") -> None:
    """``--graph GRAPH``: the graph file a command reads; ``what`` says what it does with it, and
    the help ends with the default (``note`` adds to it)."""
    p.add_argument("--graph", default=default, help=f"{what} (default: {DEFAULT_GRAPH}{note})")


def add_store(p: Parser, help: str) -> None:
    """``--store DIR``: the on-disk Oxigraph store of ``kg build --store``."""
    p.add_argument("--store", metavar="DIR", default=None, help=help)


def add_endpoint(p: Parser, help: str, *, required: bool = False) -> None:
    """``--endpoint URL``: a triple store's service over HTTP."""
    p.add_argument("--endpoint", metavar="URL", default=None, required=required, help=help)


def add_user(p: Parser, help: str) -> None:
    """``--user USER``: the user name for HTTP authentication (the password from the environment)."""
    p.add_argument("--user", default=None, help=help)


def add_insecure(p: Parser, help: str) -> None:
    """``--insecure``: allow a password over plain http to another machine."""
    p.add_argument("--insecure", action="store_true", help=help)


def add_timeout(p: Parser, default: float, help: str, *, metavar: str = "S") -> None:
    """``--timeout S``: seconds, as a float."""
    p.add_argument("--timeout", type=float, default=default, metavar=metavar, help=help)


def add_jobs(p: Parser) -> None:
    """``--jobs/-j N``: processes for extraction."""
    p.add_argument("--jobs", "-j", type=int, default=1, help="extract with this many processes (default 1; 0 = one per core)")


def add_quiet(p: Parser) -> None:
    """``--quiet/-q``: print only errors."""
    p.add_argument("--quiet", "-q", action="store_true", help="print only errors")

