"""Extractions kept on disk between the stages of one build.

After extraction a build reads every document's Extraction twice more: once to resolve
identities across the corpus and once to write the document's graph. Held in memory they took
about 40 KB a document (400 MB at 10,000 documents, the largest part of a build's memory);
pickled into one temporary file they take about 16 KB of disk each and no memory, and reading
one back takes about 0.3 ms. So a build's working set stays the same size as the corpus grows:
what grows is the resolution (a key per mention) and the graph being written.

The spill may stay pickle (unlike the extraction cache, kg.pipeline.modeljson): its file is anonymous
(``tempfile.TemporaryFile``, unlinked at once), so only this build can read or write it, and it
is gone when the build ends.

An incremental build does not spill the documents it takes from the extraction cache: each is
a *deferred* entry, a function that loads it from the cache when it is asked for. A rebuild that
finds every document's graph in its cache then never decodes their extractions at all.
"""
from __future__ import annotations

import pickle
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import overload

from ..collector import collector_paused
from ..models import Extraction


class ExtractionSpill(Sequence[Extraction]):
    """An append-only sequence of Extractions stored pickled in an anonymous temporary file.

    Indexing and iterating unpickle on demand, so each access gives a fresh (equal) object.
    ``in_identifier_order`` tells ``kg.resolve`` it may read the spill as it is, without sorting
    (a build appends documents sorted by identifier). The file goes away with the object or on
    ``close``."""

    def __init__(self, items: Iterable[Extraction] = (), folder: str | None = None,
                 in_identifier_order: bool = False):
        self._file = tempfile.TemporaryFile(prefix="kg-extractions-", dir=folder)
        self._offsets: list[int] = [0]
        self.identifiers: list[str] = []   # each extraction's document, readable without unpickling
        self._deferred: dict[int, Callable[[], Extraction]] = {}   # index -> what loads it (append_deferred)
        self._lock = threading.Lock()
        self.in_identifier_order = in_identifier_order
        for ex in items:
            self.append(ex)

    def append(self, ex: Extraction) -> None:
        self.append_pickled(pickle.dumps(ex, protocol=pickle.HIGHEST_PROTOCOL), ex.minutes.document.identifier)

    def append_pickled(self, data: bytes, identifier: str) -> None:
        """Append an Extraction already pickled (as worker processes send them) of the document
        ``identifier``."""
        with self._lock:
            self._file.seek(self._offsets[-1])
            self._file.write(data)
            self._offsets.append(self._offsets[-1] + len(data))
            self.identifiers.append(identifier)

    def append_deferred(self, identifier: str, load: Callable[[], Extraction]) -> None:
        """Append the Extraction of the document ``identifier`` that ``load()`` gives when it is
        asked for (each time: nothing is kept), without storing it here."""
        with self._lock:
            self._deferred[len(self)] = load
            self._offsets.append(self._offsets[-1])
            self.identifiers.append(identifier)

    def pickled(self, k: int) -> bytes:
        """The k-th Extraction's pickle, as stored (a deferred one loaded and pickled)."""
        if k < 0:
            k += len(self)
        if not 0 <= k < len(self):
            raise IndexError(f"extraction {k} of {len(self)}")
        load = self._deferred.get(k)
        if load is not None:
            return pickle.dumps(load(), protocol=pickle.HIGHEST_PROTOCOL)
        start, end = self._offsets[k], self._offsets[k + 1]
        with self._lock:
            self._file.seek(start)
            return self._file.read(end - start)

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, k: int) -> Extraction: ...
    @overload
    def __getitem__(self, k: slice) -> list[Extraction]: ...

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        load = self._deferred.get(k + len(self) if k < 0 else k)
        if load is not None:
            return load()
        data = self.pickled(k)
        with collector_paused():   # unpickling makes many objects and no cycles
            return pickle.loads(data)

    def __iter__(self) -> Iterator[Extraction]:
        for k in range(len(self)):
            yield self[k]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, (str, bytes)):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other))

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def __repr__(self) -> str:
        return f"<ExtractionSpill of {len(self)} extractions, {self._offsets[-1] / 1e6:.1f} MB>"

    def close(self) -> None:
        self._file.close()

    def __del__(self) -> None:
        try:
            self._file.close()
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass

    def __reduce__(self):
        # a spill crossing a process boundary becomes a list: its file is this process's
        return (list, (list(self),))
