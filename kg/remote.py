"""Talking to a triple store over HTTP: the SPARQL 1.1 Graph Store HTTP Protocol and Protocol.

Only the standard library (``http.client``, one kept-alive connection per store), so pushing
needs nothing beyond motesgraf itself. Servers differ only in where their services live; the
protocols are the same:

* Oxigraph server: Graph Store ``http://HOST:7878/store``, SPARQL ``http://HOST:7878/query``;
* Apache Jena Fuseki: ``http://HOST:3030/DATASET/data`` and ``http://HOST:3030/DATASET/sparql``;
* GraphDB: ``http://HOST:7200/repositories/REPO/rdf-graphs/service`` and
  ``http://HOST:7200/repositories/REPO``;
* Virtuoso: ``http://HOST:8890/sparql-graph-crud`` (the user SPARQL needs SPARQL_UPDATE) and
  ``http://HOST:8890/sparql``.

Graphs are sent as N-Triples labelled ``text/turtle`` (N-Triples is Turtle, and every one of these
servers reads Turtle). Query answers come back as SPARQL 1.1 Results JSON and become the same
:class:`kg.query.QueryResult` a local query gives, so the table, CSV and JSON output is the same.
"""
from __future__ import annotations

import base64
import http.client
import json
import urllib.parse
from collections.abc import Mapping

import pyoxigraph as ox

from .query import PREFIXES, QueryError, QueryResult, Term, prepare_query

TIMEOUT = 300.0


class RemoteError(Exception):
    """A problem the user can fix; ``str()`` is one line: 'what: reason; what to do'."""


def _one_line(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Connection:
    """One kept-alive HTTP(S) connection to one server (reopened if the server closes it)."""

    def __init__(self, url: str, user: str | None = None, password: str | None = None, timeout: float = TIMEOUT):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise RemoteError(f"{url}: not an http(s) URL; give e.g. http://127.0.0.1:7878/store")
        self.url = url
        self.parts = parts
        self.timeout = timeout
        self.headers: dict[str, str] = {}
        if user is not None:
            token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
            self.headers["Authorization"] = f"Basic {token}"
        self._conn: http.client.HTTPConnection | None = None

    def _connect(self) -> http.client.HTTPConnection:
        if self._conn is None:
            cls = http.client.HTTPSConnection if self.parts.scheme == "https" else http.client.HTTPConnection
            self._conn = cls(self.parts.hostname, self.parts.port, timeout=self.timeout)
        return self._conn

    def request(self, method: str, query: str, body: bytes | None = None,
                headers: Mapping[str, str] | None = None) -> tuple[int, str, bytes]:
        """``method`` on the URL with ``query`` as its query string: (status, content type, body)."""
        path = self.parts.path or "/"
        if self.parts.query:
            query = f"{self.parts.query}&{query}" if query else self.parts.query
        target = f"{path}?{query}" if query else path
        all_headers = {**self.headers, **(headers or {})}
        for attempt in (1, 2):
            conn = self._connect()
            try:
                conn.request(method, target, body=body, headers=all_headers)
                response = conn.getresponse()
                data = response.read()
                return response.status, response.getheader("Content-Type", "") or "", data
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as e:
                self.close()  # a kept-alive connection the server closed: try once more on a new one
                if attempt == 2:
                    raise RemoteError(f"{self.url}: the server closed the connection ({e}); try again") from e
            except OSError as e:
                self.close()
                raise RemoteError(f"{self.url}: cannot connect ({_one_line(str(e))}); "
                                  "is the server running, and is the URL right?") from e
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _failed(url: str, status: int, body: bytes, hint: str) -> RemoteError:
    said = _one_line(body.decode("utf-8", errors="replace")) or http.client.responses.get(status, "")
    return RemoteError(f"{url}: the server answered {status} ({said}); {hint}")


# ---------------------------------------------------------------------------------------------
# Graph Store HTTP Protocol
# ---------------------------------------------------------------------------------------------

GSP_HINT = ("check --endpoint: the Graph Store service is /store on Oxigraph, /DATASET/data on Fuseki, "
            "/repositories/REPO/rdf-graphs/service on GraphDB, /sparql-graph-crud on Virtuoso")


class GraphStore:
    """A Graph Store Protocol service: PUT replaces a graph, GET reads it, DELETE drops it."""

    def __init__(self, endpoint: str, user: str | None = None, password: str | None = None,
                 timeout: float = TIMEOUT):
        self.endpoint = endpoint
        self.http = Connection(endpoint, user, password, timeout)

    @staticmethod
    def _which(graph: str | None) -> str:
        return "default" if graph is None else "graph=" + urllib.parse.quote(graph, safe="")

    def put(self, graph: str | None, ntriples: bytes) -> None:
        """Replace ``graph`` (None: the default graph) with ``ntriples``."""
        status, _, body = self.http.request(
            "PUT", self._which(graph), ntriples, {"Content-Type": "text/turtle; charset=utf-8"})
        if status not in (200, 201, 204):
            raise _failed(self.endpoint, status, body, GSP_HINT)

    def get(self, graph: str | None) -> bytes | None:
        """The graph as N-Triples, or None if the store has no such graph."""
        status, _, body = self.http.request("GET", self._which(graph), headers={"Accept": "application/n-triples"})
        if status == 404:
            return None
        if status != 200:
            raise _failed(self.endpoint, status, body, GSP_HINT)
        return body

    def delete(self, graph: str | None) -> bool:
        """Drop ``graph``; False if there was none."""
        status, _, body = self.http.request("DELETE", self._which(graph))
        if status == 404:
            return False
        if status not in (200, 202, 204):
            raise _failed(self.endpoint, status, body, GSP_HINT)
        return True

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ---------------------------------------------------------------------------------------------
# SPARQL 1.1 Protocol
# ---------------------------------------------------------------------------------------------

QUERY_HINT = ("check --endpoint: the query service is /query on Oxigraph, /DATASET/sparql on Fuseki, "
              "/repositories/REPO on GraphDB, /sparql on Virtuoso")


def with_prefixes(query_text: str) -> str:
    """The query with the project's prefixes declared first, as a local query has them."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items()) + query_text


def _term(value: Mapping[str, object]) -> Term:
    kind = value.get("type")
    text = str(value.get("value", ""))
    if kind == "uri":
        return ox.NamedNode(text)
    if kind == "bnode":
        return ox.BlankNode(text)
    if kind in ("literal", "typed-literal"):
        if value.get("xml:lang"):
            return ox.Literal(text, language=str(value["xml:lang"]))
        if value.get("datatype"):
            return ox.Literal(text, datatype=ox.NamedNode(str(value["datatype"])))
        return ox.Literal(text)
    if kind == "triple":
        inner = value["value"]
        assert isinstance(inner, Mapping)
        return ox.Triple(_term(inner["subject"]), _term(inner["predicate"]), _term(inner["object"]))  # type: ignore[arg-type]
    raise ValueError(f"unknown term type {kind!r}")


def parse_results(body: bytes, content_type: str) -> QueryResult:
    """A SPARQL Results JSON answer (or N-Triples for CONSTRUCT) as a QueryResult."""
    if "json" in content_type or body.lstrip().startswith(b"{"):
        doc = json.loads(body)
        if "boolean" in doc:
            return QueryResult(boolean=bool(doc["boolean"]))
        variables = tuple(doc["head"].get("vars", []))
        rows = tuple(
            tuple(_term(b[v]) if v in b else None for v in variables) for b in doc["results"]["bindings"]
        )
        return QueryResult(vars=variables, rows=rows)
    triples = tuple(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
    return QueryResult(triples=tuple(t.triple if isinstance(t, ox.Quad) else t for t in triples))


def run_remote(
    endpoint: str,
    query_text: str,
    params: Mapping[str, str | Term] | None = None,
    *,
    user: str | None = None,
    password: str | None = None,
    timeout: float = TIMEOUT,
) -> QueryResult:
    """Run SPARQL at a SPARQL 1.1 Protocol endpoint, ``params`` bound as in :func:`kg.query.run_query`."""
    text = with_prefixes(prepare_query(query_text, params))
    body = urllib.parse.urlencode({"query": text}).encode("utf-8")
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
    }
    with Connection(endpoint, user, password, timeout) as conn:
        status, content_type, answer = conn.request("POST", "", body, headers)
    if status == 400:
        raise QueryError(f"{endpoint}: the server refused the query "
                         f"({_one_line(answer.decode('utf-8', errors='replace'))}); fix the query")
    if status != 200:
        raise _failed(endpoint, status, answer, QUERY_HINT)
    try:
        return parse_results(answer, content_type)
    except (ValueError, KeyError, SyntaxError) as e:
        raise RemoteError(f"{endpoint}: the answer is not SPARQL results ({_one_line(str(e))}); "
                          f"{QUERY_HINT}") from e
