"""The errors of motesgraf: one tree under :class:`KgError`.

A ``KgError`` is a problem the user can fix. Its ``str()`` is one line, ``what: reason; what to
do`` (``graph.ttl: no such graph file; run kg build first, or give --graph PATH``), without the
``kg: error:`` that the command line puts before it: only ``kg.cli`` prints errors and chooses the
exit status (2 for every ``KgError``). Anything else that escapes a command is a bug, printed with
its traceback.

::

    KgError
     ├── InputError      a source file that cannot be used (kg.read: Unusable); its path is the "what",
     │                   added where the file's issue is reported, so the message is "reason; what to do"
     ├── ConfigError     an analyst's configuration file
     │    ├── GazetteerError   organizations.tsv and the other gazetteer files
     │    └── PatternsError    resources/patterns/*.jsonl (cue words, token patterns)
     ├── GraphError      a built graph
     │    ├── GraphFileError   a graph file that cannot be read (kg views, kg analyze)
     │    ├── StoreError       the on-disk Oxigraph store (kg build --store, kg query --store, ...)
     │    └── PushError        a graph that cannot be pushed as asked
     ├── QueryError      a query, its parameters or its answer
     ├── RemoteError     a triple store over HTTP (kg push, kg query --endpoint)
     ├── ServeError      the SPARQL server of kg serve
     ├── ClusterError    the Dask cluster of kg build --executor dask
     ├── WorkerDiedError a worker process of kg build --jobs that died (killed, or out of memory)
     └── DecodeError     an extraction cache entry that is not an encoded model value (rebuilt, never shown)

One exception of the project is no ``KgError``: ``kg.limits.TimeLimitExceeded`` is a
``BaseException``, as ``KeyboardInterrupt`` is, so that the readers' fences around third-party
parsers (``except Exception``) do not take a file that ran out of time for a damaged one.

The analyst's judgements file (``kg.resolve.load_judgements``) raises :class:`JudgementsError`,
a ``ConfigError`` that is also the ``ValueError`` it was before the tree.
"""
from __future__ import annotations

__all__ = [
    "ClusterError", "ConfigError", "DecodeError", "GazetteerError", "GraphError", "GraphFileError",
    "InputError", "JudgementsError", "KgError", "PatternsError", "PushError", "QueryError", "RemoteError", "ServeError", "StoreError",
    "WorkerDiedError",
]


class KgError(Exception):
    """A problem the user can fix; ``str()`` is one line: 'what: reason; what to do'."""


class InputError(KgError):
    """A source file that cannot be used; the message is ``reason; what to do`` (the path is
    added where the issue is reported)."""


class ConfigError(KgError):
    """An analyst's configuration file (gazetteer, judgements) that cannot be used."""


class GazetteerError(ConfigError, ValueError):
    """A gazetteer file that cannot be used. The message names the file and line and says what to
    do. Also a ValueError, as it was before the tree."""


class PatternsError(ConfigError, ValueError):
    """A patterns file (``resources/patterns/*.jsonl``) with a line that is not JSON: the message
    names the file and line. Also a ValueError, as it was before the tree."""


class JudgementsError(ConfigError, ValueError):
    """A judgements file that cannot be used. The message names the file (and line) and says what
    to do. Also a ValueError, as it was before the tree."""


class GraphError(KgError):
    """A built graph (a file or a store) that cannot be used as asked."""


class GraphFileError(GraphError):
    """A graph file that cannot be read."""


class StoreError(GraphError):
    """The on-disk Oxigraph store: missing, locked, not ours, or cannot be written."""


class PushError(GraphError):
    """A graph that cannot be pushed as asked (e.g. per document, without per-document graphs)."""


class QueryError(KgError):
    """A query, its parameters, or where it runs."""


class RemoteError(KgError):
    """A triple store over HTTP: unreachable, refusing, or answering something else."""


class ServeError(KgError):
    """The SPARQL server of ``kg serve``: not installed, cannot listen, stopped."""


class ClusterError(KgError):
    """The Dask cluster: not installed, unreachable, or failing."""


class WorkerDiedError(KgError):
    """A worker process of the build that died (killed, as the kernel kills one out of memory):
    the pool it belonged to is broken, so the build stops; fewer processes may fit."""


class DecodeError(KgError, ValueError):
    """The data is not an encoded model value (damaged, or written by something else)."""
