"""Python's cyclic garbage collector, switched in one place: paused where many small objects and no
reference cycles are made (the pipeline's stages, the rows of a large answer in the workbench),
frozen before a process ends. The pipeline and the workbench both need it, so it lives here, in
the base layer, and no other module of either layer touches ``gc`` for these purposes."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one stage. Resolution and graph building make
    millions of small objects and no reference cycles; with the collector on, each of its full
    passes walked the whole heap (the corpus, the extractions), which took half the time at
    2,000 documents."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def spare_the_final_collection() -> None:
    """For a command that is about to end its process: move every object alive into the
    collector's permanent generation, so that the collection at interpreter shutdown does not
    walk the whole heap (the pipeline's lexicons and caches, the build's result) once more to find
    no cycles. Measured on a rebuild of 300 minutes: 0.15-0.3 s of exit down to 0.12 s."""
    gc.freeze()
