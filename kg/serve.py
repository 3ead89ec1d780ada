"""``kg serve``: the graph as a read-only SPARQL 1.1 Protocol endpoint, with a query page.

The server is Oxigraph's own (the ``oxigraph`` binary from PyPI): it speaks the SPARQL 1.1
Protocol (GET and POST on ``/query``), ships the YASGUI query page at ``/``, and in
``serve-read-only`` mode refuses every update. We load the graph into an Oxigraph store (a
temporary folder unless ``--store`` keeps it), start the server on 127.0.0.1 unless told
otherwise, wait until it answers, and print a ready-to-open link for every saved question.
"""
from __future__ import annotations

import argparse
import json
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .query import DEFAULT_GRAPH, SavedQuestion, list_saved, where_group_start

DEFAULT_PORT = 7878
DEFAULT_BIND = "127.0.0.1"
READY_TIMEOUT = 30.0

# Requests to our own server must not go through a proxy from the environment.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class ServeError(Exception):
    """A problem the user can fix; ``str()`` is one line: 'what: reason; what to do'."""


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable: next to this Python (a venv's bin/) first, then on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if not found:
        raise ServeError("oxigraph: the Oxigraph server is not installed; run pip install oxigraph")
    return found


def _oxigraph_said(output: str, fallback: str) -> str:
    """The line of Oxigraph's output that says what went wrong (it may add a backtrace)."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line.removeprefix("Error:").strip() for line in lines if line.startswith("Error:")]
    return errors[0] if errors else (lines[0] if lines else fallback)


def load_store(graph: str | Path, store: Path) -> None:
    """Load an RDF file into an Oxigraph store folder (created if need be)."""
    graph = Path(graph)
    if not graph.is_file():
        raise ServeError(f"{graph}: no such graph file; run kg build first, or give --graph PATH")
    done = subprocess.run(
        [oxigraph_binary(), "load", "--location", str(store), "--file", str(graph)],
        capture_output=True, text=True,
    )
    if done.returncode != 0:
        reason = _oxigraph_said(done.stderr + done.stdout, f"oxigraph load exited with {done.returncode}")
        raise ServeError(f"{graph}: could not be loaded ({reason}); check it, or rebuild it with kg build")


def _host_for_url(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


@dataclass
class Server:
    """A running read-only Oxigraph server; ``stop()`` (or leaving the ``with``) ends it."""

    process: subprocess.Popen[bytes]
    host: str
    port: int
    store: Path
    temporary_store: bool
    log: Path
    triples: int | None = None
    _cleanup: list[Path] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::") else self.host
        return f"http://{_host_for_url(host)}:{self.port}"

    @property
    def endpoint(self) -> str:
        """The SPARQL 1.1 Protocol query endpoint."""
        return self.base_url + "/query"

    @property
    def page(self) -> str:
        """The query page (YASGUI) in the browser."""
        return self.base_url + "/"

    def stop(self) -> None:
        """End the server (politely, then firmly) and remove a temporary store."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for path in self._cleanup:
            shutil.rmtree(path, ignore_errors=True)
        self._cleanup.clear()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start(
    graph: str | Path | None = DEFAULT_GRAPH,
    *,
    port: int = DEFAULT_PORT,
    bind: str = DEFAULT_BIND,
    store: str | Path | None = None,
    ready_timeout: float = READY_TIMEOUT,
) -> Server:
    """Load ``graph`` (into ``store``, or a temporary folder) and serve it read-only.

    With a ``store`` that already holds data and no ``graph``, that store is served as it is.
    Returns once the server answers a query.
    """
    work = Path(tempfile.mkdtemp(prefix="motesgraf-serve-"))
    cleanup = [work]
    try:
        if store is None:
            store_dir, temporary = work / "store", True
            if graph is None:
                raise ServeError("serve: no graph to serve; give --graph PATH or --store DIR")
            load_store(graph, store_dir)
        else:
            store_dir, temporary = Path(store), False
            has_data = store_dir.is_dir() and any(store_dir.iterdir())
            if has_data and graph is not None:
                raise ServeError(f"{store_dir}: already holds a store; serve it without --graph, "
                                 "or give an empty or new folder to load the graph into")
            if not has_data:
                if graph is None:
                    raise ServeError(f"{store_dir}: no store there; give --graph PATH to load one")
                load_store(graph, store_dir)
        log = work / "oxigraph.log"
        with open(log, "wb") as log_file:
            process = subprocess.Popen(
                [oxigraph_binary(), "serve-read-only", "--location", str(store_dir), "--union-default-graph",
                 "--bind", f"{_host_for_url(bind)}:{port}"],
                stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT,
            )
        server = Server(process, bind, port, store_dir, temporary, log, _cleanup=cleanup)
    except BaseException:
        for path in cleanup:
            shutil.rmtree(path, ignore_errors=True)
        raise
    try:
        server.triples = _wait_until_ready(server, ready_timeout)
    except BaseException:
        server.stop()
        raise
    return server


def _wait_until_ready(server: Server, timeout: float) -> int:
    """Poll the endpoint until it answers; return the number of triples it holds."""
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    url = server.endpoint + "?" + urllib.parse.urlencode({"query": count})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    deadline = time.monotonic() + timeout
    while True:
        if server.process.poll() is not None:
            reason = _oxigraph_said(server.log.read_text(encoding="utf-8", errors="replace"),
                                    f"exited with {server.process.returncode}")
            hint = "choose another with --port" if "in use" in reason.lower() else "check --bind and --port"
            raise ServeError(f"{_host_for_url(server.host)}:{server.port}: the server stopped ({reason}); {hint}")
        # Ask only once Oxigraph says it listens: before that, another program on the port
        # could answer in its place.
        if "Listening for requests" in server.log.read_text(encoding="utf-8", errors="replace"):
            try:
                with _opener.open(request, timeout=2) as response:
                    answer = json.load(response)
                return int(answer["results"]["bindings"][0]["n"]["value"])
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
        if time.monotonic() > deadline:
            raise ServeError(f"{server.base_url}: the server did not answer within {timeout:.0f} s; "
                             "try again, or another --port")
        time.sleep(0.1)


# ---------------------------------------------------------------------------------------------
# Links to saved questions
# ---------------------------------------------------------------------------------------------


def page_query_text(question: SavedQuestion) -> str:
    """The question as it opens in the query page: parameters as commented-out VALUES lines."""
    if not question.params:
        return question.text
    at = where_group_start(question.text)
    if at is None:
        return question.text
    hints = "".join(
        f"\n  # VALUES ?{p.name} {{ ... }}  # to set: uncomment, put in {p.meaning}" for p in question.params
    )
    return question.text[:at] + hints + question.text[at:]


def page_link(server: Server, question: SavedQuestion) -> str:
    """A URL that opens the query page with the question loaded, pointed at this endpoint."""
    fragment = urllib.parse.urlencode(
        {"query": page_query_text(question), "endpoint": server.endpoint, "tabTitle": question.title},
        quote_via=urllib.parse.quote,
    )
    return f"{server.page}#{fragment}"


def get_link(server: Server, question: SavedQuestion) -> str:
    """The SPARQL Protocol GET URL of the question (results as JSON, CSV... by Accept)."""
    return server.endpoint + "?" + urllib.parse.urlencode({"query": question.text}, quote_via=urllib.parse.quote)


def banner(server: Server, graph: str | None, questions: Sequence[SavedQuestion]) -> str:
    what = graph if graph is not None else str(server.store)
    kept = "" if server.temporary_store else f" (store kept in {server.store})"
    lines = [
        f"Serving {what}: {server.triples} triples, read-only{kept}",
        f"  query page       {server.page}",
        f"  SPARQL endpoint  {server.endpoint}  (SPARQL 1.1 Protocol: GET ?query=... or POST)",
        "",
        "Saved questions (open a link to load the question in the query page):",
    ]
    for q in questions:
        params = f"  [set {', '.join('?' + p.name for p in q.params)} in the query]" if q.params else ""
        lines.append(f"  {q.title}{params}")
        lines.append(f"    {page_link(server, q)}")
    lines += ["", "Press Ctrl-C to stop."]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------


def configure_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--graph", default=None,
                        help=f"the graph to serve (default: {DEFAULT_GRAPH}, unless --store holds one)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port to listen on (default {DEFAULT_PORT})")
    parser.add_argument("--bind", default=DEFAULT_BIND,
                        help=f"address to listen on (default {DEFAULT_BIND}: this computer only)")
    parser.add_argument("--store", default=None, metavar="DIR",
                        help="keep the Oxigraph store in DIR (loaded from --graph if DIR is new or empty, "
                             "else served as it is); default: a temporary folder, removed on exit")


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
            server = start(graph, port=args.port, bind=args.bind, store=args.store)
        except ServeError as e:
            print(f"kg: error: {e}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:  # stopped while starting: start() has removed what it made
            print("Stopping the server.", file=sys.stderr)
            return 0
        try:
            sys.stdout.write(banner(server, graph, list_saved()))
            sys.stdout.flush()
            code = server.process.wait()
            reason = _oxigraph_said(server.log.read_text(encoding="utf-8", errors="replace"), f"exit {code}")
            print(f"kg: error: oxigraph: the server stopped unexpectedly ({reason}); start it again",
                  file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            print("Stopping the server.", file=sys.stderr)
            return 0
        finally:
            server.stop()
