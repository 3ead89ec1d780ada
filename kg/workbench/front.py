"""The front of kg serve: an HTTP server before Oxigraph's that answers only the hosts it is
bound for, refuses updates and federated queries, and ends a query that outlives its limit."""
from __future__ import annotations

import http.client
import http.server
import socket
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request
from typing import TYPE_CHECKING

from ..errors import QueryError
from .federation import federation_refusal
from .sparql import get_saved, list_saved, prepare_query
from .start_page import start_page, with_project_prefixes

if TYPE_CHECKING:
    from .serve import Server

TIMEOUT_GRACE = 2.0             # seconds past the limit before a query's server is ended


def process_ended(process: subprocess.Popen[bytes], wait: float = 10.0) -> bool:
    """Whether ``process`` has ended, or does within ``wait`` s (it may be aborting)."""
    try:
        process.wait(timeout=wait)
    except subprocess.TimeoutExpired:
        return False
    return True




def allowed_hosts(bind: str) -> frozenset[str]:
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


class Front(http.server.ThreadingHTTPServer):
    daemon_threads = True
    server: Server   # set by start()


class FrontHandler(http.server.BaseHTTPRequestHandler):
    """Passes a request to Oxigraph when its Host is ours and its query stays in this store."""

    server: Front
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
            elif process_ended(process):
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
