"""Fixtures shared by the test modules. Keep each fixture small and documented."""
from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
SEEDS = DATA / "seeds"
GOLD = DATA / "gold"
FIXTURE_GRAPH = DATA / "fixture_graph.ttl"


@pytest.fixture(scope="session")
def fixture_graph_path() -> Path:
    """The hand-written graph of the five sample minutes (tests/data/fixture_graph.ttl)."""
    return FIXTURE_GRAPH


@pytest.fixture(scope="session")
def sample_graph_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The graph of the five sample minutes as the pipeline builds it, written as Turtle.

    No fallback: when the build fails, every test that needs the sample graph fails with it."""
    from kg import pipeline
    from kg.graph import export

    result = pipeline.build([SEEDS])
    assert not result.errors, f"the samples did not build: {result.errors}"
    assert len(result.graph) > 0, "the samples built an empty graph"
    path = tmp_path_factory.mktemp("sample") / "graph.ttl"
    export.write_turtle(result.graph, path)
    return path
