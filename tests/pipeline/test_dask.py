"""``kg build --executor dask``: extraction on a Dask cluster gives the single-process graph, byte for byte."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg import cli, pipeline
from kg.graph.export import serialize

distributed = pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed (extra: dask)")

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"


@pytest.fixture(scope="module")
def scheduler() -> str:
    """A local cluster of two worker processes with one thread each, as workers on other machines
    run: the client talks to its scheduler over TCP."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, memory_limit="1GiB",
                                  dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample minutes plus a few synthetic ones, so that there are more batches than workers."""
    from bench.synth import write_corpus

    folder = tmp_path_factory.mktemp("cluster") / "minutes"
    shutil.copytree(SEEDS, folder)
    write_corpus(40, folder / "synthetic", seed=3)
    return folder


@pytest.mark.parametrize("fmt", ["turtle", "nquads"])
def test_dask_build_equals_the_single_process_build(scheduler, corpus, fmt) -> None:
    named = fmt == "nquads"
    local = pipeline.build([corpus], named_graphs=named)
    on_dask = pipeline.build([corpus], named_graphs=named, scheduler=scheduler)
    assert len(on_dask.documents) == 45
    assert [ex.minutes.document for ex in on_dask.extractions] == [ex.minutes.document for ex in local.extractions]
    assert serialize(on_dask.graph, fmt) == serialize(local.graph, fmt)


def test_kg_build_executor_dask(scheduler, corpus, tmp_path, capsys) -> None:
    assert cli.main(["build", str(corpus), "--out", str(tmp_path / "local.ttl"), "--no-cache", "-q"]) == 0
    assert cli.main(["build", str(corpus), "--out", str(tmp_path / "dask.ttl"), "--executor", "dask",
                     "--scheduler", scheduler, "-q"]) == 0
    assert (tmp_path / "dask.ttl").read_bytes() == (tmp_path / "local.ttl").read_bytes()
    # A rebuild takes every extraction from the cache and sends nothing to the cluster.
    assert cli.main(["build", str(corpus), "--out", str(tmp_path / "dask.ttl"), "--executor", "dask",
                     "--scheduler", scheduler]) == 0
    assert "45 (45 unchanged since the last build)" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["--executor", "dask"], ["--scheduler", "tcp://127.0.0.1:1"]])
def test_executor_and_scheduler_go_together(tmp_path, capsys, argv) -> None:
    assert cli.main(["build", str(SEEDS), "--out", str(tmp_path / "g.ttl"), *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--executor dask and --scheduler ADDRESS go together" in err
