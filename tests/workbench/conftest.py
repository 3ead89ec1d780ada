"""Fixtures of the views' tests: the sample graph, its index and the views written from it."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.workbench.network import index_graph, load_graph
from kg.workbench.views import write_views

TESTS = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def graph_path(sample_graph_path: Path) -> Path:
    """The graph of the five sample minutes as the pipeline builds it (a failed build fails the
    tests that use it)."""
    return sample_graph_path


@pytest.fixture(scope="module")
def index(graph_path: Path):
    return index_graph(load_graph(graph_path))


@pytest.fixture(scope="module")
def out(index, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("views")
    write_views(index, folder, "sample graph")
    return folder
