"""The on-disk store: ``kg build --store DIR`` writes it, ``kg query --store`` and ``kg serve --store`` use it.

The reference is the Turtle file the same build writes: every saved question must give the same
rows on the store (one named graph per document, queried as their union) as on that file.
"""
from __future__ import annotations

import csv
import io
import shutil
import socket
import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import cli
from kg.graph.iri import ENTITIES_GRAPH, document_iri
from kg.graph.store import MANIFEST, StoreError, is_store, open_store
from kg.workbench.query import get_saved, list_saved, load_graph, run_query

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
CHANGED = "000_72be01b0eb7bbc95.txt"  # holds "Ledningsgruppen tog beslut om att vi kommer tacka ja"


def build(capsys, corpus: Path, out: Path, store: Path) -> tuple[int, str, str]:
    code = cli.main(["build", str(corpus), "--out", str(out), "--store", str(store)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def cell(term) -> str | None:
    """A term as text; a GROUP_CONCAT list ("a; b") in sorted order, which SPARQL leaves open."""
    if term is None:
        return None
    if isinstance(term, ox.Literal) and "; " in term.value:
        return "; ".join(sorted(term.value.split("; ")))
    return str(term)


def answers(store: ox.Store, question: str, **params: str) -> Counter:
    """Rows as a multiset: the same rows the same number of times, whatever their order among ties."""
    result = run_query(store, get_saved(question).text, params)
    return Counter(tuple(cell(t) for t in row) for row in result.rows)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("store")
    corpus = work / "minutes"
    shutil.copytree(SEEDS, corpus)
    code = cli.main(["build", str(corpus), "--out", str(work / "graph.ttl"), "--store", str(work / "store"), "-q"])
    assert code == 0
    return {"work": work, "corpus": corpus, "ttl": work / "graph.ttl", "store": work / "store"}


def test_build_writes_a_store_with_a_graph_per_document(built) -> None:
    assert is_store(built["store"]) and (built["store"] / MANIFEST).is_file()
    store = open_store(built["store"])
    names = {g.value for g in store.named_graphs()}
    expected = {str(document_iri(p.name)) for p in SEEDS.glob("*.txt")} | {str(ENTITIES_GRAPH)}
    assert names == expected
    assert not list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


@pytest.mark.parametrize("question", [q.name for q in list_saved()])
def test_every_saved_question_answers_the_same_on_the_store(built, question) -> None:
    assert answers(open_store(built["store"]), question) == answers(load_graph(built["ttl"]), question)


@pytest.mark.parametrize(("question", "params"), [("person", {"name": "Mats Nilsson"}), ("mentions", {"org": "SOF"}),
                                                   ("items", {"text": "ekonomi"})])
def test_questions_with_parameters_answer_the_same_on_the_store(built, question, params) -> None:
    on_store = answers(open_store(built["store"]), question, **params)
    assert on_store and on_store == answers(load_graph(built["ttl"]), question, **params)


def test_kg_query_store_option(built, capsys) -> None:
    code = cli.main(["query", "presenters", "--store", str(built["store"]), "--format", "csv"])
    from_store = capsys.readouterr().out
    code_ttl = cli.main(["query", "presenters", "--graph", str(built["ttl"]), "--format", "csv"])
    from_file = capsys.readouterr().out
    assert code == code_ttl == 0
    assert "Mats Nilsson" in from_store

    def rows(text: str) -> list[tuple[str, ...]]:
        return sorted(tuple("; ".join(sorted(c.split("; "))) for c in r) for r in csv.reader(io.StringIO(text)))

    assert rows(from_store) == rows(from_file)


def test_kg_query_on_a_missing_store_is_one_line(tmp_path, capsys) -> None:
    code = cli.main(["query", "presenters", "--store", str(tmp_path / "nowhere")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "no store there; write one with kg build" in err


def test_a_changed_document_replaces_only_its_graph(tmp_path, capsys) -> None:
    corpus = tmp_path / "minutes"
    shutil.copytree(SEEDS, corpus)
    out, store_dir = tmp_path / "graph.ttl", tmp_path / "store"
    assert build(capsys, corpus, out, store_dir)[0] == 0

    def graph_contents() -> dict[str, set[str]]:
        store = open_store(store_dir)
        return {g.value: {str(q.triple) for q in store.quads_for_pattern(None, None, None, g)}
                for g in store.named_graphs()}

    before = graph_contents()
    text = (corpus / CHANGED).read_text(encoding="utf-8")
    assert "tacka ja" in text
    (corpus / CHANGED).write_text(text.replace("tacka ja", "tacka nej"), encoding="utf-8")
    code, stdout, _ = build(capsys, corpus, out, store_dir)
    assert code == 0
    assert "1 replaced" in stdout and "0 removed" in stdout
    after = graph_contents()
    changed = {g for g in before if before[g] != after.get(g)}
    assert changed == {str(document_iri(CHANGED))}
    assert any("tacka nej" in t for t in after[str(document_iri(CHANGED))])
    # The store answers as the Turtle of the same (incremental) build does.
    for question in ("decisions", "presenters", "meetings"):
        assert answers(open_store(store_dir), question) == answers(load_graph(out), question)

    # A deleted document's graph is gone.
    (corpus / "004_a073afec584fb315.txt").unlink()
    code, stdout, _ = build(capsys, corpus, out, store_dir)
    assert code == 0 and "1 removed" in stdout
    assert str(document_iri("004_a073afec584fb315.txt")) not in graph_contents()
    assert answers(open_store(store_dir), "decisions") == answers(load_graph(out), "decisions")


def test_a_folder_that_is_no_store_is_left_alone(tmp_path, capsys) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = build(capsys, SEEDS, tmp_path / "graph.ttl", other)
    assert code == 2 and err.count("\n") == 1
    assert "holds something other than a store kg build wrote" in err
    assert (other / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_the_public_api_writes_a_dataset_into_a_store_as_kg_build_does(built, tmp_path) -> None:
    """kg.build_dataset + kg.write_store (a notebook's way) give the store kg build --store wrote."""
    import kg

    result = kg.build([built["corpus"]])
    kg.write_store(kg.build_dataset(result.extractions, result.resolution), tmp_path / "store")
    mine, theirs = open_store(tmp_path / "store"), open_store(built["store"])
    assert {g.value for g in mine.named_graphs()} == {g.value for g in theirs.named_graphs()}
    assert set(mine) == set(theirs) and len(mine) > 1000


def test_write_store_needs_named_graphs(tmp_path) -> None:
    from rdflib import Graph

    from kg.graph.store_writer import write_store

    with pytest.raises(TypeError):
        write_store(Graph(), tmp_path / "store")
    with pytest.raises(StoreError):
        open_store(tmp_path / "store")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(not (Path(sys.executable).parent / "oxigraph").exists() and not shutil.which("oxigraph"),
                    reason="the oxigraph server (pip install oxigraph) is not installed")
def test_kg_serve_serves_the_store_kg_build_wrote(built) -> None:
    from kg.workbench import serve
    from kg.workbench.remote import run_remote

    with serve.start(None, store=built["store"], port=_free_port()) as server:
        remote = run_remote(server.endpoint, get_saved("presenters").text)
        local = run_query(load_graph(built["ttl"]), get_saved("presenters").text)
        assert Counter(tuple(map(cell, r)) for r in remote.rows) == Counter(tuple(map(cell, r)) for r in local.rows)
        assert len(remote.rows) > 0


# ------------------------------------------------------------------ a store in use is locked (issue 19)

@pytest.mark.skipif(not (Path(sys.executable).parent / "oxigraph").exists() and not shutil.which("oxigraph"),
                    reason="the oxigraph server (pip install oxigraph) is not installed")
def test_building_into_a_served_store_is_refused_in_one_line(built, capsys) -> None:
    from kg.workbench import serve

    with serve.start(None, store=built["store"], port=_free_port()):
        code, out, err = build(capsys, built["corpus"], built["work"] / "again.ttl", built["store"])
        assert code == 2 and not (built["work"] / "again.ttl").exists()
        assert err.count("\n") == 1 and err.startswith(f"kg: error: {built['store']}: in use")
        assert "kg serve" in err and "pid" in err
        with serve.start(None, store=built["store"], port=_free_port()):   # a second reader is fine
            pass
    code, _, _ = build(capsys, built["corpus"], built["work"] / "again.ttl", built["store"])
    assert code == 0   # free once the server stopped


def test_a_store_being_built_is_refused_and_a_dead_holder_does_not_lock(built, capsys) -> None:
    from kg.graph.store import StoreLock

    with StoreLock(built["store"]):               # another build writes it
        code, _, err = build(capsys, built["corpus"], built["work"] / "again.ttl", built["store"])
        assert code == 2 and "in use" in err
        with pytest.raises(StoreError, match="in use"):
            StoreLock(built["store"], shared=True).acquire()
    lock_file = built["store"].parent / f".{built['store'].name}.lock"
    lock_file.write_text("999999999\n")           # left by a holder that was killed
    code, _, _ = build(capsys, built["corpus"], built["work"] / "again.ttl", built["store"])
    assert code == 0


# --- a build killed while putting its store and graph file in place ---

def _two_builds(tmp_path: Path):
    """A store and graph file of an old build, and a new build prepared beside them."""
    from kg.graph.store_writer import StoreWriter

    store, out = tmp_path / "S", tmp_path / "G.nt"
    writer = StoreWriter(store)
    writer.write_ntriples("http://x/g1", b'<http://x/a> <http://x/p> "old" .\n')
    writer.close()
    out.write_text("old\n")
    writer = StoreWriter(store)
    writer.write_ntriples("http://x/g1", b'<http://x/a> <http://x/p> "new" .\n')
    work, _ = writer.prepare()
    out_tmp = tmp_path / ".G.nt.kg-999999999-abc"   # a pid no process has
    out_tmp.write_text("new\n")
    return store, out, work, out_tmp


def _value(store: Path) -> str:
    s = ox.Store.read_only(str(store))
    try:
        return next(iter(s)).object.value
    finally:
        del s


def test_a_commit_cut_after_the_store_is_finished_by_the_next_build(tmp_path, monkeypatch) -> None:
    from kg.graph import store_commit as kg_store

    store, out, work, out_tmp = _two_builds(tmp_path)
    real_replace = kg_store.os.replace

    def killed_at_the_graph_file(a, b):
        if Path(b) == out:
            raise KeyboardInterrupt   # stands for the kill: nothing after it runs
        real_replace(a, b)

    monkeypatch.setattr(kg_store.os, "replace", killed_at_the_graph_file)
    with pytest.raises(KeyboardInterrupt):
        kg_store.commit(work, store, out_tmp, out)
    monkeypatch.undo()
    assert _value(store) == "new" and out.read_text() == "old\n"   # the moment between the two
    kg_store.recover(store)
    assert _value(store) == "new" and out.read_text() == "new\n"
    assert not out_tmp.exists() and not (tmp_path / ".S.kg-commit").exists()


def test_a_commit_cut_before_the_store_is_undone_by_the_next_build(tmp_path, monkeypatch) -> None:
    from kg.graph import store_commit as kg_store

    store, out, work, out_tmp = _two_builds(tmp_path)

    def killed(a, b):
        raise KeyboardInterrupt

    monkeypatch.setattr(kg_store, "_exchange", killed)
    with pytest.raises(KeyboardInterrupt):
        kg_store.commit(work, store, out_tmp, out)
    monkeypatch.undo()
    kg_store.recover(store)
    assert _value(store) == "old" and out.read_text() == "old\n"
    assert not out_tmp.exists() and not (tmp_path / ".S.kg-commit").exists()


def test_the_next_build_removes_what_killed_builds_left(tmp_path) -> None:
    from kg.graph.store_commit import recover

    (tmp_path / "S").mkdir()
    left = [tmp_path / ".S.kg-999999999-x1y2.nq", tmp_path / ".S.kg-999999999-abcd", tmp_path / ".S.old",
            tmp_path / ".S.k3j_x9a0"]
    kept = [tmp_path / ".S.lock", tmp_path / ".S2.kg-999999999-zz", tmp_path / f".S.kg-{__import__('os').getpid()}-mine"]
    for p in left[:1] + kept:
        p.write_text("x")
    for p in left[1:]:
        p.mkdir()
    assert recover(tmp_path / "S") == len(left)
    assert [p for p in left if p.exists()] == [] and all(p.exists() for p in kept)
