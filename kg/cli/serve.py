"""``kg serve``: the graph as a read-only SPARQL endpoint with a query page, until Ctrl-C."""
from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from ..workbench.serve import DEFAULT_BIND, DEFAULT_MEMORY, DEFAULT_PORT, DEFAULT_TIMEOUT, banner, start
from ..workbench.sparql import list_saved
from .options import DEFAULT_GRAPH, add_graph, add_store, add_timeout


def configure_parser(parser: argparse.ArgumentParser) -> None:
    add_graph(parser, "the graph to serve", default=None, note=", unless --store holds one")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port to listen on (default {DEFAULT_PORT})")
    parser.add_argument("--bind", default=DEFAULT_BIND,
                        help=f"address to listen on (default {DEFAULT_BIND}: this computer only)")
    add_store(parser, "keep the Oxigraph store in DIR (loaded from --graph if DIR is new or empty, "
                      "else served as it is); default: a temporary folder, removed on exit")
    add_timeout(parser, DEFAULT_TIMEOUT, f"stop a query after SECONDS (default {DEFAULT_TIMEOUT:g})", metavar="SECONDS")
    parser.add_argument("--memory", type=memory_size, default=DEFAULT_MEMORY, metavar="SIZE",
                        help="memory the server process may use, e.g. 2G or 512M (default 2G); a query that "
                             "needs more gets an error and the server starts again")


def memory_size(text: str) -> int:
    """``2G``, ``512M``, ``1.5g`` or a number of bytes, as bytes."""
    units = {"k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}
    text = text.strip().lower().removesuffix("b")
    try:
        size = float(text[:-1]) * units[text[-1]] if text and text[-1] in units else float(text)
    except ValueError:
        size = 0
    if size < 64 * 1024 ** 2:
        raise argparse.ArgumentTypeError(f"{text!r} is not a memory size of at least 64M (e.g. 2G, 512M)")
    return int(size)


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """Let SIGTERM stop the server as Ctrl-C does, so the child and the store are cleaned up."""
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_cli(args: argparse.Namespace) -> int:
    graph = args.graph if args.graph is not None or args.store is not None else DEFAULT_GRAPH
    with _sigterm_as_interrupt():
        try:
            server = start(graph, port=args.port, bind=args.bind, store=args.store,
                           timeout=args.timeout, memory=args.memory)
        except KeyboardInterrupt:  # stopped while starting: start() has removed what it made
            print("Stopping the server.", file=sys.stderr)
            return 0
        # (a ServeError while starting is the one error line of kg.cli)
        try:
            sys.stdout.write(banner(server, graph, list_saved()))
            sys.stdout.flush()
            reason = server.wait()
            print(f"kg: error: oxigraph: the server stopped unexpectedly ({reason}); start it again",
                  file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            print("Stopping the server.", file=sys.stderr)
            return 0
        finally:
            server.stop()
