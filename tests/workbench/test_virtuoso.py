"""``kg push`` and ``kg query --endpoint`` against a throwaway Virtuoso (Debian: virtuoso-opensource).

One Virtuoso per module runs from a fresh database in a temporary directory, on free ports of
127.0.0.1 (ISQL and HTTP), in the foreground, without the init system; it is waited for with a
deadline and always stopped. As the docs tell users: the anonymous user ``SPARQL`` is granted
``SPARQL_UPDATE`` (with ``isql-vt``) so ``/sparql-graph-crud`` takes writes, and
``/sparql-graph-crud-auth`` is used as ``dba`` with HTTP digest authentication.

The local answers (pyoxigraph over the Turtle of the same build) are the reference. Virtuoso
formats two things differently, and only those are normalised (see :func:`cell`):

* booleans: Virtuoso has no boolean type in its results; ``true``, ``false`` and comparisons
  such as ``(MAX(?claim) = 1 AS ?stated)`` in ``collaborations`` come back as ``1``/``0``
  typed ``xsd:integer`` (or ``xsd:boolean`` "1"/"0" from ``STRDT``), so ``true``/``false`` are
  compared as 1/0;
* ``GROUP_CONCAT`` over a group with no values (``presenters``' organisations and ``items``'
  presenters where none is known) is the empty string on Virtuoso and unbound on Oxigraph (the
  CSV shows both as an empty cell), so an empty string is compared as unbound.

Besides, the order of a ``GROUP_CONCAT`` list and of rows that tie in ``ORDER BY`` is left open
by SPARQL, so lists are compared sorted and rows as multisets. Numbers, dates and strings needed
no normalising: they come back in the same form.
"""
from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import cli
from kg.graph.iri import ENTITIES_GRAPH, document_iri
from kg.workbench.graph_store import GraphStore
from kg.workbench.query import get_saved, list_saved, load_graph, run_query
from kg.workbench.remote import RemoteError, run_remote
from tests.servers import CHANGED, build, build_changed, build_sample, free_port, serving
from tests.workbench.test_push import EXAMPLE_PARAMS

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")
# The instance's ResultSetMaxRows (Debian's default is 10,000). It also cuts Graph Store GETs and
# CONSTRUCT answers, silently: keep it above the test corpus's triples (about 16,000: the samples and
# two protokoll with votes and cases, with the evidence of every fact).
MAX_ROWS = 100_000
XSD = "http://www.w3.org/2001/XMLSchema#"

pytestmark = pytest.mark.skipif(
    VIRTUOSO is None or ISQL is None,
    reason="Virtuoso (virtuoso-t and isql-vt, Debian package virtuoso-opensource) is not installed",
)

INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{isql}
DisableUnixSocket = 1
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}/vsp
ServerThreads = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh Virtuoso whose anonymous SPARQL user may write; yields its base URL."""
    d = tmp_path_factory.mktemp("virtuoso")
    (d / "vsp").mkdir()
    isql_port, http_port = free_port(), free_port()
    (d / "virtuoso.ini").write_text(INI.format(d=d, isql=isql_port, http=http_port, max_rows=MAX_ROWS))
    base = f"http://127.0.0.1:{http_port}"
    with serving([VIRTUOSO, "+foreground", "+configfile", str(d / "virtuoso.ini")], base + "/sparql?query=ASK%7B%7D",
                 d / "console.log", 120, "Virtuoso", cwd=d):
        grant = subprocess.run([ISQL, f"127.0.0.1:{isql_port}", "dba", "dba",
                                'exec=grant SPARQL_UPDATE to "SPARQL";'],
                               capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
        assert grant.returncode == 0 and "Error" not in grant.stdout, grant.stdout + grant.stderr
        yield base


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample minutes built once as N-Quads (a graph per document) and as Turtle."""
    return build_sample(tmp_path_factory.mktemp("push-virtuoso"))


@pytest.fixture()
def pushed(virtuoso, sample) -> str:
    """The sample pushed with a graph per document (again: a test may have changed one)."""
    assert cli.main(["push", "--endpoint", virtuoso + "/sparql-graph-crud", "--graph", str(sample["nq"]),
                     "--graph-per-document", "-q"]) == 0
    return virtuoso


def cell(term) -> str | None:
    """A term as compared; the normalisations are those the module's docstring explains."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype == XSD + "boolean" or (datatype == XSD + "integer" and term.value in ("0", "1")):
            # true/false and Virtuoso's 1/0 alike; an integer 0 or 1 elsewhere stays itself
            # because the column is typed the same on both sides.
            return {"true": "1", "false": "0"}.get(term.value, term.value) + "^^bool-or-int"
        if term.value == "" and datatype == XSD + "string":
            return None  # GROUP_CONCAT of nothing: "" on Virtuoso, unbound on Oxigraph
        if "; " in term.value:
            return "; ".join(sorted(term.value.split("; ")))
    return str(term)


def rows(result) -> Counter:
    return Counter(tuple(cell(t) for t in row) for row in result.rows)


def triples(endpoint: str, names: list[str]) -> dict[str, set[ox.Triple]]:
    """Each graph's triples as the server returns them (GET on the Graph Store), parsed: Virtuoso
    writes N-Triples with tabs, in its own order."""
    with GraphStore(endpoint) as gsp:
        return {n: {q.triple for q in ox.parse(gsp.get(n) or b"", format=ox.RdfFormat.N_TRIPLES)} for n in names}


def test_every_saved_question_answers_as_locally(pushed, sample) -> None:
    local = load_graph(sample["ttl"])
    for q in list_saved():
        params = EXAMPLE_PARAMS[q.name] if q.requires else None   # as kg query needs them
        remote = run_remote(pushed + "/sparql", q.text, params)
        here = run_query(local, q.text, params)
        assert remote.rows, q.name
        assert remote.vars == here.vars, q.name
        assert rows(remote) == rows(here), q.name


def test_the_pushed_graphs_are_the_built_ones(pushed, sample) -> None:
    source = load_graph(sample["nq"])
    names = sorted(g.value for g in source.named_graphs())
    assert len(names) == 8   # five samples, two protokoll with votes and cases, the entities
    got = triples(pushed + "/sparql-graph-crud", names)
    for name in names:
        assert got[name] == {q.triple for q in source.quads_for_pattern(None, None, None, ox.NamedNode(name))}, name


def test_kg_query_endpoint_prints_what_the_local_query_prints(pushed, sample, capsys) -> None:
    capsys.readouterr()
    for question in ("meetings", "decisions"):
        assert cli.main(["query", question, "--endpoint", pushed + "/sparql", "--format", "csv"]) == 0
        remote = capsys.readouterr().out
        assert cli.main(["query", question, "--graph", str(sample["ttl"]), "--format", "csv"]) == 0
        assert sorted(remote.splitlines()) == sorted(capsys.readouterr().out.splitlines()), question


def test_construct_and_ask_come_back_as_triples_and_a_boolean(pushed, sample) -> None:
    # Asked for JSON as well, Virtuoso would answer a CONSTRUCT as a table of ?s ?p ?o.
    text = "CONSTRUCT { ?m dcterms:date ?d } WHERE { ?m a mg:Meeting ; dcterms:date ?d }"
    remote = run_remote(pushed + "/sparql", text)
    assert remote.triples and set(remote.triples) == set(run_query(load_graph(sample["ttl"]), text).triples)
    assert run_remote(pushed + "/sparql", "ASK { ?m a mg:Meeting }").boolean is True
    assert run_remote(pushed + "/sparql", "ASK { ?m a mg:Nothing }").boolean is False


def test_an_answer_cut_at_the_row_limit_is_an_error(pushed) -> None:
    pairs = "SELECT ?a ?b WHERE { ?a a mg:AgendaItem . ?b a ?class }"  # more than MAX_ROWS rows
    with pytest.raises(RemoteError, match="ResultSetMaxRows"):
        run_remote(pushed + "/sparql", pairs)
    assert len(run_remote(pushed + "/sparql", f"{pairs} LIMIT {MAX_ROWS - 1}").rows) == MAX_ROWS - 1


def test_repushing_a_changed_document_replaces_only_its_graph(pushed, sample, tmp_path) -> None:
    endpoint = pushed + "/sparql-graph-crud"
    names = sorted({g.value for g in load_graph(sample["nq"]).named_graphs()})
    assert str(ENTITIES_GRAPH) in names and str(document_iri(CHANGED)) in names
    before = triples(endpoint, names)

    changed_graph = build_changed(sample["corpus"], tmp_path)
    assert cli.main(["push", "--endpoint", endpoint, "--graph", str(changed_graph),
                     "--graph-per-document", "-q"]) == 0
    after = triples(endpoint, names)
    changed = str(document_iri(CHANGED))
    assert {n for n in names if before[n] != after[n]} == {changed}
    words = [t.object.value for t in after[changed] if isinstance(t.object, ox.Literal)]
    assert any("tacka nej" in w for w in words) and not any("tacka ja" in w for w in words)
    # What the server answers is what the changed build answers locally.
    build(tmp_path / "minutes", tmp_path / "graph.ttl")
    question = get_saved("decisions").text
    assert rows(run_remote(pushed + "/sparql", question)) == rows(run_query(load_graph(tmp_path / "graph.ttl"), question))


def test_push_with_digest_authentication_and_in_parts(virtuoso, sample, monkeypatch, capsys) -> None:
    """/sparql-graph-crud-auth as dba (digest), the whole graph into one named graph in parts."""
    endpoint = virtuoso + "/sparql-graph-crud-auth"
    graph = "https://example.org/graph/all"
    monkeypatch.setenv("KG_PUSH_PASSWORD", "dba")
    try:
        assert cli.main(["push", "--endpoint", endpoint, "--graph", str(sample["ttl"]), "--named-graph", graph,
                         "--chunk", "1000", "--user", "dba"]) == 0
        assert f"in the graph <{graph}>" in capsys.readouterr().out
        local = {q.triple for q in load_graph(sample["ttl"])}
        assert triples(virtuoso + "/sparql-graph-crud", [graph])[graph] == local
    finally:
        with GraphStore(virtuoso + "/sparql-graph-crud") as gsp:
            gsp.delete(graph)  # the store's queries see every graph: leave only the per-document ones
    monkeypatch.setenv("KG_PUSH_PASSWORD", "wrong")
    code = cli.main(["push", "--endpoint", endpoint, "--graph", str(sample["ttl"]), "--named-graph", graph,
                     "--user", "dba"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "refused the user dba" in err


def test_the_default_graph_is_one_line_saying_what_to_use(virtuoso, sample, capsys) -> None:
    code = cli.main(["push", "--endpoint", virtuoso + "/sparql-graph-crud", "--graph", str(sample["ttl"])])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "no default graph" in err and "--named-graph" in err and "<" not in err  # no HTML


def test_a_refused_write_is_one_line_saying_how_to_allow_it(virtuoso, sample, capsys) -> None:
    code = cli.main(["push", "--endpoint", virtuoso + "/sparql-graph-crud-auth", "--graph", str(sample["nq"]),
                     "--graph-per-document"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "SPARQL_UPDATE" in err and "--user" in err


def test_query_with_digest_authentication(pushed, monkeypatch, capsys) -> None:
    """kg query --endpoint .../sparql-auth --user dba: the password comes from KG_PUSH_PASSWORD."""
    monkeypatch.setenv("KG_PUSH_PASSWORD", "dba")
    assert cli.main(["query", "meetings", "--endpoint", pushed + "/sparql-auth", "--user", "dba",
                     "--format", "csv"]) == 0
    assert capsys.readouterr().out.count("\n") == 1 + 7          # header and the seven meetings
    monkeypatch.setenv("KG_PUSH_PASSWORD", "wrong")
    code = cli.main(["query", "meetings", "--endpoint", pushed + "/sparql-auth", "--user", "dba"])
    err = capsys.readouterr().err
    assert code != 0 and err.count("\n") == 1 and "refused the user dba" in err
    monkeypatch.delenv("KG_PUSH_PASSWORD")
    code = cli.main(["query", "meetings", "--endpoint", pushed + "/sparql-auth"])
    err = capsys.readouterr().err
    assert code != 0 and err.count("\n") == 1 and "give --user" in err
