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
import http.client
import http.server
import json
import os
import re
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

from ..errors import QueryError, ServeError
from .query import DEFAULT_GRAPH
from .sparql import PREFIXES, SavedQuestion, federation_refusal, get_saved, list_saved, prepare_query

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
TIMEOUT_GRACE = 2.0             # seconds past the limit before a query's server is ended
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


def _ended(process: subprocess.Popen[bytes], wait: float = 10.0) -> bool:
    """Whether ``process`` has ended, or does within ``wait`` s (it may be aborting)."""
    try:
        process.wait(timeout=wait)
    except subprocess.TimeoutExpired:
        return False
    return True


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _allowed_hosts(bind: str) -> frozenset[str]:
    """Host names a request may give: the bound address and localhost. Anything else is a page
    elsewhere reaching this endpoint through a name that resolves here (DNS rebinding)."""
    names = {bind.strip("[]").lower(), "localhost"}
    if bind in ("0.0.0.0", "::"):
        names |= {"127.0.0.1", "::1", socket.gethostname().lower()}
    return frozenset(names)


def _host_name(header: str) -> str:
    """The name in a Host header, without the port."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class _Front(http.server.ThreadingHTTPServer):
    daemon_threads = True
    server: Server   # set by start()


class _FrontHandler(http.server.BaseHTTPRequestHandler):
    """Passes a request to Oxigraph when its Host is ours and its query stays in this store."""

    server: _Front
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:   # noqa: A002 - quiet, as Oxigraph is
        return

    def _refuse(self, status: int, message: str) -> None:
        body = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def do_GET(self) -> None:
        route = urllib.parse.urlsplit(self.path).path
        if route in ("/", "/index.html") or route.startswith("/saved/"):
            if _host_name(self.headers.get("Host", "")) not in self.server.server.allowed_hosts:
                self._refuse(403, f"Host {self.headers.get('Host', '')!r} refused: open {self.server.server.base_url}/ instead")
            elif route.startswith("/saved/"):
                self._saved_question(route.removeprefix("/saved/"))
            else:
                self._send(200, "text/html; charset=utf-8", start_page(list_saved()).encode("utf-8"))
            return
        self._forward(b"")

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _saved_question(self, name: str) -> None:
        """The saved question's SPARQL with the URL's parameters bound as RDF terms (as kg query
        binds them), for the start page to run."""
        params = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
        params = {k: v for k, v in params.items() if v != ""}
        try:
            text = prepare_query(get_saved(name.removesuffix(".rq")).text, params)
        except QueryError as exc:
            self._refuse(400, str(exc))
            return
        self._send(200, "application/sparql-query; charset=utf-8", text.encode("utf-8"))

    def do_HEAD(self) -> None:
        self._forward(b"")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self._forward(self.rfile.read(length) if length > 0 else b"")

    def _query_text(self, body: bytes) -> str | None:
        url = urllib.parse.urlsplit(self.path)
        texts = urllib.parse.parse_qs(url.query).get("query", []) + urllib.parse.parse_qs(url.query).get("update", [])
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
            texts += form.get("query", []) + form.get("update", [])
        elif body:
            texts.append(body.decode("utf-8", "replace"))
        return "\n".join(texts) if texts else None

    def _with_prefixes(self, body: bytes) -> bytes:
        """The request with the project's prefixes declared in its query (those it does not
        declare itself), as kg query has them: the README's queries run here as they are. Sets
        ``self.path`` and returns the body."""
        url = urllib.parse.urlsplit(self.path)
        if url.query:
            pairs = [(k, with_project_prefixes(v) if k == "query" else v) for k, v in urllib.parse.parse_qsl(url.query)]
            self.path = urllib.parse.urlunsplit(url._replace(query=urllib.parse.urlencode(pairs)))
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if body and kind == "application/x-www-form-urlencoded":
            pairs = [(k, with_project_prefixes(v) if k == "query" else v)
                     for k, v in urllib.parse.parse_qsl(body.decode("utf-8", "replace"))]
            return urllib.parse.urlencode(pairs).encode("utf-8")
        if body and kind == "application/sparql-query":
            return with_project_prefixes(body.decode("utf-8", "replace")).encode("utf-8")
        return body

    def _forward(self, body: bytes) -> None:
        server = self.server.server
        if _host_name(self.headers.get("Host", "")) not in server.allowed_hosts:
            self._refuse(403, f"Host {self.headers.get('Host', '')!r} refused: open {server.base_url}/ instead")
            return
        text = self._query_text(body)
        refusal = federation_refusal(text, server.graph_names) if text else None
        if refusal:
            self._refuse(403, refusal)
            return
        if text and self.path.startswith("/query"):
            body = self._with_prefixes(body)
        headers = {k: v for k, v in self.headers.items()
                   if k.lower() not in ("host", "connection", "keep-alive", "proxy-connection", "transfer-encoding",
                                        "content-length")}
        if body:
            headers["Content-Length"] = str(len(body))
        backend = server.backend_ready()
        if backend is None:
            self._refuse(503, "the server is restarting; ask again in a moment")
            return
        # Oxigraph's own --timeout-s does not stop every query (a cross product ran on past it),
        # so a query still running a moment after the limit ends the server, which starts again.
        connection = http.client.HTTPConnection("127.0.0.1", backend)
        process = server.process
        overdue = threading.Timer(server.timeout + TIMEOUT_GRACE, server.end_process, (process,))
        overdue.start()
        try:
            connection.request(self.command, self.path, body=body or None, headers=headers)
            answer = connection.getresponse()
            payload = answer.read()
        except (OSError, http.client.HTTPException):
            if overdue.finished.is_set():
                self._refuse(504, f"the query ran longer than the {server.timeout:g} s allowed (--timeout) and "
                                  "was stopped; narrow it or add a LIMIT")
            elif _ended(process):
                server.mark_ended(process)
                self._refuse(503, f"the query stopped the server (it needs more than the {server.memory_text} "
                                  "the server may use, --memory); the server is started again: narrow the query")
            else:
                self._refuse(502, "the server did not answer this request; try again")
            return
        finally:
            overdue.cancel()
            connection.close()
        self.send_response(answer.status, answer.reason)
        for key, value in answer.getheaders():
            if key.lower() not in ("connection", "keep-alive", "transfer-encoding", "content-length"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)



@dataclass
class Server:
    """A running read-only Oxigraph server behind its front; ``stop()`` (or leaving the ``with``) ends it.

    Oxigraph listens on a free loopback port with a query time limit (``timeout``) and a bound
    on its memory (``memory``); the front (``_FrontHandler``) listens on ``host``:``port``, refuses
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
    front: _Front | None = None
    _stopping: threading.Event = field(default_factory=threading.Event)
    _ready: threading.Event = field(default_factory=threading.Event)
    _watcher: threading.Thread | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _locks: list = field(default_factory=list)   # kg.store.StoreLock held while serving a kept store

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
        return _allowed_hosts(self.host)

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
            from ..store import StoreError, StoreLock

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
            server.front = _Front((bind.strip("[]"), port), _FrontHandler)
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


# ---------------------------------------------------------------------------------------------
# The start page, and links to saved questions
# ---------------------------------------------------------------------------------------------

_DECLARED_PREFIX = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)


def with_project_prefixes(text: str) -> str:
    """``text`` with a PREFIX line for each project prefix it does not declare itself, all on the
    first line (so the line numbers of Oxigraph's error messages stay those of the query)."""
    declared = {m.group(1) or "" for m in _DECLARED_PREFIX.finditer(text)}
    missing = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p not in declared]
    return " ".join(missing) + " " + text if missing else text


README_EXAMPLE = "SELECT ?name WHERE { ?p a foaf:Person ; foaf:name ?name }"


def start_page(questions: Sequence[SavedQuestion]) -> str:
    """The page at ``/``: a query box, the answer as a table, and every saved question with its
    parameters as form fields. Offline (no script or style from elsewhere). A saved question is
    fetched from ``/saved/NAME?param=value``, where the server binds the parameters as RDF terms,
    as kg query does; queries go to ``/query``, where the project's prefixes are known."""
    from html import escape

    items = []
    for q in questions:
        fields = "".join(
            f'<label>{escape(p.name)} <input name="{escape(p.name)}" title="{escape(p.meaning)}" '
            f'placeholder="{escape(p.meaning[:60])}"></label> ' for p in q.params)
        needs = f' <small>(needs {" or ".join(escape(n) for n in q.requires)})</small>' if q.requires else ""
        items.append(
            f'<li><form class="saved" data-name="{escape(q.name)}"><b>{escape(q.title)}</b> '
            f'<code>kg query {escape(q.name)}</code>{needs}<br><small>{escape(q.description)}</small><br>'
            f'{fields}<button>Run</button> <button type="button" class="load">Show SPARQL</button></form></li>')
    prefixes = "".join(f"<li><code>{escape(p)}:</code> {escape(ns)}</li>" for p, ns in PREFIXES.items())
    return _PAGE.format(example=escape(README_EXAMPLE), questions="\n".join(items), prefixes=prefixes,
                        count=len(questions))


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>motesgraf: ask the graph</title>
<style>
body{{font-family:system-ui,sans-serif;margin:0;display:flex;height:100vh}}
#side{{width:34%;overflow:auto;padding:0 1em;border-right:1px solid #ccc;font-size:90%}}
#main{{flex:1;overflow:auto;padding:0 1em}}
textarea{{width:100%;height:14em;font-family:monospace}}
table{{border-collapse:collapse;font-size:90%}} td,th{{border:1px solid #ddd;padding:2px 6px;vertical-align:top;text-align:left}}
#side li{{margin-bottom:.8em}} #side input{{width:12em}} .error{{color:#a00;white-space:pre-wrap}}
</style></head><body>
<div id="side"><h2>Saved questions ({count})</h2><ol id="questions">
{questions}
</ol><h3>Prefixes (known to every query here)</h3><ul>{prefixes}</ul></div>
<div id="main"><h1>Ask the graph</h1>
<p>SPARQL 1.1, read-only. Endpoint for other tools: <code id="endpoint">/query</code>.</p>
<textarea id="query" spellcheck="false">{example}</textarea>
<p><button id="run">Run query</button> <span id="status"></span></p>
<div id="result"></div></div>
<script>
const box = document.getElementById("query"), status = document.getElementById("status"),
      result = document.getElementById("result");
document.getElementById("endpoint").textContent = location.origin + "/query";
function cell(term) {{
  const td = document.createElement("td");
  if (term) td.textContent = term.value;
  return td;
}}
async function run() {{
  status.textContent = "running…"; result.textContent = "";
  const t = Date.now();
  const answer = await fetch("/query", {{method: "POST",
    headers: {{"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}},
    body: new URLSearchParams({{query: box.value}})}});
  const text = await answer.text();
  if (!answer.ok) {{ status.textContent = ""; result.innerHTML = '<p class="error"></p>';
                    result.firstChild.textContent = text; return; }}
  const data = JSON.parse(text);
  if ("boolean" in data) {{ status.textContent = String(data.boolean); return; }}
  const table = document.createElement("table"), head = table.insertRow();
  for (const v of data.head.vars) {{ const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }}
  for (const b of data.results.bindings) {{
    const row = table.insertRow();
    for (const v of data.head.vars) row.appendChild(cell(b[v]));
  }}
  result.appendChild(table);
  status.textContent = data.results.bindings.length + " rows, " + (Date.now() - t) + " ms";
}}
async function load(form) {{
  const params = new URLSearchParams(new FormData(form));
  const answer = await fetch("/saved/" + encodeURIComponent(form.dataset.name) + "?" + params);
  const text = await answer.text();
  if (!answer.ok) {{ result.innerHTML = '<p class="error"></p>'; result.firstChild.textContent = text; return false; }}
  box.value = text; return true;
}}
document.getElementById("run").onclick = run;
for (const form of document.querySelectorAll("form.saved")) {{
  form.onsubmit = async (e) => {{ e.preventDefault(); if (await load(form)) await run(); }};
  form.querySelector(".load").onclick = () => load(form);
}}
</script></body></html>
"""



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
