"""Talking to a triple store over HTTP: the SPARQL 1.1 Graph Store HTTP Protocol and Protocol.

Only the standard library (``http.client``, one kept-alive connection per store), so pushing
needs nothing beyond motesgraf itself. Servers differ only in where their services live; the
protocols are the same:

* Oxigraph server: Graph Store ``http://HOST:7878/store``, SPARQL ``http://HOST:7878/query``;
* Apache Jena Fuseki: ``http://HOST:3030/DATASET/data`` and ``http://HOST:3030/DATASET/sparql``;
* GraphDB: ``http://HOST:7200/repositories/REPO/rdf-graphs/service`` and
  ``http://HOST:7200/repositories/REPO``;
* Virtuoso: ``http://HOST:8890/sparql-graph-crud`` (the user SPARQL needs SPARQL_UPDATE) or
  ``/sparql-graph-crud-auth`` (HTTP digest authentication, which :class:`Connection` answers), and
  ``http://HOST:8890/sparql``.

Graphs are sent as N-Triples labelled ``text/turtle`` (N-Triples is Turtle, and every one of these
servers reads Turtle), a big graph in parts: the first PUT, the rest POSTed (added) to it. Query
answers come back as SPARQL 1.1 Results JSON (CONSTRUCT and DESCRIBE as N-Triples: Virtuoso
would otherwise answer them as a table of ?s ?p ?o) and become the same
:class:`kg.workbench.query.QueryResult` a local query gives, so the table, CSV and JSON output is the same.
An answer the server cut short (Virtuoso's ``ResultSetMaxRows``, its anytime queries) is an error,
never a silently shorter answer.
"""
from __future__ import annotations

import base64
import hashlib
import html
import http.client
import ipaddress
import json
import os
import re
import urllib.parse
from collections.abc import Mapping

import pyoxigraph as ox

from ..errors import QueryError, RemoteError
from ..text import one_line as _one_line
from .sparql import PREFIXES, Params, QueryResult, Term, prepare_query

TIMEOUT = 300.0
PASSWORD_VARIABLE = "KG_PUSH_PASSWORD"


class Connection:
    """One kept-alive HTTP(S) connection to one server (reopened if the server closes it)."""

    def __init__(self, url: str, user: str | None = None, password: str | None = None, timeout: float = TIMEOUT,
                 insecure: bool = False):
        parts = urllib.parse.urlsplit(url)
        self.url = redacted(url)   # the URL as messages show it: never with a password
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise RemoteError(f"{self.url}: not an http(s) URL; give e.g. http://127.0.0.1:7878/store")
        if parts.username is not None:   # http://user:pw@host/: as --user with that password
            url_user = urllib.parse.unquote(parts.username)
            if user is not None and user != url_user:
                raise RemoteError(f"{self.url}: names the user {url_user} and --user names {user}; give the user once")
            user = url_user
            if parts.password is not None:
                password = urllib.parse.unquote(parts.password)
        if user is not None and parts.scheme == "http" and not insecure and not is_loopback(parts.hostname):
            raise RemoteError(f"{self.url}: a password would go unencrypted over plain http to {parts.hostname}; "
                              "use an https:// URL, or give --insecure if the network between is trusted")
        self.parts = parts
        self.timeout = timeout
        self.headers: dict[str, str] = {}
        self.user, self.password = user, password or ""
        # Credentials only when the server asks (a 401 challenge), in the scheme it asks for; the
        # answer is then kept for the following requests to the same server.
        self._basic: str | None = None               # the Basic Authorization, once asked for
        self._digest: dict[str, str] | None = None  # the server's last Digest challenge
        self._nonce_count = 0
        self.last_headers: http.client.HTTPMessage | None = None
        self._conn: http.client.HTTPConnection | None = None

    def _connect(self) -> http.client.HTTPConnection:
        if self._conn is None:
            cls = http.client.HTTPSConnection if self.parts.scheme == "https" else http.client.HTTPConnection
            self._conn = cls(self.parts.hostname or "", self.parts.port, timeout=self.timeout)   # (checked in __init__)
        return self._conn

    def request(self, method: str, query: str, body: bytes | None = None,
                headers: Mapping[str, str] | None = None) -> tuple[int, str, bytes]:
        """``method`` on the URL with ``query`` as its query string: (status, content type, body).

        The response's headers stay in :attr:`last_headers`. Nothing secret is sent until the
        server asks: a 401 with a Basic challenge is answered with basic authentication, one with a
        Digest challenge (Virtuoso's ``-auth`` services) with digest, and that answer is reused
        for the following requests."""
        path = self.parts.path or "/"
        if self.parts.query:
            query = f"{self.parts.query}&{query}" if query else self.parts.query
        target = f"{path}?{query}" if query else path
        closed = answered = False
        while True:
            all_headers = {**self.headers, **(headers or {})}
            if self._digest is not None:
                all_headers["Authorization"] = self._digest_authorization(method, target)
            elif self._basic is not None:
                all_headers["Authorization"] = self._basic
            conn = self._connect()
            try:
                try:
                    conn.request(method, target, body=body, headers=all_headers)
                except (BrokenPipeError, ConnectionResetError):
                    # The server may have answered before it read the whole body (Virtuoso refuses
                    # a wrong password so) and closed: its answer can still be read.
                    if body is None:
                        raise
                response = conn.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as e:
                self.close()  # a kept-alive connection the server closed: try once more on a new one
                if closed:
                    raise RemoteError(f"{self.url}: the server closed the connection ({e}); try again") from e
                closed = True
                continue
            except OSError as e:
                self.close()
                raise RemoteError(f"{self.url}: cannot connect ({_one_line(str(e))}); "
                                  "is the server running, and is the URL right?") from e
            self.last_headers = response.headers
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            if response.status == 401 and self.user is not None and not answered:
                answered = self._answer_challenge(response.headers.get_all("WWW-Authenticate") or [])
                if answered:
                    continue
            return response.status, response.getheader("Content-Type", "") or "", data

    def _answer_challenge(self, offered: list[str]) -> bool:
        """Take up the server's challenge (Digest preferred to Basic): True if one was taken up."""
        for header in offered:
            challenge = _digest_challenge(header)
            if challenge is not None:
                self._digest, self._nonce_count, self._basic = challenge, 0, None
                return True
        if any(h.lstrip().lower().startswith("basic") for h in offered):
            token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
            self._basic, self._digest = f"Basic {token}", None
            return True
        return False

    def _digest_authorization(self, method: str, uri: str) -> str:
        """The Authorization header answering the kept Digest challenge (RFC 7616, MD5)."""
        c = self._digest or {}
        realm, nonce = c.get("realm", ""), c.get("nonce", "")
        md5 = lambda text: hashlib.md5(text.encode("utf-8")).hexdigest()  # noqa: E731
        ha1 = md5(f"{self.user}:{realm}:{self.password}")
        if c.get("algorithm", "MD5").upper() == "MD5-SESS":
            ha1 = md5(f"{ha1}:{nonce}:{c.setdefault('cnonce', os.urandom(8).hex())}")
        ha2 = md5(f"{method}:{uri}")
        fields = {"username": self.user, "realm": realm, "nonce": nonce, "uri": uri}
        qops = [q.strip() for q in c.get("qop", "").split(",")]
        if "auth" in qops:
            self._nonce_count += 1
            nc, cnonce = f"{self._nonce_count:08x}", os.urandom(8).hex()
            fields["response"] = md5(f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}")
            fields.update(qop="auth", nc=nc, cnonce=cnonce)
        else:
            fields["response"] = md5(f"{ha1}:{nonce}:{ha2}")
        if "opaque" in c:
            fields["opaque"] = c["opaque"]
        if "algorithm" in c:
            fields["algorithm"] = c["algorithm"]
        unquoted = ("qop", "nc", "algorithm")
        return "Digest " + ", ".join(f"{k}={v}" if k in unquoted else f'{k}="{v}"' for k, v in fields.items())

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def redacted(url: str) -> str:
    """The URL without the password of its ``user:password@`` part, fit for messages."""
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1): traffic that stays here."""
    if host.lower() == "localhost" or host.lower().endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


_CHALLENGE_PARAM = re.compile(r'(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))')


def _digest_challenge(header: str) -> dict[str, str] | None:
    """The parameters of a ``WWW-Authenticate: Digest ...`` challenge, or None for another scheme."""
    if not header.lstrip().lower().startswith("digest"):
        return None
    params = header.lstrip()[len("digest"):]
    return {m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
            for m in _CHALLENGE_PARAM.finditer(params)}


def said(body: bytes, status: int = 0) -> str:
    """What an error response says, on one line: the text of an HTML page (Virtuoso answers
    errors as a page whose message is in ``<xmp>``), or the body as it is."""
    text = body.decode("utf-8", errors="replace")
    if re.search(r"<(?:!DOCTYPE\s+)?html", text[:500], re.IGNORECASE):
        message = re.search(r"<xmp>(.*?)</xmp>", text, re.DOTALL | re.IGNORECASE)
        code = re.search(r"<h3>\s*(Error\s+\w+)\s*</h3>", text, re.IGNORECASE)
        if message:
            text = (code.group(1) + ": " if code else "") + message.group(1)
        else:
            body_only = re.sub(r"(?is)<(head|script|style)\b.*?</\1>", " ", text)
            text = html.unescape(re.sub(r"<[^>]+>", " ", body_only))
    return _one_line(text) or http.client.responses.get(status, "")


def failed(url: str, status: int, body: bytes, hint: str) -> RemoteError:
    return RemoteError(f"{url}: the server answered {status} ({said(body, status)}); {hint}")


# ---------------------------------------------------------------------------------------------
# SPARQL 1.1 Protocol (the Graph Store Protocol is in graph_store.py)
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
    """A SPARQL Results JSON answer (or N-Triples/Turtle for CONSTRUCT) as a QueryResult."""
    if "json" in content_type or body.lstrip().startswith(b"{"):
        doc = json.loads(body)
        if "boolean" in doc:
            return QueryResult(boolean=bool(doc["boolean"]))
        variables = tuple(doc["head"].get("vars", []))
        rows = tuple(
            tuple(_term(b[v]) if v in b else None for v in variables) for b in doc["results"]["bindings"]
        )
        return QueryResult(vars=variables, rows=rows)
    # N-Triples is Turtle: the Turtle parser reads whichever of the two the server chose.
    media_type = content_type.split(";")[0].strip()
    rdf_format = ox.RdfFormat.from_media_type(media_type) if media_type else None
    if rdf_format is None or rdf_format == ox.RdfFormat.N_TRIPLES:
        rdf_format = ox.RdfFormat.TURTLE
    triples = tuple(ox.parse(body, format=rdf_format))
    return QueryResult(triples=tuple(t.triple if isinstance(t, ox.Quad) else t for t in triples))


_SKIPPED = re.compile(r'#[^\n]*|<[^<>"{}|^`\\\x00-\x20]*>'
                      r'|"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
                      r'|"(?:[^"\\\n]|\\.)*"' r"|'(?:[^'\\\n]|\\.)*'", re.DOTALL)
_FORM = re.compile(r"(?<![\w:?$])(SELECT|CONSTRUCT|ASK|DESCRIBE)(?![\w:-])", re.IGNORECASE)


def query_form(query_text: str) -> str:
    """SELECT, CONSTRUCT, ASK or DESCRIBE: the first such keyword outside comments, strings, IRIs."""
    m = _FORM.search(_SKIPPED.sub(" ", query_text))
    return m.group(1).upper() if m else "SELECT"


ACCEPT = {
    "SELECT": "application/sparql-results+json",
    "ASK": "application/sparql-results+json",
    # Only RDF: asked for JSON too, Virtuoso answers a CONSTRUCT as a table of ?s ?p ?o.
    "CONSTRUCT": "application/n-triples, text/turtle;q=0.9",
    "DESCRIBE": "application/n-triples, text/turtle;q=0.9",
}


def cut_short(endpoint: str, headers: Mapping[str, str] | http.client.HTTPMessage | None, rows: int | None) -> RemoteError | None:
    """An error if the server says it sent only part of the answer (Virtuoso's limits), else None."""
    if headers is None:
        return None
    state = (headers.get("X-SQL-State") or "").strip()
    if state == "S1TAT":  # Virtuoso's "anytime" answer: what it found before its time limit
        return RemoteError(f"{endpoint}: the server stopped the query at its time limit and sent a partial "
                           f"answer ({_one_line(headers.get('X-SQL-Message') or '')}); raise its limit "
                           "(Virtuoso: MaxQueryExecutionTime in [SPARQL] of virtuoso.ini) or narrow the question")
    limit = (headers.get("X-SPARQL-MaxRows") or "").strip()
    if rows is not None and limit.isdigit() and rows >= int(limit):
        return RemoteError(f"{endpoint}: the server sends at most {limit} rows and this answer reached that, "
                           "so it may be cut short; raise the limit (Virtuoso: ResultSetMaxRows in [SPARQL] of "
                           "virtuoso.ini), or narrow the question with --param or LIMIT/OFFSET")
    return None


def run_remote(
    endpoint: str,
    query_text: str,
    params: Params | None = None,
    *,
    user: str | None = None,
    password: str | None = None,
    timeout: float = TIMEOUT,
    insecure: bool = False,
) -> QueryResult:
    """Run SPARQL at a SPARQL 1.1 Protocol endpoint, ``params`` bound as in :func:`kg.workbench.query.run_query`.

    A partial answer (the server's row or time limit) is a :class:`RemoteError`."""
    text = with_prefixes(prepare_query(query_text, params))
    body = urllib.parse.urlencode({"query": text}).encode("utf-8")
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": ACCEPT[query_form(query_text)],
    }
    with Connection(endpoint, user, password, timeout, insecure) as conn:
        endpoint, user = conn.url, conn.user   # the URL without its password; a user it named
        status, content_type, answer = conn.request("POST", "", body, headers)
        answered = conn.last_headers
    if status == 400:
        raise QueryError(f"{endpoint}: the server refused the query ({said(answer, status)}); fix the query")
    if status != 200:
        if status == 401:
            hint = (f"the server refused the user {user} or the password: check --user and ${PASSWORD_VARIABLE}"
                    if user is not None else
                    f"the endpoint needs a user: give --user NAME (password in ${PASSWORD_VARIABLE})")
        else:
            hint = QUERY_HINT
        raise failed(endpoint, status, answer, hint)
    try:
        result = parse_results(answer, content_type)
    except (ValueError, KeyError, SyntaxError) as e:
        raise RemoteError(f"{endpoint}: the answer is not SPARQL results ({_one_line(str(e))}); "
                          f"{QUERY_HINT}") from e
    selected = result.boolean is None and result.triples is None
    problem = cut_short(endpoint, answered, len(result.rows) if selected else None)
    if problem is not None:
        raise problem
    return result
