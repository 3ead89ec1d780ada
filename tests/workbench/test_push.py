"""``kg push`` and ``kg query --endpoint`` against a real Oxigraph server started here.

The server runs in its own process on a free port of 127.0.0.1 with ``--union-default-graph``
(as docs and ``kg push --help`` tell users to run it), is waited for with a deadline, and is
always stopped. The local answers (pyoxigraph over the Turtle of the same build) are the
reference: the pushed graph must answer every saved question the same.
"""
from __future__ import annotations

import shutil
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import cli
from kg.graph.iri import ENTITIES_GRAPH, document_iri
from kg.workbench import graph_store, remote
from kg.workbench.graph_store import GraphStore
from kg.workbench.query import get_saved, list_saved, load_graph, run_query
from kg.workbench.remote import RemoteError, run_remote
from tests.oracles.workbench import digest_challenge
from tests.servers import CHANGED, build, build_changed, build_sample, free_port, recording_store, serving

# a parameter for each saved question that needs one (a person and an organisation of the seeds)
EXAMPLE_PARAMS = {"person": {"name": "Mats Nilsson"}, "mentions": {"org": "sof"}, "evidence": {"name": "Julia Dahl"},
                  "case": {"dnr": "Dnr KS 2019/0045-042"}}
OXIGRAPH = Path(sys.executable).parent / "oxigraph"
OXIGRAPH_BIN = str(OXIGRAPH) if OXIGRAPH.exists() else shutil.which("oxigraph")



@pytest.fixture()
def server(tmp_path: Path) -> Iterator[str]:
    """An empty read-write Oxigraph server; yields its base URL."""
    if OXIGRAPH_BIN is None:
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with serving([OXIGRAPH_BIN, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}",
                  "--union-default-graph"], base + "/query?query=ASK%7B%7D", tmp_path / "oxigraph.log", 30,
                 "the Oxigraph server"):
        yield base


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample minutes built once as N-Quads (a graph per document) and as Turtle."""
    return build_sample(tmp_path_factory.mktemp("push"))


def cell(term) -> str | None:
    """A term as text; a GROUP_CONCAT list ("a; b") sorted, as SPARQL leaves its order open."""
    if term is None:
        return None
    if isinstance(term, ox.Literal) and "; " in term.value:
        return "; ".join(sorted(term.value.split("; ")))
    return str(term)


def rows(result) -> Counter:
    return Counter(tuple(cell(t) for t in row) for row in result.rows)


def graphs(endpoint: str, names: list[str]) -> dict[str, set[str]]:
    """Each graph's triples as the server returns them (GET on the Graph Store)."""
    with GraphStore(endpoint) as gsp:
        return {n: set((gsp.get(n) or b"").decode().splitlines()) for n in names}


def test_push_per_document_then_ask_every_saved_question(server, sample, capsys) -> None:
    code = cli.main(["push", "--endpoint", server + "/store", "--graph", str(sample["nq"]), "--graph-per-document"])
    out = capsys.readouterr().out
    assert code == 0 and "8 named graphs" in out
    local = load_graph(sample["ttl"])
    for q in list_saved():
        params = EXAMPLE_PARAMS[q.name] if q.requires else None   # as kg query needs them
        remote = run_remote(server + "/query", q.text, params)
        assert remote.rows, q.name
        assert rows(remote) == rows(run_query(local, q.text, params)), q.name


def test_kg_query_endpoint_prints_what_the_local_query_prints(server, sample, capsys) -> None:
    assert cli.main(["push", "--endpoint", server + "/store", "--graph", str(sample["nq"]),
                     "--graph-per-document", "-q"]) == 0
    assert cli.main(["query", "meetings", "--endpoint", server + "/query", "--format", "csv"]) == 0
    remote = capsys.readouterr().out
    assert cli.main(["query", "meetings", "--graph", str(sample["ttl"]), "--format", "csv"]) == 0
    assert sorted(remote.splitlines()) == sorted(capsys.readouterr().out.splitlines())


def test_repushing_a_changed_document_replaces_only_its_graph(server, sample, tmp_path) -> None:
    endpoint = server + "/store"
    assert cli.main(["push", "--endpoint", endpoint, "--graph", str(sample["nq"]), "--graph-per-document", "-q"]) == 0
    names = sorted({g.value for g in load_graph(sample["nq"]).named_graphs()})
    assert str(ENTITIES_GRAPH) in names and str(document_iri(CHANGED)) in names
    before = graphs(endpoint, names)

    changed_graph = build_changed(sample["corpus"], tmp_path)
    assert cli.main(["push", "--endpoint", endpoint, "--graph", str(changed_graph),
                     "--graph-per-document", "-q"]) == 0
    after = graphs(endpoint, names)
    assert {n for n in names if before[n] != after[n]} == {str(document_iri(CHANGED))}
    assert any("tacka nej" in line for line in after[str(document_iri(CHANGED))])
    assert not any("tacka ja" in line for line in after[str(document_iri(CHANGED))])
    # What the server answers is what the changed build answers locally.
    build(tmp_path / "minutes", tmp_path / "graph.ttl")
    text = get_saved("decisions").text
    assert rows(run_remote(server + "/query", text)) == rows(run_query(load_graph(tmp_path / "graph.ttl"), text))


def test_push_into_the_default_graph(server, sample, capsys) -> None:
    assert cli.main(["push", "--endpoint", server + "/store", "--graph", str(sample["ttl"])]) == 0
    assert "in the default graph" in capsys.readouterr().out
    with GraphStore(server + "/store") as gsp:
        pushed = set((gsp.get(None) or b"").decode().splitlines())
    local = load_graph(sample["ttl"])
    assert len(pushed) == len(local)
    text = get_saved("presenters").text
    assert rows(run_remote(server + "/query", text)) == rows(run_query(local, text))


def test_per_document_needs_named_graphs(server, sample, capsys) -> None:
    code = cli.main(["push", "--endpoint", server + "/store", "--graph", str(sample["ttl"]), "--graph-per-document"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "has no per-document graphs" in err


def test_a_wrong_endpoint_path_is_one_line_with_the_paths_to_try(server, sample, capsys) -> None:
    code = cli.main(["push", "--endpoint", server + "/data", "--graph", str(sample["ttl"])])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "/store on Oxigraph" in err and "/DATASET/data on Fuseki" in err


def test_no_server_is_one_line(sample, capsys) -> None:
    code = cli.main(["push", "--endpoint", f"http://127.0.0.1:{free_port()}/store", "--graph", str(sample["ttl"])])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "cannot connect" in err and "is the server running" in err
    with pytest.raises(RemoteError):
        run_remote(f"http://127.0.0.1:{free_port()}/query", "ASK {}")


def test_push_in_parts_into_a_named_graph(server, sample, capsys) -> None:
    """--chunk: the first part replaces the graph, the others are POSTed to it."""
    graph = "https://example.org/graph/all"
    local = {q.triple for q in load_graph(sample["ttl"])}
    for chunk in ("1000", "700"):  # pushed twice: the second replaces the first, nothing doubled
        assert cli.main(["push", "--endpoint", server + "/store", "--graph", str(sample["ttl"]),
                         "--named-graph", graph, "--chunk", chunk]) == 0
        assert f"{len(local)} triples in the graph <{graph}>" in capsys.readouterr().out
        with GraphStore(server + "/store") as gsp:
            got = {q.triple for q in ox.parse(gsp.get(graph) or b"", format=ox.RdfFormat.N_TRIPLES)}
        assert got == local


def test_named_graph_is_checked_before_anything_is_sent(sample, capsys) -> None:
    for extra in (["--named-graph", "all"], ["--named-graph", "https://example.org/g", "--graph-per-document"]):
        code = cli.main(["push", "--endpoint", f"http://127.0.0.1:{free_port()}/store", "--graph", str(sample["nq"]), *extra])
        err = capsys.readouterr().err
        assert code == 2 and err.count("\n") == 1 and "--named-graph" in err


def test_digest_authorization_is_rfc_2617s_example(monkeypatch) -> None:
    """The worked example of RFC 2617, section 3.5 (Virtuoso's -auth services use digest)."""
    conn = remote.Connection("http://testrealm.example/dir/index.html", "Mufasa", "Circle Of Life", insecure=True)
    conn._digest = digest_challenge(
        'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", '
        'opaque="5ccc069c403ebaf9f0171e9517f40e41"')
    monkeypatch.setattr(remote.os, "urandom", lambda n: bytes.fromhex("0a4f113b"))
    header = conn._digest_authorization("GET", "/dir/index.html")
    assert header.startswith("Digest ") and 'response="6629fae49393a05397450978507c4ef1"' in header
    assert "nc=00000001" in header and 'cnonce="0a4f113b"' in header and 'opaque="5ccc069c403ebaf9f0171e9517f40e41"' in header
    assert "nc=00000002" in conn._digest_authorization("GET", "/dir/index.html")  # the challenge is reused
    assert digest_challenge('Basic realm="x"') is None


def test_error_pages_become_one_line_and_parts_are_whole_triples() -> None:
    page = (b'<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html>\n  <head>\n    <title>SPARQL Graph Protocol '
            b'request failed</title>\n  </head>\n  <body>\n    <h1>HTTP/1.1 403 Forbidden</h1>\n    <h3>Error 42000</h3>\n'
            b'<xmp>SQ110:SECURITY: Permission denied for delete from DB.DBA.RDF_QUAD (user ID = 107)</xmp></body></html>')
    assert remote.said(page) == "Error 42000: SQ110:SECURITY: Permission denied for delete from DB.DBA.RDF_QUAD (user ID = 107)"
    assert remote.said(b"<html><head><title>x</title></head><body><p>Not &amp; found</p></body></html>") == "Not & found"
    assert remote.said(b"", 404) == "Not Found"
    data = b"".join(b"<a:s> <a:p> \"%d\" .\n" % i for i in range(10))
    parts = list(graph_store.split_lines(data, 3))
    assert [p.count(b"\n") for p in parts] == [3, 3, 3, 1] and b"".join(parts) == data
    assert list(graph_store.split_lines(data, 0)) == [data]


def test_the_query_form_decides_what_is_asked_for() -> None:
    assert remote.query_form("PREFIX ask: <http://x/construct> # DESCRIBE\nSELECT ?s { ?s ?p 'ASK' }") == "SELECT"
    assert remote.query_form("construct { ?s ?p ?o } where { ?s ?p ?o }") == "CONSTRUCT"
    assert remote.query_form(get_saved("presenters").text) == "SELECT"
    assert "json" not in remote.ACCEPT["CONSTRUCT"]


# --- credentials: only after the server's challenge, never in clear to another machine, never printed ---

def _store_url(server, credentials: str = "") -> str:
    return f"http://{credentials}127.0.0.1:{server.server_address[1]}/store"


def _authorizations(server) -> list[str | None]:
    return [headers.get("Authorization") for _, _, headers in server.requests]


@pytest.mark.parametrize("auth", ["basic", "digest"])
def test_credentials_go_only_in_answer_to_the_servers_challenge(auth, sample, monkeypatch, capsys) -> None:
    monkeypatch.setenv(remote.PASSWORD_VARIABLE, "s3cret")
    with recording_store(auth) as server:
        assert cli.main(["push", "--endpoint", _store_url(server), "--graph", str(sample["ttl"]),
                         "--user", "alice", "--chunk", "2000"]) == 0
    sent = _authorizations(server)
    assert sent[0] is None                                  # asked first without credentials
    assert len(sent) >= 3 and all(a is not None and a.lower().startswith(auth) for a in sent[1:])
    assert sent.count(None) == 1                            # the answer is kept for the next parts
    scheme_not_asked = "digest" if auth == "basic" else "basic"
    assert not any(a and a.lower().startswith(scheme_not_asked) for a in sent)
    assert "s3cret" not in "".join(capsys.readouterr())


def test_a_server_that_does_not_ask_gets_no_credentials(sample, monkeypatch) -> None:
    monkeypatch.setenv(remote.PASSWORD_VARIABLE, "s3cret")
    with recording_store(None) as server:
        assert cli.main(["push", "--endpoint", _store_url(server), "--graph", str(sample["ttl"]),
                         "--user", "alice", "-q"]) == 0
    assert server.requests and _authorizations(server) == [None] * len(server.requests)


def test_credentials_in_the_url_are_used_and_never_printed(sample, monkeypatch, capsys) -> None:
    monkeypatch.delenv(remote.PASSWORD_VARIABLE, raising=False)
    with recording_store("basic") as server:
        assert cli.main(["push", "--endpoint", _store_url(server, "alice:s3cret@"), "--graph", str(sample["ttl"]),
                         "--chunk", "2000"]) == 0
        ok = capsys.readouterr()
        assert cli.main(["push", "--endpoint", _store_url(server, "alice:wrong%20pw@"),
                         "--graph", str(sample["ttl"])]) == 2
        refused = capsys.readouterr()
    assert _authorizations(server)[1] == "Basic " + remote.base64.b64encode(b"alice:s3cret").decode()
    assert "pushed" in ok.out and "alice:***@127.0.0.1" in ok.out
    assert refused.err.count("\n") == 1 and "refused the user alice" in refused.err
    # nor when nothing answers
    assert cli.main(["push", "--endpoint", f"http://alice:s3cret@127.0.0.1:{free_port()}/store",
                     "--graph", str(sample["ttl"])]) == 2
    gone = capsys.readouterr()
    for said in (ok, refused, gone):
        assert "s3cret" not in said.out + said.err and "wrong" not in said.out + said.err


@pytest.mark.parametrize("endpoint, extra", [
    ("http://store.example/store", ["--user", "alice"]),
    ("http://alice:s3cret@192.0.2.1/store", []),
])
def test_a_password_over_plain_http_to_another_machine_is_refused(endpoint, extra, sample, monkeypatch, capsys) -> None:
    monkeypatch.setenv(remote.PASSWORD_VARIABLE, "s3cret")
    code = cli.main(["push", "--endpoint", endpoint, "--graph", str(sample["ttl"]), *extra])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "plain http" in err and "https://" in err and "--insecure" in err and "s3cret" not in err


def test_insecure_allows_it_and_loopback_needs_no_leave() -> None:
    assert remote.Connection("http://store.example/store", "alice", "pw", insecure=True).user == "alice"
    assert remote.Connection("https://store.example/store", "alice", "pw").user == "alice"
    for host in ("127.0.0.1", "localhost", "[::1]", "127.1.2.3"):
        assert remote.Connection(f"http://{host}:7878/store", "alice", "pw").user == "alice"
    with pytest.raises(RemoteError, match="give the user once"):
        remote.Connection("https://bob:pw@store.example/store", "alice", "pw")
    assert remote.redacted("http://a%40b:p%3Aw@h:1/x?q") == "http://a%40b:***@h:1/x?q"


def test_query_endpoint_takes_the_same_care(monkeypatch, capsys) -> None:
    monkeypatch.setenv(remote.PASSWORD_VARIABLE, "s3cret")
    assert cli.main(["query", "ASK {}", "--endpoint", "http://sparql.example/sparql", "--user", "alice"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--insecure" in err
    assert cli.main(["query", "ASK {}", "--endpoint", f"http://alice:s3cret@127.0.0.1:{free_port()}/sparql"]) == 2
    assert "s3cret" not in capsys.readouterr().err
