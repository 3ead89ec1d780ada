"""Extraction on a Dask cluster: ``kg build --executor dask --scheduler ADDRESS``.

Segmenting and extracting a document needs nothing but the document, so documents are mapped to
the cluster's workers in batches; everything that needs the whole corpus (resolving identities,
building the graph) stays on the client, in ``kg.pipeline``. The result is the graph a
single-process build gives, byte for byte: each extraction is put back in its document's place.

The client reads the files and sends their text (workers need no access to them); each worker
needs motesgraf installed (``pip install 'motesgraf[dask]'``) and loads the spaCy pipeline once.
A worker sends an extraction back without the document's text, which the client already holds.
At most a few batches per worker are in flight, so the client's memory does not grow with the
corpus beyond the extractions themselves. Cached extractions (``.kg-cache``) are used as in a
local build, so a rebuild sends only new or changed documents.

Needs ``dask[distributed]`` (the optional extra ``dask``).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from ..errors import ClusterError
from ..models import Document, Extraction

BATCH = 16             # documents per task: amortises the scheduler's per-task cost (~1 ms)
IN_FLIGHT_PER_WORKER = 4


def extract_batch(docs: Sequence[Document]) -> list[Extraction]:
    """Run on a worker: extract each document, sending back no document text."""
    from .document import process_document

    out = []
    for doc in docs:
        ex = process_document(doc)
        out.append(replace(ex, minutes=replace(ex.minutes, document=replace(doc, text=""))))
    return out


def _restore(ex: Extraction, doc: Document) -> Extraction:
    return replace(ex, minutes=replace(ex.minutes, document=doc))


def _client(scheduler: str):
    try:
        from dask.distributed import Client
    except ImportError as e:
        raise ClusterError("dask: not installed; pip install 'motesgraf[dask]' (or dask[distributed]), "
                           "or build with --jobs N") from e
    try:
        return Client(scheduler, set_as_default=False, timeout=30)
    except (OSError, TimeoutError) as e:
        raise ClusterError(f"{scheduler}: cannot reach the Dask scheduler ({e}); "
                           "check --scheduler (e.g. tcp://10.0.0.5:8786) and that it is running") from e


def extract_on_dask(
    docs: list[Document], scheduler: str, cache=None, progress: Callable[[str], None] | None = None,
) -> tuple[list[Extraction], int]:
    """Extractions in document order, computed on the cluster at ``scheduler`` (cached ones reused)."""
    from dask.distributed import as_completed

    results: list[Extraction | None] = [cache.get(d) if cache else None for d in docs]
    todo = [k for k, r in enumerate(results) if r is None]
    reused = len(docs) - len(todo)
    batches = [todo[i:i + BATCH] for i in range(0, len(todo), BATCH)]
    client = _client(scheduler)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        window = workers * IN_FLIGHT_PER_WORKER
        pending = iter(enumerate(batches))
        running = as_completed(loop=client.loop)
        index_of = {}

        def submit_next() -> bool:
            nxt = next(pending, None)
            if nxt is None:
                return False
            b, batch = nxt
            future = client.submit(extract_batch, [docs[k] for k in batch], key=f"kg-extract-{b}-{docs[batch[0]].sha256[:16]}",
                                   pure=False)
            index_of[future.key] = b
            running.add(future)
            return True

        for _ in range(window):
            if not submit_next():
                break
        done = 0
        for future in running:
            batch = batches[index_of.pop(future.key)]
            for k, ex in zip(batch, future.result()):
                results[k] = _restore(ex, docs[k])
                done += 1
                if progress:
                    progress(f"[{done}/{len(todo)}] {docs[k].identifier}")
            future.release()
            submit_next()
    finally:
        client.close()
    if cache:
        for k in todo:
            cache.put(docs[k], results[k])
        cache.prune(docs)
    return [r for r in results if r is not None], reused
