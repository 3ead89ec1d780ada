"""Writing a build's graph: the graph file and, with ``--store``, the on-disk store, in one pass
over the graph's chunks, and both in place together."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..graph.export import ChunkWriter

if TYPE_CHECKING:
    from ..graph.store_writer import StoreUpdate
    from . import BuildResult


def write_outputs(result: BuildResult, out: str | Path, fmt: str,
                  store: str | Path | None) -> tuple[Path, int, StoreUpdate | None]:
    """Write the graph to ``out`` (and the store) in one pass over its chunks, one document's
    triples in memory at a time. Returns (path written, triples written, StoreUpdate or None)."""
    writers: list[Any] = [ChunkWriter(out, fmt)]   # and a StoreWriter with ``store``
    if store:
        from ..graph.store_writer import StoreWriter

        try:
            writers.append(StoreWriter(store))
        except BaseException:
            writers[0].discard()
            raise
    try:
        if all(w.streams for w in writers):
            # serialised where the chunks are built (in worker processes with --jobs)
            triple_formats = sorted({f for w in writers for f in w.needs()[0]})
            whole_formats = sorted({f for w in writers for f in w.needs()[1]})
            for serialized in result.serialized_chunks(triple_formats, whole_formats):
                for w in writers:
                    w.write_serialized(serialized)
        else:
            for chunk in result.chunks():
                for w in writers:
                    w.write(chunk)
    except BaseException:
        for w in writers:
            w.discard()
        raise
    if not store:
        return writers[0].close(), writers[0].triples, None
    # The graph file and the store go in place together (kg.graph.store_commit.commit): after a kill at any
    # moment both are the previous build's or both this one's (the next build finishes a commit
    # a kill cut between the two).
    from ..graph.store_commit import commit

    try:
        out_tmp = writers[0].finish()
        work, update = writers[1].prepare()
    except BaseException:
        for w in writers:
            w.discard()
        raise
    commit(work, Path(store), out_tmp, writers[0].path)
    return writers[0].path, writers[0].triples, update
