"""The SPARQL 1.1 Graph Store Protocol, as kg push writes a graph into a remote store: PUT the
first part, POST the rest, with hints for what each server says when it refuses."""
from __future__ import annotations

import urllib.parse
from collections.abc import Iterable, Iterator

from .remote import PASSWORD_VARIABLE, TIMEOUT, Connection, failed

GSP_HINT = ("check --endpoint: the Graph Store service is /store on Oxigraph, /DATASET/data on Fuseki, "
            "/repositories/REPO/rdf-graphs/service on GraphDB, /sparql-graph-crud on Virtuoso")
WRITE_HINT = (f"give --user NAME (password in ${PASSWORD_VARIABLE}) of a user who may write; on Virtuoso "
              "run isql: grant SPARQL_UPDATE to \"SPARQL\"; or push to /sparql-graph-crud-auth with --user")
NO_DEFAULT_GRAPH_HINT = ("this store has no default graph to write (Virtuoso's Graph Store has none): push with "
                         "--graph-per-document, or into one named graph with --named-graph IRI")


def _write_hint(status: int, body: bytes, user: str | None = None) -> str:
    if status == 401 and user is not None:
        return f"the store refused the user {user} or the password: check --user and ${PASSWORD_VARIABLE}"
    if status in (401, 403) or b"Permission denied" in body:
        return WRITE_HINT
    if b"not configured to have default graph" in body:
        return NO_DEFAULT_GRAPH_HINT
    return GSP_HINT


def split_lines(data: bytes, max_lines: int) -> Iterator[bytes]:
    """N-Triples in parts of at most ``max_lines`` lines (a triple is one line: safe to cut between)."""
    if max_lines <= 0 or data.count(b"\n") <= max_lines:
        yield data
        return
    start = 0
    while start < len(data):
        end = start
        for _ in range(max_lines):
            end = data.find(b"\n", end) + 1
            if end == 0:
                end = len(data)
                break
        yield data[start:end]
        start = end


class GraphStore:
    """A Graph Store Protocol service: PUT replaces a graph, POST adds to it, GET reads it,
    DELETE drops it."""

    def __init__(self, endpoint: str, user: str | None = None, password: str | None = None,
                 timeout: float = TIMEOUT, insecure: bool = False):
        self.http = Connection(endpoint, user, password, timeout, insecure)
        self.endpoint = self.http.url   # without a password from the URL

    @staticmethod
    def _which(graph: str | None) -> str:
        return "default" if graph is None else "graph=" + urllib.parse.quote(graph, safe="")

    def _send(self, method: str, graph: str | None, ntriples: bytes) -> None:
        status, _, body = self.http.request(
            method, self._which(graph), ntriples, {"Content-Type": "text/turtle; charset=utf-8"})
        if status not in (200, 201, 204):
            raise failed(self.endpoint, status, body, _write_hint(status, body, self.http.user))

    def put(self, graph: str | None, ntriples: bytes | Iterable[bytes]) -> None:
        """Replace ``graph`` (None: the default graph) with ``ntriples``; given in parts, the first
        replaces the graph and the others are added to it, one request each (a store loads many
        small requests faster than one big one: Virtuoso 1 M triples in 24 s instead of 60 s)."""
        if isinstance(ntriples, (bytes, bytearray)):
            ntriples = (ntriples,)
        method = "PUT"
        for part in ntriples:
            if method == "POST" and not part:
                continue
            self._send(method, graph, part)
            method = "POST"
        if method == "PUT":  # no parts: the graph becomes empty
            self._send("PUT", graph, b"")

    def get(self, graph: str | None) -> bytes | None:
        """The graph as N-Triples, or None if the store has no such graph. (Virtuoso sends at most
        its ``ResultSetMaxRows`` triples, without saying that it cut the graph.)"""
        status, _, body = self.http.request("GET", self._which(graph), headers={"Accept": "application/n-triples"})
        if status == 404:
            return None
        if status != 200:
            raise failed(self.endpoint, status, body, GSP_HINT)
        return body

    def delete(self, graph: str | None) -> bool:
        """Drop ``graph``; False if there was none."""
        status, _, body = self.http.request("DELETE", self._which(graph))
        if status == 404:
            return False
        if status not in (200, 202, 204):
            raise failed(self.endpoint, status, body, GSP_HINT)
        return True

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
