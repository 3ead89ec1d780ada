"""The analyst notebooks: one per job, stored with their outputs (tables and plots), and they still
run top to bottom on the sample minutes through the public API only."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="notebook tests need nbformat (pip install -e '.[test]')")

ROOT = Path(__file__).parent.parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
API = ("kg", "kg.pipeline")   # kg's public API; kg.pipeline for build (kg.graph.build is the graph builder's module)


def code_of(path: Path) -> list[str]:
    return [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def outputs_of(nb) -> list[dict]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def assert_shows_tables_and_plots(nb) -> None:
    """At least one pandas DataFrame (HTML table) and one matplotlib figure (PNG), and no errors."""
    outputs = outputs_of(nb)
    assert not [o for o in outputs if o.output_type == "error"], "a cell failed"
    html = [o.data["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any('class="dataframe"' in h for h in html), "no DataFrame shown"
    assert any("image/png" in o.get("data", {}) for o in outputs), "no plot shown"
    printed = "".join(o.get("text", "") for o in outputs)
    assert re.search(r"^5 documents, \d+ triples", printed, re.M), printed[:500]


def test_there_are_notebooks() -> None:
    assert [p.name for p in NOTEBOOKS] == [
        "01_explore_corpus.ipynb", "02_who_presents_on_what.ipynb", "03_cross_department_collaboration.ipynb",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stored_with_its_outputs(path: Path) -> None:
    """Readable on GitHub without running: every code cell ran, in order, and left its output."""
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    assert_shows_tables_and_plots(nb)
    text = path.read_text("utf-8")
    assert "/tmp/" not in text, "outputs show a temporary path"
    assert "iopub." not in text, "execution timestamps (run nbclient with record_timing=False)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_uses_only_the_public_api(path: Path) -> None:
    source = "\n".join(code_of(path))
    modules = set(re.findall(r"^\s*(?:from|import)\s+(kg[\w.]*)", source, re.M))
    assert modules and modules <= set(API), sorted(modules - set(API))
    assert not re.search(r"\bkg\.\w+\._", source), "private names"
    assert "../tests/data/seeds" in source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_top_to_bottom(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nbclient = pytest.importorskip("nbclient", reason="notebook tests need nbclient (pip install -e '.[test]')")
    pytest.importorskip("pandas", reason="the notebooks need pandas (pip install -e '.[test]')")
    # The kernel imports kg from this checkout, whatever is installed.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()       # raises CellExecutionError, with the cell and traceback, on any error
    assert_shows_tables_and_plots(nb)
