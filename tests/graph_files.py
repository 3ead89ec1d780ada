"""Writing a graph file from chunks, as the tests build them: ``ChunkWriter`` over every chunk
(the build writes through ``kg.pipeline.outputs.write_outputs``, which takes a whole BuildResult)."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kg.graph.export import ChunkWriter


def write_chunks(chunks: Iterable, path: str | Path, fmt: str | None = None) -> tuple[Path, int]:
    """Write every chunk to ``path``; returns the path and the number of triples (quads) written."""
    with ChunkWriter(path, fmt) as writer:
        for chunk in chunks:
            writer.write(chunk)
    return writer.path, writer.triples
