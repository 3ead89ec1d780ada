"""``kg query QUERY``: ask the graph a saved question or any SPARQL query."""
from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
import textwrap
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..errors import QueryError
from ..workbench.query import (
    DEFAULT_TIMEOUT,
    FORMATTERS,
    GraphSource,
    SavedQuestion,
    check_required,
    format_table,
    get_saved,
    list_saved,
    no_match_hint,
    parse_param,
    prepare_query,
    select_columns,
    widen_names,
)
from .options import add_endpoint, add_graph, add_insecure, add_store, add_timeout, add_user


def configure_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "query", nargs="?", metavar="QUERY",
        help="a saved question's name (see --list), a .rq file, SPARQL text, or - for stdin",
    )
    add_graph(parser, "the graph to query")
    add_store(parser, "query the on-disk store kg build --store DIR wrote (opened read-only) instead of --graph")
    add_endpoint(parser, "run the query at a SPARQL 1.1 Protocol endpoint instead, e.g. http://127.0.0.1:7878/query "
                         "(after kg push; Fuseki /DATASET/sparql, GraphDB /repositories/REPO, Virtuoso /sparql)")
    add_user(parser, "with --endpoint: user name for HTTP authentication, sent only when the server asks "
                     "(basic or digest, e.g. Virtuoso's /sparql-auth); the password is read from "
                     "KG_PUSH_PASSWORD (or given in the URL, http://USER:PASSWORD@HOST/...)")
    add_insecure(parser, "with --endpoint: allow sending a password over plain http to another machine")
    add_timeout(parser, DEFAULT_TIMEOUT, f"end a query that runs longer than S seconds with an error "
                                         f"(default {DEFAULT_TIMEOUT:g}; 0: no limit)")
    parser.add_argument("--format", choices=sorted(FORMATTERS), default="table",
                        help="table (readable), csv or json (SPARQL 1.1 results), jsonl (one JSON object "
                             "per row); default: table")
    parser.add_argument("--columns", metavar="A,B", default=None,
                        help="print only these columns, in this order (comma-separated names)")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                        help="bind ?NAME to VALUE: <iri> or https://... for an IRI, 2020-01-31^^xsd:date "
                             "for a typed value, anything else a string; repeatable")
    parser.add_argument("--list", action="store_true", help="list the saved questions and exit")
    parser.add_argument("--show", action="store_true", help="print the query's SPARQL instead of running it")
    parser.add_argument("--max-width", type=int, default=60, metavar="N",
                        help="cut table cells longer than N characters (0: never; default 60)")


def run_cli(args: argparse.Namespace) -> int:
    if args.list:
        sys.stdout.write(describe_saved(list_saved()))
        return 0
    if not args.query:
        print("kg: error: query: no QUERY given; name a saved question (kg query --list), "
              "a .rq file or SPARQL text", file=sys.stderr)
        return 2
    text, label = resolve_query(args.query)
    if args.show:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return 0
    params = dict(parse_param(p) for p in args.param)
    prepare_query(text, params)  # an unknown parameter first: 'nmae' is a typo, not a missing 'name'
    check_required(text, params, label)
    source = graph_source(args)
    result = source.run(text, widen_names(source, text, params), label)
    if args.columns:
        result = select_columns(result, [c.strip().lstrip("?$") for c in args.columns.split(",") if c.strip()])
    hint = no_match_hint(source, text, params, result)
    if hint:
        print(f"kg: {hint}", file=sys.stderr)
    if args.format == "table":
        sys.stdout.write(format_table(result, max_width=args.max_width))
    else:
        sys.stdout.write(FORMATTERS[args.format](result))
    return 0


def graph_source(args: argparse.Namespace) -> GraphSource:
    """Where the query runs (--endpoint, --store or --graph), each query within --timeout."""
    from ..workbench.remote import PASSWORD_VARIABLE

    return GraphSource(graph=args.graph, store=args.store, endpoint=args.endpoint, user=args.user,
                       password=os.environ.get(PASSWORD_VARIABLE), insecure=args.insecure,
                       timeout=args.timeout, deadline=deadline)


def _is_query_file(argument: str) -> bool:
    """Whether QUERY names a file: SPARQL text of any length is no file name (a long one would
    make the operating system refuse the name)."""
    if any(c in argument for c in "{}\n") or len(argument) > 1024:
        return False
    try:
        return bool(Path(argument).suffix) and Path(argument).is_file()
    except (OSError, ValueError):
        return False


def resolve_query(argument: str) -> tuple[str, str]:
    """QUERY -> (SPARQL text, label for messages): a .rq file, a saved question, SPARQL, or '-'."""
    if argument == "-":
        return sys.stdin.read(), "stdin"
    if _is_query_file(argument):
        return Path(argument).read_text(encoding="utf-8"), argument
    if re.fullmatch(r"[^\s{}]+\.rq", argument):
        raise QueryError(f"{argument}: no such query file; check the path")
    if re.match(r"[A-Za-z][\w-]*$", argument):
        return get_saved(argument).text, argument
    return argument, "query"


def describe_saved(questions: Sequence[SavedQuestion]) -> str:
    """The --list text: name and title, then the description and parameters, indented."""
    width = max((len(q.name) for q in questions), default=0)
    out = []
    for q in questions:
        out.append(f"{q.name.ljust(width)}  {q.title}")
        indent = " " * (width + 2)
        if q.description:
            out.append(textwrap.fill(q.description, 100, initial_indent=indent, subsequent_indent=indent))
        for p in q.params:
            out.append(f"{indent}--param {p.name}=...  {p.meaning}")
        if q.requires:
            needs = " or ".join(f"--param {n}" for n in q.requires)
            out.append(f"{indent}(needs {needs}" + (f"; {q.requires_note})" if q.requires_note else ")"))
    return "\n".join(out) + "\n"


@contextlib.contextmanager
def deadline(seconds: float, label: str) -> Iterator[None]:
    """End the process with a one-line error (exit 2) if the block runs longer than ``seconds``.

    pyoxigraph has no query time limit and its evaluation cannot be interrupted, but it releases
    the GIL while it evaluates, so a timer thread can still run: when it fires it prints the error
    and ends the process (``os._exit``: the query's memory and CPU go with it). That costs one
    thread per query, where running every query in a child process would cost a fork and sending
    the rows back. Only for the command line: a caller in the same process would be ended too."""
    if seconds <= 0:
        yield
        return

    def overdue() -> None:
        os.write(2, (f"kg: error: {label}: the query ran longer than the {seconds:g} s allowed (--timeout); "
                     "narrow it (LIMIT, --param, fewer joins) or give a larger --timeout\n").encode())
        os._exit(2)

    timer = threading.Timer(seconds, overdue)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
