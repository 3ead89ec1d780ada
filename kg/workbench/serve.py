"""``kg serve``: the graph as a read-only SPARQL 1.1 Protocol endpoint, with a query page.

The server is Oxigraph's own (the ``oxigraph`` binary from PyPI): it speaks the SPARQL 1.1
Protocol (GET and POST on ``/query``) and in ``serve-read-only`` mode refuses every update. We
load the graph into an Oxigraph store (a temporary folder unless ``--store`` keeps it), start the
server on a loopback port behind a small front (Host check, no federation, time and memory
limits), and print the address of the front's start page: every saved question with its
parameters as form fields (bound as RDF terms at ``/saved/NAME``), a query box and a table of
results, offline. Queries to ``/query`` get the project's prefixes, as in kg query.
"""
from __future__ import annotations

import ctypes
import errno
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ServeError
from .front import Front, FrontHandler, allowed_hosts
from .query import DEFAULT_GRAPH
from .sparql import SavedQuestion

DEFAULT_PORT = 7878
DEFAULT_BIND = "127.0.0.1"
READY_TIMEOUT = 30.0

# Requests to our own server must not go through a proxy from the environment.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


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


# ---------------------------------------------------------------------------------------------
# Limits on the server process, and the front that guards it
# ---------------------------------------------------------------------------------------------

DEFAULT_TIMEOUT = 30.0          # seconds a query may run (Oxigraph's --timeout-s)
DEFAULT_MEMORY = 2 * 1024 ** 3  # bytes of address space the server may use (Oxigraph starts in about 0.6 GB)
_PR_SET_PDEATHSIG = 1


def _child_limits(memory: int | None) -> Callable[[], None]:
    """What the server's process does before it starts Oxigraph: bound its memory (a query that
    needs more fails there, not in the rest of the computer) and, on Linux, ask to be killed
    when the thread that started it ends, so no server outlives ``kg serve``, even a SIGKILLed one."""
    def limit() -> None:
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))   # an abort on the bound writes no core file
        if sys.platform.startswith("linux"):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
            if os.getppid() == 1:   # the parent ended before prctl: end now
                os._exit(1)
    return limit


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

@dataclass
class Server:
    """A running read-only Oxigraph server behind its front; ``stop()`` (or leaving the ``with``) ends it.

    Oxigraph listens on a free loopback port with a query time limit (``timeout``) and a bound
    on its memory (``memory``); the front (``FrontHandler``) listens on ``host``:``port``, refuses
    foreign Host headers and federated queries and passes the rest on. A query that outgrows the
    memory bound ends Oxigraph; a watcher thread starts it again at once."""

    process: subprocess.Popen[bytes]
    host: str
    port: int
    store: Path
    temporary_store: bool
    log: Path
    triples: int | None = None
    _cleanup: list[Path] = field(default_factory=list)
    timeout: float = DEFAULT_TIMEOUT
    memory: int | None = DEFAULT_MEMORY
    backend_port: int = 0
    graph_names: frozenset[str] = frozenset()
    restarts: int = 0               # times Oxigraph was started again after it ended
    failure: str | None = None      # why it could not be started again
    front: Front | None = None
    _stopping: threading.Event = field(default_factory=threading.Event)
    _ready: threading.Event = field(default_factory=threading.Event)
    _watcher: threading.Thread | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _locks: list = field(default_factory=list)   # kg.graph.store.StoreLock held while serving a kept store

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
        """The start page in the browser (kg.workbench.serve.start_page)."""
        return self.base_url + "/"

    @property
    def backend_endpoint(self) -> str:
        return f"http://127.0.0.1:{self.backend_port}/query"

    @property
    def allowed_hosts(self) -> frozenset[str]:
        return allowed_hosts(self.host)

    @property
    def memory_text(self) -> str:
        return f"{self.memory / 1024 ** 3:g} GB" if self.memory else "memory"

    def launch(self) -> None:
        """Start Oxigraph (from the calling thread: it is ended when that thread ends, see _child_limits)."""
        with open(self.log, "ab") as log_file, self._lock:
            self.process = subprocess.Popen(
                [oxigraph_binary(), "serve-read-only", "--location", str(self.store), "--union-default-graph",
                 "--timeout-s", f"{max(1, round(self.timeout))}", "--bind", f"127.0.0.1:{self.backend_port}"],
                stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT,
                preexec_fn=_child_limits(self.memory), start_new_session=True,
            )

    def backend_ready(self, wait: float = 30.0) -> int | None:
        """Oxigraph's port once it answers (it may be starting again), or None after ``wait`` s."""
        return self.backend_port if self._ready.wait(wait) and not self._stopping.is_set() else None

    def mark_ended(self, process: subprocess.Popen[bytes]) -> None:
        """Hold new requests until the watcher has started a server in place of ``process``."""
        with self._lock:
            if process is self.process:
                self._ready.clear()

    def end_process(self, process: subprocess.Popen[bytes]) -> None:
        """Kill ``process`` if it is still the running server (the watcher starts another)."""
        if process.poll() is None:
            self.mark_ended(process)
            process.kill()

    def _watch(self) -> None:
        """Start Oxigraph again whenever it ends (a query outgrew --memory) until the server stops."""
        while not self._stopping.is_set():
            self.process.wait()
            if self._stopping.is_set():
                return
            self._ready.clear()
            self.restarts += 1
            try:
                self.launch()
                _wait_until_ready(self, READY_TIMEOUT)
            except ServeError as exc:
                self.failure = str(exc)
                return
            self._ready.set()

    def start_watching(self) -> None:
        self._ready.set()
        self._watcher = threading.Thread(target=self._watch, name="oxigraph-watcher", daemon=True)
        self._watcher.start()

    def wait(self) -> str:
        """Block until the server can no longer be started again; returns why."""
        while self._watcher is not None and self._watcher.is_alive():
            self._watcher.join(0.5)
        return self.failure or "stopped"

    def stop(self) -> None:
        """End the front and the server (politely, then firmly) and remove a temporary store."""
        self._stopping.set()
        self._ready.set()
        if self.front is not None:
            self.front.shutdown()
            self.front.server_close()
            self.front = None
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._watcher is not None and self._watcher is not threading.current_thread():
            self._watcher.join(10)
        for path in self._cleanup:
            shutil.rmtree(path, ignore_errors=True)
        self._cleanup.clear()
        for lock in self._locks:
            lock.release()
        self._locks.clear()

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
    timeout: float = DEFAULT_TIMEOUT,
    memory: int | None = DEFAULT_MEMORY,
) -> Server:
    """Load ``graph`` (into ``store``, or a temporary folder) and serve it read-only.

    With a ``store`` that already holds data and no ``graph``, that store is served as it is.
    Queries stop after ``timeout`` seconds; the server process may use ``memory`` bytes.
    Returns once the server answers a query.
    """
    work = Path(tempfile.mkdtemp(prefix="motesgraf-serve-"))
    cleanup = [work]
    locks: list = []
    try:
        if store is None:
            store_dir, temporary = work / "store", True
            if graph is None:
                raise ServeError("serve: no graph to serve; give --graph PATH or --store DIR")
            load_store(graph, store_dir)
        else:
            store_dir, temporary = Path(store), False
            from ..graph.store import StoreError, StoreLock

            try:
                lock = StoreLock(store_dir, shared=True).acquire()
            except StoreError as exc:
                raise ServeError(str(exc)) from None
            locks.append(lock)
            has_data = store_dir.is_dir() and any(store_dir.iterdir())
            if has_data and graph is not None:
                raise ServeError(f"{store_dir}: already holds a store; serve it without --graph, "
                                 "or give an empty or new folder to load the graph into")
            if not has_data:
                if graph is None:
                    raise ServeError(f"{store_dir}: no store there; give --graph PATH to load one")
                load_store(graph, store_dir)
        server = Server(None, bind, port, store_dir, temporary, work / "oxigraph.log", _cleanup=cleanup,  # type: ignore[arg-type]
                        timeout=timeout, memory=memory, backend_port=_free_port())
        server.launch()
    except BaseException:
        for path in cleanup:
            shutil.rmtree(path, ignore_errors=True)
        for lock in locks:
            lock.release()
        raise
    server._locks = locks
    try:
        server.triples = _wait_until_ready(server, ready_timeout)
        server.graph_names = _graph_names(server)
        try:
            server.front = Front((bind.strip("[]"), port), FrontHandler)
        except OSError as exc:
            reason = "address already in use" if exc.errno == errno.EADDRINUSE else exc.strerror or str(exc)
            hint = "choose another with --port" if exc.errno == errno.EADDRINUSE else "check --bind and --port"
            raise ServeError(f"{_host_for_url(bind)}:{port}: the server could not listen ({reason}); {hint}") from exc
        server.front.server = server
        threading.Thread(target=server.front.serve_forever, name="serve-front", daemon=True).start()
        server.start_watching()
    except BaseException:
        server.stop()
        raise
    return server


def _ask_backend(server: Server, query: str) -> dict:
    url = server.backend_endpoint + "?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with _opener.open(request, timeout=10) as response:
        return json.load(response)


def _graph_names(server: Server) -> frozenset[str]:
    """The store's named graphs: the only IRIs a query's FROM may name."""
    answer = _ask_backend(server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
    return frozenset(b["g"]["value"] for b in answer["results"]["bindings"])


def _wait_until_ready(server: Server, timeout: float) -> int:
    """Poll Oxigraph until it answers; return the number of triples it holds."""
    deadline = time.monotonic() + timeout
    while True:
        if server.process.poll() is not None:
            reason = _oxigraph_said(server.log.read_text(encoding="utf-8", errors="replace"),
                                    f"exited with {server.process.returncode}")
            raise ServeError(f"{server.store}: the server stopped ({reason}); check the store, or try again")
        # Ask only once Oxigraph says it listens: before that, another program on the port
        # could answer in its place.
        if "Listening for requests" in server.log.read_text(encoding="utf-8", errors="replace"):
            try:
                answer = _ask_backend(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
                return int(answer["results"]["bindings"][0]["n"]["value"])
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
        if time.monotonic() > deadline:
            raise ServeError(f"{server.base_url}: the server did not answer within {timeout:.0f} s; "
                             "try again, or another --port")
        time.sleep(0.1)


def banner(server: Server, graph: str | None, questions: Sequence[SavedQuestion]) -> str:
    what = graph if graph is not None else str(server.store)
    kept = "" if server.temporary_store else f" (store kept in {server.store})"
    lines = [
        f"Serving {what}: {server.triples} triples, read-only{kept}",
        f"  query page       {server.page}  ({len(questions)} saved questions there)",
        f"  SPARQL endpoint  {server.endpoint}  (SPARQL 1.1 Protocol: GET ?query=... or POST)",
        "",
        "Press Ctrl-C to stop.",
    ]
    return "\n".join(lines) + "\n"
