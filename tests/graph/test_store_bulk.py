"""A new store is bulk loaded a piece at a time (kg.graph.store_writer.BULK_LOAD_BYTES), so that Oxigraph's
loader never holds the whole graph: the pieces must be whole quads and give the very store one
load of the whole file gives."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.graph import store_writer as kg_store
from tests.oracles.graph import store_pieces

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"


@pytest.mark.parametrize("size", [1, 7, 100, 1 << 20])
def test_pieces_are_whole_lines_and_the_whole_file(tmp_path, size):
    data = b"<a> <b> <c> <g> .\n" * 5 + b'<a> <b> "a longer literal, with a \\n in it" <g> .\n' + b"<x> <y> <z> <g> ."
    path = tmp_path / "q.nq"
    path.write_bytes(data)
    pieces = list(store_pieces(path, size))
    assert b"".join(pieces) == data
    assert all(p.endswith(b"\n") for p in pieces[:-1]) and pieces[-1] == b"<x> <y> <z> <g> ."
    if size == 1 << 20:
        assert len(pieces) == 2   # all the lines that end, then the one that does not


def test_a_store_loaded_in_small_pieces_is_the_store_loaded_whole(tmp_path, monkeypatch):
    def built(name: str) -> set[str]:
        assert main(["build", str(SEEDS), "--out", str(tmp_path / f"{name}.ttl"), "--no-cache", "--quiet",
                     "--store", str(tmp_path / name)]) == 0
        s = ox.Store.read_only(str(tmp_path / name))
        try:
            return {str(q) for q in s}
        finally:
            del s

    whole = built("whole")
    monkeypatch.setattr(kg_store, "BULK_LOAD_BYTES", 4096)   # a few quads a piece
    pieces = built("pieces")
    assert pieces == whole and len(whole) > 1000
