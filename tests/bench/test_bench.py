"""The benchmark (``kg bench``, ``python -m bench``): its own logic on stand-in stages, and for real."""
from __future__ import annotations

import json
import re
from importlib.metadata import EntryPoint
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.namespace import RDFS

from bench import children, run, synth
from bench.__main__ import main as bench_main
from bench.report import format_table
from kg import cli
from kg.cli import main
from kg.graph.chunk import Chunk
from kg.graph.export import ChunkWriter

REQUIRED = {"docs", "words", "seconds", "words_per_s", "tokenizer_words_per_s", "peak_rss_mb", "triples",
            "turtle_export_s", "pyoxigraph_turtle_export_s", "questions"}


# Stand-in stages: module level so that --jobs can pickle them into worker processes.
def fake_process(doc):
    return (doc.identifier, len(doc.text.split()))


def fake_resolve(extractions):
    return {name: words for name, words in extractions}


def fake_build(extractions, resolution):
    label, comment = ox.NamedNode(str(RDFS.label)), ox.NamedNode(str(RDFS.comment))
    for name, _words in extractions:
        node = ox.NamedNode(f"https://w3id.org/motesgraf/id/doc/{name}")
        yield Chunk(node.value, (ox.Triple(node, label, ox.Literal(name)),
                                 ox.Triple(node, comment, ox.Literal(str(resolution[name])))))


def fake_writer(path):
    return ChunkWriter(path, "turtle")


FAKE = run.Stages(fake_process, fake_resolve, fake_build, fake_writer)
ROOT = Path(__file__).resolve().parents[2]


def declared_commands() -> list[EntryPoint]:
    """The ``kg.commands`` entry points pyproject.toml declares (``name = "module"`` lines of its table)."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    table = text.split(f'[project.entry-points."{cli.PLUGIN_GROUP}"]\n', 1)[1].split("\n[", 1)[0]
    return [EntryPoint(name, value, cli.PLUGIN_GROUP) for name, value in re.findall(r'^(\w+) = "([\w.:]+)"$', table, re.M)]


@pytest.fixture(autouse=True)
def kg_commands(monkeypatch):
    """``kg``'s plugin commands as an install of this checkout has them (pyproject.toml's entry
    points): the environment's metadata may be an older install's."""
    monkeypatch.setattr(cli, "entry_points", lambda group: [p for p in declared_commands() if p.group == group])


def test_bench_adds_kg_bench_through_an_entry_point():
    assert [(p.name, p.value) for p in declared_commands()] == [("bench", "bench.cli")]
    assert cli.all_commands()["bench"] == ("bench.cli", "time every pipeline stage on a synthetic corpus of "
                                                        "N documents (table or JSON)")
    assert "bench" not in cli.COMMANDS   # kg names no module of bench


def test_without_the_entry_point_kg_bench_says_how_to_get_it(monkeypatch, capsys):
    monkeypatch.setattr(cli, "entry_points", lambda group: [])
    assert main(["bench", "--docs", "2"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kg: error: bench: the benchmark is a development tool") and "pip install -e ." in err
    assert err.count("\n") == 1


def test_a_plugin_that_cannot_be_imported_leaves_the_other_commands(monkeypatch, capsys):
    broken = EntryPoint("broken", "no_such_module_of_kg_commands", cli.PLUGIN_GROUP)
    monkeypatch.setattr(cli, "entry_points", lambda group: [broken])
    assert "cannot be imported" in cli.all_commands()["broken"][1]
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    assert "broken" in capsys.readouterr().out


def test_kg_bench_has_help(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["bench", "--help"])
    assert exit_info.value.code == 0
    assert "usage: kg bench" in capsys.readouterr().out


def test_python_m_bench_prints_the_table(monkeypatch, capsys):
    monkeypatch.setattr(run, "load_stages", lambda: FAKE)
    assert bench_main(["--docs", "3", "--repeats", "1"]) == 0
    assert capsys.readouterr().out.startswith("kg bench: 3 documents, ")


def test_python_m_bench_says_a_missing_stage_in_one_line(monkeypatch, capsys):
    def missing():
        raise ModuleNotFoundError("No module named 'kg.extract'")

    monkeypatch.setattr(run, "load_stages", missing)
    assert bench_main(["--docs", "2"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("bench: error: bench: ") and "kg.extract" in err and "\n" not in err


def saved_question_names() -> list[str]:
    from kg.workbench.query import list_saved

    return [q.name for q in list_saved()]


@pytest.fixture(scope="module")
def fake_run():
    return run.run_bench(4, seed=2, repeats=1, stages=FAKE)


def test_result_has_the_required_keys(fake_run):
    assert REQUIRED <= set(fake_run)


def test_counts_come_from_the_corpus(fake_run):
    truths = [tr for _, _, tr in synth.generate_corpus_with_truth(4, seed=2)]
    assert fake_run["docs"] == 4
    assert fake_run["words"] == sum(tr["words"] for tr in truths)
    assert fake_run["triples"] == 2 * 4            # two triples per document from fake_build


def test_times_add_up(fake_run):
    stages = fake_run["stages"]
    assert list(stages) == list(run.STAGES)
    assert all(v >= 0 for v in stages.values())
    assert fake_run["seconds"] == pytest.approx(sum(stages.values()), abs=1e-5)
    assert fake_run["turtle_export_s"] == stages["turtle_export"]
    assert fake_run["words_per_s"] == pytest.approx(fake_run["words"] / fake_run["seconds"], rel=1e-3)


def test_reference_figures_are_measured(fake_run):
    assert fake_run["tokenizer_words_per_s"] > 0
    assert fake_run["tokens"] >= fake_run["words"]   # spaCy splits punctuation off words
    assert fake_run["pyoxigraph_load_s"] > 0
    assert fake_run["pyoxigraph_turtle_export_s"] > 0
    assert fake_run["peak_rss_mb"] > 10


def test_every_saved_question_is_timed_both_ways(fake_run):
    assert list(fake_run["questions"]) == sorted(saved_question_names())
    for timing in fake_run["questions"].values():
        assert timing["median_s"] >= 0 and timing["pyoxigraph_median_s"] >= 0
        assert timing["rows"] == 0                    # the stand-in graph has no meetings


def test_parallel_extraction_gives_the_same_graph():
    one = run.run_bench(5, seed=1, jobs=1, repeats=1, stages=FAKE)
    two = run.run_bench(5, seed=1, jobs=2, repeats=1, stages=FAKE)
    assert (one["docs"], one["words"], one["triples"]) == (two["docs"], two["words"], two["triples"])
    assert two["peak_rss_children_mb"] is not None and one["peak_rss_children_mb"] is None


def test_cli_json_prints_one_object(monkeypatch, capsys):
    monkeypatch.setattr(run, "load_stages", lambda: FAKE)
    assert main(["bench", "--docs", "3", "--json", "--repeats", "1"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert REQUIRED <= set(result)
    assert result["docs"] == 3


def test_cli_table_lists_every_stage_in_order(monkeypatch, capsys):
    monkeypatch.setattr(run, "load_stages", lambda: FAKE)
    assert main(["bench", "--docs", "3", "--repeats", "1"]) == 0
    out = capsys.readouterr().out
    labels = [run.STAGE_LABELS[s] for s in run.STAGES] + ["total", "spaCy blank(sv) tokenizer only",
                                                              "pyoxigraph load Turtle", "pyoxigraph dump Turtle"]
    positions = [out.index("\n" + label + " ") for label in labels]
    assert positions == sorted(positions)
    assert out.startswith("kg bench: 3 documents, ")
    assert "peak RSS" in out


def test_table_layout():
    result = {
        "docs": 2, "seed": 0, "jobs": 1, "repeats": 3, "words": 1236, "generate_s": 0.01,
        "stages": {"read": 0.5, "segment_extract": 2.0, "resolve": 0.25, "build": 1.0, "turtle_export": 0.25},
        "seconds": 4.0, "words_per_s": 309.0, "extract_words_per_s": 617.0,
        "tokenizer_s": 0.1, "tokenizer_words_per_s": 12340.0, "pyoxigraph_load_s": 0.02,
        "pyoxigraph_turtle_export_s": 0.01, "questions": {"meetings": {"median_s": 0.0123, "pyoxigraph_median_s": 0.01, "rows": 2}},
        "triples": 5000, "turtle_bytes": 2_500_000, "peak_rss_mb": 321.4, "peak_rss_children_mb": None,
        "peak_rss_with_references_mb": 900.2,
    }
    lines = format_table(result).splitlines()
    assert lines[0].startswith("kg bench: 2 documents, 1,236 words, seed 0, 1 job ")
    assert re.fullmatch(r"segment \+ extract +2\.000 +617", lines[4])
    assert re.fullmatch(r"total +4\.000 +309", lines[8])          # 1236 words / 4 s, rounded
    assert re.fullmatch(r"spaCy blank\(sv\) tokenizer only +0\.100 +12,340", lines[11])
    assert re.fullmatch(r"meetings +0\.0123 +0\.0100 +2", lines[16])
    assert lines[-2] == "graph: 5,000 triples, Turtle 2.5 MB"
    assert lines[-1].startswith("peak RSS: 321 MB building (")
    assert lines[-1].endswith("; 900 MB with the reference pyoxigraph store")
    assert format_table(result) == format_table(dict(result))


def test_loading_the_pipeline_is_shown_apart_and_not_counted():
    result = {
        "docs": 2, "seed": 0, "jobs": 1, "repeats": 3, "words": 1236, "generate_s": 0.01,
        "stages": {"read": 0.5, "segment_extract": 2.0, "resolve": 0.25, "build": 1.0, "turtle_export": 0.25},
        "load_pipeline_s": 0.75, "seconds": 4.0, "words_per_s": 309.0, "extract_words_per_s": 617.0,
        "tokenizer_s": 0.1, "tokenizer_words_per_s": 12340.0, "pyoxigraph_load_s": 0.02,
        "pyoxigraph_turtle_export_s": 0.01, "questions": {}, "triples": 5000, "turtle_bytes": 2_500_000,
        "peak_rss_mb": 321.4, "peak_rss_children_mb": None, "peak_rss_with_references_mb": 900.2,
    }
    lines = format_table(result).splitlines()
    assert re.fullmatch(r"total +4\.000 +309", lines[8])
    assert re.fullmatch(r"load \+ warm up pipeline, not counted +0\.750 +\(once per process.*", lines[9])


def test_stand_in_stages_load_nothing(fake_run):
    assert fake_run["load_pipeline_s"] is None
    assert fake_run["seconds"] == pytest.approx(sum(fake_run["stages"].values()), abs=1e-5)


def test_missing_stage_is_one_error_line(monkeypatch, capsys):
    def missing():
        raise ModuleNotFoundError("No module named 'kg.extract'")

    monkeypatch.setattr(run, "load_stages", missing)
    assert main(["bench", "--docs", "2"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("kg: error: bench: ") and "kg.extract" in err and "\n" not in err


@pytest.mark.parametrize("argv", [["bench", "--docs", "0"], ["bench", "--repeats", "0"], ["bench", "--docs", "x"]])
def test_bad_numbers_are_usage_errors(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2


def test_real_pipeline_on_a_small_corpus():
    result = run.run_bench(4, seed=0, repeats=1)
    assert REQUIRED <= set(result)
    assert result["docs"] == 4 and result["triples"] > 100
    assert result["load_pipeline_s"] > 0 and "pipeline, not counted" in format_table(result)
    assert result["seconds"] == pytest.approx(sum(result["stages"].values()), abs=1e-5)   # (load not in it)
    inc = result["incremental"]   # kg build of 3 documents with a cache, then of all 4
    assert inc["clean_s"] > 0 and inc["one_added_s"] > 0 and abs(inc["ratio"] - inc["one_added_s"] / inc["clean_s"]) < 0.01
    assert inc["clean_peak_rss_mb"] > 50 and inc["one_added_peak_rss_mb"] > 50   # Python with spaCy and rdflib
    assert "of a clean build" in format_table(result)
    store = result["store"]        # kg build --store of all 4, no cache
    assert store["seconds"] > 0 and 50 < store["peak_rss_mb"] < store["limit_mb"]
    assert "store build (kg build --store" in format_table(result)
    assert list(result["questions"]) == sorted(saved_question_names())
    assert sum(q["rows"] for q in result["questions"].values()) > 0
    from kg.workbench.query import list_saved

    for q in list_saved():
        if q.requires:   # asked about someone or something of the corpus, and answered
            assert set(result["questions"][q.name]["params"]) <= set(q.requires), q.name
            assert result["questions"][q.name]["rows"] > 0, q.name


def test_real_pipeline_with_two_processes_writes_the_same_graph():
    one = run.run_bench(6, seed=2, jobs=1, repeats=1)
    two = run.run_bench(6, seed=2, jobs=2, repeats=1)
    for key in ("docs", "words", "triples", "turtle_bytes"):
        assert one[key] == two[key], key
    assert {q: v["rows"] for q, v in one["questions"].items()} == {q: v["rows"] for q, v in two["questions"].items()}
    assert "workers build and serialise" in format_table(two)
    assert "workers build and serialise" not in format_table(one)


def test_a_child_s_peak_memory_is_its_own():
    import sys

    big = [sys.executable, "-c", "b = bytearray(200 * 1024 * 1024); b[::4096] = bytes(len(b[::4096]))"]
    small = [sys.executable, "-c", "pass"]
    _, big_mb = children.run_child(big)
    _, small_mb = children.run_child(small)   # after the big one: not the largest child so far
    assert big_mb >= 200 and small_mb < 100
    held = bytearray(300 * 1024 * 1024)    # nor this process's peak (Linux passes it on to what it starts)
    held[::4096] = bytes(len(held[::4096]))
    _, small_mb = children.run_child(small)
    del held
    assert small_mb < 100


def test_a_failing_child_raises():
    import subprocess
    import sys

    with pytest.raises(subprocess.CalledProcessError):
        children.run_child([sys.executable, "-c", "raise SystemExit(3)"])
