"""Export: the graph to Turtle (or another RDF syntax), deterministic and written atomically.

The same graph always gives the same bytes: rdflib's Turtle serialiser orders subjects and
predicates, and the graph has no blank nodes (build.py gives every node an IRI). Writing goes
to a temporary file that replaces the target only when complete, so an interrupted export
leaves the previous graph intact.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Graph

# file suffix -> rdflib format name
FORMATS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".n3": "n3",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".xml": "xml",
    ".trig": "trig",
    ".nq": "nquads",
}


def format_for(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"unknown RDF file type {suffix or '(none)'}; use one of {', '.join(sorted(FORMATS))}")
    return FORMATS[suffix]


QUAD_FORMATS = {"trig", "nquads"}


def serialize(graph: Graph, fmt: str = "turtle") -> bytes:
    if fmt in ("nt", "nquads"):
        # N-Triples and N-Quads from rdflib are in hash order: sort the lines for stable output.
        lines = graph.serialize(format=fmt, encoding="utf-8").splitlines(keepends=True)
        return b"".join(sorted(line for line in lines if line.strip()))
    return graph.serialize(format=fmt, encoding="utf-8")


def write_graph(graph: Graph, path: str | Path, fmt: str | None = None) -> Path:
    """Serialise ``graph`` to ``path`` atomically; the format comes from the suffix unless given."""
    path = Path(path)
    data = serialize(graph, fmt or format_for(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_turtle(graph: Graph, path: str | Path) -> Path:
    return write_graph(graph, path, "turtle")
